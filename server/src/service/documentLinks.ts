/**
 * Document links on citations: each pinpoint opens its clause, each document id its corpus file, at the
 * line (`file:///…/2023-JS.md#L40`).
 */
import { BriefScan } from './briefScanner';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { relationLinks, resolveCited } from './relations';
import { clauseDisplay, pinpointFor } from './resolve';
import { Span } from './types';
import { uriAtLine } from './markdownEscape';

/** A link, in offsets. */
export interface CitationLink extends Span {
  /** The corpus file's URI with a `#L<line>` fragment (lines from 1). */
  readonly target: string;
  readonly tooltip: string;
}

/** The links of a corpus file's front matter: each relation id (`amends`, `superseded_by`, …) opens what it names. */
export function computeRelationLinks(entry: IndexedDocument, index: CorpusIndex, scope: CorpusScope, offsetOf: (line: number, character: number) => number): CitationLink[] {
  return relationLinks(index, scope, entry).map(({ relation, target }) => ({
    start: offsetOf(relation.range.startLine, relation.range.startCharacter),
    end: offsetOf(relation.range.endLine, relation.range.endCharacter),
    target: uriAtLine(target.uri, target.range.startLine),
    tooltip: `Open ${relation.id}${relation.provision ? ` ${relation.provision}` : ''}`,
  }));
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
      const idLine = document.skeleton.info.idRange?.startLine ?? 0;
      links.push({ ...cite.docIdSpan, target: uriAtLine(document.uri, idLine), tooltip: `Open ${cite.docId}` });
      for (const pinpoint of cite.pinpoints) {
        const resolved = resolveCited(index, scope, document, pinpoint);
        const clause = resolved.clauses[0];
        if (clause) {
          const source = resolved.source;
          links.push({
            start: pinpoint.start,
            end: pinpoint.end,
            target: uriAtLine((source?.document ?? document).uri, clause.range.startLine),
            // Named as cited: `art. 31(3)` for a printed pinpoint, `§3.4` for a path (annex clauses have no path).
            tooltip: source
              ? `Open ${source.id} ${clauseDisplay(source.document, clause)} (the amendment that inserted it)`
              : `Open ${cite.docId} ${pinpoint.printed ? pinpointFor(document, clause) : clauseDisplay(document, clause)}`,
          });
        }
      }
    }
  }
  return links;
}
