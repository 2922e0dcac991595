/**
 * Clause skeletons: what resolving a citation needs of a corpus document, kept for every document in a compact
 * form, so that no citation ever parses a file.
 *
 * A skeleton holds, per clause, its kind, the last number of its path, its parent's ordinal, its printed
 * label (an id into one table of interned labels shared by every document), its raw source span and its line
 * range, in typed arrays; keys, paths, label keys and annexes are derived from those (a child's path is its
 * parent's plus its own number) and the few clauses where the parser numbers otherwise keep their values
 * apart (`overrides`). A document-level record holds what resolution and status need besides: whether the
 * body has sections, how it prints numbers, the front matter's facts.
 *
 * `materialize` turns a skeleton into a `ClauseTree`: `Clause` views with the same fields as the parser's
 * clauses (the text is read through a callback, which parses the file: only hover, quotes and search need
 * text), clauses by key and children by parent. Trees are short-lived: the corpus index keeps a bounded cache
 * of them, and rebuilding one costs microseconds per clause, no file read.
 *
 * NOTE: a national archive has millions of clauses: per clause a skeleton keeps 37 bytes and no object.
 */
import { Clause, ClauseKind, CorpusDocument, CorpusProblem, LineRange } from './corpusParser';
import { LabelLevel, labelKey, PrintStyle } from './labels';
import { InstrumentFacts, NO_FACTS } from './status';
import { detached, detachedData } from './strings';
import { Span } from './types';

const KINDS: readonly ClauseKind[] = ['annex', 'section', 'paragraph', 'item'];
const KIND_CODE: Readonly<Record<ClauseKind, number>> = { annex: 0, section: 1, paragraph: 2, item: 3 };
const PRINT_STYLES: readonly PrintStyle[] = ['none', 'article', 'zh'];

/** The level whose rules read a clause's label. */
export function levelOfKind(kind: ClauseKind): LabelLevel {
  return kind === 'section' ? 'section' : kind === 'item' ? 'item' : kind === 'annex' ? 'annex' : 'paragraph';
}

/** Printed labels interned once for every document: most documents print the same few hundred labels. */
class LabelTable {
  readonly #ids = new Map<string, number>();
  readonly #labels: string[] = [];
  /** The label key of each (label, level), by `id * 4 + level`; null where the label has none. */
  readonly #keys = new Map<number, string | null>();

  intern(label: string): number {
    let id = this.#ids.get(label);
    if (id === undefined) {
      // A copy: the label is cut from a document's text, which the table must not keep.
      const kept = detached(label);
      id = this.#labels.length;
      this.#labels.push(kept);
      this.#ids.set(kept, id);
    }
    return id;
  }

  label(id: number): string {
    return this.#labels[id];
  }

  keyOf(id: number, kind: number): string | undefined {
    const slot = id * 4 + kind;
    let key = this.#keys.get(slot);
    if (key === undefined) {
      key = labelKey(this.#labels[id], levelOfKind(KINDS[kind])) ?? null;
      this.#keys.set(slot, key);
    }
    return key ?? undefined;
  }
}

const labels = new LabelTable();

/** What a clause says that its skeleton cannot derive (a path the parser numbered otherwise, an annex's key). */
interface Override {
  readonly path?: readonly number[];
  readonly key?: string;
  readonly annex?: string | null;
  readonly labelKey?: string | null;
}

/** The document-level facts of a skeleton. */
export interface SkeletonInfo {
  readonly id: string | undefined;
  readonly title: string | undefined;
  readonly hasSections: boolean;
  readonly printStyle: PrintStyle;
  readonly idRange: LineRange | undefined;
  /** Characters of clause text (as `CorpusDocument.textLength`). */
  readonly textLength: number;
  /** The length of the text it was built from, to notice a file that changed behind the index's back. */
  readonly sourceLength: number;
  /** True when parsing found problems (corpus errors or label-sequence warnings). */
  readonly hasProblems: boolean;
  /** Those problems (few: a file's own diagnostics), so that publishing them parses nothing. */
  readonly problems: readonly CorpusProblem[];
  readonly facts: InstrumentFacts;
}

/** A document's clauses in compact form (see the top of this file). */
export class Skeleton {
  constructor(
    /** Each clause's kind (0 annex, 1 section, 2 paragraph, 3 item). */
    readonly kinds: Uint8Array,
    /** The last number of each clause's path (0 for an annex). */
    readonly numbers: Int32Array,
    readonly parents: Int32Array,
    /** Each clause's interned label, -1 where it prints none. */
    readonly labelIds: Int32Array,
    /** start, end of each clause's raw source (`Clause.span`). */
    readonly spans: Int32Array,
    /** startLine, startCharacter, endLine, endCharacter of each clause (`Clause.range`). */
    readonly lines: Int32Array,
    readonly overrides: ReadonlyMap<number, Override>,
    readonly info: SkeletonInfo,
  ) {}

