/**
 * One team corpus as a language server reads it: a PostgreSQL database published with `pinpoint publish`.
 *
 * It keeps the headers of every published file (read at start-up and after each publish), fetches a file's
 * text when a request first needs it (and keeps it: in memory, within a budget, and in the server's cache folder
 * by content hash), and runs content searches in SQL. It LISTENs for publications, so that a republished
 * document reaches every connected server within a second; when the database goes away it says so once,
 * reconnects with backoff, and reads the headers again when it is back. Requests never wait on the network
 * here: the workspace (`workspace/databaseRoots.ts`) answers from what is kept and fetches what is missing.
 *
 * Every connection is read-only (`default_transaction_read_only`), every statement has a timeout on the
 * server and in the client, and every query is parameterised.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Client, Notification, Pool } from 'pg';
import type { DocumentHeader } from '../service/corpusParser';
import type { ILogger } from '../service/host';
import { describeDatabaseError, DatabaseProblem } from './errors';
import type { ConnectionSettings } from './index';
import { NOTIFY_CHANNEL, schemaProblem, schemaVersionOf } from './schema';
import { RankedHit, searchDatabase } from './search';
import { databaseDocumentUri } from './uri';

/** The driver bundle (`dist/database.js`), loaded on demand. */
export interface Driver {
  newClient(settings: ConnectionSettings): Client;
  newPool(settings: ConnectionSettings, max: number): Pool;
}

/** A published file as the headers query gives it. */
export interface PublishedFile {
  readonly uri: string;
  readonly versionId: string;
  readonly hash: string;
  readonly header: DocumentHeader;
}

/** What changed in the published files since the headers were last read. */
export interface HeaderChange {
  /** Files that are new, or whose content changed. */
  readonly upserted: readonly PublishedFile[];
  /** URIs of files no longer published. */
  readonly removed: readonly string[];
}

/** What a database corpus needs from the server. */
export interface DatabaseCorpusHost {
  readonly logger: ILogger;
  /** Loads the driver bundle. */
  loadDriver(): Promise<Driver>;
  /** The folder for fetched texts (`<cache>/database-<hash>/`), or undefined to keep them in memory only. */
  readonly textFolder: string | undefined;
  /** The password to use (from VS Code's SecretStorage), if the client gave one. */
  password(): string | undefined;
  /** Published files changed (after start-up, a publication, or a reconnection). */
  headersChanged(change: HeaderChange): void;
  /** The database became unavailable (with why) or available again. */
  availabilityChanged(available: boolean, reason: string | undefined): void;
}

/** Timeouts and limits (tests and benchmarks shorten them). */
export interface DatabaseTimings {
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  /** The first delay before reconnecting, doubled after each failure up to `maxRetryMs`. */
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
  /** Bytes of fetched text kept in memory (beyond them, texts are read back from the cache folder or fetched again). */
  readonly textBudgetBytes: number;
}

export const DEFAULT_TIMINGS: DatabaseTimings = Object.freeze({
  connectTimeoutMs: 3_000,
  statementTimeoutMs: 5_000,
  firstRetryMs: 500,
  maxRetryMs: 5_000,
  textBudgetBytes: 64 * 1024 * 1024,
});

type State = 'starting' | 'ready' | 'unavailable' | 'disposed';

interface HeaderRow {
  readonly id: string;
  readonly corpus: string;
  readonly path: string;
  readonly document_id: string;
  readonly language: string;
  readonly authentic: boolean;
  readonly title: string | null;
  readonly aliases: string[];
  readonly related: string[];
  readonly content_hash: string;
}

/** Errors that mean the connection is gone, not that one query failed. */
function isConnectionLoss(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  return (
    /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|ENETUNREACH|57P0[1-3]|08\d\d\d)$/.test(code) ||
    /Connection terminated|connection timeout|Client has encountered a connection error|not queryable|timeout exceeded when trying to connect/i.test(message)
  );
}

export class DatabaseCorpus {
  readonly #host: DatabaseCorpusHost;
  readonly #timings: DatabaseTimings;
  #state: State = 'starting';
  #connecting = false;
  #reason: string | undefined;
  #pool: Pool | undefined;
  #listener: Client | undefined;
  #retryDelay: number;
  #retryTimer: NodeJS.Timeout | undefined;
  #resyncTimer: NodeJS.Timeout | undefined;
  #syncing: Promise<void> | undefined;
  #resyncAgain = false;
  /** Published files by URI, and their versions' order (corpus position, then path order). */
  #files = new Map<string, PublishedFile>();
  #byVersion = new Map<string, PublishedFile>();
  #order = new Map<string, number>();
  /** Texts by content hash, least recently used first. */
  #texts = new Map<string, string>();
  #textBytes = 0;
  #fetching = new Map<string, Promise<string | undefined>>();

