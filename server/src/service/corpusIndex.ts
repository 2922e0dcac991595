/**
 * The corpus index: every loaded corpus file, by URI and by document id, with its clauses by path and a
 * text search index over all of them. Adding or removing one file touches only that file's entries.
 */
import { aliasesOf, Clause, clauseTextOf, CorpusDocument, CorpusProblem, DocumentHeader, parseCorpusDocument, readHeader } from './corpusParser';
import { SearchIndex } from './searchIndex';
import { NO_FACTS, relatedIdsOf } from './status';
import { versionProblems } from './versions';

/** Reads a corpus file's current text when the index did not keep it; undefined when it cannot. */
export type CorpusLoader = (uri: string) => string | undefined;

/** Options of a corpus index. */
export interface CorpusIndexOptions {
  /**
   * Reads corpus text on demand. With a loader, the index keeps only each file's header and its search
   * entries, and parses files again when their clauses are needed (a bounded cache keeps the recent ones);
   * without one, it keeps every file's text.
   */
  readonly load?: CorpusLoader;
  /** How many clauses the cache of parsed documents holds at most (default 50,000). */
  readonly parsedClauseBudget?: number;
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

/** A corpus file in the index. Its clauses are parsed when first needed. */
export class IndexedDocument {
  /** The slot of its clauses in the search index (-1 until indexed for search). */
  slot = -1;
  /**
   * The path keys of its clauses in document order, joined by newlines, once known.
   * NOTE: one string per document rather than one per clause: a national archive has millions of clauses.
   */
  keyList: string | undefined;

  /** The path keys of its clauses in document order, once known. */
  get keys(): readonly string[] | undefined {
    return this.keyList === undefined ? undefined : this.keyList === '' ? [] : this.keyList.split('\n');
  }
  /** Whether parsing found problems in the file (undefined until it was parsed). */
  hasProblems: boolean | undefined;
  /** The parsed form while the cache holds it, and whether it was used since the cache last looked. */
  cachedEntry: ParsedEntry | undefined;
  usedRecently = false;
  #text: string | undefined;

  constructor(
    readonly uri: string,
    /** The corpus root (a folder) the file was found under. */
    readonly root: string,
    readonly header: DocumentHeader,
    text: string | undefined,
    readonly owner: CorpusIndex,
    parsed: CorpusDocument | undefined,
  ) {
    this.#text = text;
    if (parsed) {
      owner.remember(this, parsed);
    }
  }

  /** The text, when the index keeps it. */
  get retainedText(): string | undefined {
    return this.#text;
  }

  /** The parsed document (parsed again on demand when the cache let it go). */
  get document(): CorpusDocument {
    return this.owner.parsed(this).document;
  }

  /** Clauses by path key (`3.4`). */
  get byKey(): ReadonlyMap<string, Clause> {
    return this.owner.parsed(this).byKey;
  }
}

interface ParsedEntry {
  readonly document: CorpusDocument;
  readonly byKey: ReadonlyMap<string, Clause>;
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
  #load: CorpusLoader | undefined;
  #parsed = new Map<IndexedDocument, ParsedEntry>();
  #parsedClauses = 0;
  #parsedBudget: number;
  /** Documents whose clauses are not in the search index yet. */
  #unsearched = new Set<IndexedDocument>();

  constructor(options: CorpusIndexOptions = {}) {
    this.#load = options.load;
    this.#external = options.externalSearch;
    this.#parsedBudget = options.parsedClauseBudget ?? 50_000;
  }

