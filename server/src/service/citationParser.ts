/**
 * Parses the citation syntax of spec.md §1. The parser never throws: it returns what it understood and,
 * for a bracketed span that looks like a citation but does not parse, a problem with an offset.
 */
import { Span } from './types';

/** One label of a printed pinpoint, and the level it names. */
export interface PrintedPart {
  /** The label as written (`31`, `8 bis`, `3`, `a`, `三十一`, `（一）`). */
  readonly label: string;
  /**
   * `section` (the article), `paragraph` (`para.`, or the Chinese 款, which counts positions where
   * paragraphs print no numbers), `item` (the Chinese 项), or `next`: the next level that prints labels
   * (`(3)(a)` after an article skips an unnumbered chapeau).
   */
  readonly level: 'section' | 'paragraph' | 'item' | 'next';
}

/** A printed pinpoint (spec.md §1.1): `art. 31(3)(a)`, `annex VII art. 2`, `para. 3`, `第三条第二款`. */
export interface PrintedRef {
  /** The annex label as written (`VII`), when the pinpoint is inside an annex. */
  readonly annex?: string;
  /** What its first part names: an article, a paragraph (`para.`), or nothing (a whole annex). */
  readonly head: 'article' | 'para' | 'annex';
  readonly parts: readonly PrintedPart[];
  /** True for the Chinese form. */
  readonly zh: boolean;
}

/** One `§path`, `§path–path` or printed pinpoint of a cite. */
export interface Pinpoint extends Span {
  /** The start path of a `§` pinpoint, e.g. `[3, 4]` for `§3.4`; empty for a printed one. */
  readonly from: readonly number[];
  /** The end path of a `§` range as written (possibly shortened), or undefined. */
  readonly toWritten?: readonly number[];
  /** The span of the path after `§` (start path only, or start to end of the range); of a printed pinpoint, all of it. */
  readonly pathSpan: Span;
  /** The printed pinpoint, when it is one. */
  readonly printed?: PrintedRef;
  /** The end of a printed range, expanded to a full printed pinpoint (`art. 31(1)–(3)` ends at `art. 31(3)`). */
  readonly printedTo?: PrintedRef;
  /** Set on pinpoints an `ibid.` takes over from the citation it refers to; their spans are the `ibid.`'s. */
  readonly inherited?: boolean;
}

/** How a cite names its document: by id, by an alias (`VCLT`), or as `ibid.`/`id.` (spec.md §1.1). */
export type CiteLead = 'id' | 'alias' | 'ibid';

/** One document and its pinpoints inside a citation. */
export interface Cite extends Span {
  /**
   * The document id. As parsed it is the word written (an id, an alias, or `ibid.`); in a bound scan
   * (`briefBinding.ts`) it is the id of the document that word names.
   */
  readonly docId: string;
  /** The span of the word written for the document. */
  readonly docIdSpan: Span;
  readonly pinpoints: readonly Pinpoint[];
  /** How the document was named; absent means `id`. */
  readonly lead?: CiteLead;
  /** The word written when it is not the id (`VCLT`, `ibid.`), in a bound scan. */
  readonly written?: string;
  /** For `ibid.`: the span of the cite it refers to, in a bound scan. */
  readonly antecedent?: Span;
  /** For an alias that two loaded documents give: their ids (the cite then resolves to none). */
  readonly ambiguous?: readonly string[];
}

/** A bracketed citation `[...]`, well-formed or not. */
export interface Citation extends Span {
  /** The cites, empty when malformed. */
  readonly cites: readonly Cite[];
  /** Set when the span looks like a citation but does not match the grammar. */
  readonly malformed?: { readonly message: string; readonly offset: number };
  /**
   * Set when the span starts with a word shaped like an alias (`[VCLT …]`): it is a citation only if a
   * loaded document gives that alias, which only binding against the corpus can tell.
   */
  readonly aliasCandidate?: string;
}

const DOC_ID = /^[0-9]{4}-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/;

/** True when `text` is a document id of the spec's grammar. */
export function isDocId(text: string): boolean {
  return DOC_ID.test(text);
}

const ALIAS = /^[A-Z][A-Z0-9-]{0,39}$/;

/** True when `text` is an alias of the spec's grammar (`VCLT`, `GC-I`): upper case, and not a document id. */
export function isAlias(text: string): boolean {
  return ALIAS.test(text) && !text.endsWith('-') && !isDocId(text);
}

