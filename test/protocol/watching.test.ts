/**
 * Corpus watching through the protocol (spec.md §4): adding, changing or deleting a corpus file updates
 * every open brief without a restart. The server registers a watcher when the client allows dynamic
 * registration (and then the client's notifications are the only news), watches the file system itself
 * when the client cannot (and then no notification is needed), and handles `workspace/didChangeWatchedFiles`
 * even when it registered no watcher.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic, FileSystemWatcher } from 'vscode-languageserver-protocol';
import { corpusFile, fileUri, makeTempFolder, SERVER_PATH, startInWorkspace, startServer, writeFiles } from './lspClient';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

/** What a brief citing `[2099-ONE §2]` and `[2099-TWO §1]` is told. */
const BRIEF = 'See [2099-ONE §2].\nSee [2099-TWO §1].\n';

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${diagnostic.code}`);
}

function codesAre(expected: string[]): (diagnostics: Diagnostic[]) => boolean {
  return (diagnostics) => codes(diagnostics).join(' ') === expected.join(' ');
}

/** A glob of the LSP (`**`, `*`, `?`, `{a,b}`) as a regular expression over `/`-separated paths. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (glob.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      source += '(?:';
    } else if (char === '}') {
      source += ')';
    } else if (char === ',') {
      source += '|';
    } else {
      source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** True when one of the registered watchers covers the file. */
function watches(watchers: readonly FileSystemWatcher[], filePath: string): boolean {
  return watchers.some((watcher) => {
    const pattern = watcher.globPattern;
    if (typeof pattern === 'string') {
      return globToRegExp(pattern).test(filePath.split(path.sep).join('/'));
    }
    const base = typeof pattern.baseUri === 'string' ? pattern.baseUri : pattern.baseUri.uri;
    const basePath = new URL(base).pathname;
    const relative = path.relative(decodeURIComponent(basePath), filePath);
    return !relative.startsWith('..') && globToRegExp(pattern.pattern).test(relative.split(path.sep).join('/'));
  });
}

test('with dynamic registration: the server registers a watcher for the corpus, and notifications alone update briefs', async (t) => {
  const { client, folder, uri } = await startInWorkspace(
    { 'corpus/2099-ONE.md': corpusFile('2099-ONE', 'One', 'Only one paragraph.') },
    { watcherRegistration: true },
  );
  t.after(() => client.dispose());
  const registration = await client.waitForRegistration('workspace/didChangeWatchedFiles');
  const watchers = (registration.registerOptions as { watchers: FileSystemWatcher[] }).watchers;
  for (const file of ['corpus/2099-ONE.md', 'corpus/2099-TWO.md', 'corpus/deeper/folder/2099-THREE.md']) {
    assert.ok(watches(watchers, path.join(folder, file)), `the watchers cover ${file}: ${JSON.stringify(watchers)}`);
  }
  assert.ok(!watches(watchers, path.join(folder, 'brief.md')) || watchers.length > 0, 'briefs need not be watched');

  const briefUri = uri('brief.md');
  assert.deepEqual(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF)), ['0:unknown-clause', '1:unknown-document']);

  // Added.
  writeFiles(folder, { 'corpus/2099-TWO.md': corpusFile('2099-TWO', 'Two', 'Two’s paragraph.') });
  let since = client.mark();
  client.notifyWatchedFiles([{ uri: uri('corpus/2099-TWO.md'), type: CREATED }]);
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre(['0:unknown-clause']), describe: 'the added document resolves' });

  // Changed.
  writeFiles(folder, { 'corpus/2099-ONE.md': corpusFile('2099-ONE', 'One', 'First paragraph.\n\nSecond paragraph.') });
  since = client.mark();
  client.notifyWatchedFiles([{ uri: uri('corpus/2099-ONE.md'), type: CHANGED }]);
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre([]), describe: 'the changed document has §2' });

  // Deleted.
  fs.rmSync(path.join(folder, 'corpus/2099-TWO.md'));
  since = client.mark();
  client.notifyWatchedFiles([{ uri: uri('corpus/2099-TWO.md'), type: DELETED }]);
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre(['1:unknown-document']), describe: 'the deleted document is gone' });

  // Added in a new subfolder, and broken: the corpus file is told, the brief is not.
  writeFiles(folder, { 'corpus/deeper/folder/2099-THREE.md': '---\nid: 2099-THREE\n---\n\nNo title.\n' });
  since = client.mark();
  client.notifyWatchedFiles([{ uri: uri('corpus/deeper/folder/2099-THREE.md'), type: CREATED }]);
  const problems = await client.waitForDiagnostics(uri('corpus/deeper/folder/2099-THREE.md'), {
    since,
    accept: (diagnostics) => diagnostics.some((diagnostic) => diagnostic.code === 'corpus-error'),
    describe: 'a corpus-error on the new broken file',
  });
  assert.ok(problems.every((diagnostic) => diagnostic.code === 'corpus-error'));
});

test('without dynamic registration: the server watches the file system itself, with no notification at all', async (t) => {
  const { client, folder, uri } = await startInWorkspace({ 'corpus/2099-ONE.md': corpusFile('2099-ONE', 'One', 'Only one paragraph.') });
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  assert.deepEqual(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF)), ['0:unknown-clause', '1:unknown-document']);
  assert.deepEqual(
    client.registrations.filter((registration) => registration.method === 'workspace/didChangeWatchedFiles'),
    [],
    'no watcher is registered with a client that cannot',
  );

  let since = client.mark();
  writeFiles(folder, { 'corpus/2099-TWO.md': corpusFile('2099-TWO', 'Two', 'Two’s paragraph.') });
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre(['0:unknown-clause']), describe: 'the added document resolves' });

  since = client.mark();
  writeFiles(folder, { 'corpus/2099-ONE.md': corpusFile('2099-ONE', 'One', 'First paragraph.\n\nSecond paragraph.') });
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre([]), describe: 'the changed document has §2' });

  since = client.mark();
  fs.rmSync(path.join(folder, 'corpus/2099-TWO.md'));
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre(['1:unknown-document']), describe: 'the deleted document is gone' });

  since = client.mark();
  writeFiles(folder, { 'corpus/new/sub/2099-TWO.md': corpusFile('2099-TWO', 'Two again', 'Back, in a new folder.') });
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre([]), describe: 'a document added in a new subfolder resolves' });
});

test('without dynamic registration, notifications are handled too', async (t) => {
  const { client, folder, uri } = await startInWorkspace({ 'corpus/2099-ONE.md': corpusFile('2099-ONE', 'One', 'Only one paragraph.') });
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF);
  const since = client.mark();
  writeFiles(folder, { 'corpus/2099-TWO.md': corpusFile('2099-TWO', 'Two', 'Two’s paragraph.') });
  client.notifyWatchedFiles([{ uri: uri('corpus/2099-TWO.md'), type: CREATED }]);
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre(['0:unknown-clause']), describe: 'the added document resolves' });
});

test('a notification is handled even where the server registered no watcher and watches nothing itself', async (t) => {
  // NOTE: the server does not watch its built-in corpus (shipped, read-only), and registers no watcher
  // with this client, so only the notification can tell it of this change. A copy of the bundle with a
  // `corpus/` of our own beside its `dist/` also checks that the built-in corpus is found there.
  const install = makeTempFolder('pinpoint-install-');
  fs.mkdirSync(path.join(install.path, 'dist'));
  fs.copyFileSync(SERVER_PATH, path.join(install.path, 'dist', 'server.js'));
  writeFiles(install.path, { 'corpus/2099-BUILT.md': corpusFile('2099-BUILT', 'Built in', 'Only one paragraph.') });
  const workspace = makeTempFolder();
  const client = await startServer({ serverPath: path.join(install.path, 'dist', 'server.js'), workspaceFolders: [{ uri: workspace.uri, name: 'ws' }] });
  t.after(async () => {
    await client.dispose();
    install.cleanup();
    workspace.cleanup();
  });
  const briefUri = fileUri(path.join(workspace.path, 'brief.md'));
  assert.deepEqual(
    codes(await client.openDocumentAndWaitForDiagnostics(briefUri, '[2099-BUILT §2]\n[2023-JS §3.4]\n')),
    ['0:unknown-clause', '1:unknown-document'],
    'the corpus beside dist/ is the built-in one',
  );
  writeFiles(install.path, { 'corpus/2099-BUILT.md': corpusFile('2099-BUILT', 'Built in', 'First.\n\nSecond.') });
  const since = client.mark();
  client.notifyWatchedFiles([{ uri: fileUri(path.join(install.path, 'corpus', '2099-BUILT.md')), type: CHANGED }]);
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre(['1:unknown-document']), describe: 'the notified change applied' });
});

test('notifications about files outside every corpus, or not Markdown, change nothing and break nothing', async (t) => {
  const { client, folder, uri } = await startInWorkspace({ 'corpus/2099-ONE.md': corpusFile('2099-ONE', 'One', 'One.\n\nTwo.') }, { watcherRegistration: true });
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(briefUri, '[2099-ONE §2]\n'), []);
  writeFiles(folder, { 'elsewhere/2099-OUT.md': corpusFile('2099-OUT', 'Outside', 'Out.'), 'corpus/notes.txt': 'text' });
  client.notifyWatchedFiles([
    { uri: uri('elsewhere/2099-OUT.md'), type: CREATED },
    { uri: uri('corpus/notes.txt'), type: CREATED },
    { uri: uri('corpus/never-existed.md'), type: DELETED },
    { uri: 'untitled:Untitled-1', type: CHANGED },
  ]);
  const since = client.mark();
  assert.deepEqual(await client.changeDocumentAndWaitForDiagnostics(briefUri, '[2099-ONE §2]\n[2099-OUT §1]\n').then(codes), ['1:unknown-document']);
  assert.ok(client.alive, 'the server is still running');
  assert.ok(client.mark() > since);
});

test('with dynamic registration, a change of corpus paths registers a watcher for the new folder', async (t) => {
  let settings: unknown = { corpus: { paths: ['corpus'] } };
  const { client, folder, uri } = await startInWorkspace(
    { 'corpus/2099-ONE.md': corpusFile('2099-ONE', 'One', 'One.'), 'other/2099-OTH.md': corpusFile('2099-OTH', 'Other', 'One.') },
    { watcherRegistration: true, configuration: () => settings },
  );
  t.after(() => client.dispose());
  await client.waitForRegistration('workspace/didChangeWatchedFiles');
  const briefUri = uri('brief.md');
  assert.deepEqual(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, '[2099-OTH §2]\n')), ['0:unknown-document']);
  settings = { corpus: { paths: ['other'] } };
  let since = client.mark();
  client.notifyConfigurationChanged(null);
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre(['0:unknown-clause']), describe: 'other/ loaded' });
  const otherFile = path.join(folder, 'other', '2099-OTH.md');
  await client.waitFor('a registered watcher that covers other/', () =>
    client.registrations.some(
      (registration) =>
        registration.method === 'workspace/didChangeWatchedFiles' && watches((registration.registerOptions as { watchers: FileSystemWatcher[] }).watchers, otherFile),
    )
      ? true
      : undefined,
  );
  writeFiles(folder, { 'other/2099-OTH.md': corpusFile('2099-OTH', 'Other', 'One.\n\nTwo.') });
  since = client.mark();
  client.notifyWatchedFiles([{ uri: fileUri(otherFile), type: CHANGED }]);
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre([]), describe: 'the change in other/ applied' });
});

test('a client that offers dynamic registration but then refuses it gets file-system watching instead', async (t) => {
  const { client, folder, uri } = await startInWorkspace(
    { 'corpus/2099-ONE.md': corpusFile('2099-ONE', 'One', 'Only one paragraph.') },
    { watcherRegistration: true, refuseRegistrations: true },
  );
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  assert.deepEqual(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF)), ['0:unknown-clause', '1:unknown-document']);
  const since = client.mark();
  // Written whole and renamed into place, so that only the watching itself is tested here.
  writeFiles(folder, { 'incoming.tmp': corpusFile('2099-ONE', 'One', 'First paragraph.\n\nSecond paragraph.') });
  fs.renameSync(path.join(folder, 'incoming.tmp'), path.join(folder, 'corpus', '2099-ONE.md'));
  await client.waitForDiagnostics(briefUri, { since, accept: codesAre(['1:unknown-document']), describe: 'the change on disk picked up with no notification' });
});
