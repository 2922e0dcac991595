/**
 * Parses the citation syntax of spec.md §1. The parser never throws: it returns what it understood and,
 * for a bracketed span that looks like a citation but does not parse, a problem with an offset.
 */
import { Span } from './types';

/** One `§path` or `§path–path` of a cite. */
export interface Pinpoint extends Span {
  /** The start path, e.g. `[3, 4]` for `§3.4`. */
  readonly from: readonly number[];
  /** The end path of a range as written (possibly shortened), or undefined. */
  readonly toWritten?: readonly number[];
  /** The span of the path after `§` (start path only, or start to end of the range). */
  readonly pathSpan: Span;
}

/** One document and its pinpoints inside a citation. */
export interface Cite extends Span {
  readonly docId: string;
  readonly docIdSpan: Span;
  readonly pinpoints: readonly Pinpoint[];
}

/** A bracketed citation `[...]`, well-formed or not. */
export interface Citation extends Span {
  /** The cites, empty when malformed. */
  readonly cites: readonly Cite[];
  /** Set when the span looks like a citation but does not match the grammar. */
  readonly malformed?: { readonly message: string; readonly offset: number };
}

const DOC_ID = /^[0-9]{4}-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/;

/** True when `text` is a document id of the spec's grammar. */
export function isDocId(text: string): boolean {
  return DOC_ID.test(text);
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

function parsePinpoint(scanner: Scanner): Pinpoint {
  const start = scanner.position;
  if (scanner.peek() !== '§') {
    throw new CitationSyntaxError(`expected '§' but found ${describe(scanner.peek())}`, start);
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

function parseCite(scanner: Scanner): Cite {
  const start = scanner.position;
  while (!scanner.atEnd() && /[0-9A-Za-z\-]/.test(scanner.peek())) {
    scanner.position++;
  }
  const docId = scanner.text.slice(start, scanner.position);
  if (!isDocId(docId)) {
    let message = `'${docId}' is not a document id (four digits, '-', then upper-case letters and digits, e.g. 2023-JS)`;
    if (docId.length === 0) {
      message = `expected a document id but found ${describe(scanner.peek())}`;
    } else if (isDocId(docId.toUpperCase())) {
      message = `document ids are upper case: write ${docId.toUpperCase()}`;
    }
    throw new CitationSyntaxError(message, start);
  }
  const docIdSpan = { start, end: scanner.position };
  const pinpoints: Pinpoint[] = [];
  if (scanner.peek() === ' ') {
    scanner.position++;
    if (scanner.peek() === ' ') {
      throw new CitationSyntaxError('one space only between the document id and the pinpoint', scanner.position);
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
  return { start, end: scanner.position, docId, docIdSpan, pinpoints };
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
 * Finds the bracketed spans on `text[start..end)` (one line, or a region of a line), and parses those that
 * look like citations. A span is `[`…`]` with no brackets inside and not preceded by a backslash.
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
        if (looksLikeCitation(text, bodyStart, index)) {
          const parsed = parseCitationBody(text, bodyStart, index);
          into.push(
            parsed.error
              ? { start: open, end: index + 1, cites: [], malformed: parsed.error }
              : { start: open, end: index + 1, cites: parsed.cites },
          );
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

/** Writes a cite in canonical form. */
export function formatCite(docId: string, pinpoints: readonly { from: readonly number[]; to?: readonly number[] }[]): string {
  if (pinpoints.length === 0) {
    return docId;
  }
  const parts = pinpoints.map((pinpoint) => {
    const from = '§' + pathToString(pinpoint.from);
    return pinpoint.to ? `${from}–${pathToString(pinpoint.to)}` : from;
  });
  return `${docId} ${parts.join(', ')}`;
}
