/**
 * Printed pinpoints, aliases and short forms (spec.md §1.1), labels and their sequence (§2), and the
 * positional-mismatch warning (§4), through the core's API on a small treaty-shaped corpus.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCitationBody } from '../../server/src/service/citationParser';
import { parseCorpusDocument } from '../../server/src/service/corpusParser';
import { labelKey, leadingLabel, sequenceBreaks } from '../../server/src/service/labels';
import { resolvePinpoint } from '../../server/src/service/resolve';
import { checkDiagnostics, checkHover, load, messageOf, textOf } from './helpers/fixture';

export const TREATIES = `
//- /corpus/vclt.md
---
id: 1969-VCLT
title: Vienna Convention on the Law of Treaties
aliases: [VCLT]
---
The States Parties to the present Convention,

Have agreed as follows:

# Part I – Introduction

## Article 2 – Use of terms

1. For the purposes of the present Convention:

- (a) “treaty” means an international agreement concluded between States;
- (b) “ratification” means the international act so named;

2. The provisions of paragraph 1 regarding the use of terms are without prejudice.

## Article 31 – General rule of interpretation

1. A treaty shall be interpreted in good faith.

2. The context for the purpose of the interpretation of a treaty shall comprise:

- (a) any agreement relating to the treaty;
- (b) any instrument which was made by one or more parties;

3. There shall be taken into account, together with the context:

- (a) any subsequent agreement between the parties regarding the interpretation;
- (b) any subsequent practice in the application of the treaty;
- (c) any relevant rules of international law applicable in the relations between the parties.

4. A special meaning shall be given to a term if it is established that the parties so intended.

## Article 32 – Supplementary means of interpretation

Recourse may be had to supplementary means of interpretation when the interpretation:

- (a) leaves the meaning ambiguous or obscure; or
- (b) leads to a result which is manifestly absurd or unreasonable.

## Article 33 – Interpretation of treaties authenticated in two or more languages

1. When a treaty has been authenticated in two or more languages, the text is equally authoritative.

## Article 60 – Termination as a consequence of breach

1. A material breach of a bilateral treaty entitles the other party to invoke the breach.

2. A material breach of a multilateral treaty by one of the parties entitles:

- (a) the other parties by unanimous agreement to suspend the operation of the treaty:
  - (i) in the relations between themselves and the defaulting State, or
  - (ii) as between all the parties;
- (b) a party specially affected by the breach to invoke it.

## Article 66 – Procedures for judicial settlement

If, under paragraph 3 of article 65, no solution has been reached, the following procedures shall be followed:

- (a) any one of the parties to a dispute concerning article 53 may submit it to the International Court of Justice;
- (b) any one of the parties to a dispute concerning the other articles may set in motion the procedure in the Annex.

# Annex

1. A list of conciliators consisting of qualified jurists shall be drawn up and maintained by the Secretary-General.

2. When a request has been made to the Secretary-General, he shall bring the dispute before a conciliation commission.
//- /corpus/unch.md
---
id: 1945-UNCH
title: Charter of the United Nations
aliases: [CHARTER]
---
## Article 2

The Organization and its Members, in pursuit of the Purposes stated in Article 1, shall act in accordance with the following Principles.

1. The Organization is based on the principle of the sovereign equality of all its Members.

2. All Members shall fulfil in good faith the obligations assumed by them.

3. All Members shall settle their international disputes by peaceful means.

4. All Members shall refrain in their international relations from the threat or use of force.

## Article 51

Nothing in the present Charter shall impair the inherent right of individual or collective self-defence.
//- /corpus/rome.md
---
id: 1998-ROME
title: Rome Statute of the International Criminal Court
aliases: [ICC-STATUTE]
---
## Article 8 – War crimes

1. The Court shall have jurisdiction in respect of war crimes.

## 802 Article 8 bis – Crime of aggression

1. For the purpose of this Statute, “crime of aggression” means the planning of an act of aggression.

2. For the purpose of paragraph 1, “act of aggression” means:

- (a) The invasion or attack by the armed forces of a State of the territory of another State;

## Article 9 – Elements of Crimes

1. Elements of Crimes shall assist the Court in the interpretation of articles 6, 7, 8 and 8 bis.
//- /corpus/unclos.md
---
id: 1982-UNCLOS
title: United Nations Convention on the Law of the Sea
---
## Article 1 – Use of terms and scope

1. For the purposes of this Convention, “Area” means the sea-bed beyond national jurisdiction.

# Annex VII – Arbitration

## Article 1 – Institution of proceedings

Subject to the provisions of Part XV, any party to a dispute may submit the dispute to the arbitral procedure.

## Article 2 – List of arbitrators

1. A list of arbitrators shall be drawn up and maintained by the Secretary-General.

2. Every State Party shall be entitled to nominate four arbitrators.
//- /corpus/law.md
---
id: 1997-XF
title: 中华人民共和国刑法（节选）
language: zh
---
## 第三条 罪刑法定

法律明文规定为犯罪行为的，依照法律定罪处刑。

法律没有明文规定为犯罪行为的，不得定罪处刑。

## 1701 第十七条之一 老年人犯罪

已满七十五周岁的人故意犯罪的，可以从轻或者减轻处罚。

## 第七十八条 减刑条件

被判处管制、拘役的犯罪分子，有下列重大立功表现之一的，应当减刑：

- （一）阻止他人重大犯罪活动的；
- （二）检举监狱内外重大犯罪活动，经查证属实的；

减刑以后实际执行的刑期不能少于下列期限：

- （一）判处管制、拘役的，不能少于原判刑期的二分之一；
`;

/** The text of the first clause a citation body names, resolved in the corpus above. */
function resolved(body: string): string {
  const { service, scope } = load(`${TREATIES}//- /brief.md\n[${body}]\n`);
  const parsed = parseCitationBody(body, 0, body.length);
  assert.equal(parsed.error, undefined, `${body}: ${parsed.error?.message}`);
  const cite = parsed.cites[0];
  const id = cite.lead === 'alias' ? service.index.aliasTargets(cite.docId, scope)[0] : cite.docId;
  const document = service.index.resolve(id, scope);
  assert.ok(document, `${id} is loaded`);
  const result = resolvePinpoint(document, cite.pinpoints[0]);
  assert.equal(result.problem, undefined, `${body}: ${result.problem?.message}`);
  return result.clauses.map((clause) => clause.text).join(' | ');
}

