// Citation styles: the first, later and ibid forms, missing front matter, pinpoints in the printed form, and
// styles as data (a second built-in style, and style files checked by parseStyle).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildExportDocument } from '../../server/src/export';
import { formatDate } from '../../server/src/export/authority';
import { Run } from '../../server/src/export/citationFormat';
import { formatPinpoint } from '../../server/src/export/pinpointFormat';
import { builtInStyles, CitationStyle, parseStyle } from '../../server/src/export/style';
import { loadFixture } from './draftingFixture';

const CORPUS = `//- /corpus/1969-VCLT.md
---
id: 1969-VCLT
title: Vienna Convention on the Law of Treaties
short_title: VCLT
aliases: [VCLT]
date: 1969-05-23
entry_into_force: 1980-01-27
citation: 1155 UNTS 331
---

## Article 31 – General rule of interpretation

1\\. A treaty shall be interpreted in good faith.

2\\. The context shall comprise:

- (a) any agreement relating to the treaty;
- (b) any instrument made by one or more parties.

3\\. There shall be taken into account, together with the context:

- (a) any subsequent agreement between the parties;
- (b) any subsequent practice;

## Article 32 – Supplementary means

Recourse may be had to supplementary means of interpretation.

## Article 33 – Languages

When a treaty has been authenticated in two or more languages, the text is equally authoritative.

The terms of the treaty are presumed to have the same meaning in each authentic text.
//- /corpus/2099-JS.md
---
id: 2099-JS
title: Joint Statement of Ruritania and Freedonia on Testing
short_title: Testing Statement
date: 2099-04-01
place: Geneva
---

## 一

The sides agree to test.

The sides agree to test again.

## 二

The sides will report.
//- /corpus/1948-DECL.md
---
id: 1948-DECL
title: Universal Declaration of Testing
short_title: UDT
date: 1948-12-10
citation: UNGA Res 217 A (III)
---

## Article 1

All tests are born equal.
//- /corpus/2021-BARE.md
---
id: 2021-BARE
title: Treaty of Testing
---

## Article 1

The Parties shall test.
`;

/** The citations of a brief as footnote or in-text strings, italics marked `*…*`. */
function cited(brief: string, styleId = 'oscola'): { notes: string[]; warnings: readonly string[]; table: string[] } {
  const fixture = loadFixture(`${CORPUS}//- /brief.md\n${brief}`);
  const document = fixture.files.get('/brief.md');
  assert.ok(document);
  const style = builtInStyles.get(styleId);
  assert.ok(style, styleId);
  const built = buildExportDocument(fixture.service, document, fixture.scope, style);
  const text = (runs: readonly Run[]): string => runs.map((run) => (run.italic ? `*${run.text}*` : run.text)).join('');
  return {
    notes: built.document.citations.map((citation) => (citation.broken ? `BROKEN ${citation.source.text}` : text(citation.runs))),
    warnings: built.warnings,
    table: built.document.authorities.map((use) => `${text(use.entry)} | ${use.pinpoints.map((pinpoint) => pinpoint.text).join(', ')} | ${use.notes.join(',')}`),
  };
}

const VCLT_FULL = '*Vienna Convention on the Law of Treaties* (adopted 23 May 1969, entered into force 27 January 1980) 1155 UNTS 331';

