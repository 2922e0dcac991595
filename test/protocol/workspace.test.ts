/**
 * The workspace as it changes under the server: briefs that live inside a corpus folder, corpus files
 * edited and closed unsaved, and workspace folders added and removed while it runs.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { corpusFile, fileUri, makeTempFolder, startInWorkspace, writeFiles } from './lspClient';

const GOOD = corpusFile('2099-GOOD', 'Good', 'One.');

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code));
}

test('a Markdown file without front matter inside a corpus folder is a brief', async (t) => {
  const { client, uri } = await startInWorkspace({ 'corpus/good.md': GOOD, 'corpus/README.md': 'Readme citing [2099-NOPE §1] and [2099-GOOD §1].\n' });
  t.after(() => client.dispose());
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('corpus/README.md'), 'Readme citing [2099-NOPE §1] and [2099-GOOD §1].\n');
  assert.deepEqual(codes(diagnostics), ['unknown-document']);
});

test('a corpus file edited and closed unsaved is read from disk again', async (t) => {
  const { client, uri } = await startInWorkspace({ 'corpus/good.md': GOOD });
  t.after(() => client.dispose());
  const briefUri = uri('brief.md');
  assert.deepEqual(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, '[2099-GOOD §2]\n')), ['unknown-clause']);
  const corpusUri = uri('corpus/good.md');
  let since = client.mark();
  client.openDocument(corpusUri, GOOD);
  client.changeDocument(corpusUri, corpusFile('2099-GOOD', 'Good', 'One.\n\nTwo.'));
  await client.waitForDiagnostics(briefUri, { since, accept: (diagnostics) => diagnostics.length === 0, describe: 'the unsaved §2 is seen' });
  since = client.mark();
  client.closeDocument(corpusUri);
  await client.waitForDiagnostics(briefUri, {
    since,
    accept: (diagnostics) => codes(diagnostics).join() === 'unknown-clause',
    describe: 'the unsaved §2 is gone with the editor',
  });
});

test('workspace folders added and removed while the server runs bring and take their corpora', async (t) => {
  const { client } = await startInWorkspace({ 'corpus/good.md': GOOD });
  const extra = makeTempFolder('pinpoint-extra-');
  t.after(async () => {
    await client.dispose();
    extra.cleanup();
  });
  writeFiles(extra.path, { 'corpus/2099-EXTRA.md': corpusFile('2099-EXTRA', 'Extra', 'One.') });
  const briefUri = fileUri(path.join(extra.path, 'brief.md'));
  assert.deepEqual(codes(await client.openDocumentAndWaitForDiagnostics(briefUri, '[2099-EXTRA §1]\n')), ['unknown-document']);
  let since = client.mark();
  void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: extra.uri, name: 'extra' }], removed: [] } });
  await client.waitForDiagnostics(briefUri, { since, accept: (diagnostics) => diagnostics.length === 0, describe: 'the added folder’s corpus is loaded' });
  since = client.mark();
  void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: extra.uri, name: 'extra' }] } });
  await client.waitForDiagnostics(briefUri, {
    since,
    accept: (diagnostics) => codes(diagnostics).join() === 'unknown-document',
    describe: 'the removed folder’s corpus is unloaded',
  });
});
