/**
 * Diagnostics of a brief: every citation checked against the corpus. Pure: a scan and an index in,
 * problems with offsets out.
 */
import { BriefScan } from './briefScanner';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import { resolvePinpoint, unknownDocumentMessage } from './resolve';
import { DiagnosticCodes, Problem } from './types';

/** Checks every citation of a scanned brief. */
export function computeBriefProblems(scan: BriefScan, index: CorpusIndex, scope: CorpusScope): Problem[] {
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
      const document = index.resolve(cite.docId, scope);
      if (!document) {
        problems.push({
          code: DiagnosticCodes.unknownDocument,
          message: unknownDocumentMessage(index, cite, scope),
          start: cite.docIdSpan.start,
          end: cite.docIdSpan.end,
        });
        continue;
      }
      for (const pinpoint of cite.pinpoints) {
        const problem = resolvePinpoint(document, pinpoint).problem;
        if (problem) {
          problems.push({ code: problem.code, message: problem.message, start: problem.span.start, end: problem.span.end });
        }
      }
    }
  }
  return problems;
}
