/**
 * The importer for the Netherlands treaty database in Markdown (statengeneraal/laws-markdown, folder
 * `verdrag/`; in this project `../shared/corpora/nl-treaties/`):
 *
 * ```
 * <meta http-equiv='Content-Type' content='text/html; charset=utf-8' />
 * ##Verdrag van Wenen inzake het verdragenrecht          ← the official (Dutch) title
 * ####Vienna Convention of the law of treaties           ← the English title
 * The States Parties to the present Convention, Considering …, Recognizing …,   Have agreed as follows:
 * ### PART  I                                            ← groups: PART, CHAPTER, SECTION, SUBSECTION
 * ####Introduction                                       ← a group's or an article's title
 * ### Article  31                                        ← an article (also `I`, `12 bis`, `5A`)
 * 1.  A treaty shall be interpreted in good faith …      ← printed paragraph numbers (`1.The`, `l.` for 1.)
 * (a) any agreement relating to the treaty …             ← items `(a)`, `a)`, `(i)`, `(1)`, hard-wrapped lines
 * IN WITNESS WHEREOF … DONE at Vienna, this …            ← the testimonium
 * ### Annex                                              ← annexes, with their own articles and sections
 * ####Final Act of the United Nations Conference …       ← the conference's Final Act: not the instrument
 * ####Verdrag van Wenen inzake het verdragenrecht        ← the Dutch translation follows, `### Artikel  1` …
 * ```
 *
 * The result is the corpus format of spec §2 with printed labels: articles are `## Article 31 – General rule
 * of interpretation` sections (an inserted article is numbered base × 100 + k: `## 802 Article 8 bis`),
 * numbered paragraphs keep their number at the margin (`1. A treaty …`), items are list items that keep their
 * label (`- (a) …`) and nest (`  - (i) …`), parts and chapters are level-1 headings and sections of a part
 * level-3 headings, annexes start at `# Annex VII – …`, the preamble is one paragraph per recital, and the
 * testimonium and signatures go to the front matter.
 *
 * The first text of a file is imported in its own language (English for most files; some are French or
 * Dutch only). The Dutch translation that follows it becomes a language version (`ID.nl.md`, written with
 * `--translations`), never part of the English. Every non-blank source line ends up in a clause, in the front
 * matter, or in the summary's list of lines left out, with the reason.
 */
import { alignTranslation } from './alignVersions';
import { insertionIndex, type LabelNode, type LeadingLabel, nestByLabels, readLeadingLabel } from './printedLabels';
import { insertedSectionNumber, makeSectionNumbersDistinct, specSectionNumber } from './sections';
import { hasDoneFormula, testimoniumDate, testimoniumPlace, testimoniumStart } from './testimonium';
import { parseRomanNumber, splitLines } from './text';
import type { FrontMatterValue, ImportedAnnex, ImportedClause, ImportedDocument, ImportedParagraph, ImportedSection, ImportNote, ImporterResult } from './types';

/** The dataset this importer reads, for the `source` front matter of what it writes. */
export const nlTreatiesDataset = { repository: 'statengeneraal/laws-markdown', commit: '91556a8' } as const;

/** The languages whose structure words the importer knows. */
export type NlLanguage = 'en' | 'fr' | 'nl';

