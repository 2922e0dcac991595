/**
 * Diagnostics of a brief: every citation checked against the corpus. Pure: a scan and an index in,
 * problems with offsets out.
 *
 * With a `ProblemMemo` (one per open brief), each citation's problems are kept, relative to the citation, and
 * reused on the next check while the citation's text and binding (what an alias or `ibid.` names) are the
 * same and nothing it depends on changed in the corpus: the documents of the ids it cites, the instruments
 * they name, and (for an unknown id) the set of ids. So an edit costs the citations it changed, whatever the
 * brief and the corpus hold.
 */
import { hasLead } from './briefBinding';
import { BriefScan, serialOf } from './briefScanner';
import { Citation } from './citationParser';
import { findNonCanonicalCitations, NonCanonicalProblem } from './codeActions';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import { originOf } from './incrementalScan';
import { citationKey, dependenciesOf, LEAD, ProblemMemo, stillValid } from './problemMemo';
import { quoteProblemSteps } from './quoteCheck';
import { finish, STEP, Steps } from './steps';
import { insertedTooEarly, resolveCited, StatusContext, statusOf } from './relations';
import { unknownDocumentMessage } from './resolve';
import { formatFactDate, statusWarning } from './status';
import { DiagnosticCodes, Problem } from './types';

/** How much text the search for non-canonical brackets reads between two chances to stop. */
const TEXT_STEP = 1 << 17;

/**
 * Checks every citation of a scanned brief. With the brief's `text`, also checks the quotations that
 * citations vouch for (`quote-mismatch`) and finds citations in non-canonical brackets
 * (`non-canonical-citation`); problems then come in text order. With `status`, also the status of each
 * cited instrument at the brief's date (`instrument-status`). With `memo` (and `text`), reuses what the
 * brief's last check found for the citations that did not change.
 */
export function computeBriefProblems(scan: BriefScan, index: CorpusIndex, scope: CorpusScope, text?: string, status?: StatusContext, memo?: ProblemMemo): Problem[] {
  return finish(briefProblemSteps(scan, index, scope, text, status, memo));
}

/**
 * `computeBriefProblems` as a computation that stops every `STEP` citations or quotations, so that a host can
 * answer other requests while a large brief is checked. The host must not resume it once the brief or the
 * memo moved on (a newer check of the same brief began): see `languageService.ts`, `briefDiagnosticsCheck`.
 * NOTE: a check that spans a change of the corpus reports each citation as the corpus was when that citation
 * was checked; the change itself makes the host check the brief again.
 */
export function* briefProblemSteps(scan: BriefScan, index: CorpusIndex, scope: CorpusScope, text?: string, status?: StatusContext, memo?: ProblemMemo): Steps<Problem[]> {
  const problems: Problem[] = [];
  const citations = scan.citations;
  if (memo && text !== undefined) {
    memo.begin(`${scope.join('\n')}\u0000${status ? `${status.at.text}|${status.briefDate}|${status.today.text}` : 'off'}`);
    for (let at = 0; at < citations.length; at++) {
      if (at % STEP === STEP - 1) {
        yield;
      }
      const citation = citations[at];
      // A citation binding left as it is, by the citation the scanner found; one with an alias or `ibid.`, by
      // its text and what binding made of it.
      let origin: Citation | undefined = originOf(citation);
      let key: string | undefined;
      let entry = memo.byOrigin(origin);
      if (entry === LEAD || (entry === undefined && hasLead(citation))) {
        if (entry === undefined) {
          memo.markLead(origin);
        }
        origin = undefined;
        key = citationKey(text, citation);
        entry = memo.byKey(key);
      } else if (entry === undefined) {
        // A citation the scanner found again (a full scan after an edit across lines): by its text.
        key = citationKey(text, citation);
        entry = memo.byKey(key);
        if (entry) {
          memo.setOrigin(origin, entry);
        }
      }
      if (!entry || !stillValid(entry.dependencies, index)) {
        const found = citationProblems(citation, index, scope, status);
        const start = citation.start;
        entry = memo.set(
          origin,
          key,
          found.map((problem) => ({ code: problem.code, message: problem.message, start: problem.start - start, end: problem.end - start })),
          dependenciesOf(citation, index, scope),
        );
      }
      if (entry.problems.length > 0) {
        const start = citation.start;
        for (const problem of entry.problems) {
          problems.push({ code: problem.code, message: problem.message, start: problem.start + start, end: problem.end + start });
        }
      }
    }
    memo.end(citations.length);
  } else {
    for (let at = 0; at < citations.length; at++) {
      if (at % STEP === STEP - 1) {
        yield;
      }
      for (const problem of citationProblems(citations[at], index, scope, status)) {
        problems.push(problem);
      }
    }
  }
  if (text !== undefined) {
    // NOTE: pushed one by one: a brief may have more problems than a call may take arguments.
    for (const problem of yield* quoteProblemSteps(text, scan, index, scope, undefined, memo)) {
      problems.push(problem);
    }
    for (const problem of yield* nonCanonicalSteps(text, scan, index, memo)) {
      problems.push(problem);
    }
    problems.sort((left, right) => left.start - right.start || left.end - right.end);
  }
  return problems;
}

