// Quote checking on real clauses of both seed documents: true quotations in several typographic forms pass,
// altered ones (a changed character, a dropped clause, a quotation from the wrong paragraph) are caught.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanBrief } from '../../server/src/service/briefScanner';
import { findQuotations, normalizeMapped, splitAtEllipses } from '../../server/src/service/quoteCheck';
import { normalizeForMatch } from '../../server/src/service/text';
import { applyEdits, loadFixture } from './draftingFixture';

interface Mismatch {
  /** Text the message must contain (the closest passage). */
  readonly message?: string;
  /** The brief after the preferred quick fix. */
  readonly fixed?: string;
  /** The title of a fix that must be offered. */
  readonly fixTitle?: string;
}

/** Checks the quotations of a brief: 'ok' when every one matches, else the one expected mismatch. */
function checkQuotes(brief: string, expected: 'ok' | Mismatch): void {
  const fixture = loadFixture(brief);
  const document = fixture.files.get('/brief.md');
  assert.ok(document);
  const diagnostics = fixture.service.briefDiagnostics(document, fixture.scope);
  const mismatches = diagnostics.filter((diagnostic) => diagnostic.code === 'quote-mismatch');
  const others = diagnostics.filter((diagnostic) => diagnostic.code !== 'quote-mismatch');
  assert.deepEqual(others.map((diagnostic) => diagnostic.message), [], 'no other problems');
  if (expected === 'ok') {
    assert.deepEqual(mismatches.map((diagnostic) => diagnostic.message), [], `no mismatch in:\n${brief}`);
    return;
  }
  assert.equal(mismatches.length, 1, `one mismatch in:\n${brief}\ngot ${JSON.stringify(mismatches.map((diagnostic) => diagnostic.message))}`);
  const [mismatch] = mismatches;
  assert.equal(mismatch.severity, 2, 'a warning');
  assert.equal(mismatch.source, 'pinpoint');
  if (expected.message !== undefined) {
    assert.ok(mismatch.message.includes(expected.message), `message “${mismatch.message}” includes “${expected.message}”`);
  }
  const actions = fixture.service.codeActions(document, mismatch.range, fixture.scope, [mismatch]);
  if (expected.fixTitle !== undefined) {
    assert.ok(actions.some((action) => action.title === expected.fixTitle), `a fix titled ${expected.fixTitle} among ${JSON.stringify(actions.map((action) => action.title))}`);
  }
  if (expected.fixed !== undefined) {
    const preferred = actions.find((action) => action.isPreferred) ?? actions[0];
    assert.ok(preferred?.edit?.changes, 'a quick fix');
    const edits = preferred.edit.changes[document.uri];
    assert.equal(applyEdits(document, edits), expected.fixed);
    assert.deepEqual(preferred.diagnostics, [mismatch], 'the fix names the diagnostic');
    // The fixed brief has no mismatch left.
    checkQuotes(expected.fixed, 'ok');
  }
}

