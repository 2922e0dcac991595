/**
 * The importer for JSON treaty datasets of the open-treaties shape: one object per treaty with
 * `treaty_en`, `treaty_zh`, `preamble_en`, `preamble_zh` and `articles[]` of `{ article, title_en,
 * title_zh, content_en, content_zh }` (article numbers in Chinese numerals, `八之二` for 8 bis).
 *
 * Mapping: the English text is the authentic document (`language: en`); each article is a section
 * `## Article 31 – General rule of interpretation`; its numbered paragraphs are paragraphs and their
 * lettered sub-paragraphs items (treatyStructure.ts), so article 31(3)(a) is §31.3.1; text before
 * paragraph 1 goes into the heading. The preamble is section 0. An inserted article (`八之二`, Article 8 bis)
 * is numbered 8 × 100 + 2 = 802 (see sections.ts), written `## 802 Article 8 bis`.
 * Before that, the dataset's known defects are repaired (treatyRepairs.ts) and every change is reported.
 *
 * The Chinese text is kept as a translation (`ImportedDocument.translations`): a language version with the
 * same id and clause paths, `language: zh`, written only when asked (`--translations`) as `ID.zh.md` with
 * `authentic: false`. It is read article by article guided by the English shape; an article whose Chinese
 * does not line up is left out (each clause says so), never squeezed in, so the version always aligns.
 * NOTE: the dataset's Chinese is a Taiwan translation or an unverified copy, so it is never authentic.
 */
import { insertedSectionNumber, makeSectionNumbersDistinct } from './sections';
import { parseChineseNumber } from './text';
import { type ArticleShape, parseChineseArticle, parseEnglishArticle } from './treatyStructure';
import { buildVocabulary, englishTexts, type RepairChange, repairTreaty, type Vocabulary } from './treatyRepairs';
import type { ImportedDocument, ImportedParagraph, ImportedSection, ImportNote, ImporterResult } from './types';

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
export interface TreatyArticle {
  readonly article: string;
  readonly title_en?: string;
  readonly title_zh?: string;
  readonly content_en?: string;
  readonly content_zh?: string;
}

/** One treaty as the dataset has it. */
export interface Treaty {
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

/** The 1-based line of each occurrence of `key` in the text, in order. */
function keyLines(text: string, key: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (let offset = text.indexOf(key); offset !== -1; offset = text.indexOf(key, offset + 1)) {
    for (let newline = text.indexOf('\n', counted); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
      line++;
      counted = newline + 1;
    }
    lines.push(line);
  }
  return lines;
}

/** Options of {@link importTreaty}. */
export interface TreatyImportOptions {
  /** Apply the dataset repairs of treatyRepairs.ts (default true). */
  readonly repair?: boolean;
  /** The dictionary for the un-gluing repairs; by default the treaty's own English words. */
  readonly vocabulary?: Vocabulary;
  /** Where the Chinese text comes from, for the translation's front matter. */
  readonly chineseSource?: string;
  /**
   * Keep a numbered paragraph's own number at the start of its text (`1. A treaty shall…`, `一、條約…`;
   * default true). The library drops it: the clause path already says it, and a clause that starts with
   * `1.` must be escaped in Markdown (`1\\.`), which some renderers then show.
   */
  readonly paragraphNumbers?: boolean;
}

/** A numbered paragraph's own number at the start of its text, English or Chinese. */
const paragraphNumberPrefix = /^(?:\d{1,3}[.．](?!\d)\s*|[一二三四五六七八九十]{1,3}(?:、|[ 　]+)|[（(][一二三四五六七八九十]{1,3}[)）]\s*)/u;

/** What importing one treaty found, beyond the document: for the curator and the library's README. */
export interface TreatyImportReport {
  /** Every change the repairs made. */
  readonly repairs: readonly RepairChange[];
  /** Articles (or `preamble`) whose Chinese text does not line up with the English, and why. */
  readonly omittedChinese: readonly { readonly article: string; readonly reason: string }[];
  /** Structural oddities of the English text (`paragraph 2: text after the last item…`). */
  readonly problems: readonly { readonly article: string; readonly message: string }[];
}

/**
 * The text written for each clause of a Chinese article that does not line up with the English: the
 * article keeps its clause paths (so the version stays aligned) but says plainly that its text is left out.
 */
export const omittedChineseText = '〔未收錄：本條中文譯文的分段與英文本不一致，見 library/README.md〕';

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
  const documents = (treaties as Treaty[]).map((treaty) => {
    const imported = importTreaty(treaty, Array.isArray(data) ? undefined : key, {}, text);
    guesses.push(...imported.guesses);
    const { report } = imported;
    const repaired = report.repairs.filter((change) => change.rule !== 'spacing').length;
    if (repaired > 0) {
      guesses.push({ line: 1, message: `${repaired} dataset defect${repaired === 1 ? '' : 's'} repaired (glued words, lost numbering, glued headings, cut-off text marked […])` });
    }
    for (const entry of report.problems) {
      guesses.push({ line: imported.articleLine(entry.article), message: `article ${entry.article}: ${entry.message}` });
    }
    for (const entry of report.omittedChinese) {
      skipped.push({ line: imported.articleLine(entry.article), message: `the Chinese of ${entry.article === 'preamble' ? 'the preamble' : `article ${entry.article}`} is left out of the translation: ${entry.reason}` });
    }
    return imported.document;
  });
  return { documents, guesses, skipped };
}

