/**
 * Walks of folders and the reading of the workspace's briefs (issue 19, items 8 and 11): a walk stops at its
 * limits of depth, files and entries and says so once; the server answers requests while it reads a large
 * workspace, and no request waits for that reading; a huge Markdown file in the workspace is never read; and
 * the server's own file watching (for clients that cannot register watchers) covers the corpus folders only.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { MarkdownWalk, walkMarkdown, walkMarkdownAsync } from '../../server/src/nodeHost';
import { inotifyWatches } from './inotify';
import { corpusFile, fileUri, hoverText, makeTempFolder, positionOf, startInWorkspace, startServer, writeFiles } from './lspClient';

/** `depth` nested folders below `base`, as a relative path. */
function nested(base: string, depth: number): string {
  return path.join(base, ...Array.from({ length: depth }, (_, index) => `d${index}`));
}

test('a walk stops at its limits of files, entries and depth, and says so in one sentence', (t) => {
  const scratch = makeTempFolder('pinpoint-walk-');
  t.after(scratch.cleanup);
  const files: Record<string, string> = {};
  for (let index = 0; index < 12; index++) {
    files[`f${index % 3}/n${String(index).padStart(2, '0')}.md`] = 'x';
    files[`f${index % 3}/other${index}.txt`] = 'x';
  }
  files[`${nested('deep', 6)}/bottom.md`] = 'x';
  writeFiles(scratch.path, files);
  const roomy = { maxDepth: 10, maxFiles: 1000, maxEntries: 1000 };
  const all = walkMarkdown(scratch.path, roomy);
  assert.equal(all.files.length, 13);
  assert.equal(all.capped, undefined);

  const byFiles = walkMarkdown(scratch.path, { ...roomy, maxFiles: 5 });
  assert.deepEqual(byFiles.files, all.files.slice(0, 5), 'the first five in the same order');
  assert.equal(byFiles.capped, `stopped reading ${scratch.path} after 5 Markdown files`);
  assert.equal(byFiles.limit, 'maxFiles');

  const byEntries = walkMarkdown(scratch.path, { ...roomy, maxEntries: 10 });
  assert.ok(byEntries.files.length < all.files.length);
  assert.equal(byEntries.capped, `stopped reading ${scratch.path} after looking at 10 files and folders`);

  const byDepth = walkMarkdown(scratch.path, { ...roomy, maxDepth: 4 });
  assert.deepEqual(byDepth.files, all.files.filter((file) => !file.endsWith('bottom.md')));
  assert.equal(byDepth.capped, `did not read 1 folder of ${scratch.path} more than 4 levels deep`);
});

test('a walk keeps the first twenty problems and counts the others', (t) => {
  const scratch = makeTempFolder('pinpoint-walk-problems-');
  t.after(scratch.cleanup);
  for (let index = 0; index < 30; index++) {
    fs.symlinkSync(path.join(scratch.path, `missing-${index}`), path.join(scratch.path, `dangling-${String(index).padStart(2, '0')}.md`));
  }
  const walk = walkMarkdown(scratch.path);
  assert.equal(walk.warnings.length, 20);
  assert.equal(walk.moreWarnings, 10);
  assert.match(walk.warnings[0], /cannot read .*dangling-00\.md: it does not exist/);
});

test('an asynchronous walk lets the event loop run between slices and finds what the synchronous one finds', async (t) => {
  const scratch = makeTempFolder('pinpoint-walk-async-');
  t.after(scratch.cleanup);
  const files: Record<string, string> = {};
  for (let index = 0; index < 1200; index++) {
    files[`g${index % 40}/brief-${index}.md`] = 'x';
  }
  writeFiles(scratch.path, files);
  let done = false;
  let turns = 0;
  const turn = (): void => {
    turns++;
    if (!done) {
      setImmediate(turn);
    }
  };
  setImmediate(turn);
  const walked = await walkMarkdownAsync(scratch.path);
  done = true;
  assert.ok(turns >= 3, `the event loop turned ${turns} times during the walk`);
  assert.deepEqual(walked, walkMarkdown(scratch.path));
  // A small tree is read in the first slice, before the promise is even returned.
  const small = new MarkdownWalk(path.join(scratch.path, 'g0'));
  assert.equal(small.step(256), true);
});