const SHORT_FORMS = new Set(['ibid.', 'Ibid.', 'id.', 'Id.']);

/** True for `ibid.`, `Ibid.`, `id.` and `Id.`. */
export function isShortForm(text: string): boolean {
  return SHORT_FORMS.has(text);
}

/** Renders a path as written in citations, e.g. `3.4`. */
export function pathToString(path: readonly number[]): string {
  return path.join('.');
}

/**
 * Expands a shortened range end: `§3.4–6` ends at `3.6`. Returns the written end unchanged when it is as
 * long as the start or longer.
 */
export function expandRangeEnd(from: readonly number[], toWritten: readonly number[]): number[] {
  if (toWritten.length >= from.length) {
    return [...toWritten];
  }
  return [...from.slice(0, from.length - toWritten.length), ...toWritten];
}

class Scanner {
  position: number;
  constructor(
    readonly text: string,
    start: number,
    readonly end: number,
  ) {
    this.position = start;
  }
  peek(): string {
    return this.position < this.end ? this.text[this.position] : '';
  }
  atEnd(): boolean {
    return this.position >= this.end;
  }
}

class CitationSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

function describe(char: string): string {
  if (char === '') {
    return 'the end of the citation';
  }
  if (char === ' ') {
    return 'a space';
  }
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
    return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${char}'`;
}

function parseNumber(scanner: Scanner): number {
  const start = scanner.position;
  while (!scanner.atEnd() && scanner.peek() >= '0' && scanner.peek() <= '9') {
    scanner.position++;
  }
  if (scanner.position === start) {
    throw new CitationSyntaxError(`expected a clause number but found ${describe(scanner.peek())}`, start);
  }
  const digits = scanner.text.slice(start, scanner.position);
  if (digits.length > 1 && digits[0] === '0') {
    throw new CitationSyntaxError(`clause numbers have no leading zeros: write ${String(Number(digits))}`, start);
  }
  if (digits.length > 9) {
    throw new CitationSyntaxError('clause number is too long', start);
  }
  return Number(digits);
}

function parsePath(scanner: Scanner): number[] {
  const path = [parseNumber(scanner)];
  while (scanner.peek() === '.') {
    scanner.position++;
    path.push(parseNumber(scanner));
  }
  return path;
}

const SUFFIX_WORDS = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies'];
const ARTICLE_WORDS = ['Article', 'article', 'arts', 'Art.', 'art.', 'art'];
const PARA_WORDS = ['paras', 'para.', 'para'];
const ANNEX_WORDS = ['annex', 'Annex'];
const ZH_DIGITS = '0123456789〇零一二三四五六七八九十百千';

