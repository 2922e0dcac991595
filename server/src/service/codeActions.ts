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
import { Cite, Citation, expandRangeEnd, formatCite, isDocId, parseCitationBody, pathToString, Pinpoint } from './citationParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { computeQuoteProblems, overlapsAny, QuoteProblem } from './quoteCheck';
import { carryOver, StatusContext, statusOf } from './relations';
import { editDistance, nearest, pinpointFor, printedPinpointOf, resolvePinpoint, ResolvedPinpoint } from './resolve';
import { DiagnosticCode, DiagnosticCodes, Problem, Span } from './types';

/** A replacement of `text[start..end)`. */
export interface OffsetEdit extends Span {
  readonly newText: string;
}

/** A quick fix, in offsets. */
export interface QuickFix {
  readonly title: string;
  /** The code of the problem it fixes; absent for a rewrite that fixes no problem. */
  readonly code?: DiagnosticCode;
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
const OTHER_HEAD = /^([A-Z][A-Z0-9-]*|[Ii]bid\.?|[Ii]d\.)(?=\s|$)(.*)$/s;
const SUFFIX = String.raw`(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?`;
const LABEL = String.raw`[0-9]+[A-Za-z]?${SUFFIX}|[IVXLCDM]+${SUFFIX}|[A-Za-z]{1,4}`;
const PARENS = String.raw`(?:\(\s*(?:[0-9A-Za-z]{1,12}${SUFFIX})\s*\)\s*)*`;
const PRINTED = new RegExp(String.raw`^(?:(annex)\s*(${LABEL})\s+)?(art(?:icle)?s?\.?|para(?:graph)?s?\.?)\s*(${LABEL})\s*(${PARENS})$`, 'i');
const PRINTED_END = new RegExp(String.raw`^(?:(${LABEL})\s*)?(${PARENS})$`, 'i');

function parseLenientPath(text: string): number[] {
  return text.split('.').map((part) => Number(part.trim()));
}

function parens(text: string): string {
  return [...text.matchAll(/\(\s*([^)]*?)\s*\)/g)].map((match) => `(${match[1].replace(/\s+/g, ' ')})`).join('');
}

/** A printed pinpoint read leniently (`Art 31 (3)(a)`, `art.31`, `Article 31(3)`), written canonically (`art. 31(3)(a)`). */
function canonicalPrinted(text: string): string | undefined {
  const [startText, ...ends] = text.split(/\s*[-–—]\s*/);
  if (ends.length > 1) {
    return undefined;
  }
  const start = PRINTED.exec(startText.trim());
  if (!start) {
    return undefined;
  }
  const head = /^para/i.test(start[3]) ? 'para.' : 'art.';
  const annex = start[1] ? `annex ${start[2]} ` : '';
  const label = start[4].replace(/\s+/g, ' ');
  const first = `${annex}${head} ${label}${parens(start[5])}`;
  if (ends.length === 0) {
    return first;
  }
  const endText = ends[0].trim();
  const full = canonicalPrinted(endText);
  if (full !== undefined) {
    return `${first}–${full}`;
  }
  const end = PRINTED_END.exec(endText);
  if (!end || (end[1] === undefined && end[2] === '')) {
    return undefined;
  }
  const written = `${end[1] ? end[1].replace(/\s+/g, ' ') : ''}${parens(end[2])}`;
  const plural = end[1] && start[5] === '' ? first.replace(/^(annex \S+ )?art\. /, '$1arts ').replace(/^(annex \S+ )?para\. /, '$1paras ') : first;
  return `${plural}–${written}`;
}

/** One pinpoint read leniently: a `§` path (the `§` may be missing) or a printed one. */
function canonicalPinpoint(text: string): string | undefined {
  const match = PINPOINT.exec(text);
  if (match) {
    const from = parseLenientPath(match[1]);
    const to = match[2] !== undefined ? parseLenientPath(match[2]) : undefined;
    if ([...from, ...(to ?? [])].some((number) => !Number.isSafeInteger(number) || number > 999_999_999)) {
      return undefined;
    }
    return formatCite('', [{ from, to }]).trim();
  }
  return canonicalPrinted(text);
}

/**
 * Reads the inside of brackets leniently (full-width forms, spaces anywhere, lower-case ids, a missing `§`,
 * missing spaces after `,` and `;`, printed pinpoints written loosely) and writes it in canonical form,
 * e.g. `2023-JS §3.4` or `VCLT art. 31(3)(a)`. Undefined when it cannot be read as a citation.
 */
