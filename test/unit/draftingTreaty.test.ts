/**
 * Drafting the treaty itself, through the core's API: internal cross-references in English and Chinese (tables
 * of phrases and the clauses they name, and prose that only looks like a reference), defined terms, the
 * concordance of language versions, and the renumbering plan.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clauseFacts, compareFacts } from '../../server/src/service/concordance';
import { findCrossReferences } from '../../server/src/service/crossReferences';
import { analyseTerms } from '../../server/src/service/definedTerms';
import { clauseName } from '../../server/src/service/drafting';
import { DraftModel, draftModelOf } from '../../server/src/service/draftModel';
import { planRenumbering } from '../../server/src/service/renumber';

const PLACEHOLDER = 'TEXT';

/** An English draft with articles 1–5 (article 3 has paragraphs 1–3, paragraph 1 items (a)–(c)) and annexes I and II. */
const ENGLISH = `---
id: 2099-DRAFT
title: Draft agreement
language: en
status: draft
---

The Parties,

Have agreed as follows:

## Article 1 – Definitions

For the purposes of this Agreement, “Party” means a State bound by it.

## Article 2 – Scope

This Agreement applies to scientific cooperation.

## Article 3 – Cooperation

1. The Parties shall cooperate through:

- (a) joint projects;
- (b) exchanges;
- (c) seminars.

2. ${PLACEHOLDER}

3. Each Party shall report yearly.

## Article 4 – Committee

1. A Committee is established.

2. It meets yearly.

## Article 5 – Final clauses

This Agreement enters into force on signature.

# Annex I – Rules

## Article 1 – Ownership

Results belong to their authors.

## Article 2 – Licences

Licences are free.

# Annex II – Contacts

The contact points are listed here.
`;

/** The same draft in Chinese: 条 headings, paragraphs numbered 一、二、三、, items （一）（二）（三）. */
const CHINESE = `---
id: 2099-DRAFT
title: 协定草案
language: zh
status: draft
---

双方，

达成协议如下：

## 第一条 定义

就本协定而言，“缔约方”是指受本协定约束的国家。

## 第二条 范围

本协定适用于科学合作。

## 第三条 合作

一、双方应通过下列方式合作：

- （一）联合项目；
- （二）交流；
- （三）研讨会。

二、${PLACEHOLDER}

三、每一缔约方应每年报告。

## 第四条 委员会

一、设立委员会。

二、委员会每年举行会议。

## 第五条 最后条款

本协定自签署之日起生效。

# 附件一 规则

## 第一条 所有权

成果归其作者所有。

## 第二条 许可

许可免费。

# 附件二 联络

联络点列于此。
`;

/** The references found in `phrase` written as paragraph 2 of article 3, each as `written → targets` or `written ✗ problem`. */
function referencesIn(template: string, phrase: string): string[] {
  const model = draftModelOf(template.replace(PLACEHOLDER, phrase));
  return findCrossReferences(model).map((reference) => {
    const written = model.text.slice(reference.start, reference.end).replace(/\s+/g, ' ');
    return reference.problem !== undefined ? `${written} ✗ ${reference.problem}` : `${written} → ${reference.targets.map((target) => clauseName(model, target)).join(', ')}`;
  });
}

