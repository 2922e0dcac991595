/**
 * Quick fixes for the problems of a brief, and the `non-canonical-citation` hints they repair:
 *
 * - a malformed citation that a lenient reading understands (`[2023-JS § 3.4]`, `[2023-JS§3.4]`,
 *   `[2023-JS  §3.4]`, `[2023-js §3.4]`) is rewritten in canonical form; it stays a `malformed-citation`
 *   error, as spec.md §1 says;
 * - a citation in full-width brackets or digits (`［2023-JS §3.4］`), which spec.md §1 does not count as a
 *   citation at all, gets a `non-canonical-citation` hint and the same fix;
 * - an unknown document id or clause offers the nearest existing ones (edit distance, then case);
 * - a misquotation is replaced by the exact text, or re-cited to the clause where the quotation stands.
 *
 * Pure: every function takes text and the index and returns edits with offsets.
 */
import { BriefScan } from './briefScanner';
import { Citation, expandRangeEnd, formatCite, isDocId, parseCitationBody, pathToString } from './citationParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { computeQuoteProblems, overlapsAny, QuoteProblem } from './quoteCheck';
import { editDistance, nearest, resolvePinpoint } from './resolve';
import { DiagnosticCode, DiagnosticCodes, Problem, Span } from './types';

/** A replacement of `text[start..end)`. */
export interface OffsetEdit extends Span {
  readonly newText: string;
}

/** A quick fix, in offsets. */
export interface QuickFix {
  readonly title: string;
  /** The code of the problem it fixes. */
  readonly code: DiagnosticCode;
  /** The span of that problem. */
  readonly problem: Span;
  readonly edits: readonly OffsetEdit[];
  /** The fix an editor may apply on its own (auto-fix). */
  readonly preferred: boolean;
}

/** A citation not written as spec.md §1 says, with its canonical form. */
export interface NonCanonicalProblem extends Problem {
  readonly canonical: string;
}