  get count(): number {
    return this.kinds.length;
  }

  /** Builds the skeleton of a parsed document. */
  static of(document: CorpusDocument, sourceLength: number): Skeleton {
    const clauses = document.clauses;
    const count = clauses.length;
    const kinds = new Uint8Array(count);
    const numbers = new Int32Array(count);
    const parents = new Int32Array(count);
    const labelIds = new Int32Array(count);
    const spans = new Int32Array(count * 2);
    const lines = new Int32Array(count * 4);
    const overrides = new Map<number, Override>();
    // The derived path and annex of each clause, checked against the parser's as the skeleton is built.
    const paths: (readonly number[])[] = new Array(count);
    const annexes: (string | undefined)[] = new Array(count);
    for (let ordinal = 0; ordinal < count; ordinal++) {
      const clause = clauses[ordinal];
      const kind = KIND_CODE[clause.kind];
      kinds[ordinal] = kind;
      numbers[ordinal] = clause.path.length > 0 ? clause.path[clause.path.length - 1] : 0;
      parents[ordinal] = clause.parent;
      labelIds[ordinal] = clause.label === undefined ? -1 : labels.intern(clause.label);
      spans[ordinal * 2] = clause.span.start;
      spans[ordinal * 2 + 1] = clause.span.end;
      lines[ordinal * 4] = clause.range.startLine;
      lines[ordinal * 4 + 1] = clause.range.startCharacter;
      lines[ordinal * 4 + 2] = clause.range.endLine;
      lines[ordinal * 4 + 3] = clause.range.endCharacter;
      const derived = derive(kinds, numbers, parents, paths, annexes, ordinal, overrides);
      const override: { path?: readonly number[]; key?: string; annex?: string | null; labelKey?: string | null } = {};
      if (clause.kind === 'annex') {
        override.key = clause.key;
        override.annex = clause.annex ?? null;
      } else {
        if (!samePath(derived.path, clause.path)) {
          override.path = clause.path;
        }
        if (derived.annex !== clause.annex) {
          override.annex = clause.annex ?? null;
        }
        const key = keyFrom(override.annex !== undefined ? clause.annex : derived.annex, override.path ?? derived.path);
        if (key !== clause.key) {
          override.key = clause.key;
        }
      }
      const derivedLabelKey = clause.label === undefined ? undefined : labels.keyOf(labelIds[ordinal], kind);
      if (derivedLabelKey !== clause.labelKey) {
        override.labelKey = clause.labelKey ?? null;
      }
      if (Object.keys(override).length > 0) {
        overrides.set(ordinal, detachedData(override));
      }
      ({ path: paths[ordinal], annex: annexes[ordinal] } = withOverride(derived, override));
    }
    // NOTE: what the skeleton keeps of the document's strings is copied (see `detached`): the index keeps a
    // skeleton per document for good, and a title or message cut from the text kept the whole text alive.
    return new Skeleton(kinds, numbers, parents, labelIds, spans, lines, overrides, {
      id: document.id === undefined ? undefined : detached(document.id),
      title: document.title === undefined ? undefined : detached(document.title),
      hasSections: document.hasSections,
      printStyle: document.printStyle,
      idRange: document.idRange,
      textLength: document.textLength,
      sourceLength,
      hasProblems: document.problems.length > 0,
      problems: document.problems.length === 0 ? [] : detachedData(document.problems),
      facts: document.facts === NO_FACTS ? NO_FACTS : detachedData(document.facts),
    });
  }

