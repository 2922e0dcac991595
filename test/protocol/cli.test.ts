/**
 * The command line end to end (spec.md §5): `node bin/pinpoint.js check …` prints compiler-style lines and
 * exits 1 on errors, 0 when clean, 2 for bad usage; `--format json` and `--format sarif` are JSON; and it
 * finds what the language server finds in the same briefs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusFile, fileUri, makeTempFolder, REPOSITORY, startServer, writeFiles } from './lspClient';

const CODES = new Set(['unknown-document', 'unknown-clause', 'malformed-citation', 'invalid-range', 'corpus-error']);
const PROBLEM_LINE = /^(.+):(\d+):(\d+): (error|warning|info|note) ([a-z]+(?:-[a-z]+)*): (.+)$/;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function pinpoint(args: readonly string[], cwd = REPOSITORY): Run {
  const result = spawnSync(process.execPath, [path.join(REPOSITORY, 'bin', 'pinpoint.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

function problemsOf(output: string): Problem[] {
  return output
    .split('\n')
    .map((line) => PROBLEM_LINE.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ file: match[1], line: Number(match[2]), column: Number(match[3]), severity: match[4], code: match[5], message: match[6] }));
}

test('check examples: exit 1 and one compiler-style line per problem, each pointing into a citation', () => {
  const run = pinpoint(['check', 'examples']);
  assert.equal(run.status, 1, `exit 1 when there are errors\n${run.stdout}\n${run.stderr}`);
  const problems = problemsOf(run.stdout);
  assert.ok(problems.length > 0, `problems printed on standard output:\n${run.stdout}`);
  for (const problem of problems) {
    assert.equal(problem.severity, 'error', 'every code of spec.md is an error');
    assert.ok(CODES.has(problem.code), `${problem.code} is a code of spec.md`);
    const lines = fs.readFileSync(path.join(REPOSITORY, problem.file), 'utf8').split(/\r?\n/);
    const text = lines[problem.line - 1];
    assert.ok(text !== undefined, `${problem.file}:${problem.line} exists`);
    const before = text.slice(0, problem.column); // up to and with the character the column names
    assert.ok(before.lastIndexOf('[') > before.lastIndexOf(']'), `${problem.file}:${problem.line}:${problem.column} lies on or inside a bracket: ${text}`);
  }
  const lines = run.stdout.split('\n').filter((line) => line.trim().length > 0);
  const others = lines.filter((line) => !PROBLEM_LINE.test(line));
  assert.ok(others.length <= 1, `besides the problems at most a summary line: ${others.join(' | ')}`);
});

test('check and the language server find the same problems in the example briefs', async (t) => {
  const run = pinpoint(['check', 'examples']);
  const fromCli = problemsOf(run.stdout)
    .map((problem) => `${path.basename(problem.file)}:${problem.line}:${problem.column}:${problem.code}`)
    .sort();
  const client = await startServer({ workspaceFolders: [{ uri: fileUri(path.join(REPOSITORY, 'examples')), name: 'examples' }] });
  t.after(() => client.dispose());
  const fromServer: string[] = [];
  for (const name of fs.readdirSync(path.join(REPOSITORY, 'examples')).filter((entry) => entry.endsWith('.md'))) {
    const filePath = path.join(REPOSITORY, 'examples', name);
    const diagnostics = await client.openDocumentAndWaitForDiagnostics(fileUri(filePath), fs.readFileSync(filePath, 'utf8'));
    for (const diagnostic of diagnostics) {
      fromServer.push(`${name}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}:${diagnostic.code}`);
    }
  }
  assert.deepEqual(fromCli, fromServer.sort());
});

test('a clean brief exits 0 and prints no problem', () => {
  const folder = makeTempFolder('pinpoint-cli-');
  try {
    writeFiles(folder.path, { 'clean.md': '# Clean\n\nSee [2023-JS §3.4] and [2023-ECON §2.4].\n\n`[2099-NOT §1]` is code.\n' });
    const run = pinpoint(['check', path.join(folder.path, 'clean.md')]);
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.deepEqual(problemsOf(run.stdout), []);
    const folderRun = pinpoint(['check', folder.path]);
    assert.equal(folderRun.status, 0, 'a folder of clean briefs exits 0 too');
  } finally {
    folder.cleanup();
  }
});

test('a missing path exits 2 and says which path does not exist', () => {
  const missing = path.join(REPOSITORY, 'no-such-folder-for-pinpoint');
  const run = pinpoint(['check', missing]);
  assert.equal(run.status, 2);
  assert.ok(run.stderr.includes('no-such-folder-for-pinpoint'), `the message names the path: ${run.stderr}`);
  assert.match(run.stderr, /does not exist|not found|no such/i);
});

test('bad usage exits 2 with a message', () => {
  for (const args of [['check', 'examples', '--format', 'xml'], ['check', '--no-such-option'], ['check', 'examples', '--corpus']]) {
    const run = pinpoint(args);
    assert.equal(run.status, 2, `${args.join(' ')} is bad usage`);
    assert.ok(run.stderr.trim().length > 0, `${args.join(' ')} says why`);
  }
});

test('--format json parses and holds the same problems as the text form', () => {
  const text = problemsOf(pinpoint(['check', 'examples']).stdout);
  const run = pinpoint(['check', 'examples', '--format', 'json']);
  assert.equal(run.status, 1);
  const parsed = JSON.parse(run.stdout) as unknown;
  const serialized = JSON.stringify(parsed);
  for (const problem of text) {
    assert.ok(serialized.includes(problem.code), `${problem.code} is in the JSON`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { problems?: unknown[] }).problems;
  assert.ok(Array.isArray(list), 'the JSON holds a list of problems');
  assert.equal(list.length, text.length, 'as many problems as the text form');
});

test('--format sarif parses as SARIF 2.1.0 with the problems as runs[0].results', () => {
  const text = problemsOf(pinpoint(['check', 'examples']).stdout);
  const run = pinpoint(['check', 'examples', '--format', 'sarif']);
  assert.equal(run.status, 1);
  const sarif = JSON.parse(run.stdout) as {
    version: string;
    runs: { tool: { driver: { name: string } }; results: { ruleId: string; level?: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }[] }[] }[];
  };
  assert.equal(sarif.version, '2.1.0');
  assert.ok(Array.isArray(sarif.runs) && sarif.runs.length > 0);
  const results = sarif.runs[0].results;
  assert.ok(Array.isArray(results));
  assert.equal(results.length, text.length, 'one result per problem');
  for (const result of results) {
    assert.ok(CODES.has(result.ruleId), `${result.ruleId} is a code of spec.md`);
    assert.ok(result.message.text.length > 0);
    const location = result.locations[0].physicalLocation;
    assert.ok(location.artifactLocation.uri.includes('broken-citations.md') || text.some((problem) => location.artifactLocation.uri.endsWith(path.basename(problem.file))));
    assert.ok(text.some((problem) => problem.line === location.region.startLine && problem.code === result.ruleId), `result at line ${location.region.startLine} matches the text form`);
  }
});

test('--corpus adds a corpus, --no-builtin drops the built-in one, and a broken corpus file is reported while the rest works', () => {
  const folder = makeTempFolder('pinpoint-cli-');
  try {
    writeFiles(folder.path, {
      'texts/2099-OK.md': corpusFile('2099-OK', 'Fine', 'One.\n\nTwo.'),
      'texts/broken.md': '---\nid: [broken\ntitle: x\n---\n\nText.\n',
      'brief.md': 'See [2099-OK §2] and [2023-JS §3.4].\n',
    });
    const brief = path.join(folder.path, 'brief.md');
    const corpus = path.join(folder.path, 'texts');
    const withCorpus = problemsOf(pinpoint(['check', brief, '--corpus', corpus]).stdout);
    assert.deepEqual(
      withCorpus.map((problem) => [path.basename(problem.file), problem.code]),
      [['broken.md', 'corpus-error']],
      'only the broken corpus file is reported; the brief resolves both corpora',
    );
    const withoutBuiltIn = problemsOf(pinpoint(['check', brief, '--corpus', corpus, '--no-builtin']).stdout).filter((problem) => problem.file.endsWith('brief.md'));
    assert.deepEqual(
      withoutBuiltIn.map((problem) => [problem.line, problem.column, problem.code]),
      [[1, 'See [2099-OK §2] and ['.length + 1, 'unknown-document']],
    );
    const withoutCorpus = pinpoint(['check', brief]);
    assert.equal(withoutCorpus.status, 1);
    assert.deepEqual(
      problemsOf(withoutCorpus.stdout).map((problem) => problem.code),
      ['unknown-document'],
    );
  } finally {
    folder.cleanup();
  }
});
