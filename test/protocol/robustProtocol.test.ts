/**
 * A server that never falls over, through the protocol: requests for documents never opened, positions
 * far outside the text, malformed parameters, unknown methods, edits with impossible ranges, settings of
 * the wrong types, watcher events for URIs that are no files, a burst of a thousand requests, and briefs
 * of hostile text (a 2 MB line of brackets, ten thousand citations). After each, the server still answers
 * correctly; and it exits when its client goes away.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import type { Hover } from 'vscode-languageserver-protocol';
import { EditedDocument, hoverText, LspClient, positionAt, REPOSITORY, startServer } from './lspClient';

const GOOD_BRIEF = 'See [2023-JS §3.4].\n';

/** Checks that the server still answers a hover and publishes diagnostics for a fresh brief. */
async function checkStillWorks(client: LspClient, name: string): Promise<void> {
  const uri = `file:///robust/${name}.md`;
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri, GOOD_BRIEF + '[2023-JS §99]\n');
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['unknown-clause'], `${name}: diagnostics`);
  const hover = await client.hover(uri, { line: 0, character: GOOD_BRIEF.indexOf('§3.4') + 1 });
  assert.match(hoverText(hover), /商务部/, `${name}: hover`);
  assert.ok(client.alive);
}

/** Sends a request and returns its result, or the error's code when it fails. */
async function settle(promise: Promise<unknown>): Promise<{ result?: unknown; code?: number }> {
  try {
    return { result: await promise };
  } catch (error) {
    assert.ok(error instanceof ResponseError, `a JSON-RPC error, not ${String(error)}`);
    return { code: error.code };
  }
}

async function started(t: { after: (fn: () => Promise<void>) => void }): Promise<LspClient> {
  const client = await startServer();
  t.after(() => client.dispose());
  await checkStillWorks(client, 'first');
  return client;
}

