/**
 * Completion inside brackets (spec.md §4): document ids, clause paths, range ends and content search.
 * `checkCompletion` also checks every item's edit covers the cursor and its `filterText` starts with what
 * was typed in the edit's range.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPLETION_PAGE } from '../../server/src/service/completion';
import { accept, checkCompletion, load, sorted } from './helpers/fixture';

const JS_TITLE = '中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明';
const ECON_TITLE = '中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明';

/** Completes at the cursor, accepts the item labelled `label` and returns the whole brief afterwards. */
function acceptAt(fixture: string, label: string): string {
  const { brief, find } = checkCompletion(fixture, {});
  return accept(brief, find(label)).result;
}

describe('completion: document ids', () => {
  it('offers every id with its title after [', () => {
    const { items } = checkCompletion('见 [$0', { first: ['2023-ECON', '2023-JS'] });
    assert.equal(items.length, 2);
    assert.equal(items[0].detail, ECON_TITLE);
    assert.equal(items[1].detail, JS_TITLE);
  });

  it('works with and without the closing bracket', () => {
    checkCompletion('见 [$0]', { first: ['2023-ECON', '2023-JS'] });
    checkCompletion('见 [2023-$0]。', { first: ['2023-ECON', '2023-JS'] });
  });

  it('narrows to the ids that start with what was typed', () => {
    checkCompletion('[2023-J$0', { includes: ['2023-JS'], excludes: ['2023-ECON'] });
    checkCompletion('[2023-E$0]', { includes: ['2023-ECON'], excludes: ['2023-JS'] });
  });

  it('replaces the whole id being typed', () => {
    assert.equal(acceptAt('[2023-J$0S §3.4]', '2023-JS'), '[2023-JS §3.4]');
    assert.equal(acceptAt('[20$0', '2023-ECON'), '[2023-ECON');
  });

  it('offers ids again after ; in a citation', () => {
    checkCompletion('[2023-JS §3.4; $0]', { first: ['2023-ECON', '2023-JS'] });
    assert.equal(acceptAt('[2023-JS §3.4; 2023-E$0]', '2023-ECON'), '[2023-JS §3.4; 2023-ECON]');
  });

  it('bounds the page of ids and says when it was cut', () => {
    const files = Array.from({ length: 130 }, (_, index) => {
      const id = `2000-D${String(index).padStart(3, '0')}`;
      return `//- /corpus/${id}.md\n---\nid: ${id}\ntitle: Document ${index}\n---\n\nText.\n`;
    });
    const { list, items } = checkCompletion(`${files.join('')}//- /brief.md\n[$0`, { first: ['2000-D000', '2000-D001'] });
    assert.ok(items.length <= COMPLETION_PAGE);
    assert.equal(list.isIncomplete, true);
    checkCompletion(`${files.join('')}//- /brief.md\n[2000-D12$0`, { includes: ['2000-D120', '2000-D129'], excludes: ['2000-D119'] });
  });
});