test('a walk does not enter the system’s pseudo file systems', { skip: process.platform !== 'linux' ? 'Linux only: /proc' : undefined }, () => {
  const walk = walkMarkdown('/proc');
  assert.deepEqual(walk, { files: [], warnings: [], moreWarnings: 0 });
});

test('the server answers requests while it reads a large workspace, refuses a rename until every brief is read, then references are complete', async (t) => {
  const workspace = makeTempFolder('pinpoint-large-workspace-');
  t.after(workspace.cleanup);
  writeFiles(workspace.path, {
    'corpus/2099-W.md': corpusFile('2099-W', 'A treaty', 'Only paragraph.'),
    // Read last: the walk is sorted, and `zz` comes after every `f…` folder.
    'zz/last/closed.md': 'Closed: [2099-W §1].\n',
  });
  for (let index = 0; index < 8_000; index++) {
    fs.mkdirSync(path.join(workspace.path, `f${String(index).padStart(5, '0')}`));
  }
  const client = await startServer({
    workspaceFolders: [{ uri: workspace.uri, name: 'large' }],
    initializationOptions: { corpus: { includeLibrary: false } },
    capabilities: (base) => ({ ...base, window: { workDoneProgress: true } }),
  });
  t.after(() => client.dispose());
  const openUri = fileUri(path.join(workspace.path, 'open.md'));
  const brief = 'Open: [2099-W §1] and [2023-JS §3.4].\n';
  client.openDocument(openUri, brief);
  await client.waitFor("the progress of reading the workspace's briefs", () => (client.activeProgress.size > 0 ? true : undefined));

  const hover = hoverText(await client.hover(openUri, positionOf(brief, '§3.4', { at: 1 })));
  assert.match(hover, /双方欢迎中国商务部/);
  const position = positionOf(brief, '[2099', { at: 'end' });
  await assert.rejects(
    client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: openUri }, position, newName: '2099-WW' }),
    (error: Error) => /still reading the workspace's briefs/.test(error.message),
  );
  assert.ok(client.activeProgress.size > 0, 'the hover and the refusal came while the briefs were still being read');

  await client.waitForProgressEnd(1, 120_000);
  const relative = (uri: string): string => path.relative(workspace.path, new URL(uri).pathname);
  const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: openUri }, position, context: { includeDeclaration: false } });
  assert.deepEqual(references.map((location) => relative(location.uri)).sort(), ['open.md', 'zz/last/closed.md']);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: openUri }, position, newName: '2099-WW' });
  assert.deepEqual(Object.keys(edit.changes ?? {}).map(relative).sort(), ['corpus/2099-W.md', 'open.md', 'zz/last/closed.md']);
});

test('folders deeper than the limits are left out and said once, for the corpus and for the briefs', async (t) => {
  const { client, uri } = await startInWorkspace({
    [`${nested('corpus', 34)}/deep.md`]: corpusFile('2099-DEEP', 'Too deep', 'Only paragraph.'),
    'corpus/2099-TOP.md': corpusFile('2099-TOP', 'On top', 'Only paragraph.'),
    [`${nested('notes', 26)}/deep-brief.md`]: 'Deep: [2099-TOP §1].\n',
  });
  t.after(() => client.dispose());
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), '[2099-TOP §1] [2099-DEEP §1]\n');
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['unknown-document']);
  const corpusLines = () => client.logs.filter((line) => /\/corpus more than 32 levels deep/.test(line));
  const briefLines = () => client.logs.filter((line) => /more than 24 levels deep/.test(line));
  await client.waitFor('the line about the deep briefs', () => (briefLines().length > 0 ? true : undefined));
  // Settings changed: the corpus is not walked again, the briefs of known folders are not read again.
  const since = client.mark();
  client.notifyConfigurationChanged(null);
  await client.changeDocumentAndWaitForDiagnostics(uri('brief.md'), '[2099-TOP §1]\n');
  assert.ok(client.mark() > since);
  assert.equal(corpusLines().length, 1, client.logs.join('\n'));
  assert.equal(briefLines().length, 1, client.logs.join('\n'));
  const references = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri: uri('brief.md') },
    position: { line: 0, character: 3 },
    context: { includeDeclaration: false },
  });
  assert.deepEqual(references.map((location) => path.basename(location.uri)), ['brief.md'], 'the brief too deep is not counted');
});