describe('a server that never falls over', () => {
  it('answers nothing, not an error, for documents it never saw and positions outside the text', async (t) => {
    const client = await started(t);
    const uri = 'file:///robust/open.md';
    await client.openDocumentAndWaitForDiagnostics(uri, GOOD_BRIEF);
    const positions = [
      { line: 0, character: 1e9 },
      { line: 1e9, character: 0 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
      { line: 0, character: -1 },
      { line: -5, character: 3 },
      { line: 0.5, character: 1.5 },
    ];
    for (const position of positions) {
      for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion']) {
        const outcome = await settle(client.request(method, { textDocument: { uri }, position }));
        assert.ok(outcome.code === undefined || outcome.code === -32602, `${method} at ${JSON.stringify(position)}: ${JSON.stringify(outcome)}`);
      }
    }
    for (const unknown of ['file:///robust/never-opened.md', 'untitled:Untitled-1', 'not a uri at all', '']) {
      const outcome = await settle(client.request('textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 5 } }));
      assert.deepEqual(outcome, { result: null }, unknown);
    }
    await checkStillWorks(client, 'after-positions');
  });

  it('survives malformed parameters, unknown methods and garbage to resolve', async (t) => {
    const client = await started(t);
    const uri = 'file:///robust/open.md';
    await client.openDocumentAndWaitForDiagnostics(uri, GOOD_BRIEF);
    const malformed: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: null, position: null }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 'zero', character: {} } }],
      ['textDocument/definition', { textDocument: { uri: 42 }, position: { line: 0, character: 5 } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 6 }, context: 'nonsense' }],
      ['completionItem/resolve', { label: 'x', data: { uri: 5, key: {} } }],
      ['completionItem/resolve', { label: 'x', data: { uri: 'file:///nowhere.md', key: '3.4' } }],
      ['completionItem/resolve', { data: null }],
      ['completionItem/resolve', null],
      ['pinpoint/noSuchMethod', { anything: true }],
      ['textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 6 }, newName: '' }],
    ];
    for (const [method, params] of malformed) {
      const outcome = await settle(client.request(method, params));
      assert.ok(outcome.code === undefined || [-32601, -32602, -32603].includes(outcome.code), `${method} ${JSON.stringify(params)}: ${JSON.stringify(outcome)}`);
      assert.ok(client.alive, `${method} ${JSON.stringify(params)} stopped the server`);
    }
    for (const [method, params] of [
      ['textDocument/didChange', { textDocument: { uri: 'file:///robust/never-opened.md', version: 2 }, contentChanges: [{ text: 'x' }] }],
      ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: null }],
      ['textDocument/didClose', { textDocument: { uri: 'file:///robust/never-opened.md' } }],
      ['textDocument/didOpen', { textDocument: { uri: 'file:///robust/bad.md', languageId: 'markdown', version: 1, text: null } }],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'untitled:x.md', type: 1 }, { uri: 'file:///%00/x.md', type: 2 }, { uri: 'http://example.com/x.md', type: 3 }, { uri: 'file:///robust/a%20b.md', type: 9 }] }],
      ['workspace/didChangeWatchedFiles', { changes: null }],
      ['workspace/didChangeConfiguration', { settings: { pinpoint: { corpus: { paths: 7, includeBuiltIn: 'yes' }, languages: {} } } }],
      ['workspace/didChangeConfiguration', { settings: { pinpoint: 5 } }],
      ['workspace/didChangeConfiguration', null],
      ['workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 'file:///does/not/exist', name: 'x' }, { uri: 'untitled:y', name: 'y' }], removed: [] } }],
      ['pinpoint/noSuchNotification', { anything: true }],
      ['$/cancelRequest', { id: 123456 }],
      ['$/setTrace', { value: 'verbose' }],
    ] as [string, unknown][]) {
      void client.connection.sendNotification(method, params);
    }
    await checkStillWorks(client, 'after-garbage');
  });

  it('applies edits with impossible ranges the way LSP clamps them, and keeps diagnostics right', async (t) => {
    const client = await started(t);
    const document = new EditedDocument(client, 'file:///robust/clamped.md', GOOD_BRIEF);
    document.open();
    const send = (range: unknown, text: string, version: number) =>
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: document.uri, version }, contentChanges: [{ range, text }] });
    // Past the end: appended. Inverted: as written by vscode-languageserver-textdocument (start and end swapped).
    send({ start: { line: 99, character: 0 }, end: { line: 99, character: 5 } }, '[2023-JS §98]\n', 2);
    send({ start: { line: 0, character: 999 }, end: { line: 0, character: 999 } }, ' [2023-ECON §2.4]', 3);
    const since = client.mark();
    send({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '', 4);
    const diagnostics = await client.waitForDiagnostics(document.uri, { since, accept: (_list, publication) => publication.version === 4 });
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['unknown-clause']);
    assert.equal(diagnostics[0].range.start.line, 1, 'the appended citation is on a new line');
    await checkStillWorks(client, 'after-clamped');
  });

  it('answers a burst of a thousand requests in order, none lost', async (t) => {
    const client = await started(t);
    const uri = 'file:///robust/burst.md';
    const text = Array.from({ length: 200 }, (_, index) => `Line ${index}: [2023-JS §3.4] and [2023-ECON §2.${(index % 8) + 1}].`).join('\n');
    await client.openDocumentAndWaitForDiagnostics(uri, text);
    const requests: Promise<Hover | null>[] = [];
    const lines = text.split('\n');
    for (let index = 0; index < 1000; index++) {
      const line = index % 200;
      requests.push(client.hover(uri, { line, character: lines[line].indexOf('§3.4') + 1 }));
    }
    const answers = await Promise.all(requests);
    assert.equal(answers.filter((hover) => /商务部/.test(hoverText(hover))).length, 1000);
  });

  it('checks hostile briefs in time linear in their size: a 2 MB line of brackets, ten thousand citations on a line', async (t) => {
    const client = await started(t);
    const memo = fs.readFileSync(path.join(REPOSITORY, 'examples', 'economic-commitments-memo.md'), 'utf8');
    /** Opens a brief, waits for its diagnostics, asks for hover and completion at its end; returns the milliseconds. */
    const timeBrief = async (name: string, text: string): Promise<number> => {
      const uri = `file:///robust/hostile-${name.replace(/ /g, '-')}.md`;
      const startedAt = process.hrtime.bigint();
      await client.openDocumentAndWaitForDiagnostics(uri, text);
      const end = positionAt(text, text.length);
      await client.hover(uri, end);
      await client.completion(uri, end);
      client.closeDocument(uri);
      return Number(process.hrtime.bigint() - startedAt) / 1e6;
    };
    const hostile: Record<string, string> = {
      'brackets': '['.repeat(1_000_000) + '§'.repeat(1_000_000),
      'unclosed comments': '<!--'.repeat(250_000),
      'citations on one line': Array.from({ length: 10_000 }, (_, index) => `[2023-JS §${(index % 9) + 1}.${(index % 5) + 1}]`).join(' '),
      'citations in lone surrogates': '\uD800[2023-JS §3.4]\uDFFF'.repeat(10_000),
      'quoted citations on one line': '“双方强调” [2023-JS §3.4] '.repeat(10_000),
      'nested block quotes and lists': '> - '.repeat(100_000) + '[2023-JS §3.4]',
    };
    const slow: string[] = [];
    for (const [name, text] of Object.entries(hostile)) {
      // The baseline: the example memorandum repeated to the same size, checked just before.
      const baselineText = memo.repeat(Math.ceil(text.length / memo.length)).slice(0, text.length);
      const baseline = await timeBrief(`${name} baseline`, baselineText);
      const time = await timeBrief(name, text);
      t.diagnostic(`${name}: ${text.length} characters in ${time.toFixed(0)} ms (the memorandum of that size: ${baseline.toFixed(0)} ms)`);
      if (time > 20 * Math.max(baseline, 50)) {
        slow.push(`${name}: ${time.toFixed(0)} ms, the memorandum of the same size ${baseline.toFixed(0)} ms`);
      }
    }
    await checkStillWorks(client, 'after-hostile');
    assert.deepEqual(slow, [], 'hostile briefs much slower than ordinary ones of the same size');
  });

  it('exits when its client goes away without shutdown', async (t) => {
    const client = await startServer();
    t.after(() => client.dispose());
    await checkStillWorks(client, 'before-exit');
    client.child.stdin?.end();
    await client.whenExited();
    assert.ok(!client.alive);
  });
});
