/**
 * Resolves citations against the corpus index: which document, which clauses, and what is wrong.
 * Diagnostics, hover, definition and the command line all use these functions, so they always agree.
 */
import { Cite, Pinpoint, expandRangeEnd, pathToString } from './citationParser';
import { Clause } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { DiagnosticCode, DiagnosticCodes, Span } from './types';

/** A pinpoint resolved to the clauses it names. */
export interface ResolvedPinpoint {
  readonly pinpoint: Pinpoint;
  /** The clauses cited, in document order (one, or every clause of a range at the start's depth). */
  readonly clauses: readonly Clause[];
  readonly problem?: { readonly code: DiagnosticCode; readonly message: string; readonly span: Span };
}

/** Ranks strings by edit distance to `target`, for did-you-mean suggestions. */
export function nearest(target: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored: { candidate: string; distance: number }[] = [];
  const upper = target.toUpperCase();
  for (const candidate of candidates) {
    const distance = candidate.toUpperCase() === upper ? 0 : editDistance(upper, candidate.toUpperCase(), 3);
    if (distance <= 3) {
      scored.push({ candidate, distance });
    }
  }
  scored.sort((left, right) => left.distance - right.distance || (left.candidate < right.candidate ? -1 : 1));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

/** Levenshtein distance, giving up (returning `bound + 1`) once it exceeds `bound`. */
export function editDistance(left: string, right: string, bound: number): number {
  if (Math.abs(left.length - right.length) > bound) {
    return bound + 1;
  }
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    let rowMinimum = row;
    for (let column = 1; column <= right.length; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      const value = Math.min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > bound) {
      return bound + 1;
    }
    previous = current;
  }
  return previous[right.length];
}

/** Describes what a document does have near a missing path, e.g. "section 3 has §3.1–§3.17". */
function describeAvailable(document: IndexedDocument, path: readonly number[]): string {
  const parentKey = pathToString(path.slice(0, -1));
  const siblings = document.document.clauses.filter(
    (clause) => clause.path.length === path.length && pathToString(clause.path.slice(0, -1)) === parentKey,
  );
  if (siblings.length === 0) {
    if (path.length > 1 && document.byKey.has(parentKey)) {
      const itemDepth = document.document.hasSections ? 3 : 2;
      const parts = path.length < itemDepth ? 'paragraphs' : path.length === itemDepth ? 'items' : 'parts: it is an item';
      return `§${parentKey} has no ${parts}`;
    }
    return path.length > 1 ? `there is no §${parentKey} either` : 'it has no such clause';
  }
  const first = pathToString(siblings[0].path);
  const last = pathToString(siblings[siblings.length - 1].path);
  const where = path.length === 1 ? (document.document.hasSections ? 'its sections are' : 'its paragraphs are') : `§${parentKey} has`;
  return siblings.length === 1 ? `${where} §${first}` : `${where} §${first}–§${last}`;
}

/** Resolves one pinpoint of a resolved document. */
export function resolvePinpoint(document: IndexedDocument, pinpoint: Pinpoint): ResolvedPinpoint {
  const id = document.document.id ?? '';
  const fromKey = pathToString(pinpoint.from);
  if (pinpoint.toWritten) {
    const to = expandRangeEnd(pinpoint.from, pinpoint.toWritten);
    if (to.length !== pinpoint.from.length) {
      return {
        pinpoint,
        clauses: [],
        problem: {
          code: DiagnosticCodes.invalidRange,
          message: `invalid range: §${fromKey} and §${pathToString(to)} are at different depths; a range runs between clauses of the same level`,
          span: pinpoint,
        },
      };
    }
    const from = document.byKey.get(fromKey);
    if (!from) {
      return { pinpoint, clauses: [], problem: unknownClause(document, id, pinpoint.from, pinpoint) };
    }
    const toClause = document.byKey.get(pathToString(to));
    if (!toClause) {
      return { pinpoint, clauses: [from], problem: unknownClause(document, id, to, pinpoint) };
    }
    if (toClause.ordinal <= from.ordinal) {
      return {
        pinpoint,
        clauses: [from],
        problem: {
          code: DiagnosticCodes.invalidRange,
          message: `invalid range: §${pathToString(to)} does not come after §${fromKey} in ${id}`,
          span: pinpoint,
        },
      };
    }
    const clauses = document.document.clauses
      .slice(from.ordinal, toClause.ordinal + 1)
      .filter((clause) => clause.path.length === from.path.length);
    return { pinpoint, clauses };
  }
  const clause = document.byKey.get(fromKey);
  if (!clause) {
    return { pinpoint, clauses: [], problem: unknownClause(document, id, pinpoint.from, pinpoint) };
  }
  return { pinpoint, clauses: [clause] };
}

function unknownClause(document: IndexedDocument, id: string, path: readonly number[], span: Span): ResolvedPinpoint['problem'] {
  return {
    code: DiagnosticCodes.unknownClause,
    message: `unknown clause: ${id} has no §${pathToString(path)} (${describeAvailable(document, path)})`,
    span,
  };
}

/** The problem of an unknown document id, with suggestions. */
export function unknownDocumentMessage(index: CorpusIndex, cite: Cite, scope: CorpusScope): string {
  // The suggestions cost an edit distance per id of the corpus; they change only with the corpus.
  let memo = suggestionMemo.get(index);
  if (!memo || memo.generation !== index.generation) {
    memo = { generation: index.generation, messages: new Map() };
    suggestionMemo.set(index, memo);
  }
  const key = `${scope.join('\n')}\0${cite.docId}`;
  const remembered = memo.messages.get(key);
  if (remembered !== undefined) {
    return remembered;
  }
  const message = computeUnknownDocumentMessage(index, cite, scope);
  if (memo.messages.size > 10_000) {
    memo.messages.clear();
  }
  memo.messages.set(key, message);
  return message;
}

const suggestionMemo = new WeakMap<CorpusIndex, { generation: number; messages: Map<string, string> }>();

function computeUnknownDocumentMessage(index: CorpusIndex, cite: Cite, scope: CorpusScope): string {
  const suggestions = nearest(cite.docId, index.ids(scope));
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
  return `unknown document: no loaded corpus has a document with id ${cite.docId}${hint}`;
}

/** The children of a clause (or of the document when `key` is undefined), in document order. */
export function childrenOf(document: IndexedDocument, key: string | undefined): Clause[] {
  if (key === undefined) {
    return document.document.clauses.filter((clause) => clause.path.length === 1);
  }
  const parent = document.byKey.get(key);
  if (!parent) {
    return [];
  }
  const children: Clause[] = [];
  const depth = parent.path.length;
  const clauses = document.document.clauses;
  for (let index = parent.ordinal + 1; index < clauses.length; index++) {
    const clause = clauses[index];
    if (clause.path.length <= depth) {
      break;
    }
    if (clause.path.length === depth + 1) {
      children.push(clause);
    }
  }
  return children;
}

/** Every clause under a clause (its items, its paragraphs and their items), in document order. */
export function descendantsOf(document: IndexedDocument, clause: Clause): Clause[] {
  const result: Clause[] = [];
  const clauses = document.document.clauses;
  for (let index = clause.ordinal + 1; index < clauses.length; index++) {
    if (clauses[index].path.length <= clause.path.length) {
      break;
    }
    result.push(clauses[index]);
  }
  return result;
}