  /** Increases on every change; caches of derived data compare it. */
  get generation(): number {
    return this.#generation;
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
  set(uri: string, root: string, text: string): IndexedDocument | undefined {
    const header = readHeader(text);
    if (!header.isCorpus) {
      this.delete(uri);
      return undefined;
    }
    return this.#insert(new IndexedDocument(uri, root, header, this.#load ? undefined : text, this, undefined));
  }

  /** Indexes a file by a header known from elsewhere (the index cache), without reading it now. */
  setHeader(uri: string, root: string, header: DocumentHeader): IndexedDocument | undefined {
    if (!header.isCorpus) {
      this.delete(uri);
      return undefined;
    }
    return this.#insert(new IndexedDocument(uri, root, header, undefined, this, undefined));
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
    return this.#insert(new IndexedDocument(uri, root, header, undefined, this, document));
  }

  #insert(indexed: IndexedDocument): IndexedDocument {
    this.delete(indexed.uri);
    this.#byUri.set(indexed.uri, indexed);
    const id = indexed.header.id;
    if (id !== undefined) {
      addTo(this.#byId, id, indexed);
      for (const alias of indexed.header.aliases) {
        addTo(this.#byAlias, alias, indexed);
      }
    }
    for (const related of indexed.header.related) {
      addTo(this.#byRelated, related, indexed);
    }
    if (!this.#external?.owns(indexed.root)) {
      this.#unsearched.add(indexed);
    }
    this.#generation++;
    return indexed;
  }

  /** Keeps a parsed document in the bounded cache. */
  remember(indexed: IndexedDocument, document: CorpusDocument): ParsedEntry {
    const byKey = new Map<string, Clause>();
    for (const clause of document.clauses) {
      if (!byKey.has(clause.key)) {
        byKey.set(clause.key, clause);
      }
    }
    const entry = { document, byKey };
    const previous = this.#parsed.get(indexed);
    if (previous) {
      this.#parsedClauses -= previous.document.clauses.length;
    }
    this.#parsed.set(indexed, entry);
    indexed.cachedEntry = entry;
    this.#parsedClauses += document.clauses.length;
    if (indexed.keyList === undefined) {
      indexed.keyList = document.clauses.map((clause) => clause.key).join('\n');
    }
    indexed.hasProblems = document.problems.length > 0;
    // A clock: the oldest entry goes unless it was used since it last came round, then it gets a second chance.
    let turns = this.#parsed.size * 2;
    while (this.#parsedClauses > this.#parsedBudget && this.#parsed.size > 1 && turns-- > 0) {
      const [oldest, oldestEntry] = this.#parsed.entries().next().value as [IndexedDocument, ParsedEntry];
      this.#parsed.delete(oldest);
      if (oldest.usedRecently && oldest !== indexed) {
        oldest.usedRecently = false;
        this.#parsed.set(oldest, oldestEntry);
        continue;
      }
      oldest.cachedEntry = undefined;
      this.#parsedClauses -= oldestEntry.document.clauses.length;
    }
    return entry;
  }

  /**
   * Texts of documents of an external root (a database) arrived: answers worked out while they were missing
   * (memos kept per generation, such as quotation checks and resolution messages) are worked out again.
   */
  externalTextsArrived(): void {
    this.#generation++;
  }

  /** A corpus file's current text (read again through the loader when the index does not keep it). */
  textOf(indexed: IndexedDocument): string | undefined {
    return indexed.retainedText ?? this.#load?.(indexed.uri);
  }

  /** The parsed form of a document, from the cache or parsed now. */
  parsed(indexed: IndexedDocument): ParsedEntry {
    const cached = indexed.cachedEntry;
    if (cached) {
      indexed.usedRecently = true;
      return cached;
    }
    let text = indexed.retainedText;
    if (text === undefined) {
      text = this.#load?.(indexed.uri);
    }
    if (text === undefined && this.#external?.owns(indexed.root)) {
      // NOTE: a document of an external root (a database) whose text is not here yet: answered as empty and not
      // kept, so that the next request asks the loader again once the host has fetched it.
      const empty = unreadableDocument(indexed);
      return { document: empty, byKey: new Map() };
    }
    const document = text === undefined ? unreadableDocument(indexed) : parseCorpusDocument(text);
    return this.remember(indexed, document);
  }

  /**
   * Adds waiting documents to the search index, parsing them; stops after `budgetMs` (all when absent).
   * Returns how many still wait. The server calls this in the background after loading a corpus.
   */
  indexForSearch(budgetMs?: number): number {
    const started = Date.now();
    for (const indexed of this.#unsearched) {
      this.#unsearched.delete(indexed);
      if (!this.#byUri.has(indexed.uri) || this.#byUri.get(indexed.uri) !== indexed) {
        continue;
      }
      // The search index keeps the file's text and each clause's span in it: no copies of clause text.
      const text = indexed.retainedText ?? this.#load?.(indexed.uri);
      const document = text === undefined ? unreadableDocument(indexed) : parseCorpusDocument(text);
      if (text !== undefined && !sameHeader(indexed.header, readHeader(text))) {
        // The header came from elsewhere (the index cache) and the file says otherwise: the file wins.
        const fresh = this.set(indexed.uri, indexed.root, text);
        if (fresh) {
          this.#unsearched.add(fresh);
        }
        continue;
      }
      this.remember(indexed, document);
      indexed.keyList = document.clauses.map((clause) => clause.key).join('\n');
      const spans = new Int32Array(document.clauses.length * 2);
      document.clauses.forEach((clause, index) => {
        spans[index * 2] = clause.span.start;
        spans[index * 2 + 1] = clause.span.end;
      });
      indexed.slot = this.#search.add(text ?? '', spans);
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
    const cached = this.#parsed.get(old);
    old.cachedEntry = undefined;
    if (cached) {
      this.#parsed.delete(old);
      this.#parsedClauses -= cached.document.clauses.length;
    }
    if (old.slot >= 0) {
      this.#bySlot.delete(old.slot);
      this.#search.remove(old.slot);
    }
    const id = old.header.id;
    if (id !== undefined) {
      removeFrom(this.#byId, id, old);
      for (const alias of old.header.aliases) {
        removeFrom(this.#byAlias, alias, old);
      }
    }
    for (const related of old.header.related) {
      removeFrom(this.#byRelated, related, old);
    }
    this.#generation++;
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
    const problems = [...entry.document.problems];
    const id = entry.header.id;
    if (id !== undefined) {
      const versions = this.versions(id, scope);
      const range = entry.document.idRange ?? { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 3 };
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
      const key = document?.keys?.[hit.index];
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
            return document.document.clauses[index];
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

/** Adds a file to the list a key maps to. */
function addTo(map: Map<string, IndexedDocument[]>, key: string, entry: IndexedDocument): void {
  const list = map.get(key);
  if (list) {
    list.push(entry);
  } else {
    map.set(key, [entry]);
  }
}

/** Removes a file from the list a key maps to, and the key with its last file. */
function removeFrom(map: Map<string, IndexedDocument[]>, key: string, entry: IndexedDocument): void {
  const list = (map.get(key) ?? []).filter((candidate) => candidate !== entry);
  if (list.length > 0) {
    map.set(key, list);
  } else {
    map.delete(key);
  }
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
