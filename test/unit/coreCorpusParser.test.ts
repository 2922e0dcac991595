/**
 * The corpus format of spec.md §2: front matter, section numbers, paragraphs, items and clause text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clauseTextOf, parseCorpusDocument } from '../../server/src/service/corpusParser';
import { parseChineseNumeral, parseRomanNumeral, sectionNumberOf } from '../../server/src/service/sectionNumber';
import { isWide, joinLines, normalizeForMatch } from '../../server/src/service/text';
import { checkCorpusDiagnostics } from './helpers/fixture';

const HEADER = '---\nid: 2020-A\ntitle: A\n---\n';

/** The clauses of a corpus body (after a valid front matter), each as `key kind: text`. */
function clauses(body: string): string[] {
  const document = parseCorpusDocument(HEADER + body);
  assert.deepEqual(document.problems.filter((problem) => problem.code === undefined), [], 'no corpus errors');
  return document.clauses.map((clause) => `${clause.key} ${clause.kind}: ${clause.text}`);
}

describe('corpus format: section numbers', () => {
  const headings: [string, number | undefined][] = [
    ['一、总则', 1],
    ['一', 1],
    ['十', 10],
    ['十二、附则', 12],
    ['二十', 20],
    ['九十九', 99],
    ['第三条 定义', 3],
    ['第三条', 3],
    ['第十五条　定义', 15],
    ['第二部分 机构', 2],
    ['Article 3 – Scope', 3],
    ['Article 12', 12],
    ['ARTICLE 4. Terms', 4],
    ['Section 2 Definitions', 2],
    ['Part IV', 4],
    ['Part 2 – General', 2],
    ['III', 3],
    ['IV. Disputes', 4],
    ['XII', 12],
    ['3', 3],
    ['3. Scope', 3],
    ['12 Final provisions', 12],
    ['Annex', undefined],
    ['Introduction', undefined],
    ['1949年的条约', undefined],
    ['一带一路', undefined],
    ['第三章', undefined],
    ['Articles', undefined],
    ['IIII', undefined],
    ['3a', undefined],
  ];
  for (const [heading, number] of headings) {
    it(`reads ${JSON.stringify(heading)} as ${number ?? 'no number'}`, () => assert.equal(sectionNumberOf(heading), number));
  }

  it('parses numerals', () => {
    assert.equal(parseChineseNumeral('二十八'), 28);
    assert.equal(parseChineseNumeral('一百零五'), 105);
    assert.equal(parseChineseNumeral('两'), 2);
    assert.equal(parseChineseNumeral('x'), undefined);
    assert.equal(parseRomanNumeral('XLII'), 42);
    assert.equal(parseRomanNumeral('MCMXC'), 1990);
    assert.equal(parseRomanNumeral('IC'), undefined);
    assert.equal(parseRomanNumeral(''), undefined);
  });

  it('numbers sections by their headings and falls back to their position among all ## headings', () => {
    assert.deepEqual(clauses('## 一、总则\n\na\n\n## 第三条 定义\n\nb\n\n## Article 5 – Scope\n\nc\n\n## Annex\n\nd\n\n## VII\n\ne\n'), [
      '1 section: 一、总则',
      '1.1 paragraph: a',
      '3 section: 第三条 定义',
      '3.1 paragraph: b',
      '5 section: Article 5 – Scope',
      '5.1 paragraph: c',
      '4 section: Annex',
      '4.1 paragraph: d',
      '7 section: VII',
      '7.1 paragraph: e',
    ]);
    assert.deepEqual(clauses('## Scope\n\na\n\n## Terms\n\nb\n'), ['1 section: Scope', '1.1 paragraph: a', '2 section: Terms', '2.1 paragraph: b']);
  });

  it('takes only ## headings as sections; other headings are neither clauses nor paragraphs', () => {
    assert.deepEqual(clauses('# Title\n\n## 1\n\na\n\n### Group\n\nb\n\n#### Sub\n\nc\n'), [
      '1 section: 1',
      '1.1 paragraph: a',
      '1.2 paragraph: b',
      '1.3 paragraph: c',
    ]);
    assert.deepEqual(clauses('# Title\n\na\n\n### Group\n\nb\n'), ['1 paragraph: a', '2 paragraph: b']);
  });
});

