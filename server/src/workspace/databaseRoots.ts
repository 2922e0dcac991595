/**
 * The team corpora of the workspace: the PostgreSQL databases that `pinpoint.corpus.database` names, each one
 * more corpus root in the scopes whose settings name it (after the folders). It feeds the core's index with the
 * headers of their published files, gives the core's loader their texts, searches their clauses in SQL for the
 * core's content search, and says which citations cannot be checked while a database is away.
 *
 * NOTE: the core is synchronous and answers from memory; the network is not. A request therefore runs the core
 * through `run`: when the core met a database document whose text is not here yet (or a content search not run
 * yet), `run` fetches what was missing, in one round trip, waits for it within a bound, and runs the core again.
 * What did not arrive in time is "not checked" (diagnostics) or "loading" (hover), and when it arrives later the
 * open briefs are checked again. See ARCHITECTURE.md, "The team corpus in PostgreSQL".
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { CorpusScope, ExternalHit, ExternalSearch, IndexedDocument } from '../service/corpusIndex';
import type { ILogger } from '../service/host';
import type { LanguageService } from '../service/languageService';
import { DatabaseCorpus, DatabaseTimings, DEFAULT_TIMINGS, Driver, HeaderChange } from '../db/databaseCorpus';
import { canonicalDatabaseUri, databasePasswordKey, databaseRootOf, isDatabaseUri, parseDatabaseUri, PASSWORDS_VARIABLE, redactDatabaseUri, withoutPassword } from '../db/uri';

/** What the team corpora need from the workspace. */
export interface DatabaseRootsHost {
  readonly service: LanguageService;
  readonly logger: ILogger;
  /** The server's cache folder (fetched texts are kept there by content hash), or undefined. */
  readonly cacheDirectory: string | undefined;
  /** Tells the user something once (`window/showMessage`). */
  warn(message: string): void;
  /** Database documents changed (or became checkable or not): their problems, and every open brief, must be looked at again. */
  changed(uris: readonly string[]): void;
  /** Loads the driver bundle (`dist/database.js`). */
  loadDriver(): Promise<Driver>;
  /** Timeouts and limits, when not the defaults. */
  readonly timings?: DatabaseTimings;
}

/** What a run of the core found missing: database texts, and content searches not run yet. */
interface Collector {
  readonly texts: Set<string>;
  readonly searches: Map<string, PendingSearch>;
  /** Searches that failed in this run: the core is answered without them. */
  readonly failed: ReadonlySet<string>;
}

interface PendingSearch {
  readonly database: DatabaseCorpus;
  readonly query: string;
  readonly uris: readonly string[] | undefined;
  readonly limit: number;
  readonly budget: number | undefined;
}

interface SearchAnswer {
  readonly hits: readonly ExternalHit[];
  readonly incomplete: boolean;
}

/** The outcome of `run`: the core's answer, and the database documents whose text did not arrive in time. */
export interface RunOutcome<T> {
  readonly value: T;
  /** URIs of database documents the answer lacked. */
  readonly missing: readonly string[];
}

/** How many answers of content searches are kept (they are dropped when their database changes). */
const SEARCH_CACHE = 200;
/** How many times `run` fetches and runs the core again at most (each run may reach documents the last one did not). */
const MAX_ATTEMPTS = 8;

export class DatabaseRoots implements ExternalSearch {
  readonly #host: DatabaseRootsHost;
  /** By corpus root. */
  readonly #databases = new Map<string, DatabaseCorpus>();
  readonly #passwords = new Map<string, string>();
  readonly #warned = new Set<string>();
  readonly #searchCache = new Map<string, SearchAnswer>();
  /** Documents a run stopped waiting for: when their text arrives, the briefs are checked again. */
  readonly #abandoned = new Set<string>();
  #collector: Collector | undefined;

  constructor(host: DatabaseRootsHost) {
    this.#host = host;
    // Passwords the VS Code client keeps in its SecretStorage arrive in the environment at start (so that the
    // first connection has them), and by `pinpoint/databasePassword` when they change. The variable is removed,
    // so that no process the server starts inherits it.
    const given = process.env[PASSWORDS_VARIABLE];
    delete process.env[PASSWORDS_VARIABLE];
    if (given) {
      try {
        for (const [key, password] of Object.entries(JSON.parse(given) as Record<string, unknown>)) {
          if (typeof password === 'string' && password !== '') {
            this.#passwords.set(key, password);
          }
        }
      } catch {
        host.logger.warn(`Pinpoint: ${PASSWORDS_VARIABLE} is not a JSON object of passwords; it is ignored`);
      }
    }
  }

