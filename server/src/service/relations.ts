/**
 * Relations between instruments: which instruments amend a document, which supersede it, its status at a
 * date, and what is wrong with the ids its front matter names (an id no corpus has, a cycle). Built on
 * `status.ts` (one front matter at a time) and the corpus index (the other side of each relation).
 *
 * A relation may be stated on either side: `amended_by: [B]` on A, or `amends: A` on B; `superseded_by: B`
 * on A, or `supersedes: [A]` on B. Both sides count, once. Text-bearing amendments also give text: a
 * printed pinpoint the amended instrument lacks (`[1998-ROME art. 8 bis]`) resolves in the amending
 * instrument's own articles.
 *
 * Every walk along relations keeps a set of the instruments seen, so a cycle (A supersedes B supersedes A)
 * is found and reported, never followed round.
 */
import { formatPinpoint, parseCitationBody, Pinpoint, PrintedRef } from './citationParser';
import { Clause, CorpusProblem, LineRange } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { labelKey } from './labels';
import { nearest, printedPinpointOf, resolvePinpoint, ResolvedPinpoint } from './resolve';
import {
  FactDate,
  formatFactDate,
  InstrumentFacts,
  judgeStatus,
  JudgedAt,
  Relation,
  StatusJudgement,
  Succession,
} from './status';
import { DiagnosticCodes } from './types';

/** An instrument that amends another, and what it changes there. */
export interface Amendment {
  /** The amending instrument. */
  readonly document: IndexedDocument;
  readonly id: string;
  readonly facts: InstrumentFacts;
  /**
   * The provisions it inserts or changes, printed (`art. 8 bis`, `art. 25(3 bis)`): those its front matter
   * lists on either side, and the articles its own text holds.
   */
  readonly changes: readonly string[];
  /** True when its text holds articles (it is more than metadata). */
  readonly hasText: boolean;
}

/** The ids and relations of a document's front matter. */
function factsOf(document: IndexedDocument): InstrumentFacts {
  return document.skeleton.info.facts;
}

function idOf(document: IndexedDocument): string {
  return document.header.id ?? '';
}

/** Per index generation and scope, what has been worked out about relations (they change only with the corpus). */
interface Memo {
  readonly amendments: Map<string, Amendment[]>;
  readonly successions: Map<string, Succession[]>;
}

const memos = new WeakMap<CorpusIndex, { generation: number; byScope: WeakMap<CorpusScope, Memo> }>();

function memoOf(index: CorpusIndex, scope: CorpusScope): Memo {
  let entry = memos.get(index);
  if (!entry || entry.generation !== index.generation) {
    entry = { generation: index.generation, byScope: new WeakMap() };
    memos.set(index, entry);
  }
  let memo = entry.byScope.get(scope);
  if (!memo) {
    memo = { amendments: new Map(), successions: new Map() };
    entry.byScope.set(scope, memo);
  }
  return memo;
}

/** The articles a text-bearing amendment holds, printed (`art. 8 bis`). */
function articlesHeld(document: IndexedDocument): string[] {
  const held: string[] = [];
  for (const clause of document.tree.clauses) {
    if (clause.kind === 'section' && clause.annex === undefined && clause.label !== undefined) {
      const printed = printedPinpointOf(document, clause);
      if (printed !== undefined) {
        held.push(printed);
      }
    }
  }
  return held;
}

/** The instruments that amend a document (stated on either side), oldest first. */
export function amendmentsOf(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument): readonly Amendment[] {
  return remembered(memoOf(index, scope).amendments, idOf(document), () => computeAmendments(index, scope, document));
}

/** The value of `key` in a memo, computed the first time. */
function remembered<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}

function computeAmendments(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument): Amendment[] {
  const id = idOf(document);
  const found = new Map<IndexedDocument, { changes: Set<string> }>();
  const add = (amending: IndexedDocument | undefined, changes: readonly string[]): void => {
    if (!amending || amending === document) {
      return;
    }
    const entry = found.get(amending) ?? { changes: new Set<string>() };
    for (const change of changes) {
      entry.changes.add(change);
    }
    found.set(amending, entry);
  };
  for (const relation of factsOf(document).relations) {
    if (relation.key === 'amended_by') {
      add(index.resolve(relation.id, scope), relation.changes);
    }
  }
  for (const namer of index.relatedTo(id, scope)) {
    for (const relation of factsOf(namer).relations) {
      if (relation.key === 'amends' && relation.id === id) {
        add(namer, relation.changes);
      }
    }
  }
  const amendments: Amendment[] = [...found].map(([amending, { changes }]) => {
    const held = articlesHeld(amending);
    for (const article of held) {
      changes.add(article);
    }
    return { document: amending, id: idOf(amending), facts: factsOf(amending), changes: [...changes], hasText: held.length > 0 };
  });
  amendments.sort((left, right) => (left.facts.adopted?.first ?? '9999').localeCompare(right.facts.adopted?.first ?? '9999') || left.id.localeCompare(right.id));
  return amendments;
}

