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

/** A treaty whose numbers trip positional pinpoints: article 2 is missing, paragraphs print (1), (3), an annex. */
const treatyBody = (index: number): string =>
  [
    `## Article 1 – Scope of agreement ${index}`,
    '',
    '(1) The Parties shall cooperate.',
    '',
    '(3) The Parties shall report:',
    '',
    '- (a) each year;',
    '- (b) when asked.',
    '',
    '## Article 3',
    '',
    `This Agreement enters into force on day ${index}.`,
    '',
    '# Annex I',
    '',
    '## Article 1',
    '',
    'Annexed rules.',
  ].join('\n');

const TREATIES = 1200;
const CITED = 100;
const treatyId = (index: number): string => `2021-T${String(index).padStart(4, '0')}`;

test('cited files parsed by worker threads give the same diagnostics, hovers and definitions as files parsed by the server itself', async (t) => {
  const workspace = makeTempFolder('pinpoint-parse-workers-');
  t.after(workspace.cleanup);
  for (let index = 0; index < TREATIES; index++) {
    const folder = path.join(workspace.path, 'corpus', String(Math.floor(index / 400)));
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${treatyId(index)}.md`), corpusFile(treatyId(index), `Agreement ${index}`, treatyBody(index), 'date: 2021-01-01\n'));
  }
  // Traps among the cited files: one is not text (the server reads it itself and says why), one has no front
  // matter (not a corpus file), one has a duplicate clause number (a corpus error of its own).
  fs.writeFileSync(path.join(workspace.path, 'corpus', '0', `${treatyId(3)}.md`), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]));
  fs.writeFileSync(path.join(workspace.path, 'corpus', '0', `${treatyId(4)}.md`), '# Just notes\n\n## Article 1\n\nNotes.\n');
  fs.writeFileSync(path.join(workspace.path, 'corpus', '0', `${treatyId(5)}.md`), corpusFile(treatyId(5), 'Twice', '## Article 1\n\nOne.\n\n## Article 1\n\nAgain.\n'));
  const pinpoints = ['§1.2', 'art. 1(3)(b)', 'art. 2', '§2', 'art. 1(2)', 'annex I art. 1', '§1.2.1', 'art. 3'];
  const lines = ['# Brief', ''];
  for (let index = 0; index < CITED; index++) {
    lines.push(`- See [${treatyId(index)} ${pinpoints[index % pinpoints.length]}].`);
  }
  const brief = `${lines.join('\n')}\n`;
  fs.writeFileSync(path.join(workspace.path, 'brief.md'), brief);

  const run = async (workers: string): Promise<{ diagnostics: string[]; final: string[]; hovers: unknown[]; definitions: unknown[]; logs: string[] }> => {
    const cacheDirectory = makeTempFolder('pinpoint-parse-workers-cache-');
    t.after(cacheDirectory.cleanup);
    const client = await startServer({
      workspaceFolders: [{ uri: fileUri(workspace.path), name: 'treaties' }],
      initializationOptions: { corpus: { paths: ['corpus'] } },
      serverArguments: ['--cache-directory', cacheDirectory.path],
      capabilities: (base) => ({ ...base, window: { workDoneProgress: true } }),
      env: { PINPOINT_PARSE_WORKERS: workers },
    });
    try {
      const uri = fileUri(path.join(workspace.path, 'brief.md'));
      client.openDocument(uri, brief);
      const first = await client.waitForVersion(uri, 1, 120_000);
      // The first check, against the cited files only: hovers and definitions answer from the same skeletons.
      const hovers: unknown[] = [];
      const definitions: unknown[] = [];
      for (let line = 2; line < 2 + 12; line++) {
        const position = { line, character: 10 };
        hovers.push(await client.request('textDocument/hover', { textDocument: { uri }, position }));
        definitions.push(await client.request('textDocument/definition', { textDocument: { uri }, position }));
      }
      await client.waitForProgressEnd(1, 120_000);
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      const final = client.latestDiagnostics(uri)?.diagnostics ?? [];
      return { diagnostics: first.diagnostics.map(key).sort(), final: final.map(key).sort(), hovers, definitions, logs: [...client.logs] };
    } finally {
      await client.dispose();
    }
  };
  const inWorkers = await run('2');
  const inServer = await run('0');
  assert.ok(
    inWorkers.logs.some((line) => /reading the \d+ files the open briefs cite in 2 worker threads/.test(line)),
    `the cited files were parsed in worker threads:\n${inWorkers.logs.join('\n')}`,
  );
  assert.ok(!inServer.logs.some((line) => /worker threads/.test(line)), 'PINPOINT_PARSE_WORKERS=0 parses in the server itself');
  assert.ok(inWorkers.logs.some((line) => line.includes('not a text file')), `the file that is not text was reported:\n${inWorkers.logs.join('\n')}`);
  assert.deepEqual(inWorkers.diagnostics, inServer.diagnostics, 'the same first diagnostics');
  assert.deepEqual(inWorkers.final, inServer.final, 'the same complete diagnostics');
  assert.deepEqual(inWorkers.hovers, inServer.hovers, 'the same hovers');
  assert.deepEqual(inWorkers.definitions, inServer.definitions, 'the same definitions');
  // The check is real: it found the positional pinpoints that miss, the unknown article, the two odd files.
  const codes = new Set(inWorkers.final.map((line) => line.split(' ')[0]));
  for (const code of ['unknown-clause', 'positional-mismatch', 'unknown-document']) {
    assert.ok(codes.has(code), `a ${code} among:\n${inWorkers.diagnostics.join('\n')}`);
  }
  assert.ok(inWorkers.hovers.some((hover) => JSON.stringify(hover).includes('The Parties shall report')), 'a hover shows the clause text');
});