/** True when a Markdown file is in the Netherlands treaty database's format (see the top of this file). */
export function isNlTreatyMarkdown(text: string): boolean {
  const head = text.slice(0, 4000).replace(/^\uFEFF/, '');
  if (/^\s*<meta http-equiv=['"]Content-Type['"][^>\n]*>\s*\n\s*##(?!#)/i.test(head)) {
    return true;
  }
  // Without the charset line: the official title as `##`, then the title of the text as `####`, then
  // `### Article  N` / `### Artikel  N` headings somewhere.
  return /^\s*##(?!#)[^\n]*\n\s*\n?\s*####(?!#)/.test(head) && /^###[ \t]*(?:Article|Artikel|ARTICLE|ARTIKEL)[ \t]+\S/m.test(text);
}

// ---------------------------------------------------------------------------------------------------------
// Words by language.

interface Vocabulary {
  readonly article: RegExp;
  readonly groups: readonly (readonly [RegExp, string, number])[];
  readonly annex: RegExp;
  readonly attached: RegExp;
  readonly recitals: readonly string[];
  readonly preambleWord: RegExp;
}

/** Group headings: the word, how it is written in the output, and its rank (parts above chapters above sections). */
// NOTE: a schedule is an annex by another name, and the core reads `Schedule` headings as annexes (labels.ts,
// annexHeading), so it is one here too. An attachment is not: written as a group, its sections are numbered
// with the body's.
const englishGroups: readonly (readonly [RegExp, string, number])[] = [
  [/^(?:ATTACHMENT|Attachment)\b\.?/, 'Attachment', 1],
  [/^(?:PART|Part)\b\.?/, 'Part', 1],
  [/^(?:TITLE|Title)\b\.?/, 'Title', 1],
  [/^(?:CHAPTER|Chapter)\b\.?/, 'Chapter', 2],
  [/^(?:SUBSECTION|Subsection|SUB-SECTION|Sub-section)\b\.?/, 'Subsection', 4],
  [/^(?:SECTION|Section)\b\.?/, 'Section', 3],
];
const dutchGroups: readonly (readonly [RegExp, string, number])[] = [
  [/^(?:DEEL|Deel)\b\.?/, 'Deel', 1],
  [/^(?:TITEL|Titel)\b\.?/, 'Titel', 1],
  [/^(?:HOOFDSTUK|Hoofdstuk)\b\.?/, 'Hoofdstuk', 2],
  [/^(?:ONDERAFDELING|Onderafdeling)\b\.?/, 'Onderafdeling', 4],
  [/^(?:AFDELING|Afdeling|SECTIE|Sectie)\b\.?/, 'Afdeling', 3],
];
const frenchGroups: readonly (readonly [RegExp, string, number])[] = [
  [/^(?:PARTIE|Partie)\b\.?/, 'Partie', 1],
  [/^(?:TITRE|Titre)\b\.?/, 'Titre', 1],
  [/^(?:CHAPITRE|Chapitre)\b\.?/, 'Chapitre', 2],
  [/^(?:SOUS-SECTION|Sous-section)\b\.?/, 'Sous-section', 4],
  [/^(?:SECTION|Section)\b\.?/, 'Section', 3],
];

const vocabularies: Readonly<Record<NlLanguage, Vocabulary>> = {
  en: {
    article: /^(Article|ARTICLE|Art\.|Artikel|ARTIKEL|Paragraph|PARAGRAPH|Rule|RULE|Regulation|REGULATION)\s+(\S.*)$/,
    groups: englishGroups,
    annex: /^(?:ANNEX|Annex|APPENDIX|Appendix|SCHEDULE|Schedule)\b\.?\s*(.*)$/,
    attached: /^(?:FINAL ACT|Final Act|RESOLUTION|Resolution|DECLARATIONS AND RESOLUTIONS|Declarations and Resolutions)\b/,
    recitals: [
      'Acknowledging', 'Affirming', 'Agreeing', 'Alarmed', 'Anxious', 'Appreciating', 'Aware', 'Bearing in mind', 'Believing', 'Cognizant', 'Concerned',
      'Conscious', 'Considering', 'Convinced', 'Deeply', 'Deploring', 'Desiring', 'Desirous', 'Determined', 'Emphasizing', 'Emphasising', 'Encouraged',
      'Expressing', 'Further', 'Gravely', 'Guided', 'Have agreed', 'Have decided', 'Have resolved', 'Having', 'Hereby agree', 'Inspired', 'Mindful',
      'Noting', 'Observing', 'Persuaded', 'Proclaiming', 'Reaffirming', 'Realizing', 'Realising', 'Recalling', 'Recognizing', 'Recognising',
      'Referring', 'Reiterating', 'Resolved', 'Seeking', 'Stressing', 'Taking', 'Underlining', 'Welcoming', 'Whereas', 'Wishing',
    ],
    preambleWord: /^(?:PREAMBLE|Preamble)\b[ \t]*/,
  },
  fr: {
    article: /^(Article|ARTICLE|Art\.|Règle|RÈGLE)\s+(\S.*)$/,
    groups: frenchGroups,
    annex: /^(?:ANNEXE|Annexe|APPENDICE|Appendice)\b\.?\s*(.*)$/,
    attached: /^(?:ACTE FINAL|Acte final|RÉSOLUTION|Résolution)\b/,
    recitals: [
      'Affirmant', 'Animés', 'Ayant', 'Conscients', 'Considérant', 'Convaincus', 'Désireux', 'Désirant', 'Notant', 'Prenant', 'Rappelant',
      'Reconnaissant', 'Réaffirmant', 'Résolus', 'Soulignant', 'Sont convenus', 'Sont convenues', 'Conviennent', 'Tenant compte',
    ],
    preambleWord: /^(?:PRÉAMBULE|Préambule)\b[ \t]*/,
  },
  nl: {
    article: /^(Artikel|ARTIKEL|Art\.|Voorschrift|VOORSCHRIFT|Regel|REGEL)\s+(\S.*)$/,
    groups: dutchGroups,
    annex: /^(?:BIJLAGE|Bijlage|AANHANGSEL|Aanhangsel)\b\.?\s*(.*)$/,
    attached: /^(?:SLOTAKTE|Slotakte|RESOLUTIE|Resolutie)\b/,
    recitals: [
      'Bevestigend', 'Erkennend', 'Erkennende', 'Geleid door', 'Gelet op', 'Herinnerend', 'In overweging nemend', 'In overweging nemende', 'Indachtig',
      'Overtuigd', 'Overwegende', 'Vastbesloten', 'Vaststellend', 'Van oordeel zijnde', 'Verlangende', 'Wensende', 'Zich bewust', 'Zijn het volgende overeengekomen',
      'Zijn overeengekomen', 'Zijn als volgt overeengekomen', 'Komen het volgende overeen', 'Komen overeen',
    ],
    preambleWord: /^(?:PREAMBULE|Preambule|Considerans)\b[ \t]*/,
  },
};

// ---------------------------------------------------------------------------------------------------------
// Language of a stretch of text, by stop words.

const stopWords: Readonly<Record<NlLanguage, ReadonlySet<string>>> = {
  en: new Set('the of and to in shall be or by any a this which for with as such that is are its'.split(' ')),
  nl: new Set('de het van een en te voor zijn worden wordt die dat op met door bij aan niet dit deze ter overeenkomstig'.split(' ')),
  fr: new Set('de le la les des et en du un une est sont par pour dans aux au qui que ce cette à'.split(' ')),
};

/** Each stop word with the languages it belongs to (a bit per language: en 1, nl 2, fr 4). */
const stopWordLanguages: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  (['en', 'nl', 'fr'] as const).forEach((language, bit) => {
    for (const word of stopWords[language]) {
      map.set(word, (map.get(word) ?? 0) | (1 << bit));
    }
  });
  return map;
})();

/** Counts stop words of each language in a text (an accumulator, so a whole file is counted in one pass). */
function countStopWords(text: string, counts: Record<NlLanguage, number>): void {
  const words = text.toLowerCase().match(/[a-zà-ÿ]+/g) ?? [];
  for (const word of words) {
    const bits = stopWordLanguages.get(word);
    if (bits !== undefined) {
      counts.en += bits & 1;
      counts.nl += (bits >> 1) & 1;
      counts.fr += (bits >> 2) & 1;
    }
  }
}

/** The language of a text by its stop words, or undefined when it has too few to tell. */
export function guessLanguage(text: string, minimum = 3): NlLanguage | undefined {
  const counts = { en: 0, nl: 0, fr: 0 };
  countStopWords(text, counts);
  const best = (Object.entries(counts) as [NlLanguage, number][]).sort((a, b) => b[1] - a[1])[0];
  return best[1] >= minimum && best[1] >= 2 * Math.max(...Object.values(counts).filter((count) => count !== best[1]), 0) ? best[0] : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Inline Markdown and HTML of the source.

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * The text a reader of the source sees in a line: links become their text, images (illustrations of the
 * treaty database, linked by number) and emphasis and the inline HTML of the source (`<sup>`, `<sub>`,
 * `<br>`) are dropped, entities decoded, white space collapsed. This is the "source text" clauses are
 * compared with (see {@link readerTextOf}).
 */
export function sourceTextOf(line: string): string {
  let text = line;
  // NOTE: each replacement runs only when its marker occurs; most lines have none.
  if (text.includes('](')) {
    text = text.replace(/!\[[^\]\n]*\]\([^)\s]*\)/g, ' ').replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, '$1');
  }
  if (text.includes('<')) {
    text = text.replace(/<br\s*\/?>/gi, ' ').replace(/<\/?(?:sup|sub|b|i|u|em|strong|span|small|font)\b[^>\n]{0,200}>/gi, '');
  }
  if (text.includes('*')) {
    text = text.replace(/\*{1,3}([^*\n]+?)\*{1,3}/g, '$1');
  }
  if (text.includes('&')) {
    text = text.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => entities[name] ?? '');
  }
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------
// Lines and blocks.

