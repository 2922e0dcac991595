/**
 * The server's own file watching (for clients that cannot register watchers), folder by folder (issue 14: one
 * watch of each folder, never one of each file): a change in a nested folder, a folder created, moved in,
 * renamed, deleted or moved away, the corpus folder itself deleted and created again, all seen through a
 * brief's diagnostics; folders beyond the walk's limits and links out of the corpus are not watched.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { Watching } from '../../server/src/workspace/watching';
import { inotifyWatches } from './inotify';
import { corpusFile, fileUri, makeTempFolder, startInWorkspace, startServer, writeFiles, type LspClient } from './lspClient';

function codes(diagnostics: Diagnostic[]): string {
  return diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${String(diagnostic.code)}`).join(' ');
}

/** Waits until the brief's diagnostics, published after `since`, are `expected` (line:code, space-separated). */
function briefSays(client: LspClient, briefUri: string, since: number, expected: string, describe: string): Promise<Diagnostic[]> {
  return client.waitForDiagnostics(briefUri, { since, accept: (diagnostics) => codes(diagnostics) === expected, describe: `${describe} (expecting "${expected}")` });
}

/**
 * Asserts the number of inotify watches of the server, on Linux (where its watches are inotify's). Watches of
 * new folders are set up in slices between requests: until the count is reached, each round trip of a cheap
 * request lets the server run the slices waiting before it (at most a few hundred, then the count is asserted).
 */
async function assertWatches(client: LspClient, expected: number, why: string): Promise<void> {
  const pid = client.child.pid ?? -1;
  for (let turn = 0; turn < 500 && inotifyWatches(pid) !== undefined && inotifyWatches(pid) !== expected; turn++) {
    await client.request('pinpoint/memoryUsage', {});
  }
  const watches = inotifyWatches(pid);
  if (watches !== undefined) {
    assert.equal(watches, expected, `${why}: the server holds ${watches} inotify watches`);
  }
}

/** A corpus file with `paragraphs` numbered paragraphs (so that `§N` resolves for N up to it). */
function document(id: string, paragraphs: number): string {
  return corpusFile(id, id, Array.from({ length: paragraphs }, (_, index) => `Paragraph ${index + 1}.`).join('\n\n'));
}

test('without watcher registration: a change in a nested folder, and files in a folder created after start-up, are seen', async (t) => {
  const { client, folder, uri } = await startInWorkspace({
    'corpus/a/b/2099-ONE.md': document('2099-ONE', 1),
    'corpus/c/2099-TWO.md': document('2099-TWO', 1),
  });
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  const brief = '[2099-ONE §2]\n[2099-NEW §1]\n[2099-LATER §1]\n';
  assert.equal(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, brief)), '0:unknown-clause 1:unknown-document 2:unknown-document');
  assert.deepEqual(client.registrations.filter((registration) => registration.method === 'workspace/didChangeWatchedFiles'), []);

  let since = client.mark();
  writeFiles(folder, { 'corpus/a/b/2099-ONE.md': document('2099-ONE', 2) });
  await briefSays(client, briefUri, since, '1:unknown-document 2:unknown-document', 'the change two folders down is seen');

  // Two new levels of folders at once, with a file: the new folders are watched and their file is read.
  since = client.mark();
  writeFiles(folder, { 'corpus/c/new/deeper/2099-NEW.md': document('2099-NEW', 1) });
  await briefSays(client, briefUri, since, '2:unknown-document', 'the file in the new folders is read');

  // A file added later in the new folder: that folder is watched itself, not only read once.
  since = client.mark();
  writeFiles(folder, { 'corpus/c/new/deeper/2099-LATER.md': document('2099-LATER', 1) });
  await briefSays(client, briefUri, since, '', 'a file added later in the new folder is read');
  // corpus, a, a/b, c, c/new, c/new/deeper: one watch each, none of a file.
  await assertWatches(client, 6, 'one watch for each folder of the corpus');
});

