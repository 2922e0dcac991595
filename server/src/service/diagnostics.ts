/**
 * Diagnostics of a brief: every citation checked against the corpus. Pure: a scan and an index in,
 * problems with offsets out.
 */
import { BriefScan } from './briefScanner';
import { findNonCanonicalCitations } from './codeActions';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import { computeQuoteProblems } from './quoteCheck';
import { insertedTooEarly, resolveCited, StatusContext, statusOf } from './relations';
import { unknownDocumentMessage } from './resolve';
import { formatFactDate, statusWarning } from './status';
import { DiagnosticCodes, Problem } from './types';

/**
 * Checks every citation of a scanned brief. With the brief's `text`, also checks the quotations that
 * citations vouch for (`quote-mismatch`) and finds citations in non-canonical brackets
 * (`non-canonical-citation`); problems then come in text order. With `status`, also the status of each
 * cited instrument at the brief's date (`instrument-status`).
 */
export function computeBriefProblems(scan: BriefScan, index: CorpusIndex, scope: CorpusScope, text?: string, status?: StatusContext): Problem[] {
  const problems: Problem[] = [];
  for (const citation of scan.citations) {
    if (citation.malformed) {
      problems.push({
        code: DiagnosticCodes.malformedCitation,
        message: `malformed citation: ${citation.malformed.message}`,
        start: citation.start,
        end: citation.end,
      });
      continue;
    }
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
  }
  if (text !== undefined) {
    problems.push(...computeQuoteProblems(text, scan, index, scope), ...findNonCanonicalCitations(text, scan));
    problems.sort((left, right) => left.start - right.start || left.end - right.end);
  }
  return problems;
}