describe('cross-references in English', () => {
  const table: [string, string[]][] = [
    ['as provided in article 5.', ['article 5 → art. 5']],
    ['Article 5 applies.', ['Article 5 → art. 5']],
    ['subject to paragraph 1 of this article', ['paragraph 1 of this article → art. 3(1)']],
    ['subject to paragraph 3', ['paragraph 3 → art. 3(3)']],
    ['paragraphs 1 to 3 apply', ['paragraphs 1 to 3 → art. 3(1), art. 3(2), art. 3(3)']],
    ['paragraphs 1–3 apply', ['paragraphs 1–3 → art. 3(1), art. 3(2), art. 3(3)']],
    ['paragraphs 1 and 3 apply', ['paragraphs 1 → art. 3(1)', '3 → art. 3(3)']],
    ['articles 1, 2 and 4 apply', ['articles 1 → art. 1', '2 → art. 2', '4 → art. 4']],
    ['articles 2 to 4 of this Agreement', ['articles 2 to 4 of this Agreement → art. 2, art. 3, art. 4']],
    ['as listed in article 3(1)(b)', ['article 3(1)(b) → art. 3(1)(b)']],
    ['under article 4, paragraph 2', ['article 4, paragraph 2 → art. 4(2)']],
    ['under paragraph 2 of article 4', ['paragraph 2 of article 4 → art. 4(2)']],
    ['under subparagraph (b) of paragraph 1', ['subparagraph (b) of paragraph 1 → art. 3(1)(b)']],
    ['under subparagraphs (a) and (c) of paragraph 1', ['subparagraphs (a) → art. 3(1)(a)', '(c) of paragraph 1 → art. 3(1)(c)']],
    ['as set out in annex II', ['annex II → annex II']],
    ['as set out in Annex II to this Agreement', ['Annex II to this Agreement → annex II']],
    ['under article 2 of annex I', ['article 2 of annex I → annex I art. 2']],
    ['the preceding paragraph applies', ['the preceding paragraph → art. 3(1)']],
    ['the previous article applies', ['the previous article → art. 2']],
    ['article 5 of the present Agreement', ['article 5 of the present Agreement → art. 5']],
    ['under article 12', ['article 12 ✗ article 12 does not exist: this document has articles 1, 2, 3, 4, 5']],
    ['under paragraph 7', ['paragraph 7 ✗ paragraph 7 does not exist: art. 3 has paragraphs 1, 2, 3']],
    ['under article 3(1)(f)', ['article 3(1)(f) ✗ (f) does not exist: art. 3(1) has subparagraphs (a), (b), (c)']],
    ['as set out in annex III', ['annex III ✗ annex III does not exist: the annexes are I, II']],
    ['paragraphs 3 to 1 apply', ['paragraphs 3 to 1 ✗ the range ends before it starts (paragraph 1 comes before paragraph 3)']],
  ];
  for (const [phrase, expected] of table) {
    it(JSON.stringify(phrase), () => {
      assert.deepEqual(referencesIn(ENGLISH, phrase), expected);
    });
  }
});

describe('prose that only looks like a reference, in English', () => {
  const phrases = [
    'an article of faith',
    'as the paragraph says',
    'this paragraph applies',
    'the articles of association',
    'article 2 of the Charter of the United Nations',
    'article 31 of the Vienna Convention on the Law of Treaties',
    'article 5 thereof',
    'paragraph 3 of the Protocol',
    'paragraph 2 of that article',
    'the Parties recall [1969-VCLT art. 31] and [2099-DRAFT art. 4]',
    'article5 and paragraph3',
    'in paragraph 4.2 of the report',
  ];
  for (const phrase of phrases) {
    it(JSON.stringify(phrase), () => {
      assert.deepEqual(referencesIn(ENGLISH, phrase), []);
    });
  }
});

describe('cross-references in Chinese', () => {
  const table: [string, string[]][] = [
    ['依照第五条的规定', ['第五条 → 第五条']],
    ['依照第5条的规定', ['第5条 → 第五条']],
    ['依照第５条的规定', ['第５条 → 第五条']],
    ['依照本条第一款', ['本条第一款 → 第三条第一款']],
    ['依照第三款', ['第三款 → 第三条第三款']],
    ['第一款至第三款', ['第一款至第三款 → 第三条第一款, 第三条第二款, 第三条第三款']],
    ['依照第三条第一款第（二）项', ['第三条第一款第（二）项 → 第三条第一款第（二）项']],
    ['依照第一款第（三）项', ['第一款第（三）项 → 第三条第一款第（三）项']],
    ['前款规定', ['前款 → 第三条第一款']],
    ['前条规定', ['前条 → 第二条']],
    ['载于附件二', ['附件二 → 附件二']],
    ['依照附件一第二条', ['附件一第二条 → 附件一第二条']],
    ['第二条至第四条', ['第二条至第四条 → 第二条, 第三条, 第四条']],
    ['第二条、第四条', ['第二条 → 第二条', '第四条 → 第四条']],
    ['依照本协定第四条第二款', ['第四条第二款 → 第四条第二款']],
    ['依照第十二条', ['第十二条 ✗ 第十二条 does not exist: this document has articles 第一条, 第二条, 第三条, 第四条, 第五条']],
    ['依照第七款', ['第七款 ✗ 第七款 does not exist: 第三条 has paragraphs 一, 二, 三']],
    ['载于附件三', ['附件三 ✗ 附件三 does not exist: the annexes are 一, 二']],
  ];
  for (const [phrase, expected] of table) {
    it(JSON.stringify(phrase), () => {
      assert.deepEqual(referencesIn(CHINESE, phrase), expected);
    });
  }
});

