/**
 * Re-scans a brief after an edit by looking only at the edited line, when the edit provably cannot change
 * anything else: it stays on one line, touches no character that opens or closes code, comments or HTML,
 * and leaves the line's block structure (indentation, list and heading markers, blankness) as it was.
 * Otherwise it answers undefined and the caller scans the whole brief. Citations are single-line, so the
 * other lines' citations only move by the edit's length.
 *
 * NOTE: this is what keeps diagnostics of a brief with thousands of citations at a few milliseconds per
 * keystroke; the property tests compare it with a full scan on random edits.
 */
import { BriefScan, serialOf } from './briefScanner';
import { Cite, Citation, findCitations, Pinpoint } from './citationParser';
import { Span } from './types';

const UNSAFE = /[`~<>\r\n]/;
const BLOCK_PREFIX = /^ {0,3}(?:[-+*]|[0-9]{1,9}[.)]|#{1,6}|>)?[ \t]*/;
/** A link reference definition is no inline content: a full scan skips it. */
const REFERENCE_DEFINITION = /^ {0,3}\[/;
const THEMATIC_OR_UNDERLINE = /^ {0,3}(?:=+|-+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})[ \t]*$/;

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftCites(cites: readonly Cite[], delta: number): Cite[] {
  const shifted: Cite[] = [];
  for (const cite of cites) {
    const pinpoints: Pinpoint[] = [];
    for (const pinpoint of cite.pinpoints) {
      pinpoints.push({
        start: pinpoint.start + delta,
        end: pinpoint.end + delta,
        from: pinpoint.from,
        toWritten: pinpoint.toWritten,
        pathSpan: shiftSpan(pinpoint.pathSpan, delta),
        printed: pinpoint.printed,
        printedTo: pinpoint.printedTo,
      });
    }
    shifted.push({ start: cite.start + delta, end: cite.end + delta, docId: cite.docId, docIdSpan: shiftSpan(cite.docIdSpan, delta), pinpoints, lead: cite.lead });
  }
  return shifted;
}

/**
 * A citation that an edit before it moved: its offsets are its origin's plus the shift, and its cites are
 * shifted only when something reads them. The origin (the citation as the scanner found it) stays the same
 * object however many edits move it, so results kept per citation can be found by it.
 *
 * NOTE: moving is what every keystroke does to every citation after it; copying them (seven objects each)
 * cost more than the rest of the edit.
 */
class MovedCitation implements Citation {
  #cites: readonly Cite[] | undefined;

  constructor(
    readonly origin: Citation,
    readonly delta: number,
  ) {}

  get start(): number {
    return this.origin.start + this.delta;
  }

  get end(): number {
    return this.origin.end + this.delta;
  }

  get aliasCandidate(): string | undefined {
    return this.origin.aliasCandidate;
  }

  get malformed(): Citation['malformed'] {
    const malformed = this.origin.malformed;
    return malformed ? { message: malformed.message, offset: malformed.offset + this.delta } : undefined;
  }

  get cites(): readonly Cite[] {
    this.#cites ??= shiftCites(this.origin.cites, this.delta);
    return this.#cites;
  }

  /** The plain citation, as the scanner would have found it here. */
  toJSON(): Citation {
    const plain: Citation = { start: this.start, end: this.end, cites: this.cites, aliasCandidate: this.aliasCandidate };
    return this.origin.malformed ? { ...plain, malformed: this.malformed } : plain;
  }
}

/**
 * The citation as the scanner found it, before edits moved it: the same object for as long as the citation's
 * text is unchanged (see `MovedCitation`).
 */
export function originOf(citation: Citation): Citation {
  return citation instanceof MovedCitation ? citation.origin : citation;
}

function moveCitation(citation: Citation, delta: number): Citation {
  return citation instanceof MovedCitation ? new MovedCitation(citation.origin, citation.delta + delta) : new MovedCitation(citation, delta);
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') {
    start--;
  }
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') {
    end++;
  }
  return { start, end };
}

/**
 * The scan of `newText`, derived from the scan of `oldText`, or undefined when a full scan is needed. `change`
 * says where the texts differ when the caller knows it (`[start, oldEnd)` of the old text became
 * `[start, newEnd)`); otherwise the texts are compared.
 */
export function updateScan(oldText: string, oldScan: BriefScan, newText: string, change?: { start: number; oldEnd: number; newEnd: number }): BriefScan | undefined {
  let prefix = 0;
  let suffix = 0;
  if (change && change.start <= change.oldEnd && change.oldEnd <= oldText.length && newText.length - change.newEnd === oldText.length - change.oldEnd && change.start <= change.newEnd) {
    prefix = change.start;
    suffix = oldText.length - change.oldEnd;
  } else {
    const shortest = Math.min(oldText.length, newText.length);
    while (prefix < shortest && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) {
      prefix++;
    }
    while (
      suffix < shortest - prefix &&
      oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
    ) {
      suffix++;
    }
  }
  const oldChanged = oldText.slice(prefix, oldText.length - suffix);
  const newChanged = newText.slice(prefix, newText.length - suffix);
  if (UNSAFE.test(oldChanged) || UNSAFE.test(newChanged)) {
    return undefined;
  }
  const oldLine = lineBounds(oldText, prefix);
  const newLine = lineBounds(newText, prefix);
  if (oldLine.start === 0) {
    return undefined; // the first line may open front matter
  }
  const oldLineText = oldText.slice(oldLine.start, oldLine.end);
  const newLineText = newText.slice(newLine.start, newLine.end);
  if (UNSAFE.test(oldLineText) || UNSAFE.test(newLineText) || oldLineText.includes('\\') !== newLineText.includes('\\')) {
    return undefined;
  }
  if (REFERENCE_DEFINITION.test(oldLineText) || REFERENCE_DEFINITION.test(newLineText)) {
    return undefined;
  }
  if (oldLineText.trim() === '' || newLineText.trim() === '' || THEMATIC_OR_UNDERLINE.test(oldLineText) || THEMATIC_OR_UNDERLINE.test(newLineText)) {
    return undefined;
  }
  const oldPrefix = BLOCK_PREFIX.exec(oldLineText)?.[0] ?? '';
  const newPrefix = BLOCK_PREFIX.exec(newLineText)?.[0] ?? '';
  if (oldPrefix !== newPrefix || oldPrefix.includes('\t') || prefix < oldLine.start + oldPrefix.length || /^ {4}/.test(oldLineText)) {
    return undefined;
  }
  for (const span of oldScan.excluded) {
    if (span.start < oldLine.end + 1 && span.end > oldLine.start) {
      return undefined; // the line is (partly) code, a comment or front matter
    }
  }
  const delta = newText.length - oldText.length;
  const citations: Citation[] = [];
  let index = 0;
  const old = oldScan.citations;
  while (index < old.length && old[index].end <= oldLine.start) {
    citations.push(old[index++]);
  }
  while (index < old.length && old[index].start < oldLine.end) {
    index++;
  }
  findCitations(newText, newLine.start, newLine.end, citations);
  while (index < old.length) {
    citations.push(moveCitation(old[index++], delta));
  }
  const excluded = oldScan.excluded.map((span) => (span.start >= oldLine.end ? shiftSpan(span, delta) : span));
  return { citations, excluded, edit: { from: serialOf(oldScan), start: oldLine.start, oldEnd: oldLine.end, newEnd: newLine.end } };
}