describe('corpus format: paragraphs and items', () => {
  it('makes the paragraphs before the first heading the preamble, section 0', () => {
    assert.deepEqual(clauses('Pre one.\n\nPre two.\n\n## 一\n\na\n'), [
      '0 section: ',
      '0.1 paragraph: Pre one.',
      '0.2 paragraph: Pre two.',
      '1 section: 一',
      '1.1 paragraph: a',
    ]);
  });

  it('has no section 0 when nothing stands before the first heading', () => {
    assert.deepEqual(clauses('\n## 一\n\na\n'), ['1 section: 一', '1.1 paragraph: a']);
  });

  it('numbers paragraphs through a document without sections, so paths have one part less', () => {
    assert.deepEqual(clauses('One.\n\nTwo:\n\n- a\n- b\n\nThree.\n'), [
      '1 paragraph: One.',
      '2 paragraph: Two:',
      '2.1 item: a',
      '2.2 item: b',
      '3 paragraph: Three.',
    ]);
  });

  it('takes a list after a paragraph as its items, with or without blank lines between', () => {
    assert.deepEqual(clauses('## 1\n\nP:\n- a\n- b\n\nQ:\n\n\n- c\n\n- d\n\n1. e\n2. f\n'), [
      '1 section: 1',
      '1.1 paragraph: P:',
      '1.1.1 item: a',
      '1.1.2 item: b',
      '1.2 paragraph: Q:',
      '1.2.1 item: c',
      '1.2.2 item: d',
      '1.3 paragraph: 1. e',
      '1.4 paragraph: 2. f',
    ]);
  });

  it('counts the items of a list with no paragraph before it in its section as paragraphs', () => {
    assert.deepEqual(clauses('## 1\n\nP\n\n## 2\n\n- a\n- b\n\nQ\n\n- c\n'), [
      '1 section: 1',
      '1.1 paragraph: P',
      '2 section: 2',
      '2.1 paragraph: a',
      '2.2 paragraph: b',
      '2.3 paragraph: Q',
      '2.3.1 item: c',
    ]);
    assert.deepEqual(clauses('- a\n- b\n\nP\n\n* c\n'), ['1 paragraph: a', '2 paragraph: b', '3 paragraph: P', '3.1 item: c']);
  });

  it('takes a nested list as the sub-items of its item, a level deeper (spec.md §2)', () => {
    assert.deepEqual(clauses('P:\n\n- a\n  - a1\n  - a2\n- b\n'), ['1 paragraph: P:', '1.1 item: a', '1.1.1 item: a1', '1.1.2 item: a2', '1.2 item: b']);
    assert.deepEqual(clauses('## 60\n\nP\n\n2. Q:\n\n- (a) x:\n  - (i) y\n  - (ii) z\n    - (A) deep\n- (b) w\n'), [
      '60 section: 60',
      '60.1 paragraph: P',
      '60.2 paragraph: 2. Q:',
      '60.2.1 item: (a) x:',
      '60.2.1.1 item: (i) y',
      '60.2.1.2 item: (ii) z',
      '60.2.1.2.1 item: (A) deep',
      '60.2.2 item: (b) w',
    ]);
    const nested = clauses('P:\n\n- ——甲\n    1. 乙\n- 丙\n');
    assert.equal(nested.length, 3);
    assert.match(nested[1], /^1\.1 item: ——甲.*乙$/);
    assert.equal(nested[2], '1.2 item: 丙');
  });

  it('joins the lines of an item, its lazy continuation and its indented paragraphs', () => {
    assert.deepEqual(clauses('P:\n\n- one\ntwo\n\n  three\n- four\n'), ['1 paragraph: P:', '1.1 item: one two three', '1.2 item: four']);
  });

  it('records where each clause stands', () => {
    const document = parseCorpusDocument(HEADER + '\nPre\n\n## 一\n\nLine one\nline two\n\n- item\n');
    const ranges = document.clauses.map((clause) => [clause.key, clause.range.startLine, clause.range.startCharacter, clause.range.endLine, clause.range.endCharacter]);
    assert.deepEqual(ranges, [
      ['0', 5, 0, 5, 0],
      ['0.1', 5, 0, 5, 3],
      ['1', 7, 0, 7, 4],
      ['1.1', 9, 0, 10, 8],
      ['1.1.1', 12, 2, 12, 6],
    ]);
    assert.deepEqual(
      document.clauses.map((clause) => clause.ordinal),
      document.clauses.map((_, index) => index),
    );
  });

  it('reads CRLF files like LF files', () => {
    const lf = parseCorpusDocument(HEADER + '\nPre\n\n## 一\n\na\nb\n\n- c\n');
    const crlf = parseCorpusDocument((HEADER + '\nPre\n\n## 一\n\na\nb\n\n- c\n').replace(/\n/g, '\r\n'));
    // Offsets into the file differ by the extra '\r' of each line; everything else is the same.
    const withoutSpans = (clauses: typeof lf.clauses) => clauses.map(({ span: _span, ...rest }) => rest);
    assert.deepEqual(withoutSpans(crlf.clauses), withoutSpans(lf.clauses));
    const crlfText = (HEADER + '\nPre\n\n## 一\n\na\nb\n\n- c\n').replace(/\n/g, '\r\n');
    assert.deepEqual(crlf.clauses.map((clause) => clauseTextOf(crlfText.slice(clause.span.start, clause.span.end))), crlf.clauses.map((clause) => clause.text));
    assert.equal(crlf.id, '2020-A');
  });

  it('gives an empty document no clauses, and keeps every front matter key', () => {
    const document = parseCorpusDocument('---\nid: 2020-A\ntitle: A\ndate: 2020-01-02\nparties:\n  - X\n  - Y\nstatus: in force\n---\n');
    assert.deepEqual(document.clauses, []);
    assert.equal(document.hasSections, false);
    assert.deepEqual(document.meta['parties'], ['X', 'Y']);
    assert.equal(document.meta['status'], 'in force');
    assert.ok(document.meta['date'] !== undefined);
  });
});

