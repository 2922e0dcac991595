/**
 * Label forms beyond `1.` and `(a)` (labels.ts): the Chinese item series (heavenly stems `（甲）`/`甲、`, earthly
 * branches `（子）`), a Chinese numeral before spaces or alone (`一  人人…`, `三`), a paragraph number glued to
 * its first item's (`2.(1)`), the French `Article 1er`, and schedules read as annexes (`# Schedule`, cited
 * `annex para. 6(1)`). Through the core's API: a Chinese translation aligns with the English by label ordinal,
 * and a translation that lacks a clause gets no `label-sequence` warning for its gap.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { annexHeading, headingLabel, labelKey, labelOrdinal, leadingLabel } from '../../server/src/service/labels';
import { createLanguageService } from '../../server/src/service/languageService';

const ROOT = 'file:///corpus';

describe('label forms of Chinese and French texts', () => {
  it('reads heavenly stems, earthly branches, spaced and lone numerals, and glued paragraph numbers', () => {
    const cases: [string, string | undefined, number | undefined][] = [
      ['（甲）對生命與人身施以暴力', '（甲）', 1],
      ['(乙)使館館長', '(乙)', 2],
      ['癸、第十項', '癸、', 10],
      ['（子）本公約所稱之戰俘', '（子）', 1],
      ['（亥）第十二', '（亥）', 12],
      ['一  所有民族均享有自決權', '一', 1],
      ['十二\u3000人人', '十二', 12],
      ['三', '三', 3],
      ['二  ', '二', 2],
      ['2.(1)「締約國」是指', '2.', 2],
      ['1.為本公約目的', '1.', 1],
      ['1.The Parties', '1.', 1],
      // Not labels: a numeral that begins a word, a numeral before Latin text, `e.g.`.
      ['一人一票', undefined, undefined],
      ['一 percent', undefined, undefined],
      ['e.g. this', undefined, undefined],
      ['甲方應', undefined, undefined],
    ];
    for (const [text, label, ordinal] of cases) {
      assert.equal(leadingLabel(text), label, text);
      if (label !== undefined) {
        assert.equal(labelOrdinal(label, 'item'), ordinal, text);
      }
    }
    // `（甲）` compares as its ordinal, so `第（一）项` names it.
    assert.equal(labelKey('（甲）', 'item'), labelKey('（一）', 'item'));
    assert.equal(labelKey('（子）', 'item'), '1');
  });

  it('reads Article 1er as article 1, and a Paragraph heading as its number', () => {
    assert.equal(labelKey(headingLabel('Article 1er') ?? '', 'section'), '1');
    assert.equal(labelKey(headingLabel('1 Article 1er – Objet') ?? '', 'section'), '1');
    assert.equal(labelKey(headingLabel('Article premier') ?? '', 'section'), '1');
    assert.equal(headingLabel('6 Paragraph 6'), '6');
  });

  it('reads Schedule, SCHEDULE, Appendix and 附表 headings as annexes', () => {
    assert.deepEqual(annexHeading('Schedule'), { label: undefined });
    assert.deepEqual(annexHeading('SCHEDULE'), { label: undefined });
    assert.deepEqual(annexHeading('Schedule 2 – Fees'), { label: '2' });
    assert.deepEqual(annexHeading('Appendix'), { label: undefined });
    assert.deepEqual(annexHeading('附表'), { label: undefined });
    assert.deepEqual(annexHeading('附表二'), { label: '二' });
    assert.equal(annexHeading('Scheduled flights'), undefined);
  });
});

const ENGLISH = `---
id: 1966-X
title: Covenant X
language: en
authentic: true
---

## Article 1

1. All peoples have the right of self-determination.

2. All peoples may freely dispose of their natural wealth.

3. The States Parties:

- (a) shall promote;
- (b) shall respect;
- (c) shall report.

## Article 2

1. Each State Party undertakes to respect the rights.

2. Where not already provided for:

- (1) “States Parties” means States bound by this Covenant;
- (2) This Covenant applies mutatis mutandis.

# Schedule

## 1 Paragraph 1

1. The travel document shall be similar to the specimen.

2. The document shall be made out in two languages.

## 2 Paragraph 2

Children may be included in the travel document of a parent.
`;

/** A Chinese translation in the forms of the open-treaties texts, lacking art. 1(2) and art. 1(3)(b). */
const CHINESE = `---
id: 1966-X
title: 公約X
language: zh
authentic: false
---

## 1 第一條

一  所有民族均享有自決權。

三

- （甲）應促進；
- （丙）應報告。

## 2 第二條

一  本公約締約國承允尊重權利。

2.

- (1)「締約國」是指受本公約拘束的國家。
- (2)本公約比照適用。
`;

