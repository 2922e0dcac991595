/**
 * Quote checking: a quotation immediately followed by a citation (`“……”[2023-JS §3.4]`, `"..." [2023-JS §3.4]`,
 * `「……」[…]`, or a blockquote whose last line ends with a citation) must appear in the cited clause or range.
 *
 * Quotation and source are compared after a normalisation that removes what typesetting changes and meaning
 * does not (white space and line breaks, spaces around Arabic numerals and between spaced-out CJK characters,
 * full-width and half-width forms, the style of quotation marks); an ellipsis (`……`, `…`, `...`, `[…]`) stands
 * for omitted text. Pure: a brief's text, its scan and the index in, problems with offsets out.
 */
import { BriefScan, serialOf } from './briefScanner';
import { Citation, formatPinpoint } from './citationParser';
import { Clause } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { originOf } from './incrementalScan';
import { hasLead } from './briefBinding';
import { citationKey, dependenciesOf, FoundQuote, ProblemMemo, stillValid } from './problemMemo';
import { detached } from './strings';
import { resolveCited } from './relations';
import { descendantsOf, pinpointFor, pinpointForRange } from './resolve';
import { counterpart } from './versions';
import { finish, STEP, Steps } from './steps';
import { codePointBefore, isCjk } from './text';
import { DiagnosticCodes, Problem, Span } from './types';

/** A quotation found in a brief, with the citation that vouches for it. */
export interface Quotation extends Span {
  /** Where the quoted words lie (inside the quotation marks; a blockquote's text before the citation). */
  readonly content: Span;
  /** The quoted words, with blockquote markers removed. */
  readonly text: string;
  readonly citation: Citation;
  readonly kind: 'inline' | 'blockquote';
}

/** A quotation that does not match its source, or that could not be checked within its budget. */
export interface QuoteProblem extends Problem {
  /** The span the quick fix replaces (the quoted words). */
  readonly replace: Span;
  /** The exact text of the closest passage, with the quotation's ellipses kept; what the quick fix writes. */
  readonly exact: string | undefined;
  /** Another clause of the same document that does contain the quotation, e.g. `3.5`. */
  readonly foundIn?: { readonly docId: string; readonly key: string; readonly pinpoint: string };
}

/** Text in matching form, with the span of the original text that each of its UTF-16 units came from. */
export interface MappedText {
  readonly text: string;
  /** For each unit of `text`, the start of its source in the original. */
  readonly starts: ArrayLike<number>;
  /** For each unit of `text`, the end of its source in the original. */
  readonly ends: ArrayLike<number>;
}

const QUOTE_MARKS = /["'“”„‟«»‘’‚‛「」『』〝〞〟＂＇]/;

function isSpaceCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x3000 || code === 0xa0;
}

const foldCache = new Map<string, string>();

/** NFKC, lower case, and every quotation mark as `"`: one code point at a time. */
function foldCodePoint(char: string): string {
  const cached = foldCache.get(char);
  if (cached !== undefined) {
    return cached;
  }
  let folded = char.normalize('NFKC').toLowerCase();
  if (QUOTE_MARKS.test(folded)) {
    folded = folded.replace(new RegExp(QUOTE_MARKS.source, 'g'), '"');
  }
  if (foldCache.size < 10_000) {
    foldCache.set(char, folded);
  }
  return folded;
}

// ASCII folds without a lookup by string: NFKC leaves it alone, so only case and `'` change.
const ASCII_FOLDED: readonly number[] = Array.from({ length: 0x80 }, (_, code) => foldCodePoint(String.fromCharCode(code)).charCodeAt(0));

/**
 * Normalises text for comparing quotations, like `normalizeForMatch` (NFKC, lower case, white space collapsed
 * and dropped next to CJK characters) and also folding quotation marks, and remembers where each unit of the
 * result came from, so that a match can be mapped back to the original words.
 */