describe('corpus format: clause text', () => {
  it('drops a line break between wide characters and makes it one space elsewhere (UAX #11 W and F)', () => {
    assert.deepEqual(clauses('中华\n人民\n\nabc\ndef\n\n中\nabc\n\nabc\n中\n\n，\n中\n\n中\n（注）\n\n中”\n中\n\n——\n中\n\n한\n국\n\nカ\nナ\n'), [
      '1 paragraph: 中华人民',
      '2 paragraph: abc def',
      '3 paragraph: 中 abc',
      '4 paragraph: abc 中',
      '5 paragraph: ，中',
      '6 paragraph: 中（注）',
      // U+201D and U+2014 are East Asian Ambiguous, not Wide: the break is a space.
      '7 paragraph: 中” 中',
      '8 paragraph: —— 中',
      '9 paragraph: 한국',
      '10 paragraph: カナ',
    ]);
  });

  it('trims each line and collapses its indentation', () => {
    assert.deepEqual(joinLines(['  a  ', '   b']), 'a b');
    assert.deepEqual(joinLines(['中 ', ' 国']), '中国');
    assert.deepEqual(joinLines(['a', '', 'b']), 'a b');
  });

  it('classifies East Asian widths', () => {
    for (const wide of ['中', '，', '。', '（', '　', '한', 'カ', 'Ａ', '〈', '𠀀']) {
      assert.ok(isWide(wide.codePointAt(0) ?? 0), `${wide} is wide`);
    }
    for (const narrow of ['a', '—', '“', '”', '·', 'ｶ', 'é', ' ']) {
      assert.ok(!isWide(narrow.codePointAt(0) ?? 0), `${narrow} is not wide`);
    }
  });

  it('joins surrogate pairs by their code points', () => {
    assert.equal(joinLines(['𠀀', '𠀁']), '𠀀𠀁');
  });

  it('normalises text for matching: width, case and spaces beside CJK', () => {
    assert.equal(normalizeForMatch('于 2023 年 3 月'), '于2023年3月');
    assert.equal(normalizeForMatch('Ｔｈｅ  Parties'), 'the parties');
  });
});

