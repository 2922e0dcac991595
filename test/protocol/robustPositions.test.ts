/**
 * Positions in every script, through the protocol: in briefs and corpus files that mix CJK, Cyrillic,
 * right-to-left text, emoji (some of them several code points) and other astral-plane characters before
 * the citations, hover ranges, definition ranges, diagnostic ranges and completion edits land on exactly the
 * characters meant. LSP counts UTF-16 code units unless the server negotiates another `positionEncoding`
 * from the client's `general.positionEncodings`; each test runs for a client that offers none, one that
 * prefers UTF-32 and one that prefers UTF-8, and reads every position in the encoding the server chose.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, Location } from 'vscode-languageserver-protocol';
import { corpusFile, hoverText, LspClient, offsetAt, positionAt, PositionEncoding, startInWorkspace, textOfRange } from './lspClient';

const CORPUS = corpusFile(
  '2099-SCRIPT',
  '多文种 Многоязычный 😀 𝔸',
  [
    '## 一、总则 😀',
    '',
    '𠀀𠀁 第一段，含有扩展汉字。',
    '',
    '👩‍⚖️ Вторая часть: Стороны соглашаются 🇨🇳🇷🇺.',
    '',
    '- 𝔸 item one',
    '- עברית item two',
    '',
    '## 二',
    '',
    'Plain second section.',
  ].join('\n'),
);
const CORPUS_TEXT_LINES = CORPUS.split('\n');

/** A brief with every script before its citations; each case names the text a range must cover. */
const BRIEF = [
  '# 简报 😀 Записка',
  '',
  '见𠀀😀Ж [2099-SCRIPT §1.2]，以及 👩‍⚖️ [2099-SCRIPT §9] 和 🇨🇳 [2099-SCRIPT §1.2.3]。',
  'Статья 𝔸 \u200Fעברית\u200F [2099-script §1] and 😀😀 [2099-NOPE §1].',
  '\uFEFF𝔸𝔹ℂ [2099-SCRIPT §2–1] e\u0301te\u0301 [2099-SCRIPT §2.1]',
  '',
].join('\n');

const OFFERS: Record<string, PositionEncoding[] | undefined> = {
  'a client that offers no encoding': undefined,
  'a client that prefers UTF-32': ['utf-32', 'utf-16'],
  'a client that prefers UTF-8': ['utf-8', 'utf-16'],
};

async function start(offer: PositionEncoding[] | undefined): Promise<{ client: LspClient; uri: (relative: string) => string; encoding: PositionEncoding }> {
  const started = await startInWorkspace(
    { 'corpus/script.md': CORPUS },
    { capabilities: (base) => (offer ? { ...base, general: { ...base.general, positionEncodings: offer } } : base) },
  );
  const declared = started.client.initializeResult?.capabilities.positionEncoding;
  const encoding = (declared ?? 'utf-16') as PositionEncoding;
  assert.ok(encoding === 'utf-16' || (offer ?? []).includes(encoding), `the server chose ${encoding}, which the client did not offer`);
  return { ...started, encoding };
}

/** The position inside the `occurrence`-th `marker` of `text`, `into` UTF-16 units after its start. */
function inside(text: string, marker: string, encoding: PositionEncoding, into = 1, occurrence = 0) {
  let offset = -1;
  for (let count = 0; count <= occurrence; count++) {
    offset = text.indexOf(marker, offset + 1);
    assert.ok(offset >= 0, `${marker} is not in the text`);
  }
  return positionAt(text, offset + into, encoding);
}