test('a 200 MB Markdown file in the workspace is not read, and the log says so once', async (t) => {
  const { client, folder, uri } = await startInWorkspace({ 'notes/small.md': 'Small: [2023-JS §3.4].\n' });
  t.after(() => client.dispose());
  // Sparse: 200 MB on paper, nothing on disk; a reader that read it would hold 200 MB.
  const huge = path.join(folder, 'notes', 'huge.md');
  fs.writeFileSync(huge, '');
  fs.truncateSync(huge, 200 * 1024 * 1024);
  const brief = 'See [2023-JS §3.4].\n';
  await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), brief);
  // A file event makes the server look at it now, whether or not its first reading had passed it.
  client.notifyWatchedFiles([{ uri: uri('notes/huge.md'), type: 2 }]);
  const told = () => client.logs.filter((line) => line.includes(huge));
  await client.waitFor('the line about huge.md', () => (told().length > 0 ? true : undefined));
  assert.match(told()[0], /left .*huge\.md \(200 MB\) out of references, rename and citation counts: briefs are read from disk up to 4 MB/);
  client.notifyWatchedFiles([{ uri: uri('notes/huge.md'), type: 2 }]);
  const references = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri: uri('brief.md') },
    position: positionOf(brief, '§3', { at: 1 }),
    context: { includeDeclaration: false },
  });
  assert.deepEqual(references.map((location) => path.basename(location.uri)).sort(), ['brief.md', 'small.md']);
  assert.equal(told().length, 1, 'said once');
  assert.ok(client.residentKiB() < 400 * 1024, `the server holds ${client.residentKiB()} KiB`);
});

test('without watcher registration the server watches the corpus folders only, also before they exist', { skip: process.platform !== 'linux' ? 'Linux only: counts inotify watches' : undefined }, async (t) => {
  const files: Record<string, string> = {};
  for (let index = 0; index < 300; index++) {
    files[`w${String(index).padStart(3, '0')}/notes.md`] = 'Nothing cited.\n';
  }
  const { client, folder, uri } = await startInWorkspace(files);
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  const brief = '[2099-NEW §1]\n[2099-SUB §1]\n';
  const codes = (diagnostics: { code?: unknown }[]) => diagnostics.map((diagnostic) => diagnostic.code).join(' ');
  assert.equal(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, brief)), 'unknown-document unknown-document');

  // corpus/ does not exist yet: it is created with a file, then a file in a new subfolder.
  let since = client.mark();
  writeFiles(folder, { 'corpus/2099-NEW.md': corpusFile('2099-NEW', 'New', 'Only paragraph.') });
  await client.waitForDiagnostics(briefUri, { since, accept: (diagnostics) => codes(diagnostics) === 'unknown-document', describe: 'corpus/ created with 2099-NEW' });
  since = client.mark();
  writeFiles(folder, { 'corpus/sub/2099-SUB.md': corpusFile('2099-SUB', 'Sub', 'Only paragraph.') });
  await client.waitForDiagnostics(briefUri, { since, accept: (diagnostics) => codes(diagnostics) === '', describe: 'corpus/sub/2099-SUB.md found' });
  const watches = inotifyWatches(client.child.pid ?? -1) ?? -1;
  assert.ok(watches >= 1 && watches <= 5, `the server holds ${watches} inotify watches for a workspace of 300 folders with a corpus of 2`);
});
