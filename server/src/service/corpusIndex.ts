/**
 * The corpus index: every loaded corpus file, by URI and by document id, with its clauses by path and a
 * text search index over all of them. Adding or removing one file touches only that file's entries.
 */
import { aliasesOf, Clause, clauseTextOf, CorpusDocument, CorpusProblem, DocumentHeader, parseCorpusDocument, readHeader } from './corpusParser';
import { SearchIndex } from './searchIndex';
import { ClauseTree, Skeleton } from './skeleton';
import { NO_FACTS, relatedIdsOf } from './status';
import { versionProblems } from './versions';

/** A skeleton, or a function that decodes one known from elsewhere (the index cache) when it is first needed. */
export type KnownSkeleton = Skeleton | (() => Skeleton | undefined);

/** Reads a corpus file's current text when the index did not keep it; undefined when it cannot. */
export type CorpusLoader = (uri: string) => string | undefined;

/** Options of a corpus index. */
export interface CorpusIndexOptions {
  /**
   * Reads corpus text on demand. With a loader, the index keeps only each file's header, its clause skeleton
   * and its search entries, and parses files again when their text is needed (a bounded cache keeps the
   * recent ones); without one, it keeps every file's text.
   */
  readonly load?: CorpusLoader;
  /** How many clauses the cache of parsed documents holds at most (default 50,000). */
  readonly parsedClauseBudget?: number;
  /** How many clauses the cache of materialised clause trees holds at most (default 500,000). */
  readonly treeClauseBudget?: number;
  /** Searches the documents of some roots elsewhere (a database); see `ExternalSearch`. */
  readonly externalSearch?: ExternalSearch;
}

// ---- External search (the team corpus in a database) ----

/**
 * A content search kept outside the index, for the documents of the roots it owns (a database, whose clauses
 * are searched in SQL). Those documents never enter the in-memory search index; `search` merges their hits
 * with the index's own, in the same order (tier, position, length, then index documents before external ones).
 */
export interface ExternalSearch {
  /** True for a corpus root whose documents this searcher searches. */
  owns(root: string): boolean;
  /**
   * Hits among its documents of a scope (or among `documents` only), best first as `SearchIndex` ranks them,
   * at most `limit`. Synchronous: a searcher answers from what it has, and its host asks it again once it has
   * the answer (see the language server's `DatabaseRoots.run`).
   */
  search(query: string, scope: CorpusScope, options: { limit: number; documents?: readonly IndexedDocument[]; budget?: number }): { hits: readonly ExternalHit[]; incomplete: boolean };
}

/** A clause found by an external search, with what `SearchIndex` ranks by. */
export interface ExternalHit {
  readonly uri: string;
  readonly key: string;
  /** The clause's position in its document (`Clause.ordinal`). */
  readonly ordinal: number;
  /** The clause's raw source (see `Clause.span`). */
  readonly raw: string;
  readonly tier: number;
  readonly position: number;
}

/**
 * A corpus file in the index: its header, and once it has been parsed (for a citation, or by the search
 * index in the background) its clause skeleton, which stays. Its text is parsed again only when text is read.
 */
export class IndexedDocument {
  /** The slot of its clauses in the search index (-1 until indexed for search). */
  slot = -1;
  #text: string | undefined;
  #skeleton: Skeleton | undefined;
  /** Decodes a skeleton known from elsewhere (the index cache) on first use. */
  #decode: (() => Skeleton | undefined) | undefined;

  constructor(
    readonly uri: string,
    /** The corpus root (a folder) the file was found under. */
    readonly root: string,
    readonly header: DocumentHeader,
    text: string | undefined,
    readonly owner: CorpusIndex,
    skeleton: KnownSkeleton | undefined,
  ) {
    this.#text = text;
    if (typeof skeleton === 'function') {
      this.#decode = skeleton;
    } else {
      this.#skeleton = skeleton;
    }
  }

  /** The text, when the index keeps it. */
  get retainedText(): string | undefined {
    return this.#text;
  }

  /** The clause skeleton (built by parsing the file the first time it is needed; then kept). */
  get skeleton(): Skeleton {
    return this.knownSkeleton ?? this.owner.skeletonOf(this);
  }

  /** The skeleton when it is known, without parsing (decoded now when it came from the index cache). */
  get knownSkeleton(): Skeleton | undefined {
    if (this.#decode) {
      const decode = this.#decode;
      this.#decode = undefined;
      this.#skeleton ??= decode();
    }
    return this.#skeleton;
  }

