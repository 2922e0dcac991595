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
import { BriefScan } from './briefScanner';
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

// NOTE: explicit object literals, not spreads: this runs for every citation after the edit on each keystroke.
function shiftCitation(citation: Citation, delta: number): Citation {
  const cites: Cite[] = [];
  for (const cite of citation.cites) {
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
    cites.push({ start: cite.start + delta, end: cite.end + delta, docId: cite.docId, docIdSpan: shiftSpan(cite.docIdSpan, delta), pinpoints, lead: cite.lead });
  }
  const shifted: Citation = { start: citation.start + delta, end: citation.end + delta, cites, aliasCandidate: citation.aliasCandidate };
  return citation.malformed ? { ...shifted, malformed: { message: citation.malformed.message, offset: citation.malformed.offset + delta } } : shifted;
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

/** The scan of `newText`, derived from the scan of `oldText`, or undefined when a full scan is needed. */
export function updateScan(oldText: string, oldScan: BriefScan, newText: string): BriefScan | undefined {
  const shortest = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shortest && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) {
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
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
    citations.push(shiftCitation(old[index++], delta));
  }
  const excluded = oldScan.excluded.map((span) => (span.start >= oldLine.end ? shiftSpan(span, delta) : span));
  return { citations, excluded };
}