function isLabelChar(char: string): boolean {
  return (char >= '0' && char <= '9') || (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}

/** The keyword of `words` at the scanner, followed by a space, or undefined. */
function keywordAt(scanner: Scanner, words: readonly string[]): string | undefined {
  for (const word of words) {
    if (scanner.text.startsWith(word, scanner.position) && scanner.position + word.length <= scanner.end) {
      return word;
    }
  }
  return undefined;
}

/** Reads `label = 1*( DIGIT / ALPHA ) [ SP suffix ]`. */
function parseLabel(scanner: Scanner, what: string): string {
  const start = scanner.position;
  while (!scanner.atEnd() && isLabelChar(scanner.peek())) {
    scanner.position++;
  }
  if (scanner.position === start) {
    throw new CitationSyntaxError(`expected ${what} but found ${describe(scanner.peek())}`, start);
  }
  if (scanner.position - start > 12) {
    throw new CitationSyntaxError('label is too long', start);
  }
  if (scanner.peek() === ' ') {
    for (const word of SUFFIX_WORDS) {
      const after = scanner.position + 1 + word.length;
      if (scanner.text.startsWith(word, scanner.position + 1) && after <= scanner.end && !isLabelChar(scanner.text[after] ?? '')) {
        scanner.position = after;
        break;
      }
    }
  }
  return scanner.text.slice(start, scanner.position);
}

/** Reads `*( "(" label ")" )`. */
function parseParenthesised(scanner: Scanner, parts: PrintedPart[]): void {
  while (scanner.peek() === '(') {
    scanner.position++;
    parts.push({ label: parseLabel(scanner, 'a paragraph or item label'), level: 'next' });
    if (scanner.peek() !== ')') {
      throw new CitationSyntaxError(`expected ')' but found ${describe(scanner.peek())}`, scanner.position);
    }
    scanner.position++;
  }
}

function expectSpaceAfter(scanner: Scanner, word: string): void {
  if (scanner.peek() !== ' ') {
    throw new CitationSyntaxError(`expected a space after '${word}': write ${canonicalWord(word)} 31`, scanner.position);
  }
  scanner.position++;
  if (scanner.peek() === ' ') {
    throw new CitationSyntaxError(`one space only after '${word}'`, scanner.position);
  }
}

function canonicalWord(word: string): string {
  return ANNEX_WORDS.includes(word) ? 'annex' : PARA_WORDS.includes(word) ? 'para.' : 'art.';
}

function zhNumber(scanner: Scanner): string {
  const start = scanner.position;
  while (!scanner.atEnd() && ZH_DIGITS.includes(scanner.peek())) {
    scanner.position++;
  }
  if (scanner.position === start || scanner.position - start > 8) {
    throw new CitationSyntaxError(`expected a number but found ${describe(scanner.peek())}`, start);
  }
  return scanner.text.slice(start, scanner.position);
}

function expectChar(scanner: Scanner, char: string): void {
  if (scanner.peek() !== char) {
    throw new CitationSyntaxError(`expected '${char}' but found ${describe(scanner.peek())}`, scanner.position);
  }
  scanner.position++;
}

/** `第 zh-num 条 [ 之 zh-num ] [ 第 zh-num 款 ] [ 第 ( zh-num / "（" zh-num "）" ) 项 ]`. */
function parseZhPrinted(scanner: Scanner): PrintedRef {
  expectChar(scanner, '第');
  let article = zhNumber(scanner);
  expectChar(scanner, '条');
  if (scanner.peek() === '之') {
    scanner.position++;
    article = `${article}之${zhNumber(scanner)}`;
  }
  const parts: PrintedPart[] = [{ label: `第${article.replace(/之/, '条之')}${article.includes('之') ? '' : '条'}`, level: 'section' }];
  if (scanner.peek() === '第') {
    const mark = scanner.position;
    scanner.position++;
    if (scanner.peek() === '（') {
      scanner.position = mark;
    } else {
      const number = zhNumber(scanner);
      if (scanner.peek() === '款') {
        scanner.position++;
        parts.push({ label: number, level: 'paragraph' });
      } else if (scanner.peek() === '项') {
        scanner.position++;
        parts.push({ label: number, level: 'item' });
        return { head: 'article', parts, zh: true };
      } else {
        throw new CitationSyntaxError(`expected '款' or '项' but found ${describe(scanner.peek())}`, scanner.position);
      }
    }
  }
  if (scanner.peek() === '第') {
    scanner.position++;
    let label: string;
    if (scanner.peek() === '（') {
      scanner.position++;
      label = `（${zhNumber(scanner)}）`;
      expectChar(scanner, '）');
    } else {
      label = zhNumber(scanner);
    }
    expectChar(scanner, '项');
    parts.push({ label, level: 'item' });
  }
  return { head: 'article', parts, zh: true };
}

/** A printed pinpoint: `[ annex SP ] article *( "(" label ")" ) / annex / para / zh-printed`. */
function parsePrinted(scanner: Scanner): PrintedRef {
  if (scanner.peek() === '第') {
    return parseZhPrinted(scanner);
  }
  let annex: string | undefined;
  const annexWord = keywordAt(scanner, ANNEX_WORDS);
  if (annexWord) {
    scanner.position += annexWord.length;
    expectSpaceAfter(scanner, annexWord);
    // NOTE: an extension of spec.md §1.1 for a document with one unnumbered annex: `annex para. 3`.
    if (!keywordAt(scanner, [...ARTICLE_WORDS, ...PARA_WORDS])) {
      annex = parseLabel(scanner, 'an annex label');
      if (scanner.peek() !== ' ') {
        return { annex, head: 'annex', parts: [], zh: false };
      }
      const mark = scanner.position;
      scanner.position++;
      if (!keywordAt(scanner, [...ARTICLE_WORDS, ...PARA_WORDS])) {
        scanner.position = mark;
        return { annex, head: 'annex', parts: [], zh: false };
      }
    } else {
      annex = '';
    }
  }
  const articleWord = keywordAt(scanner, ARTICLE_WORDS);
  const paraWord = articleWord ? undefined : keywordAt(scanner, PARA_WORDS);
  const word = articleWord ?? paraWord;
  if (!word) {
    const found = /^(art|Art|para|Para|annex|Annex|ART|ARTICLE|PARA)/.exec(scanner.text.slice(scanner.position, scanner.position + 8));
    throw new CitationSyntaxError(
      found ? `write '${found[1].toLowerCase().startsWith('art') ? 'art.' : found[1].toLowerCase().startsWith('para') ? 'para.' : 'annex'}' in lower case with one space before the label, e.g. art. 31(3)(a)` : `expected '§', 'art.', 'para.' or 'annex' but found ${describe(scanner.peek())}`,
      scanner.position,
    );
  }
  scanner.position += word.length;
  expectSpaceAfter(scanner, word);
  const parts: PrintedPart[] = [{ label: parseLabel(scanner, articleWord ? 'an article number' : 'a paragraph number'), level: articleWord ? 'section' : 'paragraph' }];
  parseParenthesised(scanner, parts);
  if (scanner.peek() === ' ' && scanner.text[scanner.position + 1] === '(') {
    throw new CitationSyntaxError('no space before a paragraph or item label: write art. 31(3)(a)', scanner.position);
  }
  return { annex, head: articleWord ? 'article' : 'para', parts, zh: false };
}

/**
 * The end of a printed range: a full printed pinpoint, `label *( "(" label ")" )` (replacing the start from
 * its first label: `arts 31–33`), or `1*( "(" label ")" )` (replacing its last labels: `art. 31(1)–(3)`).
 */
function parsePrintedEnd(scanner: Scanner, start: PrintedRef): PrintedRef {
  if (scanner.peek() === '(') {
    const tail: PrintedPart[] = [];
    parseParenthesised(scanner, tail);
    if (tail.length >= start.parts.length) {
      throw new CitationSyntaxError('the end of the range has more levels than its start', scanner.position);
    }
    const kept = start.parts.slice(0, start.parts.length - tail.length);
    return { ...start, parts: [...kept, ...tail.map((part, index) => ({ label: part.label, level: start.parts[kept.length + index].level }))] };
  }
  if (scanner.peek() === '第' || keywordAt(scanner, [...ARTICLE_WORDS, ...PARA_WORDS, ...ANNEX_WORDS])) {
    return parsePrinted(scanner);
  }
  const parts: PrintedPart[] = [{ label: parseLabel(scanner, 'the end of the range'), level: start.parts[0]?.level ?? 'section' }];
  parseParenthesised(scanner, parts);
  return { ...start, parts };
}

function parsePinpoint(scanner: Scanner): Pinpoint {
  const start = scanner.position;
  if (scanner.peek() !== '§') {
    const printed = parsePrinted(scanner);
    let printedTo: PrintedRef | undefined;
    if (scanner.peek() === '-' || scanner.peek() === '–') {
      scanner.position++;
      if (scanner.peek() === '§') {
        throw new CitationSyntaxError('a range is written in one form: both ends printed, or both § paths', scanner.position);
      }
      printedTo = parsePrintedEnd(scanner, printed);
    }
    return { start, end: scanner.position, from: [], pathSpan: { start, end: scanner.position }, printed, printedTo };
  }
  scanner.position++;
  if (scanner.peek() === ' ') {
    throw new CitationSyntaxError("no space after '§': write §3.4", scanner.position);
  }
  const pathStart = scanner.position;
  const from = parsePath(scanner);
  let toWritten: number[] | undefined;
  if (scanner.peek() === '-' || scanner.peek() === '–') {
    scanner.position++;
    if (scanner.peek() === '§') {
      throw new CitationSyntaxError("the end of a range has no '§': write §3.4–3.6", scanner.position);
    }
    toWritten = parsePath(scanner);
  }
  return { start, end: scanner.position, from, toWritten, pathSpan: { start: pathStart, end: scanner.position } };
}

/** Reads the word that names the document: an id, an alias, or `ibid.`/`id.`. */
function parseLead(scanner: Scanner): { word: string; lead: CiteLead } {
  const start = scanner.position;
  while (!scanner.atEnd() && /[0-9A-Za-z\-.]/.test(scanner.peek())) {
    scanner.position++;
  }
  let word = scanner.text.slice(start, scanner.position);
  if (isShortForm(word)) {
    return { word, lead: 'ibid' };
  }
  // Only a short form may end in '.'.
  const dot = word.indexOf('.');
  if (dot >= 0) {
    scanner.position = start + dot;
    word = word.slice(0, dot);
  }
  if (isDocId(word)) {
    return { word, lead: 'id' };
  }
  if (isAlias(word)) {
    return { word, lead: 'alias' };
  }
  let message = `'${word}' is not a document id (four digits, '-', then upper-case letters and digits, e.g. 2023-JS)`;
  if (word.length === 0) {
    message = `expected a document id but found ${describe(scanner.peek())}`;
  } else if (isDocId(word.toUpperCase())) {
    message = `document ids are upper case: write ${word.toUpperCase()}`;
  } else if (/^(ibid|id)$/i.test(word)) {
    message = `write '${word.toLowerCase()}.' with its full stop`;
  }
  throw new CitationSyntaxError(message, start);
}

function parseCite(scanner: Scanner): Cite {
  const start = scanner.position;
  const { word, lead } = parseLead(scanner);
  const docIdSpan = { start, end: scanner.position };
  const pinpoints: Pinpoint[] = [];
  if (scanner.peek() === ' ') {
    scanner.position++;
    if (scanner.peek() === ' ') {
      throw new CitationSyntaxError('one space only between the document and the pinpoint', scanner.position);
    }
    pinpoints.push(parsePinpoint(scanner));
    while (scanner.peek() === ',') {
      scanner.position++;
      if (scanner.peek() !== ' ') {
        throw new CitationSyntaxError("expected a space after ','", scanner.position);
      }
      scanner.position++;
      pinpoints.push(parsePinpoint(scanner));
    }
  } else if (scanner.peek() === '§') {
    throw new CitationSyntaxError("expected a space between the document id and '§'", scanner.position);
  }
  const cite: Cite = { start, end: scanner.position, docId: word, docIdSpan, pinpoints };
  return lead === 'id' ? cite : { ...cite, lead };
}

/**
 * Parses the inside of a bracketed span `[`…`]`: `text[start..end)` is what lies between the brackets.
 * Returns the cites, or a syntax error with its offset.
 */
export function parseCitationBody(
  text: string,
  start: number,
  end: number,
): { cites: Cite[]; error?: { message: string; offset: number } } {
  const scanner = new Scanner(text, start, end);
  const cites: Cite[] = [];
  try {
    if (scanner.peek() === '§') {
      throw new CitationSyntaxError('a citation starts with a document id: write [2023-JS §3.4]', start);
    }
    cites.push(parseCite(scanner));
    while (scanner.peek() === ';') {
      scanner.position++;
      if (scanner.peek() !== ' ') {
        throw new CitationSyntaxError("expected a space after ';'", scanner.position);
      }
      scanner.position++;
      cites.push(parseCite(scanner));
    }
    if (!scanner.atEnd()) {
      const char = scanner.peek();
      const hint = char === ' ' ? ' (one space only, and none at the end)' : '';
      throw new CitationSyntaxError(`unexpected ${describe(char)}${hint}`, scanner.position);
    }
    return { cites };
  } catch (error) {
    if (error instanceof CitationSyntaxError) {
      return { cites: [], error: { message: error.message, offset: error.offset } };
    }
    throw error;
  }
}

/** True when the text of a bracketed span claims to be a citation (spec §1: starts with `DDDD-` or `§`). */
export function looksLikeCitation(text: string, start: number, end: number): boolean {
  if (start < end && text[start] === '§') {
    return true;
  }
  if (end - start < 5) {
    return false;
  }
  for (let index = start; index < start + 4; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) {
      return false;
    }
  }
  return text[start + 4] === '-';
}

