/**
 * Settings through the protocol (spec.md §4): `initializationOptions` and `workspace/configuration`
 * (section `pinpoint`), merged key by key with the latter winning; `workspace/didChangeConfiguration` in
 * both its pull and push forms; `includeBuiltIn: false`; relative paths without a workspace folder;
 * multi-root workspaces, each folder with its own corpus.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { ConfigurationItem, Diagnostic } from 'vscode-languageserver-protocol';
import { corpusFile, fileUri, LspClient, makeTempFolder, startInWorkspace, startServer, StartOptions, writeFiles } from './lspClient';

/** The documents of the test workspace, by the folder they are in. */
const FILES = {
  'corpus/2099-DEF.md': corpusFile('2099-DEF', 'In the default corpus folder', 'One.'),
  'alt/2099-ALT.md': corpusFile('2099-ALT', 'In alt/', 'One.'),
  'other/2099-OTH.md': corpusFile('2099-OTH', 'In other/', 'One.'),
};
const IDS = ['2099-DEF', '2099-ALT', '2099-OTH', '2023-JS'];
const BRIEF = IDS.map((id) => `- [${id} §1]`).join('\n') + '\n';

/** The ids of the brief that resolve (have no unknown-document diagnostic), sorted. */
function knownIds(diagnostics: Diagnostic[]): string[] {
  const unknownLines = new Set(diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-document').map((diagnostic) => diagnostic.range.start.line));
  return IDS.filter((_id, line) => !unknownLines.has(line)).sort();
}

function sameIds(expected: readonly string[]): (diagnostics: Diagnostic[]) => boolean {
  const wanted = [...expected].sort().join(',');
  return (diagnostics) => knownIds(diagnostics).join(',') === wanted;
}

async function startWithBrief(
  t: { after: (fn: () => Promise<void>) => void },
  options: Omit<StartOptions, 'workspaceFolders'>,
): Promise<{ client: LspClient; briefUri: string; known: string[] }> {
  const { client, uri } = await startInWorkspace(FILES, options);
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF);
  return { client, briefUri, known: knownIds(diagnostics) };
}

test('with no initializationOptions and no configuration support the defaults hold: corpus/ and the built-in corpus', async (t) => {
  const { client, known } = await startWithBrief(t, {});
  assert.deepEqual(known, ['2023-JS', '2099-DEF']);
  assert.deepEqual(client.configurationRequests, [], 'a client without the capability is never asked for configuration');
});

test('initializationOptions alone set the corpus paths and includeBuiltIn', async (t) => {
  const paths = await startWithBrief(t, { initializationOptions: { corpus: { paths: ['alt'] } } });
  assert.deepEqual(paths.known, ['2023-JS', '2099-ALT']);
  const both = await startWithBrief(t, { initializationOptions: { corpus: { paths: ['alt', 'other'], includeBuiltIn: false } } });
  assert.deepEqual(both.known, ['2099-ALT', '2099-OTH']);
});

test('workspace/configuration (section pinpoint) is asked for and used when the client supports it', async (t) => {
  const { client, known } = await startWithBrief(t, { configuration: { pinpoint: { corpus: { paths: ['other'] } } } });
  assert.deepEqual(known, ['2023-JS', '2099-OTH']);
  assert.ok(client.configurationRequests.length > 0, 'the server asked for configuration');
  assert.ok(
    client.configurationRequests.every((item) => item.section === 'pinpoint'),
    `every item asks for section pinpoint: ${JSON.stringify(client.configurationRequests)}`,
  );
});

test('the two sources merge key by key, workspace/configuration winning', async (t) => {
  const keyByKey = await startWithBrief(t, {
    initializationOptions: { corpus: { paths: ['alt'] } },
    configuration: { pinpoint: { corpus: { includeBuiltIn: false } } },
  });
  assert.deepEqual(keyByKey.known, ['2099-ALT'], 'paths from initializationOptions, includeBuiltIn from configuration');
  const winning = await startWithBrief(t, {
    initializationOptions: { corpus: { paths: ['alt'], includeBuiltIn: false } },
    configuration: { pinpoint: { corpus: { paths: ['other'] } } },
  });
  assert.deepEqual(winning.known, ['2099-OTH'], 'configuration wins on paths; includeBuiltIn stays from initializationOptions');
  const empty = await startWithBrief(t, {
    initializationOptions: { corpus: { paths: ['alt'] } },
    configuration: () => null,
  });
  assert.deepEqual(empty.known, ['2023-JS', '2099-ALT'], 'a client with no settings of its own leaves initializationOptions in force');
});

