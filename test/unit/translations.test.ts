/**
 * The project's unofficial English translations of the built-in statements (corpus/*.en.md) must stay
 * aligned clause for clause with the Chinese text they translate: same clause paths in the same order,
 * every clause translated, and the front matter saying plainly that they are unofficial translations.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCorpusDocument, type Clause, type CorpusDocument } from '../../server/src/service/corpusParser';

const corpusFolder = path.join(__dirname, '..', '..', 'corpus');

function parseFile(name: string): CorpusDocument {
  const document = parseCorpusDocument(fs.readFileSync(path.join(corpusFolder, name), 'utf8'));
  assert.deepEqual(document.problems, [], `${name} parses without problems`);
  return document;
}

/** Paragraphs and items: the clauses that carry text (a section's text is its heading). */
function textClauses(document: CorpusDocument): Clause[] {
  return document.clauses.filter((clause) => clause.kind !== 'section');
}

/** Four-digit numbers (years, resolution numbers) of a text, which a translation keeps as they are. */
function fourDigitNumbers(text: string): string[] {
  return [...new Set(text.match(/(?<![0-9])[0-9]{4}(?![0-9])/g) ?? [])];
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

interface Pair {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  /** How many clauses the Chinese document has (a guard against both files losing clauses together). */
  readonly clauseCount: number;
  /** English beginnings of clauses that spec.md §3 fixes in the Chinese text. */
  readonly anchors: ReadonlyArray<readonly [string, string]>;
}

const pairs: readonly Pair[] = [
  {
    id: '2023-JS',
    zh: '2023-JS.md',
    en: '2023-JS.en.md',
    clauseCount: 103,
    anchors: [
      ['0.2', "The People's Republic of China and the Russian Federation (hereinafter “the two sides”) declare as follows:"],
      ['1.7.3', '— in keeping with the principle of mutual benefit'],
      ['2.4', 'The two sides oppose interference by external forces in their internal affairs.'],
      ['3.4', 'The two sides welcome the Joint Statement on Launching Negotiations'],
      ['9.9', 'The two sides advocate that the Arctic should remain a region of peace, stability and constructive cooperation.'],
    ],
  },
  {
    id: '2023-ECON',
    zh: '2023-ECON.md',
    en: '2023-ECON.en.md',
    clauseCount: 13,
    anchors: [
      ['2.4', '(4) Consolidate the all-round energy partnership.'],
      ['5', 'To be guided by the above key directions'],
    ],
  },
];

for (const pair of pairs) {
  describe(`unofficial English translation of ${pair.id}`, () => {
    const zh = parseFile(pair.zh);
    const en = parseFile(pair.en);

    it('has the same id as the Chinese and says it is an unofficial translation of it', () => {
      assert.equal(zh.id, pair.id);
      assert.equal(en.id, pair.id);
      assert.equal(zh.meta['language'], 'zh');
      assert.notEqual(zh.meta['authentic'], false, 'the Chinese text stays the authentic version');
      assert.equal(en.meta['language'], 'en');
      assert.equal(en.meta['authentic'], false);
      assert.equal(en.meta['translation'], 'unofficial');
      assert.equal(en.meta['translation_of'], 'zh');
      assert.equal(en.meta['translator'], 'Pinpoint project');
      assert.match(String(en.meta['note']), /unofficial (English )?translation made by the Pinpoint project/i);
      assert.match(String(en.meta['note']), /not an official text/);
      assert.equal(en.meta['date'], zh.meta['date']);
      assert.equal(en.meta['place'], 'Moscow');
      assert.ok(en.title !== undefined && en.title.startsWith('Joint Statement of'), `English title: ${en.title}`);
      assert.doesNotMatch(en.title, /\p{Script=Han}/u);
    });

    it('has the clause paths of the Chinese, in the same order and of the same kinds', () => {
      assert.equal(zh.clauses.length, pair.clauseCount, 'the Chinese document has its known number of clauses');
      assert.deepEqual(
        en.clauses.map((clause) => `${clause.kind} §${clause.key}`),
        zh.clauses.map((clause) => `${clause.kind} §${clause.key}`),
      );
      assert.equal(en.hasSections, zh.hasSections);
    });

    it('translates every paragraph and item, each on one line, with no Chinese left in it', () => {
      for (const clause of textClauses(en)) {
        assert.ok(clause.text.trim().length > 0, `§${clause.key} is not empty`);
        assert.doesNotMatch(clause.text, /\p{Script=Han}/u, `§${clause.key} is translated`);
        assert.equal(clause.range.startLine, clause.range.endLine, `§${clause.key} is written on one line`);
      }
    });

    it('keeps the years and numbers of each Chinese clause in the clause that translates it', () => {
      const english = new Map(textClauses(en).map((clause) => [clause.key, clause.text]));
      for (const clause of textClauses(zh)) {
        const translation = english.get(clause.key) ?? '';
        for (const number of fourDigitNumbers(clause.text)) {
          assert.ok(translation.includes(number), `§${clause.key}: ${number} is in “${translation.slice(0, 60)}…”`);
        }
      }
    });

    it('marks list items as the Chinese does (—— as —, 一、 as (1))', () => {
      const english = new Map(en.clauses.map((clause) => [clause.key, clause.text]));
      for (const clause of zh.clauses.filter((each) => each.kind === 'item')) {
        const translation = english.get(clause.key) ?? '';
        const ordinal = CHINESE_ORDINALS.indexOf(clause.text.charAt(0));
        if (clause.text.startsWith('——')) {
          assert.match(translation, /^— \S/, `§${clause.key} starts with a dash`);
        } else if (ordinal >= 0 && clause.text.charAt(1) === '、') {
          assert.ok(translation.startsWith(`(${ordinal + 1}) `), `§${clause.key} starts with (${ordinal + 1})`);
        } else {
          assert.fail(`§${clause.key}: unexpected item marker in the Chinese “${clause.text.slice(0, 10)}”`);
        }
      }
    });

    it('renders the clauses that spec.md fixes at the same paths', () => {
      const english = new Map(en.clauses.map((clause) => [clause.key, clause.text]));
      for (const [key, beginning] of pair.anchors) {
        const text = english.get(key);
        assert.ok(text !== undefined, `§${key} exists`);
        assert.ok(text.startsWith(beginning), `§${key} begins “${beginning}” but is “${text.slice(0, 60)}…”`);
      }
    });
  });
}