  /** The key of one clause (`3.4`, `annex-7:1.2`), without building the rest. */
  keyOf(ordinal: number): string {
    const override = this.overrides.get(ordinal);
    if (override?.key !== undefined) {
      return override.key;
    }
    return keyFrom(this.#annexOf(ordinal), this.#pathOf(ordinal));
  }

  #pathOf(ordinal: number): readonly number[] {
    if (this.kinds[ordinal] === 0) {
      return [];
    }
    const override = this.overrides.get(ordinal);
    if (override?.path) {
      return override.path;
    }
    const parent = this.parents[ordinal];
    const own = this.numbers[ordinal];
    return parent < 0 || this.kinds[parent] === 0 ? [own] : [...this.#pathOf(parent), own];
  }

  #annexOf(ordinal: number): string | undefined {
    const override = this.overrides.get(ordinal);
    if (override?.annex !== undefined) {
      return override.annex ?? undefined;
    }
    const parent = this.parents[ordinal];
    return parent < 0 ? undefined : this.kinds[parent] === 0 ? this.keyOf(parent) : this.#annexOf(parent);
  }

  /**
   * The ordinal of the first clause whose key is `key` (as `ClauseTree.byKey`), -1 when none has it; no tree is
   * built. The first call builds a table of the clauses' key hashes (typed arrays: 12 bytes a clause, no object).
   */
  ordinalOfKey(key: string): number {
    const table = this.#keyTable ?? this.#buildKeyTable();
    const hash = hashKey(key);
    const mask = table.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table.slots[slot];
      if (entry === 0) {
        return -1;
      }
      if (table.hashes[entry - 1] === hash && this.keyOf(entry - 1) === key) {
        return entry - 1;
      }
    }
  }

  #keyTable: { readonly slots: Int32Array; readonly hashes: Int32Array } | undefined;