  /** True when some database is configured. */
  get active(): boolean {
    return this.#databases.size > 0;
  }

  /**
   * The corpus root of a `pinpoint.corpus.database` value, or undefined for none. A value that is no
   * PostgreSQL URI is reported once and ignored.
   */
  rootOf(setting: string | null | undefined): string | undefined {
    if (setting === undefined || setting === null || setting.trim() === '') {
      return undefined;
    }
    const address = parseDatabaseUri(setting);
    if ('error' in address) {
      this.#warnOnce(`invalid:${setting}`, `Pinpoint: pinpoint.corpus.database is ignored: ${address.error}`);
      return undefined;
    }
    return databaseRootOf(address);
  }

  /** True for a database's corpus root. */
  owns(root: string): boolean {
    return isDatabaseUri(root);
  }

  /**
   * Connects to the databases of these setting values and lets go of the others (their documents leave the
   * index). Settles once every new database has connected or failed its first attempt.
   */
  async sync(settings: readonly string[]): Promise<string[]> {
    const wanted = new Map<string, string>();
    for (const setting of settings) {
      const root = this.rootOf(setting);
      if (root !== undefined && !wanted.has(root)) {
        const { uri, hadPassword } = withoutPassword(setting);
        if (hadPassword) {
          this.#warnOnce(
            `password:${root}`,
            `Pinpoint: pinpoint.corpus.database holds a password, which is ignored: a password does not belong in settings. Use PGPASSWORD, ~/.pgpass, or the command "Pinpoint: Set Database Password".`,
          );
        }
        wanted.set(root, uri);
      }
    }
    const removed: string[] = [];
    for (const [root, database] of [...this.#databases]) {
      if (wanted.get(root) !== database.uri) {
        database.dispose();
        this.#databases.delete(root);
        for (const entry of [...this.#host.service.index.all()]) {
          if (entry.root === root) {
            this.#host.service.deleteCorpusFile(entry.uri);
            removed.push(entry.uri);
          }
        }
        this.#dropSearches(root);
      }
    }
    const starting: Promise<void>[] = [];
    for (const [root, uri] of wanted) {
      if (!this.#databases.has(root)) {
        const database = this.#create(root, uri);
        this.#databases.set(root, database);
        starting.push(database.start());
      }
    }
    await Promise.all(starting);
    return removed;
  }

  #create(root: string, uri: string): DatabaseCorpus {
    const cacheDirectory = this.#host.cacheDirectory;
    const database: DatabaseCorpus = new DatabaseCorpus(
      uri,
      root,
      {
        logger: this.#host.logger,
        loadDriver: () => this.#host.loadDriver(),
        textFolder: cacheDirectory ? path.join(cacheDirectory, `database-${crypto.createHash('sha256').update(root).digest('hex').slice(0, 16)}`) : undefined,
        password: () => this.#passwords.get(databasePasswordKey(uri)),
        headersChanged: (change) => this.#headersChanged(database, change),
        availabilityChanged: (available, reason) => this.#availabilityChanged(database, available, reason),
      },
      this.#host.timings ?? DEFAULT_TIMINGS,
    );
    return database;
  }