test('without watcher registration: a folder moved in whole is read and watched, one renamed is followed under its new name', async (t) => {
  const { client, folder, uri } = await startInWorkspace({
    'corpus/sub/2099-HERE.md': document('2099-HERE', 1),
    'staging/pack/2099-P1.md': document('2099-P1', 1),
    'staging/pack/inner/2099-P2.md': document('2099-P2', 1),
    'staging/pack/inner/innermost/2099-P3.md': document('2099-P3', 1),
  });
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  const brief = '[2099-P1 §1]\n[2099-P2 §2]\n[2099-P3 §1]\n[2099-P1 §2]\n';
  assert.equal(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, brief)), '0:unknown-document 1:unknown-document 2:unknown-document 3:unknown-document');

  // Moved in whole, with its files and two levels of subfolders: every file is read.
  let since = client.mark();
  fs.renameSync(path.join(folder, 'staging', 'pack'), path.join(folder, 'corpus', 'sub', 'pack'));
  await briefSays(client, briefUri, since, '1:unknown-clause 3:unknown-clause', 'the files of the moved-in folder are read');

  // Its subfolders are watched: a change one level down is seen.
  since = client.mark();
  writeFiles(folder, { 'corpus/sub/pack/inner/2099-P2.md': document('2099-P2', 2) });
  await briefSays(client, briefUri, since, '3:unknown-clause', 'a change in a subfolder of the moved-in folder is seen');
  await assertWatches(client, 5, 'corpus, sub, pack, inner, innermost');

  // Renamed inside the corpus, then changed at once: the folder is watched under its new name (the watch of
  // the old name, which would follow the folder, is closed).
  since = client.mark();
  fs.renameSync(path.join(folder, 'corpus', 'sub', 'pack'), path.join(folder, 'corpus', 'sub', 'renamed'));
  writeFiles(folder, { 'corpus/sub/renamed/2099-P1.md': document('2099-P1', 2) });
  await briefSays(client, briefUri, since, '', 'the change in the renamed folder is seen');
  since = client.mark();
  fs.rmSync(path.join(folder, 'corpus', 'sub', 'renamed', 'inner', 'innermost', '2099-P3.md'));
  await briefSays(client, briefUri, since, '2:unknown-document', 'its subfolders are watched under the new name too');
  await assertWatches(client, 5, 'the watches of the old name are closed');
});

test('without watcher registration: a folder deleted or moved away takes its documents with it, and they come back with it', async (t) => {
  const { client, folder, uri } = await startInWorkspace({
    'corpus/2099-STAY.md': document('2099-STAY', 1),
    'corpus/gone/2099-G1.md': document('2099-G1', 1),
    'corpus/gone/deep/2099-G2.md': document('2099-G2', 1),
    'corpus/away/2099-A1.md': document('2099-A1', 1),
    'corpus/away/sub/2099-A2.md': document('2099-A2', 1),
  });
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  const brief = '[2099-STAY §1]\n[2099-G1 §1]\n[2099-G2 §1]\n[2099-A1 §1]\n[2099-A2 §1]\n';
  assert.equal(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, brief)), '');

  let since = client.mark();
  fs.rmSync(path.join(folder, 'corpus', 'gone'), { recursive: true });
  await briefSays(client, briefUri, since, '1:unknown-document 2:unknown-document', 'the documents of the deleted folder are gone');

  since = client.mark();
  fs.mkdirSync(path.join(folder, 'outside'));
  fs.renameSync(path.join(folder, 'corpus', 'away'), path.join(folder, 'outside', 'away'));
  await briefSays(client, briefUri, since, '1:unknown-document 2:unknown-document 3:unknown-document 4:unknown-document', 'the documents of the folder moved away are gone');
  await assertWatches(client, 1, 'only the corpus folder is left to watch');

  // Moved back: read again, and watched again.
  since = client.mark();
  fs.renameSync(path.join(folder, 'outside', 'away'), path.join(folder, 'corpus', 'away'));
  await briefSays(client, briefUri, since, '1:unknown-document 2:unknown-document', 'the folder moved back is read again');
  since = client.mark();
  fs.rmSync(path.join(folder, 'corpus', 'away', 'sub', '2099-A2.md'));
  await briefSays(client, briefUri, since, '1:unknown-document 2:unknown-document 4:unknown-document', 'the folder moved back is watched again');
  await assertWatches(client, 3, 'corpus, away and away/sub');
});