export function normalizeMapped(text: string): MappedText {
  // NOTE: the result is built in typed arrays and the last code point is kept in a variable. Reading the
  // end of a growing string flattened it on every space, which made a long passage quadratic (minutes for
  // UNCLOS), and arrays of boxed numbers were most of the remaining cost.
  const output = new GrowingUnits();
  let last = -1;
  let pendingSpace = -1;
  let offset = 0;
  while (offset < text.length) {
    const codePoint = text.codePointAt(offset) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    if (isSpaceCode(codePoint)) {
      if (last >= 0 && pendingSpace < 0) {
        pendingSpace = offset;
      }
      offset += width;
      continue;
    }
    if (codePoint < 0x80) {
      const folded = ASCII_FOLDED[codePoint];
      if (pendingSpace >= 0) {
        if (!isCjk(last)) {
          output.push(0x20, pendingSpace, pendingSpace + 1);
        }
        pendingSpace = -1;
      }
      output.push(folded, offset, offset + 1);
      last = folded;
      offset += 1;
      continue;
    }
    const folded = foldCodePoint(width === 1 ? text[offset] : text.slice(offset, offset + width));
    if (folded.length > 0) {
      if (pendingSpace >= 0) {
        if (!isCjk(last) && !isCjk(folded.codePointAt(0) ?? 0)) {
          output.push(0x20, pendingSpace, pendingSpace + 1);
        }
        pendingSpace = -1;
      }
      for (let unit = 0; unit < folded.length; unit++) {
        output.push(folded.charCodeAt(unit), offset, offset + width);
      }
      last = codePointBefore(folded, folded.length);
    }
    offset += width;
  }
  return output.finish();
}

/** UTF-16 units with their source spans, in typed arrays that double as they fill. */
class GrowingUnits {
  #units = new Uint16Array(64);
  #starts = new Int32Array(64);
  #ends = new Int32Array(64);
  #length = 0;

