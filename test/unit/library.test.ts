/**
 * The starter library (library/) against the dataset it is built from (../shared/corpora/open-treaties/):
 * the committed files are exactly what scripts/buildLibrary.ts writes, they load with no corpus-error,
 * every dataset article is the section its own number says (inserted articles such as Rome Statute 8 bis
 * included), paragraphs and items carry the numbers lawyers cite, and the Chinese is a labelled,
 * aligned translation. The files are read back with the core's own corpus parser, as the server reads them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { type BuiltTreaty, buildLibrary, corpusErrors, libraryEntries, libraryFiles, libraryPath, otherEntries, readTreaty } from '../../scripts/buildLibrary';
import { omittedChineseText } from '../../server/src/import/jsonTreaty';
import { italicTerms } from '../../server/src/import/treatyRepairs';
import { type CorpusDocument, parseCorpusDocument } from '../../server/src/service/corpusParser';
import { needsShared, sharedPath } from '../helpers/shared';

// NOTE: the committed files are checked everywhere; what needs the dataset (or the UN's own Chinese text of the
// Charter) runs where ../shared is, and is skipped with its reason in a clone that has nothing beside it.
const withDataset = needsShared('corpora/open-treaties/data');
const withUnCharter = needsShared('corpora/un-charter-corpus/data/processed/clean_un_charter_zh.txt');

/** Reads a small Chinese numeral, including digit-by-digit ones (`三一八`), independently of the importer. */
function chineseNumber(text: string): number {
  const digits = '〇一二三四五六七八九';
  if (!/[十百]/.test(text)) {
    return [...text].reduce((value, character) => value * 10 + digits.indexOf(character), 0);
  }
  let total = 0;
  let digit = -1;
  for (const character of text) {
    if (character === '零') {
      continue;
    }
    if (character === '十' || character === '百') {
      total += (digit < 0 ? 1 : digit) * (character === '十' ? 10 : 100);
      digit = -1;
    } else {
      digit = digits.indexOf(character);
    }
  }
  return total + Math.max(digit, 0);
}

/** What a dataset article number means: `八之二` is article 8 bis, section 802. */
function expectedArticle(article: string): { section: number; label: string } {
  const [base, suffix] = article.split('之');
  const number = chineseNumber(base);
  if (suffix === undefined) {
    return { section: number, label: String(number) };
  }
  const k = chineseNumber(suffix);
  return { section: number * 100 + k, label: `${number} ${['', '', 'bis', 'ter', 'quater'][k]}` };
}

/** The ordinal of a clause's leading marker: `3.` 3, `(c)` 3, `c.` 3, `(4)` 4; undefined when unmarked. */
function markerOrdinal(text: string): number | undefined {
  const match = /^(?:(\d{1,3})\.|\((\d{1,3})\)|\(([a-z]{1,2})\)|([a-z])\.)/.exec(text);
  if (!match) {
    return undefined;
  }
  const letters = match[3] ?? match[4];
  if (letters !== undefined) {
    return letters.length === 1 ? letters.charCodeAt(0) - 96 : 26 + letters.charCodeAt(0) - 96;
  }
  return Number(match[1] ?? match[2]);
}

function clause(document: CorpusDocument, key: string): string | undefined {
  return document.clauses.find((entry) => entry.key === key)?.text;
}

/** What scripts/buildLibrary.ts builds from the dataset; empty when the dataset is absent. */
let built: BuiltTreaty[] = [];
const parsed = new Map<string, { en: CorpusDocument; zh: CorpusDocument }>();

before(() => {
  for (const entry of libraryEntries) {
    const read = (name: string): CorpusDocument => parseCorpusDocument(fs.readFileSync(path.join(libraryPath, name), 'utf8'));
    parsed.set(entry.id, { en: read(`${entry.id}.md`), zh: read(`${entry.id}.zh.md`) });
  }
  if (!withDataset.skip) {
    built = buildLibrary();
  }
});