test('without watcher registration: the corpus folder deleted forgets its documents, and created again reads them', async (t) => {
  const { client, folder, uri } = await startInWorkspace({
    'corpus/2099-ROOT.md': document('2099-ROOT', 1),
    'corpus/sub/2099-SUB.md': document('2099-SUB', 1),
  });
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  const brief = '[2099-ROOT §1]\n[2099-SUB §1]\n[2099-SUB §2]\n';
  assert.equal(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, brief)), '2:unknown-clause');
  const stamps = ['2099-ROOT.md', 'sub/2099-SUB.md'].map((file) => fs.statSync(path.join(folder, 'corpus', file)));

  let since = client.mark();
  fs.rmSync(path.join(folder, 'corpus'), { recursive: true });
  await briefSays(client, briefUri, since, '0:unknown-document 1:unknown-document 2:unknown-document', 'the deleted corpus folder’s documents are gone');

  // Created again with the same files, down to their modification times: read again all the same.
  since = client.mark();
  writeFiles(folder, { 'corpus/2099-ROOT.md': document('2099-ROOT', 1), 'corpus/sub/2099-SUB.md': document('2099-SUB', 1) });
  ['2099-ROOT.md', 'sub/2099-SUB.md'].forEach((file, index) => fs.utimesSync(path.join(folder, 'corpus', file), stamps[index].atime, stamps[index].mtime));
  await briefSays(client, briefUri, since, '2:unknown-clause', 'the corpus folder created again is read');
  since = client.mark();
  writeFiles(folder, { 'corpus/sub/2099-SUB.md': document('2099-SUB', 2) });
  await briefSays(client, briefUri, since, '', 'the corpus folder created again is watched');
  await assertWatches(client, 2, 'corpus and sub, and no longer the workspace folder');
});

test('without watcher registration: folders created deeper than the walk goes are not watched, and the log says so once', async (t) => {
  const { client, folder, uri } = await startInWorkspace({ 'corpus/2099-TOP.md': document('2099-TOP', 1) });
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  const brief = '[2099-SHALLOW §1]\n[2099-DEEP §1]\n';
  assert.equal(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, brief)), '0:unknown-document 1:unknown-document');
  // 31 and 34 folders below the corpus folder: the walk reads folders up to 32 levels deep.
  const levels = (count: number) => Array.from({ length: count }, (_, index) => `d${index}`).join('/');
  let since = client.mark();
  writeFiles(folder, { [`corpus/${levels(31)}/2099-SHALLOW.md`]: document('2099-SHALLOW', 1), [`corpus/${levels(34)}/2099-DEEP.md`]: document('2099-DEEP', 1) });
  await briefSays(client, briefUri, since, '1:unknown-document', 'the file 31 folders down is read, the one 34 down is not');
  const told = () => client.logs.filter((line) => line.includes('for changes: folders more than 32 levels deep are not watched'));
  await client.waitFor('the line about the depth limit', () => (told().length > 0 ? true : undefined));
  assert.match(told()[0], /^Pinpoint: not watching all of .*corpus for changes: folders more than 32 levels deep are not watched$/);

  // Another deep folder: still not watched, and not said again.
  since = client.mark();
  writeFiles(folder, { [`corpus/other/${levels(33)}/2099-DEEPER.md`]: document('2099-DEEPER', 1), 'corpus/2099-TOP.md': document('2099-TOP', 2) });
  client.changeDocument(briefUri, `${brief}[2099-TOP §2]\n[2099-DEEPER §1]\n`);
  await briefSays(client, briefUri, since, '1:unknown-document 3:unknown-document', 'a change at the top is seen, the deep file is not read');
  assert.equal(told().length, 1, 'said once');
  await assertWatches(client, 1 + 32 + 32, 'corpus, d0 … d31, other and other/d0 … d30');
});

test('without watcher registration: a link to a folder outside the corpus is not watched, one inside is watched once', async (t) => {
  const workspace = makeTempFolder();
  t.after(workspace.cleanup);
  writeFiles(workspace.path, {
    'corpus/real/2099-IN.md': document('2099-IN', 1),
    'outside/2099-OUT.md': document('2099-OUT', 1),
    'outside/more/2099-MORE.md': document('2099-MORE', 1),
  });
  fs.symlinkSync(path.join(workspace.path, 'outside'), path.join(workspace.path, 'corpus', 'out-link'));
  fs.symlinkSync(path.join(workspace.path, 'corpus', 'real'), path.join(workspace.path, 'corpus', 'zz-in-link'));
  const client = await startServer({ workspaceFolders: [{ uri: workspace.uri, name: 'ws' }] });
  t.after(() => client.dispose());
  const briefUri = fileUri(path.join(workspace.path, 'brief.md'));
  const brief = '[2099-IN §1]\n[2099-OUT §1]\n[2099-MORE §1]\n[2099-IN §2]\n';
  // The walk follows the link out at start-up (the documents are loaded)…
  assert.equal(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, brief)), '3:unknown-clause');
  // … but the watching stays inside the corpus folder: corpus and real (the link to it leads to the same folder).
  const since = client.mark();
  writeFiles(workspace.path, { 'corpus/real/2099-IN.md': document('2099-IN', 2) });
  await briefSays(client, briefUri, since, '', 'a change in the folder inside is seen');
  await assertWatches(client, 2, 'no watch outside the corpus folder, and one of a folder two paths lead to');
});

