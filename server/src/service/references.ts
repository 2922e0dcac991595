/**
 * Find all references: every citation of a document or clause across the briefs of the workspace, from a
 * citation in a brief or from a clause, section or front matter in a corpus file. Also the citation counts
 * that CodeLens shows.
 *
 * What refers to what: a pinpoint refers to every clause it names (each clause of a range, so §3.4–3.6
 * refers to §3.5) and, through them, to the clauses that contain them (§3.4 is part of section 3 and
 * counts as a citation of it). A citation of a whole section does not refer to each of its paragraphs.
 */
import { BriefIndex, boundCitations, IndexedBrief, rangeIn, TextPosition } from './briefIndex';
import { CitationTarget } from './briefModel';
import { Cite, Pinpoint } from './citationParser';
import { Clause, LineRange, readFrontMatter } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { resolvePinpoint } from './resolve';
import { Span } from './types';

/** What references are looked for: a document, or some of its clauses (by path key). */
export interface ReferenceTarget {
  readonly docId: string;
  /** The clause keys; undefined for the whole document. */
  readonly keys?: readonly string[];
}

/** A citation found by a search, located in its brief. */
export interface Reference {
  readonly uri: string;
  readonly span: Span;
  readonly range: { readonly start: TextPosition; readonly end: TextPosition };
}

/** The scope each brief sees (its workspace folder's corpus roots). */
export type ScopeOf = (uri: string) => CorpusScope;

/** The target of a citation under the cursor in a brief. */
export function targetOfCitation(target: CitationTarget, index: CorpusIndex, scope: CorpusScope): ReferenceTarget | undefined {
  const cite = target.cite ?? (target.citation.cites.length === 1 ? target.citation.cites[0] : undefined);
  if (!cite) {
    return undefined;
  }
  if (target.onDocId || !target.pinpoint) {
    return { docId: cite.docId };
  }
  const document = index.resolve(cite.docId, scope);
  if (!document) {
    return { docId: cite.docId, keys: [] };
  }
  const resolved = resolvePinpoint(document, target.pinpoint);
  return { docId: cite.docId, keys: resolved.clauses.map((clause) => clause.key) };
}

function contains(range: LineRange, line: number): boolean {
  return line >= range.startLine && line <= range.endLine;
}

/** The clause of a corpus file at a line: the deepest one whose lines hold it. */
export function clauseAtLine(entry: IndexedDocument, line: number): Clause | undefined {
  let best: Clause | undefined;
  let section: Clause | undefined;
  for (const clause of entry.tree.clauses) {
    if (clause.range.startLine > line) {
      break;
    }
    if (clause.kind === 'section') {
      section = clause;
    }
    if (contains(clause.range, line) && (!best || clause.path.length >= best.path.length)) {
      best = clause;
    }
  }
  return best ?? section;
}

/** The target at a position of a corpus file: a clause, or the document on its front matter. */
export function targetInCorpus(entry: IndexedDocument, text: string, position: TextPosition): ReferenceTarget | undefined {
  const docId = entry.tree.id;
  if (docId === undefined) {
    return undefined;
  }
  const idRange = entry.skeleton.info.idRange;
  if (idRange && position.line === idRange.startLine) {
    return { docId };
  }
  const first = entry.tree.clauses[0];
  if (!first || position.line < first.range.startLine) {
    const frontMatter = readFrontMatter(text.split(/\r\n|\r|\n/, Math.max(position.line + 2, 200)));
    if (frontMatter.present && position.line < frontMatter.bodyLine) {
      return { docId };
    }
  }
  const clause = clauseAtLine(entry, position.line);
  return clause ? { docId, keys: [clause.key] } : undefined;
}

/** The keys a pinpoint refers to: its clauses and every clause that contains one of them (its annex too). */
export function keysReferredTo(document: IndexedDocument, pinpoint: Pinpoint): Set<string> {
  const keys = new Set<string>();
  const clauses = document.tree.clauses;
  for (const clause of resolvePinpoint(document, pinpoint).clauses) {
    for (let current: Clause | undefined = clause; current; current = current.parent >= 0 ? clauses[current.parent] : undefined) {
      keys.add(current.key);
    }
  }
  return keys;
}

function referenceOf(brief: IndexedBrief, span: Span): Reference {
  return { uri: brief.uri, span, range: rangeIn(brief, span) };
}

/** Calls `visit` for every cite of `docId` in the briefs, with the document the brief's scope resolves it to. */
function forEachCite(
  docId: string,
  briefs: BriefIndex,
  index: CorpusIndex,
  scopeOf: ScopeOf,
  visit: (brief: IndexedBrief, cite: Cite, document: IndexedDocument | undefined) => void,
): void {
  const aliases = new Set(index.withId(docId).flatMap((entry) => entry.header.aliases));
  for (const brief of briefs.citing(docId, ...aliases)) {
    const scope = scopeOf(brief.uri);
    const document = index.resolve(docId, scope);
    for (const citation of boundCitations(brief, index, scope)) {
      for (const cite of citation.cites) {
        if (cite.docId === docId) {
          visit(brief, cite, document);
        }
      }
    }
  }
}

/** Every citation of a target, in brief URI order then text order. */
export function findReferences(target: ReferenceTarget, briefs: BriefIndex, index: CorpusIndex, scopeOf: ScopeOf): Reference[] {
  const references: Reference[] = [];
  const wanted = target.keys;
  forEachCite(target.docId, briefs, index, scopeOf, (brief, cite, document) => {
    if (wanted === undefined) {
      references.push(referenceOf(brief, cite.docIdSpan));
      return;
    }
    if (!document) {
      return;
    }
    for (const pinpoint of cite.pinpoints) {
      const keys = keysReferredTo(document, pinpoint);
      if (wanted.some((key) => keys.has(key))) {
        references.push(referenceOf(brief, pinpoint));
      }
    }
  });
  return references;
}

/** How many pinpoints refer to each clause of a corpus file (see the rule at the top of this file). */
export function citationCounts(entry: IndexedDocument, briefs: BriefIndex, index: CorpusIndex, scopeOf: ScopeOf): Map<string, number> {
  const counts = new Map<string, number>();
  const docId = entry.tree.id;
  if (docId === undefined) {
    return counts;
  }
  forEachCite(docId, briefs, index, scopeOf, (_brief, cite, document) => {
    if (!document) {
      return;
    }
    for (const pinpoint of cite.pinpoints) {
      for (const key of keysReferredTo(document, pinpoint)) {
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  });
  return counts;
}