describe('quote checking: true quotations pass', () => {
  it('curly quotes, spaces around numerals dropped in the quotation', () => {
    checkQuotes(
      '双方欢迎“中国商务部和俄罗斯经济发展部于2022年12月5日发表的《关于启动2006年11月9日签署的〈中华人民共和国政府与俄罗斯联邦政府关于促进和相互保护投资协定〉升级谈判的联合声明》”[2023-JS §3.4]。\n',
      'ok',
    );
  });
  it('straight quotes and a space before the citation', () => {
    checkQuotes('The sides say "双方反对外部势力干涉内政。" [2023-JS §2.4].\n', 'ok');
  });
  it('corner brackets', () => {
    checkQuotes('声明以「双方主张北极应继续成为和平、稳定和建设性合作之地。」[2023-JS §9.9]作结。\n', 'ok');
  });
  it('white corner brackets around a quotation with nested quotation marks', () => {
    checkQuotes('『中华人民共和国和俄罗斯联邦（以下称「双方」），声明如下：』[2023-JS §0.2]\n', 'ok');
  });
  it('half-width punctuation for full-width, straight quotation marks inside curly ones', () => {
    checkQuotes('“中华人民共和国和俄罗斯联邦(以下称"双方"),声明如下:”[2023-JS §0.2]\n', 'ok');
  });
  it('spaces added around numerals where the source has none (2023-ECON)', () => {
    checkQuotes('“中华人民共和国主席习近平于 2023 年 3 月 20 日至 22 日对俄罗斯联邦进行国事访问”[2023-ECON §1]\n', 'ok');
    checkQuotes('"致力于2030年前将两国贸易额显著提升" [2023-ECON §1]\n', 'ok');
  });
  it('the spaced-out characters of the seed are closed up', () => {
    checkQuotes('“2016年《建设中蒙俄经济走廊规划纲要》”[2023-JS §3.14]\n', 'ok');
  });
  it('a line break inside the quotation and before the citation', () => {
    checkQuotes('其中第二项为：“在维护各自核心利益，首先是主权、领土完整、\n安全、发展问题上互予坚定支持。”\n[2023-JS §1.7.2] 此项……\n', 'ok');
  });
  it('ellipses stand for omitted text: ……, ..., […]', () => {
    checkQuotes('“双方欢迎……将就此持续进行谈判”[2023-JS §3.4]\n', 'ok');
    checkQuotes('"双方将继续加强在金融领域的互利合作...扩大本币使用" [2023-JS §3.5]\n', 'ok');
    checkQuotes('“双方将打造更加紧密的能源合作伙伴关系[…]促进公平的能源转型”[2023-JS §3.6]\n', 'ok');
    checkQuotes('“……提升本币结算比重。”[2023-ECON §2.3]\n', 'ok');
  });
  it('a blockquote whose last line ends with the citation', () => {
    checkQuotes(
      '> 双方将打造更加紧密的能源合作伙伴关系，支持双方企业推进油气、煤炭、\n> 电力、核能等能源合作项目……共同为全球能源市场长期健康稳定发展作出贡献。\n> — [2023-JS §3.6]\n',
      'ok',
    );
    checkQuotes('> 四、巩固全方位能源合作伙伴关系。加强能源重点领域长期合作 [2023-ECON §2.4]\n\nAfter.\n', 'ok');
  });
  it('a range: the quotation may run from one clause into the next', () => {
    checkQuotes('“支持在双边贸易、投资、信贷等经贸活动中扩大本币使用。双方将打造更加紧密的能源合作伙伴关系”[2023-JS §3.5–3.6]\n', 'ok');
    checkQuotes('“双方将打造更加紧密的能源合作伙伴关系”[2023-JS §3.4–6]\n', 'ok');
  });
  it('a paragraph holds its items, a section its paragraphs, a document all', () => {
    checkQuotes('“以两国元首共识为引领”[2023-JS §1.7]\n', 'ok');
    checkQuotes('“双方反对外部势力干涉内政。”[2023-JS §2]\n', 'ok');
    checkQuotes('“以上述重点方向为指引”[2023-ECON]\n', 'ok');
  });
  it('any document or pinpoint of a multi-citation', () => {
    checkQuotes('“巩固全方位能源合作伙伴关系”[2023-JS §3.6; 2023-ECON §2.4]\n', 'ok');
    checkQuotes('“双方反对外部势力干涉内政。”[2023-JS §2.5, §2.4]\n', 'ok');
  });
  it('a final punctuation mark that the source lacks is house style', () => {
    checkQuotes('“双方反对外部势力干涉内政，”[2023-JS §2.4]\n', 'ok');
  });
  it('every quotation of the example briefs is true', () => {
    for (const name of ['economic-commitments-memo.md', 'sovereignty-clauses-note.md']) {
      const text = require('node:fs').readFileSync(require('node:path').join(__dirname, '..', '..', 'examples', name), 'utf8') as string;
      const fixture = loadFixture(text);
      const document = fixture.files.get('/brief.md');
      assert.ok(document);
      assert.ok(findQuotations(text, scanBrief(text)).length >= 3, `${name} has quotations`);
      const mismatches = fixture.service.briefDiagnostics(document, fixture.scope).filter((diagnostic) => diagnostic.code === 'quote-mismatch');
      assert.deepEqual(mismatches.map((diagnostic) => diagnostic.message), [], name);
    }
  });
  it('a quotation matching any language version passes', () => {
    const fixture = `//- /corpus/2099-T.md
---
id: 2099-T
title: 条约
language: zh
---

缔约方应当合作。
//- /corpus/2099-T.en.md
---
id: 2099-T
title: Treaty
language: en
authentic: false
---

The Parties shall  cooperate.
//- /brief.md
"the parties shall cooperate" [2099-T §1] and “缔约方应当合作。”[2099-T §1] but "the Parties may cooperate" [2099-T §1].
`;
    const loaded = loadFixture(fixture);
    const document = loaded.files.get('/brief.md');
    assert.ok(document);
    const mismatches = loaded.service.briefDiagnostics(document, loaded.scope).filter((diagnostic) => diagnostic.code === 'quote-mismatch');
    assert.equal(mismatches.length, 1);
    assert.equal(mismatches[0].range.start.character, document.getText().indexOf('"the Parties may'));
    assert.ok(mismatches[0].message.includes('The Parties shall  cooperate.') || mismatches[0].message.includes('The Parties shall cooperate'), mismatches[0].message);
  });
});