test('the folders of one root are watched within the limit of entries, and the log says once where it stopped', async (t) => {
  const scratch = makeTempFolder('pinpoint-watch-limit-');
  t.after(scratch.cleanup);
  const files: Record<string, string> = {};
  for (let index = 0; index < 12; index++) {
    files[`f${String(index).padStart(2, '0')}/n.md`] = 'x';
  }
  writeFiles(scratch.path, files);
  const warnings: string[] = [];
  const changed: string[][] = [];
  const watching = new Watching(
    {} as Connection,
    { warn: (message) => warnings.push(message), info: () => undefined },
    { filesChanged: (paths) => changed.push(paths), rootAppeared: () => undefined },
    { maxDepth: 32, maxFiles: 1000, maxEntries: 5 },
  );
  t.after(() => watching.dispose());
  const before = inotifyWatches(process.pid);
  watching.initialize({ registration: false, relativePatterns: false });
  await watching.update([{ path: scratch.path }], []);
  // The walk itself stops after five entries; the watching, at five folders.
  assert.deepEqual(watching.startPending(), [scratch.path], 'a small root is watched at once');
  if (before !== undefined) {
    assert.ok((inotifyWatches(process.pid) ?? 0) - before <= 5, 'at most five folders watched');
  }
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /^Pinpoint: not watching all of .* for changes: it holds more than 5 files and folders$/);
  assert.deepEqual(changed, [], 'nothing reported at start-up');
});

test('folders created later count towards the limit of one root, and the log says once where the watching stopped', async (t) => {
  const scratch = makeTempFolder('pinpoint-watch-limit-');
  t.after(scratch.cleanup);
  writeFiles(scratch.path, { 'a/1.md': 'x' });
  const warnings: string[] = [];
  const reported = new Set<string>();
  let heard: (() => void) | undefined;
  const watching = new Watching(
    {} as Connection,
    { warn: (message) => warnings.push(message), info: () => undefined },
    {
      filesChanged: (paths) => {
        paths.forEach((entry) => reported.add(path.relative(scratch.path, entry)));
        heard?.();
      },
      rootAppeared: () => undefined,
    },
    { maxDepth: 32, maxFiles: 1000, maxEntries: 4 },
  );
  t.after(() => watching.dispose());
  /** Waits until `file` is reported. */
  const reportedSoon = (file: string) =>
    new Promise<void>((resolve) => {
      heard = () => {
        if (reported.has(file)) {
          resolve();
        }
      };
      heard();
    });
  watching.initialize({ registration: false, relativePatterns: false });
  await watching.update([{ path: scratch.path }], []);
  assert.deepEqual(watching.startPending(), [scratch.path]);
  // The root and a/ are watched; b/ and c/ make four folders.
  for (const name of ['b', 'c']) {
    writeFiles(scratch.path, { [`${name}/1.md`]: 'x' });
    await reportedSoon(`${name}/1.md`);
  }
  assert.deepEqual(warnings, []);
  // A fifth folder is not watched (nor read); a change in a watched folder after it is reported, and the limit said once.
  writeFiles(scratch.path, { 'd/1.md': 'x' });
  writeFiles(scratch.path, { 'e/1.md': 'x' });
  writeFiles(scratch.path, { 'a/2.md': 'x' });
  await reportedSoon('a/2.md');
  assert.ok(!reported.has('d/1.md') && !reported.has('e/1.md'), [...reported].join(' '));
  assert.deepEqual(warnings, [`Pinpoint: not watching all of ${scratch.path} for changes: it has more than 4 folders`]);
});