function service(files: Record<string, string>) {
  const language = createLanguageService();
  for (const [name, text] of Object.entries(files)) {
    assert.ok(language.setCorpusFile(`${ROOT}/${name}`, ROOT, text), name);
  }
  return language;
}

function hoverText(language: ReturnType<typeof service>, brief: string, at: string): string {
  const document = TextDocument.create('file:///brief.md', 'markdown', 1, brief);
  const result = language.hover(document, document.positionAt(brief.indexOf(at) + 1), [ROOT]);
  return (result?.contents as { value: string } | undefined)?.value ?? '';
}

describe('a Chinese translation aligned by label ordinal', () => {
  it('aligns （甲）, 一 and a glued 2. with the English (a), 1. and 2., with no problem for the clauses it lacks', () => {
    const language = service({ 'x.md': ENGLISH, 'x.zh.md': CHINESE });
    assert.deepEqual(language.corpusDiagnostics(`${ROOT}/x.zh.md`, [ROOT]), []);
    assert.deepEqual(language.corpusDiagnostics(`${ROOT}/x.md`, [ROOT]), []);
    const brief = '[1966-X art. 1(3)(c)] [1966-X art. 1(2)] [1966-X art. 2(2)(1)]\n';
    assert.match(hoverText(language, brief, 'art. 1(3)(c)'), /（丙）應報告/);
    assert.match(hoverText(language, brief, 'art. 2(2)(1)'), /「締約國」是指/);
    assert.match(hoverText(language, brief, 'art. 1(2)]'), /This version has no art\. 1\\\(2\\\)/);
  });

  it('warns of a translation that names the authentic clauses out of order', () => {
    const swapped = CHINESE.replace('- （甲）應促進；\n- （丙）應報告。', '- （丙）應報告。\n- （甲）應促進；');
    const language = service({ 'x.md': ENGLISH, 'x.zh.md': swapped });
    const problems = language.corpusDiagnostics(`${ROOT}/x.zh.md`, [ROOT]);
    assert.deepEqual(problems.map((problem) => [problem.code, problem.range.start.line]), [['label-sequence', 14]]);
    assert.match(String(problems[0].message), /（甲） comes after （丙） here, but the en version has them the other way round/);
  });

  it('keeps the label-sequence warning of an authentic text with a gap', () => {
    const gap = ENGLISH.replace('2. All peoples may freely dispose of their natural wealth.\n\n', '');
    const language = service({ 'x.md': gap });
    assert.deepEqual(language.corpusDiagnostics(`${ROOT}/x.md`, [ROOT]).map((problem) => problem.code), ['label-sequence']);
  });
});

describe('a schedule is an annex', () => {
  it('is cited annex para. N(M), and hover writes it so', () => {
    const language = service({ 'x.md': ENGLISH });
    const brief = '[1966-X annex para. 1(2)] [1966-X annex para. 2] [1966-X annex art. 2] [1966-X art. 2(1)]\n';
    const document = TextDocument.create('file:///brief.md', 'markdown', 1, brief);
    assert.deepEqual(language.briefDiagnostics(document, [ROOT]), []);
    assert.match(hoverText(language, brief, 'annex para. 1(2)'), /annex 1 para\. 1\(2\)[\s\S]*made out in two languages/);
    assert.match(hoverText(language, brief, 'annex para. 2]'), /Children may be included/);
  });
});