describe('corpus format: problems', () => {
  it('reports bad front matter on the line at fault', () => {
    checkCorpusDiagnostics('//- /corpus/a.md\n---\nid: 2020-A\ntitle: [unclosed\n---\n\nText.\n', [{ path: '/corpus/a.md', message: 'bad front matter' }]);
  });

  it('reports front matter that is not closed', () => {
    checkCorpusDiagnostics('//- /corpus/a.md\n---\nid: 2020-A\ntitle: A\n\nText.\n', [{ path: '/corpus/a.md', message: 'not closed' }]);
  });

  it('reports front matter that is not a mapping', () => {
    checkCorpusDiagnostics('//- /corpus/a.md\n---\n- id\n- title\n---\n\nText.\n', [{ path: '/corpus/a.md', message: 'bad front matter' }]);
  });

  it('reports a missing id, a bad id and a missing title', () => {
    checkCorpusDiagnostics('//- /corpus/a.md\n---\ntitle: A\n---\n\nText.\n', [{ path: '/corpus/a.md', message: 'missing id' }]);
    checkCorpusDiagnostics('//- /corpus/a.md\n---\nid: 2020-a\ntitle: A\n---\n\nText.\n', [{ path: '/corpus/a.md', message: 'not a document id', at: '2020-a' }]);
    checkCorpusDiagnostics('//- /corpus/a.md\n---\nid: 2020-A\n---\n\nText.\n', [{ path: '/corpus/a.md', message: 'missing title' }]);
  });

  it('reports a duplicate key in the front matter', () => {
    checkCorpusDiagnostics('//- /corpus/a.md\n---\nid: 2020-A\ntitle: A\nid: 2020-B\n---\n\nText.\n', [{ path: '/corpus/a.md', message: 'bad front matter' }]);
  });

  it('reports a duplicate section number on the later heading, and keeps the earlier section citable', () => {
    const fixture = '//- /corpus/a.md\n---\nid: 2020-A\ntitle: A\n---\n\n## 1\n\na\n\n## Article 1\n\nb\n\n## 2\n\nc\n';
    checkCorpusDiagnostics(fixture, [{ path: '/corpus/a.md', message: 'duplicate section number 1', at: '## Article 1' }]);
    const document = parseCorpusDocument(fixture.slice(fixture.indexOf('---')));
    assert.deepEqual(
      document.clauses.map((clause) => `${clause.key} ${clause.text}`),
      ['1 1', '1.1 a', '2 2', '2.1 c'],
    );
  });

  it('reports nothing on a good file, and treats a Markdown file without front matter as a brief', () => {
    checkCorpusDiagnostics('//- /corpus/a.md\n---\nid: 2020-A\ntitle: A\n---\n\nText.\n//- /corpus/notes.md\n# Notes\n\nSee [2020-A §1].\n', []);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '---', '---\n---', '---\n: :\n---', '## ', '- ', '\uFEFF---\nid: 2020-A\ntitle: A\n---\n', '---\nid: 2020-A\ntitle: A\n---\n## 〇\n\na']) {
      assert.doesNotThrow(() => parseCorpusDocument(text), JSON.stringify(text));
    }
    assert.equal(parseCorpusDocument('\uFEFF---\nid: 2020-A\ntitle: A\n---\n').id, '2020-A');
  });
});