export function canonicalCitationBody(body: string): string | undefined {
  const text = body.normalize('NFKC').trim();
  if (text.length === 0) {
    return undefined;
  }
  const cites: string[] = [];
  for (const rawCite of text.split(';')) {
    const head = CITE_HEAD.exec(rawCite.trim());
    const other = head ? undefined : OTHER_HEAD.exec(rawCite.trim());
    let lead: string;
    let rest: string;
    if (head) {
      lead = `${head[1]}-${head[2].toUpperCase()}`;
      rest = head[3];
      if (!isDocId(lead)) {
        return undefined;
      }
    } else if (other) {
      lead = /^[Ii]bid/.test(other[1]) ? `${other[1][0]}bid.` : other[1];
      rest = other[2];
    } else {
      return undefined;
    }
    const pinpoints: string[] = [];
    if (rest.trim().length > 0) {
      for (const rawPinpoint of rest.trim().split(',')) {
        const pinpoint = canonicalPinpoint(rawPinpoint.trim());
        if (pinpoint === undefined) {
          return undefined;
        }
        pinpoints.push(pinpoint);
      }
    }
    cites.push(pinpoints.length > 0 ? `${lead} ${pinpoints.join(', ')}` : lead);
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

// A bracketed span in any of the brackets people use for citations, on one line (tried at an opening bracket).
const ANY_BRACKETS = /[[［【]([^[\]［］【】\r\n]{1,300})[\]］】]/y;

/** The next opening bracket (`[`, `［`, `【`) at or after `from`, or -1. */
function nextOpening(text: string, from: number, until = text.length): number {
  for (let index = from; index < until; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5b || code === 0xff3b || code === 0x3010) {
      return index;
    }
  }
  return -1;
}

/**
 * True for `[DDDD-…]` in ASCII brackets: already a citation (well-formed or malformed), never a non-canonical
 * one. Checked without the pattern, as it is what almost every bracket of a brief is.
 */
function opensPlainCitation(text: string, start: number): boolean {
  if (text.charCodeAt(start) !== 0x5b || text.charCodeAt(start + 5) !== 0x2d) {
    return false;
  }
  for (let index = start + 1; index <= start + 4; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) {
      return false;
    }
  }
  // The span must close with `]` (a full-width close makes it a candidate after all).
  for (let index = start + 6; index < text.length && index <= start + 301; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5d) {
      return true;
    }
    if (code === 0x5b || code === 0xff3b || code === 0x3010 || code === 0xff3d || code === 0x3011 || code === 0x0a || code === 0x0d) {
      return false;
    }
  }
  return false;
}

/**
 * Finds citations that spec.md §1 does not recognise because of their brackets or their full-width
 * characters (`［2023-JS §3.4］`, `【2023-JS §3.4】`, `[２０２３-JS §3.4]`), outside code and comments.
 */