test('with no workspace folder relative corpus paths are ignored and absolute ones are loaded', async (t) => {
  const folder = makeTempFolder();
  writeFiles(folder.path, FILES);
  const client = await startServer({ initializationOptions: { corpus: { paths: ['alt', path.join(folder.path, 'other')] } } });
  t.after(async () => {
    await client.dispose();
    folder.cleanup();
  });
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(fileUri(path.join(folder.path, 'brief.md')), BRIEF);
  assert.deepEqual(knownIds(diagnostics), ['2023-JS', '2099-OTH']);
});

test('workspace/didChangeConfiguration: a pull-model client is asked again and the new paths take effect', async (t) => {
  let settings: unknown = { corpus: { paths: ['alt'] } };
  const { client, briefUri, known } = await startWithBrief(t, { configuration: (item: ConfigurationItem) => (item.section === 'pinpoint' ? settings : null) });
  assert.deepEqual(known, ['2023-JS', '2099-ALT']);
  settings = { corpus: { paths: ['other'] } };
  let since = client.mark();
  client.notifyConfigurationChanged(null);
  await client.waitForDiagnostics(briefUri, { since, accept: sameIds(['2023-JS', '2099-OTH']), describe: 'the brief rechecked against other/' });
  settings = { corpus: { paths: ['other'], includeBuiltIn: false } };
  since = client.mark();
  client.notifyConfigurationChanged({ pinpoint: settings });
  await client.waitForDiagnostics(briefUri, { since, accept: sameIds(['2099-OTH']), describe: 'the built-in corpus unloaded' });
  settings = { corpus: { paths: ['other'], includeBuiltIn: true } };
  since = client.mark();
  client.notifyConfigurationChanged(null);
  await client.waitForDiagnostics(briefUri, { since, accept: sameIds(['2023-JS', '2099-OTH']), describe: 'the built-in corpus back' });
});

test('workspace/didChangeConfiguration: a push-model client sends the settings and they take effect', async (t) => {
  const { client, briefUri, known } = await startWithBrief(t, {});
  assert.deepEqual(known, ['2023-JS', '2099-DEF']);
  let since = client.mark();
  client.notifyConfigurationChanged({ pinpoint: { corpus: { paths: ['other'] } } });
  await client.waitForDiagnostics(briefUri, { since, accept: sameIds(['2023-JS', '2099-OTH']), describe: 'paths pushed' });
  since = client.mark();
  client.notifyConfigurationChanged({ pinpoint: { corpus: { paths: ['other'], includeBuiltIn: false } } });
  await client.waitForDiagnostics(briefUri, { since, accept: sameIds(['2099-OTH']), describe: 'includeBuiltIn pushed' });
});

test('includeBuiltIn: false removes 2023-JS: its citations become unknown-document and it is no longer offered', async (t) => {
  const { client, uri } = await startInWorkspace(FILES, { initializationOptions: { corpus: { includeBuiltIn: false } } });
  t.after(() => client.dispose());
  const briefUri = uri('no-builtin.md');
  const text = 'See [2023-JS §3.4] and [2023-ECON §2.4] and [2099-DEF §1].\n[\n';
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(briefUri, text);
  assert.deepEqual(
    diagnostics.map((diagnostic) => diagnostic.code),
    ['unknown-document', 'unknown-document'],
  );
  const list = await client.completion(briefUri, { line: 1, character: 1 });
  const labels = list.items.map((item) => item.label);
  assert.ok(!labels.some((label) => label.startsWith('2023-')), `no built-in id offered: ${labels.join(', ')}`);
  assert.ok(labels.includes('2099-DEF'), 'the workspace corpus is still offered');
});

test('the server registers for didChangeConfiguration when the client allows dynamic registration', async (t) => {
  const { client } = await startWithBrief(t, { configuration: { pinpoint: {} }, configurationRegistration: true });
  await client.waitForRegistration('workspace/didChangeConfiguration');
});