/** The instruments that supersede a document (stated on either side), with the date each does it from. */
export function successionsOf(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument): readonly Succession[] {
  return remembered(memoOf(index, scope).successions, idOf(document), () => computeSuccessions(index, scope, document));
}

function computeSuccessions(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument): Succession[] {
  const id = idOf(document);
  const successions: Succession[] = [];
  const seen = new Set<string>();
  const dateOf = (relation: Relation, successor: IndexedDocument | undefined): FactDate | undefined => {
    if (relation.date) {
      return relation.date;
    }
    const facts = successor ? factsOf(successor) : undefined;
    return facts?.entryIntoForce ?? facts?.adopted;
  };
  for (const relation of factsOf(document).relations) {
    if (relation.key === 'superseded_by' && !seen.has(relation.id)) {
      seen.add(relation.id);
      const successor = index.resolve(relation.id, scope);
      successions.push({ successor: relation.id, provision: relation.provision, note: relation.note, date: dateOf(relation, successor), articles: relation.articles });
    }
  }
  for (const namer of index.relatedTo(id, scope)) {
    const namerId = idOf(namer);
    for (const relation of factsOf(namer).relations) {
      if (relation.key === 'supersedes' && relation.id === id && !seen.has(namerId) && namer !== document) {
        seen.add(namerId);
        successions.push({ successor: namerId, provision: relation.provision, note: relation.note, date: relation.date ?? factsOf(namer).entryIntoForce ?? factsOf(namer).adopted });
      }
    }
  }
  return successions;
}

/** The instruments a document supersedes (stated on either side), with the provision and qualification given. */
export function predecessorsOf(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument): { id: string; provision?: string; note?: string }[] {
  const id = idOf(document);
  const found = new Map<string, { id: string; provision?: string; note?: string }>();
  for (const relation of factsOf(document).relations) {
    if (relation.key === 'supersedes' && !found.has(relation.id)) {
      found.set(relation.id, { id: relation.id, provision: relation.provision, note: relation.note });
    }
  }
  for (const namer of index.relatedTo(id, scope)) {
    const relation = factsOf(namer).relations.find((candidate) => candidate.key === 'superseded_by' && candidate.id === id);
    const namerId = idOf(namer);
    if (relation && namer !== document) {
      const known = found.get(namerId);
      found.set(namerId, { id: namerId, provision: known?.provision ?? relation.provision, note: known?.note ?? relation.note });
    }
  }
  return [...found.values()].sort((left, right) => left.id.localeCompare(right.id));
}

/** The status of a document at a date. */
export function statusOf(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument, at: FactDate, today: FactDate): StatusJudgement {
  return judgeStatus(factsOf(document), successionsOf(index, scope, document), at, today);
}

