/**
 * The built-in corpus (spec.md §3) as the core reads it: its shape, the fixed points, and every clause
 * hovering with its full text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILTIN_ROOT, builtInUri, checkHover, load } from './helpers/fixture';

const { service, scope } = load('');

function clausesOf(id: string) {
  const document = service.index.resolve(id, scope);
  assert.ok(document, `${id} is loaded`);
  assert.equal(document.uri, builtInUri(id));
  return document.document.clauses;
}

/** The text a citation's clause has. */
function textOf(id: string, key: string): string {
  const clause = clausesOf(id).find((candidate) => candidate.key === key);
  assert.ok(clause, `${id} has §${key}`);
  return clause.text;
}

describe('built-in corpus', () => {
  it('loads both documents with their titles and no problems', () => {
    assert.equal(service.index.resolve('2023-JS', scope)?.document.title, '中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明');
    assert.equal(service.index.resolve('2023-ECON', scope)?.document.title, '中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明');
    for (const id of ['2023-JS', '2023-ECON']) {
      assert.deepEqual(service.corpusDiagnostics(builtInUri(id), scope), [], `${id} has no corpus errors`);
    }
    assert.deepEqual(service.index.documents([BUILTIN_ROOT]).map((entry) => entry.document.id), ['2023-ECON', '2023-JS']);
  });

  it('gives 2023-JS a preamble §0.1–§0.2 and sections 一 to 九', () => {
    const clauses = clausesOf('2023-JS');
    const sections = clauses.filter((clause) => clause.kind === 'section');
    assert.deepEqual(
      sections.map((clause) => [clause.key, clause.text]),
      [['0', ''], ['1', '一'], ['2', '二'], ['3', '三'], ['4', '四'], ['5', '五'], ['6', '六'], ['7', '七'], ['8', '八'], ['9', '九']],
    );
    assert.deepEqual(
      clauses.filter((clause) => clause.path[0] === 0 && clause.kind !== 'section').map((clause) => clause.key),
      ['0.1', '0.2'],
    );
    // Every section has paragraphs numbered 1, 2, … without gaps, and items likewise.
    const expected = new Map<string, number>();
    for (const clause of clauses) {
      if (clause.kind === 'section') {
        continue;
      }
      const parent = clause.path.slice(0, -1).join('.');
      const next = (expected.get(parent) ?? 0) + 1;
      assert.equal(clause.path[clause.path.length - 1], next, `§${clause.key} follows its siblings`);
      expected.set(parent, next);
    }
  });

  it('gives 2023-ECON no sections: paragraphs §1–§5 and the eight directions as §2.1–§2.8', () => {
    const clauses = clausesOf('2023-ECON');
    assert.deepEqual(
      clauses.map((clause) => clause.key),
      ['1', '2', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '3', '4', '5'],
    );
    const directions = ['一', '二', '三', '四', '五', '六', '七', '八'];
    directions.forEach((numeral, index) => assert.ok(textOf('2023-ECON', `2.${index + 1}`).startsWith(`${numeral}、`)));
  });

  const fixedPoints: [string, string, string][] = [
    ['2023-JS', '0.2', '中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：'],
    ['2023-JS', '1.7.3', '——秉持互利原则，在现代化建设过程中'],
    ['2023-JS', '3.4', '双方欢迎中国商务部和俄罗斯经济发展部'],
    ['2023-JS', '9.9', '双方主张北极应继续成为和平、稳定和建设性合作之地。'],
    ['2023-ECON', '2.4', '四、巩固全方位能源合作伙伴关系。'],
    ['2023-ECON', '5', '以上述重点方向为指引'],
  ];
  for (const [id, key, beginning] of fixedPoints) {
    it(`reproduces the fixed point [${id} §${key}]`, () => {
      assert.ok(textOf(id, key).startsWith(beginning), `§${key} is ${textOf(id, key).slice(0, 40)}`);
      checkHover(`见 [${id} §$0${key}]。`, { includes: [beginning, `${id}`, `§${key}`], range: `§${key}` });
    });
  }

  it('makes §2.4 of 2023-JS the whole paragraph and §9.9 the last clause', () => {
    assert.equal(textOf('2023-JS', '2.4'), '双方反对外部势力干涉内政。');
    const js = clausesOf('2023-JS');
    assert.equal(js[js.length - 1].key, '9.9');
    assert.equal(js[js.length - 1].text, '双方主张北极应继续成为和平、稳定和建设性合作之地。');
    const econ = clausesOf('2023-ECON');
    assert.equal(econ[econ.length - 1].key, '5');
  });

  it('keeps signature blocks, place and date out of the clauses and in the front matter', () => {
    for (const id of ['2023-JS', '2023-ECON']) {
      const document = service.index.resolve(id, scope);
      assert.ok(document);
      assert.equal(document.document.meta['place'], '莫斯科');
      for (const clause of document.document.clauses) {
        assert.doesNotMatch(clause.text, /^(中华人民共和国主席|俄罗斯联邦总统|新华社|2023年3月21日于莫斯科)/, `§${clause.key}`);
        assert.doesNotMatch(clause.text, /\n/, `§${clause.key} is one line`);
      }
    }
  });

  it('hovers every clause of both documents with its full text, id, title and path', () => {
    let version = 0;
    for (const id of ['2023-JS', '2023-ECON']) {
      const indexed = service.index.resolve(id, scope);
      assert.ok(indexed);
      for (const clause of indexed.document.clauses) {
        if (clause.kind === 'section') {
          continue;
        }
        const citation = `[${id} §${clause.key}]`;
        // One brief edited from citation to citation, as a client sends it (each version newer).
        const brief = TextDocument.create('file:///every.md', 'markdown', ++version, `见 ${citation}。`);
        const hover = service.hover(brief, brief.positionAt('见 '.length + citation.indexOf('§') + 1), scope);
        assert.ok(hover, citation);
        const markdown = (hover.contents as { value: string }).value;
        // The hover escapes Markdown; compare with the escapes taken out.
        const plain = markdown.replace(/\\(.)/g, '$1');
        assert.ok(plain.includes(clause.text), `${citation} shows its full text`);
        assert.ok(plain.includes(id) && plain.includes(indexed.document.title ?? '?'), `${citation} shows id and title`);
        assert.ok(plain.includes(`§${clause.key}`), `${citation} shows its path`);
        assert.deepEqual(service.briefDiagnostics(brief, scope), [], `${citation} is valid`);
      }
    }
  });
});