const PATH = String.raw`\d+(?:\s*\.\s*\d+)*`;
const PINPOINT = new RegExp(String.raw`^(?:§\s*)?(${PATH})(?:\s*[-–—~～]\s*(?:§\s*)?(${PATH}))?$`);
const CITE_HEAD = /^(\d{4})\s*-\s*([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(.*)$/s;

function parseLenientPath(text: string): number[] {
  return text.split('.').map((part) => Number(part.trim()));
}

/**
 * Reads the inside of brackets leniently (full-width forms, spaces anywhere, lower-case ids, a missing `§`,
 * missing spaces after `,` and `;`) and writes it in canonical form, e.g. `2023-JS §3.4`. Undefined when it
 * cannot be read as a citation.
 */
export function canonicalCitationBody(body: string): string | undefined {
  const text = body.normalize('NFKC').trim();
  if (text.length === 0) {
    return undefined;
  }
  const cites: string[] = [];
  for (const rawCite of text.split(';')) {
    const head = CITE_HEAD.exec(rawCite.trim());
    if (!head) {
      return undefined;
    }
    const docId = `${head[1]}-${head[2].toUpperCase()}`;
    if (!isDocId(docId)) {
      return undefined;
    }
    const rest = head[3].trim();
    const pinpoints: { from: number[]; to?: number[] }[] = [];
    if (rest.length > 0) {
      for (const rawPinpoint of rest.split(',')) {
        const match = PINPOINT.exec(rawPinpoint.trim());
        if (!match) {
          return undefined;
        }
        pinpoints.push({ from: parseLenientPath(match[1]), to: match[2] !== undefined ? parseLenientPath(match[2]) : undefined });
      }
    }
    if (pinpoints.some((pinpoint) => [...pinpoint.from, ...(pinpoint.to ?? [])].some((number) => !Number.isSafeInteger(number) || number > 999_999_999))) {
      return undefined;
    }
    cites.push(formatCite(docId, pinpoints));
  }
  const canonical = cites.join('; ');
  return parseCitationBody(canonical, 0, canonical.length).error ? undefined : canonical;
}

function looksLikeCitationLeniently(body: string): boolean {
  return /^\s*\d{4}\s*-/.test(body.normalize('NFKC'));
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let cursor = index - 1; cursor >= 0 && text.charCodeAt(cursor) === 0x5c; cursor--) {
    backslashes++;
  }
  return backslashes % 2 === 1;
}

// A bracketed span in any of the brackets people use for citations, on one line.
const ANY_BRACKETS = /[[［【]([^[\]［］【】\r\n]{1,300})[\]］】]/g;

/**
 * Finds citations that spec.md §1 does not recognise because of their brackets or their full-width
 * characters (`［2023-JS §3.4］`, `【2023-JS §3.4】`, `[２０２３-JS §3.4]`), outside code and comments.
 */
export function findNonCanonicalCitations(text: string, scan: BriefScan): NonCanonicalProblem[] {
  const problems: NonCanonicalProblem[] = [];
  const excluded = scan.excluded;
  const citationStarts = new Set(scan.citations.map((citation) => citation.start));
  for (const match of text.matchAll(ANY_BRACKETS)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const open = match[0][0];
    const close = match[0][match[0].length - 1];
    const body = match[1];
    // Plain brackets around an ASCII `DDDD-` are already citations (well-formed or malformed).
    if (citationStarts.has(start) || !looksLikeCitationLeniently(body) || (open === '[' && close === ']' && /^\d{4}-/.test(body))) {
      continue;
    }
    if ((open === '[' && isEscaped(text, start)) || overlapsAny({ start, end }, excluded)) {
      continue;
    }
    const canonical = canonicalCitationBody(body);
    if (!canonical) {
      continue;
    }
    problems.push({
      code: DiagnosticCodes.nonCanonicalCitation,
      message: `non-canonical citation: write [${canonical}]`,
      start,
      end,
      canonical: `[${canonical}]`,
    });
  }
  return problems;
}

/** The canonical form of a malformed citation, when a lenient reading understands it. */
export function canonicalFormOf(text: string, citation: Citation): string | undefined {
  if (!citation.malformed) {
    return undefined;
  }
  const canonical = canonicalCitationBody(text.slice(citation.start + 1, citation.end - 1));
  return canonical ? `[${canonical}]` : undefined;
}

function overlaps(span: Span, range: Span): boolean {
  return span.start <= range.end && range.start <= span.end;
}

/** Nearest clause keys to a missing path: same depth first, by edit distance. */
export function nearestKeys(document: IndexedDocument, path: readonly number[], limit = 3): string[] {
  const key = pathToString(path);
  const sameDepth = document.document.clauses.filter((clause) => clause.path.length === path.length).map((clause) => clause.key);
  const scored = sameDepth
    .map((candidate) => ({ candidate, distance: editDistance(key, candidate, 2) }))
    .filter((entry) => entry.distance <= 2)
    .sort((left, right) => left.distance - right.distance || numericOrder(left.candidate, right.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

function numericOrder(left: string, right: string): number {
  const a = left.split('.').map(Number);
  const b = right.split('.').map(Number);
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

function citationFixes(text: string, citation: Citation, index: CorpusIndex, scope: CorpusScope): QuickFix[] {
  const fixes: QuickFix[] = [];
  if (citation.malformed) {
    const canonical = canonicalFormOf(text, citation);
    if (canonical && canonical !== text.slice(citation.start, citation.end)) {
      fixes.push({
        title: `Change to ${canonical}`,
        code: DiagnosticCodes.malformedCitation,
        problem: citation,
        edits: [{ start: citation.start, end: citation.end, newText: canonical }],
        preferred: true,
      });
    }
    return fixes;
  }
  for (const cite of citation.cites) {
    const document = index.resolve(cite.docId, scope);
    if (!document) {
      const suggestions = nearest(cite.docId, index.ids(scope));
      suggestions.forEach((suggestion, rank) =>
        fixes.push({
          title: `Change to ${suggestion}`,
          code: DiagnosticCodes.unknownDocument,
          problem: cite.docIdSpan,
          edits: [{ start: cite.docIdSpan.start, end: cite.docIdSpan.end, newText: suggestion }],
          preferred: rank === 0 && suggestions.length === 1,
        }),
      );
      continue;
    }
    for (const pinpoint of cite.pinpoints) {
      const problem = resolvePinpoint(document, pinpoint).problem;
      if (!problem || problem.code !== DiagnosticCodes.unknownClause) {
        continue;
      }
      const fromKey = pathToString(pinpoint.from);
      const fromSpan = { start: pinpoint.pathSpan.start, end: pinpoint.pathSpan.start + fromKey.length };
      let missing = pinpoint.from;
      let span = fromSpan;
      if (document.byKey.has(fromKey) && pinpoint.toWritten) {
        missing = expandRangeEnd(pinpoint.from, pinpoint.toWritten);
        const written = pathToString(pinpoint.toWritten);
        span = { start: pinpoint.end - written.length, end: pinpoint.end };
      }
      const suggestions = nearestKeys(document, missing);
      suggestions.forEach((key, rank) => {
        // A shortened range end is replaced by a full path.
        fixes.push({
          title: `Change to §${key}`,
          code: DiagnosticCodes.unknownClause,
          problem: pinpoint,
          edits: [{ start: span.start, end: span.end, newText: key }],
          preferred: rank === 0 && suggestions.length === 1,
        });
      });
    }
  }
  return fixes;
}

function quoteFixes(problem: QuoteProblem, text: string): QuickFix[] {
  const fixes: QuickFix[] = [];
  if (problem.exact !== undefined && problem.exact !== text.slice(problem.replace.start, problem.replace.end)) {
    fixes.push({
      title: 'Replace the quotation with the exact text of the source',
      code: DiagnosticCodes.quoteMismatch,
      problem,
      edits: [{ start: problem.replace.start, end: problem.replace.end, newText: problem.exact }],
      preferred: problem.foundIn === undefined,
    });
  }
  return fixes;
}

/** Re-cites a misquotation to the clause where the quotation does stand. */
function recitationFix(problem: QuoteProblem, scan: BriefScan): QuickFix | undefined {
  if (!problem.foundIn) {
    return undefined;
  }
  const citation = scan.citations.find((candidate) => candidate.start >= problem.end && candidate.cites.length > 0);
  if (!citation || citation.cites.length !== 1) {
    return undefined;
  }
  const newText = `[${problem.foundIn.docId} §${problem.foundIn.key}]`;
  return {
    title: `Cite ${newText} instead, where the quotation stands`,
    code: DiagnosticCodes.quoteMismatch,
    problem,
    edits: [{ start: citation.start, end: citation.end, newText }],
    preferred: true,
  };
}

/** The quick fixes for the problems that overlap `range` (offsets) in a brief. */
export function computeQuickFixes(text: string, scan: BriefScan, range: Span, index: CorpusIndex, scope: CorpusScope): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const citation of scan.citations) {
    if (overlaps(citation, range)) {
      fixes.push(...citationFixes(text, citation, index, scope));
    }
  }
  for (const problem of findNonCanonicalCitations(text, scan)) {
    if (overlaps(problem, range)) {
      fixes.push({
        title: `Change to ${problem.canonical}`,
        code: DiagnosticCodes.nonCanonicalCitation,
        problem,
        edits: [{ start: problem.start, end: problem.end, newText: problem.canonical }],
        preferred: true,
      });
    }
  }
  for (const problem of computeQuoteProblems(text, scan, index, scope)) {
    const citation = scan.citations.find((candidate) => candidate.start >= problem.end);
    const whole = { start: problem.start, end: citation?.end ?? problem.end };
    if (overlaps(whole, range)) {
      fixes.push(...quoteFixes(problem, text));
      const recite = recitationFix(problem, scan);
      if (recite) {
        fixes.push(recite);
      }
    }
  }
  return fixes;
}