  /**
   * Hashes every clause's key and keeps the first clause of each key in an open-addressed table. A key that is
   * its parent's key, a separator and a number (nearly every key) is hashed on from its parent's hash, so
   * building the table makes no string; the others hash the key `keyOf` gives.
   */
  #buildKeyTable(): { readonly slots: Int32Array; readonly hashes: Int32Array } {
    const count = this.count;
    let size = 8;
    while (size < count * 2) {
      size *= 2;
    }
    const slots = new Int32Array(size);
    const hashes = new Int32Array(count);
    const mask = size - 1;
    for (let ordinal = 0; ordinal < count; ordinal++) {
      const parent = this.parents[ordinal];
      const override = this.overrides.get(ordinal);
      const number = this.numbers[ordinal];
      const derived = this.kinds[ordinal] !== 0 && number >= 0 && override?.path === undefined && override?.annex === undefined && override?.key === undefined;
      let hash: number;
      const parentOverride = parent < 0 ? undefined : this.overrides.get(parent);
      if (derived && parent < 0) {
        hash = hashNumber(FNV_OFFSET, number);
      } else if (derived && this.kinds[parent] === 0) {
        // `annex-1:2` is the annex's key, a colon and 2.
        hash = hashNumber(Math.imul(hashes[parent] ^ COLON, FNV_PRIME), number);
      } else if (derived && parentOverride?.key === undefined && (parentOverride?.path === undefined || parentOverride.path.length > 0)) {
        // `3.4` is `3`, a dot and 4.
        hash = hashNumber(Math.imul(hashes[parent] ^ DOT, FNV_PRIME), number);
      } else {
        hash = hashKey(this.keyOf(ordinal));
      }
      hashes[ordinal] = hash;
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const entry = slots[slot];
        if (entry === 0) {
          slots[slot] = ordinal + 1;
          break;
        }
        if (hashes[entry - 1] === hash && this.keyOf(entry - 1) === this.keyOf(ordinal)) {
          break; // the first clause of a key is the one found
        }
      }
    }
    this.#keyTable = { slots, hashes };
    return this.#keyTable;
  }

  /**
   * One clause as a view with the same fields as the view `materialize` gives it (but not the same object):
   * for a lookup that needs a clause or two of a document whose tree is not at hand.
   */
  clauseAt(ordinal: number, textOf: (ordinal: number) => string): Clause {
    const path = this.#pathOf(ordinal);
    const annex = this.#annexOf(ordinal);
    return this.#view(ordinal, path, annex, this.overrides.get(ordinal)?.key ?? keyFrom(annex, path), textOf);
  }

  /** Materialises the clauses as views (see `ClauseTree`); `textOf` gives a clause's text when it is read. */
  materialize(textOf: (ordinal: number) => string): ClauseTree {
    const count = this.count;
    const clauses: ClauseView[] = new Array(count);
    const paths: (readonly number[])[] = new Array(count);
    const annexes: (string | undefined)[] = new Array(count);
    const byKey = new Map<string, Clause>();
    const children = new Map<number, Clause[]>();
    for (let ordinal = 0; ordinal < count; ordinal++) {
      const override = this.overrides.get(ordinal);
      const { path, annex } = withOverride(derive(this.kinds, this.numbers, this.parents, paths, annexes, ordinal, this.overrides), override);
      paths[ordinal] = path;
      annexes[ordinal] = annex;
      const key = override?.key ?? keyFrom(annex, path);
      const view = this.#view(ordinal, path, annex, key, textOf);
      clauses[ordinal] = view;
      if (!byKey.has(key)) {
        byKey.set(key, view);
      }
      if (this.kinds[ordinal] !== 0) {
        const parent = this.parents[ordinal];
        const list = children.get(parent);
        if (list) {
          list.push(view);
        } else {
          children.set(parent, [view]);
        }
      }
    }
    return { id: this.info.id, hasSections: this.info.hasSections, printStyle: this.info.printStyle, clauses, byKey, children };
  }

  #view(ordinal: number, path: readonly number[], annex: string | undefined, key: string, textOf: (ordinal: number) => string): ClauseView {
    const kind = this.kinds[ordinal];
    const override = this.overrides.get(ordinal);
    const labelId = this.labelIds[ordinal];
    const label = labelId < 0 ? undefined : labels.label(labelId);
    const clauseLabelKey = override?.labelKey !== undefined ? override.labelKey ?? undefined : labelId < 0 ? undefined : labels.keyOf(labelId, kind);
    return new ClauseView(this, ordinal, KINDS[kind], path, key, label, clauseLabelKey, annex, this.parents[ordinal], textOf);
  }

  /** The skeleton as bytes, for the index cache (`decodeSkeleton` reads them back). */
  encode(): Uint8Array {
    const overrides = [...this.overrides].map(([ordinal, override]) => [ordinal, override]);
    const labelTexts: string[] = [];
    const localIds = new Map<number, number>();
    const localLabels = new Int32Array(this.count);
    for (let ordinal = 0; ordinal < this.count; ordinal++) {
      const id = this.labelIds[ordinal];
      if (id < 0) {
        localLabels[ordinal] = -1;
        continue;
      }
      let local = localIds.get(id);
      if (local === undefined) {
        local = labelTexts.length;
        labelTexts.push(labels.label(id));
        localIds.set(id, local);
      }
      localLabels[ordinal] = local;
    }
    const meta = new TextEncoder().encode(JSON.stringify({ info: { ...this.info, facts: encodeFacts(this.info.facts) }, overrides, labels: labelTexts }));
    const count = this.count;
    // Layout: count, meta length, meta (padded to 4 bytes), then the Int32 arrays, then the kinds.
    const metaPadded = (meta.length + 3) & ~3;
    const bytes = new Uint8Array(8 + metaPadded + count * 4 * (1 + 1 + 1 + 2 + 4) + count);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, count, true);
    view.setInt32(4, meta.length, true);
    bytes.set(meta, 8);
    let offset = 8 + metaPadded;
    for (const array of [this.numbers, this.parents, localLabels, this.spans, this.lines]) {
      bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
      offset += array.byteLength;
    }
    bytes.set(this.kinds, offset);
    return bytes;
  }
}

