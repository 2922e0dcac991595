/**
 * The index cache (issue 7): a warm start from the cache answers exactly like a cold start, a changed file is
 * read again, and a corrupt cache is ignored, never trusted. Its folder comes from the server's command line or
 * environment, never from settings a repository can carry (issue 19).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusFile, fileUri, makeTempFolder, snapshotTree, startServer, StartOptions, writeFiles } from './lspClient';

const CORPUS: Record<string, string> = {
  'corpus/a.md': corpusFile('2020-A', 'Agreement A', '## 1\n\nFirst paragraph of A.\n\nSecond paragraph of A.\n\n## 2\n\nOnly paragraph.\n'),
  'corpus/b.md': corpusFile('2020-B', 'Agreement B', 'Paragraph one of B.\n\nParagraph two of B.\n'),
  'corpus/notes.md': '# Notes, a brief inside the corpus folder\n',
};

const BRIEF = 'See [2020-A §1.2], [2020-A §2.1], [2020-A §2.2], [2020-B §2], [2020-B §3], [2020-C §1] and [2023-JS §3.4].\n';

/** How a session names the cache folder: on the server's command line, or in its environment. */
type CacheOption = 'flag' | 'environment';

function cacheOptions(cacheDirectory: string, how: CacheOption): StartOptions {
  return how === 'flag' ? { serverArguments: ['--cache-directory', cacheDirectory] } : { env: { PINPOINT_CACHE_DIRECTORY: cacheDirectory } };
}

async function session(workspace: string, cacheDirectory: string, how: CacheOption = 'flag'): Promise<{ diagnostics: unknown; hovers: unknown[] }> {
  const client = await startServer({
    workspaceFolders: [{ uri: fileUri(workspace), name: 'cache' }],
    ...cacheOptions(cacheDirectory, how),
  });
  try {
    const uri = fileUri(path.join(workspace, 'brief.md'));
    const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri, BRIEF);
    const hovers: unknown[] = [];
    for (const marker of ['§1.2', '§2.1', '§2]', '2020-A']) {
      const character = BRIEF.indexOf(marker) + 1;
      hovers.push(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character } }));
    }
    const completion = await client.completion(uri, { line: 0, character: BRIEF.indexOf('[2020-A') + 4 });
    hovers.push(completion.items.map((item) => item.label));
    return { diagnostics: diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range, diagnostic.message]), hovers };
  } finally {
    await client.dispose();
  }
}

test('a warm start from the index cache answers exactly like a cold start', async (t) => {
  const workspace = makeTempFolder('pinpoint-cache-');
  t.after(workspace.cleanup);
  writeFiles(workspace.path, { ...CORPUS, 'brief.md': BRIEF });
  const cacheDirectory = path.join(workspace.path, '..', `${path.basename(workspace.path)}-cache`);
  t.after(() => fs.rmSync(cacheDirectory, { recursive: true, force: true }));

  const cold = await session(workspace.path, cacheDirectory);
  const cacheFiles = fs.readdirSync(cacheDirectory);
  assert.ok(cacheFiles.length > 0, 'the cold start wrote an index cache');
  const warm = await session(workspace.path, cacheDirectory, 'environment');
  assert.deepEqual(warm, cold);

  // A corpus file changed while the server was not running: the cache entry no longer matches and is not used.
  fs.writeFileSync(path.join(workspace.path, 'corpus/b.md'), corpusFile('2020-B', 'Agreement B', 'Paragraph one of B.\n\nParagraph two of B.\n\nParagraph three of B.\n'));
  const changed = await session(workspace.path, cacheDirectory);
  const codes = (changed.diagnostics as [string][]).map(([code]) => code);
  assert.deepEqual(codes, ['unknown-clause', 'unknown-document'], 'only §2.2 of A and 2020-C remain wrong once B has a third paragraph');

  // A corrupt cache, or one whose entries lie about the files, is never trusted.
  for (const file of fs.readdirSync(cacheDirectory)) {
    const target = path.join(cacheDirectory, file);
    const original = fs.readFileSync(target, 'utf8');
    fs.writeFileSync(target, original.replace(/2020-A/g, '2020-Z').replace(/"Agreement A"/g, '"Wrong"'));
  }
  const tampered = await session(workspace.path, cacheDirectory);
  assert.deepEqual(tampered, changed, 'a cache whose entries do not match its checksum is ignored');
  for (const file of fs.readdirSync(cacheDirectory)) {
    fs.writeFileSync(path.join(cacheDirectory, file), '{"version": 2, "root": ');
  }
  const corrupt = await session(workspace.path, cacheDirectory);
  assert.deepEqual(corrupt, changed, 'a cache that does not parse is ignored');
});

test('settings cannot choose the cache folder: initializationOptions and workspace/configuration are ignored for it', async (t) => {
  const workspace = makeTempFolder('pinpoint-cache-settings-');
  t.after(workspace.cleanup);
  writeFiles(workspace.path, { ...CORPUS, '.vscode/settings.json': '{ "pinpoint.cacheDirectory": "planted" }' });
  // What a repository's .vscode/settings.json would make a client send.
  const planted = path.join(workspace.path, 'planted');
  const own = path.join(workspace.path, '..', `${path.basename(workspace.path)}-own-cache`);
  t.after(() => fs.rmSync(own, { recursive: true, force: true }));
  const before = snapshotTree(workspace.path);
  const client = await startServer({
    workspaceFolders: [{ uri: workspace.uri, name: 'settings' }],
    initializationOptions: { cacheDirectory: planted, corpus: { paths: ['corpus'] } },
    configuration: { pinpoint: { cacheDirectory: planted } },
    serverArguments: [`--cache-directory=${own}`],
  });
  t.after(() => client.dispose());
  const uri = fileUri(path.join(workspace.path, 'brief.md'));
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri, BRIEF);
  assert.equal(diagnostics.length, 3, 'the corpus loaded: only §2.2 of A, §3 of B and 2020-C are wrong');
  await client.waitFor('the index cache written to the folder of the command line', () => (fs.existsSync(own) && fs.readdirSync(own).length > 0 ? true : undefined));
  assert.equal(fs.existsSync(planted), false, 'nothing is created where the settings point');
  assert.deepEqual(snapshotTree(workspace.path), before, 'nothing in the workspace changed');
  assert.ok(client.logs.some((line) => /initializationOptions\.cacheDirectory is ignored/.test(line)), 'the log says the setting is ignored');
});

test('--no-index-cache turns the cache off', async (t) => {
  const workspace = makeTempFolder('pinpoint-cache-off-');
  t.after(workspace.cleanup);
  writeFiles(workspace.path, CORPUS);
  const home = path.join(workspace.path, '..', `${path.basename(workspace.path)}-home`);
  t.after(() => fs.rmSync(home, { recursive: true, force: true }));
  const client = await startServer({ workspaceFolders: [{ uri: workspace.uri, name: 'off' }], serverArguments: ['--no-index-cache'], env: { XDG_CACHE_HOME: home } });
  t.after(() => client.dispose());
  assert.equal((await client.openDocumentAndWaitForDiagnostics(fileUri(path.join(workspace.path, 'brief.md')), BRIEF)).length, 3);
  assert.equal(fs.existsSync(home), false, 'no cache folder was created');
});