describe('prose that only looks like a reference, in Chinese', () => {
  const phrases = ['本条约适用于', '第一次会议', '在目前条件下', '提前款项', '依照《联合国宪章》第二条', '依照该公约第五条', '开辟第一条道路', '第一项任务', '本条例', '第五条款'];
  for (const phrase of phrases) {
    it(JSON.stringify(phrase), () => {
      assert.deepEqual(referencesIn(CHINESE, phrase), []);
    });
  }
});

describe('cross-references: tokens for renumbering, and scale', () => {
  it('each number written is a token naming its clause', () => {
    const model = draftModelOf(ENGLISH.replace(PLACEHOLDER, 'See paragraph 2 of article 4 and 第三条第一款第（二）项.'));
    const tokens = findCrossReferences(model).flatMap((reference) => reference.tokens.map((token) => `${token.written}:${token.clause ? clauseName(model, token.clause) : '?'}`));
    assert.deepEqual(tokens, ['4:art. 4', '2:art. 4(2)', '三:art. 3', '一:art. 3(1)', '二:art. 3(1)(b)']);
  });

  it('scans a long paragraph of near-references in linear time', () => {
    const noise = 'article of faith, paragraph, 第一次, 前条件, article 5 of the Charter, '.repeat(20_000);
    const model = draftModelOf(ENGLISH.replace(PLACEHOLDER, `${noise} article 4.`));
    const found = findCrossReferences(model);
    assert.equal(found.length, 1);
    assert.equal(clauseName(model, found[0].targets[0]), 'art. 4');
  });
});

describe('defined terms', () => {
  const draft = (body: string): DraftModel => draftModelOf(`---\nid: 2099-T\ntitle: T\nstatus: draft\n---\n\n${body}\n`);

  it('finds definitions in English and Chinese, and their uses (plural forms, across a line break)', () => {
    const model = draft(`The States (hereinafter referred to as “the Parties”),\n\n## Article 1\n\nFor the purposes of this Agreement, “Joint Committee” means the committee; “Party” means a State.\n\n本协定所称“缔约方”，是指国家（以下简称“各方”）。\n\n## Article 2\n\nThen the Parties shall convene the Joint\nCommittee. Each Party and all Parties; 缔约方和各方。`);
    const analysis = analyseTerms(model);
    assert.deepEqual(analysis.definitions.map((definition) => definition.term), ['the Parties', 'Joint Committee', 'Party', '缔约方', '各方']);
    const uses = analysis.uses.map((use) => model.text.slice(use.start, use.end).replace(/\s+/g, ' '));
    assert.deepEqual(uses, ['the Parties', 'Joint Committee', 'Party', 'Parties', '缔约方', '各方']);
    assert.deepEqual(analysis.problems, []);
  });

  it('a term defined twice, a quoted use before the definitions article, and an unused definition', () => {
    const model = draft(`## Article 1\n\nThe “Committee” shall meet.\n\n## Article 2\n\n“Committee” means the committee.\n\n“Committee” means the council.\n\n“Observer” means a guest.\n\n## Article 3\n\nThe Committee decides.`);
    const problems = analyseTerms(model).problems.map((problem) => `${problem.severity}: ${problem.message}`);
    assert.deepEqual(problems, [
      'warning: defined term: “Committee” is used here before article 2 defines it; move the definition up or the quotation marks out',
      'warning: defined term: “Committee” is defined twice; it is already defined in article 2 (line 13)',
      'hint: defined term: “Observer” is defined but never used',
    ]);
  });

  it('an unquoted use before the definitions is fine, and so is a quoted use after them', () => {
    const model = draft(`## Article 1\n\nThe Committee shall meet.\n\n## Article 2\n\n“Committee” means the committee.\n\n## Article 3\n\nThe term “Committee” is used throughout.`);
    assert.deepEqual(analyseTerms(model).problems, []);
  });
});

