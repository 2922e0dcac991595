/**
 * CodeLens on corpus files: above each clause, how many times the workspace's briefs cite it; a click shows
 * those citations (the client's `pinpoint.showReferences` command, which runs find-references there).
 */
import { CodeLens, Range } from 'vscode-languageserver-types';
import { BriefIndex } from './briefIndex';
import { CorpusIndex, IndexedDocument } from './corpusIndex';
import { citationCounts, ScopeOf } from './references';

/** The client command a CodeLens runs: arguments are the corpus file's URI and the clause's position. */
export const SHOW_REFERENCES_COMMAND = 'pinpoint.showReferences';

/** `no citations`, `1 citation`, `3 citations`. */
export function citationCountTitle(count: number): string {
  return count === 0 ? 'no citations' : count === 1 ? '1 citation' : `${count} citations`;
}

/** One CodeLens per clause of a corpus file; `uri` is the file's URI as the client wrote it. */
export function computeCodeLenses(entry: IndexedDocument, briefs: BriefIndex, index: CorpusIndex, scopeOf: ScopeOf, uri = entry.uri): CodeLens[] {
  const counts = citationCounts(entry, briefs, index, scopeOf);
  const lenses: CodeLens[] = [];
  for (const clause of entry.tree.clauses) {
    const position = { line: clause.range.startLine, character: clause.range.startCharacter };
    const count = counts.get(clause.key) ?? 0;
    lenses.push({
      range: Range.create(position, position),
      command: { title: citationCountTitle(count), command: SHOW_REFERENCES_COMMAND, arguments: [uri, position] },
    });
  }
  return lenses;
}
