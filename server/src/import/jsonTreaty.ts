/**
 * The importer for JSON treaty datasets of the open-treaties shape: one object per treaty with
 * `treaty_en`, `treaty_zh`, `preamble_en`, `preamble_zh` and `articles[]` of `{ article, title_en,
 * title_zh, content_en, content_zh }` (article numbers in Chinese numerals, `八之二` for 8 bis).
 *
 * Mapping: the English text is the authentic document (`language: en`); each article is a section
 * `## Article 1 – Scope of the present Convention`; its lines are paragraphs and items by their markers
 * (clauseLines.ts), with inline lists (`…:(a)…;(b)…`) split; the preamble is section 0. An inserted article
 * (`八之二`, Article 8 bis) is numbered 8 × 100 + 2 = 802 (see sections.ts), written `## 802 Article 8 bis`.
 *
 * The Chinese text is kept as a translation (`ImportedDocument.translations`): a language version with the
 * same id and section numbers, `language: zh`, written only when asked (`--translations`) as `ID.zh.md`
 * with `authentic: false`.
 * NOTE: the dataset's Chinese is a Taiwan translation, not an official UN text, so it is never authentic.
 */
import { paragraphsFromLines, type SourceLine } from './clauseLines';
import { insertedSectionNumber, makeSectionNumbersDistinct } from './sections';
import { parseChineseNumber } from './text';
import type { FrontMatterValue, ImportedDocument, ImportedParagraph, ImportedSection, ImportNote, ImporterResult } from './types';

/**
 * Adoption dates of the treaties in open-treaties, by file key. The dataset has no dates, and an id needs
 * the year of signing; these are well-known facts, reported as guesses so a curator confirms them.
 */
const knownAdoptionDates: Readonly<Record<string, string>> = {
  'un-charter': '1945-06-26',
  'icj-statute': '1945-06-26',
  unclos: '1982-12-10',
  iccpr: '1966-12-16',
  icescr: '1966-12-16',
  'iccpr-op1': '1966-12-16',
  'iccpr-op2': '1989-12-15',
  'op-icescr': '2008-12-10',
  udhr: '1948-12-10',
  cat: '1984-12-10',
  cedaw: '1979-12-18',
  crc: '1989-11-20',
  crpd: '2006-12-13',
  icerd: '1965-12-21',
  vclt: '1969-05-23',
  vcdr: '1961-04-18',
  vccr: '1963-04-24',
  'gc-i': '1949-08-12',
  'gc-ii': '1949-08-12',
  'gc-iii': '1949-08-12',
  'gc-iv': '1949-08-12',
  'gc-ap1': '1977-06-08',
  'gc-ap2': '1977-06-08',
  'rome-statute': '1998-07-17',
  genocide: '1948-12-09',
  uncac: '2003-10-31',
  refugee: '1951-07-28',
  'outer-space': '1967-01-27',
};

/** Latin names of inserted articles: 之二 is bis, 之三 ter, … */
const insertedNames = ['', '', 'bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies'];

/** One article as the dataset has it. */
interface TreatyArticle {
  readonly article: string;
  readonly title_en?: string;
  readonly title_zh?: string;
  readonly content_en?: string;
  readonly content_zh?: string;
}

/** One treaty as the dataset has it. */
interface Treaty {
  readonly treaty?: string;
  readonly treaty_en?: string;
  readonly treaty_zh?: string;
  readonly preamble_en?: string;
  readonly preamble_zh?: string;
  readonly date?: string;
  readonly articles: readonly TreatyArticle[];
}

