/**
 * The drafting features through the protocol (`dist/server.js`): quote checking with its quick fix, quick
 * fixes for citations, references and rename across briefs that are not open (read from the workspace at
 * start-up and kept fresh by file events), document links, CodeLens counts, document and workspace symbols,
 * and the table of authorities request.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, Diagnostic, DocumentLink, DocumentSymbol, Location, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { corpusFile, LspClient, positionOf, startInWorkspace } from './lspClient';

const TREATY = corpusFile('2099-T', 'A treaty', '## 1\n\nFirst paragraph.\n\nSecond paragraph:\n\n- item one\n- item two\n\n## 2\n\nLast paragraph.');
const CLOSED_BRIEF = 'Closed: [2099-T §1.2] and [2099-T §1.1–2].\n';

async function start(t: { after: (fn: () => Promise<void>) => void }, files: Record<string, string> = {}): Promise<{ client: LspClient; folder: string; uri: (relative: string) => string }> {
  const started = await startInWorkspace({ 'corpus/2099-T.md': TREATY, 'notes/closed.md': CLOSED_BRIEF, ...files }, { watcherRegistration: true });
  t.after(() => started.client.dispose());
  return started;
}

function where(folder: string, location: Location): string {
  const relative = location.uri.startsWith('file://') ? path.relative(folder, new URL(location.uri).pathname) : location.uri;
  return `${relative}:${location.range.start.line + 1}:${location.range.start.character + 1}`;
}

function applyEdit(text: string, uri: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), [...edits]);
}

test('the drafting capabilities are advertised', async (t) => {
  const { client } = await start(t);
  const capabilities = client.initializeResult?.capabilities;
  assert.ok(capabilities);
  assert.equal(capabilities.referencesProvider, true);
  assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
  assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
  assert.ok(capabilities.documentLinkProvider);
  assert.ok(capabilities.codeLensProvider);
  assert.equal(capabilities.documentSymbolProvider, true);
  assert.equal(capabilities.workspaceSymbolProvider, true);
});

test('a misquotation is a warning with the closest passage, and its quick fix writes the exact text', async (t) => {
  const { client, uri } = await start(t);
  const brief = uri('quotes.md');
  const text = '真引文“双方反对外部势力干涉内政。”[2023-JS §2.4]，误引文“双方反对外部势力干预内政。”[2023-JS §2.4]。\n';
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(brief, text);
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.source]),
    [['quote-mismatch', 2, 'pinpoint']],
  );
  const [mismatch] = diagnostics;
  assert.equal(mismatch.range.start.character, text.indexOf('“双方反对外部势力干预'));
  assert.match(typeof mismatch.message === 'string' ? mismatch.message : mismatch.message.value, /closest passage is “双方反对外部势力干涉内政。”/);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: brief }, range: mismatch.range, context: { diagnostics: [mismatch] } });
  const fix = actions.find((action) => action.isPreferred);
  assert.ok(fix?.edit?.changes, JSON.stringify(actions));
  const fixed = applyEdit(text, brief, fix.edit.changes[brief]);
  assert.equal(fixed, text.replace('干预', '干涉'));
  assert.deepEqual(await client.changeDocumentAndWaitForDiagnostics(brief, fixed), []);
});

test('quick fixes: canonical forms, a non-canonical hint, did-you-mean', async (t) => {
  const { client, uri } = await start(t);
  const brief = uri('fixes.md');
  const text = 'A [2023-JS § 3.4], B ［2023-JS §3.4］, C [2022-JS §3.4], D [2023-JS §3.16].\n';
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(brief, text);
  assert.deepEqual(
    diagnostics.map((diagnostic: Diagnostic) => `${diagnostic.code}/${diagnostic.severity}`),
    ['malformed-citation/1', 'non-canonical-citation/4', 'unknown-document/1', 'unknown-clause/1'],
  );
  const fixesAt = async (diagnostic: Diagnostic): Promise<string[]> => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: brief }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    return actions.map((action) => action.title);
  };
  assert.deepEqual(await fixesAt(diagnostics[0]), ['Change to [2023-JS §3.4]']);
  assert.deepEqual(await fixesAt(diagnostics[1]), ['Change to [2023-JS §3.4]']);
  assert.deepEqual(await fixesAt(diagnostics[2]), ['Change to 2023-JS']);
  assert.deepEqual(await fixesAt(diagnostics[3]), ['Change to §3.1', 'Change to §3.6', 'Change to §3.10']);
});

test('references cover briefs that are not open, ranges and multi-citations, and follow file events', async (t) => {
  const { client, folder, uri } = await start(t);
  const brief = uri('open.md');
  const text = 'Open: [2099-T §1.2.1; 2023-JS §3.4] and [2099-T §1.2].\n';
  await client.openDocumentAndWaitForDiagnostics(brief, text);
  const fromCitation = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri: brief },
    position: positionOf(text, 'and [2099-T §1', { at: 'end' }),
    context: { includeDeclaration: false },
  });
  assert.deepEqual(fromCitation.map((location) => where(folder, location)), ['notes/closed.md:1:17', 'notes/closed.md:1:35', 'open.md:1:15', 'open.md:1:49']);

  // From the corpus file: the paragraph §1.2 is cited by its item, by the range and by itself.
  const corpusUri = uri('corpus/2099-T.md');
  client.openDocument(corpusUri, TREATY);
  const fromClause = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri: corpusUri },
    position: positionOf(TREATY, 'Second'),
    context: { includeDeclaration: true },
  });
  assert.deepEqual(fromClause.map((location) => where(folder, location)), [
    'corpus/2099-T.md:10:1',
    'notes/closed.md:1:17',
    'notes/closed.md:1:35',
    'open.md:1:15',
    'open.md:1:49',
  ]);

  // A brief created on disk is found after its file event; a deleted one is forgotten.
  const created = path.join(folder, 'later.md');
  fs.writeFileSync(created, 'Later: [2099-T §2.1].\n');
  client.notifyWatchedFiles([{ uri: uri('later.md'), type: 1 }]);
  fs.rmSync(path.join(folder, 'notes', 'closed.md'));
  client.notifyWatchedFiles([{ uri: uri('notes/closed.md'), type: 3 }]);
  const fromId = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri: corpusUri },
    position: positionOf(TREATY, 'id: 2099'),
    context: { includeDeclaration: false },
  });
  assert.deepEqual(fromId.map((location) => where(folder, location)), ['later.md:1:9', 'open.md:1:8', 'open.md:1:42']);

  // CodeLens counts on the corpus file.
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: corpusUri } });
  const titles = lenses.map((lens) => `${lens.range.start.line + 1}:${lens.command?.title}`);
  assert.deepEqual(titles, ['6:2 citations', '8:no citations', '10:2 citations', '12:1 citation', '13:no citations', '15:1 citation', '17:1 citation']);
  assert.equal(lenses[0].command?.command, 'pinpoint.showReferences');
});

test('rename a document id: front matter and every citation in one edit; invalid ids refused', async (t) => {
  const { client, uri } = await start(t);
  const brief = uri('open.md');
  const text = 'See [2099-T §1] and `[2099-T]`.\n';
  await client.openDocumentAndWaitForDiagnostics(brief, text);
  const position = positionOf(text, '[20');
  const prepared = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: brief }, position });
  assert.equal(prepared.placeholder, '2099-T');
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: brief }, position, newName: '2099-TREATY' });
  const changes = edit.changes ?? {};
  assert.deepEqual(Object.keys(changes).sort(), [brief, uri('corpus/2099-T.md'), uri('notes/closed.md')].sort());
  assert.equal(applyEdit(text, brief, changes[brief]), 'See [2099-TREATY §1] and `[2099-T]`.\n');
  assert.equal(applyEdit(CLOSED_BRIEF, uri('notes/closed.md'), changes[uri('notes/closed.md')]), CLOSED_BRIEF.replace(/2099-T/g, '2099-TREATY'));
  assert.match(applyEdit(TREATY, uri('corpus/2099-T.md'), changes[uri('corpus/2099-T.md')]), /^---\nid: 2099-TREATY\n/);
  await assert.rejects(
    client.request('textDocument/rename', { textDocument: { uri: brief }, position, newName: 'treaty' }),
    (error: Error) => /not a document id/.test(error.message),
  );
  await assert.rejects(
    client.request('textDocument/prepareRename', { textDocument: { uri: brief }, position: positionOf(text, '§') }),
    (error: Error) => /only a document id can be renamed/.test(error.message),
  );
  // The built-in corpus lies outside the workspace and is not renamed.
  await client.changeDocumentAndWaitForDiagnostics(brief, 'See [2023-JS §3.4].\n');
  await assert.rejects(
    client.request('textDocument/rename', { textDocument: { uri: brief }, position: { line: 0, character: 6 }, newName: '2023-JSX' }),
    (error: Error) => /cannot be edited/.test(error.message),
  );
});

test('document links, symbols and the table of authorities', async (t) => {
  const { client, uri } = await start(t);
  const brief = uri('memo.md');
  const text = '# Memo\n\nEnergy [2099-T §2.1] and [2023-JS §9.9].\n';
  await client.openDocumentAndWaitForDiagnostics(brief, text);
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: brief } });
  assert.deepEqual(
    links.map((link) => `${link.range.start.character}-${link.range.end.character} ${link.target?.replace(/^.*\//, '')}`),
    ['8-14 2099-T.md#L2', '15-19 2099-T.md#L17', '26-33 2023-JS.md#L2', '34-38 2023-JS.md#L215'],
  );

  const corpusUri = uri('corpus/2099-T.md');
  client.openDocument(corpusUri, TREATY);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: corpusUri } });
  assert.deepEqual(
    symbols.map((symbol) => `${symbol.name}(${(symbol.children ?? []).map((child) => `${child.name}[${(child.children ?? []).map((item) => item.name).join(',')}]`).join(' ')})`),
    ['§1 1(§1.1[] §1.2[§1.2.1,§1.2.2])', '§2 2(§2.1[])'],
  );
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: brief } }), null);

  const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: '北极' });
  assert.ok(found.some((symbol) => symbol.containerName === '2023-JS' && symbol.name.startsWith('§9.9 ') && symbol.location.uri.endsWith('2023-JS.md')), JSON.stringify(found));

  const edit = await client.request<WorkspaceEdit>('pinpoint/tableOfAuthorities', { textDocument: { uri: brief } });
  const after = applyEdit(text, brief, edit.changes?.[brief] ?? []);
  assert.match(after, /^# Memo\n\n<!-- pinpoint:toa -->\n## Table of authorities\n/);
  assert.match(after, /\*\*2099-T\*\* A treaty\n\n- §2\.1 Last paragraph\.: line \[\d+\]\(memo\.md#L\d+\)/);
  const line = Number(/memo\.md#L(\d+)/.exec(after)?.[1]);
  assert.equal(after.split('\n')[line - 1], 'Energy [2099-T §2.1] and [2023-JS §9.9].');
  // The server wrote nothing: the brief on disk does not exist; the client applies the edit.
  assert.equal(fs.existsSync(new URL(brief).pathname), false);
});