/**
 * The first word of a bracketed span when it may name a document other than by id: a short form
 * (`ibid.`, `id.`, also `ibid` without its full stop, which is then malformed) or a word shaped like an
 * alias, followed by a space or the end. Undefined otherwise.
 */
function leadWord(text: string, start: number, end: number): { word: string; shortForm: boolean } | undefined {
  let stop = start;
  while (stop < end && stop - start <= 41 && text.charCodeAt(stop) !== 0x20) {
    stop++;
  }
  if (stop - start > 40) {
    return undefined;
  }
  const word = text.slice(start, stop);
  if (isShortForm(word) || /^(?:ibid|Ibid)$/.test(word)) {
    return { word, shortForm: true };
  }
  return isAlias(word) ? { word, shortForm: false } : undefined;
}

/**
 * Finds the bracketed spans on `text[start..end)` (one line, or a region of a line), and parses those that
 * look like citations. A span is `[`…`]` with no brackets inside and not preceded by a backslash. A span
 * whose first word is shaped like an alias is kept as a candidate (`aliasCandidate`): binding decides.
 */
export function findCitations(text: string, start: number, end: number, into: Citation[]): void {
  let open = -1;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5b /* [ */) {
      open = isEscaped(text, index) ? -1 : index;
    } else if (code === 0x5d /* ] */) {
      if (open >= 0) {
        const bodyStart = open + 1;
        const lead = looksLikeCitation(text, bodyStart, index) ? undefined : leadWord(text, bodyStart, index);
        if (lead !== undefined || looksLikeCitation(text, bodyStart, index)) {
          const parsed = parseCitationBody(text, bodyStart, index);
          const citation: Citation = parsed.error
            ? { start: open, end: index + 1, cites: [], malformed: parsed.error }
            : { start: open, end: index + 1, cites: parsed.cites };
          into.push(lead !== undefined && !lead.shortForm ? { ...citation, aliasCandidate: lead.word } : citation);
        }
      }
      open = -1;
    } else if (code === 0x0a || code === 0x0d) {
      open = -1;
    }
  }
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let cursor = index - 1; cursor >= 0 && text.charCodeAt(cursor) === 0x5c; cursor--) {
    backslashes++;
  }
  return backslashes % 2 === 1;
}