describe('printed pinpoints: the treaty’s own numbers', () => {
  const table: [string, string][] = [
    ['1969-VCLT art. 31(1)', '1. A treaty shall be interpreted in good faith.'],
    ['1969-VCLT art 31(3)(a)', '(a) any subsequent agreement between the parties'],
    ['1969-VCLT Article 31(3)(c)', '(c) any relevant rules of international law'],
    ['1969-VCLT art. 32(b)', '(b) leads to a result which is manifestly absurd'],
    ['1969-VCLT art. 66(a)', '(a) any one of the parties to a dispute concerning article 53'],
    // 第（一）项 counts items where the text prints letters.
    ['1969-VCLT 第六十六条第（一）项', '(a) any one of the parties to a dispute concerning article 53'],
    ['1969-VCLT 第二条第一款第（二）项', '(b) “ratification” means'],
    ['1969-VCLT art. 60(2)(a)(ii)', '(ii) as between all the parties'],
    ['1969-VCLT art. 2(1)(b)', '(b) “ratification” means'],
    ['1969-VCLT art. 31', 'Article 31 – General rule of interpretation'],
    ['1969-VCLT annex para. 2', '2. When a request has been made'],
    ['1945-UNCH art. 2(4)', '4. All Members shall refrain in their international relations from the threat or use of force.'],
    ['1945-UNCH art. 2(1)', '1. The Organization is based on the principle of the sovereign equality'],
    ['1945-UNCH Art. 51', 'Article 51'],
    ['1998-ROME art. 8 bis(2)(a)', '(a) The invasion or attack by the armed forces'],
    ['1998-ROME 第八条之二第一款', '1. For the purpose of this Statute, “crime of aggression”'],
    ['1998-ROME art. 9(1)', '1. Elements of Crimes shall assist the Court'],
    ['1982-UNCLOS annex VII art. 2(2)', '2. Every State Party shall be entitled to nominate four arbitrators.'],
    ['1982-UNCLOS annex VII art. 1', 'Article 1 – Institution of proceedings'],
    ['1982-UNCLOS Annex VII Article 2', 'Article 2 – List of arbitrators'],
    ['1982-UNCLOS annex VII', 'Annex VII – Arbitration'],
    ['1982-UNCLOS art. 1(1)', '1. For the purposes of this Convention, “Area”'],
    ['1997-XF 第三条第二款', '法律没有明文规定为犯罪行为的，不得定罪处刑。'],
    ['1997-XF 第十七条之一', '1701 第十七条之一 老年人犯罪'],
    ['1997-XF 第七十八条第二款第（一）项', '（一）判处管制、拘役的'],
    ['1997-XF 第七十八条第一款第二项', '（二）检举监狱内外重大犯罪活动'],
    ['VCLT art. 31(2)(b)', '(b) any instrument which was made by one or more parties'],
    ['ICC-STATUTE art. 8(1)', '1. The Court shall have jurisdiction'],
  ];
  for (const [citation, opening] of table) {
    it(`[${citation}] is “${opening.slice(0, 40)}…”`, () => {
      const text = resolved(citation);
      assert.ok(text.startsWith(opening), `${citation} → ${text}`);
    });
  }

  it('resolves ranges of articles and of paragraphs, printed end shortened or whole', () => {
    assert.equal(resolved('1969-VCLT arts 31–33').split(' | ').length, 3);
    assert.equal(resolved('1969-VCLT art. 31(1)–(3)').split(' | ').map((text) => text.slice(0, 2)).join(','), '1.,2.,3.');
    assert.equal(resolved('1969-VCLT art. 31(3)(a)–(c)').split(' | ').length, 3);
    assert.equal(resolved('1969-VCLT arts 31–art. 32').split(' | ').length, 2);
  });

  it('reports an unknown label as unknown-clause, listing the labels that exist', () => {
    const [nine, zed, article] = checkDiagnostics(`${TREATIES}//- /brief.md\n[1969-VCLT art. 31(9)] [1969-VCLT art. 31(3)(z)] [1969-VCLT art. 99]\n`, [
      { code: 'unknown-clause', at: 'art. 31(9)' },
      { code: 'unknown-clause', at: 'art. 31(3)(z)' },
      { code: 'unknown-clause', at: 'art. 99' },
    ]);
    assert.match(messageOf(nine), /\(1\), \(2\), \(3\), \(4\)/);
    assert.match(messageOf(zed), /\(a\), \(b\), \(c\)/);
    assert.match(messageOf(article), /31/);
    checkDiagnostics(`${TREATIES}//- /brief.md\n[1982-UNCLOS annex IX art. 1] [1982-UNCLOS arts 1–annex VII art. 1]\n`, [
      { code: 'unknown-clause', at: 'annex IX art. 1' },
      { code: 'invalid-range', at: 'arts 1–annex VII art. 1' },
    ]);
  });

  it('keeps § paths working exactly as before, and warns where they reach a clause printed with other numbers', () => {
    const { service, scope, brief } = load(`${TREATIES}//- /brief.md\n[1945-UNCH §2.4] [1945-UNCH §2.5] [1969-VCLT §31.3.1]\n`);
    assert.ok(brief);
    const diagnostics = service.briefDiagnostics(brief, scope);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, textOf(brief, diagnostic.range), diagnostic.severity]),
      [
        ['positional-mismatch', '§2.4', 2],
        ['positional-mismatch', '§2.5', 2],
      ],
    );
    assert.match(messageOf(diagnostics[0]), /art\. 2\(3\)/);
    assert.match(messageOf(diagnostics[0]), /art\. 2\(4\) is §2\.5/);
  });

  it('offers both readings of a positional mismatch as fixes, and a hint to write a § citation as printed', () => {
    const { service, scope, brief } = load(`${TREATIES}//- /brief.md\n[1945-UNCH §2.4] [1969-VCLT §31.3.1]\n`);
    assert.ok(brief);
    const at = (text: string): { start: { line: number; character: number }; end: { line: number; character: number } } => {
      const offset = brief.getText().indexOf(text);
      return { start: brief.positionAt(offset), end: brief.positionAt(offset + text.length) };
    };
    const mismatch = service.codeActions(brief, at('§2.4'), scope, service.briefDiagnostics(brief, scope));
    const titles = mismatch.map((action) => action.title);
    assert.ok(titles.some((title) => /art\. 2\(3\)/.test(title)), titles.join('; '));
    assert.ok(titles.some((title) => /art\. 2\(4\)/.test(title)), titles.join('; '));
    const printed = service.codeActions(brief, at('§31.3.1'), scope, []);
    assert.ok(printed.some((action) => action.title === 'Write as art. 31(3)(a)'), printed.map((action) => action.title).join('; '));
  });

  it('hovers a printed pinpoint in the form it was cited, with the § path beside it', () => {
    checkHover(`${TREATIES}//- /brief.md\nSee [1969-VCLT art. 31($03)(a)].\n`, {
      includes: ['1969-VCLT art. 31(3)(a) · §31.3.1', 'any subsequent agreement'],
    });
    checkHover(`${TREATIES}//- /brief.md\nSee [1945-UNCH §2$0.4].\n`, { includes: ['1945-UNCH §2.4 · art. 2(3)', 'positional mismatch'] });
    checkHover(`${TREATIES}//- /brief.md\nSee [1982-UNCLOS annex VII art$0. 2(1)].\n`, { includes: ['1982-UNCLOS annex VII art. 2(1)', 'A list of arbitrators'] });
  });

  it('names a cited annex as cited (annex VII), never by its internal key', () => {
    const markdown = checkHover(`${TREATIES}//- /brief.md\nSee [1982-UNCLOS ann$0ex VII].\n`, { includes: ['1982-UNCLOS annex VII'], excludes: ['annex-7'] });
    assert.ok(!markdown.includes('§annex'), markdown);
    const table = load(`${TREATIES}//- /brief.md\nSee [1982-UNCLOS annex VII].\n`);
    const authorities = table.service.tableOfAuthorities(table.brief!, table.scope, 'brief.md').table;
    assert.ok(JSON.stringify(authorities).includes('annex VII'), JSON.stringify(authorities));
    assert.ok(!JSON.stringify(authorities).includes('annex-7'), JSON.stringify(authorities));
  });
});