describe('completion: clause paths', () => {
  it('offers sections and paragraphs after [2023-JS §, each labelled with its full path', () => {
    const { items } = checkCompletion('[2023-JS §$0', { first: ['§0', '§0.1', '§0.2', '§1', '§1.1'], includes: ['§9', '§3.4'] });
    assert.ok(items.length <= COMPLETION_PAGE);
    assert.ok(items.every((item) => /^§\d+(\.\d+)*$/.test(item.label)));
  });

  it('offers the paragraphs of a section after §3. with their text', () => {
    const { items, find } = checkCompletion('[2023-JS §3.$0', { first: ['§3.1', '§3.2', '§3.3', '§3.4'], includes: ['§3.15'], excludes: ['§3', '§4.1', '§2.1'] });
    assert.equal(items.length, 15);
    const item = find('§3.4');
    assert.ok(String(item.detail).startsWith('双方欢迎中国商务部'));
    const documentation = item.documentation as { value: string } | undefined;
    assert.ok(documentation?.value.includes('俄罗斯经济发展部'));
  });

  it('offers items after a paragraph with a list', () => {
    checkCompletion('[2023-JS §1.7.$0]', { first: ['§1.7.1', '§1.7.2', '§1.7.3', '§1.7.4', '§1.7.5'] });
    checkCompletion('[2023-ECON §2.$0]', { first: ['§2.1', '§2.2', '§2.3', '§2.4', '§2.5', '§2.6', '§2.7', '§2.8'] });
    checkCompletion('[2023-ECON §$0]', { first: ['§1', '§2', '§2.1'], includes: ['§5'] });
  });

  it('narrows by the digits typed', () => {
    checkCompletion('[2023-JS §3.1$0', { includes: ['§3.1', '§3.10', '§3.15'], excludes: ['§3.2', '§3.4'] });
    checkCompletion('[2023-JS §1$0', { includes: ['§1', '§1.7'], excludes: ['§2', '§3.1'] });
  });

  it('works with and without the closing bracket, and replaces the pinpoint being typed', () => {
    assert.equal(acceptAt('见 [2023-JS §3.$0', '§3.4'), '见 [2023-JS §3.4');
    assert.equal(acceptAt('见 [2023-JS §3.$0]。', '§3.4'), '见 [2023-JS §3.4]。');
    assert.equal(acceptAt('见 [2023-JS §3$0.9]。', '§3.4'), '见 [2023-JS §3.4]。');
    assert.equal(acceptAt('见 [2023-JS $0]。', '§3'), '见 [2023-JS §3]。');
  });

  it('offers paths after , and after ; in a citation', () => {
    assert.equal(acceptAt('[2023-JS §3.4, §5.$0]', '§5.2'), '[2023-JS §3.4, §5.2]');
    assert.equal(acceptAt('[2023-JS §3.4; 2023-ECON §2.$0]', '§2.4'), '[2023-JS §3.4; 2023-ECON §2.4]');
    assert.equal(acceptAt('[2023-JS §3.4–6, §$0]', '§9'), '[2023-JS §3.4–6, §9]');
  });

  it('offers nothing for an unknown document', () => {
    checkCompletion('[2023-XX §$0', null);
  });

  it('bounds a long page and says when it was cut', () => {
    const paragraphs = Array.from({ length: 150 }, (_, index) => `Paragraph ${index + 1}.`).join('\n\n');
    const fixture = `//- /corpus/b.md\n---\nid: 2020-B\ntitle: B\n---\n\n${paragraphs}\n//- /brief.md\n[2020-B §$0]`;
    const { list, items } = checkCompletion(fixture, { first: ['§1', '§2', '§3'] });
    assert.equal(items.length, COMPLETION_PAGE);
    assert.equal(list.isIncomplete, true);
    checkCompletion(fixture.replace('§$0]', '§14$0]'), { includes: ['§14', '§140', '§149'], excludes: ['§1', '§15'] });
  });

  it('leaves long documentation to completionItem/resolve', () => {
    const paragraphs = Array.from({ length: 80 }, (_, index) => `Paragraph ${index + 1}.`).join('\n\n');
    const fixture = `//- /corpus/b.md\n---\nid: 2020-B\ntitle: B\n---\n\n${paragraphs}\n//- /brief.md\n[2020-B §$0]`;
    const { find } = checkCompletion(fixture, {});
    const item = find('§42');
    const { service } = load(fixture, { cursor: true });
    const resolved = service.resolveCompletion(item);
    assert.ok((resolved.documentation as { value: string }).value.includes('Paragraph 42.'));
  });
});

describe('completion: range ends', () => {
  it('offers the clauses after the start, at its depth', () => {
    const { items } = checkCompletion('[2023-JS §3.4–$0]', { first: ['§3.5', '§3.6', '§3.7'], excludes: ['§3.4', '§3.3', '§3', '§4'] });
    assert.ok(items.every((item) => item.label.split('.').length === 2));
    checkCompletion('[2023-JS §1.7.3-$0', { first: ['§1.7.4', '§1.7.5'] });
  });

  it('writes the end after the dash', () => {
    assert.equal(acceptAt('[2023-JS §3.4–$0]', '§3.6'), '[2023-JS §3.4–3.6]');
    assert.equal(acceptAt('[2023-JS §3.4-3.$0]', '§3.6'), '[2023-JS §3.4-3.6]');
    assert.equal(acceptAt('[2023-JS §3.4–$0', '§4.2'), '[2023-JS §3.4–4.2');
  });

  it('takes a shortened end typed after the dash', () => {
    checkCompletion('[2023-JS §3.4–1$0]', { includes: ['§3.10', '§3.15'], excludes: ['§3.5', '§3.9'] });
    assert.equal(acceptAt('[2023-JS §3.4–6$0]', '§3.6'), '[2023-JS §3.4–3.6]');
    assert.equal(acceptAt('[2023-JS §3.4–3.1$0]', '§3.12'), '[2023-JS §3.4–3.12]');
  });
});