/** Writes a printed pinpoint in canonical form: `art. 31(3)(a)`, `annex VII art. 2`, `para. 3`, `第三条第二款`. */
export function formatPrintedRef(ref: PrintedRef): string {
  if (ref.zh) {
    let out = '';
    for (const part of ref.parts) {
      out += part.level === 'section' ? part.label : part.level === 'paragraph' ? `第${part.label}款` : `第${part.label}项`;
    }
    return out;
  }
  const words: string[] = [];
  if (ref.annex !== undefined) {
    words.push(ref.annex === '' ? 'annex' : `annex ${ref.annex}`);
  }
  if (ref.parts.length > 0) {
    const [first, ...rest] = ref.parts;
    words.push(`${ref.head === 'para' ? 'para.' : 'art.'} ${first.label}${rest.map((part) => `(${part.label})`).join('')}`);
  }
  return words.join(' ');
}

/** Writes the end of a printed range as short as it reads: `(3)` after `art. 31(1)`, `33` after `art. 31`. */
export function formatPrintedEnd(from: PrintedRef, to: PrintedRef): string {
  if (from.zh || to.zh || from.annex !== to.annex || from.head !== to.head || from.parts.length !== to.parts.length) {
    return formatPrintedRef(to);
  }
  let common = 0;
  while (common < from.parts.length - 1 && from.parts[common].label === to.parts[common].label) {
    common++;
  }
  if (common === 0) {
    const [first, ...rest] = to.parts;
    return `${first.label}${rest.map((part) => `(${part.label})`).join('')}`;
  }
  return to.parts.slice(common).map((part) => `(${part.label})`).join('');
}