describe('the starter library', () => {
  it('is exactly what scripts/buildLibrary.ts writes (generated, never hand-edited)', withDataset, () => {
    const files = libraryFiles(built);
    const onDisk = fs.readdirSync(libraryPath).filter((name) => name.endsWith('.md')).sort();
    assert.deepEqual(onDisk, [...files.keys()].sort());
    for (const [name, content] of files) {
      assert.equal(fs.readFileSync(path.join(libraryPath, name), 'utf8'), content, `library/${name} is out of date: run npm run build:library`);
    }
  });

  it('holds at least the six treaties of the brief, with their ids, and loads with no corpus-error', () => {
    const ids = libraryEntries.map((entry) => entry.id);
    for (const id of ['1945-UNCH', '1945-ICJST', '1969-VCLT', '1961-VCDR', '1963-VCCR', '1982-UNCLOS']) {
      assert.ok(ids.includes(id), id);
    }
    const files = fs
      .readdirSync(libraryPath)
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((fileName) => ({ fileName, content: fs.readFileSync(path.join(libraryPath, fileName), 'utf8') }));
    assert.equal(files.length, 2 * libraryEntries.length);
    assert.deepEqual(corpusErrors(files), []);
    for (const { en, zh } of parsed.values()) {
      assert.deepEqual(en.problems, []);
      assert.deepEqual(zh.problems, []);
    }
  });

  it('makes every dataset article the section its own number says, inserted articles included', withDataset, () => {
    let inserted = 0;
    for (const entry of libraryEntries) {
      const dataset = readTreaty(entry.key);
      const { en, zh } = parsed.get(entry.id) ?? assert.fail(entry.id);
      const englishSections = en.clauses.filter((entry) => entry.kind === 'section' && entry.key !== '0');
      const chineseSections = zh.clauses.filter((entry) => entry.kind === 'section' && entry.key !== '0');
      assert.equal(englishSections.length, dataset.articles.length, `${entry.id}: one section per article`);
      assert.equal(chineseSections.length, dataset.articles.length, `${entry.id}: one Chinese section per article`);
      dataset.articles.forEach((article, index) => {
        const { section, label } = expectedArticle(article.article);
        inserted += article.article.includes('之') ? 1 : 0;
        assert.equal(englishSections[index].key, String(section), `${entry.id} article ${article.article}`);
        assert.match(englishSections[index].text, new RegExp(`^(?:${section} )?Article ${label}(?: –|$)`), `${entry.id} article ${article.article}`);
        assert.equal(chineseSections[index].key, String(section));
        assert.ok(chineseSections[index].text.startsWith(`${section} 第${article.article.replace('之', '條之')}${article.article.includes('之') ? '' : '條'}`), chineseSections[index].text);
      });
    }
    // The Rome Statute's 8 bis, 15 bis and 15 ter.
    assert.equal(inserted, 3);
    const rome = parsed.get('1998-ROME')?.en ?? assert.fail('1998-ROME');
    assert.match(clause(rome, '802') ?? '', /^802 Article 8 bis – Crime of aggression/);
    assert.match(clause(rome, '1503') ?? '', /^1503 Article 15 ter/);
    assert.match(clause(rome, '8') ?? '', /^Article 8 – War crimes/);
  });

  it('numbers paragraphs and items as the dataset numbers them, so a path reads like the citation', withDataset, () => {
    for (const entry of libraryEntries) {
      const dataset = readTreaty(entry.key);
      const { en } = parsed.get(entry.id) ?? assert.fail(entry.id);
      // Items keep their letter: `(c)`, `c.`, `(3)` is item 3 of its paragraph.
      for (const found of en.clauses.filter((entry) => entry.kind === 'item')) {
        const ordinal = markerOrdinal(found.text);
        if (ordinal !== undefined) {
          assert.equal(ordinal, found.path[2], `${entry.id} §${found.key}: ${found.text.slice(0, 40)}`);
        }
      }
      // The dataset's own paragraph numbers: an article whose lines are numbered 1.…n has exactly the
      // paragraphs §N.1…§N.n, each starting with the words after its number.
      for (const article of dataset.articles) {
        const lines = (article.content_en ?? '').split('\n').map((line) => line.replace(/[\t\p{Zs}]+/gu, ' ').trim());
        const numbered = lines.map((line) => /^(\d{1,2}) ?\. ?(.*)$/.exec(line)).filter((match): match is RegExpExecArray => match !== null);
        if (numbered.length < 2 || numbered.some((match, index) => Number(match[1]) !== index + 1)) {
          continue;
        }
        const { section } = expectedArticle(article.article);
        const paragraphs = en.clauses.filter((entry) => entry.kind === 'paragraph' && entry.path[0] === section);
        assert.equal(paragraphs.length, numbered.length, `${entry.id} article ${article.article}: ${numbered.length} paragraphs`);
        for (const [index, match] of numbered.entries()) {
          const words = match[2].split(' ')[0];
          assert.ok(paragraphs[index].text.startsWith(words) || paragraphs[index].text === `${index + 1}.`, `${entry.id} article ${article.article}(${index + 1}): “${paragraphs[index].text.slice(0, 40)}” should start “${words}”`);
        }
      }
    }
  });

  it('resolves the citations lawyers write every day', () => {
    const cases: [string, string, RegExp][] = [
      ['1969-VCLT', '31.1', /^A treaty shall be interpreted in good faith in accordance with the ordinary meaning/],
      ['1969-VCLT', '31.3', /^There shall be taken into account, together with the context:$/],
      ['1969-VCLT', '31.3.1', /^\(a\) ?any subsequent agreement between the parties regarding the interpretation/],
      ['1969-VCLT', '31.3.3', /^\(c\) ?any relevant rules of international law applicable in the relations between the parties\.$/],
      ['1969-VCLT', '19.1.3', /^\(c\) ?in cases not falling under subparagraphs \(a\) and \(b\), the reservation is incompatible/],
      ['1969-VCLT', '53.1', /^A treaty is void if, at the time of its conclusion, it conflicts with a peremptory norm/],
      ['1969-VCLT', '0.2', /^Considering the fundamental role of treaties in the history of international relations,$/],
      ['1945-UNCH', '1', /^Article 1 – The Purposes of the United Nations are:$/],
      ['1945-UNCH', '1.1', /^To maintain international peace and security/],
      ['1945-UNCH', '2.4', /^All Members shall refrain in their international relations from the threat or use of force/],
      ['1945-UNCH', '2.7', /^Nothing contained in the present Charter shall authorize the United Nations to intervene.*Chapter VII\.$/],
      ['1945-UNCH', '51.1', /^Nothing in the present Charter shall impair the inherent right of individual or collective self-defence/],
      ['1945-ICJST', '36.2.1', /^a\. the interpretation of a treaty;$/],
      ['1945-ICJST', '38.1.3', /^c\. the general principles of law recognized by civilized nations;$/],
      ['1945-ICJST', '38.2', /^This provision shall not prejudice the power of the Court to decide a case ex aequo et bono/],
      ['1961-VCDR', '22.1', /^The premises of the mission shall be inviolable\./],
      ['1963-VCCR', '36.1.2', /^\(b\) if he so requests, the competent authorities of the receiving State shall/],
      ['1982-UNCLOS', '1.1.4', /^\(4\) "pollution of the marine environment" means/],
      ['1982-UNCLOS', '2', /^Article 2 – Legal status of the territorial sea, of the air space over the territorial sea and of its bed and subsoil$/],
      ['1982-UNCLOS', '121.3', /^Rocks which cannot sustain human habitation or economic life of their own shall have no exclusive economic zone/],
      ['1998-ROME', '802.2.1', /^\(a\) The invasion or attack by the armed forces of a State/],
      ['1966-ICCPR', '4.2', /^No derogation from articles 6, 7, 8 \(paragraphs 1 and 2\)/],
      ['1948-UDHR', '1.1', /^All human beings are born free and equal in dignity and rights\./],
    ];
    for (const [id, key, pattern] of cases) {
      const { en } = parsed.get(id) ?? assert.fail(id);
      assert.match(clause(en, key) ?? `(no §${key})`, pattern, `${id} §${key}`);
    }
  });

  it('restores the UN Charter paragraph numbers exactly where the UN Chinese text numbers them', withUnCharter, () => {
    // An independent source: the UN's own (simplified) Chinese text of the Charter, test data only.
    const official = fs.readFileSync(sharedPath('corpora/un-charter-corpus/data/processed/clean_un_charter_zh.txt') ?? assert.fail(), 'utf8');
    const articles = official.split(/(?=第[一二三四五六七八九十百零]+条 )/).filter((part) => part.startsWith('第'));
    assert.equal(articles.length, 111);
    const { en } = parsed.get('1945-UNCH') ?? assert.fail();
    let numbered = 0;
    for (const [index, text] of articles.entries()) {
      let count = 0;
      while (new RegExp(`(?:^|\\s)${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][count]}、`).test(text.slice(text.indexOf(' ')))) {
        count++;
      }
      const paragraphs = en.clauses.filter((entry) => entry.kind === 'paragraph' && entry.path[0] === index + 1);
      if (count >= 2) {
        numbered++;
        assert.equal(paragraphs.length, count, `Charter article ${index + 1}`);
      } else {
        assert.ok(paragraphs.length <= 1 || count === 0, `Charter article ${index + 1}`);
      }
    }
    assert.ok(numbered >= 45, `${numbered} numbered articles`);
  });

  it('keeps the Chinese as a labelled translation that lines up clause for clause', () => {
    for (const entry of libraryEntries) {
      const { en, zh } = parsed.get(entry.id) ?? assert.fail();
      assert.equal(en.meta.language, 'en');
      assert.equal(en.meta.authentic, true);
      assert.equal(zh.meta.id, entry.id);
      assert.equal(zh.meta.language, 'zh');
      assert.equal(zh.meta.authentic, false);
      assert.match(String(zh.meta.source), /open-treaties, .*\.json \(CC0 1\.0\); Chinese: /);
      assert.match(String(zh.meta.note), /translation.*not an authentic text/);
      assert.deepEqual(zh.clauses.map((clause) => clause.key), en.clauses.map((clause) => clause.key));
    }
    const vclt = parsed.get('1969-VCLT')?.zh ?? assert.fail();
    assert.match(clause(vclt, '31.1') ?? '', /^條約應依其用語按其上下文並參照條約之目的及宗旨所具有之通常意義，善意解釋之。$/);
    assert.match(clause(vclt, '31.3.1') ?? '', /^（甲）當事國嗣後所訂關於條約之解釋/);
  });

  it('leaves out exactly the Chinese the dataset lacks, and says so where it does', withDataset, () => {
    for (const treaty of built) {
      const { zh } = parsed.get(treaty.entry.id) ?? assert.fail();
      // Left-out Chinese is exactly the articles the report lists, and nothing else reads the note.
      const omitted = new Set(treaty.report.omittedChinese.map((entry) => (entry.article === 'preamble' ? 0 : expectedArticle(entry.article).section)));
      for (const found of zh.clauses.filter((entry) => entry.kind !== 'section')) {
        assert.equal(found.text === omittedChineseText, omitted.has(found.path[0]), `${treaty.entry.id} zh §${found.key}`);
      }
    }
  });

  it('repairs the known defects and lists every change in library/README.md', withDataset, () => {
    const readme = fs.readFileSync(path.join(libraryPath, 'README.md'), 'utf8');
    for (const treaty of built) {
      const { en } = parsed.get(treaty.entry.id) ?? assert.fail();
      for (const found of en.clauses) {
        for (const term of italicTerms.filter((entry) => /^[A-Z]/.test(entry) && entry.length > 5)) {
          assert.ok(!new RegExp(`${term}(?:the|that|as)\\b`).test(found.text), `${treaty.entry.id} §${found.key}: “${term}” glued`);
        }
        assert.doesNotMatch(found.text, /[.;:](?:PART|SECTION|SUBSECTION|CHAPTER) /, `${treaty.entry.id} §${found.key}`);
      }
      assert.ok(treaty.report.repairs.every((change) => !change.before.startsWith('(not applied')), `${treaty.entry.id}: a stale explicit fix`);
      assert.ok(readme.includes(`### ${treaty.entry.id} `), treaty.entry.id);
    }
    assert.ok(readme.includes('| Consideringthe | Considering the |'));
    assert.ok(readme.includes('| caseex aequo et bono | case ex aequo et bono |'));
    for (const other of otherEntries) {
      assert.ok(readme.includes(`\`${other.key}.json\``), other.key);
    }
    // Cut-off text is marked, never completed.
    assert.match(clause(parsed.get('1969-VCLT')?.en ?? assert.fail(), '66.1.2') ?? '', /specified in the \[…\]$/);
  });
});
