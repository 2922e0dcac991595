/**
 * The starter library through the protocol (`node dist/server.js --stdio`): it is loaded by default beside
 * the built-in corpus, hovers show a treaty article in English (authentic) and Chinese (translation), the
 * preferred language first, and `pinpoint.corpus.includeLibrary: false` unloads it.
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
  'Interpretation starts from [1969-VCLT §31.1], with [1969-VCLT §31.3.1] and the object and purpose test of [1969-VCLT §19.1.3].',
  'The prohibition of force, [1945-UNCH §2.4], and the sources of law, [1945-ICJST §38.1.3].',
  'Diplomatic premises: [1961-VCDR §22.1]; consular access: [1963-VCCR §36.1.2].',
  'Rocks: [1982-UNCLOS §121.3]; aggression: [1998-ROME §802.2.1]; derogation: [1966-ICCPR §4.2].',
  '',
].join('\n');

test('the library is loaded by default: treaty citations resolve without a diagnostic', async (t) => {
  const { client, uri } = await start(t);
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), brief);
  assert.deepEqual(diagnostics, []);
});

test('hover on [1969-VCLT §31.1] shows article 31(1) in English, then the Chinese translation, each labelled', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('brief.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
  const text = hoverText(await client.hover(briefUri, positionOf(brief, '[1969-VCLT §31', { at: 'end' })));
  const plain = unescapeMarkdown(text);
  assert.match(plain, /Vienna Convention on the Law of Treaties/);
  assert.match(plain, /§31\.1/);
  assert.match(plain, /A treaty shall be interpreted in good faith in accordance with the ordinary meaning/);
  // The clause text itself carries no Markdown escape: one unescape of the hover gives the treaty's words.
  assert.doesNotMatch(plain, /\\/);
  const english = plain.indexOf('A treaty shall be interpreted in good faith');
  const chinese = plain.indexOf('條約應依其用語按其上下文');
  assert.ok(english >= 0 && chinese > english, 'English (authentic) first, then the Chinese');
  assert.match(plain, /en · authentic/);
  assert.match(plain, /zh · translation/);
  assert.doesNotMatch(plain, /§31\.2|The context for the purpose of the interpretation/, 'only paragraph 1');
});

test('with languages ["zh"] the Chinese translation is shown first', async (t) => {
  const { client, uri } = await start(t, { languages: ['zh'] });
  const briefUri = uri('brief.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
  const plain = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, '[1969-VCLT §31', { at: 'end' }))));
  const english = plain.indexOf('A treaty shall be interpreted in good faith');
  const chinese = plain.indexOf('條約應依其用語按其上下文');
  assert.ok(chinese >= 0 && english > chinese, 'Chinese first, then the English');
  // An item: VCLT 31(3)(a) is §31.3.1.
  const item = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, '[1969-VCLT §31.3', { at: 'end' }))));
  assert.match(item, /當事國嗣後所訂關於條約之解釋或其規定之適用之任何協定/);
  assert.match(item, /any subsequent agreement between the parties regarding the interpretation of the treaty/);
});

test('hover on the UN Charter article 2(4) and the ICJ Statute 38(1)(c) shows those clauses', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('brief.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
  const charter = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, '[1945-UNCH §2', { at: 'end' }))));
  assert.match(charter, /All Members shall refrain in their international relations from the threat or use of force/);
  const statute = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, '[1945-ICJST §38', { at: 'end' }))));
  assert.match(statute, /the general principles of law recognized by civilized nations/);
});

test('includeLibrary: false unloads the library: 1969-VCLT is an unknown document', async (t) => {
  const { client, uri } = await start(t, { corpus: { includeLibrary: false } });
  const text = 'See [1969-VCLT §31.1] and [2023-JS §3.4].\n';
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), text);
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.character]),
    [['unknown-document', positionOf(text, '1969-VCLT', { at: 'start' }).character]],
  );
});