/** A source line classified. */
interface Line {
  /** 0-based index. */
  readonly index: number;
  readonly raw: string;
  readonly kind: 'blank' | 'heading' | 'text' | 'table' | 'markup';
  /** For a heading, its level (number of `#`) and its text. */
  readonly level: number;
  readonly text: string;
}

function classify(raw: string, index: number): Line {
  const trimmed = raw.trim();
  if (trimmed === '') {
    return { index, raw, kind: 'blank', level: 0, text: '' };
  }
  const heading = /^(#{1,6})[ \t]*(.*?)[ \t#]*$/.exec(trimmed);
  if (heading) {
    return { index, raw, kind: 'heading', level: heading[1].length, text: sourceTextOf(heading[2]) };
  }
  if (trimmed.startsWith('|')) {
    return { index, raw, kind: 'table', level: 0, text: trimmed };
  }
  if (/^<meta\b[^>]*>$/i.test(trimmed)) {
    return { index, raw, kind: 'markup', level: 0, text: trimmed };
  }
  return { index, raw, kind: 'text', level: 0, text: trimmed };
}

/** One block of text: a paragraph, an item, a recital, with the source line it comes from. */
interface Block {
  readonly text: string;
  readonly line: number;
  label: LeadingLabel | undefined;
}

/**
 * Splits a text line into blocks: a run of three or more spaces after the end of a sentence starts a new
 * block (the source's paragraphs that lost their line break), unless what comes before is only a label.
 */
function splitTextLine(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  const gap = /([.;:,!?)”"’])[ \u00a0]{3,}(?=[A-Z(“"‘\d])/g;
  let match: RegExpExecArray | null;
  while ((match = gap.exec(text)) !== null) {
    const end = match.index + match[1].length;
    const before = text.slice(start, end).trim();
    if (/^\(?[0-9A-Za-z]{1,5}\)?[.)]?$/.test(before)) {
      continue;
    }
    parts.push(before);
    start = match.index + match[0].length;
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== '');
}

// ---------------------------------------------------------------------------------------------------------
// The importer.

/** Options of {@link importNlTreaty}. */
export interface NlImportOptions {
  /** The path of the file inside the dataset (`verdrag/…/README.md`), for `source`; worked out from the name otherwise. */
  readonly datasetPath?: string;
}

/** What one parsed text (the English, or the Dutch translation) is made of. */
interface ParsedText {
  readonly document: ImportedDocument;
  readonly articles: number;
}

/** Keeps track of which source lines were used and why the others were left out. */
class LineLedger {
  readonly #used: Uint8Array;
  readonly #reasons: (string | undefined)[];

  constructor(readonly lines: readonly Line[]) {
    this.#used = new Uint8Array(lines.length);
    this.#reasons = new Array<string | undefined>(lines.length);
  }

  use(index: number): void {
    this.#used[index] = 1;
  }

  leaveOut(index: number, reason: string): void {
    if (this.#used[index] === 0 && this.#reasons[index] === undefined) {
      this.#reasons[index] = reason;
    }
  }

  /** Notes for the lines with text that are in no clause and no front matter: one per run of equal reasons. */
  notes(from = 0, to = this.lines.length): ImportNote[] {
    const notes: ImportNote[] = [];
    let runStart = -1;
    let runReason = '';
    const flush = (end: number): void => {
      if (runStart >= 0) {
        notes.push({ line: runStart + 1, message: `${end > runStart + 1 ? `lines ${runStart + 1}–${end}` : `line ${runStart + 1}`}: ${runReason}` });
      }
      runStart = -1;
    };
    for (let index = from; index < to; index++) {
      const line = this.lines[index];
      if (line.kind === 'blank') {
        continue;
      }
      if (this.#used[index] === 1) {
        flush(this.previousNonBlank(index) + 1);
        continue;
      }
      const reason = this.#reasons[index] ?? 'not recognised as part of any article, heading or front matter';
      if (runStart >= 0 && reason !== runReason) {
        flush(this.previousNonBlank(index) + 1);
      }
      if (runStart < 0) {
        runStart = index;
        runReason = reason;
      }
    }
    flush(this.previousNonBlank(to) + 1);
    return notes;
  }

  private previousNonBlank(index: number): number {
    let at = index - 1;
    while (at > 0 && this.lines[at].kind === 'blank') {
      at--;
    }
    return at;
  }
}