describe('OSCOLA footnotes', () => {
  it('gives the full reference first, then Ibid, then the short title', () => {
    const { notes, warnings } = cited(
      'A [1969-VCLT §31.3.1]. B [1969-VCLT §31.3.1]. C [1969-VCLT §32]. D [2099-JS §1.2]. E [1969-VCLT §31.1]. F [2099-JS §2].',
    );
    assert.deepEqual(notes, [
      `${VCLT_FULL}, art 31(3)(a).`,
      'Ibid.',
      'Ibid art 32.',
      '*Joint Statement of Ruritania and Freedonia on Testing* (Geneva, 1 April 2099), §1.2.',
      'VCLT, art 31(1).',
      'Testing Statement, §2.',
    ]);
    assert.deepEqual(warnings, []);
  });

  it('uses ibid only right after a citation of the same single instrument', () => {
    const { notes } = cited('[1969-VCLT §32] [1969-VCLT §32; 2099-JS §1] [1969-VCLT §32] [2023-JS §99] [1969-VCLT §32] [1969-VCLT] [1969-VCLT §32]');
    assert.deepEqual(notes, [
      `${VCLT_FULL}, art 32.`,
      'VCLT, art 32; *Joint Statement of Ruritania and Freedonia on Testing* (Geneva, 1 April 2099), §1.',
      'VCLT, art 32.',
      'BROKEN [2023-JS §99]',
      'VCLT, art 32.',
      // The whole instrument after one of its articles is not "ibid" (that would repeat the article).
      'VCLT.',
      'Ibid art 32.',
    ]);
  });

  it('formats the treaty’s own numbers, aliases and ibid. as written in the brief', () => {
    const { notes } = cited('[ibid.] A [1969-VCLT art. 31(3)(a)]. B [ibid.]. C [ibid. art. 32]. D [VCLT art. 31(1)]. E [2099-JS §1.1]. F [VCLT Article 33].');
    assert.deepEqual(notes, [
      // `ibid.` with no citation before it cites nothing.
      'BROKEN [ibid.]',
      `${VCLT_FULL}, art 31(3)(a).`,
      'Ibid.',
      'Ibid art 32.',
      'Ibid art 31(1).',
      '*Joint Statement of Ruritania and Freedonia on Testing* (Geneva, 1 April 2099), §1.1.',
      'VCLT, art 33.',
    ]);
  });

  it('writes ranges and several pinpoints in the printed form', () => {
    const { notes } = cited('[1969-VCLT §31.1–3] [1969-VCLT §31–33] [1969-VCLT §31.2.1–2] [1969-VCLT §31.1, §32] [1969-VCLT §32.1] [1969-VCLT §33.2]');
    assert.deepEqual(notes, [
      `${VCLT_FULL}, art 31(1)–(3).`,
      'Ibid arts 31–33.',
      'Ibid art 31(2)(a)–(b).',
      'Ibid art 31(1), art 32.',
      // Article 32 has one paragraph, printed without a number: it is the article itself.
      'Ibid art 32.',
      // Article 33's paragraphs print no numbers: their positions are their numbers.
      'Ibid art 33(2).',
    ]);
  });

  it('writes positional pinpoints in full, so that the table lists a clause once however it was written', () => {
    const { notes, table } = cited('[2099-JS §1.1–2] and [2099-JS §1.1–1.2] and [2099-JS §2.1].');
    assert.deepEqual(notes, ['*Joint Statement of Ruritania and Freedonia on Testing* (Geneva, 1 April 2099), §1.1–1.2.', 'Ibid.', 'Ibid §2.1.']);
    assert.deepEqual(table, ['*Joint Statement of Ruritania and Freedonia on Testing* (Geneva, 1 April 2099) | §1.1–1.2, §2.1 | 1,2,3']);
  });

  it('cites a resolution by its adoption and resolution number, with no entry into force to miss', () => {
    const { notes, warnings } = cited('[1948-DECL §1] and [1948-DECL §1].');
    assert.deepEqual(notes, ['*Universal Declaration of Testing* (adopted 10 December 1948) UNGA Res 217 A (III), art 1.', 'Ibid.']);
    assert.deepEqual(warnings, []);
  });

  it('leaves out missing front matter and says so once per instrument', () => {
    const { notes, warnings } = cited('[2021-BARE §1.1] and [1969-VCLT §32] and [2021-BARE §1] again [2021-BARE §1].');
    assert.deepEqual(notes, [
      '*Treaty of Testing*, art 1.',
      `${VCLT_FULL}, art 32.`,
      // No short title: later citations repeat the title, as the first one writes it.
      '*Treaty of Testing*, art 1.',
      'Ibid.',
    ]);
    assert.deepEqual(warnings, [
      '2021-BARE: its front matter has no short_title (or aliases), date, entry_into_force, citation; its first citation goes without them, and later citations repeat its title',
    ]);
  });

  it('puts Chinese titles between book title marks instead of in italics', () => {
    const { notes, warnings } = cited('---\nlanguage: zh\n---\n双方 [2023-JS §3.4]。');
    assert.equal(notes.length, 1);
    assert.match(notes[0], /^《中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明》 \(莫斯科, 21 March 2023\), §3\.4\.$/);
    assert.ok(!notes[0].includes('*'), 'not in italics');
    assert.deepEqual(warnings, ['2023-JS: its front matter has no short_title (or aliases); later citations repeat its title']);
  });

  it('lists each authority once for the table, with its pinpoints in document order and its notes', () => {
    const { table } = cited('[1969-VCLT §32] [2099-JS §1.1] [1969-VCLT §31.1] [1969-VCLT §32] [2023-JS §99]');
    assert.deepEqual(table, [`${VCLT_FULL} | art 31(1), art 32 | 1,3,4`, '*Joint Statement of Ruritania and Freedonia on Testing* (Geneva, 1 April 2099) | §1.1 | 2']);
  });
});