/** Reads a skeleton written by `encode`; undefined when the bytes are not one (a damaged cache). */
export function decodeSkeleton(bytes: Uint8Array): Skeleton | undefined {
  try {
    if (bytes.byteOffset % 4 !== 0 || bytes.length < 8) {
      return undefined;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = view.getInt32(0, true);
    const metaLength = view.getInt32(4, true);
    const metaPadded = (metaLength + 3) & ~3;
    if (count < 0 || metaLength < 0 || bytes.length !== 8 + metaPadded + count * 36 + count) {
      return undefined;
    }
    const meta = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + metaLength))) as {
      info: SkeletonInfo & { facts: unknown };
      overrides: [number, Override][];
      labels: string[];
    };
    let offset = bytes.byteOffset + 8 + metaPadded;
    const take = (length: number): Int32Array => {
      const array = new Int32Array(bytes.buffer, offset, length);
      offset += length * 4;
      return array;
    };
    const numbers = take(count);
    const parents = take(count);
    const localLabels = take(count);
    const spans = take(count * 2);
    const lines = take(count * 4);
    const kinds = new Uint8Array(bytes.buffer, offset, count);
    const ids = meta.labels.map((label) => labels.intern(label));
    const labelIds = new Int32Array(count);
    for (let ordinal = 0; ordinal < count; ordinal++) {
      const local = localLabels[ordinal];
      if (kinds[ordinal] > 3 || parents[ordinal] >= ordinal || parents[ordinal] < -1 || local >= ids.length) {
        return undefined;
      }
      labelIds[ordinal] = local < 0 ? -1 : ids[local];
    }
    const facts = decodeFacts(meta.info.facts);
    if (!facts || !PRINT_STYLES.includes(meta.info.printStyle) || !Array.isArray(meta.info.problems)) {
      return undefined;
    }
    return new Skeleton(kinds, numbers, parents, labelIds, spans, lines, new Map(meta.overrides), { ...meta.info, facts });
  } catch {
    return undefined;
  }
}

/** Facts as JSON: article tables (`Map`s) as lists of pairs. */
function encodeFacts(facts: InstrumentFacts): unknown {
  if (facts === NO_FACTS) {
    return null;
  }
  return {
    ...facts,
    relations: facts.relations.map((relation) => ({ ...relation, articles: relation.articles instanceof Map ? { table: [...relation.articles] } : relation.articles })),
  };
}

function decodeFacts(value: unknown): InstrumentFacts | undefined {
  if (value === null) {
    return NO_FACTS;
  }
  if (!value || typeof value !== 'object' || !Array.isArray((value as { relations?: unknown }).relations)) {
    return undefined;
  }
  const facts = value as InstrumentFacts & { relations: { articles?: unknown }[] };
  return {
    ...facts,
    relations: facts.relations.map((relation) => {
      const articles = relation.articles as { table?: [string, string][] } | 'same' | undefined;
      return { ...(relation as InstrumentFacts['relations'][number]), articles: articles && typeof articles === 'object' ? new Map(articles.table ?? []) : articles };
    }),
  };
}