/** Imports one file of the Netherlands treaty database. Never throws. */
export function importNlTreaty(text: string, sourceName: string, options: NlImportOptions = {}): ImporterResult {
  const guesses: ImportNote[] = [];
  const lines = splitLines(text).map(classify);
  const ledger = new LineLedger(lines);

  // The official title (`##`) and the title of the first text (`####`).
  const officialIndex = lines.findIndex((line) => line.kind === 'heading' && line.level === 2);
  for (const line of lines) {
    if (line.kind === 'markup') {
      ledger.leaveOut(line.index, 'HTML markup (the charset of the web page), not text');
    }
  }
  const official = officialIndex >= 0 ? lines[officialIndex].text : undefined;

  // Where the first text ends and the Dutch translation begins.
  const split = findTranslationStart(lines, officialIndex);
  const primaryEnd = split ?? lines.length;
  // The language of the first text, from its stop words (the first 50,000 characters are plenty).
  const counts = { en: 0, nl: 0, fr: 0 };
  let sampled = 0;
  for (let index = 0; index < primaryEnd && sampled < 50_000; index++) {
    if (lines[index].kind === 'text') {
      countStopWords(lines[index].text, counts);
      sampled += lines[index].text.length;
    }
  }
  const total = counts.en + counts.nl + counts.fr;
  if (total === 0) {
    return { documents: [], guesses, skipped: ledger.notes(), error: { line: 0, message: 'no treaty text found (the file has headings only)' } };
  }
  const language: NlLanguage = counts.en >= counts.nl && counts.en >= counts.fr ? 'en' : counts.fr >= counts.nl ? 'fr' : 'nl';
  if (language !== 'en') {
    guesses.push({ line: 0, message: `the file has no English text: imported in its own language (${language === 'fr' ? 'French' : 'Dutch'})` });
  }

  const datasetPath = options.datasetPath ?? datasetPathOf(sourceName);
  const source = datasetPath ? `${nlTreatiesDataset.repository}@${nlTreatiesDataset.commit}:${datasetPath}` : sourceName.replace(/^.*[\\/]/, '');
  const skipped: ImportNote[] = [];
  const documents: ImportedDocument[] = [];
  // A file may hold more than one instrument (the ICCPR and its first Optional Protocol): each starts at a
  // title whose articles number from 1 again.
  for (const [from, to] of documentRanges(lines, officialIndex + 1, primaryEnd, vocabularies[language])) {
    const parsed = parseText(lines, from, to, language, ledger, { guesses, skipped }, { source, official: documents.length === 0 && language !== 'nl' ? official : undefined });
    if (parsed !== undefined) {
      documents.push(parsed.document);
    }
  }
  if (documents.length === 0) {
    return { documents: [], guesses, skipped: ledger.notes(), error: { line: 0, message: 'no treaty text found' } };
  }
  if (officialIndex >= 0) {
    // The official title is the Dutch one: the Dutch version's title, and kept as `official_title`.
    ledger.use(officialIndex);
  }

  if (split !== undefined && language !== 'nl') {
    // The Dutch translation, document by document in the same order.
    const dutchLedger = new LineLedger(lines);
    const ranges = documentRanges(lines, split, lines.length, vocabularies.nl);
    for (const [position, [from, to]] of ranges.entries()) {
      const dutch = parseText(lines, from, to, 'nl', dutchLedger, { guesses: [], skipped: [] }, { source, official: undefined });
      const original = documents[position];
      if (dutch !== undefined && original !== undefined && ranges.length <= documents.length) {
        // Only what lines up with the English by printed label: the core aligns the versions by label.
        const { document: aligned, counts } = alignTranslation(original, dutch.document);
        if (counts.missing > 0) {
          guesses.push({ line: from + 1, message: `the Dutch translation: ${counts.missing} of ${counts.missing + counts.aligned} clauses have no counterpart with the same printed label in the English and are left out of it` });
        }
        documents[position] = { ...original, translations: [{ ...aligned, title: position === 0 ? (official ?? dutch.document.title) : dutch.document.title }] };
      }
    }
    for (let index = split; index < lines.length; index++) {
      ledger.leaveOut(index, 'the Dutch translation, not part of the text imported (written as the language version ID.nl.md with --translations)');
    }
  }
  return { documents, guesses, skipped: [...ledger.notes(), ...skipped].sort((a, b) => a.line - b.line) };
}

/**
 * Splits a text into the instruments it holds: a new one starts at a `####` title (not right after a
 * heading, so not an article's or part's title) that is followed, after its preamble, by an article or
 * part numbered 1 while the text before it already had articles.
 */
function documentRanges(lines: readonly Line[], start: number, end: number, vocabulary: Vocabulary): [number, number][] {
  const ranges: [number, number][] = [];
  let from = start;
  let articles = 0;
  let inAnnex = false;
  for (let index = start; index < end; index++) {
    const line = lines[index];
    if (line.kind !== 'heading') {
      continue;
    }
    if (line.level <= 3) {
      const structure = structureOf(line.text, vocabulary);
      if (structure.kind === 'article') {
        articles++;
      } else if (structure.kind === 'annex' || structure.kind === 'attached') {
        inAnnex = true;
      }
      continue;
    }
    if (articles === 0 || vocabulary.attached.test(line.text) || previousNonBlankIsHeading(lines, index, start)) {
      continue;
    }
    const next = nextStructureHeading(lines, index, end);
    if (next === undefined) {
      continue;
    }
    const structure = structureOf(lines[next].text, vocabulary);
    const first = (structure.kind === 'article' && articleNumber(structure.label) === 1) || (structure.kind === 'group' && /^(?:1|I|one)\b/i.test(structure.label));
    if (first && (inAnnex || articles > 0)) {
      ranges.push([from, index]);
      from = index;
      articles = 0;
      inAnnex = false;
    }
  }
  ranges.push([from, end]);
  return ranges;
}

function previousNonBlankIsHeading(lines: readonly Line[], index: number, start: number): boolean {
  for (let at = index - 1; at >= start; at--) {
    if (lines[at].kind !== 'blank') {
      return lines[at].kind === 'heading';
    }
  }
  return false;
}

/** The next heading of level 3 or above after a line, if only text and `####` lines come before it. */
function nextStructureHeading(lines: readonly Line[], index: number, end: number): number | undefined {
  for (let at = index + 1; at < end && at < index + 200; at++) {
    const line = lines[at];
    if (line.kind === 'heading' && line.level <= 3) {
      return at;
    }
  }
  return undefined;
}

/** The path of a file inside the dataset (`verdrag/…/README.md`) from a file name, if it has one. */
function datasetPathOf(sourceName: string): string | undefined {
  const normalized = sourceName.replace(/\\/g, '/');
  const at = normalized.lastIndexOf('/verdrag/');
  if (at >= 0) {
    return normalized.slice(at + 1);
  }
  return normalized.startsWith('verdrag/') ? normalized : undefined;
}

const dutchStructure = /^(?:Artikel|ARTIKEL|DEEL|Deel|HOOFDSTUK|Hoofdstuk|AFDELING|Afdeling|BIJLAGE|Bijlage|TITEL)\b/;

/**
 * The index of the line where the Dutch translation starts, or undefined when the file has none. It starts
 * at a `####` heading that repeats the official (Dutch) title, or else at the title and preamble before the
 * first Dutch structure heading (`### Artikel  1`, `### DEEL  I`, `### HOOFDSTUK  1`).
 */