test('a multi-root workspace: each folder has its own corpus and its own settings', async (t) => {
  const alpha = makeTempFolder('pinpoint-alpha-');
  const beta = makeTempFolder('pinpoint-beta-');
  writeFiles(alpha.path, { 'corpus/2099-AAA.md': corpusFile('2099-AAA', 'Alpha', '## 一\n\nAlpha one.\n\nAlpha two.') });
  writeFiles(beta.path, {
    'corpus/2099-BBB.md': corpusFile('2099-BBB', 'Beta', 'Beta one.'),
    'texts/2099-BTX.md': corpusFile('2099-BTX', 'Beta texts', 'Text one.\n\nText two.\n\nText three.'),
  });
  const client = await startServer({
    workspaceFolders: [
      { uri: alpha.uri, name: 'alpha' },
      { uri: beta.uri, name: 'beta' },
    ],
    configuration: (item) => (item.scopeUri?.startsWith(beta.uri) ? { corpus: { paths: ['texts'] } } : null),
  });
  t.after(async () => {
    await client.dispose();
    alpha.cleanup();
    beta.cleanup();
  });
  const alphaBrief = fileUri(path.join(alpha.path, 'brief.md'));
  const betaBrief = fileUri(path.join(beta.path, 'notes', 'brief.md'));
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(alphaBrief, 'See [2099-AAA §1.2] and [2023-JS §3.4].\n'), [], 'alpha sees its corpus/');
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(betaBrief, 'See [2099-BTX §3] and [2023-JS §3.4].\n'), [], 'beta sees its texts/');
  const betaDefault = await client.openDocumentAndWaitForDiagnostics(fileUri(path.join(beta.path, 'other.md')), 'See [2099-BBB §1].\n');
  assert.deepEqual(
    betaDefault.map((diagnostic) => diagnostic.code),
    ['unknown-document'],
    'beta’s own setting replaced its default corpus/ folder',
  );
  assert.ok(
    client.configurationRequests.some((item) => item.scopeUri !== undefined && item.scopeUri.startsWith(beta.uri)),
    'settings were asked per folder',
  );
});

test('a multi-root workspace without settings: each folder’s corpus/ is loaded', async (t) => {
  const alpha = makeTempFolder('pinpoint-alpha-');
  const beta = makeTempFolder('pinpoint-beta-');
  writeFiles(alpha.path, { 'corpus/2099-AAA.md': corpusFile('2099-AAA', 'Alpha', 'Alpha one.') });
  writeFiles(beta.path, { 'corpus/2099-BBB.md': corpusFile('2099-BBB', 'Beta', 'Beta one.\n\nBeta two.') });
  const client = await startServer({
    workspaceFolders: [
      { uri: alpha.uri, name: 'alpha' },
      { uri: beta.uri, name: 'beta' },
    ],
  });
  t.after(async () => {
    await client.dispose();
    alpha.cleanup();
    beta.cleanup();
  });
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(fileUri(path.join(alpha.path, 'a.md')), '[2099-AAA §1]\n'), []);
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(fileUri(path.join(beta.path, 'b.md')), '[2099-BBB §2]\n'), []);
  const hover = await client.hover(fileUri(path.join(beta.path, 'b.md')), { line: 0, character: 11 });
  assert.ok(JSON.stringify(hover).includes('Beta two.'), 'hover in beta reads beta’s corpus');
});

test('initialize announces what the server does: sync, hover, definition, completion with resolve', async (t) => {
  const client = await startServer({});
  t.after(() => client.dispose());
  const capabilities = client.initializeResult?.capabilities;
  assert.ok(capabilities, 'initialize answered');
  const sync = capabilities.textDocumentSync;
  const kind = typeof sync === 'number' ? sync : sync?.change;
  assert.ok(kind === 1 || kind === 2, 'documents are synchronised, fully or incrementally');
  if (typeof sync === 'object') {
    assert.equal(sync.openClose, true, 'open and close notifications are wanted');
  }
  assert.ok(capabilities.hoverProvider, 'hover');
  assert.ok(capabilities.definitionProvider, 'definition');
  assert.equal(capabilities.completionProvider?.resolveProvider, true, 'completion with resolve');
  assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('['), 'completion is triggered by [');
  assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('§'), 'completion is triggered by §');
});
