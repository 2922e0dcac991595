import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { IdAllocator, renderImported } from '../../server/src/import';
import { paragraphsFromLines, splitInlineList } from '../../server/src/import/clauseLines';
import { importJsonTreaty } from '../../server/src/import/jsonTreaty';
import { readCorpus } from './importCorpusReader';

const fixtures = path.join(__dirname, '..', 'fixtures', 'import', 'json');

/** Imports a fixture (articles copied from open-treaties) and reads every file written back. */
function importFixture(name: string, translations = false): Map<string, ReturnType<typeof readCorpus>> {
  const result = importJsonTreaty(fs.readFileSync(path.join(fixtures, name), 'utf8'), path.join('data', name));
  assert.equal(result.error, undefined, result.error?.message);
  const { files } = renderImported(result.documents, new IdAllocator([]), { translations });
  return new Map(files.map((file) => [file.fileName, readCorpus(file.content)]));
}

describe('JSON treaty importer', () => {
  it('writes the English text as the authentic document, articles as sections', () => {
    const files = importFixture('rome-statute.json');
    assert.deepEqual([...files.keys()], ['1998-ROME-STATUTE.md']);
    const rome = files.get('1998-ROME-STATUTE.md');
    assert.ok(rome);
    assert.equal(rome.frontMatter.title, 'Rome Statute of the International Criminal Court');
    assert.equal(rome.frontMatter.language, 'en');
    assert.equal(rome.frontMatter.date, '1998-07-17');
    assert.deepEqual(rome.sectionNumbers, ['1', '6', '802']);
    assert.equal(rome.clauses.get('1'), 'Article 1 – The Court');
    assert.match(rome.clauses.get('1.1') ?? '', /^An International Criminal Court \("the Court"\) is hereby established\./);
    assert.match(rome.clauses.get('0.1') ?? '', /^The States Parties to this Statute,/);
  });

  it('makes lettered lines after a colon items, and numbered lines paragraphs', () => {
    const rome = importFixture('rome-statute.json').get('1998-ROME-STATUTE.md');
    assert.ok(rome);
    assert.equal(rome.paragraphCounts.get('6'), 1);
    assert.equal(rome.clauses.get('6.1.1'), '(a) Killing members of the group;');
    assert.equal(rome.clauses.get('6.1.5'), '(e) Forcibly transferring children of the group to another group.');
    // Article 8 bis: an inserted article is 8 × 100 + 2, and its paragraph 2 has the items (a)–(g).
    assert.equal(rome.clauses.get('802'), '802 Article 8 bis – Crime of aggression');
    assert.match(rome.clauses.get('802.1') ?? '', /^1\. For the purpose of this Statute, "crime of aggression" means/);
    assert.match(rome.clauses.get('802.2.1') ?? '', /^\(a\) The invasion or attack/);
    assert.match(rome.clauses.get('802.2.7') ?? '', /^\(g\) The sending by or on behalf of a State/);
  });

  it('splits inline lists (…:(a)…;(b)…) into items', () => {
    const vclt = importFixture('vclt.json').get('1969-VCLT.md');
    assert.ok(vclt);
    assert.equal(vclt.clauses.get('2.1'), '1. For the purposes of the present Convention:');
    assert.match(vclt.clauses.get('2.1.1') ?? '', /^\(a\)“treaty” means an international agreement/);
    assert.match(vclt.clauses.get('2.1.9') ?? '', /^\(i\)“international organization” means/);
    assert.match(vclt.clauses.get('2.2') ?? '', /^2\. The provisions of paragraph 1 regarding the use of terms/);
  });

  it('keeps the Chinese text as a non-authentic language version: same id, same section numbers', () => {
    const files = importFixture('rome-statute.json', true);
    assert.deepEqual([...files.keys()], ['1998-ROME-STATUTE.md', '1998-ROME-STATUTE.zh.md']);
    const chinese = files.get('1998-ROME-STATUTE.zh.md');
    assert.ok(chinese);
    assert.equal(chinese.frontMatter.id, '1998-ROME-STATUTE');
    assert.equal(chinese.frontMatter.language, 'zh');
    assert.equal(chinese.frontMatter.authentic, false);
    assert.equal(chinese.frontMatter.title, '國際刑事法院羅馬規約');
    assert.deepEqual(chinese.sectionNumbers, ['1', '6', '802']);
    assert.equal(chinese.clauses.get('802'), '802 第八條之二 侵略罪');
    // In the Chinese text paragraphs are （一） and items 1.: the same shape as the English.
    assert.match(chinese.clauses.get('6.1.1') ?? '', /^1\. 殺害該團體的成員；$/);
    assert.match(chinese.clauses.get('802.2.1') ?? '', /^1\. 一國的武裝部隊/);
    const vclt = importFixture('vclt.json', true).get('1969-VCLT.zh.md');
    assert.match(vclt?.clauses.get('2.1.1') ?? '', /^（甲）稱「條約」者/);
  });

  it('reports JSON that does not parse, with its line, and JSON of another shape', () => {
    const broken = importJsonTreaty('{\n  "articles": [\n    {"article": "一",}\n  ]\n}', 'broken.json');
    assert.match(broken.error?.message ?? '', /^not valid JSON/);
    assert.equal(broken.error?.line, 3);
    assert.match(importJsonTreaty('{"name": "x"}', 'other.json').error?.message ?? '', /^JSON of another shape: articles is missing/);
    assert.match(
      importJsonTreaty('{"treaty_en": "T", "articles": [{"article": "一", "content_en": 3}]}', 'bad.json').error?.message ?? '',
      /articles\[0\]\.content_en is not a string/,
    );
  });
});

describe('lines to paragraphs and items', () => {
  it('nests by marker kind and colon, flattening a third level into its item', () => {
    const lines = ['1. Intro:', '(a) first:', '(i) sub one;', '(ii) sub two;', '(b) second;', '2. Next paragraph.', 'Unmarked closing text.'].map((text, index) => ({ text, line: index + 1 }));
    const paragraphs = paragraphsFromLines(lines);
    assert.deepEqual(
      paragraphs.map((paragraph) => [paragraph.text, paragraph.items.map((item) => item.text)]),
      [
        ['1. Intro:', ['(a) first: (i) sub one; (ii) sub two;', '(b) second;']],
        ['2. Next paragraph.', []],
        ['Unmarked closing text.', []],
      ],
    );
  });

  it('reads (i) after (h) as a letter', () => {
    const lines = ['Terms:', ...'abcdefghi'.split('').map((letter) => `(${letter}) term ${letter};`)].map((text) => ({ text, line: 0 }));
    assert.equal(paragraphsFromLines(lines)[0].items.length, 9);
  });

  it('splits inline lists only when the markers are in sequence after a colon', () => {
    assert.deepEqual(splitInlineList('Terms:(a) one;(b) two; and (c) three.'), ['Terms:', '(a) one;', '(b) two; and', '(c) three.']);
    assert.deepEqual(splitInlineList('See article 2(a) and 3(b).'), ['See article 2(a) and 3(b).']);
  });
});