function findTranslationStart(lines: readonly Line[], officialIndex: number): number | undefined {
  const official = officialIndex >= 0 ? normalizeTitle(lines[officialIndex].text) : undefined;
  const firstTitle = lines.findIndex((line, index) => index > officialIndex && line.kind === 'heading' && line.level === 4);
  let dutchHeading = -1;
  let englishSeen = false;
  for (const line of lines) {
    if (line.kind !== 'heading' || line.index <= officialIndex) {
      continue;
    }
    if (line.level === 4 && line.index > firstTitle && official !== undefined && official !== '' && normalizeTitle(line.text) === official && englishSeen) {
      return line.index;
    }
    if (line.level === 3) {
      if (dutchStructure.test(line.text) && dutchTextFollows(lines, line.index)) {
        dutchHeading = line.index;
        break;
      }
      englishSeen = true;
    }
    if (line.level === 4) {
      englishSeen = englishSeen || line.index > firstTitle;
    }
  }
  if (dutchHeading < 0) {
    return undefined;
  }
  // Back from the first Dutch heading over the Dutch title and preamble, to the `####` title that opens them.
  let start = dutchHeading;
  for (let index = dutchHeading - 1; index > officialIndex; index--) {
    const line = lines[index];
    if (line.kind === 'blank') {
      continue;
    }
    if (line.kind === 'heading' && line.level === 4) {
      start = index;
      break;
    }
    if (line.kind === 'heading') {
      break;
    }
    if (line.kind === 'text' && guessLanguage(line.text) !== 'nl') {
      break;
    }
    start = index;
  }
  // A file whose only text is Dutch: the translation is the whole file.
  return start <= firstTitle ? undefined : start;
}

/** True when the text lines after a heading are Dutch (a slip such as `### Artikel  24` in English is not). */
function dutchTextFollows(lines: readonly Line[], index: number): boolean {
  let text = '';
  for (let at = index + 1; at < lines.length && at < index + 40 && text.length < 600; at++) {
    if (lines[at].kind === 'text') {
      text += ` ${lines[at].text}`;
    }
  }
  return text === '' || guessLanguage(text, 2) === 'nl';
}

