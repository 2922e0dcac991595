/**
 * The starter library through the protocol (`node dist/server.js --stdio`): it is loaded by default beside
 * the built-in corpus, printed pinpoints of its instruments resolve (aliases and annexes included), hovers
 * show a treaty article in English (authentic) and Chinese (translation, aligned by label), the preferred
 * language first, and `pinpoint.corpus.includeLibrary: false` unloads it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverText, LspClient, positionOf, startInWorkspace, unescapeMarkdown } from './lspClient';

async function start(t: { after: (fn: () => Promise<void>) => void }, initializationOptions?: unknown): Promise<{ client: LspClient; uri: (relative: string) => string }> {
  const started = await startInWorkspace({}, { initializationOptions });
  t.after(() => started.client.dispose());
  return started;
}

const brief = [
  '# Brief',
  '',
  'Interpretation starts from [1969-VCLT art. 31(1)], with [VCLT art. 31(3)(a)] and the object and purpose test of [1969-VCLT art. 19(c)].',
  'The prohibition of force, [1945-UNCH art. 2(4)], and the sources of law, [1945-ICJST art. 38(1)(c)].',
  'Diplomatic premises: [VCDR art. 22(1)]; consular access: [1963-VCCR art. 36(1)(b)].',
  'Rocks: [UNCLOS art. 121(3)]; arbitration: [1982-UNCLOS annex VII art. 1]; derogation: [ICCPR art. 4(2)].',
  'Fair trial: [ECHR art. 6(1)]; refoulement: [1951-REFUGEES art. 33(1)]; the child: [CRC art. 3(1)].',
  '',
].join('\n');

test('the library is loaded by default: printed citations of its instruments resolve without a diagnostic', async (t) => {
  const { client, uri } = await start(t);
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), brief);
  assert.deepEqual(diagnostics, []);
});

test('hover on [1969-VCLT art. 31(1)] shows article 31(1) in English, then the Chinese translation, each labelled', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('brief.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
  const text = hoverText(await client.hover(briefUri, positionOf(brief, '[1969-VCLT art. 31(1', { at: 'end' })));
  const plain = unescapeMarkdown(text);
  assert.match(plain, /Vienna Convention on the Law of Treaties/);
  assert.match(plain, /art\. 31\(1\)/);
  assert.match(plain, /§31\.1/);
  assert.match(plain, /1\. A treaty shall be interpreted in good faith in accordance with the ordinary meaning/);
  const english = plain.indexOf('A treaty shall be interpreted in good faith');
  const chinese = plain.indexOf('條約應依其用語按其上下文');
  assert.ok(english >= 0 && chinese > english, 'English (authentic) first, then the Chinese');
  assert.match(plain, /en · authentic/);
  assert.match(plain, /zh · translation/);
  assert.doesNotMatch(plain, /The context for the purpose of the interpretation/, 'only paragraph 1');
});

test('with languages ["zh"] the Chinese translation is shown first', async (t) => {
  const { client, uri } = await start(t, { languages: ['zh'] });
  const briefUri = uri('brief.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
  const plain = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, '[1969-VCLT art. 31(1', { at: 'end' }))));
  const english = plain.indexOf('A treaty shall be interpreted in good faith');
  const chinese = plain.indexOf('條約應依其用語按其上下文');
  assert.ok(chinese >= 0 && english > chinese, 'Chinese first, then the English');
});

test('hover on UN Charter art. 2(4), ICJ Statute art. 38(1)(c) and UNCLOS annex VII art. 1 shows those clauses', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('brief.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
  const charter = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, '[1945-UNCH art. 2(4', { at: 'end' }))));
  assert.match(charter, /4\. All Members shall refrain in their international relations from the threat or use of force/);
  const statute = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, '[1945-ICJST art. 38(1)(c', { at: 'end' }))));
  assert.match(statute, /the general principles of law recognized by civilized nations/);
  const annex = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, '[1982-UNCLOS annex VII art. 1', { at: 'end' }))));
  assert.match(annex, /Subject to the provisions of Part XV, any party to a dispute may submit the dispute to the arbitral procedure/);
});

test('includeLibrary: false unloads the library: 1969-VCLT is an unknown document', async (t) => {
  const { client, uri } = await start(t, { corpus: { includeLibrary: false } });
  const text = 'See [1969-VCLT art. 31(1)] and [2023-JS §3.4].\n';
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), text);
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.character]),
    [['unknown-document', positionOf(text, '1969-VCLT', { at: 'start' }).character]],
  );
});
