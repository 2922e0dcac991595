/**
 * The server with a second real LSP client: Neovim 0.7's built-in client, headless (test/neovim/check.lua).
 * It proves the server needs nothing that only VS Code sends. Needs `nvim` (Debian: `apt-get install
 * neovim`) and a built server (`npm run build`); run it with `npm run test:neovim`, not with `npm test`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readCorpusFile } from '../protocol/corpusReader';
import { BUILTIN_CORPUS, corpusFile, makeTempFolder, SERVER_PATH, writeFiles } from '../protocol/lspClient';

interface CheckResult {
  readonly error?: string;
  readonly steps: string[];
  readonly capabilities: { hover: boolean; definition: boolean; completion: boolean };
  readonly diagnostics: { line: number; code: string; source: string }[];
  readonly hover: string;
  readonly definition: { uri: string; line: number }[];
  readonly completion: string[];
  readonly afterCorpusChange: { updated: boolean; diagnostics: { line: number; code: string }[] };
  readonly stopped: boolean;
}

const BRIEF = ['See [2023-JS §3.4] now.', 'And [2023-JS §3.', 'Also [2099-NVIM §3].', 'From texts/: [2099-TXT §1].', 'Not from corpus/: [2099-DEF §1].', ''].join('\n');

test('Neovim 0.7 as the client: diagnostics, hover, definition, completion, settings and corpus watching', () => {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.ok(!version.error && version.status === 0, 'nvim is not installed: apt-get install neovim');
  const workspace = makeTempFolder('pinpoint-neovim-');
  try {
    writeFiles(workspace.path, {
      'brief.md': BRIEF,
      'texts/2099-TXT.md': corpusFile('2099-TXT', 'In texts/', 'One.'),
      'corpus/2099-DEF.md': corpusFile('2099-DEF', 'In corpus/', 'One.'),
    });
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(__dirname, 'check.lua')}`], {
      cwd: workspace.path,
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, PINPOINT_SERVER: SERVER_PATH, PINPOINT_WORKSPACE: workspace.path, XDG_CACHE_HOME: path.join(workspace.path, '.cache'), XDG_STATE_HOME: path.join(workspace.path, '.state') },
    });
    const line = run.stdout.split('\n').find((entry) => entry.startsWith('{'));
    assert.ok(line, `Neovim printed its findings\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    const result = JSON.parse(line) as CheckResult;
    assert.equal(result.error, undefined, `the check ran to the end (steps done: ${result.steps?.join(', ')})`);
    assert.deepEqual(result.capabilities, { hover: true, definition: true, completion: true });
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.code, diagnostic.source]),
      [
        [2, 'unknown-document', 'pinpoint'],
        [4, 'unknown-document', 'pinpoint'],
      ],
      'texts/ is loaded from workspace/configuration, corpus/ is not',
    );
    assert.ok(result.hover.includes('双方欢迎中国商务部和俄罗斯经济发展部'), `hover shows §3.4: ${result.hover}`);
    const clause = readCorpusFile(fs.readFileSync(path.join(BUILTIN_CORPUS, '2023-JS.md'), 'utf8')).clauses.find((entry) => entry.path === '3.4');
    assert.deepEqual(
      result.definition.map((location) => [path.basename(new URL(location.uri).pathname), location.line]),
      [['2023-JS.md', clause?.line]],
      'definition lands on the line of §3.4',
    );
    assert.ok(path.dirname(new URL(result.definition[0].uri).pathname) === BUILTIN_CORPUS);
    for (const label of ['§3.1', '§3.4', '§3.15']) {
      assert.ok(result.completion.includes(label), `completion offers ${label}: ${result.completion.join(' ')}`);
    }
    assert.deepEqual(result.afterCorpusChange, { updated: true, diagnostics: [{ line: 4, code: 'unknown-document' }] }, 'the corpus file written on disk was picked up');
    assert.equal(result.stopped, true, 'the server stopped when asked');
  } finally {
    workspace.cleanup();
  }
});