/** `2010-RC-RES6 (adopted 11 June 2010; in force 8 May 2013)`. */
export function describeAmendment(amendment: Amendment, name: (id: string) => string = (id) => id): string {
  const dates: string[] = [];
  if (amendment.facts.adopted) {
    dates.push(`adopted ${formatFactDate(amendment.facts.adopted)}`);
  }
  if (amendment.facts.entryIntoForce) {
    dates.push(`in force ${formatFactDate(amendment.facts.entryIntoForce)}`);
  } else if (amendment.facts.status === 'not-in-force') {
    dates.push('not yet in force');
  }
  return `${name(amendment.id)}${dates.length > 0 ? ` (${dates.join('; ')})` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Provisions: which clauses an amendment touches

/** A printed reference read from a provision written alone (`art. 25(3 bis)`), or undefined. */
function printedRefOf(provision: string): PrintedRef | undefined {
  const body = `0000-X ${provision}`;
  const parsed = parseCitationBody(body, 0, body.length);
  return parsed.error ? undefined : parsed.cites[0]?.pinpoints[0]?.printed;
}

/** The chain of label keys a printed reference names (`art. 25(3 bis)` → `25`, `3+2`), annex first. */
function keyChain(ref: PrintedRef): string[] | undefined {
  if (ref.zh) {
    return undefined;
  }
  const chain: string[] = [];
  if (ref.annex !== undefined) {
    chain.push(`annex:${labelKey(ref.annex, 'annex') ?? ref.annex}`);
  }
  ref.parts.forEach((part, position) => {
    const level = position === 0 && ref.head === 'article' ? 'section' : 'paragraph';
    chain.push(`${position === 0 ? ref.head : ''}:${labelKey(part.label, level) ?? part.label}`);
  });
  return chain;
}

function chainOfProvision(provision: string): string[] | undefined {
  const ref = printedRefOf(provision);
  return ref ? keyChain(ref) : undefined;
}

/** True when one chain is the start of the other: `art. 25` and `art. 25(3 bis)` touch; `art. 25(3)` and `art. 25(3 bis)` do not. */
function touches(left: readonly string[], right: readonly string[]): boolean {
  const length = Math.min(left.length, right.length);
  for (let position = 0; position < length; position++) {
    if (left[position] !== right[position]) {
      return false;
    }
  }
  return length > 0;
}

/** The amendments that changed a clause (or something inside it), with the provision each changed. */
export function amendmentsTouching(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument, clause: Clause): { amendment: Amendment; change: string }[] {
  const amendments = amendmentsOf(index, scope, document);
  if (amendments.length === 0) {
    return [];
  }
  const printed = printedPinpointOf(document, clause);
  const chain = printed === undefined ? undefined : chainOfProvision(printed);
  if (!chain) {
    return [];
  }
  const result: { amendment: Amendment; change: string }[] = [];
  for (const amendment of amendments) {
    for (const change of amendment.changes) {
      const changed = chainOfProvision(change);
      if (changed && touches(chain, changed)) {
        result.push({ amendment, change });
      }
    }
  }
  return result;
}

/** A pinpoint resolved with the amendments of its document: `source` is set when the text comes from one. */
export interface CitedResolution extends ResolvedPinpoint {
  /** The amendment whose text the clauses are (they are clauses of `source.document`). */
  readonly source?: Amendment;
}

/**
 * Resolves a pinpoint of a document; a printed pinpoint the document lacks is looked for in the articles of
 * the instruments that amend it (`[1998-ROME art. 8 bis]` once the Kampala amendments are loaded). Where an
 * amendment lists the provision but its text is not loaded, the problem says so.
 */
export function resolveCited(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument, pinpoint: Pinpoint): CitedResolution {
  const resolved = resolvePinpoint(document, pinpoint);
  if (!resolved.problem || resolved.problem.code !== DiagnosticCodes.unknownClause || !pinpoint.printed || pinpoint.printedTo) {
    return resolved;
  }
  const amendments = amendmentsOf(index, scope, document);
  if (amendments.length === 0) {
    return resolved;
  }
  for (const amendment of amendments) {
    if (!amendment.hasText) {
      continue;
    }
    const inAmendment = resolvePinpoint(amendment.document, pinpoint);
    if (!inAmendment.problem && inAmendment.clauses.length > 0) {
      return { pinpoint, clauses: inAmendment.clauses, source: amendment };
    }
  }
  const wanted = keyChain(pinpoint.printed);
  if (wanted) {
    for (const amendment of amendments) {
      const change = amendment.changes.find((candidate) => {
        const changed = chainOfProvision(candidate);
        return changed !== undefined && touches(wanted, changed) && changed.length <= wanted.length;
      });
      if (change !== undefined) {
        const why = amendment.hasText ? `whose text does not hold it` : `whose text is not in the corpus (metadata only)`;
        return { ...resolved, problem: { ...resolved.problem, message: `${resolved.problem.message}; ${change} comes from the amendment ${describeAmendment(amendment)}, ${why}` } };
      }
    }
  }
  return resolved;
}

// ---------------------------------------------------------------------------------------------------------
// Problems of a corpus file's relations

/** Walks `next` from `start` and returns a path back to `start`, if there is one (each node visited once). */
function cycleThrough(start: string, next: (id: string) => readonly string[], limit = 256): string[] | undefined {
  const seen = new Set<string>([start]);
  const stack: { id: string; path: string[] }[] = next(start).map((id) => ({ id, path: [start, id] }));
  while (stack.length > 0 && seen.size < limit) {
    const { id, path } = stack.pop() as { id: string; path: string[] };
    if (id === start) {
      return path;
    }
    if (seen.has(id)) {
      continue;
    }
    seen.add(id);
    for (const following of next(id)) {
      stack.push({ id: following, path: [...path, following] });
    }
  }
  return undefined;
}

/** The ids a document's successors and the instruments it amends, for cycle walks. */
function successorIds(index: CorpusIndex, scope: CorpusScope, id: string): string[] {
  const document = index.resolve(id, scope);
  return document ? successionsOf(index, scope, document).map((succession) => succession.successor) : [];
}

function amendedIds(index: CorpusIndex, scope: CorpusScope, id: string): string[] {
  const document = index.resolve(id, scope);
  if (!document) {
    return [];
  }
  const ids = new Set<string>();
  for (const relation of factsOf(document).relations) {
    if (relation.key === 'amends') {
      ids.add(relation.id);
    }
  }
  for (const namer of index.relatedTo(id, scope)) {
    if (factsOf(namer).relations.some((relation) => relation.key === 'amended_by' && relation.id === id)) {
      ids.add(idOf(namer));
    }
  }
  return [...ids];
}

/**
 * The `corpus-error`s of a corpus file's relations in a scope: an id in `superseded_by`, `amended_by` or
 * `amends` that no loaded corpus has, a provision its successor lacks, and cycles.
 */
export function relationProblems(index: CorpusIndex, scope: CorpusScope, entry: IndexedDocument): CorpusProblem[] {
  const id = entry.header.id;
  if (id === undefined || entry.header.related.length === 0 || index.resolve(id, scope) !== entry) {
    return [];
  }
  const problems: CorpusProblem[] = [];
  const relations = factsOf(entry).relations;
  // Suggestions cost an edit distance per loaded id: a file naming thousands of unloaded ids gets them for the first few.
  let suggestionsLeft = 20;
  for (const relation of relations) {
    const target = index.resolve(relation.id, scope);
    if (!target && relation.key !== 'supersedes') {
      const suggestions = suggestionsLeft-- > 0 ? nearest(relation.id, index.ids(scope)) : [];
      const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
      problems.push({ message: `${relation.key} names ${relation.id}, which is in no loaded corpus${hint}`, range: relation.range });
    }
    // The provision of the superseding instrument: the one named, or this one for `supersedes`.
    const successor = relation.key === 'supersedes' ? entry : target;
    if (relation.provision !== undefined && successor) {
      const pinpoint = pinpointOf(idOf(successor), relation.provision);
      const resolved = pinpoint ? resolvePinpoint(successor, pinpoint) : undefined;
      if (resolved?.problem) {
        problems.push({ message: `${relation.key}: the provision ${relation.provision} does not resolve: ${resolved.problem.message}`, range: relation.range });
      }
    }
  }
  const cycles: [string, (other: string) => string[], (relation: Relation) => boolean][] = [
    ['supersession', (other) => successorIds(index, scope, other), (relation) => relation.key === 'superseded_by' || relation.key === 'supersedes'],
    ['amendment', (other) => amendedIds(index, scope, other), (relation) => relation.key === 'amends' || relation.key === 'amended_by'],
  ];
  for (const [kind, next, states] of cycles) {
    const cycle = cycleThrough(id, next);
    const stated = relations.find((relation) => states(relation) && cycle !== undefined && (relation.id === cycle[1] || relation.id === cycle[cycle.length - 2]));
    if (cycle && stated) {
      problems.push({ message: `${kind} cycle: ${cycle.join(' → ')}; an instrument cannot ${kind === 'amendment' ? 'amend' : 'supersede'} itself through others`, range: stated.range });
    }
  }
  return problems;
}

/** The pinpoint of a provision written alone, read as part of a cite of `id`. */
function pinpointOf(id: string, provision: string): Pinpoint | undefined {
  const body = `${id} ${provision}`;
  const parsed = parseCitationBody(body, 0, body.length);
  return parsed.error ? undefined : parsed.cites[0]?.pinpoints[0];
}

// ---------------------------------------------------------------------------------------------------------
// Navigation: links, definition and references along relations

/** A place in a corpus file. */
export interface RelationTarget {
  readonly uri: string;
  readonly range: LineRange;
}

/** A relation id in a corpus file's front matter, and where it leads. */
export interface RelationLink {
  readonly relation: Relation;
  readonly target: RelationTarget;
}

const START: LineRange = { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 };

/** Where a relation leads: the named instrument's id, or the provision it names. */
function targetOf(index: CorpusIndex, scope: CorpusScope, relation: Relation): RelationTarget | undefined {
  const target = index.resolve(relation.id, scope);
  if (!target) {
    return undefined;
  }
  if (relation.provision !== undefined && relation.key === 'superseded_by') {
    const pinpoint = pinpointOf(relation.id, relation.provision);
    const clause = pinpoint ? resolvePinpoint(target, pinpoint).clauses[0] : undefined;
    if (clause) {
      return { uri: target.uri, range: clause.range };
    }
  }
  return { uri: target.uri, range: target.skeleton.info.idRange ?? START };
}

/** The links of a corpus file's relation ids (`superseded_by`, `amended_by`, `amends`, `supersedes`) to what they name. */
export function relationLinks(index: CorpusIndex, scope: CorpusScope, entry: IndexedDocument): RelationLink[] {
  const links: RelationLink[] = [];
  for (const relation of factsOf(entry).relations) {
    const target = targetOf(index, scope, relation);
    if (target) {
      links.push({ relation, target });
    }
  }
  return links;
}

/** The relation link at a position of a corpus file, for go-to-definition. */
export function relationLinkAt(index: CorpusIndex, scope: CorpusScope, entry: IndexedDocument, line: number, character: number): RelationLink | undefined {
  return relationLinks(index, scope, entry).find(
    ({ relation }) => relation.range.startLine === line && character >= relation.range.startCharacter && character <= relation.range.endCharacter,
  );
}

/**
 * The places in the corpus that refer to a document through relations: every relation entry naming it
 * (the instruments that amend or supersede it, and those it amends or supersedes, when they say so), and
 * the id of each instrument that amends or supersedes it where only its own front matter says so.
 */
export function relationReferences(index: CorpusIndex, scope: CorpusScope, docId: string): RelationTarget[] {
  const references: RelationTarget[] = [];
  const naming = new Set<IndexedDocument>();
  for (const namer of index.relatedTo(docId, scope)) {
    for (const relation of factsOf(namer).relations) {
      if (relation.id === docId) {
        references.push({ uri: namer.uri, range: relation.range });
        naming.add(namer);
      }
    }
  }
  const document = index.resolve(docId, scope);
  if (document) {
    const others = [
      ...amendmentsOf(index, scope, document).map((amendment) => amendment.document),
      ...successionsOf(index, scope, document).flatMap((succession) => {
        const successor = index.resolve(succession.successor, scope);
        return successor ? [successor] : [];
      }),
    ];
    for (const other of new Set(others)) {
      if (!naming.has(other)) {
        references.push({ uri: other.uri, range: other.skeleton.info.idRange ?? START });
      }
    }
  }
  return references;
}

/** The status of a clause's text at a date, when an amendment that is not yet in force gave it. */
export function insertedTooEarly(resolution: CitedResolution, at: FactDate, today: FactDate): StatusJudgement | undefined {
  if (!resolution.source) {
    return undefined;
  }
  const judgement = judgeStatus(resolution.source.facts, [], at, today);
  return judgement.state === 'not-yet-adopted' || judgement.state === 'not-yet-in-force' ? judgement : undefined;
}

/** The date a status is judged at, and the day it is today. */
export interface StatusContext extends JudgedAt {
  readonly today: FactDate;
}

/**
 * A pinpoint of a superseded instrument carried over to its successor, as the successor's relation entry
 * allows (`articles: same`, or a table such as `art. 2: art. 87`), and only when the result resolves there
 * by its printed labels. Undefined when it does not carry over.
 */
export function carryOver(index: CorpusIndex, scope: CorpusScope, predecessor: IndexedDocument, pinpoint: Pinpoint, succession: Succession): string | undefined {
  const successor = index.resolve(succession.successor, scope);
  const articles = succession.articles;
  if (!successor || !articles || pinpoint.printedTo || pinpoint.toWritten) {
    return undefined;
  }
  let printed: string | undefined;
  if (pinpoint.printed) {
    printed = formatPinpoint(pinpoint);
  } else {
    const clause = resolvePinpoint(predecessor, pinpoint).clauses[0];
    printed = clause ? printedPinpointOf(predecessor, clause) : undefined;
  }
  if (printed === undefined) {
    return undefined;
  }
  let mapped: string | undefined;
  if (articles === 'same') {
    mapped = printed;
  } else {
    let best = '';
    for (const from of articles.keys()) {
      if ((printed === from || printed.startsWith(`${from}(`)) && from.length > best.length) {
        best = from;
      }
    }
    mapped = best ? `${articles.get(best)}${printed.slice(best.length)}` : undefined;
  }
  const carried = mapped === undefined ? undefined : pinpointOf(succession.successor, mapped);
  return carried && !resolvePinpoint(successor, carried).problem ? mapped : undefined;
}