describe('the plain in-text style', () => {
  it('writes citations in brackets in the text, with the year, the short title and ibid.', () => {
    const { notes } = cited('[1969-VCLT §31.3.1] [1969-VCLT §31.3.1] [1969-VCLT §32] [2099-JS §1] [1969-VCLT §31.1]', 'plain');
    assert.deepEqual(notes, [
      '(Vienna Convention on the Law of Treaties (1969), art. 31(3)(a))',
      '(*ibid.*)',
      '(*ibid.*, art. 32)',
      '(Joint Statement of Ruritania and Freedonia on Testing (Geneva, 1 April 2099), §1)',
      '(VCLT, art. 31(1))',
    ]);
  });
});

describe('pinpoints and dates', () => {
  const oscola = builtInStyles.get('oscola') as CitationStyle;
  const plain = builtInStyles.get('plain') as CitationStyle;

  it('keeps a pinpoint written in the printed form, in the style’s words', () => {
    const fixture = loadFixture(`${CORPUS}//- /brief.md\n`);
    const document = fixture.service.index.resolve('1969-VCLT', fixture.scope);
    assert.ok(document);
    assert.equal(formatPinpoint(document, { written: 'art. 31(3)(a)', clauses: [] }, oscola), 'art 31(3)(a)');
    assert.equal(formatPinpoint(document, { written: 'Article 31(3)(a)', clauses: [] }, oscola), 'art 31(3)(a)');
    assert.equal(formatPinpoint(document, { written: 'art. 31(3)(a)', clauses: [] }, plain), 'art. 31(3)(a)');
    assert.equal(formatPinpoint(document, { written: '§9.9', clauses: [] }, oscola), '§9.9');
  });

  it('writes dates long or as a year, and leaves other text alone', () => {
    assert.equal(formatDate('1969-05-23', oscola, 'long'), '23 May 1969');
    assert.equal(formatDate('1969-05', oscola, 'long'), 'May 1969');
    assert.equal(formatDate('1969-05-23', oscola, 'year'), '1969');
    assert.equal(formatDate('spring 1969', oscola, 'long'), 'spring 1969');
  });
});

describe('styles are data', () => {
  it('has the two built-in styles, each valid', () => {
    assert.deepEqual([...builtInStyles.keys()].sort(), ['oscola', 'plain']);
    for (const style of builtInStyles.values()) {
      assert.ok(!('error' in parseStyle(JSON.parse(JSON.stringify(style)))), style.id);
    }
  });

  it('says which key of a style file is wrong', () => {
    const oscola = JSON.parse(JSON.stringify(builtInStyles.get('oscola'))) as Record<string, unknown>;
    assert.deepEqual(parseStyle({ ...oscola, placement: 'margin' }), { error: 'style.placement must be one of footnote, in-text' });
    const kinds = oscola['kinds'] as Record<string, Record<string, unknown>>;
    assert.deepEqual(parseStyle({ ...oscola, kinds: { ...kinds, treaty: { ...kinds['treaty'], first: [{ field: 'signatories' }] } } }), {
      error: 'style.kinds.treaty.first[0].field must be one of title, short, date, entry_into_force, citation, place, id, pinpoint',
    });
    assert.deepEqual(parseStyle({ ...oscola, placement: 'in-text' }), { error: 'style.inText is needed when style.placement is in-text' });
    assert.deepEqual(parseStyle([]), { error: 'style must be an object' });
  });

  it('formats with a style made of data alone', () => {
    const plain = JSON.parse(JSON.stringify(builtInStyles.get('plain'))) as CitationStyle;
    const custom: CitationStyle = {
      ...plain,
      id: 'custom',
      inText: { open: '[', close: ']' },
      kinds: { ...plain.kinds, treaty: { ...plain.kinds.treaty, first: [{ field: 'short' }, { text: ' — ' }, { field: 'citation', italic: true }, { field: 'pinpoint', prefix: ' at ' }] } },
    };
    const parsed = parseStyle(custom);
    assert.ok('style' in parsed);
    const fixture = loadFixture(`${CORPUS}//- /brief.md\nSee [1969-VCLT §32].`);
    const document = fixture.files.get('/brief.md');
    assert.ok(document);
    const built = buildExportDocument(fixture.service, document, fixture.scope, parsed.style);
    assert.deepEqual(built.document.citations[0].runs, [{ text: '[VCLT — ' }, { text: '1155 UNTS 331', italic: true }, { text: ' at art. 32]' }]);
  });
});