describe('aliases and short forms', () => {
  it('resolves an alias from the front matter, and leaves other bracketed upper-case words alone', () => {
    checkDiagnostics(`${TREATIES}//- /brief.md\n[VCLT art. 31(1)] [NOTE this] [TODO] [CHARTER art. 2(4)]\n`, []);
    checkHover(`${TREATIES}//- /brief.md\n[V$0CLT art. 31(1)]\n`, { includes: ['VCLT* is an alias of **1969-VCLT', 'in good faith'] });
  });

  it('reports an ambiguous alias as unknown-document naming both ids', () => {
    const fixture = `${TREATIES}//- /corpus/other.md\n---\nid: 1986-VCLT\ntitle: Vienna Convention 1986\naliases: [VCLT]\n---\nText.\n//- /brief.md\n[VCLT art. 31]\n`;
    const [diagnostic] = checkDiagnostics(fixture, [{ code: 'unknown-document', at: 'VCLT' }]);
    assert.match(messageOf(diagnostic), /1969-VCLT and 1986-VCLT/);
  });

  it('makes a malformed citation of a loaded alias malformed-citation with a canonical fix', () => {
    const { service, scope, brief } = load(`${TREATIES}//- /brief.md\n[VCLT art.31] [1969-VCLT Art 31 (3)(a)]\n`);
    assert.ok(brief);
    const diagnostics = service.briefDiagnostics(brief, scope);
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, textOf(brief, diagnostic.range)]), [
      ['malformed-citation', '[VCLT art.31]'],
      ['malformed-citation', '[1969-VCLT Art 31 (3)(a)]'],
    ]);
    const fixes = diagnostics.flatMap((diagnostic) => service.codeActions(brief, diagnostic.range, scope, [diagnostic]));
    const newTexts = fixes.map((fix) => Object.values(fix.edit?.changes ?? {})[0]?.[0]?.newText);
    assert.deepEqual(newTexts, ['[VCLT art. 31]', '[1969-VCLT art. 31(3)(a)]']);
  });

  it('resolves ibid. to the nearest citation before it, and re-resolves when text moves', () => {
    const brief = `${TREATIES}//- /brief.md\nFirst [1945-UNCH art. 2(4)], then [ibid.] and [ibid. art. 51] and [id. art. 2(3)].\n`;
    checkDiagnostics(brief, []);
    checkHover(brief.replace('[ibid.]', '[ib$0id.]'), { includes: ['refers to the citation before it', '1945-UNCH art. 2(4)', 'threat or use of force'] });
    checkHover(brief.replace('[ibid. art. 51]', '[ibid. art$0. 51]'), { includes: ['inherent right of individual or collective self-defence'] });
    checkHover(`${TREATIES}//- /brief.md\n[1969-VCLT art. 31(1)] [1945-UNCH art. 51] [ib$0id.]\n`, { includes: ['self-defence'], excludes: ['good faith'] });
  });

  it('makes ibid. with nothing before it malformed', () => {
    const [diagnostic] = checkDiagnostics(`${TREATIES}//- /brief.md\nAs held [ibid.], then [1969-VCLT art. 31(1)].\n`, [{ code: 'malformed-citation', at: '[ibid.]' }]);
    assert.match(messageOf(diagnostic), /no citation|none/);
  });
});