  /** True when the skeleton is known or can be decoded, without decoding it. */
  get hasSkeleton(): boolean {
    return this.#skeleton !== undefined || this.#decode !== undefined;
  }

  /** Replaces the skeleton (the index calls this when it parses the file). */
  setSkeleton(skeleton: Skeleton): void {
    this.#decode = undefined;
    this.#skeleton = skeleton;
  }

  /** The clauses as resolution reads them, from the skeleton: no file is parsed, unless a clause's text is read. */
  get tree(): ClauseTree {
    return this.owner.treeOf(this);
  }

  /** The parsed document (parsed again on demand when the cache let it go): for clause text. */
  get document(): CorpusDocument {
    return this.owner.parsed(this);
  }

  /** Clauses by path key (`3.4`), from the skeleton. */
  get byKey(): ReadonlyMap<string, Clause> {
    return this.tree.byKey;
  }

  /** The document-level facts of its clause tree (the cached tree's, or the skeleton's: the same values). */
  get shape(): Pick<ClauseTree, 'id' | 'hasSections' | 'printStyle'> {
    return this.owner.shapeOf(this);
  }

  /**
   * The clause of a path key, as `byKey.get(key)` gives it, without materialising the tree when it is not
   * cached (then the clause is a view of its own, equal in every field but not the tree's object).
   */
  clauseOfKey(key: string): Clause | undefined {
    return this.owner.clauseOfKey(this, key);
  }

  /** Whether parsing found problems in the file (undefined until it was parsed). */
  get hasProblems(): boolean | undefined {
    return this.knownSkeleton?.info.hasProblems;
  }

  /** True while the cache of parsed documents holds this file (its text is at hand). */
  get isParsed(): boolean {
    return this.owner.isParsed(this);
  }
}

/**
 * A cache of values weighed in clauses, up to a budget: a clock, where the oldest entry goes unless it was used
 * since it last came round (then it gets a second chance).
 */
class ClauseBoundedCache<V> {
  readonly #entries = new Map<IndexedDocument, { value: V; weight: number; used: boolean }>();
  #weight = 0;

  constructor(readonly budget: number) {}

  get(key: IndexedDocument): V | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      entry.used = true;
    }
    return entry?.value;
  }

  has(key: IndexedDocument): boolean {
    return this.#entries.has(key);
  }

  set(key: IndexedDocument, value: V, weight: number): void {
    this.delete(key);
    this.#entries.set(key, { value, weight, used: false });
    this.#weight += weight;
    let turns = this.#entries.size * 2;
    while (this.#weight > this.budget && this.#entries.size > 1 && turns-- > 0) {
      const [oldest, entry] = this.#entries.entries().next().value as [IndexedDocument, { value: V; weight: number; used: boolean }];
      this.#entries.delete(oldest);
      if (entry.used && oldest !== key) {
        entry.used = false;
        this.#entries.set(oldest, entry);
        continue;
      }
      this.#weight -= entry.weight;
    }
  }

  delete(key: IndexedDocument): void {
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#weight -= entry.weight;
    }
  }
}

/**
 * Which corpus roots a brief sees, in priority order: for a duplicate id, the document under the earlier
 * root (then the smaller URI) is the one cited, and the others get a `corpus-error`.
 */
export type CorpusScope = readonly string[];

/** A clause found by a content search. */
export interface ClauseHit {
  readonly document: IndexedDocument;
  /** The clause's path key. */
  readonly key: string;
  /** The clause's text. */
  readonly text: string;
  /** The clause itself (parses the document when needed). */
  readonly clause: Clause;
  /** 0 for an exact phrase match. */
  readonly tier: number;
  /** Where the first part (or the phrase) occurs in the clause's raw source, and that source's length. */
  readonly position?: number;
  readonly length?: number;
}