describe('quote checking: altered quotations are caught', () => {
  it('a changed character', () => {
    checkQuotes('“双方反对外部势力干预内政。”[2023-JS §2.4]\n', {
      message: '双方反对外部势力干涉内政。',
      fixed: '“双方反对外部势力干涉内政。”[2023-JS §2.4]\n',
    });
  });
  it('a changed character in 2023-ECON', () => {
    checkQuotes('“四、巩固全方位能源合作伙伴关系。加强能源重点领域短期合作”[2023-ECON §2.4]\n', {
      message: '加强能源重点领域长期合作',
      fixed: '“四、巩固全方位能源合作伙伴关系。加强能源重点领域长期合作”[2023-ECON §2.4]\n',
    });
  });
  it('a dropped clause', () => {
    checkQuotes('“双方将继续加强在金融领域的互利合作，支持在双边贸易、投资、信贷等经贸活动中扩大本币使用。”[2023-JS §3.5]\n', {
      message: '包括保障两国经济主体间结算畅通',
      fixed: '“双方将继续加强在金融领域的互利合作，包括保障两国经济主体间结算畅通，支持在双边贸易、投资、信贷等经贸活动中扩大本币使用。”[2023-JS §3.5]\n',
    });
  });
  it('a quotation from the wrong paragraph names the right one and offers to cite it', () => {
    checkQuotes('“双方反对外部势力干涉内政。”[2023-JS §2.5]\n', {
      message: 'found in 2023-JS §2.4',
      fixTitle: 'Replace the quotation with the exact text of the source',
      fixed: '“双方反对外部势力干涉内政。”[2023-JS §2.4]\n',
    });
    checkQuotes('"以上述重点方向为指引，加强相互协作" [2023-ECON §4]\n', { message: 'found in 2023-ECON §5' });
  });
  it('ellipses keep their place in the fix', () => {
    checkQuotes('“双方将继续加强在金融领城的互利合作……扩大本币使用”[2023-JS §3.5]\n', {
      fixed: '“双方将继续加强在金融领域的互利合作……扩大本币使用”[2023-JS §3.5]\n',
    });
  });
  it('the parts around an ellipsis must come in the source’s order', () => {
    checkQuotes('“促进投资便利化……双方欢迎”[2023-JS §3.4]\n', { message: 'quotation does not match 2023-JS §3.4' });
  });
  it('a blockquote with a changed word', () => {
    checkQuotes('> 双方主张南极应继续成为和平、稳定和建设性合作之地。\n> [2023-JS §9.9]\n', {
      message: '双方主张北极应继续成为和平、稳定和建设性合作之地。',
      fixed: '> 双方主张北极应继续成为和平、稳定和建设性合作之地。\n> [2023-JS §9.9]\n',
    });
  });
});

describe('quote checking: what is not checked', () => {
  it('a quotation the citation does not immediately follow', () => {
    checkQuotes('“随便写的话” is discussed in [2023-JS §2.4].\n', 'ok');
    checkQuotes('“随便写的话”，见[2023-JS §2.4]。\n', 'ok');
  });
  it('an apostrophe before a citation', () => {
    checkQuotes('The ‘sides’ view, and the parties’ [2023-JS §2.4].\n', 'ok');
  });
  it('quotations in code, and citations that do not resolve (reported otherwise)', () => {
    checkQuotes('`“随便写的话”[2023-JS §2.4]`\n', 'ok');
    const fixture = loadFixture('“随便写的话”[2023-JS §3.16]\n');
    const document = fixture.files.get('/brief.md');
    assert.ok(document);
    assert.deepEqual(
      fixture.service.briefDiagnostics(document, fixture.scope).map((diagnostic) => diagnostic.code),
      ['unknown-clause'],
    );
  });
  it('a blockquote that goes on after the citation', () => {
    checkQuotes('> 随便写的话 [2023-JS §2.4]\n> 还有一行。\n', 'ok');
  });
});

describe('quote normalisation', () => {
  it('agrees with normalizeForMatch on text without quotation marks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('双', '方', ' ', '\n', 'A', 'b', '1', '２', '，', ',', '　', 'x y'), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.equal(normalizeMapped(text).text, normalizeForMatch(text));
      }),
      { seed: 20230321, numRuns: 300 },
    );
  });
  it('maps every unit back to the original', () => {
    const text = '于 2023 年 3 月，“双方”';
    const mapped = normalizeMapped(text);
    assert.equal(mapped.text, '于2023年3月,"双方"');
    assert.equal(text.slice(mapped.starts[1], mapped.ends[4]), '2023');
  });
  it('splits at every kind of ellipsis', () => {
    assert.deepEqual(splitAtEllipses('甲……乙...丙[…]丁…'), { segments: ['甲', '乙', '丙', '丁', ''], ellipses: ['……', '...', '[…]', '…'] });
  });
});