describe('labels and their sequence', () => {
  it('reads the labels printed at the start of clauses', () => {
    const cases: [string, string | undefined][] = [
      ['1. The Parties', '1.'],
      ['(1) The Parties', '(1)'],
      ['(a) any agreement', '(a)'],
      ['a) any agreement', 'a)'],
      ['(iii) the third', '(iii)'],
      ['（一）阻止他人', '（一）'],
      ['一、巩固全方位', '一、'],
      ['1 bis. Inserted', '1 bis.'],
      ['2) second', '2)'],
      ['1.1. odd', '1.1.'],
      ['(aa) double', '(aa)'],
      ['e.g. not a label', undefined],
      ['1969 was the year', undefined],
      ['The Parties', undefined],
      ['U.S. practice', undefined],
    ];
    for (const [text, label] of cases) {
      assert.equal(leadingLabel(text), label, text);
    }
    assert.equal(labelKey('XIV', 'section'), '14');
    assert.equal(labelKey('8 bis', 'section'), '8+2');
    assert.equal(labelKey('第八条之二', 'section'), '8+2');
    assert.equal(labelKey('第十七条之一', 'section'), '17+1');
    assert.equal(labelKey('（十一）', 'item'), '11');
    assert.equal(labelKey('(iv)', 'item'), 'iv');
  });

  it('accepts sequences with insertions and reads (i) after (h) as a letter', () => {
    const entries = (labels: string[]) => labels.map((label, index) => ({ label, item: index }));
    assert.deepEqual(sequenceBreaks(entries(['1', '2', '2 bis', '2 ter', '3']), 'section'), []);
    assert.deepEqual(sequenceBreaks(entries(['(a)', '(b)', '(c)', '(d)', '(e)', '(f)', '(g)', '(h)', '(i)', '(j)']), 'item'), []);
    assert.deepEqual(sequenceBreaks(entries(['(i)', '(ii)', '(iii)', '(iv)', '(v)']), 'item'), []);
    assert.deepEqual(sequenceBreaks(entries(['(y)', '(z)', '(aa)', '(bb)']).slice(0), 'item').map((found) => found.kind), ['start']);
    assert.deepEqual(sequenceBreaks(entries(['1.', '2.', '4.']), 'paragraph').map((found) => [found.kind, found.label]), [['skip', '4.']]);
    assert.deepEqual(sequenceBreaks(entries(['(a)', '(c)']), 'item').map((found) => [found.kind, found.label]), [['skip', '(c)']]);
    assert.deepEqual(sequenceBreaks(entries(['1.', '2.', '2.']), 'paragraph').map((found) => found.kind), ['repeat']);
  });

  it('warns of a skip or a repeat on the corpus file, and never throws on odd labels', () => {
    const document = parseCorpusDocument('---\nid: 2020-A\ntitle: A\n---\n## Article 1\n\n1. One.\n\n2. Two.\n\n4. Four.\n\n## Article 2\n\n1. x:\n\n- (a) a\n- (a) again\n');
    assert.deepEqual(
      document.problems.map((problem) => [problem.code, problem.range.startLine]),
      [
        ['label-sequence', 10],
        ['label-sequence', 17],
      ],
    );
    for (const odd of ['0. zero', '1.1. dotted', '(aa) double', '（十一）十一', '(h) h\n\n(i) i', '(i) i\n\n(h) h', '1 bis. b', '999. big']) {
      const parsed = parseCorpusDocument(`---\nid: 2020-A\ntitle: A\n---\n## Article 1\n\n${odd}\n`);
      assert.ok(parsed.clauses.length >= 2, odd);
    }
  });

  it('names both clauses when a cited label is shared by two siblings', () => {
    const fixture = '//- /corpus/a.md\n---\nid: 2020-A\ntitle: A\n---\n## Article 1\n\n1. One.\n\n1. Again.\n//- /brief.md\n[2020-A art. 1(1)]\n';
    const [diagnostic] = checkDiagnostics(fixture, [{ code: 'unknown-clause', at: 'art. 1(1)' }]);
    assert.match(messageOf(diagnostic), /§1\.1 and §1\.2/);
  });
});

describe('Chinese printed forms', () => {
  it('labels a clause cited in Chinese in the Chinese form', () => {
    checkHover(`${TREATIES}//- /brief.md\n见[1998-ROME 第八条之二$0第二款]。\n`, { includes: ['1998-ROME 第八条之二第二款 · §802.2'] });
    checkHover(`${TREATIES}//- /brief.md\n见[1997-XF 第七十八条第二$0款]。\n`, { includes: ['1997-XF 第七十八条第二款 · §78.2'] });
  });
});