for (const [name, offer] of Object.entries(OFFERS)) {
  describe(`positions in every script, for ${name}`, () => {
    it('puts each diagnostic on exactly the citation, id or pinpoint at fault', async (t) => {
      const { client, uri, encoding } = await start(offer);
      t.after(() => client.dispose());
      const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), BRIEF);
      const covered = diagnostics
        .map((diagnostic: Diagnostic) => [diagnostic.code, textOfRange(BRIEF, diagnostic.range, encoding)])
        .sort((left, right) => String(left[1]).localeCompare(String(right[1])));
      assert.deepEqual(covered, [
        ['unknown-document', '2099-NOPE'],
        ['malformed-citation', '[2099-script §1]'],
        ['unknown-clause', '§1.2.3'],
        ['invalid-range', '§2–1'],
        ['unknown-clause', '§9'],
      ].sort((left, right) => left[1].localeCompare(right[1])));
    });

    it('keeps the diagnostics on the same characters with CRLF and CR line endings', async (t) => {
      const { client, uri, encoding } = await start(offer);
      t.after(() => client.dispose());
      const lf = await client.openDocumentAndWaitForDiagnostics(uri('lf.md'), BRIEF);
      for (const [name, ending] of [['crlf', '\r\n'], ['cr', '\r']]) {
        const text = BRIEF.replace(/\n/g, ending);
        const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri(`${name}.md`), text);
        assert.deepEqual(
          diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range, textOfRange(text, diagnostic.range, encoding)]),
          lf.map((diagnostic) => [diagnostic.code, diagnostic.range, textOfRange(BRIEF, diagnostic.range, encoding)]),
          name,
        );
      }
    });

    it('hovers on the pinpoint under the cursor and returns its range', async (t) => {
      const { client, uri, encoding } = await start(offer);
      t.after(() => client.dispose());
      const briefUri = uri('brief.md');
      await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF);
      const onPinpoint = await client.hover(briefUri, inside(BRIEF, '§1.2]', encoding, 2));
      assert.match(hoverText(onPinpoint), /Вторая часть/);
      assert.ok(onPinpoint?.range);
      assert.equal(textOfRange(BRIEF, onPinpoint.range, encoding), '§1.2');
      const onSecondSection = await client.hover(briefUri, inside(BRIEF, '§2.1]', encoding, 3));
      assert.match(hoverText(onSecondSection), /Plain second section/);
      assert.equal(textOfRange(BRIEF, onSecondSection!.range!, encoding), '§2.1');
      const onId = await client.hover(briefUri, inside(BRIEF, 'SCRIPT §1.2]', encoding, 0));
      assert.equal(textOfRange(BRIEF, onId!.range!, encoding), '2099-SCRIPT');
      // One character before the bracket (after the astral characters) is no citation.
      const before = BRIEF.indexOf('[2099-SCRIPT §1.2]') - 1;
      assert.equal(await client.hover(briefUri, positionAt(BRIEF, before, encoding)), null);
    });

    it('goes to the cited clause, whose range covers exactly its text in the corpus file', async (t) => {
      const { client, uri, encoding } = await start(offer);
      t.after(() => client.dispose());
      const briefUri = uri('brief.md');
      await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF);
      const expectations: [string, string][] = [
        ['§1.2]', '👩‍⚖️ Вторая часть: Стороны соглашаются 🇨🇳🇷🇺.'],
        ['§2.1]', 'Plain second section.'],
      ];
      for (const [marker, clauseLine] of expectations) {
        const result = await client.definition(briefUri, inside(BRIEF, marker, encoding, 1));
        const location = (Array.isArray(result) ? result[0] : result) as Location | null;
        assert.ok(location, `a definition for ${marker}`);
        assert.equal(location.uri, uri('corpus/script.md'));
        assert.equal(textOfRange(CORPUS, location.range, encoding), clauseLine);
        assert.equal(location.range.start.line, CORPUS_TEXT_LINES.indexOf(clauseLine));
      }
    });

    it('replaces exactly the typed pinpoint when a completion is accepted', async (t) => {
      const { client, uri, encoding } = await start(offer);
      t.after(() => client.dispose());
      const briefUri = uri('draft.md');
      const text = '草稿 😀𠀀 Ж [2099-SCRIPT §1.';
      await client.openDocumentAndWaitForDiagnostics(briefUri, text);
      const list = await client.completion(briefUri, positionAt(text, text.length, encoding));
      const item = list.items.find((candidate) => candidate.label === '§1.2');
      assert.ok(item, `§1.2 is offered: ${list.items.map((candidate) => candidate.label).join(', ')}`);
      const edit = item.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
      assert.equal(textOfRange(text, edit.range, encoding), '§1.');
      const editStart = offsetAt(text, edit.range.start, encoding);
      const editEnd = offsetAt(text, edit.range.end, encoding);
      assert.equal(text.slice(0, editStart) + edit.newText + text.slice(editEnd), '草稿 😀𠀀 Ж [2099-SCRIPT §1.2');
    });
  });
}

describe('position encoding negotiation', () => {
  for (const [name, offer] of Object.entries(OFFERS)) {
    if (!offer) {
      continue;
    }
    it(`declares the encoding it chose for ${name}`, async (t) => {
      // LSP 3.17: a server that reads `general.positionEncodings` answers with `capabilities.positionEncoding`,
      // one of the offered encodings (UTF-16 is always allowed).
      const { client } = await start(offer);
      t.after(() => client.dispose());
      const declared = client.initializeResult?.capabilities.positionEncoding;
      assert.ok(declared !== undefined, 'capabilities.positionEncoding is missing');
      assert.ok(offer.includes(declared as PositionEncoding), `${declared} was not offered`);
    });
  }
});