/**
 * Imports one treaty of the dataset: repairs it (unless told not to), reads each article's structure from
 * the English, lines the Chinese up with it article by article, and returns the English document with the
 * Chinese as its translation. `text` is the file's text, for line numbers in notes.
 */
export function importTreaty(
  original: Treaty,
  key: string | undefined,
  options: TreatyImportOptions = {},
  text = '',
): { document: ImportedDocument; guesses: ImportNote[]; report: TreatyImportReport; articleLine: (article: string) => number } {
  const guesses: ImportNote[] = [];
  let treaty = original;
  let repairs: RepairChange[] = [];
  if (options.repair !== false) {
    const repaired = repairTreaty(key ?? '', original, options.vocabulary ?? buildVocabulary(englishTexts(original)));
    treaty = repaired.treaty;
    repairs = repaired.changes;
  }
  const titleEn = treaty.treaty_en ?? treaty.treaty ?? treaty.treaty_zh ?? '';
  const titleZh = treaty.treaty_zh ?? treaty.treaty ?? titleEn;
  // Lines of the articles in the file, for the notes (the dataset is usually pretty-printed).
  // NOTE: found once, in one pass over the text: looking each article up from the start was quadratic.
  let articleLines: number[] | undefined;
  const articleLineByIndex = (index: number): number => {
    articleLines ??= keyLines(text, '"article"');
    return articleLines[index] ?? 0;
  };
  let indexByArticle: Map<string, number> | undefined;
  const articleLine = (article: string): number => {
    if (!indexByArticle) {
      indexByArticle = new Map();
      treaty.articles.forEach((entry, index) => {
        if (!indexByArticle?.has(String(entry.article))) {
          indexByArticle?.set(String(entry.article), index);
        }
      });
    }
    const index = indexByArticle.get(article);
    return index === undefined ? 1 : articleLineByIndex(index);
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

  const omittedChinese: { article: string; reason: string }[] = [];
  const problems: { article: string; message: string }[] = [];
  /** The English and Chinese paragraphs of one article (or the preamble), lined up. */
  const lineUp = (article: string, english: string, chinese: string, line: number): { en: ImportedParagraph[]; zh: ImportedParagraph[]; leadIn: { en: string; zh: string } } => {
    const shape = parseEnglishArticle(english);
    for (const message of shape.problems) {
      problems.push({ article, message });
    }
    const counterpart = parseChineseArticle(chinese, shape);
    let zhShape: ArticleShape;
    if ('mismatch' in counterpart) {
      omittedChinese.push({ article, reason: counterpart.mismatch });
      zhShape = {
        leadIn: '',
        numbered: shape.numbered,
        problems: [],
        paragraphs: shape.paragraphs.map((paragraph) => ({ number: paragraph.number, text: omittedChineseText, items: paragraph.items.map(() => ({ text: omittedChineseText })) })),
      };
    } else {
      zhShape = counterpart.shape;
    }
    const toParagraphs = (paragraphs: ArticleShape['paragraphs'], reference: ArticleShape['paragraphs']): ImportedParagraph[] =>
      paragraphs.flatMap((paragraph, index): ImportedParagraph[] => {
        const items = paragraph.items.map((item) => ({ text: item.text, line }));
        // NOTE: a paragraph that is only a list (no text of its own) is written as its items, which the
        // spec then counts as paragraphs; the reference (English) decides, so both versions do the same.
        if (reference[index].text === '') {
          return items.map((item) => ({ ...item, items: [] }));
        }
        let text = paragraph.text === '' ? omittedChineseText : paragraph.text;
        if (options.paragraphNumbers === false && paragraph.number !== undefined && text !== omittedChineseText) {
          // NOTE: a paragraph that is only its number (`2.` before its items) keeps it, or it would vanish.
          const stripped = text.replace(paragraphNumberPrefix, '');
          text = stripped === '' ? text : stripped;
        }
        return [{ text, line, items }];
      });
    return {
      en: toParagraphs(shape.paragraphs, shape.paragraphs),
      zh: toParagraphs(zhShape.paragraphs, shape.paragraphs),
      leadIn: { en: shape.leadIn, zh: zhShape.leadIn },
    };
  };

  const numbering = treaty.articles.map((article, index) => articleNumber(String(article.article), index, articleLineByIndex(index), guesses));
  const preamble = lineUp('preamble', treaty.preamble_en ?? '', treaty.preamble_zh ?? '', 1);
  const englishSections: ImportedSection[] = [];
  const chineseSections: ImportedSection[] = [];
  treaty.articles.forEach((article, index) => {
    const { number, label } = numbering[index];
    const line = articleLineByIndex(index);
    const paragraphs = lineUp(String(article.article), article.content_en ?? '', article.content_zh ?? '', line);
    const titleEnglish = article.title_en?.trim() ?? '';
    const titleChinese = article.title_zh?.trim() ?? '';
    // NOTE: text before paragraph 1 belongs to the article but to no paragraph: it goes into the heading,
    // so that paragraph 1 stays §N.1 (UN Charter article 2(4) is §2.4).
    let headingEnglish = [`Article ${label.en}`, titleEnglish, paragraphs.leadIn.en].filter((part) => part !== '').join(' – ');
    // NOTE: an inserted article and every Chinese heading start with the number, so the section number
    // is explicit: `第一條` is not read as a number by the spec (it knows `第…条`, not the traditional 條).
    if (label.inserted) {
      headingEnglish = `${number} ${headingEnglish}`;
    }
    const headingChinese = [`${number} ${label.zh}`, titleChinese, paragraphs.leadIn.zh].filter((part) => part !== '').join(' ');
    englishSections.push({ heading: headingEnglish, line, paragraphs: paragraphs.en });
    chineseSections.push({ heading: headingChinese, line, paragraphs: paragraphs.zh });
  });

  const source = key !== undefined ? `open-treaties, ${key}.json (CC0 1.0)` : 'open-treaties (CC0 1.0)';
  const translation: ImportedDocument = {
    title: titleZh,
    frontMatter: {
      date,
      language: 'zh',
      script: 'Hant',
      source: options.chineseSource ? `${source}; ${options.chineseSource}` : source,
      note: 'Traditional Chinese translation (Taiwan), not an authentic text',
    },
    preamble: preamble.zh,
    sections: makeSectionNumbersDistinct(chineseSections, []),
    line: 1,
  };
  const document: ImportedDocument = {
    title: titleEn,
    frontMatter: { date, language: 'en', authentic: true, title_zh: titleZh !== titleEn ? titleZh : undefined, source, translations_available: ['zh'] },
    preamble: preamble.en,
    sections: makeSectionNumbersDistinct(englishSections, guesses),
    line: 1,
    idCode: key !== undefined ? key.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, '') || undefined : undefined,
    translations: [translation],
  };
  return { document, guesses, report: { repairs, omittedChinese, problems }, articleLine };
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