export class CorpusIndex {
  #byUri = new Map<string, IndexedDocument>();
  #byId = new Map<string, IndexedDocument[]>();
  /** Alias → the files whose front matter gives it. */
  #byAlias = new Map<string, IndexedDocument[]>();
  /** Id → the files whose relation keys (`amends`, `superseded_by`, …) name it. */
  #byRelated = new Map<string, IndexedDocument[]>();
  #bySlot = new Map<number, IndexedDocument>();
  #search = new SearchIndex();
  #external: ExternalSearch | undefined;
  #generation = 0;
  /** Per id, the generation at which something that id's citations depend on last changed. */
  #idGenerations = new Map<string, number>();
  #idsGeneration = 0;
  #load: CorpusLoader | undefined;
  #parsed: ClauseBoundedCache<CorpusDocument>;
  #trees: ClauseBoundedCache<ClauseTree>;
  /** Documents of an external root answered as empty while their text was missing (see `#awaited`). */
  #missing = new Set<IndexedDocument>();
  /** Documents whose clauses are not in the search index yet. */
  #unsearched = new Set<IndexedDocument>();

  constructor(options: CorpusIndexOptions = {}) {
    this.#load = options.load;
    this.#external = options.externalSearch;
    this.#parsed = new ClauseBoundedCache(options.parsedClauseBudget ?? 50_000);
    this.#trees = new ClauseBoundedCache(options.treeClauseBudget ?? 500_000);
  }

  /** Increases on every change; caches of derived data compare it. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * The generation at which something a citation of `id` depends on last changed: a file with that id (any
   * language version), or a file whose relations name it (an amendment, a successor). Citations of other ids
   * keep their results when one corpus file changes.
   */
  idGeneration(id: string): number {
    return this.#idGenerations.get(id) ?? 0;
  }

  /** Changes when an id or an alias appears or disappears (unknown-document suggestions and aliases depend on the set). */
  get idsGeneration(): number {
    return this.#idsGeneration;
  }

  /** The number of corpus files in the index. */
  get size(): number {
    return this.#byUri.size;
  }

  /** How many files still wait to be added to the search index. */
  get pendingSearchEntries(): number {
    return this.#unsearched.size;
  }

  /**
   * Indexes a file found under a corpus root, replacing an older version of it. Returns the indexed
   * document, or undefined when the file is not a corpus file (it is then a brief). Only the header is
   * read now; clauses are parsed when needed.
   */
  set(uri: string, root: string, text: string, options?: { parseNow?: boolean }): IndexedDocument | undefined {
    const header = readHeader(text);
    if (!header.isCorpus) {
      this.delete(uri);
      return undefined;
    }
    const indexed = this.#insert(new IndexedDocument(uri, root, header, this.#load ? undefined : text, this, undefined));
    if (options?.parseNow) {
      // The text is at hand (a file cited by an open brief, read first at start-up): its skeleton is built now
      // rather than by reading the file again for the first citation.
      const document = parseCorpusDocument(text);
      indexed.setSkeleton(Skeleton.of(document, text.length));
    }
    return indexed;
  }

  /**
   * Indexes a file by a header known from elsewhere (the index cache), without reading it now; with its
   * skeleton when that is known too.
   */
  setHeader(uri: string, root: string, header: DocumentHeader, skeleton?: KnownSkeleton): IndexedDocument | undefined {
    if (!header.isCorpus) {
      this.delete(uri);
      return undefined;
    }
    return this.#insert(new IndexedDocument(uri, root, header, undefined, this, skeleton));
  }

  /** Indexes an already parsed corpus document (for tests and callers that parsed it themselves). */
  setParsed(uri: string, root: string, document: CorpusDocument): IndexedDocument {
    const language = document.meta['language'];
    const authentic = document.meta['authentic'];
    const header: DocumentHeader = {
      isCorpus: true,
      id: document.id,
      title: document.title,
      language: typeof language === 'string' ? language.trim().toLowerCase() : '',
      authentic: authentic !== false && authentic !== 'false',
      aliases: aliasesOf(document.meta),
      related: relatedIdsOf(document.meta),
    };
    const indexed = this.#insert(new IndexedDocument(uri, root, header, undefined, this, Skeleton.of(document, -1)));
    this.#parsed.set(indexed, document, document.clauses.length);
    return indexed;
  }