  push(unit: number, start: number, end: number): void {
    if (this.#length === this.#units.length) {
      const grow = <T extends Uint16Array | Int32Array>(array: T, make: (size: number) => T): T => {
        const bigger = make(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.#units = grow(this.#units, (size) => new Uint16Array(size));
      this.#starts = grow(this.#starts, (size) => new Int32Array(size));
      this.#ends = grow(this.#ends, (size) => new Int32Array(size));
    }
    this.#units[this.#length] = unit;
    this.#starts[this.#length] = start;
    this.#ends[this.#length] = end;
    this.#length++;
  }

  finish(): MappedText {
    const chunks: string[] = [];
    for (let from = 0; from < this.#length; from += 8192) {
      chunks.push(String.fromCharCode(...this.#units.subarray(from, Math.min(this.#length, from + 8192))));
    }
    return { text: chunks.join(''), starts: this.#starts.subarray(0, this.#length), ends: this.#ends.subarray(0, this.#length) };
  }
}

const ELLIPSIS = /\[(?:…|\.\.\.|……)\]|……|…|\.\.\.|\. \. \./g;

/** The pieces of a quotation: words, and the ellipses between them as written. */
export interface QuotationPieces {
  /** The words between ellipses, in order (possibly empty at either end). */
  readonly segments: readonly string[];
  /** The ellipses as written; `ellipses[i]` stands between `segments[i]` and `segments[i + 1]`. */
  readonly ellipses: readonly string[];
}

/** Splits a quotation at its ellipses. */
export function splitAtEllipses(text: string): QuotationPieces {
  const segments: string[] = [];
  const ellipses: string[] = [];
  let last = 0;
  for (const match of text.matchAll(ELLIPSIS)) {
    segments.push(text.slice(last, match.index));
    ellipses.push(match[0]);
    last = (match.index ?? 0) + match[0].length;
  }
  segments.push(text.slice(last));
  return { segments, ellipses };
}

const TRAILING_PUNCTUATION = /[,.;:!?，。；：！？、]+$/;

/**
 * True when every segment occurs in `passage` (normalised), in order and without overlapping. A final
 * punctuation mark of the quotation that the source lacks is forgiven (quoting a sentence's start with a full
 * stop, or a comma inside the quotation marks, is house style, not a misquotation).
 */
export function matchesPassage(segments: readonly string[], passage: string): boolean {
  const normalised = segments.map((segment) => normalizeMapped(segment).text.trim()).filter((segment) => segment.length > 0);
  if (normalised.length === 0) {
    return true;
  }
  if (matchInOrder(normalised, passage)) {
    return true;
  }
  const last = normalised[normalised.length - 1];
  const trimmed = last.replace(TRAILING_PUNCTUATION, '').trimEnd();
  if (trimmed !== last) {
    const shortened = trimmed.length > 0 ? [...normalised.slice(0, -1), trimmed] : normalised.slice(0, -1);
    return shortened.length === 0 || matchInOrder(shortened, passage);
  }
  return false;
}

function matchInOrder(segments: readonly string[], passage: string): boolean {
  let from = 0;
  for (const segment of segments) {
    const found = passage.indexOf(segment, from);
    if (found < 0) {
      return false;
    }
    from = found + segment.length;
  }
  return true;
}

// Quotation marks that may close a quotation, and the mark that opens each, by UTF-16 code unit.
// NOTE: `’` is left out: it is far more often an apostrophe (`the sides’ [2023-JS §3]`) than a closing mark.
// NOTE: the finder reads code units, never `text[i]`: each non-Latin-1 character read that way is a new string,
// and every citation of a brief is looked at on every check.
const OPENER_OF: ReadonlyMap<number, number> = new Map([
  [0x201d /* ” */, 0x201c /* “ */],
  [0x22 /* " */, 0x22],
  [0x300d /* 」 */, 0x300c /* 「 */],
  [0x300f /* 』 */, 0x300e /* 『 */],
  [0xbb /* » */, 0xab /* « */],
]);
const MAX_QUOTATION = 4000;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const GT = 0x3e;

function isLineBreak(code: number): boolean {
  return code === LF || code === CR;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

function lineStartOf(text: string, offset: number): number {
  let cursor = offset;
  while (cursor > 0 && !isLineBreak(text.charCodeAt(cursor - 1))) {
    cursor--;
  }
  return cursor;
}

/** Where a closing quotation mark may stand before a citation: the offset just after it, or -1. */
function closingMarkBefore(text: string, citationStart: number): number {
  let cursor = citationStart;
  while (cursor > 0 && isBlank(text.charCodeAt(cursor - 1))) {
    cursor--;
  }
  if (cursor > 0 && OPENER_OF.has(text.charCodeAt(cursor - 1))) {
    return cursor;
  }
  // The citation may start the next line of the paragraph (or of the blockquote).
  // NOTE: only blanks and `>` are stepped over, so a citation in the middle of a long line costs nothing.
  while (cursor > 0 && (isBlank(text.charCodeAt(cursor - 1)) || text.charCodeAt(cursor - 1) === GT)) {
    cursor--;
  }
  if (cursor === 0 || !isLineBreak(text.charCodeAt(cursor - 1))) {
    return -1;
  }
  cursor--;
  if (text.charCodeAt(cursor) === LF && text.charCodeAt(cursor - 1) === CR) {
    cursor--;
  }
  while (cursor > 0 && isBlank(text.charCodeAt(cursor - 1))) {
    cursor--;
  }
  return cursor > 0 && OPENER_OF.has(text.charCodeAt(cursor - 1)) ? cursor : -1;
}

/** True when `span` overlaps one of `spans` (sorted by start, not overlapping each other). */
export function overlapsAny(span: Span, spans: readonly Span[]): boolean {
  // Binary search for the last span that starts before `span` ends.
  let low = 0;
  let high = spans.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (spans[middle].start < span.end) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found >= 0 && spans[found].end > span.start;
}

/** Removes the blockquote markers that start the continuation lines of a quotation. */
function stripContinuations(text: string): string {
  return text.replace(/(\r\n|\r|\n)[ \t]*(?:>[ \t]?)*/g, '\n');
}

/**
 * True when the line break at `at` ends a blank line (only blanks and `>` since the line break before it, which
 * lies at or after `from`).
 */
function endsBlankLine(text: string, from: number, at: number): boolean {
  let cursor = at - 1;
  while (cursor >= from && (isBlank(text.charCodeAt(cursor)) || text.charCodeAt(cursor) === GT)) {
    cursor--;
  }
  return cursor >= from && text.charCodeAt(cursor) === LF;
}

/** Finds the opening mark of a quotation that closes just before `closeEnd`, or -1. */
function openingMark(text: string, closeEnd: number, floor: number): number {
  const closer = text.charCodeAt(closeEnd - 1);
  const opener = OPENER_OF.get(closer);
  let depth = 1;
  for (let cursor = closeEnd - 2; cursor >= floor; cursor--) {
    const code = text.charCodeAt(cursor);
    if (code === LF && endsBlankLine(text, Math.max(floor, cursor - 200), cursor)) {
      return -1; // a blank line: the paragraph starts here, and no quotation opened in it
    }
    if (opener === closer) {
      if (code === opener) {
        return cursor;
      }
      continue;
    }
    if (code === closer) {
      depth++;
    } else if (code === opener && --depth === 0) {
      return cursor;
    }
  }
  return -1;
}

/** Finds the quotations of a brief that a citation immediately follows. */
export function findQuotations(text: string, scan: BriefScan): Quotation[] {
  return finish(quotationSteps(text, scan));
}

/** `findQuotations` as a computation that stops every `STEP` citations. */
function* quotationSteps(text: string, scan: BriefScan): Steps<Quotation[]> {
  const quotations: Quotation[] = [];
  const citations = scan.citations;
  let previousEnd = 0;
  for (let at = 0; at < citations.length; at++) {
    if (at % STEP === STEP - 1) {
      yield;
    }
    const citation = citations[at];
    const found = quotationBefore(text, citation, scan.excluded, previousEnd);
    if (found) {
      quotations.push(found);
    }
    previousEnd = citation.end;
  }
  return quotations;
}

/** The quotation a citation vouches for, if any; `floor` is the end of the citation before it. */
function quotationBefore(text: string, citation: Citation, excluded: readonly Span[], floor: number): Quotation | undefined {
  return originOf(citation).cites.length > 0 ? inlineQuotation(text, citation, excluded, floor) ?? blockQuotation(text, citation, excluded, floor) : undefined;
}

function inlineQuotation(text: string, citation: Citation, excluded: readonly Span[], floor: number): Quotation | undefined {
  const closeEnd = closingMarkBefore(text, citation.start);
  if (closeEnd < 0) {
    return undefined;
  }
  const open = openingMark(text, closeEnd, Math.max(floor, closeEnd - MAX_QUOTATION));
  if (open < 0) {
    return undefined;
  }
  const span = { start: open, end: closeEnd };
  if (overlapsAny(span, excluded)) {
    return undefined;
  }
  const content = { start: open + 1, end: closeEnd - 1 };
  const quoted = stripContinuations(text.slice(content.start, content.end));
  if (quoted.trim().length === 0) {
    return undefined;
  }
  return { ...span, content, text: quoted, citation, kind: 'inline' };
}

/** True for a line of a blockquote (`/^ {0,3}>/`): up to three spaces, then `>`. */
function isBlockquoteLine(text: string, lineStart: number): boolean {
  let cursor = lineStart;
  while (cursor < lineStart + 3 && text.charCodeAt(cursor) === SPACE) {
    cursor++;
  }
  return text.charCodeAt(cursor) === GT;
}

function blockQuotation(text: string, citation: Citation, excluded: readonly Span[], floor: number): Quotation | undefined {
  // NOTE: the end of the line is looked at first, so that citations inside a long line cost nothing.
  // Only blanks and at most one full stop may follow the citation on its line.
  let lineEnd = citation.end;
  let stops = 0;
  for (; lineEnd < text.length; lineEnd++) {
    const code = text.charCodeAt(lineEnd);
    if (code === 0x2e /* . */ || code === 0x3002 /* 。 */) {
      stops++;
    } else if (!isBlank(code)) {
      break;
    }
  }
  if ((lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) || stops > 1) {
    return undefined;
  }
  const lineStart = lineStartOf(text, citation.start);
  if (!isBlockquoteLine(text, lineStart)) {
    return undefined;
  }
  // It must be the blockquote's last line.
  const nextLineStart = text.charCodeAt(lineEnd) === CR && text.charCodeAt(lineEnd + 1) === LF ? lineEnd + 2 : lineEnd + 1;
  if (nextLineStart < text.length && isBlockquoteLine(text, nextLineStart)) {
    return undefined;
  }
  let firstLine = lineStart;
  while (firstLine > floor) {
    const previousStart = lineStartOf(text, firstLine - 1);
    if (previousStart < floor || !isBlockquoteLine(text, previousStart)) {
      break;
    }
    if (citation.start - previousStart > MAX_QUOTATION) {
      return undefined; // a quotation this long is not checked, as an inline one is not (see `inlineQuotation`)
    }
    firstLine = previousStart;
  }
  let start = firstLine;
  while (start < citation.start && /[ \t>]/.test(text[start])) {
    start++;
  }
  let end = citation.start;
  while (end > start && /[\s>—–―-]/.test(text[end - 1])) {
    end--;
  }
  if (end <= start) {
    return undefined;
  }
  const span = { start, end };
  if (overlapsAny(span, excluded)) {
    return undefined;
  }
  const quoted = stripContinuations(text.slice(start, end));
  if (quoted.trim().length === 0) {
    return undefined;
  }
  return { ...span, content: span, text: quoted, citation, kind: 'blockquote' };
}

/** The text a quotation may be taken from: clauses with everything under them, joined by spaces. */
interface Passage {
  readonly docId: string;
  readonly label: string;
  readonly clauses: readonly Clause[];
}

/**
 * The work one quotation may cost, in characters compared (normalising, matching) and alignment cells.
 * Past it the quotation is not checked (a `quote-not-checked` hint) or, when the mismatch is already
 * known, the closest passage is not looked for: a quotation of a whole long treaty never freezes the server.
 */
export const QUOTATION_BUDGET = 40_000_000;

/** What is left of a quotation's budget. */
class WorkBudget {
  #left: number;

  constructor(units: number) {
    this.#left = units;
  }

  /** Takes `units` from the budget; false (and nothing taken) when they are not all there. */
  spend(units: number): boolean {
    if (units > this.#left) {
      this.#left = 0;
      return false;
    }
    this.#left -= units;
    return true;
  }
}

const normalizedCache = new WeakMap<Clause, string>();

/** A clause's text in matching form, normalised once per parsed clause. */
function normalizedClause(clause: Clause): string {
  let normalized = normalizedCache.get(clause);
  if (normalized === undefined) {
    normalized = normalizeMapped(clause.text).text;
    normalizedCache.set(clause, normalized);
  }
  return normalized;
}

/** The passage's original text: its clauses' texts joined by spaces (what a fix quotes from). */
function passageOriginal(passage: Passage): string {
  return passage.clauses
    .map((clause) => clause.text)
    .filter((part) => part.length > 0)
    .join(' ');
}

/**
 * The passage in matching form, built from the cached normal forms of its clauses: equal to
 * `normalizeMapped(passageOriginal(passage)).text`, without normalising the same clause twice.
 */
function passageNormalized(passage: Passage): string {
  const parts: string[] = [];
  let last = -1;
  for (const clause of passage.clauses) {
    const normalized = normalizedClause(clause);
    if (normalized.length === 0) {
      continue;
    }
    if (last >= 0 && !isCjk(last) && !isCjk(normalized.codePointAt(0) ?? 0)) {
      parts.push(' ');
    }
    parts.push(normalized);
    last = codePointBefore(normalized, normalized.length);
  }
  return parts.join('');
}

function passageLength(passage: Passage): number {
  let length = 0;
  for (const clause of passage.clauses) {
    length += clause.text.length + 1;
  }
  return length;
}

/** Appends a clause and everything under it. */
function withDescendants(document: IndexedDocument, clause: Clause, into: Clause[]): void {
  // NOTE: a loop, not `push(...list)`: a long document's clauses would overflow the argument stack.
  into.push(clause);
  for (const descendant of descendantsOf(document, clause)) {
    into.push(descendant);
  }
}

/** The passages each language version offers for a citation (one per pinpoint, or the whole document). */
function passagesOf(citation: Citation, index: CorpusIndex, scope: CorpusScope): Passage[] {
  const passages: Passage[] = [];
  for (const cite of citation.cites) {
    const primary = index.resolve(cite.docId, scope);
    if (!primary) {
      continue;
    }
    const versions = index.versions(cite.docId, scope);
    const keyLists: { label: string; keys: string[] }[] = [];
    if (cite.pinpoints.length === 0) {
      keyLists.push({ label: cite.docId, keys: primary.tree.clauses.filter((clause) => clause.path.length === 1).map((clause) => clause.key) });
    }
    for (const pinpoint of cite.pinpoints) {
      const resolved = resolveCited(index, scope, primary, pinpoint);
      if (resolved.problem || resolved.clauses.length === 0) {
        continue;
      }
      const source = resolved.source?.document;
      if (source) {
        // An article an amendment inserted: its text is the amendment's, in the one version it has.
        const clauses: Clause[] = [];
        for (const clause of resolved.clauses) {
          withDescendants(source, clause, clauses);
        }
        passages.push({ docId: cite.docId, label: `${cite.docId} ${formatPinpoint(pinpoint)}`, clauses });
        continue;
      }
      const first = resolved.clauses[0];
      const last = resolved.clauses[resolved.clauses.length - 1];
      keyLists.push({ label: `${cite.docId} ${pinpointForRange(primary, first, last)}`, keys: resolved.clauses.map((clause) => clause.key) });
    }
    for (const { label, keys } of keyLists) {
      for (const version of versions.length > 0 ? versions : [primary]) {
        const clauses: Clause[] = [];
        for (const key of keys) {
          // Versions that print numbers are aligned by label (a translation may lack the clause).
          const own = primary.byKey.get(key);
          const clause = own ? counterpart(primary, own, version) : undefined;
          if (clause) {
            withDescendants(version, clause, clauses);
          }
        }
        if (clauses.length > 0) {
          passages.push({ docId: cite.docId, label, clauses });
        }
      }
    }
  }
  return passages;
}

/** One aligned piece: where in the normalised passage a segment fits best, and how well. */
interface Alignment {
  readonly start: number;
  readonly end: number;
  readonly distance: number;
}

/**
 * Approximate substring matching (Sellers' algorithm): the substring of `text` (from `from` on) with the least
 * edit distance to `pattern`.
 */
export function alignSegment(pattern: string, text: string, from = 0): Alignment {
  const m = pattern.length;
  if (m === 0) {
    return { start: from, end: from, distance: 0 };
  }
  const bestEnd = bestEndOf(pattern, text, from, text.length);
  // The start: the same alignment run backwards from the best end.
  const reversedPattern = [...pattern].reverse().join('');
  const window = text.slice(from, bestEnd.end);
  const reversedText = [...window].reverse().join('');
  const back = bestEndOf(reversedPattern, reversedText, 0, reversedText.length, bestEnd.distance, true);
  return { start: bestEnd.end - back.end, end: bestEnd.end, distance: bestEnd.distance };
}

/**
 * The end of the best alignment of `pattern` in `text[from..to)`. Free start, unless `anchored` (then the
 * alignment starts at `from`); with `target`, the first end that is at least that good.
 */
function bestEndOf(pattern: string, text: string, from: number, to: number, target?: number, anchored = false): { end: number; distance: number } {
  const m = pattern.length;
  // NOTE: two typed columns swapped at each step; a fresh array per column made this allocation-bound.
  let column = new Int32Array(m + 1);
  let next = new Int32Array(m + 1);
  for (let row = 0; row <= m; row++) {
    column[row] = row;
  }
  let best = { end: from, distance: m };
  for (let position = from; position < to; position++) {
    next[0] = anchored ? position - from + 1 : 0;
    const char = text.charCodeAt(position);
    for (let row = 1; row <= m; row++) {
      const cost = pattern.charCodeAt(row - 1) === char ? 0 : 1;
      next[row] = Math.min(column[row] + 1, next[row - 1] + 1, column[row - 1] + cost);
    }
    [column, next] = [next, column];
    if (column[m] < best.distance) {
      best = { end: position + 1, distance: column[m] };
      if (target !== undefined && best.distance <= target) {
        break; // the shortest alignment that is as good as the forward one
      }
    }
  }
  return best;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char) && !UNSPACED_SCRIPT.test(char);
}

/**
 * Widens an alignment to whole words where words are spaced (`arding the` → `regarding the`), so that the
 * closest passage a message quotes, and the fix writes, never starts or ends inside a word. Scripts written
 * without spaces (Chinese, Japanese) are left as aligned.
 */
function toWordBoundaries(text: string, start: number, end: number): { start: number; end: number } {
  let wordStart = start;
  while (wordStart > 0 && isWordChar(text[wordStart - 1]) && isWordChar(text[wordStart])) {
    wordStart--;
  }
  let wordEnd = end;
  while (wordEnd < text.length && isWordChar(text[wordEnd - 1]) && isWordChar(text[wordEnd])) {
    wordEnd++;
  }
  return { start: wordStart, end: wordEnd };
}

/**
 * The exact words of the passage closest to a quotation, with its ellipses kept, and how far off it is;
 * `'over budget'` when finding them would cost more than the quotation's budget has left.
 */
function closestIn(pieces: QuotationPieces, passage: Passage, budget: WorkBudget): { exact: string; distance: number } | 'over budget' | undefined {
  const original = passageOriginal(passage);
  if (!budget.spend(original.length)) {
    return 'over budget';
  }
  const mapped = normalizeMapped(original);
  let from = 0;
  let distance = 0;
  const parts: string[] = [];
  let any = false;
  for (let index = 0; index < pieces.segments.length; index++) {
    if (index > 0) {
      parts.push(pieces.ellipses[index - 1]);
    }
    const segment = normalizeMapped(pieces.segments[index]).text.trim();
    if (segment.length === 0) {
      continue;
    }
    // The forward pass costs a cell per pair of characters; the backward pass at most as much again.
    if (!budget.spend(2 * segment.length * Math.max(0, mapped.text.length - from))) {
      return 'over budget';
    }
    const alignment = alignSegment(segment, mapped.text, from);
    if (alignment.end <= alignment.start) {
      return undefined;
    }
    any = true;
    distance += alignment.distance;
    const words = toWordBoundaries(mapped.text, alignment.start, alignment.end);
    parts.push(original.slice(mapped.starts[words.start], mapped.ends[words.end - 1]));
    from = words.end;
  }
  return any ? { exact: parts.join(''), distance } : undefined;
}

/** Shortens a passage for a message, keeping both ends. */
function shorten(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) {
    return flat;
  }
  const half = Math.floor((length - 1) / 2);
  return `${flat.slice(0, half)}…${flat.slice(flat.length - half)}`;
}

/** Looks for the quotation in the other clauses of the cited documents, within the budget. */
function foundElsewhere(pieces: QuotationPieces, citation: Citation, index: CorpusIndex, scope: CorpusScope, budget: WorkBudget): { docId: string; key: string; pinpoint: string } | undefined {
  const segments = pieces.segments.map((segment) => normalizeMapped(segment).text.trim()).filter((segment) => segment.length > 0);
  if (segments.length === 0) {
    return undefined;
  }
  for (const cite of citation.cites) {
    for (const version of index.versions(cite.docId, scope)) {
      // The deepest clause that holds it: items before their paragraph.
      let best: Clause | undefined;
      for (const clause of version.tree.clauses) {
        if (clause.kind === 'section' || clause.text.length === 0) {
          continue;
        }
        if (!budget.spend(clause.text.length)) {
          return undefined;
        }
        if (matchInOrder(segments, normalizedClause(clause)) && (!best || clause.path.length > best.path.length)) {
          best = clause;
        }
      }
      if (best) {
        return { docId: cite.docId, key: best.key, pinpoint: pinpointFor(version, best) };
      }
    }
  }
  return undefined;
}

const resultCache = new Map<string, QuoteProblem | null>();
let resultGeneration = -1;

/**
 * Checks one quotation; undefined when it matches (or when its citation cannot be resolved). `budget` is the
 * work it may cost (see {@link QUOTATION_BUDGET}); only checks with the default budget are cached.
 */
export function checkQuotation(quotation: Quotation, index: CorpusIndex, scope: CorpusScope, budget = QUOTATION_BUDGET): QuoteProblem | undefined {
  if (budget !== QUOTATION_BUDGET) {
    return computeQuoteProblem(quotation, index, scope, budget);
  }
  if (resultGeneration !== index.generation) {
    resultCache.clear();
    resultGeneration = index.generation;
  }
  const key = `${scope.join('\n')}\u0000${quotation.text}\u0000${JSON.stringify(quotation.citation.cites.map((cite) => [cite.docId, cite.pinpoints.map((pinpoint) => formatPinpoint(pinpoint))]))}`;
  const cached = resultCache.get(key);
  const shift = (problem: QuoteProblem): QuoteProblem => ({
    ...problem,
    start: quotation.start,
    end: quotation.end,
    replace: quotation.content,
  });
  if (cached !== undefined) {
    return cached === null ? undefined : shift(cached);
  }
  const problem = computeQuoteProblem(quotation, index, scope, budget);
  if (resultCache.size > 500) {
    resultCache.clear();
  }
  resultCache.set(key, problem ?? null);
  return problem;
}

function computeQuoteProblem(quotation: Quotation, index: CorpusIndex, scope: CorpusScope, units: number): QuoteProblem | undefined {
  const passages = passagesOf(quotation.citation, index, scope);
  if (passages.length === 0) {
    return undefined;
  }
  const budget = new WorkBudget(units);
  const pieces = splitAtEllipses(quotation.text);
  for (const passage of passages) {
    // Normalising and matching cost about a unit per character of the passage and of the quotation.
    if (!budget.spend(passageLength(passage) + quotation.text.length)) {
      return {
        code: DiagnosticCodes.quoteNotChecked,
        message: `quotation not checked: ${passages[0].label} is too long to compare within the time a check may take; cite the clause it comes from`,
        start: quotation.start,
        end: quotation.end,
        replace: quotation.content,
        exact: undefined,
      };
    }
    if (matchesPassage(pieces.segments, passageNormalized(passage))) {
      return undefined;
    }
  }
  let closest: { exact: string; distance: number; passage: Passage } | undefined;
  let searched = true;
  for (const passage of passages) {
    const candidate = closestIn(pieces, passage, budget);
    if (candidate === 'over budget') {
      searched = false;
      break;
    }
    if (candidate && (!closest || candidate.distance < closest.distance)) {
      closest = { ...candidate, passage };
    }
  }
  const elsewhere = foundElsewhere(pieces, quotation.citation, index, scope, budget);
  const cited = passages[0].label;
  let message = `quotation does not match ${closest?.passage.label ?? cited}`;
  if (closest) {
    message += `: the closest passage is “${shorten(closest.exact)}”`;
  } else if (!searched) {
    message += ' (the cited text is too long to look for the closest passage; cite the clause it comes from)';
  }
  if (elsewhere) {
    message += `; the quotation is found in ${elsewhere.docId} ${elsewhere.pinpoint}`;
  }
  return {
    code: DiagnosticCodes.quoteMismatch,
    message,
    start: quotation.start,
    end: quotation.end,
    replace: quotation.content,
    exact: closest?.exact,
    foundIn: elsewhere,
  };
}

/**
 * Checks every quotation of a brief (`budget`: the work each may cost, as {@link checkQuotation}); with `memo`,
 * reuses the results of quotations that did not change.
 */
export function computeQuoteProblems(text: string, scan: BriefScan, index: CorpusIndex, scope: CorpusScope, budget = QUOTATION_BUDGET, memo?: ProblemMemo): QuoteProblem[] {
  return finish(quoteProblemSteps(text, scan, index, scope, budget, memo));
}

/** `computeQuoteProblems` as a computation that stops every `STEP` citations or quotations (see `diagnostics.ts`). */
export function* quoteProblemSteps(text: string, scan: BriefScan, index: CorpusIndex, scope: CorpusScope, budget = QUOTATION_BUDGET, memo?: ProblemMemo): Steps<QuoteProblem[]> {
  if (memo) {
    return yield* rememberedQuoteSteps(text, scan, index, scope, budget, memo);
  }
  const problems: QuoteProblem[] = [];
  const quotations = yield* quotationSteps(text, scan);
  for (let at = 0; at < quotations.length; at++) {
    if (at % STEP === STEP - 1) {
      yield;
    }
    const problem = checkQuotation(quotations[at], index, scope, budget);
    if (problem) {
      problems.push(problem);
    }
  }
  return problems;
}

/**
 * The quotations' problems with the results of the brief's last check: after an edit of one line, a quotation
 * the edit cannot have changed is taken from there (moved with its citation), not found again; one found again
 * (a full scan) gets its result by its text and its citation's key. Only quotations new or changed, or whose
 * documents changed, are checked.
 */
function* rememberedQuoteSteps(text: string, scan: BriefScan, index: CorpusIndex, scope: CorpusScope, budget: number, memo: ProblemMemo): Steps<QuoteProblem[]> {
  const problems: QuoteProblem[] = [];
  const citations = scan.citations;
  const serial = serialOf(scan);
  const generation = index.generation;
  const edit = memo.quotesFollow(scan.edit, generation);
  memo.beginQuotes();
  let previousEnd = 0;
  for (let at = 0; at < citations.length; at++) {
    if (at % STEP === STEP - 1) {
      yield;
    }
    const citation = citations[at];
    const floor = previousEnd;
    previousEnd = citation.end;
    // A citation with an alias or `ibid.` is bound anew by every scan (a new object), and its result found by its
    // key every time: binding may have changed it.
    const bound = hasLead(citation);
    const origin = originOf(citation);
    // A quotation lies between the citation before and this one (see `quotationBefore`): one whose citation
    // comes before the edited line, or whose citation before lies after it, is the same text as before.
    const slot = edit && !bound ? memo.quoteSlot(origin) : undefined;
    let found: FoundQuote | null;
    if (slot && edit && slot.serial === edit.from && (citation.start < edit.start || floor > edit.newEnd)) {
      slot.serial = serial;
      found = slot.found;
    } else {
      const quotation = quotationBefore(text, citation, scan.excluded, floor);
      const start = citation.start;
      found = quotation
        ? {
            start: quotation.start - start,
            end: quotation.end - start,
            contentStart: quotation.content.start - start,
            contentEnd: quotation.content.end - start,
            text: detached(quotation.text),
            kind: quotation.kind,
            entry: undefined,
          }
        : null;
      if (!bound) {
        memo.setQuoteSlot(origin, found, serial);
      }
    }
    if (!found) {
      continue;
    }
    let entry = found.entry;
    let key: string | undefined;
    if (entry) {
      memo.useQuote(entry);
    } else {
      key = `${found.text}\u0000${citationKey(text, citation)}`;
      entry = memo.quoteByKey(key);
    }
    const start = citation.start;
    if (!entry || !stillValid(entry.dependencies, index)) {
      const quotation: Quotation = {
        start: start + found.start,
        end: start + found.end,
        content: { start: start + found.contentStart, end: start + found.contentEnd },
        text: found.text,
        citation,
        kind: found.kind,
      };
      key ??= `${found.text}\u0000${citationKey(text, citation)}`;
      entry = memo.setQuote(key, computeQuoteProblem(quotation, index, scope, budget) ?? null, dependenciesOf(citation, index, scope));
    }
    found.entry = entry;
    if (entry.problem) {
      problems.push({ ...entry.problem, start: start + found.start, end: start + found.end, replace: { start: start + found.contentStart, end: start + found.contentEnd } });
    }
  }
  memo.endQuotes(citations.length, serial, generation, generation === index.generation);
  return problems;
}