describe('concordance of language versions', () => {
  const facts = (text: string): ReturnType<typeof clauseFacts> => {
    const model = draftModelOf(`---\nid: 2099-T\ntitle: T\n---\n\n${text}\n`);
    const clause = model.clauses[0];
    return clauseFacts(model, clause, findCrossReferences(model).filter((reference) => reference.source === clause));
  };

  const agree: [string, string][] = [
    ['within five years', '五年内'],
    ['within 5 years', '五年内'],
    ['within thirty (30) days', '三十日内'],
    ['at least 30 per cent', '至少百分之三十'],
    ['up to 12 months', '最长为十二个月'],
    ['up to EUR 2,000,000', '最多2000000欧元'],
    ['up to USD 1 million', '最多一百万美元'],
    ['once a year', '每年一次'],
    ['on 1 January 2026', '于2026年1月1日'],
    ['on January 1, 2026', '于二〇二六年一月一日'],
    ['five representatives of each Party', '每一方五名代表'],
    ['the Parties shall cooperate in a unified manner', '双方应以统一方式合作，一致行动'],
    ['full-width digits: 12', '全角数字：１２'],
  ];
  for (const [english, chinese] of agree) {
    it(`${english} = ${chinese}`, () => {
      assert.deepEqual(compareFacts(facts(english), facts(chinese)), []);
    });
  }

  const differ: [string, string, string][] = [
    ['within five years', '三年内', 'numbers: here five (5); there 三 (3)'],
    ['within 5 years', '五个月内', 'units: here 5 year, there 5 month'],
    ['at least 30 per cent', '至少百分之二十', 'numbers: here 30; there 百分之二十 (20)'],
    ['on 1 January 2026', '于2026年2月1日', 'numbers: here 1 January 2026 (2026-01-01); there 2026年2月1日 (2026-02-01)'],
  ];
  for (const [english, chinese, expected] of differ) {
    it(`${english} ≠ ${chinese}`, () => {
      assert.deepEqual(compareFacts(facts(english), facts(chinese)), [expected]);
    });
  }

  it('cross-referenced articles and the number of items count', () => {
    const english = draftModelOf(ENGLISH.replace(PLACEHOLDER, 'Article 4 applies.'));
    const chinese = draftModelOf(CHINESE.replace(PLACEHOLDER, '第五条适用。').replace('- （三）研讨会。\n', ''));
    const pick = (model: DraftModel, name: string) => {
      const clause = model.clauses.find((candidate) => clauseName(model, candidate) === name);
      assert.ok(clause, name);
      return clauseFacts(model, clause, findCrossReferences(model).filter((reference) => reference.source === clause));
    };
    assert.deepEqual(compareFacts(pick(english, 'art. 3(2)'), pick(chinese, '第三条第二款')), ['cross-references: here Article 4; there 第五条']);
    assert.deepEqual(compareFacts(pick(english, 'art. 3(1)'), pick(chinese, '第三条第一款')), ['items: 3 here, 2 there']);
  });
});