  #insert(indexed: IndexedDocument): IndexedDocument {
    this.delete(indexed.uri);
    this.#byUri.set(indexed.uri, indexed);
    const id = indexed.header.id;
    if (id !== undefined) {
      if (addTo(this.#byId, id, indexed)) {
        this.#idsGeneration++;
      }
      for (const alias of indexed.header.aliases) {
        if (addTo(this.#byAlias, alias, indexed)) {
          this.#idsGeneration++;
        }
      }
    }
    for (const related of indexed.header.related) {
      addTo(this.#byRelated, related, indexed);
    }
    if (!this.#external?.owns(indexed.root)) {
      this.#unsearched.add(indexed);
    }
    this.#changed(indexed);
    return indexed;
  }

  /** A new generation, in which the ids a file has and names have changed. */
  #changed(indexed: IndexedDocument): void {
    this.#generation++;
    if (indexed.header.id !== undefined) {
      this.#idGenerations.set(indexed.header.id, this.#generation);
    }
    for (const related of indexed.header.related) {
      this.#idGenerations.set(related, this.#generation);
    }
  }

  /**
   * Texts of documents of an external root (a database) arrived: answers worked out while they were missing
   * (memos kept per generation, such as quotation checks and resolution messages) are worked out again.
   */
  externalTextsArrived(): void {
    this.#generation++;
    // Results kept per citation depend on the ids they cite (`idGeneration`): those of the documents that were
    // answered as empty while their text was missing are worked out again.
    for (const indexed of this.#missing) {
      this.#changed(indexed);
    }
    this.#missing.clear();
  }

  /**
   * True for a document of an external root (a database) whose text is not here yet: it is answered as empty,
   * and neither its parse, its skeleton nor its clause tree is kept, so that the next request asks the loader
   * again once the host has fetched it.
   */
  #awaited(indexed: IndexedDocument): boolean {
    if (!this.#external?.owns(indexed.root)) {
      return false;
    }
    this.#missing.add(indexed);
    return true;
  }

  /** A corpus file's current text (read again through the loader when the index does not keep it). */
  textOf(indexed: IndexedDocument): string | undefined {
    return indexed.retainedText ?? this.#load?.(indexed.uri);
  }

  /** True while the parse cache holds a document. */
  isParsed(indexed: IndexedDocument): boolean {
    return this.#parsed.has(indexed);
  }

  /** The parsed form of a document, from the cache or parsed now (which builds or checks its skeleton). */
  parsed(indexed: IndexedDocument): CorpusDocument {
    const cached = this.#parsed.get(indexed);
    if (cached) {
      return cached;
    }
    const text = this.textOf(indexed);
    if (text === undefined && this.#awaited(indexed)) {
      return unreadableDocument(indexed);
    }
    const document = text === undefined ? unreadableDocument(indexed) : parseCorpusDocument(text);
    this.#parsed.set(indexed, document, document.clauses.length);
    this.#checkSkeleton(indexed, document, text?.length ?? 0);
    return document;
  }

  /** The skeleton of a document not parsed before: parses it (without keeping the parse). */
  skeletonOf(indexed: IndexedDocument): Skeleton {
    const known = indexed.knownSkeleton;
    if (known) {
      return known;
    }
    const cached = this.#parsed.get(indexed);
    if (cached) {
      return this.#checkSkeleton(indexed, cached, indexed.retainedText?.length ?? -1);
    }
    const text = this.textOf(indexed);
    if (text === undefined && this.#awaited(indexed)) {
      return Skeleton.of(unreadableDocument(indexed), -1);
    }
    const document = text === undefined ? unreadableDocument(indexed) : parseCorpusDocument(text);
    return this.#checkSkeleton(indexed, document, text?.length ?? 0);
  }