/**
 * The citations in non-canonical brackets; after an edit of one line, those of the edited line found again and
 * the others taken from the last check. A whole text is read a slice at a time (the brackets cannot span lines).
 */
function* nonCanonicalSteps(text: string, scan: BriefScan, index: CorpusIndex, memo: ProblemMemo | undefined): Steps<NonCanonicalProblem[]> {
  const edit = memo ? scan.edit : undefined;
  const before = edit && memo ? memo.canonicalOf(edit.from, index.idsGeneration) : undefined;
  let found: NonCanonicalProblem[];
  if (edit && before) {
    const delta = edit.newEnd - edit.oldEnd;
    found = before.filter((problem) => problem.end <= edit.start);
    found.push(...findNonCanonicalCitations(text, scan, edit.start, edit.newEnd));
    for (const problem of before) {
      if (problem.start >= edit.oldEnd) {
        found.push({ ...problem, start: problem.start + delta, end: problem.end + delta });
      }
    }
  } else {
    found = [];
    for (let from = 0; from < text.length; ) {
      const to = lineStartAfter(text, from + TEXT_STEP);
      for (const problem of findNonCanonicalCitations(text, scan, from, to)) {
        found.push(problem);
      }
      from = to;
      if (from < text.length) {
        yield;
      }
    }
  }
  memo?.setCanonical(serialOf(scan), index.idsGeneration, found);
  return found;
}

/** The start of the first line at or after `offset` (the text's length when there is none). */
function lineStartAfter(text: string, offset: number): number {
  let cursor = offset;
  while (cursor < text.length) {
    const code = text.charCodeAt(cursor++);
    if (code === 0x0a || code === 0x0d) {
      return cursor;
    }
  }
  return text.length;
}

/** The problems of one citation. */
function citationProblems(citation: Citation, index: CorpusIndex, scope: CorpusScope, status: StatusContext | undefined): Problem[] {
  if (citation.malformed) {
    return [{ code: DiagnosticCodes.malformedCitation, message: `malformed citation: ${citation.malformed.message}`, start: citation.start, end: citation.end }];
  }
  const problems: Problem[] = [];
  for (const cite of citation.cites) {
    if (cite.ambiguous) {
      problems.push({
        code: DiagnosticCodes.unknownDocument,
        message: `ambiguous ${cite.lead === 'ibid' ? 'citation' : 'alias'}: ${cite.written === undefined ? '' : `${cite.written} `}names ${cite.ambiguous.join(' and ')}, which both give the alias; cite one of them by its id`,
        start: cite.docIdSpan.start,
        end: cite.docIdSpan.end,
      });
      continue;
    }
    const document = index.resolve(cite.docId, scope);
    if (!document) {
      if (cite.lead === 'ibid') {
        continue; // the cite it refers to is reported where it stands
      }
      problems.push({
        code: DiagnosticCodes.unknownDocument,
        message: unknownDocumentMessage(index, cite, scope),
        start: cite.docIdSpan.start,
        end: cite.docIdSpan.end,
      });
      continue;
    }
    if (status && cite.lead !== 'ibid') {
      const message = statusWarning(cite.docId, statusOf(index, scope, document, status.at, status.today), status);
      if (message) {
        problems.push({ code: DiagnosticCodes.instrumentStatus, message, start: cite.docIdSpan.start, end: cite.docIdSpan.end });
      }
    }
    for (const pinpoint of cite.pinpoints) {
      if (pinpoint.inherited) {
        continue; // reported on the citation `ibid.` takes them from
      }
      const resolved = resolveCited(index, scope, document, pinpoint);
      const problem = resolved.problem ?? resolved.warning;
      if (problem) {
        problems.push({ code: problem.code, message: problem.message, start: problem.span.start, end: problem.span.end });
      }
      const early = status && resolved.source ? insertedTooEarly(resolved, status.at, status.today) : undefined;
      if (status && early && resolved.source) {
        const until = early.until ? ` (${formatFactDate(early.until)})` : '';
        const when = status.briefDate ? ` on ${formatFactDate(status.at)}, the brief's date` : '';
        problems.push({
          code: DiagnosticCodes.instrumentStatus,
          message: `instrument status: this provision of ${cite.docId} comes from the amendment ${resolved.source.id}, not yet ${early.state === 'not-yet-adopted' ? 'adopted' : 'in force'}${until}${when}`,
          start: pinpoint.start,
          end: pinpoint.end,
        });
      }
    }
  }
  return problems;
}