/** Writes a pinpoint in canonical form (`§3.4–3.6`, `art. 31(1)–(3)`, `arts 31–33`). */
export function formatPinpoint(pinpoint: Pick<Pinpoint, 'from' | 'toWritten' | 'printed' | 'printedTo'>): string {
  if (pinpoint.printed) {
    if (!pinpoint.printedTo) {
      return formatPrintedRef(pinpoint.printed);
    }
    const start = formatPrintedRef(pinpoint.printed);
    const plural = pinpoint.printed.parts.length === 1 && !pinpoint.printed.zh ? start.replace(/^(annex \S+ )?art\. /, '$1arts ').replace(/^(annex \S+ )?para\. /, '$1paras ') : start;
    return `${plural}–${formatPrintedEnd(pinpoint.printed, pinpoint.printedTo)}`;
  }
  const from = '§' + pathToString(pinpoint.from);
  return pinpoint.toWritten ? `${from}–${pathToString(pinpoint.toWritten)}` : from;
}

/** Writes a cite in canonical form. */
export function formatCite(docId: string, pinpoints: readonly { from: readonly number[]; to?: readonly number[]; printed?: PrintedRef; printedTo?: PrintedRef }[]): string {
  if (pinpoints.length === 0) {
    return docId;
  }
  const parts = pinpoints.map((pinpoint) => formatPinpoint({ from: pinpoint.from, toWritten: pinpoint.to, printed: pinpoint.printed, printedTo: pinpoint.printedTo }));
  return `${docId} ${parts.join(', ')}`;
}
