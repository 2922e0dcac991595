/**
 * Hover previews and go-to-definition on citations (spec.md §4).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { citationAt } from '../../server/src/service/briefModel';
import { scanBrief } from '../../server/src/service/briefScanner';
import { computeHover } from '../../server/src/service/hover';
import { builtInUri, checkDefinition, checkHover, extractCursor, fixtureUri, load } from './helpers/fixture';

const builtIn = load('');

/** The core's hover Markdown at a hover position (`$0` before the hovered character), or '' for none. */
function hoverCore(fixture: string): string {
  const { text, offset } = extractCursor(fixture);
  const target = citationAt(scanBrief(text), offset, { character: true });
  return (target && computeHover(target, builtIn.service.index, builtIn.scope)) ?? '';
}

const JS_3_4 = '双方欢迎中国商务部和俄罗斯经济发展部于 2022 年 12 月 5 日发表的';
const JS_3_5 = '双方将继续加强在金融领域的互利合作';
const JS_3_6 = '双方将打造更加紧密的能源合作伙伴关系';
const JS_3_7_START = '§3.7';
const JS_5_2 = '俄方指出，中方关于构建人类命运共同体的理念';
const ECON_2_4 = '四、巩固全方位能源合作伙伴关系。';
const JS_TITLE = '中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明';
const ECON_TITLE = '中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明';

describe('hover on a pinpoint', () => {
  it('shows the cited text in full with the id, the title and the path', () => {
    // The whole of §3.4, not an excerpt: it ends with these words.
    checkHover('见 [2023-JS §3.$04]。', {
      includes: [JS_3_4, '为投资者及其投资营造更加稳定、公平、透明、可预期的营商环境。', '2023-JS', JS_TITLE, '§3.4'],
      excludes: ['…', JS_3_5],
      range: '§3.4',
    });
  });

  it('works with the cursor anywhere on the pinpoint', () => {
    for (const fixture of ['[2023-JS $0§3.4]', '[2023-JS §$03.4]', '[2023-JS §3.$04]']) {
      checkHover(fixture, { includes: JS_3_4, range: '§3.4' });
    }
  });

  it('shows an item, and a paragraph with its items', () => {
    checkHover('[2023-JS §1.7.$03]', { includes: ['——秉持互利原则，在现代化建设过程中持续深化和拓展务实合作', '§1.7.3'], excludes: '§1.7.4', range: '§1.7.3' });
    checkHover('[2023-JS §1.$07]', {
      includes: ['双方强调，巩固和深化中俄新时代全面战略协作伙伴关系', '§1.7.1', '§1.7.5', '——推进世界多极化、经济全球化、国际关系民主化'],
      excludes: '§1.8',
    });
    checkHover('[2023-ECON §2.$04]', { includes: [ECON_2_4, '2023-ECON', ECON_TITLE, '§2.4'], excludes: '§2.5' });
  });

  it('shows each clause of a range, and nothing outside it', () => {
    checkHover('[2023-JS §3.4–$06]', { includes: [JS_3_4, JS_3_5, JS_3_6, '§3.4', '§3.5', '§3.6'], excludes: [JS_3_7_START, '双方将稳步推进多领域投资合作'], range: '§3.4–6' });
    checkHover('[2023-ECON §2.1-$02.3]', { includes: ['一、扩大贸易规模', '二、大力发展互联互通物流体系', '三、提升金融合作水平'], excludes: ECON_2_4 });
  });

  it('shows the outline of a section', () => {
    checkHover('[2023-JS §$03]', { includes: ['三', '§3.1', '§3.4', '§3.15', '双方欢迎中国商务部'], excludes: ['§3.16', '§4.1'], range: '§3' });
    checkHover('[2023-JS §$00]', { includes: ['Preamble', '§0.1', '§0.2', '中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：'], excludes: '§1.1' });
  });

  it('shows the problem of an unknown clause or an invalid range', () => {
    checkHover('[2023-JS §3.9$09]', { includes: ['2023-JS', 'no §3.99'] });
    checkHover('[2023-JS §3.6–3.$04]', { includes: 'does not come after' });
  });

  it('escapes Markdown in clause text', () => {
    const fixture = '//- /corpus/a.md\n---\nid: 2020-A\ntitle: A_title\n---\n\nUse *stars* and <b>tags</b> and [links](x).\n//- /brief.md\n[2020-A §$01]\n';
    checkHover(fixture, { includes: ['Use \\*stars\\* and \\<b\\>tags\\</b\\> and \\[links\\]\\(x\\).', 'A\\_title'], excludes: '*stars*' });
  });
});