/** Checks the shape; returns a message naming the first thing that does not fit. */
function shapeProblem(value: unknown, where: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${where || 'the file'} is not an object with “articles”`;
  }
  const treaty = value as Record<string, unknown>;
  if (!Array.isArray(treaty.articles)) {
    return `${where ? `${where}.` : ''}articles is missing or not a list (expected the open-treaties shape: treaty_en, preamble_en, articles[])`;
  }
  for (const key of ['treaty', 'treaty_en', 'treaty_zh', 'preamble_en', 'preamble_zh', 'date']) {
    if (treaty[key] !== undefined && typeof treaty[key] !== 'string') {
      return `${where ? `${where}.` : ''}${key} is not a string`;
    }
  }
  if (typeof treaty.treaty_en !== 'string' && typeof treaty.treaty_zh !== 'string' && typeof treaty.treaty !== 'string') {
    return `${where ? `${where}.` : ''}treaty_en is missing: the treaty has no name`;
  }
  for (const [index, article] of (treaty.articles as unknown[]).entries()) {
    const at = `${where ? `${where}.` : ''}articles[${index}]`;
    if (typeof article !== 'object' || article === null) {
      return `${at} is not an object`;
    }
    const fields = article as Record<string, unknown>;
    if (typeof fields.article !== 'string' && typeof fields.article !== 'number') {
      return `${at}.article is missing`;
    }
    for (const key of ['title_en', 'title_zh', 'content_en', 'content_zh']) {
      if (fields[key] !== undefined && typeof fields[key] !== 'string') {
        return `${at}.${key} is not a string`;
      }
    }
    if (typeof fields.content_en !== 'string' && typeof fields.content_zh !== 'string') {
      return `${at} has neither content_en nor content_zh`;
    }
  }
  return undefined;
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
  }
  return line;
}

/** Imports a JSON treaty dataset file (one treaty, or a list of them). Never throws. */
export function importJsonTreaty(text: string, sourceName: string): ImporterResult {
  const guesses: ImportNote[] = [];
  const skipped: ImportNote[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : (Number(/line (\d+)/.exec(message)?.[1]) || 0);
    return { documents: [], guesses, skipped, error: { line, message: `not valid JSON: ${message}` } };
  }
  const treaties = Array.isArray(data) ? data : [data];
  const problem = treaties.map((treaty, index) => shapeProblem(treaty, Array.isArray(data) ? `[${index}]` : '')).find((entry) => entry !== undefined);
  if (problem !== undefined || treaties.length === 0) {
    return { documents: [], guesses, skipped, error: { line: 0, message: `JSON of another shape: ${problem ?? 'an empty list'}` } };
  }
  const key = sourceName.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  const documents = (treaties as Treaty[]).map((treaty) => treatyDocument(treaty, Array.isArray(data) ? undefined : key, text, guesses));
  return { documents, guesses, skipped };
}

function treatyDocument(treaty: Treaty, key: string | undefined, text: string, guesses: ImportNote[]): ImportedDocument {
  const titleEn = treaty.treaty_en ?? treaty.treaty ?? treaty.treaty_zh ?? '';
  const titleZh = treaty.treaty_zh ?? treaty.treaty ?? titleEn;
  // Lines of the articles in the file, for the notes (the dataset is usually pretty-printed).
  const articleLine = (index: number): number => {
    let offset = -1;
    for (let count = 0; count <= index; count++) {
      offset = text.indexOf('"article"', offset + 1);
      if (offset === -1) {
        return 0;
      }
    }
    return lineAt(text, offset);
  };
  let date = treaty.date;
  if (date === undefined && key !== undefined && knownAdoptionDates[key]) {
    date = knownAdoptionDates[key];
    guesses.push({ line: 1, message: `the dataset has no date: ${date}, the adoption date of “${titleEn}”, is taken from the importer's table` });
  }
  if (date === undefined) {
    const year = /\b(1[6-9][0-9]{2}|20[0-9]{2})\b/.exec(titleEn)?.[1];
    if (year) {
      date = year;
      guesses.push({ line: 1, message: `the dataset has no date: the year ${year} is taken from the title` });
    }
  }

  const numbering = treaty.articles.map((article, index) => articleNumber(String(article.article), index, articleLine(index), guesses));
  const build = (language: 'en' | 'zh'): { preamble: ImportedParagraph[]; sections: ImportedSection[] } => {
    const preambleText = language === 'en' ? treaty.preamble_en : treaty.preamble_zh;
    const preamble = paragraphsFromLines(toLines(preambleText ?? '', 0), { inlineLists: false });
    const sections = treaty.articles.map((article, index): ImportedSection => {
      const { number, label } = numbering[index];
      const title = (language === 'en' ? article.title_en : article.title_zh)?.trim() ?? '';
      let heading: string;
      if (language === 'en') {
        heading = `Article ${label.en}${title ? ` – ${title}` : ''}`;
      } else {
        heading = `${label.zh}${title ? ` ${title}` : ''}`;
      }
      // NOTE: an inserted article and every Chinese heading start with the number, so the section number
      // is explicit: `第一條` is not read as a number by the spec (it knows `第…条`, not the traditional 條).
      if (language === 'zh' || label.inserted) {
        heading = `${number} ${heading}`;
      }
      const content = (language === 'en' ? article.content_en : article.content_zh) ?? '';
      return { heading, line: articleLine(index), paragraphs: paragraphsFromLines(toLines(content, articleLine(index)), { inlineLists: true }) };
    });
    return { preamble, sections };
  };

  const english = build('en');
  const chinese = build('zh');
  const common: Record<string, FrontMatterValue | undefined> = {
    date,
    source: key !== undefined ? `open-treaties, ${key}.json (CC0 1.0)` : 'open-treaties (CC0 1.0)',
  };
  const translation: ImportedDocument = {
    title: titleZh,
    frontMatter: { date, language: 'zh', script: 'Hant', source: common.source, note: 'Traditional Chinese translation (Taiwan), not an official text' },
    preamble: chinese.preamble,
    sections: makeSectionNumbersDistinct(chinese.sections, []),
    line: 1,
  };
  return {
    title: titleEn,
    frontMatter: { date, language: 'en', title_zh: titleZh !== titleEn ? titleZh : undefined, ...common, translations_available: ['zh'] },
    preamble: english.preamble,
    sections: makeSectionNumbersDistinct(english.sections, guesses),
    line: 1,
    idCode: key !== undefined ? key.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, '') || undefined : undefined,
    translations: [translation],
  };
}

