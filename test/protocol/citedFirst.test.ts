/**
 * A large corpus checks the open briefs before it is all read (issue 14: "first diagnostics must not wait for
 * anything that is not needed for them"): the files of the documents a brief cites are read first, by file name
 * on a cold start and by the index cache on a warm one, and the brief is checked against them at once, leaving
 * unchecked the citations of documents not loaded yet. Those first diagnostics may be partial, never wrong:
 * each of them is in the complete check that follows the load.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { corpusFile, fileUri, makeTempFolder, startServer } from './lspClient';

const FILES = 3000;

const idOf = (index: number): string => `2020-D${String(index).padStart(4, '0')}`;

const BRIEF = [
  '# Brief',
  '',
  `Cited and right: [${idOf(7)} §1]; cited past its end: [${idOf(1208)} §3]; never written: [2020-NOPE §1].`,
  '',
  `And a language version: [${idOf(2999)} §2.2].`,
  '',
].join('\n');

const key = (diagnostic: Diagnostic): string => `${diagnostic.code} ${diagnostic.range.start.line}:${diagnostic.range.start.character} ${diagnostic.message}`;

async function session(workspace: string, cacheDirectory: string): Promise<{ first: Diagnostic[]; final: Diagnostic[]; logs: string[] }> {
  const client = await startServer({
    workspaceFolders: [{ uri: fileUri(workspace), name: 'large' }],
    initializationOptions: { corpus: { paths: ['corpus'] } },
    serverArguments: ['--cache-directory', cacheDirectory],
    capabilities: (base) => ({ ...base, window: { workDoneProgress: true } }),
  });
  try {
    const uri = fileUri(path.join(workspace, 'brief.md'));
    client.openDocument(uri, BRIEF);
    await client.waitForProgressEnd(1, 120_000);
    // A request the server answers after everything queued before it: the complete check is published by then.
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const published = client.publications.filter((publication) => publication.uri === uri && publication.version === 1);
    assert.ok(published.length > 0, 'diagnostics were published for the brief');
    return { first: published[0].diagnostics, final: published[published.length - 1].diagnostics, logs: [...client.logs] };
  } finally {
    await client.dispose();
  }
}

test('a large corpus checks the open brief against the files it cites first; nothing first published is taken back', async (t) => {
  const workspace = makeTempFolder('pinpoint-cited-first-');
  t.after(workspace.cleanup);
  const cacheDirectory = `${workspace.path}-cache`;
  t.after(() => fs.rmSync(cacheDirectory, { recursive: true, force: true }));
  for (let index = 0; index < FILES; index++) {
    const folder = path.join(workspace.path, 'corpus', String(Math.floor(index / 1000)));
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${idOf(index)}.md`), corpusFile(idOf(index), `Agreement ${index}`, '## 1\n\nFirst article.\n\n## 2\n\nSecond article.\n'));
  }
  // The English and a French version of the last document (`ID.LANG.md`).
  fs.writeFileSync(path.join(workspace.path, 'corpus', '2', `${idOf(2999)}.fr.md`), corpusFile(idOf(2999), 'Accord', '## 1\n\nPremier.\n\n## 2\n\nSecond.\n', 'language: fr\n'));
  fs.writeFileSync(path.join(workspace.path, 'brief.md'), BRIEF);

  for (const start of ['cold', 'warm']) {
    const { first, final, logs } = await session(workspace.path, cacheDirectory);
    assert.ok(
      logs.some((line) => /checking the open briefs against the \d+ files they cite while the other \d+ files load/.test(line)),
      `${start}: the brief was checked before the corpus was all read:\n${logs.join('\n')}`,
    );
    const finalKeys = final.map(key).sort();
    assert.deepEqual(
      final.map((diagnostic) => diagnostic.code).sort(),
      ['unknown-clause', 'unknown-clause', 'unknown-document'],
      `${start}: the complete check: §3 of ${idOf(1208)}, §2.2 of ${idOf(2999)}, and the unknown document`,
    );
    for (const diagnostic of first) {
      assert.ok(finalKeys.includes(key(diagnostic)), `${start}: a first diagnostic stays in the complete check: ${key(diagnostic)}`);
    }
    assert.deepEqual(
      first.map((diagnostic) => diagnostic.code).sort(),
      ['unknown-clause', 'unknown-clause'],
      `${start}: the first check found both errors of cited documents and did not yet call 2020-NOPE unknown`,
    );
  }
  assert.ok(fs.readdirSync(cacheDirectory).some((name) => name.endsWith('.bin')), 'the index cache was written');
});
