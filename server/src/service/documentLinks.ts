/**
 * Document links on citations: each pinpoint opens its clause, each document id its corpus file, at the
 * line (`file:///…/2023-JS.md#L40`).
 */
import { BriefScan } from './briefScanner';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import { clauseDisplay, pinpointFor, resolvePinpoint } from './resolve';
import { Span } from './types';

/** A link, in offsets. */
export interface CitationLink extends Span {
  /** The corpus file's URI with a `#L<line>` fragment (lines from 1). */
  readonly target: string;
  readonly tooltip: string;
}

function withLine(uri: string, line: number): string {
  return `${uri.replace(/#.*$/, '')}#L${line + 1}`;
}

/** The links of a brief's citations. */
export function computeDocumentLinks(scan: BriefScan, index: CorpusIndex, scope: CorpusScope): CitationLink[] {
  const links: CitationLink[] = [];
  for (const citation of scan.citations) {
    for (const cite of citation.cites) {
      const document = index.resolve(cite.docId, scope);
      if (!document) {
        continue;
      }
      const idLine = document.document.idRange?.startLine ?? 0;
      links.push({ ...cite.docIdSpan, target: withLine(document.uri, idLine), tooltip: `Open ${cite.docId}` });
      for (const pinpoint of cite.pinpoints) {
        const clause = resolvePinpoint(document, pinpoint).clauses[0];
        if (clause) {
          links.push({
            start: pinpoint.start,
            end: pinpoint.end,
            target: withLine(document.uri, clause.range.startLine),
            // Named as cited: `art. 31(3)` for a printed pinpoint, `§3.4` for a path (annex clauses have no path).
            tooltip: `Open ${cite.docId} ${pinpoint.printed ? pinpointFor(document, clause) : clauseDisplay(document, clause)}`,
          });
        }
      }
    }
  }
  return links;
}
