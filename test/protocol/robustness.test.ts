/**
 * No request crashes the server (issue 2): garbage parameters, unknown documents, positions out of range,
 * pathological lines and broken settings get an answer (a result or an error response), and the server
 * still answers properly afterwards. It also ends cleanly on `shutdown` and `exit`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverText, LspClient, startInWorkspace, startServer, unescapeMarkdown } from './lspClient';

const CLAUSE_3_4 = '双方欢迎中国商务部和俄罗斯经济发展部';

async function start(t: { after: (fn: () => Promise<void>) => void }, options = {}): Promise<{ client: LspClient; uri: (relative: string) => string }> {
  const started = await startInWorkspace({}, options);
  t.after(() => started.client.dispose());
  return started;
}

/** Sends a request and returns its result, or the error response's message; never throws. */
async function settle(client: LspClient, method: string, params: unknown): Promise<{ result?: unknown; error?: string }> {
  try {
    return { result: await client.request(method, params) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Asserts that the server is alive and still answers a real hover correctly. */
async function assertStillAnswers(client: LspClient, uri: (relative: string) => string, what: string): Promise<void> {
  assert.ok(client.alive, `the server survived ${what}\n${client.stderr}`);
  const probeUri = uri(`probe-${client.mark()}.md`);
  await client.openDocumentAndWaitForDiagnostics(probeUri, '[2023-JS §3.4]\n');
  const hover = unescapeMarkdown(hoverText(await client.hover(probeUri, { line: 0, character: 11 })));
  assert.ok(hover.includes(CLAUSE_3_4), `hover still works after ${what}`);
  client.closeDocument(probeUri);
}

test('requests with garbage parameters get an answer and the server goes on', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('brief.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, 'See [2023-JS §3.4].\n');
  const garbage: unknown[] = [
    null,
    {},
    [],
    42,
    'text',
    { textDocument: 5 },
    { textDocument: { uri: 5 }, position: { line: 0, character: 0 } },
    { textDocument: { uri: briefUri } },
    { textDocument: { uri: briefUri }, position: null },
    { textDocument: { uri: briefUri }, position: { line: 'zero', character: {} } },
    { textDocument: { uri: briefUri }, position: { line: 0.5, character: NaN } },
    { textDocument: { uri: briefUri }, position: { line: -1, character: -7 } },
    { textDocument: { uri: 'not a uri at all' }, position: { line: 0, character: 0 } },
  ];
  for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion']) {
    for (const params of garbage) {
      await settle(client, method, params);
      assert.ok(client.alive, `${method} ${JSON.stringify(params)} did not kill the server\n${client.stderr}`);
    }
  }
  for (const item of [null, {}, { label: 5 }, { label: 'x', data: 'text' }, { label: 'x', data: { uri: 5, key: {} } }, { label: 'x', data: { uri: 'file:///nowhere.md', key: '1.1' } }, { label: 'x', data: { uri: briefUri, key: '__proto__' } }]) {
    await settle(client, 'completionItem/resolve', item);
    assert.ok(client.alive, `completionItem/resolve ${JSON.stringify(item)} did not kill the server`);
  }
  const unknown = await settle(client, 'pinpoint/noSuchRequest', { anything: true });
  assert.ok(unknown.error, 'an unknown request gets an error response');
  await assertStillAnswers(client, uri, 'garbage requests');
});

test('unknown documents and positions out of range answer null or nothing', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('brief.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, 'See [2023-JS §3.4].\n');
  for (const documentUri of [uri('never-opened.md'), 'untitled:Untitled-1', 'file:///does/not/exist.md']) {
    assert.equal(await client.hover(documentUri, { line: 0, character: 5 }), null, `hover on ${documentUri}`);
    assert.equal(await client.definition(documentUri, { line: 0, character: 5 }), null, `definition on ${documentUri}`);
    assert.deepEqual((await client.completion(documentUri, { line: 0, character: 5 })).items, [], `completion on ${documentUri}`);
  }
  for (const position of [
    { line: 0, character: 10_000 },
    { line: 999, character: 0 },
    { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
  ]) {
    const hover = await client.hover(briefUri, position);
    assert.ok(hover === null || hoverText(hover).length >= 0, `hover at ${JSON.stringify(position)} answered`);
    await client.definition(briefUri, position);
    await client.completion(briefUri, position);
    assert.ok(client.alive);
  }
  await assertStillAnswers(client, uri, 'positions out of range');
});

test('notifications with garbage are survived: bad opens, changes to unknown documents, odd file events and settings', async (t) => {
  const { client, uri } = await start(t, { configuration: { pinpoint: { corpus: { paths: 7, includeBuiltIn: 'yes' }, languages: {} } } });
  const send = (method: string, params: unknown): void => void client.connection.sendNotification(method, params);
  send('textDocument/didOpen', null);
  send('textDocument/didOpen', { textDocument: { uri: uri('x.md') } });
  send('textDocument/didChange', { textDocument: { uri: uri('never-opened.md'), version: 3 }, contentChanges: [{ text: '[2023-JS]' }] });
  send('textDocument/didChange', { textDocument: { uri: uri('never-opened.md'), version: 3 }, contentChanges: null });
  send('textDocument/didClose', { textDocument: { uri: uri('never-opened.md') } });
  send('workspace/didChangeWatchedFiles', { changes: null });
  send('workspace/didChangeWatchedFiles', { changes: [{ uri: 5, type: 9 }, null, { uri: uri('corpus/x.md'), type: 'created' }] });
  send('workspace/didChangeConfiguration', { settings: { pinpoint: 5 } });
  send('workspace/didChangeConfiguration', { settings: { pinpoint: { corpus: { paths: [null, 3, {}], includeBuiltIn: 'yes' } } } });
  send('workspace/didChangeConfiguration', null);
  send('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 'not-a-uri', name: 'x' }], removed: [] } });
  send('pinpoint/noSuchNotification', { anything: true });
  send('$/cancelRequest', { id: 'nothing' });
  await assertStillAnswers(client, uri, 'garbage notifications and settings of the wrong types');
});

test('a huge line: hover, definition, completion and diagnostics still answer, correctly', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('huge.md');
  const unit = '见 [2023-JS §3.4] 与 [2099-NOPE §1] 和 `[2099-CODE]` 以及 ';
  const repeats = 20_000;
  const line = unit.repeat(repeats);
  const text = `${line}\n[2023-JS §3.4]\n`;
  const started = Date.now();
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(briefUri, text);
  const checkMs = Date.now() - started;
  assert.ok(diagnostics.length > 0 && diagnostics.every((diagnostic) => diagnostic.code === 'unknown-document'), 'only the unknown document is flagged');
  const middle = Math.floor(repeats / 2) * unit.length;
  const hover = unescapeMarkdown(hoverText(await client.hover(briefUri, { line: 0, character: middle + unit.indexOf('§') + 1 })));
  assert.ok(hover.includes(CLAUSE_3_4), 'hover in the middle of a huge line shows the clause');
  const definition = await client.definition(briefUri, { line: 0, character: middle + unit.indexOf('§') + 1 });
  assert.ok(definition, 'definition in the middle of a huge line');
  const completion = await client.completion(briefUri, { line: 0, character: middle + unit.indexOf('§') + 2 });
  assert.ok(Array.isArray(completion.items), 'completion in the middle of a huge line');
  assert.ok(checkMs < 10_000, `a ${text.length}-character brief is checked in ${checkMs} ms`);
  await assertStillAnswers(client, uri, 'a huge line');
});

test('pathological lines do not hang or crash the server', async (t) => {
  const { client, uri } = await start(t);
  const lines = [
    '['.repeat(100_000),
    ']'.repeat(100_000),
    '\\'.repeat(100_000) + '[2023-JS]',
    '`'.repeat(50_001) + '[2023-JS]',
    '[2023-JS §' + '1.'.repeat(50_000) + '1]',
    '[2023-JS §1–' + '9'.repeat(100_000) + ']',
    '[' + '2023-JS §3.4, '.repeat(10_000) + '2023-JS]',
    '[' + '2023-JS §3.4; '.repeat(10_000) + '2023-JS]',
    '[' + 'a'.repeat(1_000_000),
    '<!--'.repeat(50_000),
    '[9999-' + 'A'.repeat(100_000) + ']',
  ];
  for (const [index, line] of lines.entries()) {
    const documentUri = uri(`pathological-${index}.md`);
    await client.openDocumentAndWaitForDiagnostics(documentUri, `${line}\n`);
    for (const character of [0, 1, Math.floor(line.length / 2), line.length]) {
      await client.hover(documentUri, { line: 0, character });
      await client.completion(documentUri, { line: 0, character });
      await client.definition(documentUri, { line: 0, character });
    }
    assert.ok(client.alive, `line ${index} (${line.slice(0, 20)}…) did not kill the server`);
    client.closeDocument(documentUri);
  }
  await assertStillAnswers(client, uri, 'pathological lines');
});

test('a brief with CRLF line endings is read line by line like any other', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('crlf.md');
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(briefUri, 'First line.\r\nSee [2099-NOPE §1].\r\n\r\nSee [2023-JS §3.4].\r\n');
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.character]),
    [['unknown-document', 1, 5]],
  );
  const hover = unescapeMarkdown(hoverText(await client.hover(briefUri, { line: 3, character: 15 })));
  assert.ok(hover.includes(CLAUSE_3_4));
});

test('the server ends with code 0 after shutdown and exit', async () => {
  const client = await startServer({});
  await client.request('shutdown', null);
  void client.connection.sendNotification('exit');
  await client.whenExited();
  assert.deepEqual(client.exited, { code: 0, signal: null });
  await client.dispose();
});
