/**
 * Go-to-definition: from a citation to the cited clause in its corpus file.
 */
import { CitationTarget } from './briefModel';
import { LineRange } from './corpusParser';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import { resolveCited } from './relations';

/** A place in a corpus file. */
export interface CorpusLocation {
  readonly uri: string;
  readonly range: LineRange;
}

/** Where the citation target points, or undefined. */
export function computeDefinition(target: CitationTarget, index: CorpusIndex, scope: CorpusScope): CorpusLocation | undefined {
  const cite = target.cite ?? target.citation.cites[0];
  if (!cite) {
    return undefined;
  }
  const document = index.resolve(cite.docId, scope);
  if (!document) {
    return undefined;
  }
  const pinpoint = target.pinpoint ?? (target.onDocId ? undefined : cite.pinpoints[0]);
  if (pinpoint) {
    const resolved = resolveCited(index, scope, document, pinpoint);
    const clause = resolved.clauses[0];
    if (clause) {
      // A provision an amendment inserted opens in the amendment's file.
      return { uri: (resolved.source?.document ?? document).uri, range: clause.range };
    }
  }
  // The document as a whole: its id in the front matter.
  return { uri: document.uri, range: document.skeleton.info.idRange ?? { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 } };
}
