/**
 * Resolves citations against the corpus index: which document, which clauses, and what is wrong.
 * Diagnostics, hover, definition and the command line all use these functions, so they always agree.
 */
import { Cite, expandRangeEnd, formatPinpoint, formatPrintedRef, parseCitationBody, pathToString, Pinpoint, PrintedPart, PrintedRef } from './citationParser';
import { chainOf, Clause, CorpusDocument, printedFormOf } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { isParagraphHeading, LabelLevel, labelCore, labelKey, labelOrdinal, labelParts } from './labels';
import { ClauseTree } from './skeleton';
import { DiagnosticCode, DiagnosticCodes, Span } from './types';

/** A pinpoint resolved to the clauses it names. */
export interface ResolvedPinpoint {
  readonly pinpoint: Pinpoint;
  /** The clauses cited, in document order (one, or every clause of a range at the start's depth). */
  readonly clauses: readonly Clause[];
  /** Why it names no clause (or not all of a range). */
  readonly problem?: { readonly code: DiagnosticCode; readonly message: string; readonly span: Span };
  /**
   * A warning about clauses it does name: a `§` path whose clause prints other numbers (spec.md §4
   * `positional-mismatch`), with what the clause prints and the clause those numbers print.
   */
  readonly warning?: {
    readonly code: DiagnosticCode;
    readonly message: string;
    readonly span: Span;
    readonly printed?: string;
    readonly intended?: Clause;
  };
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
  const tree = document.tree;
  const siblings = tree.clauses.filter(
    (clause) => clause.annex === undefined && clause.path.length === path.length && pathToString(clause.path.slice(0, -1)) === parentKey,
  );
  if (siblings.length === 0) {
    if (path.length > 1 && document.byKey.has(parentKey)) {
      const itemDepth = tree.hasSections ? 3 : 2;
      const parts = path.length < itemDepth ? 'paragraphs' : path.length === itemDepth ? 'items' : 'parts: it is an item';
      return `§${parentKey} has no ${parts}`;
    }
    return path.length > 1 ? `there is no §${parentKey} either` : 'it has no such clause';
  }
  const first = pathToString(siblings[0].path);
  const last = pathToString(siblings[siblings.length - 1].path);
  const where = path.length === 1 ? (tree.hasSections ? 'its sections are' : 'its paragraphs are') : `§${parentKey} has`;
  return siblings.length === 1 ? `${where} §${first}` : `${where} §${first}–§${last}`;
}

/** Resolves one pinpoint of a resolved document. */
export function resolvePinpoint(document: IndexedDocument, pinpoint: Pinpoint): ResolvedPinpoint {
  if (pinpoint.printed) {
    return resolvePrinted(document, pinpoint, pinpoint.printed);
  }
  const resolved = resolvePath(document, pinpoint);
  if (resolved.problem || resolved.clauses.length === 0 || document.shape.printStyle === 'none') {
    return resolved;
  }
  const first = resolved.clauses[0];
  const last = resolved.clauses[resolved.clauses.length - 1];
  for (const clause of first === last ? [first] : [first, last]) {
    const mismatch = positionalMismatch(document, clause);
    if (mismatch) {
      const tree = document.tree;
      const id = tree.id ?? '';
      const printed = mismatch.printed ?? 'an unnumbered passage (opening words)';
      const numbers = clause.path.slice(tree.hasSections ? 1 : 0);
      const intended = mismatch.intended ? printedPinpointOf(document, mismatch.intended) : undefined;
      const meant = intended
        ? `; ${intended} is §${mismatch.intended?.key}`
        : `; nothing prints the numbers ${numbers.join('.')}`;
      return {
        ...resolved,
        warning: {
          code: DiagnosticCodes.positionalMismatch,
          message: `positional mismatch: §${clause.key} of ${id} counts positions and reaches ${printed}, which prints other numbers${meant}. Cite the printed numbers instead`,
          span: pinpoint,
          printed: mismatch.printed,
          intended: mismatch.intended,
        },
      };
    }
  }
  return resolved;
}