  #headersChanged(database: DatabaseCorpus, change: HeaderChange): void {
    if (this.#databases.get(database.root) !== database) {
      return;
    }
    const { service } = this.#host;
    for (const file of change.upserted) {
      // Indexed again: whatever was parsed from its earlier text is forgotten.
      service.index.setHeader(file.uri, database.root, file.header);
    }
    for (const uri of change.removed) {
      service.deleteCorpusFile(uri);
    }
    this.#dropSearches(database.root);
    this.#host.changed([...change.upserted.map((file) => file.uri), ...change.removed]);
  }

  #availabilityChanged(database: DatabaseCorpus, available: boolean, reason: string | undefined): void {
    const shown = redactDatabaseUri(database.uri);
    if (available) {
      this.#warned.delete(`down:${database.root}`);
      this.#host.logger.info(`Pinpoint: the team corpus ${shown} is available again`);
    } else {
      this.#warnOnce(
        `down:${database.root}`,
        `Pinpoint: the team corpus ${shown} is unavailable (${reason ?? 'no answer'}). Citations of its documents are not checked until it is back; Pinpoint keeps trying to reconnect.`,
      );
      this.#host.logger.warn(`Pinpoint: the team corpus ${shown} is unavailable: ${reason ?? 'no answer'}`);
    }
    this.#dropSearches(database.root);
    this.#host.changed([]);
  }

  #warnOnce(key: string, message: string): void {
    if (!this.#warned.has(key)) {
      this.#warned.add(key);
      this.#host.warn(message);
    }
  }

  /** Takes a password from the client (VS Code's SecretStorage) for a database URI, and reconnects with it. */
  setPassword(uri: string, password: string | undefined): void {
    const key = databasePasswordKey(uri);
    if (password === undefined || password === '') {
      this.#passwords.delete(key);
    } else {
      this.#passwords.set(key, password);
    }
    for (const database of this.#databases.values()) {
      if (databasePasswordKey(database.uri) === key) {
        database.retryNow();
      }
    }
  }

  #databaseOf(uri: string): DatabaseCorpus | undefined {
    for (const [root, database] of this.#databases) {
      if (uri.startsWith(`${root}/`)) {
        return database;
      }
    }
    return undefined;
  }

  // ---- The core's loader ----

  /** A database document's text for the core's loader, when it is here; a miss is recorded for `run`. */
  textOf(uri: string): string | undefined {
    const database = this.#databaseOf(uri);
    const text = database?.textOf(uri);
    if (text === undefined && database?.files.has(uri)) {
      if (this.#collector) {
        this.#collector.texts.add(uri);
      } else {
        // Outside a run (a corpus file's problems, say): fetch it for next time, and check the briefs again then.
        this.#abandoned.add(uri);
        void this.#fetch([uri]);
      }
    }
    return text;
  }

  /** The text of a database document for the client (`pinpoint/databaseDocument`): here, or fetched now. */
  async documentText(uri: string): Promise<string | undefined> {
    const canonical = canonicalDatabaseUri(uri);
    const database = this.#databaseOf(canonical);
    if (!database) {
      return undefined;
    }
    const here = database.textOf(canonical);
    if (here !== undefined) {
      return here;
    }
    await database.fetch([canonical]);
    return database.textOf(canonical);
  }

  async #fetch(uris: readonly string[]): Promise<void> {
    const byDatabase = new Map<DatabaseCorpus, string[]>();
    for (const uri of uris) {
      const database = this.#databaseOf(uri);
      if (database?.available) {
        byDatabase.set(database, [...(byDatabase.get(database) ?? []), uri]);
      }
    }
    await Promise.all(
      [...byDatabase].map(([database, wanted]) =>
        database.fetch(wanted).then((arrived) => {
          if (arrived.length > 0) {
            this.#host.service.index.externalTextsArrived();
          }
          const late = arrived.filter((uri) => this.#abandoned.delete(uri));
          if (late.length > 0) {
            this.#host.changed([]);
          }
        }),
      ),
    );
  }

  // ---- The core's content search ----

  /** Content search among the database documents of a scope, from the answers kept; a miss is recorded for `run`. */
  search(query: string, scope: CorpusScope, options: { limit: number; documents?: readonly IndexedDocument[]; budget?: number }): { hits: readonly ExternalHit[]; incomplete: boolean } {
    const hits: ExternalHit[] = [];
    let incomplete = false;
    for (const root of scope) {
      const database = this.#databases.get(root);
      if (!database?.available) {
        continue;
      }
      const uris = options.documents?.filter((document) => document.root === root).map((document) => document.uri);
      if (uris && uris.length === 0) {
        continue;
      }
      const key = [root, options.limit, options.budget ?? '', uris?.join('\n') ?? '*', query].join('\u0000');
      const answer = this.#searchCache.get(key);
      if (answer) {
        // Most recently used last.
        this.#searchCache.delete(key);
        this.#searchCache.set(key, answer);
        hits.push(...answer.hits);
        incomplete ||= answer.incomplete;
      } else if (this.#collector && !this.#collector.failed.has(key)) {
        this.#collector.searches.set(key, { database, query, uris, limit: options.limit, budget: options.budget });
        incomplete = true;
      } else {
        incomplete = true;
      }
    }
    return { hits, incomplete };
  }

  #dropSearches(root: string): void {
    for (const key of [...this.#searchCache.keys()]) {
      if (key.startsWith(`${root}\u0000`)) {
        this.#searchCache.delete(key);
      }
    }
  }

  // ---- Running the core ----

  /**
   * Runs the core (`compute`, synchronous) and, when it met database texts or searches that are not here,
   * fetches them and runs it again, waiting at most `waitMs` in all. `compute` is given the ids of the documents
   * whose text did not arrive, so that it can leave their citations unchecked.
   */
  async run<T>(compute: (missing: ReadonlySet<string>) => T, waitMs: number): Promise<RunOutcome<T>> {
    const missingIds = new Set<string>();
    if (this.#databases.size === 0) {
      return { value: compute(missingIds), missing: [] };
    }
    const deadline = Date.now() + waitMs;
    const failed = new Set<string>();
    let missingUris: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const collector: Collector = { texts: new Set(), searches: new Map(), failed };
      const outer = this.#collector;
      this.#collector = collector;
      let value: T;
      try {
        value = compute(missingIds);
      } finally {
        this.#collector = outer;
      }
      const texts = this.#withVersions(collector.texts);
      const searches = [...collector.searches];
      const remaining = deadline - Date.now();
      if ((texts.length === 0 && searches.length === 0) || attempt >= MAX_ATTEMPTS || remaining <= 0) {
        missingUris = texts;
        for (const uri of texts) {
          this.#abandoned.add(uri);
        }
        if (texts.length > 0) {
          void this.#fetch(texts);
        }
        return { value, missing: missingUris };
      }
      const work = Promise.all([
        this.#fetch(texts),
        ...searches.map(([key, pending]) =>
          pending.database.search(pending.query, { uris: pending.uris, limit: pending.limit, budget: pending.budget }).then(
            (answer) => this.#keepSearch(key, answer),
            () => failed.add(key),
          ),
        ),
      ]);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([work.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), remaining)))]);
      clearTimeout(timer);
      for (const uri of texts) {
        const database = this.#databaseOf(uri);
        if (database?.textOf(uri) === undefined) {
          const id = database?.files.get(uri)?.header.id;
          if (id !== undefined) {
            missingIds.add(id);
          }
        }
      }
      if (timedOut) {
        for (const [key] of searches) {
          if (!this.#searchCache.has(key)) {
            failed.add(key);
          }
        }
      }
    }
  }

  /** The URIs missed, and the other language versions of their documents (a hover shows them all). */
  #withVersions(missed: ReadonlySet<string>): string[] {
    const index = this.#host.service.index;
    const uris = new Set(missed);
    for (const uri of missed) {
      const id = index.get(uri)?.header.id;
      for (const version of id === undefined ? [] : index.withId(id)) {
        const database = this.#databaseOf(version.uri);
        if (database && database.textOf(version.uri) === undefined) {
          uris.add(version.uri);
        }
      }
    }
    return [...uris];
  }

  #keepSearch(key: string, answer: { hits: readonly ExternalHit[]; incomplete: boolean }): void {
    this.#searchCache.set(key, answer);
    while (this.#searchCache.size > SEARCH_CACHE) {
      this.#searchCache.delete(this.#searchCache.keys().next().value as string);
    }
  }

  // ---- Diagnostics ----

  /**
   * The ids whose citations are not checked in a scope now: those of a database that is unavailable (and ids
   * no loaded document has, which it might have), and `missing` (texts that did not arrive in time). Undefined
   * when every citation is checked.
   */
  uncheckedIn(scope: CorpusScope, missing: ReadonlySet<string>): ((id: string) => boolean) | undefined {
    const away = scope.filter((root) => {
      const database = this.#databases.get(root);
      return database !== undefined && !database.available;
    });
    if (away.length === 0 && missing.size === 0) {
      return undefined;
    }
    const index = this.#host.service.index;
    return (id) => {
      if (missing.has(id)) {
        return true;
      }
      if (away.length === 0) {
        return false;
      }
      const document = index.resolve(id, scope);
      return document === undefined || away.includes(document.root);
    };
  }

  /** Why a database document's text is missing, as a sentence for a hover. */
  whyMissing(uri: string): string {
    const database = this.#databaseOf(uri);
    const id = database?.files.get(uri)?.header.id ?? 'this document';
    if (!database || database.available) {
      return `Pinpoint is still fetching the text of ${id} from the team corpus: hover again in a moment.`;
    }
    return `The text of ${id} is not here: the team corpus ${redactDatabaseUri(database.uri)} is unavailable (${database.reason ?? 'no answer'}).`;
  }

  /** Closes every connection. */
  dispose(): void {
    for (const database of this.#databases.values()) {
      database.dispose();
    }
    this.#databases.clear();
  }
}