describe('renumbering', () => {
  const insertEnglish = (text: string): string => text.replace('## Article 4 – Committee', '## Article 4 – Mobility\n\nResearchers move freely; article 4 applies to them.\n\n## Article 4 – Committee');
  const insertChinese = (text: string): string => text.replace('## 第四条 委员会', '## 第四条 人员流动\n\n研究人员自由流动；第四条适用于他们。\n\n## 第四条 委员会');
  const plan = (english: string, chinese?: string) =>
    planRenumbering({ uri: 'en', model: draftModelOf(english) }, chinese === undefined ? [] : [{ uri: 'zh', model: draftModelOf(chinese) }], [], 'en');
  const applied = (outcome: ReturnType<typeof plan>, uri: string, text: string): string => {
    assert.equal(outcome.kind, 'plan', JSON.stringify(outcome));
    const edits = outcome.kind === 'plan' ? outcome.edits.filter((edit) => edit.uri === uri) : [];
    let result = text;
    for (const edit of [...edits].sort((left, right) => right.start - left.start)) {
      result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    }
    return result;
  };

  it('is not offered while the labels run in sequence', () => {
    assert.deepEqual(plan(ENGLISH.replace(PLACEHOLDER, 'See article 4.')), { kind: 'in-sequence' });
  });

  it('after an inserted article: the later of two articles 4 is the old one; labels, references and the other version follow', () => {
    const english = insertEnglish(ENGLISH.replace(PLACEHOLDER, 'See article 4, under paragraph 2 of article 4, and article 5.'));
    const chinese = CHINESE.replace(PLACEHOLDER, '见第四条第二款和第五条。');
    const outcome = plan(english, chinese);
    const newEnglish = applied(outcome, 'en', english);
    assert.match(newEnglish, /## Article 4 – Mobility\n\nResearchers move freely; article 5 applies to them\.\n\n## Article 5 – Committee/);
    assert.match(newEnglish, /See article 5, under paragraph 2 of article 5, and article 6\./);
    assert.match(newEnglish, /## Article 6 – Final clauses/);
    // The Chinese version lacks the new article: its labels move with the English ones, leaving a gap at 第四条.
    const newChinese = applied(outcome, 'zh', chinese);
    assert.match(newChinese, /见第五条第二款和第六条。/);
    assert.match(newChinese, /## 第五条 委员会[\s\S]*## 第六条 最后条款/);
    assert.doesNotMatch(newChinese, /## 第四条/);
    // The annexes' own articles are untouched.
    assert.match(newEnglish, /# Annex I – Rules\n\n## Article 1 – Ownership/);
  });

  it('after an article inserted in both versions, both are renumbered alike', () => {
    const english = insertEnglish(ENGLISH.replace(PLACEHOLDER, 'See article 5.'));
    const chinese = insertChinese(CHINESE.replace(PLACEHOLDER, '见第五条。'));
    const outcome = plan(english, chinese);
    const newChinese = applied(outcome, 'zh', chinese);
    assert.match(newChinese, /## 第四条 人员流动\n\n研究人员自由流动；第五条适用于他们。\n\n## 第五条 委员会/);
    assert.match(newChinese, /见第六条。/);
  });

  it('after a deleted article and a moved paragraph', () => {
    const deleted = ENGLISH.replace(PLACEHOLDER, 'See article 5.').replace(/## Article 4 – Committee[\s\S]*?(?=## Article 5)/, '');
    assert.match(applied(plan(deleted), 'en', deleted), /See article 4\.[\s\S]*## Article 4 – Final clauses/);
    const moved = ENGLISH.replace(PLACEHOLDER, 'Subject to paragraph 3.').replace('3. Each Party shall report yearly.', '').replace('2. Subject', '3. Each Party shall report yearly.\n\n2. Subject');
    const result = applied(plan(moved), 'en', moved);
    assert.match(result, /2\. Each Party shall report yearly\.\n\n3\. Subject to paragraph 2\./);
  });

  it('refuses, saying why, when the labels do not tell what the old numbers meant', () => {
    const copied = ENGLISH.replace(PLACEHOLDER, 'x').replace('## Article 5 – Final clauses\n\nThis Agreement enters into force on signature.\n', '## Article 5 – Final clauses\n\nThis Agreement enters into force on signature.\n\n## Article 5 – Final clauses\n\nThis Agreement enters into force on signature.\n');
    const copy = plan(copied);
    assert.equal(copy.kind, 'refused');
    assert.match(copy.kind === 'refused' ? copy.reason : '', /same label and the same text/);
    const mixed = ENGLISH.replace(PLACEHOLDER, 'x').replace('## Article 5 – Final clauses', '## Article VII – Final clauses');
    const styles = plan(mixed);
    assert.match(styles.kind === 'refused' ? styles.reason : JSON.stringify(styles), /mix numbering styles/);
    // The English version deleted article 4, the Chinese one still has it.
    const deleted = ENGLISH.replace(PLACEHOLDER, 'x').replace(/## Article 4 – Committee[\s\S]*?(?=## Article 5)/, '');
    const versions = plan(deleted, CHINESE.replace(PLACEHOLDER, 'x'));
    assert.match(versions.kind === 'refused' ? versions.reason : JSON.stringify(versions), /第四条 \(line \d+ of the zh version\) has no counterpart in this version/);
  });
});