function resolvePath(document: IndexedDocument, pinpoint: Pinpoint): ResolvedPinpoint {
  const id = document.shape.id ?? '';
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
    const from = document.clauseOfKey(fromKey);
    if (!from) {
      return { pinpoint, clauses: [], problem: unknownClause(document, id, pinpoint.from, pinpoint) };
    }
    const toClause = document.clauseOfKey(pathToString(to));
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
    const clauses = document.tree.clauses
      .slice(from.ordinal, toClause.ordinal + 1)
      .filter((clause) => clause.path.length === from.path.length);
    return { pinpoint, clauses };
  }
  const clause = document.clauseOfKey(fromKey);
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
  // The suggestions cost an edit distance per id of the corpus; they change only when ids or aliases come or go.
  let memo = suggestionMemo.get(index);
  if (!memo || memo.generation !== index.idsGeneration) {
    memo = { generation: index.idsGeneration, messages: new Map() };
    suggestionMemo.set(index, memo);
  }
  const key = `${scope.join('\n')}\0${cite.lead ?? ''}\0${cite.docId}`;
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
  if (cite.lead === 'alias') {
    const aliases = [...index.aliases(scope)].map(([alias]) => alias);
    const suggestions = nearest(cite.docId, aliases);
    const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
    return `unknown document: no loaded document has the alias ${cite.docId}${hint}`;
  }
  const suggestions = nearest(cite.docId, index.ids(scope));
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
  return `unknown document: no loaded corpus has a document with id ${cite.docId}${hint}`;
}