  /**
   * Keeps the skeleton of a freshly parsed document: the first one, or a new one when the file changed behind
   * the index's back (then every citation of the document is checked again).
   */
  #checkSkeleton(indexed: IndexedDocument, document: CorpusDocument, sourceLength: number): Skeleton {
    const known = indexed.knownSkeleton;
    if (known && known.count === document.clauses.length && known.info.textLength === document.textLength && (known.info.sourceLength === sourceLength || known.info.sourceLength < 0)) {
      return known;
    }
    const skeleton = Skeleton.of(document, sourceLength);
    indexed.setSkeleton(skeleton);
    if (known && this.#byUri.get(indexed.uri) === indexed) {
      this.#trees.delete(indexed);
      this.#changed(indexed);
    }
    return skeleton;
  }

  /** The clause tree of a document, from the cache or materialised from its skeleton now. */
  treeOf(indexed: IndexedDocument): ClauseTree {
    const cached = this.#trees.get(indexed);
    if (cached) {
      return cached;
    }
    const skeleton = indexed.skeleton;
    const tree = skeleton.materialize(this.#textReader(indexed, skeleton));
    if (indexed.knownSkeleton === skeleton) {
      this.#trees.set(indexed, tree, skeleton.count);
    }
    return tree;
  }

  /** The id, sections and print style of a document's clause tree, without materialising it. */
  shapeOf(indexed: IndexedDocument): Pick<ClauseTree, 'id' | 'hasSections' | 'printStyle'> {
    return this.#trees.get(indexed) ?? indexed.skeleton.info;
  }

  /**
   * The first clause of a key: the cached tree's, or one view read from the skeleton (the tree is left
   * unbuilt: checking a brief against thousands of freshly loaded documents then keeps no tree of them).
   */
  clauseOfKey(indexed: IndexedDocument, key: string): Clause | undefined {
    const cached = this.#trees.get(indexed);
    if (cached) {
      return cached.byKey.get(key);
    }
    const skeleton = indexed.skeleton;
    const ordinal = skeleton.ordinalOfKey(key);
    return ordinal < 0 ? undefined : skeleton.clauseAt(ordinal, this.#textReader(indexed, skeleton));
  }

  /** Reads a clause's text by parsing the file, as long as the skeleton is still the document's. */
  #textReader(indexed: IndexedDocument, skeleton: Skeleton): (ordinal: number) => string {
    return (ordinal) => (indexed.skeleton === skeleton ? this.parsed(indexed).clauses[ordinal]?.text ?? '' : '');
  }

  /**
   * Adds waiting documents to the search index, parsing those whose skeleton is not known yet; stops after
   * `budgetMs` (all when absent). Returns how many still wait. The server calls this in the background after
   * loading a corpus.
   */
  indexForSearch(budgetMs?: number): number {
    const started = Date.now();
    for (const indexed of this.#unsearched) {
      this.#unsearched.delete(indexed);
      if (!this.#byUri.has(indexed.uri) || this.#byUri.get(indexed.uri) !== indexed) {
        continue;
      }
      // The search index keeps the file's text and each clause's span in it: no copies of clause text.
      const text = this.textOf(indexed);
      if (text !== undefined && indexed.retainedText === undefined && !sameHeader(indexed.header, readHeader(text))) {
        // The header came from elsewhere (the index cache) and the file says otherwise: the file wins.
        const fresh = this.set(indexed.uri, indexed.root, text);
        if (fresh) {
          this.#unsearched.add(fresh);
        }
        continue;
      }
      let skeleton = indexed.knownSkeleton;
      if (!skeleton || (text !== undefined && skeleton.info.sourceLength >= 0 && skeleton.info.sourceLength !== text.length)) {
        const document = text === undefined ? unreadableDocument(indexed) : parseCorpusDocument(text);
        skeleton = this.#checkSkeleton(indexed, document, text?.length ?? 0);
      }
      indexed.slot = this.#search.add(text ?? '', skeleton.spans);
      this.#bySlot.set(indexed.slot, indexed);
      if (budgetMs !== undefined && Date.now() - started >= budgetMs) {
        break;
      }
    }
    if (this.#unsearched.size === 0 && this.#search.needsCompaction) {
      this.#search.compact();
    }
    return this.#unsearched.size;
  }

  /** Removes a file; true when it was indexed. */
  delete(uri: string): boolean {
    const old = this.#byUri.get(uri);
    if (!old) {
      return false;
    }
    this.#byUri.delete(uri);
    this.#unsearched.delete(old);
    this.#parsed.delete(old);
    this.#trees.delete(old);
    if (old.slot >= 0) {
      this.#bySlot.delete(old.slot);
      this.#search.remove(old.slot);
    }
    const id = old.header.id;
    if (id !== undefined) {
      if (removeFrom(this.#byId, id, old)) {
        this.#idsGeneration++;
      }
      for (const alias of old.header.aliases) {
        if (removeFrom(this.#byAlias, alias, old)) {
          this.#idsGeneration++;
        }
      }
    }
    for (const related of old.header.related) {
      removeFrom(this.#byRelated, related, old);
    }
    this.#changed(old);
    return true;
  }

  /**
   * The ids of the documents that give an alias in a scope (spec.md §1.1): one id normally, two or more
   * when the alias is ambiguous, none when no loaded document gives it.
   */
  aliasTargets(alias: string, scope: CorpusScope): string[] {
    const givers = this.#byAlias.get(alias);
    if (!givers) {
      return [];
    }
    const ids = new Set<string>();
    for (const giver of givers) {
      const id = giver.header.id;
      if (id !== undefined && scope.includes(giver.root) && this.resolve(id, scope)) {
        ids.add(id);
      }
    }
    return [...ids].sort();
  }

  /** Every alias given by a document of the scope, with the ids that give it. */
  *aliases(scope: CorpusScope): IterableIterator<[string, string[]]> {
    for (const alias of this.#byAlias.keys()) {
      const ids = this.aliasTargets(alias, scope);
      if (ids.length > 0) {
        yield [alias, ids];
      }
    }
  }

  /**
   * The files whose relation keys (`amends`, `amended_by`, `superseded_by`, `supersedes`) name an id, in a
   * scope: the instruments that amend or supersede it, or that it amends or supersedes.
   */
  relatedTo(id: string, scope: CorpusScope): IndexedDocument[] {
    return (this.#byRelated.get(id) ?? []).filter((entry) => scope.includes(entry.root) && entry.header.id !== undefined && this.resolve(entry.header.id, scope) === entry);
  }

  /** Removes every file under a root. */
  deleteRoot(root: string): void {
    for (const entry of [...this.#byUri.values()]) {
      if (entry.root === root) {
        this.delete(entry.uri);
      }
    }
  }

  /** The indexed file at a URI. */
  get(uri: string): IndexedDocument | undefined {
    return this.#byUri.get(uri);
  }

  /** Every indexed file. */
  all(): IterableIterator<IndexedDocument> {
    return this.#byUri.values();
  }

  /** The documents with an id, in a scope, best first. */
  #candidates(id: string, scope: CorpusScope): IndexedDocument[] {
    const list = this.#byId.get(id);
    if (!list) {
      return [];
    }
    return list
      .filter((entry) => scope.includes(entry.root))
      .sort((left, right) => scope.indexOf(left.root) - scope.indexOf(right.root) || (left.uri < right.uri ? -1 : left.uri > right.uri ? 1 : 0));
  }

  /**
   * The language versions of a document in a scope: one file per language (the first of each language
   * wins; later ones are duplicates), the primary version first. The primary is the first authentic
   * version, or the first version when none says it is authentic.
   */
  versions(id: string, scope: CorpusScope): IndexedDocument[] {
    const list = this.#byId.get(id);
    if (!list) {
      return [];
    }
    if (list.length === 1) {
      return scope.includes(list[0].root) ? [list[0]] : [];
    }
    // Diagnostics resolve thousands of citations with one scope: remember the answer per scope object.
    if (this.#versionsMemo.generation !== this.#generation) {
      this.#versionsMemo = { generation: this.#generation, byScope: new WeakMap() };
    }
    let memo = this.#versionsMemo.byScope.get(scope);
    if (!memo) {
      memo = new Map();
      this.#versionsMemo.byScope.set(scope, memo);
    }
    const remembered = memo.get(id);
    if (remembered) {
      return remembered;
    }
    const computed = this.#computeVersions(id, scope);
    memo.set(id, computed);
    return computed;
  }

  #versionsMemo: { generation: number; byScope: WeakMap<CorpusScope, Map<string, IndexedDocument[]>> } = { generation: -1, byScope: new WeakMap() };

  #computeVersions(id: string, scope: CorpusScope): IndexedDocument[] {
    const winners: IndexedDocument[] = [];
    const languages = new Set<string>();
    for (const entry of this.#candidates(id, scope)) {
      const language = languageOf(entry);
      if (!languages.has(language)) {
        languages.add(language);
        winners.push(entry);
      }
    }
    const primary = winners.findIndex((entry) => isAuthentic(entry));
    if (primary > 0) {
      winners.unshift(...winners.splice(primary, 1));
    }
    return winners;
  }

  /** Every indexed file that claims an id (versions and duplicates alike), in no particular order. */
  withId(id: string): readonly IndexedDocument[] {
    return this.#byId.get(id) ?? [];
  }

  /** The document cited by an id in a scope (its primary version). */
  resolve(id: string, scope: CorpusScope): IndexedDocument | undefined {
    const list = this.#byId.get(id);
    if (!list) {
      return undefined;
    }
    if (list.length === 1) {
      return scope.includes(list[0].root) ? list[0] : undefined;
    }
    return this.versions(id, scope)[0];
  }

  /** Every citable document of a scope (one per id), sorted by id. */
  documents(scope: CorpusScope): IndexedDocument[] {
    const result: IndexedDocument[] = [];
    for (const [id] of this.#byId) {
      const document = this.resolve(id, scope);
      if (document) {
        result.push(document);
      }
    }
    return result.sort((left, right) => ((left.header.id ?? '') < (right.header.id ?? '') ? -1 : 1));
  }

  /** The ids of a scope, unsorted; cheaper than `documents` when only ids are needed. */
  *ids(scope: CorpusScope): IterableIterator<string> {
    for (const [id] of this.#byId) {
      if (this.resolve(id, scope)) {
        yield id;
      }
    }
  }

  /**
   * The problems of a corpus file: its own, plus a duplicate id when another document of the same id is
   * cited instead of it in `scope`.
   */
  problemsOf(uri: string, scope: CorpusScope): CorpusProblem[] {
    const entry = this.#byUri.get(uri);
    if (!entry) {
      return [];
    }
    // From the skeleton: publishing a file's diagnostics parses it only the first time.
    const info = entry.skeleton.info;
    const problems = [...info.problems];
    const id = entry.header.id;
    if (id !== undefined) {
      const versions = this.versions(id, scope);
      const range = info.idRange ?? { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 3 };
      if (versions.length > 0 && !versions.includes(entry)) {
        const winner = versions.find((version) => languageOf(version) === languageOf(entry)) ?? versions[0];
        const language = languageOf(entry);
        problems.push({
          message: `duplicate id ${id}${language ? ` (language ${language})` : ''}: ${winner.uri} already defines it, and citations of ${id} go there`,
          range,
        });
      } else if (versions.length > 1 && versions[0] !== entry) {
        // Checked against the primary version (a translation may lack a clause; versions.ts).
        return versionProblems(versions[0], entry, range);
      }
    }
    return problems;
  }

  /** Searches clause text in a scope, optionally inside one document (and its language versions). */
  search(query: string, scope: CorpusScope, options: { limit: number; document?: IndexedDocument; budget?: number }): { hits: ClauseHit[]; incomplete: boolean } {
    if (this.#unsearched.size > 0) {
      this.indexForSearch();
    }
    let slots: Set<number> | undefined;
    if (options.document) {
      const id = options.document.header.id;
      const versions = id !== undefined ? this.versions(id, scope) : [];
      slots = new Set((versions.length > 0 ? versions : [options.document]).map((version) => version.slot));
    } else {
      slots = this.#scopeSlots(scope);
    }
    const result = this.#search.search(query, { limit: options.limit, slots, budget: options.budget });
    const hits: ClauseHit[] = [];
    for (const hit of result.hits) {
      const document = this.#bySlot.get(hit.slot);
      const key = document?.knownSkeleton && hit.index < document.knownSkeleton.count ? document.knownSkeleton.keyOf(hit.index) : undefined;
      const raw = this.#search.rawOf(hit.slot, hit.index);
      const text = raw === undefined ? undefined : clauseTextOf(raw);
      // A file without a valid id cannot be cited, so its clauses are never offered.
      if (document && key !== undefined && text !== undefined && document.header.id !== undefined) {
        const index = hit.index;
        hits.push({
          document,
          key,
          text,
          tier: hit.tier,
          position: hit.position,
          length: raw?.length,
          get clause(): Clause {
            return document.tree.clauses[index];
          },
        });
      }
    }
    if (this.#external) {
      return this.#withExternalHits(query, scope, options, hits, result.incomplete);
    }
    return { hits, incomplete: result.incomplete };
  }

  /**
   * Merges the hits of the external searcher (documents of the roots it owns, in the scope's versions) with the
   * index's own, in `SearchIndex`'s order; the index's documents come before the external ones on a tie.
   */
  #withExternalHits(query: string, scope: CorpusScope, options: { limit: number; document?: IndexedDocument; budget?: number }, own: ClauseHit[], incomplete: boolean): { hits: ClauseHit[]; incomplete: boolean } {
    const external = this.#external as ExternalSearch;
    let documents: IndexedDocument[] | undefined;
    if (options.document) {
      const id = options.document.header.id;
      const versions = id !== undefined ? this.versions(id, scope) : [];
      documents = (versions.length > 0 ? versions : [options.document]).filter((version) => external.owns(version.root));
      if (documents.length === 0) {
        return { hits: own, incomplete };
      }
    } else if (!scope.some((root) => external.owns(root))) {
      return { hits: own, incomplete };
    }
    const found = external.search(query, scope, { limit: options.limit, documents, budget: options.budget });
    const merged: ClauseHit[] = [...own];
    for (const hit of found.hits) {
      const document = this.#byUri.get(hit.uri);
      const id = document?.header.id;
      // Only the version a citation of its id would reach: not a duplicate that another root wins.
      if (!document || id === undefined || !this.versions(id, scope).includes(document)) {
        continue;
      }
      const ordinal = hit.ordinal;
      merged.push({
        document,
        key: hit.key,
        text: clauseTextOf(hit.raw),
        tier: hit.tier,
        position: hit.position,
        length: hit.raw.length,
        get clause(): Clause {
          return document.document.clauses[ordinal];
        },
      });
    }
    if (merged.length === own.length) {
      return { hits: own, incomplete: incomplete || found.incomplete };
    }
    const rank = new Map(merged.map((hit, order) => [hit, order]));
    merged.sort((left, right) => left.tier - right.tier || (left.position ?? 0) - (right.position ?? 0) || (left.length ?? 0) - (right.length ?? 0) || (rank.get(left) ?? 0) - (rank.get(right) ?? 0));
    return { hits: merged.slice(0, options.limit), incomplete: incomplete || found.incomplete || merged.length > options.limit };
  }

  #scopeCache: { generation: number; key: string; slots: Set<number> | undefined } | undefined;

  /** The search slots a scope may see, or undefined when it sees every slot (the common case). */
  #scopeSlots(scope: CorpusScope): Set<number> | undefined {
    const key = scope.join('\n');
    if (this.#scopeCache && this.#scopeCache.generation === this.#generation && this.#scopeCache.key === key) {
      return this.#scopeCache.slots;
    }
    let everything = true;
    for (const entry of this.#byUri.values()) {
      if (!scope.includes(entry.root)) {
        everything = false;
        break;
      }
    }
    for (const list of this.#byId.values()) {
      if (!everything || list.length > 1) {
        everything = false;
        break;
      }
    }
    const slots = new Set<number>();
    if (!everything) {
      for (const id of this.#byId.keys()) {
        for (const version of this.versions(id, scope)) {
          slots.add(version.slot);
        }
      }
    }
    this.#scopeCache = { generation: this.#generation, key, slots: everything ? undefined : slots };
    return everything ? undefined : slots;
  }
}

/** Adds a file to the list a key maps to; true when the key is new. */
function addTo(map: Map<string, IndexedDocument[]>, key: string, entry: IndexedDocument): boolean {
  const list = map.get(key);
  if (list) {
    list.push(entry);
    return false;
  }
  map.set(key, [entry]);
  return true;
}

/** Removes a file from the list a key maps to, and the key with its last file; true when the key went. */
function removeFrom(map: Map<string, IndexedDocument[]>, key: string, entry: IndexedDocument): boolean {
  const list = (map.get(key) ?? []).filter((candidate) => candidate !== entry);
  if (list.length > 0) {
    map.set(key, list);
    return false;
  }
  map.delete(key);
  return true;
}

/** A version's language as its front matter gives it, lower case ('' when unstated). */
export function languageOf(entry: IndexedDocument): string {
  return entry.header.language;
}

/** True unless the front matter says the version is a translation (`authentic: false`). */
export function isAuthentic(entry: IndexedDocument): boolean {
  return entry.header.authentic;
}

function unreadableDocument(indexed: IndexedDocument): CorpusDocument {
  return {
    id: indexed.header.id,
    title: indexed.header.title,
    meta: {},
    hasSections: false,
    printStyle: 'none',
    clauses: [],
    problems: [{ message: 'the file can no longer be read', range: { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 } }],
    idRange: undefined,
    textLength: 0,
    facts: NO_FACTS,
  };
}

function sameHeader(left: DocumentHeader, right: DocumentHeader): boolean {
  return (
    left.isCorpus === right.isCorpus &&
    left.id === right.id &&
    left.title === right.title &&
    left.language === right.language &&
    left.authentic === right.authentic &&
    left.aliases.join('\n') === right.aliases.join('\n') &&
    left.related.join('\n') === right.related.join('\n')
  );
}