describe('completion: content search', () => {
  it('finds Chinese text without spaces after [ alone and writes the canonical citation', () => {
    const { first } = { first: ['2023-JS §3.4'] };
    checkCompletion('见 [俄罗斯经济发展部$0', { first });
    assert.equal(acceptAt('见 [俄罗斯经济发展部$0', '2023-JS §3.4'), '见 [2023-JS §3.4]');
    assert.equal(acceptAt('见 [俄罗斯经济发展部$0]。', '2023-JS §3.4'), '见 [2023-JS §3.4]。');
  });

  it('searches inside one document after its id', () => {
    checkCompletion('[2023-ECON 能源$0]', { first: ['§2.4'] });
    assert.equal(acceptAt('[2023-ECON 能源$0]', '§2.4'), '[2023-ECON §2.4]');
    assert.equal(acceptAt('[2023-JS 经济发展部$0', '§3.4'), '[2023-JS §3.4]');
    checkCompletion('[2023-XX 能源$0]', null);
  });

  it('ignores the spaces typesetting puts around numbers in Chinese text', () => {
    checkCompletion('[2022年12月5日$0]', { first: ['2023-JS §3.4'] });
  });

  it('needs every part of the query, and offers the exact phrase first', () => {
    const corpus = [
      '//- /corpus/t.md',
      '---',
      'id: 2020-T',
      'title: Trade',
      '---',
      '',
      'Trade policy and the agreement.',
      '',
      'Both sides sign the trade agreement today.',
      '',
      'Trade alone.',
      '',
      '合作发展能源。',
      '',
      '双方加强能源合作。',
      '',
    ].join('\n');
    checkCompletion(`${corpus}//- /brief.md\n[trade agreement$0]`, { first: ['2020-T §2', '2020-T §1'], excludes: ['2020-T §3'] });
    checkCompletion(`${corpus}//- /brief.md\n[2020-T Agreement TRADE$0]`, { first: ['§1', '§2'], excludes: ['§3'] });
    checkCompletion(`${corpus}//- /brief.md\n[能源 合作$0]`, { first: ['2020-T §5', '2020-T §4'] });
    checkCompletion(`${corpus}//- /brief.md\n[能源合作$0]`, { first: ['2020-T §5'], excludes: ['2020-T §4'] });
    assert.equal(acceptAt(`${corpus}//- /brief.md\n见 [trade agreement$0]。`, '2020-T §2'), '见 [2020-T §2]。');
  });

  it('finds English words across a made-up corpus, case-insensitively', () => {
    const fixture = '//- /corpus/e.md\n---\nid: 2020-E\ntitle: E\n---\n\n## Article 1\n\nThe Parties shall settle disputes peacefully.\n\n## Article 2\n\nNothing here.\n//- /brief.md\n[parties disputes$0';
    checkCompletion(fixture, { first: ['2020-E §1.1'], excludes: ['2020-E §2.1'] });
  });

  it('bounds the page of hits', () => {
    const paragraphs = Array.from({ length: 150 }, (_, index) => `Clause ${index + 1} on fisheries.`).join('\n\n');
    const fixture = `//- /corpus/f.md\n---\nid: 2020-F\ntitle: F\n---\n\n${paragraphs}\n//- /brief.md\n[fisheries$0`;
    const { list, items } = checkCompletion(fixture, {});
    assert.ok(items.length > 0 && items.length <= COMPLETION_PAGE);
    assert.equal(list.isIncomplete, true);
  });

  it('offers nothing that does not match', () => {
    checkCompletion('[没有这样的文字$0]', null);
  });
});

describe('completion: where it is not offered', () => {
  const none: [string, string][] = [
    ['outside brackets', '见 2023-JS §3.$0'],
    ['after the closing bracket', '[2023-JS §3.4]$0'],
    ['in a code span', '`[2023-JS §3.$0`'],
    ['in a fenced block', '```\n[2023-JS §3.$0\n```\n'],
    ['in an HTML comment', '<!-- [2023-JS §3.$0 -->'],
    ['after an escaped bracket', '\\[2023-JS §3.$0'],
    ['after an escaped bracket behind an escaped backslash', '\\\\\\[2023-JS §3.$0'],
    ['on the next line', '[2023-JS\n§3.$0'],
  ];
  for (const [name, fixture] of none) {
    it(name, () => {
      checkCompletion(fixture, null);
    });
  }

  it('is offered after an escaped backslash, where the bracket itself is not escaped', () => {
    assert.equal(acceptAt('\\\\[2023-JS §3.$0', '§3.4'), '\\\\[2023-JS §3.4');
  });

  it('lists items in a stable order', () => {
    const { list } = checkCompletion('[2023-JS §3.$0', {});
    assert.deepEqual(
      sorted(list).map((item) => item.label),
      list.items.map((item) => item.label),
    );
  });
});