/** The children of a clause (or of the document when `key` is undefined), in document order. */
export function childrenOf(document: IndexedDocument, key: string | undefined): Clause[] {
  if (key === undefined) {
    return document.tree.clauses.filter((clause) => clause.path.length === 1 && clause.annex === undefined);
  }
  const parent = document.byKey.get(key);
  if (!parent) {
    return [];
  }
  const children: Clause[] = [];
  const depth = parent.path.length;
  const clauses = document.tree.clauses;
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
  const clauses = document.tree.clauses;
  for (let index = clause.ordinal + 1; index < clauses.length; index++) {
    if (clauses[index].path.length <= clause.path.length) {
      break;
    }
    result.push(clauses[index]);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Printed pinpoints (spec.md §1.1): resolved by labels, skipping levels that print none.

const childrenMemo = new WeakMap<object, Map<number, Clause[]>>();

/**
 * The children of each clause by its ordinal (`-1`: the top of the body), annexes left out: a clause tree's
 * own, or remembered per parsed document.
 */
export function childrenByParent(document: ClauseTree | Pick<CorpusDocument, 'clauses'>): ReadonlyMap<number, readonly Clause[]> {
  if ('children' in document) {
    return document.children;
  }
  let children = childrenMemo.get(document);
  if (!children) {
    children = new Map();
    for (const clause of document.clauses) {
      if (clause.kind === 'annex') {
        continue;
      }
      const list = children.get(clause.parent);
      if (list) {
        list.push(clause);
      } else {
        children.set(clause.parent, [clause]);
      }
    }
    childrenMemo.set(document, children);
  }
  return children;
}

function levelOf(clause: Clause): LabelLevel {
  return clause.kind === 'section' ? 'section' : clause.kind === 'item' ? 'item' : clause.kind === 'annex' ? 'annex' : 'paragraph';
}

/** The labelled clauses reachable from `parent` through levels that print no label (a chapeau). */
export function reachableLabelled(children: ReadonlyMap<number, readonly Clause[]>, parent: number, into: Clause[], budget = { left: 5000 }): void {
  for (const child of children.get(parent) ?? []) {
    if (budget.left-- <= 0) {
      return;
    }
    if (child.label !== undefined) {
      into.push(child);
    } else if (child.kind !== 'section') {
      reachableLabelled(children, child.ordinal, into, budget);
    }
  }
}

function labelsList(clauses: readonly Clause[]): string {
  const cores = clauses.map((clause) => (clause.kind === 'section' ? labelCore(clause.label ?? '') : `(${labelCore(clause.label ?? '')})`));
  if (cores.length === 0) {
    return 'none';
  }
  return cores.length > 12 ? `${cores.slice(0, 3).join(', ')} … ${cores[cores.length - 1]} (${cores.length} in all)` : cores.join(', ');
}

function whatLevel(part: PrintedPart, ref: PrintedRef): string {
  if (part.level === 'section') {
    return ref.zh ? '条' : 'article';
  }
  if (part.level === 'paragraph') {
    return ref.zh ? '款' : 'paragraph';
  }
  if (part.level === 'item') {
    return ref.zh ? '项' : 'item';
  }
  return 'paragraph or item';
}

type Lookup = { clause: Clause } | { message: string };

/** Resolves a printed pinpoint to one clause of a document, or says why it cannot. */
export function resolvePrintedRef(document: IndexedDocument, ref: PrintedRef): Lookup {
  const parsed = document.tree;
  const id = parsed.id ?? '';
  const children = childrenByParent(parsed);
  let parent = -1;
  let current: Clause | undefined;
  if (ref.annex !== undefined) {
    const annexes = parsed.clauses.filter((clause) => clause.kind === 'annex');
    const key = ref.annex === '' ? undefined : labelKey(ref.annex, 'annex');
    const annex = key === undefined ? (annexes.length === 1 ? annexes[0] : undefined) : annexes.find((clause) => clause.labelKey === key);
    if (!annex) {
      const list = annexes.map((clause) => clause.label ?? clause.labelKey ?? '').join(', ');
      const named = ref.annex === '' ? 'annex' : `annex ${ref.annex}`;
      return {
        message:
          annexes.length === 0
            ? `${id} has no annexes`
            : ref.annex === ''
              ? `${id} has ${annexes.length} annexes (${list}): name one, e.g. annex ${annexes[0].label ?? annexes[0].labelKey} art. 1`
              : `${id} has no ${named} (its annexes: ${list})`,
      };
    }
    parent = annex.ordinal;
    current = annex;
  }
  let written = ref.annex !== undefined ? (ref.annex === '' ? 'annex' : `annex ${ref.annex}`) : '';
  for (let index = 0; index < ref.parts.length; index++) {
    const part = ref.parts[index];
    const writtenBefore = written.length > 0 ? written : id;
    written = formatPrintedRef({ ...ref, parts: ref.parts.slice(0, index + 1) });
    let candidates: Clause[];
    if (part.level === 'section') {
      candidates = (children.get(parent) ?? []).filter((clause) => clause.kind === 'section');
      if (candidates.length === 0 && index === 0) {
        return { message: `${writtenBefore} is not divided into articles${parent < 0 ? '' : ''}: cite its paragraphs (para. 1)` };
      }
    } else if (part.level === 'paragraph' && (index === 0 || ref.zh)) {
      candidates = (children.get(parent) ?? []).filter((clause) => clause.kind === 'paragraph');
      if (index === 0 && candidates.length === 0 && !ref.zh) {
        // A schedule's paragraphs printed as headings (`## 6 Paragraph 6`) are cited `para. 6`.
        candidates = (children.get(parent) ?? []).filter((clause) => clause.kind === 'section' && isParagraphHeading(clause.text));
      }
      if (index === 0 && candidates.length === 0 && (children.get(parent) ?? []).some((clause) => clause.kind === 'section')) {
        return { message: `${writtenBefore} is divided into articles: cite art. N, or art. N(${part.label})` };
      }
      if (ref.zh && candidates.every((clause) => clause.label === undefined)) {
        // 款 counts positions where paragraphs print no numbers.
        const position = labelParts(part.label, 'paragraph')?.value;
        const found = position === undefined ? undefined : candidates[position - 1];
        if (!found) {
          return { message: `${writtenBefore} has no ${written.slice(writtenBefore.length) || part.label} (it has ${candidates.length} 款)` };
        }
        parent = found.ordinal;
        current = found;
        continue;
      }
    } else {
      candidates = [];
      reachableLabelled(children, parent, candidates);
      if (part.level === 'item') {
        candidates = candidates.filter((clause) => clause.kind === 'item');
      }
    }
    const level: LabelLevel = part.level === 'section' ? 'section' : part.level === 'item' ? 'item' : 'paragraph';
    const wanted = labelKey(part.label, level);
    const labelled = candidates.filter((clause) => clause.label !== undefined);
    let matches = labelled.filter((clause) => clause.labelKey === wanted || (level !== 'section' && clause.labelKey === labelKey(part.label, levelOf(clause))));
    if (matches.length === 0 && ref.zh && level === 'item') {
      // 第（一）项 counts items: where the text prints letters ((a), （甲）), it is the first of them.
      const ordinal = labelParts(part.label, 'item')?.value;
      const byOrdinal = ordinal === undefined ? [] : labelled.filter((clause) => clause.kind === 'item' && ordinalAmongSiblings(parsed, clause) === ordinal);
      matches = byOrdinal.length === 1 ? byOrdinal : matches;
    }
    if (matches.length === 0) {
      const what = whatLevel(part, ref);
      const exists = labelled.length === 0 ? `${writtenBefore} has no numbered ${what}s` : `its ${what}s are ${labelsList(labelled)}`;
      return { message: `${id} has no ${written}${labelled.length === 0 ? '' : ''} (${exists})` };
    }
    if (matches.length > 1) {
      const paths = matches.map((clause) => describeKey(clause)).join(' and ');
      return { message: `${written} of ${id} is ambiguous: ${matches.length} clauses print that label (${paths}); the corpus file has a label-sequence problem` };
    }
    current = matches[0];
    parent = current.ordinal;
  }
  return current ? { clause: current } : { message: `${id}: empty pinpoint` };
}

function describeKey(clause: Clause): string {
  return clause.annex === undefined ? `§${clause.key}` : `line ${clause.range.startLine + 1}`;
}

function resolvePrinted(document: IndexedDocument, pinpoint: Pinpoint, printed: PrintedRef): ResolvedPinpoint {
  const start = resolvePrintedRef(document, printed);
  if ('message' in start) {
    return { pinpoint, clauses: [], problem: { code: DiagnosticCodes.unknownClause, message: `unknown clause: ${start.message}`, span: pinpoint } };
  }
  if (!pinpoint.printedTo) {
    return { pinpoint, clauses: [start.clause] };
  }
  const id = document.tree.id ?? '';
  const endWritten = formatPrintedRef(pinpoint.printedTo);
  const end = resolvePrintedRef(document, pinpoint.printedTo);
  if ('message' in end) {
    return { pinpoint, clauses: [start.clause], problem: { code: DiagnosticCodes.unknownClause, message: `unknown clause: ${end.message}`, span: pinpoint } };
  }
  const from = start.clause;
  const to = end.clause;
  if (to.kind !== from.kind || to.path.length !== from.path.length || to.annex !== from.annex) {
    return {
      pinpoint,
      clauses: [from],
      problem: {
        code: DiagnosticCodes.invalidRange,
        message: `invalid range: ${formatPrintedRef(printed)} and ${endWritten} are at different levels; a range runs between clauses of the same level`,
        span: pinpoint,
      },
    };
  }
  if (to.ordinal <= from.ordinal) {
    return {
      pinpoint,
      clauses: [from],
      problem: { code: DiagnosticCodes.invalidRange, message: `invalid range: ${endWritten} does not come after ${formatPrintedRef(printed)} in ${id}`, span: pinpoint },
    };
  }
  const clauses = document.tree.clauses
    .slice(from.ordinal, to.ordinal + 1)
    .filter((clause) => clause.path.length === from.path.length && clause.kind === from.kind && clause.annex === from.annex);
  return { pinpoint, clauses };
}

/** The printed pinpoint of a clause (`art. 31(3)(a)`), when the document prints numbers and labels name it. */
export function printedPinpointOf(document: IndexedDocument, clause: Clause): string | undefined {
  const parsed = document.tree;
  if (parsed.printStyle === 'none' && clause.annex === undefined && clause.kind !== 'annex') {
    return undefined;
  }
  return printedFormOf(parsed.clauses, clause, parsed.printStyle);
}

/** How a clause is shown: `§3.4` in the body, its printed form inside an annex (which no `§` path reaches). */
export function clauseDisplay(document: IndexedDocument, clause: Clause): string {
  if (clause.annex !== undefined || clause.kind === 'annex') {
    const tree = document.tree;
    return printedFormOf(tree.clauses, clause, tree.printStyle === 'zh' ? 'zh' : 'article') ?? clause.text;
  }
  return `§${clause.key}`;
}

/**
 * The ordinal a label stands for among siblings that print labels in one style, reading `(i)` as Roman
 * when its siblings run i, ii, iii.
 */
export function ordinalAmongSiblings(document: ClauseTree, clause: Clause): number | undefined {
  if (clause.label === undefined) {
    return undefined;
  }
  const siblings = (childrenByParent(document).get(clause.parent) ?? []).filter((sibling) => sibling.label !== undefined);
  const roman = siblings.length > 1 && siblings[0].labelKey === 'i' && siblings[1].labelKey === 'ii';
  return labelOrdinal(clause.label, levelOf(clause), roman);
}

/**
 * Where a `§` path and the printed numbers disagree (spec.md §4 `positional-mismatch`): the clause it
 * reaches prints another number at some level below the article, or that level is an unnumbered chapeau
 * among numbered siblings. Undefined when they agree, or where the document prints no numbers.
 */
export function positionalMismatch(document: IndexedDocument, clause: Clause): { printed: string | undefined; intended: Clause | undefined } | undefined {
  if (document.shape.printStyle === 'none' || clause.annex !== undefined || clause.kind === 'section') {
    return undefined;
  }
  const parsed = document.tree;
  const children = childrenByParent(parsed);
  let mismatch = false;
  for (const link of chainOf(parsed.clauses, clause)) {
    if (link.kind === 'section') {
      continue;
    }
    const position = link.path[link.path.length - 1];
    if (link.label === undefined) {
      const siblings = children.get(link.parent) ?? [];
      if (siblings.some((sibling) => sibling.label !== undefined && sibling.kind === link.kind)) {
        mismatch = true;
      }
      continue;
    }
    const ordinal = ordinalAmongSiblings(parsed, link);
    if (ordinal !== undefined && ordinal !== position) {
      mismatch = true;
    }
  }
  if (!mismatch) {
    return undefined;
  }
  return { printed: printedPinpointOf(document, clause), intended: clauseByOrdinals(document, clause.path) };
}

/** The clause whose printed numbers are the numbers of a `§` path (`§2.4` → the paragraph printed `4.`). */
export function clauseByOrdinals(document: IndexedDocument, path: readonly number[]): Clause | undefined {
  const parsed = document.tree;
  const children = childrenByParent(parsed);
  const sectionKey = parsed.hasSections ? String(path[0]) : undefined;
  let parent = -1;
  let rest = path;
  if (sectionKey !== undefined) {
    const section = document.byKey.get(sectionKey);
    if (!section) {
      return undefined;
    }
    parent = section.ordinal;
    rest = path.slice(1);
  }
  let found: Clause | undefined;
  for (const number of rest) {
    const candidates: Clause[] = [];
    reachableLabelled(children, parent, candidates);
    found = candidates.find((candidate) => ordinalAmongSiblings(parsed, candidate) === number);
    if (!found) {
      return undefined;
    }
    parent = found.ordinal;
  }
  return found;
}

/**
 * The pinpoint a citation writes for a clause: the printed form for a document that prints its numbers
 * (and always inside an annex), the `§` path otherwise, or where no label names the clause (a chapeau).
 */
export function pinpointFor(document: IndexedDocument, clause: Clause): string {
  return printedPinpointOf(document, clause) ?? `§${clause.key}`;
}

/** The pinpoint of a run of clauses from `first` to `last` (one clause when they are the same). */
export function pinpointForRange(document: IndexedDocument, first: Clause, last: Clause): string {
  if (first === last) {
    return pinpointFor(document, first);
  }
  const from = printedPinpointOf(document, first);
  const to = printedPinpointOf(document, last);
  if (from !== undefined && to !== undefined) {
    return canonicalPrintedRange(from, to);
  }
  return `§${first.key}–${last.key}`;
}

/** A printed range as a citation writes it: `arts 31–33`, `art. 31(1)–(3)`, not `art. 31–art. 33`. */
function canonicalPrintedRange(from: string, to: string): string {
  const body = `0000-A ${from}–${to}`;
  const parsed = parseCitationBody(body, 0, body.length);
  const pinpoint = parsed.cites[0]?.pinpoints[0];
  return parsed.error === undefined && pinpoint?.printed !== undefined ? formatPinpoint(pinpoint) : `${from}–${to}`;
}