describe('hover on a document id or the brackets', () => {
  it('shows the outline of a document cited whole', () => {
    checkHover('见 [2023-J$0S]。', {
      includes: ['2023-JS', JS_TITLE, 'Preamble', '§0', '§1', '§9'],
      excludes: JS_3_4,
      range: '2023-JS',
    });
    checkHover('[2023-ECON$0]', { includes: ['2023-ECON', ECON_TITLE, '§1', '§2', '§5'] });
  });

  it('shows every pinpoint of the document in that citation', () => {
    checkHover('[2023$0-JS §3.4, §5.2; 2023-ECON §2.4]', { includes: [JS_3_4, JS_5_2, '§3.4', '§5.2', JS_TITLE], excludes: ECON_2_4, range: '2023-JS' });
  });

  it('shows every document of the citation on the opening bracket', () => {
    checkHover('见 $0[2023-JS §3.4; 2023-ECON §2.4]。', {
      includes: [JS_3_4, ECON_2_4, '2023-JS', '2023-ECON', JS_TITLE, ECON_TITLE],
      range: '[2023-JS §3.4; 2023-ECON §2.4]',
    });
  });

  it('shows every pinpoint of the citation on the closing bracket (the core, reading a hover position)', () => {
    assert.ok(hoverCore('[2023-JS §3.4, §5.2$0]').includes(JS_3_4));
    assert.ok(hoverCore('[2023-JS §3.4, §5.2$0]').includes(JS_5_2));
    const both = hoverCore('[2023-JS §3.4; 2023-ECON §2.4$0]');
    assert.ok(both.includes(JS_3_4) && both.includes(ECON_2_4));
    // The character after `]` is not the citation's.
    assert.equal(hoverCore('[2023-JS §3.4]$0。'), '');
    // Every other position reads as before.
    assert.ok(!hoverCore('[2023-JS §3.4, §5.$02]').includes(JS_3_4));
    assert.ok(hoverCore('[$02023-JS §3.4]').includes(JS_3_4));
  });

  it('shows every pinpoint of the citation on the closing bracket (the language service)', () => {
    checkHover('[2023-JS §3.4, §5.2$0]', { includes: [JS_5_2, JS_3_4], range: '[2023-JS §3.4, §5.2]' });
  });

  it('reports an unknown document', () => {
    checkHover('[2023-X$0X §1]', { includes: ['2023-XX', 'did you mean 2023-JS'] });
  });

  it('explains a malformed citation', () => {
    checkHover('[2023-j$0s]', { includes: ['Malformed', 'upper case'] });
    checkHover('[2023-JS  §$03.4]', { includes: ['Malformed', 'one space'] });
  });
});

describe('no hover', () => {
  const none = [
    ['plain text', '见$0 [2023-JS §3.4]。'],
    ['a code span', '`[2023-JS §$03.4]`'],
    ['a fenced block', '```\n[2023-JS §$03.4]\n```\n'],
    ['a comment', '<!-- [2023-JS §$03.4] -->'],
    ['an escaped bracket', '\\[2023-JS §$03.4]'],
    ['a link that is not a citation', '[see §$03.4](x)'],
  ];
  for (const [name, fixture] of none) {
    it(`in ${name}`, () => {
      checkHover(fixture, null);
    });
  }
});

describe('go-to-definition', () => {
  it('opens the corpus file at the cited paragraph', () => {
    checkDefinition('见 [2023-JS §3.$04]。', { uri: builtInUri('2023-JS'), startsWith: JS_3_4, text: undefined });
  });

  it('covers the whole clause: an item without its list marker, a section heading, the preamble', () => {
    checkDefinition('[2023-JS §1.7.3$0]', { uri: builtInUri('2023-JS'), startsWith: '——秉持互利原则', text: '——秉持互利原则，在现代化建设过程中持续深化和拓展务实合作，实现共同发展和繁荣，更好造福中俄两国人民。' });
    checkDefinition('[2023-JS §$03]', { uri: builtInUri('2023-JS'), startsWith: '## 三', text: '## 三' });
    checkDefinition('[2023-JS §0.$02]', { uri: builtInUri('2023-JS'), startsWith: '中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：', text: '中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：' });
    checkDefinition('[2023-JS §$00]', { uri: builtInUri('2023-JS'), startsWith: '应俄罗斯联邦总统普京邀请' });
    checkDefinition('[2023-ECON §$05]', { uri: builtInUri('2023-ECON'), startsWith: '以上述重点方向为指引' });
    checkDefinition('[2023-ECON §2.$04]', { uri: builtInUri('2023-ECON'), startsWith: ECON_2_4 });
  });

  it('goes to the pinpoint under the cursor, in the document under the cursor', () => {
    checkDefinition('[2023-JS §3.4, §5.$02]', { uri: builtInUri('2023-JS'), startsWith: JS_5_2 });
    checkDefinition('[2023-JS §3.4; 2023-ECON §2.$04]', { uri: builtInUri('2023-ECON'), startsWith: ECON_2_4 });
    checkDefinition('[2023-JS §3.4–$06]', { uri: builtInUri('2023-JS'), startsWith: JS_3_4 });
  });

  it('goes to the id in the front matter from a document id', () => {
    checkDefinition('[2023-J$0S §3.4]', { uri: builtInUri('2023-JS'), startsWith: '2023-JS\n', text: '2023-JS' });
    checkDefinition('[2023-JS; 2023-EC$0ON]', { uri: builtInUri('2023-ECON'), startsWith: '2023-ECON\n', text: '2023-ECON' });
  });

  it('covers every line of a paragraph that spans lines', () => {
    const fixture = '//- /corpus/a.md\n---\nid: 2020-A\ntitle: A\n---\n\n## 1\n\nLine one\nline two.\n\n- item one\n  more\n//- /brief.md\n[2020-A §1.$01] [2020-A §1.1.1]\n';
    checkDefinition(fixture, { uri: fixtureUri('/corpus/a.md'), startsWith: 'Line one', text: 'Line one\nline two.' });
    checkDefinition(fixture.replace('[2020-A §1.$01] [2020-A §1.1.1]', '[2020-A §1.1] [2020-A §1.1.$01]'), {
      uri: fixtureUri('/corpus/a.md'),
      startsWith: 'item one',
      text: 'item one\n  more',
    });
  });

  it('goes nowhere from an unknown document, a malformed citation or plain text', () => {
    checkDefinition('[2023-XX §$01]', null);
    checkDefinition('[2023-j$0s §1]', null);
    checkDefinition('见$0 [2023-JS]', null);
    checkDefinition('`[2023-JS §$03.4]`', null);
  });
});
