/**
 * The corpus index: every loaded corpus file, by URI and by document id, with its clauses by path and a
 * text search index over all of them. Adding or removing one file touches only that file's entries.
 */
import { Clause, CorpusDocument, CorpusProblem, isCorpusFile, parseCorpusDocument } from './corpusParser';
import { SearchIndex } from './searchIndex';

/** A corpus file in the index. */
export interface IndexedDocument {
  readonly uri: string;
  /** The corpus root (a folder URI) the file was found under. */
  readonly root: string;
  readonly document: CorpusDocument;
  /** Clauses by path key (`3.4`). */
  readonly byKey: ReadonlyMap<string, Clause>;
  /** The slot of its clauses in the search index. */
  readonly slot: number;
}

/**
 * Which corpus roots a brief sees, in priority order: for a duplicate id, the document under the earlier
 * root (then the smaller URI) is the one cited, and the others get a `corpus-error`.
 */
export type CorpusScope = readonly string[];

/** A clause found by a content search. */
export interface ClauseHit {
  readonly document: IndexedDocument;
  readonly clause: Clause;
  /** 0 for an exact phrase match. */
  readonly tier: number;
}

export class CorpusIndex {
  #byUri = new Map<string, IndexedDocument>();
  #byId = new Map<string, IndexedDocument[]>();
  #bySlot = new Map<number, IndexedDocument>();
  #search = new SearchIndex();
  #generation = 0;

  /** Increases on every change; caches of derived data compare it. */
  get generation(): number {
    return this.#generation;
  }

  /** The number of corpus files in the index. */
  get size(): number {
    return this.#byUri.size;
  }

  /**
   * Parses and indexes a file found under a corpus root, replacing an older version of it. Returns the
   * indexed document, or undefined when the file is not a corpus file (it is then a brief).
   */
  set(uri: string, root: string, text: string): IndexedDocument | undefined {
    const document = parseCorpusDocument(text);
    if (!isCorpusFile(document, text)) {
      this.delete(uri);
      return undefined;
    }
    return this.setParsed(uri, root, document);
  }

  /** Indexes an already parsed corpus document (used by the index cache). */
  setParsed(uri: string, root: string, document: CorpusDocument): IndexedDocument {
    this.delete(uri);
    const byKey = new Map<string, Clause>();
    for (const clause of document.clauses) {
      if (!byKey.has(clause.key)) {
        byKey.set(clause.key, clause);
      }
    }
    const slot = this.#search.add(document.clauses.map((clause) => clause.text));
    const indexed: IndexedDocument = { uri, root, document, byKey, slot };
    this.#byUri.set(uri, indexed);
    this.#bySlot.set(slot, indexed);
    if (document.id !== undefined) {
      const list = this.#byId.get(document.id) ?? [];
      list.push(indexed);
      this.#byId.set(document.id, list);
    }
    this.#generation++;
    return indexed;
  }

  /** Removes a file; true when it was indexed. */
  delete(uri: string): boolean {
    const old = this.#byUri.get(uri);
    if (!old) {
      return false;
    }
    this.#byUri.delete(uri);
    this.#bySlot.delete(old.slot);
    this.#search.remove(old.slot);
    const id = old.document.id;
    if (id !== undefined) {
      const list = (this.#byId.get(id) ?? []).filter((entry) => entry !== old);
      if (list.length > 0) {
        this.#byId.set(id, list);
      } else {
        this.#byId.delete(id);
      }
    }
    this.#generation++;
    return true;
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
    return result.sort((left, right) => ((left.document.id ?? '') < (right.document.id ?? '') ? -1 : 1));
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
    const id = entry.document.id;
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
        const misalignment = firstMisalignment(versions[0], entry);
        if (misalignment) {
          problems.push({ message: misalignment, range });
        }
      }
    }
    return problems;
  }

  /** Searches clause text in a scope, optionally inside one document. */
  search(query: string, scope: CorpusScope, options: { limit: number; document?: IndexedDocument; budget?: number }): { hits: ClauseHit[]; incomplete: boolean } {
    let slots: Set<number> | undefined;
    if (options.document) {
      const id = options.document.document.id;
      const versions = id !== undefined ? this.versions(id, scope) : [];
      slots = new Set(versions.length > 0 ? versions.map((version) => version.slot) : [options.document.slot]);
    } else {
      slots = this.#scopeSlots(scope);
    }
    const result = this.#search.search(query, { limit: options.limit, slots, budget: options.budget });
    const hits: ClauseHit[] = [];
    for (const hit of result.hits) {
      const document = this.#bySlot.get(hit.slot);
      const clause = document?.document.clauses[hit.index];
      // A file without a valid id cannot be cited, so its clauses are never offered.
      if (document && clause && document.document.id !== undefined) {
        hits.push({ document, clause, tier: hit.tier });
      }
    }
    return { hits, incomplete: result.incomplete };
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

/** A version's language as its front matter gives it, lower case ('' when unstated). */
export function languageOf(entry: IndexedDocument): string {
  const language = entry.document.meta['language'];
  return typeof language === 'string' ? language.trim().toLowerCase() : '';
}

/** True unless the front matter says the version is a translation (`authentic: false`). */
export function isAuthentic(entry: IndexedDocument): boolean {
  const meta = entry.document.meta;
  return meta['authentic'] !== false && meta['authentic'] !== 'false';
}

/**
 * Compares a version's clause paths with the primary version's, and names the first clause that does not
 * line up; undefined when they align.
 */
export function firstMisalignment(primary: IndexedDocument, version: IndexedDocument): string | undefined {
  const expected = primary.document.clauses;
  const actual = version.document.clauses;
  const id = primary.document.id ?? '';
  const primaryLanguage = languageOf(primary) || 'primary';
  const language = languageOf(version) || 'this';
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = expected[index];
    const have = actual[index];
    if (want && have && want.key === have.key) {
      continue;
    }
    const prefix = `the ${language} version of ${id} does not line up with the ${primaryLanguage} version`;
    if (!have) {
      return `${prefix}: §${want.key} is missing here (it has ${actual.length} clauses, the ${primaryLanguage} version ${expected.length})`;
    }
    if (!want) {
      return `${prefix}: §${have.key} (line ${have.range.startLine + 1}) has no counterpart`;
    }
    return `${prefix}: clause ${index + 1} is §${have.key} here (line ${have.range.startLine + 1}) but §${want.key} there`;
  }
  return undefined;
}