/** A derived path and annex with what a clause's override says instead. */
function withOverride(derived: { path: readonly number[]; annex: string | undefined }, override: Override | undefined): { path: readonly number[]; annex: string | undefined } {
  return {
    path: override?.path ?? derived.path,
    annex: override?.annex !== undefined ? override.annex ?? undefined : derived.annex,
  };
}

function derive(
  kinds: Uint8Array,
  numbers: Int32Array,
  parents: Int32Array,
  paths: readonly (readonly number[])[],
  annexes: readonly (string | undefined)[],
  ordinal: number,
  overrides: ReadonlyMap<number, Override>,
): { path: readonly number[]; annex: string | undefined } {
  if (kinds[ordinal] === 0) {
    return { path: [], annex: undefined };
  }
  const parent = parents[ordinal];
  if (parent < 0) {
    return { path: [numbers[ordinal]], annex: undefined };
  }
  if (kinds[parent] === 0) {
    return { path: [numbers[ordinal]], annex: overrides.get(parent)?.key };
  }
  return { path: [...paths[parent], numbers[ordinal]], annex: annexes[parent] };
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const DOT = 0x2e;
const COLON = 0x3a;
const DIGIT_ZERO = 0x30;

/** FNV-1a over a key's UTF-16 code units. */
function hashKey(key: string): number {
  let hash = FNV_OFFSET;
  for (let index = 0; index < key.length; index++) {
    hash = Math.imul(hash ^ key.charCodeAt(index), FNV_PRIME);
  }
  return hash;
}

/** `hashKey` continued over the decimal digits of a number (not negative), as `String(number)` writes them. */
function hashNumber(hash: number, number: number): number {
  let divisor = 1;
  while (divisor * 10 <= number) {
    divisor *= 10;
  }
  let result = hash;
  for (; divisor >= 1; divisor /= 10) {
    result = Math.imul(result ^ (DIGIT_ZERO + (Math.floor(number / divisor) % 10)), FNV_PRIME);
  }
  return result;
}

function keyFrom(annex: string | undefined, path: readonly number[]): string {
  return annex === undefined ? path.join('.') : `${annex}:${path.join('.')}`;
}

function samePath(left: readonly number[], right: readonly number[]): boolean {
  if (left.length !== right.length) {
    return false;
  }
  for (let index = 0; index < left.length; index++) {
    if (left[index] !== right[index]) {
      return false;
    }
  }
  return true;
}

/**
 * A document's clauses as resolution reads them: views with the parser's fields, by key (the first clause of
 * a key) and by parent (-1: the top of the body; annexes are nobody's children).
 */
export interface ClauseTree {
  readonly id: string | undefined;
  readonly hasSections: boolean;
  readonly printStyle: PrintStyle;
  readonly clauses: readonly Clause[];
  readonly byKey: ReadonlyMap<string, Clause>;
  readonly children: ReadonlyMap<number, readonly Clause[]>;
}

/** A clause read from a skeleton; its text is read (the file parsed) only when asked for. */
class ClauseView implements Clause {
  readonly #skeleton: Skeleton;
  readonly #textOf: (ordinal: number) => string;

  constructor(
    skeleton: Skeleton,
    readonly ordinal: number,
    readonly kind: ClauseKind,
    readonly path: readonly number[],
    readonly key: string,
    readonly label: string | undefined,
    readonly labelKey: string | undefined,
    readonly annex: string | undefined,
    readonly parent: number,
    textOf: (ordinal: number) => string,
  ) {
    this.#skeleton = skeleton;
    this.#textOf = textOf;
  }

  get text(): string {
    return this.#textOf(this.ordinal);
  }

  get range(): LineRange {
    const lines = this.#skeleton.lines;
    const at = this.ordinal * 4;
    return { startLine: lines[at], startCharacter: lines[at + 1], endLine: lines[at + 2], endCharacter: lines[at + 3] };
  }

  get span(): Span {
    const spans = this.#skeleton.spans;
    return { start: spans[this.ordinal * 2], end: spans[this.ordinal * 2 + 1] };
  }
}