  constructor(
    /** The connection URI, without a password. */
    readonly uri: string,
    /** The corpus root of its documents in the index. */
    readonly root: string,
    host: DatabaseCorpusHost,
    timings: DatabaseTimings = DEFAULT_TIMINGS,
  ) {
    this.#host = host;
    this.#timings = timings;
    this.#retryDelay = timings.firstRetryMs;
  }

  /** True once the headers were read and the connection holds. */
  get available(): boolean {
    return this.#state === 'ready';
  }

  /** Why the database is unavailable, when it is. */
  get reason(): string | undefined {
    return this.#reason;
  }

  /** Every published file known, by URI. */
  get files(): ReadonlyMap<string, PublishedFile> {
    return this.#files;
  }

  /**
   * Connects and reads the headers. Settles when that succeeded or failed (then it keeps trying in the
   * background); never rejects.
   */
  async start(): Promise<void> {
    await this.#connect();
  }

  /** Connects again now (a password arrived), unless connected. */
  retryNow(): void {
    if (this.#state === 'unavailable') {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = undefined;
      void this.#connect();
    }
  }

  async #connect(): Promise<void> {
    if (this.#state === 'disposed' || this.#connecting) {
      return;
    }
    this.#connecting = true;
    try {
      const driver = await this.#host.loadDriver();
      const settings: ConnectionSettings = {
        uri: this.uri,
        password: this.#host.password(),
        readOnly: true,
        statementTimeoutMs: this.#timings.statementTimeoutMs,
        connectTimeoutMs: this.#timings.connectTimeoutMs,
        applicationName: 'pinpoint language server',
      };
      const listener = driver.newClient(settings);
      listener.on('error', (error) => this.#lost(error, listener));
      listener.on('end', () => this.#lost(new Error('Connection terminated'), listener));
      listener.on('notification', (message: Notification) => {
        if (message.channel === NOTIFY_CHANNEL) {
          this.#scheduleResync();
        }
      });
      this.#listener = listener;
      await listener.connect();
      const problem = schemaProblem(await schemaVersionOf(listener));
      if (problem) {
        throw new DatabaseProblem(problem);
      }
      await listener.query(`LISTEN ${NOTIFY_CHANNEL}`);
      const pool = driver.newPool(settings, 3);
      pool.on('error', () => undefined); // an idle connection that breaks is replaced on the next query
      this.#pool = pool;
      await this.#sync(listener);
      if (this.#listener !== listener) {
        return; // lost meanwhile (and retrying), or disposed
      }
      const wasUnavailable = this.#state === 'unavailable';
      this.#state = 'ready';
      this.#reason = undefined;
      this.#retryDelay = this.#timings.firstRetryMs;
      if (wasUnavailable) {
        this.#host.availabilityChanged(true, undefined);
      }
    } catch (error) {
      this.#lost(error, this.#listener);
    } finally {
      this.#connecting = false;
    }
  }

  /** The connection is gone (or never came): closes everything, says so once, and tries again later. */
  #lost(error: unknown, source: Client | undefined): void {
    if (this.#state === 'disposed' || (source !== undefined && source !== this.#listener)) {
      return;
    }
    const reason = describeDatabaseError(error);
    this.#closeConnections();
    const wasAvailable = this.#state !== 'unavailable';
    this.#state = 'unavailable';
    this.#reason = reason;
    if (wasAvailable) {
      this.#host.availabilityChanged(false, reason);
    }
    if (this.#retryTimer === undefined) {
      // Backoff with jitter, so that a team's servers do not all knock at the same moment.
      const delay = this.#retryDelay * (0.75 + Math.random() * 0.5);
      this.#retryDelay = Math.min(this.#retryDelay * 2, this.#timings.maxRetryMs);
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = undefined;
        void this.#connect();
      }, delay);
      this.#retryTimer.unref?.();
    }
  }

  #closeConnections(): void {
    const listener = this.#listener;
    const pool = this.#pool;
    this.#listener = undefined;
    this.#pool = undefined;
    listener?.removeAllListeners('end');
    listener?.on('error', () => undefined);
    void listener?.end().catch(() => undefined);
    void pool?.end().catch(() => undefined);
  }

  /** A publication was announced: read the headers again soon (publications in a burst are read once). */
  #scheduleResync(): void {
    if (this.#resyncTimer !== undefined) {
      return;
    }
    this.#resyncTimer = setTimeout(() => {
      this.#resyncTimer = undefined;
      const listener = this.#listener;
      if (this.#state !== 'ready' || !listener) {
        return;
      }
      if (this.#syncing) {
        this.#resyncAgain = true;
        return;
      }
      this.#sync(listener).catch((error: unknown) => this.#queryFailed(error));
    }, 50);
  }

  /** Reads every published file's header and reports what changed since the last reading. */
  async #sync(connection: Client): Promise<void> {
    this.#syncing = (async () => {
      do {
        this.#resyncAgain = false;
        const result = await connection.query<HeaderRow>(
          `SELECT v.id, c.name AS corpus, v.path, v.document_id, v.language, v.authentic, v.title, v.aliases, v.related, v.content_hash
           FROM pinpoint.versions v JOIN pinpoint.corpora c ON c.id = v.corpus_id
           ORDER BY c.position, c.name, v.seq, v.path`,
        );
        this.#apply(result.rows);
      } while (this.#resyncAgain);
    })();
    try {
      await this.#syncing;
    } finally {
      this.#syncing = undefined;
    }
  }

  #apply(rows: readonly HeaderRow[]): void {
    const files = new Map<string, PublishedFile>();
    const byVersion = new Map<string, PublishedFile>();
    const order = new Map<string, number>();
    const upserted: PublishedFile[] = [];
    rows.forEach((row, position) => {
      const uri = databaseDocumentUri(this.root, row.corpus, row.path);
      const versionId = String(row.id);
      const before = this.#files.get(uri);
      const file: PublishedFile =
        before && before.hash === row.content_hash && before.versionId === versionId
          ? before
          : {
              uri,
              versionId,
              hash: row.content_hash,
              header: {
                isCorpus: true,
                id: row.document_id,
                title: row.title ?? undefined,
                language: row.language,
                authentic: row.authentic,
                aliases: row.aliases ?? [],
                related: row.related ?? [],
              },
            };
      if (file !== before) {
        upserted.push(file);
      }
      files.set(uri, file);
      byVersion.set(versionId, file);
      order.set(versionId, position);
    });
    const removed = [...this.#files.keys()].filter((uri) => !files.has(uri));
    this.#files = files;
    this.#byVersion = byVersion;
    this.#order = order;
    if (upserted.length > 0 || removed.length > 0) {
      this.#host.headersChanged({ upserted, removed });
    }
    this.#pruneTextFolder();
  }

  /** A query failed: when the connection is gone, handle it as such. */
  #queryFailed(error: unknown): void {
    if (isConnectionLoss(error)) {
      this.#lost(error, this.#listener);
    } else {
      this.#host.logger.warn(`Pinpoint: the team corpus ${this.uri}: ${describeDatabaseError(error)}`);
    }
  }

  // ---- Texts ----

  /** The text of a published file when it is here (in memory or in the cache folder), else undefined. */
  textOf(uri: string): string | undefined {
    const file = this.#files.get(uri);
    if (!file) {
      return undefined;
    }
    const remembered = this.#texts.get(file.hash);
    if (remembered !== undefined) {
      // Most recently used last.
      this.#texts.delete(file.hash);
      this.#texts.set(file.hash, remembered);
      return remembered;
    }
    const folder = this.#host.textFolder;
    if (folder) {
      try {
        const text = fs.readFileSync(path.join(folder, `${file.hash}.md`), 'utf8');
        // A file of the cache folder is trusted only when its content is what the hash says.
        if (crypto.createHash('sha256').update(text, 'utf8').digest('hex') === file.hash) {
          this.#remember(file.hash, text, false);
          return text;
        }
      } catch {
        // Not cached on disk.
      }
    }
    return undefined;
  }

  /**
   * Fetches the texts of published files (those not here yet), in one query per batch. Settles when they
   * arrived or could not be fetched; returns the URIs whose text is now here.
   */
  async fetch(uris: readonly string[]): Promise<string[]> {
    const wanted = uris.map((uri) => this.#files.get(uri)).filter((file): file is PublishedFile => file !== undefined);
    const waits: Promise<string | undefined>[] = [];
    const batch: PublishedFile[] = [];
    for (const file of wanted) {
      const pending = this.#fetching.get(file.versionId);
      if (pending) {
        waits.push(pending);
      } else if (this.textOf(file.uri) === undefined) {
        batch.push(file);
      }
    }
    if (batch.length > 0) {
      const query = this.#query<{ id: string; source: string; content_hash: string }>('SELECT id, source, content_hash FROM pinpoint.versions WHERE id = ANY($1::bigint[])', [batch.map((file) => file.versionId)]);
      for (const file of batch) {
        const one = query.then(
          (rows) => {
            const row = rows?.find((candidate) => String(candidate.id) === file.versionId);
            if (row && row.content_hash === file.hash) {
              this.#remember(file.hash, row.source, true);
              return file.uri;
            }
            return undefined;
          },
          () => undefined,
        );
        this.#fetching.set(file.versionId, one);
        void one.finally(() => this.#fetching.delete(file.versionId));
        waits.push(one);
      }
    }
    await Promise.all(waits);
    return wanted.filter((file) => this.textOf(file.uri) !== undefined).map((file) => file.uri);
  }

  #remember(hash: string, text: string, fresh: boolean): void {
    if (!this.#texts.has(hash)) {
      this.#texts.set(hash, text);
      this.#textBytes += text.length * 2;
    }
    while (this.#textBytes > this.#timings.textBudgetBytes && this.#texts.size > 1) {
      const [oldest, oldText] = this.#texts.entries().next().value as [string, string];
      this.#texts.delete(oldest);
      this.#textBytes -= oldText.length * 2;
    }
    const folder = this.#host.textFolder;
    if (fresh && folder) {
      // Written beside and renamed, so that a reader never sees half a file.
      const target = path.join(folder, `${hash}.md`);
      const temporary = `${target}.${process.pid}.tmp`;
      fs.promises
        .mkdir(folder, { recursive: true })
        .then(() => fs.promises.writeFile(temporary, text, 'utf8'))
        .then(() => fs.promises.rename(temporary, target))
        .catch((error: unknown) => this.#host.logger.info(`Pinpoint: could not cache a text of the team corpus: ${String(error)}`));
    }
  }

  /** Removes cached texts that no published file has any more. */
  #pruneTextFolder(): void {
    const folder = this.#host.textFolder;
    if (!folder) {
      return;
    }
    const hashes = new Set([...this.#files.values()].map((file) => file.hash));
    fs.promises
      .readdir(folder)
      .then((names) =>
        Promise.all(names.filter((name) => /^[0-9a-f]{64}\.md$/.test(name) && !hashes.has(name.slice(0, 64))).map((name) => fs.promises.rm(path.join(folder, name), { force: true }))),
      )
      .catch(() => undefined);
  }

  // ---- Search ----

  /** A content search in SQL among the published files (or some of them), ranked as the in-memory index ranks. */
  async search(query: string, options: { uris?: readonly string[]; limit: number; budget?: number }): Promise<{ hits: (RankedHit & { uri: string })[]; incomplete: boolean }> {
    const pool = this.#pool;
    if (this.#state !== 'ready' || !pool) {
      throw new DatabaseProblem(`the team corpus is unavailable${this.#reason ? ` (${this.#reason})` : ''}`);
    }
    const versions = options.uris?.map((uri) => this.#files.get(uri)?.versionId).filter((id): id is string => id !== undefined);
    try {
      const found = await searchDatabase(pool, query, { versions, budget: options.budget, limit: options.limit, orderOf: (versionId) => this.#order.get(versionId) });
      const hits = found.hits.flatMap((hit) => {
        const file = this.#byVersion.get(hit.versionId);
        return file ? [{ ...hit, uri: file.uri }] : [];
      });
      return { hits, incomplete: found.incomplete };
    } catch (error) {
      this.#queryFailed(error);
      throw error;
    }
  }

  /** Runs a query on the pool; rejects when the database is unavailable. */
  async #query<R extends object>(text: string, values: unknown[]): Promise<R[]> {
    const pool = this.#pool;
    if (this.#state !== 'ready' || !pool) {
      throw new DatabaseProblem(`the team corpus is unavailable${this.#reason ? ` (${this.#reason})` : ''}`);
    }
    try {
      return (await pool.query<R>(text, values)).rows;
    } catch (error) {
      this.#queryFailed(error);
      throw error;
    }
  }

  /** Closes the connections and stops trying. */
  dispose(): void {
    this.#state = 'disposed';
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#resyncTimer);
    this.#closeConnections();
  }
}