export function findNonCanonicalCitations(text: string, scan: BriefScan, from = 0, to = text.length): NonCanonicalProblem[] {
  const problems: NonCanonicalProblem[] = [];
  const excluded = scan.excluded;
  let citationStarts: Set<number> | undefined;
  // NOTE: a scan from bracket to bracket, with the pattern tried only where a bracket opens something else
  // than a plain citation: a brief of a quarter of a million citations is read once, not matched whole. With
  // `from` and `to`, only the brackets that open in between (an edited line).
  for (let start = nextOpening(text, from, to); start >= 0; start = nextOpening(text, start + 1, to)) {
    if (opensPlainCitation(text, start)) {
      continue;
    }
    ANY_BRACKETS.lastIndex = start;
    const match = ANY_BRACKETS.exec(text);
    if (!match) {
      continue;
    }
    const end = start + match[0].length;
    citationStarts ??= citationStartsBetween(scan, from, to);
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

/** The starts of the citations of a scan that start in `[from, to)`. */
function citationStartsBetween(scan: BriefScan, from: number, to: number): Set<number> {
  const starts = new Set<number>();
  for (const citation of scan.citations) {
    const start = citation.start;
    if (start >= from && start < to) {
      starts.add(start);
    }
  }
  return starts;
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
  const sameDepth = document.tree.clauses.filter((clause) => clause.annex === undefined && clause.path.length === path.length).map((clause) => clause.key);
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
      if (pinpoint.inherited) {
        continue;
      }
      const resolved = resolvePinpoint(document, pinpoint);
      fixes.push(...printedFixes(text, document, pinpoint, resolved));
      const problem = resolved.problem;
      if (!problem || problem.code !== DiagnosticCodes.unknownClause || pinpoint.printed) {
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

/**
 * Fixes that write a `§` pinpoint in printed numbers: both readings of a positional mismatch (the clause the
 * path reaches, and the clause the numbers print), or, where they agree, a hint to write it as printed.
 */
function printedFixes(text: string, document: IndexedDocument, pinpoint: Pinpoint, resolved: ResolvedPinpoint): QuickFix[] {
  if (pinpoint.printed || pinpoint.toWritten || resolved.problem || resolved.clauses.length !== 1) {
    return [];
  }
  const clause = resolved.clauses[0];
  const edit = (newText: string): OffsetEdit[] => [{ start: pinpoint.start, end: pinpoint.end, newText }];
  const warning = resolved.warning;
  if (warning && warning.code === DiagnosticCodes.positionalMismatch) {
    const fixes: QuickFix[] = [];
    if (warning.printed) {
      fixes.push({
        title: `Write as ${warning.printed}, the clause ${text.slice(pinpoint.start, pinpoint.end)} reaches`,
        code: DiagnosticCodes.positionalMismatch,
        problem: pinpoint,
        edits: edit(warning.printed),
        preferred: false,
      });
    }
    if (warning.intended) {
      const intended = pinpointFor(document, warning.intended);
      fixes.push({
        title: `Cite ${intended} instead (§${warning.intended.key}), the clause printed with these numbers`,
        code: DiagnosticCodes.positionalMismatch,
        problem: pinpoint,
        edits: edit(intended),
        preferred: false,
      });
    }
    return fixes;
  }
  const printed = printedPinpointOf(document, clause);
  return printed === undefined ? [] : [{ title: `Write as ${printed}`, problem: pinpoint, edits: edit(printed), preferred: false }];
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
  const newText = `[${problem.foundIn.docId} ${problem.foundIn.pinpoint}]`;
  return {
    title: `Cite ${newText} instead, where the quotation stands`,
    code: DiagnosticCodes.quoteMismatch,
    problem,
    edits: [{ start: citation.start, end: citation.end, newText }],
    preferred: true,
  };
}

/**
 * For a cite of a superseded instrument (`instrument-status`), cite its successor instead: with the same
 * provisions where the successor's relation says how they carry over and they resolve there, and as the
 * whole instrument in any case.
 */
function successorFixes(cite: Cite, index: CorpusIndex, scope: CorpusScope, status: StatusContext): QuickFix[] {
  const document = cite.lead === 'ibid' || cite.ambiguous ? undefined : index.resolve(cite.docId, scope);
  if (!document) {
    return [];
  }
  const judgement = statusOf(index, scope, document, status.at, status.today);
  const succession = judgement.state === 'superseded' ? judgement.succession : undefined;
  if (!succession || !index.resolve(succession.successor, scope)) {
    return [];
  }
  const fixes: QuickFix[] = [];
  const successor = succession.successor;
  const edit = (newText: string): OffsetEdit[] => [{ start: cite.start, end: cite.end, newText }];
  if (cite.pinpoints.length > 0) {
    const carried = cite.pinpoints.map((pinpoint) => carryOver(index, scope, document, pinpoint, succession));
    if (carried.every((pinpoint) => pinpoint !== undefined)) {
      const newText = `${successor} ${carried.join(', ')}`;
      fixes.push({ title: `Cite ${newText} instead`, code: DiagnosticCodes.instrumentStatus, problem: cite.docIdSpan, edits: edit(newText), preferred: true });
    }
  }
  fixes.push({
    title: cite.pinpoints.length > 0 && fixes.length === 0 ? `Cite ${successor} instead (its provisions are not known to correspond)` : `Cite ${successor} instead`,
    code: DiagnosticCodes.instrumentStatus,
    problem: cite.docIdSpan,
    edits: edit(successor),
    preferred: fixes.length === 0 && cite.pinpoints.length === 0,
  });
  return fixes;
}

/**
 * The quick fixes for the problems that overlap `range` (offsets) in a brief; with `status`, also those of
 * `instrument-status` judged at its date.
 */
export function computeQuickFixes(text: string, scan: BriefScan, range: Span, index: CorpusIndex, scope: CorpusScope, status?: StatusContext): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const citation of scan.citations) {
    if (overlaps(citation, range)) {
      fixes.push(...citationFixes(text, citation, index, scope));
      if (status) {
        for (const cite of citation.cites) {
          fixes.push(...successorFixes(cite, index, scope, status));
        }
      }
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