function normalizeTitle(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A heading of a group (part, chapter, section) with its rank, or an annex, or an article. */
type Structure =
  | { kind: 'article'; word: string; label: string }
  | { kind: 'group'; word: string; label: string; rank: number }
  | { kind: 'annex'; word: string; label: string }
  | { kind: 'attached' }
  | { kind: 'other' };

function structureOf(text: string, vocabulary: Vocabulary): Structure {
  const cleaned = text.replace(/^\*+|\*+$/g, '').trim();
  const article = vocabulary.article.exec(cleaned);
  if (article) {
    // `Art.` is written out; in an English text `Artikel` is a slip of the database for `Article`.
    const written = article[1] === 'Art.' || /^artikel$/i.test(article[1]) ? (vocabulary === vocabularies.nl ? 'Artikel' : 'Article') : article[1];
    const word = written[0] + written.slice(1).toLowerCase();
    return { kind: 'article', word, label: article[2].replace(/\s+/g, ' ').trim() };
  }
  if (vocabulary.attached.test(cleaned)) {
    return { kind: 'attached' };
  }
  const annex = vocabulary.annex.exec(cleaned);
  if (annex) {
    const word = /^(APPENDIX|Appendix|APPENDICE|Appendice|AANHANGSEL|Aanhangsel)/.test(cleaned) ? 'Appendix' : /^(SCHEDULE|Schedule)/.test(cleaned) ? 'Schedule' : 'Annex';
    return { kind: 'annex', word, label: annex[1].replace(/\s+/g, ' ').trim() };
  }
  for (const [pattern, word, rank] of vocabulary.groups) {
    const match = pattern.exec(cleaned);
    if (match) {
      return { kind: 'group', word, label: cleaned.slice(match[0].length).replace(/\s+/g, ' ').trim(), rank };
    }
  }
  return { kind: 'other' };
}

/** The section number an article label means: `31` 31, `8 bis` 802, `5A` 501, `IV` 4, `premier` 1. */
export function articleNumber(label: string): number | undefined {
  const plain = /^(\d{1,4})(?:\s*(bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?\.?$/i.exec(label);
  if (plain) {
    const base = Number(plain[1]);
    return plain[2] ? insertedSectionNumber(base, insertionIndex(plain[2]) ?? 1) : base;
  }
  const lettered = /^(\d{1,4})\s*([A-Za-z])\.?$/.exec(label);
  if (lettered) {
    return insertedSectionNumber(Number(lettered[1]), lettered[2].toLowerCase().charCodeAt(0) - 96);
  }
  if (/^(?:premier|Premier|PREMIER|1er|Ier|eerste)$/.test(label)) {
    return 1;
  }
  const roman = /^([IVXLC]+)\.?$/.exec(label);
  return roman ? parseRomanNumber(roman[1]) : undefined;
}

/** The `####` title right after a heading (skipping blank lines), and the index after it. */
function titleAfter(lines: readonly Line[], index: number, end: number): { title: string | undefined; lines: number[]; next: number } {
  let next = index + 1;
  while (next < end && lines[next].kind === 'blank') {
    next++;
  }
  const line = lines[next];
  if (next < end && line.kind === 'heading' && line.level >= 4) {
    return { title: line.text === '' ? undefined : line.text.replace(/^[-–—]\s*/, ''), lines: [next], next: next + 1 };
  }
  return { title: undefined, lines: [], next: index + 1 };
}

interface ParseContext {
  readonly source: string;
  readonly official: string | undefined;
}

/** A heading waiting for what it heads: a group (`# `) or a sub-heading (`### `), with its source lines. */
interface PendingHeading {
  readonly text: string;
  readonly rank: number;
  readonly group: boolean;
  readonly lines: readonly number[];
}

/** An article (or annex article) being collected. */
interface ArticleDraft {
  readonly heading: string;
  readonly line: number;
  readonly headings: readonly PendingHeading[];
  readonly blocks: Block[];
  /** Headings inside the article, by the index of the block they stand before. */
  readonly inner: Map<number, string[]>;
}

/** An annex being collected. */
interface AnnexDraft {
  readonly heading: string;
  readonly line: number;
  readonly blocks: Block[];
  readonly inner: Map<number, string[]>;
  readonly articles: ArticleDraft[];
}

const dutchNoteReason = 'a note of the Dutch treaty database (in Dutch), not treaty text';
const attachedReason = "the conference's Final Act and its resolutions, which are not part of the instrument";

/** Parses one text (lines start…end) into a document. */
function parseText(
  lines: readonly Line[],
  start: number,
  end: number,
  language: NlLanguage,
  ledger: LineLedger,
  { guesses, skipped }: { guesses: ImportNote[]; skipped: ImportNote[] },
  context: ParseContext,
): ParsedText | undefined {
  const vocabulary = vocabularies[language];
  let index = start;
  // The title: the first `####` heading before the text (a `### Protocol No. 6` heading before it that is no
  // structure heading is the title's first half).
  let title: string | undefined;
  while (index < end && lines[index].kind !== 'text' && !(lines[index].kind === 'heading' && lines[index].level <= 3 && structureOf(lines[index].text, vocabulary).kind !== 'other')) {
    const line = lines[index];
    if (line.kind === 'heading' && line.text !== '' && (title === undefined || (line.level === 4 && lines.slice(start, index).every((other) => other.kind !== 'heading' || other.level === 3)))) {
      title = title === undefined ? line.text : `${title} ${line.text}`;
      ledger.use(index);
    } else if (line.kind === 'heading') {
      ledger.leaveOut(index, 'a second title line');
    }
    index++;
  }

  const preamble: Block[] = [];
  const body: ArticleDraft[] = [];
  const annexes: AnnexDraft[] = [];
  let pending: PendingHeading[] = [];
  let current: ArticleDraft | undefined;
  let annex: AnnexDraft | undefined;
  const testimonium: string[] = [];
  const signatures: string[] = [];
  let inTestimonium = false;
  // After the testimonium and signatures only annexes belong to the instrument: other text (a resolution of
  // the General Assembly under a heading of its own, NPT) is left out.
  let sealed = false;
  let attached = false;
  const started = (): boolean => body.length > 0 || annexes.length > 0;
  const usePending = (): void => {
    for (const heading of pending) {
      for (const at of heading.lines) {
        ledger.use(at);
      }
    }
  };
  const startArticle = (heading: string, line: number): void => {
    usePending();
    current = { heading, line, headings: pending, blocks: [], inner: new Map() };
    pending = [];
    (annex ? annex.articles : body).push(current);
  };

  for (; index < end; index++) {
    let line = lines[index];
    if (line.kind === 'blank' || line.kind === 'markup') {
      continue;
    }
    if (attached) {
      ledger.leaveOut(index, attachedReason);
      continue;
    }
    if (line.kind === 'table') {
      // A table row is a block of its own, its cells joined by spaces (UNCLOS annex III art. 13(5)(a): the
      // rows are items `(i)`, `(ii)`); the rule rows (`|:---|`) are markup.
      const row = tableRowText(line.text);
      if (row === '') {
        ledger.use(index);
        continue;
      }
      line = { ...line, kind: 'text', text: row };
    }
    if (line.kind === 'heading') {
      inTestimonium = false;
      const structure = line.level <= 3 ? structureOf(line.text, vocabulary) : ({ kind: 'other' } as const);
      if ((structure.kind === 'attached' || (line.level >= 4 && vocabulary.attached.test(line.text))) && started()) {
        attached = true;
        ledger.leaveOut(index, attachedReason);
        continue;
      }
      if (line.text === '') {
        ledger.use(index);
        continue;
      }
      if (structure.kind === 'article') {
        sealed = false;
        const after = titleAfter(lines, index, end);
        ledger.use(index);
        for (const at of after.lines) {
          ledger.use(at);
        }
        startArticle(`${structure.word} ${structure.label}${after.title !== undefined ? ` – ${after.title}` : ''}`, index + 1);
        index = after.next - 1;
        continue;
      }
      // An annex starts a new annex; so does a schedule, except inside an annex (the schedules of an air
      // services agreement's annex are parts of it). A heading that repeats the open annex's (`SCHEDULE D`, then
      // `SCHEDULE D` headed `Annex`: the annex of that schedule) continues it. An appendix inside an annex is part of it.
      const repeated = structure.kind === 'annex' && structure.label !== '' && annex !== undefined && (annex.heading === `${structure.word} ${structure.label}` || annex.heading.startsWith(`${structure.word} ${structure.label} – `));
      if (structure.kind === 'annex' && !repeated && (annex === undefined || structure.word === 'Annex' || (structure.word === 'Schedule' && !annex.heading.startsWith('Annex')))) {
        sealed = false;
        const after = titleAfter(lines, index, end);
        ledger.use(index);
        for (const at of after.lines) {
          ledger.use(at);
        }
        leaveOutPending(pending, ledger);
        pending = [];
        annex = { heading: `${structure.word}${structure.label ? ` ${structure.label}` : ''}${after.title !== undefined ? ` – ${after.title}` : ''}`, line: index + 1, blocks: [], inner: new Map(), articles: [] };
        annexes.push(annex);
        current = undefined;
        index = after.next - 1;
        continue;
      }
      if (structure.kind === 'group' || structure.kind === 'annex') {
        // A part, chapter or section (or an appendix inside an annex): a heading over what follows.
        const after = titleAfter(lines, index, end);
        const word = structure.word;
        pending.push({
          text: `${word}${structure.label ? ` ${structure.label}` : ''}${after.title !== undefined ? ` – ${after.title}` : ''}`,
          rank: structure.kind === 'group' ? structure.rank : 5,
          group: true,
          lines: [index, ...after.lines],
        });
        index = after.next - 1;
        continue;
      }
      // Any other heading (a `####` on its own, `### *Specialized agencies*`): a sub-heading of what follows.
      pending.push({ text: line.text, rank: 6, group: false, lines: [index] });
      continue;
    }

    // A line of text.
    let text = line.text;
    if (inTestimonium) {
      const cleaned = sourceTextOf(text);
      if (!hasDoneFormula(testimonium.join(' ')) && hasDoneFormula(cleaned)) {
        testimonium.push(cleaned);
      } else {
        signatures.push(cleaned);
      }
      ledger.use(index);
      continue;
    }
    if (sealed) {
      ledger.leaveOut(index, 'text after the testimonium that is not an annex (a resolution or note attached to the instrument)');
      continue;
    }
    const witness = started() ? testimoniumStart(text) : -1;
    if (witness >= 0) {
      testimonium.push(sourceTextOf(text.slice(witness)));
      inTestimonium = true;
      sealed = true;
      ledger.use(index);
      text = text.slice(0, witness).trim();
      if (text === '') {
        continue;
      }
    }
    const parts = splitTextLine(text)
      .map(sourceTextOf)
      .filter((part) => part !== '');
    // Notes of the Dutch treaty database inside a foreign text (`Vervallen per …`, `Wijzigt artikel 22 …`)
    // are not treaty text.
    const kept = language === 'nl' ? parts : parts.filter((part) => !isDutchNote(part, language));
    if (kept.length === 0 && witness < 0) {
      ledger.leaveOut(index, dutchNoteReason);
      continue;
    }
    for (const part of parts.filter((entry) => !kept.includes(entry))) {
      skipped.push({ line: index + 1, message: `${dutchNoteReason}: “${part.slice(0, 80)}”` });
    }
    ledger.use(index);
    const blocks = kept.map((part): Block => ({ text: part, line: index + 1, label: undefined }));
    if (!started() && current === undefined && annex === undefined && !pending.some((heading) => heading.group)) {
      // Before the first article: the preamble. A heading over it (`####Preamble`) is not a clause.
      for (const heading of pending) {
        for (const at of heading.lines) {
          ledger.leaveOut(at, 'the heading of the preamble (a heading, not a clause)');
        }
      }
      pending = [];
      preamble.push(...blocks);
      continue;
    }
    if (pending.some((heading) => heading.group) || (current === undefined && annex === undefined)) {
      // Text under a heading with no article under it (`### Section 1` followed by text): the heading is
      // the section. The corpus format has no clause outside a section, so this keeps the text neither lost
      // nor given to the article before it.
      const last = pending[pending.length - 1];
      pending = pending.slice(0, -1);
      const heading = last?.text ?? 'Text';
      if (last === undefined || specSectionNumber(heading) === undefined) {
        guesses.push({ line: index + 1, message: `text under the heading “${heading}” outside any article: kept as a section of its own` });
      }
      const lastLines = last?.lines ?? [];
      for (const at of lastLines) {
        ledger.use(at);
      }
      startArticle(heading, (lastLines[0] ?? index) + 1);
    }
    const into: { blocks: Block[]; inner: Map<number, string[]> } | undefined = current ?? annex;
    if (into === undefined) {
      continue;
    }
    if (pending.length > 0) {
      usePending();
      const list = into.inner.get(into.blocks.length) ?? [];
      list.push(...pending.map((heading) => heading.text));
      into.inner.set(into.blocks.length, list);
      pending = [];
    }
    into.blocks.push(...blocks);
  }
  leaveOutPending(pending, ledger);

  const articleCount = body.length + annexes.reduce((sum, draft) => sum + draft.articles.length, 0);
  if (preamble.length === 0 && articleCount === 0 && annexes.every((draft) => draft.blocks.length === 0)) {
    return undefined;
  }

  // Group levels: the highest rank present in the body is `#`; lower ranks are sub-headings (`###`).
  const bodyRanks = body.flatMap((draft) => draft.headings.filter((heading) => heading.group).map((heading) => heading.rank));
  const topRank = bodyRanks.length > 0 ? Math.min(...bodyRanks) : 0;
  const toSections = (drafts: readonly ArticleDraft[], inAnnex: boolean): ImportedSection[] => {
    const sections = drafts.map((draft): ImportedSection => {
      const top = draft.headings.filter((heading) => heading.group && !inAnnex && heading.rank <= topRank);
      const below = draft.headings.filter((heading) => !top.includes(heading));
      return {
        heading: numberedHeading(draft.heading),
        line: draft.line,
        groups: top.map((heading) => heading.text),
        subheadings: below.map((heading) => heading.text),
        paragraphs: paragraphsOf(draft.blocks, draft.inner, guesses),
      };
    });
    return makeSectionNumbersDistinct(sections, guesses);
  };

  const testimoniumText = testimonium.join(' ');
  const frontMatter: Record<string, FrontMatterValue | undefined> = {
    date: testimoniumText !== '' ? testimoniumDate(testimoniumText) : undefined,
    place: testimoniumText !== '' ? testimoniumPlace(testimoniumText) : undefined,
    language,
    official_title: context.official,
    source: context.source,
    testimonium: testimoniumText !== '' ? testimoniumText : undefined,
    signatures: signatures.length > 0 ? signatures : undefined,
  };
  const document: ImportedDocument = {
    title: title ?? context.official ?? 'Untitled treaty',
    frontMatter,
    preamble: recitalsOf(preamble, vocabulary, skipped).map((block) => ({ text: block.text, line: block.line, items: [] })),
    sections: toSections(body, false),
    annexes: annexes.map((draft): ImportedAnnex => ({
      heading: draft.heading,
      line: draft.line,
      paragraphs: paragraphsOf(draft.blocks, draft.inner, guesses),
      sections: toSections(draft.articles, true),
    })),
    line: start + 1,
    printedLabels: true,
  };
  return { document, articles: articleCount };
}

/**
 * The text a reader sees in a source line of any kind: a heading's words, a table row's cells joined by
 * spaces, a text line's words ({@link sourceTextOf}); '' for markup and rule rows.
 */
export function readerTextOf(line: string): string {
  const classified = classify(line, 0);
  switch (classified.kind) {
    case 'heading':
      return classified.text;
    case 'table':
      return tableRowText(classified.text);
    case 'text':
      return sourceTextOf(classified.text);
    default:
      return '';
  }
}

/** The text of a Markdown table row: its cells joined by spaces; '' for a rule row (`| --- |`). */
export function tableRowText(row: string): string {
  const cells = row.replace(/^\s*\|/, '').replace(/\|\s*$/, '').split('|').map((cell) => sourceTextOf(cell));
  return cells.every((cell) => /^:?-*:?$/.test(cell)) ? '' : cells.filter((cell) => cell !== '').join(' ');
}

/** Headings with nothing under them: left out, with the reason. */
function leaveOutPending(pending: readonly PendingHeading[], ledger: LineLedger): void {
  for (const heading of pending) {
    for (const at of heading.lines) {
      ledger.leaveOut(at, 'a heading with no text under it');
    }
  }
}

/** A section heading whose number spec §2 reads as the article's: a number is put first where it would not be. */
function numberedHeading(heading: string): string {
  const label = /^(?:Article|Artikel|Paragraph|Rule|Regulation|Règle|Voorschrift|Regel)\s+(.*?)(?:\s+–\s+.*)?$/.exec(heading)?.[1];
  if (label === undefined) {
    return heading;
  }
  const number = articleNumber(label);
  if (number === undefined) {
    return heading;
  }
  return specSectionNumber(heading) === number ? heading : `${number} ${heading}`;
}

/** Notes of the Dutch treaty database inside an English text: `Vervallen per …`, `Wijzigt het Verdrag …`. */
function isDutchNote(text: string, language: NlLanguage): boolean {
  if (/^(?:Vervallen|Wijzigt|Niet opgenomen|Treedt in werking|De tekst van de vertaling is niet beschikbaar)\b/.test(text)) {
    return true;
  }
  // Stop words tell Dutch from English reliably, not from French (`de`, `en`).
  return language === 'en' && text.split(/\s+/).length >= 5 && guessLanguage(text, 3) === 'nl';
}

/** Splits the preamble's blocks into recitals at the recital verbs (`…, Considering …, Recognizing …`). */
function recitalsOf(blocks: readonly Block[], vocabulary: Vocabulary, skipped: ImportNote[]): Block[] {
  const verbs = vocabulary.recitals.map((verb) => verb.replace(/ /g, '\\s+')).join('|');
  const boundary = new RegExp(`([,;:])[ \\u00a0]*(?=(?:${verbs})\\b)`, 'g');
  const recitals: Block[] = [];
  for (const [position, block] of blocks.entries()) {
    let text = block.text;
    if (position === 0) {
      const word = vocabulary.preambleWord.exec(text);
      if (word) {
        skipped.push({ line: block.line, message: `the word “${word[0].trim()}” at the start of the line is the preamble's heading, not a clause` });
        text = text.slice(word[0].length);
      }
    }
    let last = 0;
    let match: RegExpExecArray | null;
    boundary.lastIndex = 0;
    while ((match = boundary.exec(text)) !== null) {
      const end = match.index + match[1].length;
      const piece = text.slice(last, end).trim();
      if (piece !== '') {
        recitals.push({ text: piece, line: block.line, label: undefined });
      }
      last = match.index + match[0].length;
    }
    const rest = text.slice(last).trim();
    if (rest !== '') {
      recitals.push({ text: rest, line: block.line, label: undefined });
    }
  }
  return recitals;
}

/** Turns an article's blocks into paragraphs with nested items by their printed labels. */
function paragraphsOf(blocks: readonly Block[], inner: ReadonlyMap<number, readonly string[]>, guesses: ImportNote[]): ImportedParagraph[] {
  const split: Block[] = [];
  const innerByBlock = new Map<Block, readonly string[]>();
  for (const [position, block] of blocks.entries()) {
    const pieces = splitRunInList(block.text);
    if (pieces.length > 1) {
      guesses.push({ line: block.line, message: `a list run into its paragraph (“${pieces[1].slice(0, 20)}…”) split into items` });
    }
    pieces.forEach((piece, at) => {
      const entry: Block = { text: piece, line: block.line, label: undefined };
      if (at === 0 && inner.has(position)) {
        innerByBlock.set(entry, inner.get(position) ?? []);
      }
      split.push(entry);
    });
  }
  const labelled = split.map((block) => ({ ...block, label: readLeadingLabel(block.text), origin: block }));
  // `l.` is the digit 1 only where the sequence proves it: the first numbered paragraph, followed by `2.`.
  for (const [position, block] of labelled.entries()) {
    if (!block.label?.scannedOne) {
      continue;
    }
    const earlier = labelled.slice(0, position).some((other) => other.label?.readings.some((reading) => reading.style === 'num-dot'));
    const next = labelled.slice(position + 1).find((other) => other.label?.readings.some((reading) => reading.style === 'num-dot'));
    const proven = !earlier && next?.label?.readings.some((reading) => reading.style === 'num-dot' && reading.ordinal === 2) === true;
    if (proven) {
      guesses.push({ line: block.line, message: 'paragraph number written `l.` read as `1.` (the next paragraph is `2.`)' });
    } else {
      // Not the digit 1: the letter l (after `k.`).
      block.label = { label: 'l.', readings: [{ style: 'lower-dot', ordinal: 12 }], length: block.label.length };
    }
  }
  const headingsAt = new Map<Block, readonly string[]>();
  for (const block of labelled) {
    const headings = innerByBlock.get(block.origin);
    if (headings !== undefined) {
      headingsAt.set(block, headings);
    }
  }
  const tree = nestByLabels(
    labelled.map((block) => ({ label: block.label, value: block })),
    (block) => block.text,
  );
  const toClause = (node: LabelNode<Block>): ImportedClause => ({
    text: clauseText(node.value),
    line: node.value.line,
    items: node.children.map(toClause),
  });
  return tree.map((node): ImportedParagraph => {
    // Headings inside an article stand before a paragraph; one before an item moves up to its paragraph.
    const headings = [node, ...descendants(node)].flatMap((entry) => headingsAt.get(entry.value) ?? []);
    return { text: clauseText(node.value), line: node.value.line, items: node.children.map(toClause), ...(headings.length > 0 ? { headings } : {}) };
  });
}

/**
 * Splits a list run into its paragraph (`… this Convention: (a) within one year …; and (b) thereafter …`)
 * into the paragraph and its items: a colon, then `(a)`, then `(b)`, `(c)` … each after `;` or `,` (and an
 * optional `and`/`or`). Returns the text unsplit unless at least `(a)` and `(b)` are found in that shape.
 */
export function splitRunInList(text: string): string[] {
  const open = /:\s+(\(a\)|a\))\s/.exec(text);
  if (!open) {
    return [text];
  }
  const paren = open[1].startsWith('(');
  const pieces = [text.slice(0, open.index + 1).trim()];
  let start = open.index + open[0].length - open[1].length - 1;
  for (let code = 98; code <= 122; code++) {
    const next = paren ? `(${String.fromCharCode(code)})` : `${String.fromCharCode(code)})`;
    const pattern = new RegExp(`[;,]\\s+(?:and\\s+|or\\s+)?(${next.replace(/[()]/g, '\\$&')})\\s`, 'g');
    pattern.lastIndex = start;
    const found = pattern.exec(text);
    if (!found) {
      break;
    }
    const at = found.index + found[0].length - found[1].length - 1;
    pieces.push(text.slice(start, at).trim());
    start = at;
  }
  pieces.push(text.slice(start).trim());
  return pieces.length >= 3 ? pieces.filter((piece) => piece !== '') : [text];
}

function descendants<T>(node: LabelNode<T>): LabelNode<T>[] {
  return node.children.flatMap((child) => [child, ...descendants(child)]);
}

/** A block's text with its label written as the output writes labels (`1.The` → `1. The`). */
function clauseText(block: Block): string {
  if (block.label === undefined) {
    return block.text;
  }
  const rest = block.text.slice(block.label.length).trim();
  return rest === '' ? block.label.label : `${block.label.label} ${rest}`;
}
