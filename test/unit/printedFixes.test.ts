/**
 * Core fixes found by the protocol and editor tests of printed pinpoints (test/protocol/printed.test.ts,
 * test/e2e/printed.test.ts), each pinned here through the core's API.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPrinted } from '../../server/src/service/labels';
import { pinpointForRange } from '../../server/src/service/resolve';
import { checkHover, load, messageOf } from './helpers/fixture';

const ROME = `
//- /corpus/rome.md
---
id: 1998-ROME
title: Rome Statute of the International Criminal Court
---
## Article 8 – War crimes

1. The Court shall have jurisdiction in respect of war crimes.

## 802 Article 8 bis – Crime of aggression

1. For the purpose of this Statute, “crime of aggression” means the planning of an act of aggression.

2. For the purpose of paragraph 1, “act of aggression” means the use of armed force by a State.
`;

describe('printed pinpoints: fixes', () => {
  it('hovers a clause cited in the Chinese form with that form, even in a document printed in English', () => {
    checkHover(`${ROME}//- /brief.md\n见[1998-ROME 第八条之二第$0二款]。\n`, {
      includes: ['1998-ROME 第八条之二第二款 · §802.2', 'the use of armed force'],
      excludes: ['art. 8 bis(2)'],
    });
    checkHover(`${ROME}//- /brief.md\nSee [1998-ROME art. 8 bis($02)].\n`, { includes: ['1998-ROME art. 8 bis(2) · §802.2'] });
  });
});

describe('printed pinpoints: the Chinese form of an inserted article', () => {
  it('writes 8 bis as 第八条之二, the insertion after 条', () => {
    assert.equal(formatPrinted(undefined, [{ level: 'section', label: '8 bis', position: 9 }, { level: 'paragraph', label: '2.', position: 2 }], 'zh'), '第八条之二第二款');
    assert.equal(formatPrinted(undefined, [{ level: 'section', label: '31', position: 31 }], 'zh'), '第三十一条');
  });
});

describe('printed pinpoints: ranges written by the server', () => {
  it('writes a printed range as a citation does (arts 31–33, art. 31(1)–(3)), in the table of authorities too', () => {
    const fixture = `//- /corpus/vclt.md\n---\nid: 1969-VCLT\ntitle: VCLT\n---\n## Article 31\n\n1. One.\n\n2. Two.\n\n3. Three.\n\n## Article 32\n\nText.\n\n## Article 33\n\nText.\n//- /brief.md\n# Memo\n\n[1969-VCLT arts 31–33] [1969-VCLT art. 31(1)–(3)]\n`;
    const { service, scope, brief } = load(fixture);
    assert.ok(brief);
    const document = service.index.resolve('1969-VCLT', scope);
    assert.ok(document);
    const byKey = (key: string) => document.byKey.get(key)!;
    assert.equal(pinpointForRange(document, byKey('31'), byKey('33')), 'arts 31–33');
    assert.equal(pinpointForRange(document, byKey('31.1'), byKey('31.3')), 'art. 31(1)–(3)');
    const markdown = service.tableOfAuthorities(brief, scope, 'brief.md').table.markdown;
    assert.match(markdown, /- arts 31–33: line/);
    assert.match(markdown, /- art\. 31\(1\)–\(3\): line/);
  });
});

describe('printed pinpoints: document links', () => {
  it('name a printed pinpoint as cited in their tooltip, and an annex clause by its printed form', () => {
    const fixture = `${ROME}//- /corpus/unclos.md\n---\nid: 1982-UNCLOS\ntitle: UNCLOS\n---\n## Article 1\n\nText.\n\n# Annex VII\n\n## Article 2\n\n1. A list of arbitrators.\n//- /brief.md\n[1998-ROME art. 8 bis(2)] [1998-ROME §802.2] [1982-UNCLOS annex VII art. 2(1)]\n`;
    const { service, scope, brief } = load(fixture);
    assert.ok(brief);
    const tooltips = service.documentLinks(brief, scope).map((link) => link.tooltip);
    assert.deepEqual(tooltips, ['Open 1998-ROME', 'Open 1998-ROME art. 8 bis(2)', 'Open 1998-ROME', 'Open 1998-ROME §802.2', 'Open 1982-UNCLOS', 'Open 1982-UNCLOS annex VII art. 2(1)']);
  });
});

describe('quote checking: the closest passage', () => {
  it('is quoted in whole words, so its fix never writes half a word', () => {
    const fixture = `//- /corpus/vclt.md\n---\nid: 1969-VCLT\ntitle: VCLT\n---\n## Article 31\n\n3. There shall be taken into account, together with the context:\n\n- (a) any subsequent agreement between the parties regarding the interpretation of the treaty or the application of its provisions;\n- (b) any subsequent practice in the application of the treaty which establishes the agreement of the parties regarding its interpretation;\n//- /brief.md\n“any subsequent practice in the application of the treaty” [1969-VCLT art. 31(3)(a)]\n`;
    const { service, scope, brief } = load(fixture);
    assert.ok(brief);
    const [diagnostic] = service.briefDiagnostics(brief, scope);
    assert.equal(diagnostic?.code, 'quote-mismatch');
    const closest = /the closest passage is “([^”]*)”/.exec(messageOf(diagnostic))?.[1] ?? '';
    assert.ok(closest.length > 0, messageOf(diagnostic));
    const clause = 'any subsequent agreement between the parties regarding the interpretation of the treaty or the application of its provisions;';
    const at = clause.indexOf(closest);
    assert.ok(at >= 0, `${closest} is in the clause`);
    assert.ok(at === 0 || clause[at - 1] === ' ', `“${closest}” starts at a word`);
    assert.ok(at + closest.length === clause.length || /[ ;,]/.test(clause[at + closest.length]), `“${closest}” ends at a word`);
  });
});