/** An article's section number and labels: `八之二` is 802, `8 bis` (after `Article `) and `第八條之二`. */
function articleNumber(
  article: string,
  index: number,
  line: number,
  guesses: ImportNote[],
): { number: number; label: { en: string; zh: string; inserted: boolean } } {
  const match = /^([〇零一二两三四五六七八九十百千0-9]+)(?:之([一二三四五六七八九十0-9]+))?$/.exec(article.trim());
  const base = match ? parseChineseNumber(match[1]) : undefined;
  if (base === undefined || !match) {
    guesses.push({ line, message: `article number “${article}” is not a number: the article is numbered by its position ${index + 1}` });
    return { number: index + 1, label: { en: String(index + 1), zh: `第${article}條`, inserted: false } };
  }
  if (match[2] === undefined) {
    return { number: base, label: { en: String(base), zh: `第${match[1]}條`, inserted: false } };
  }
  const suffix = parseChineseNumber(match[2]) ?? 1;
  const number = insertedSectionNumber(base, suffix);
  guesses.push({ line, message: `article ${article} (${base} ${insertedNames[suffix] ?? `-${suffix}`}) is numbered ${number}: inserted articles get number × 100 + k` });
  return { number, label: { en: `${base} ${insertedNames[suffix] ?? `-${suffix}`}`, zh: `第${match[1]}條之${match[2]}`, inserted: true } };
}

/** Splits dataset text into trimmed lines with their (approximate) line numbers. */
function toLines(text: string, line: number): SourceLine[] {
  return text
    .split(/\r?\n/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => ({ text: entry, line }));
}
