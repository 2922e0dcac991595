/**
 * Worker threads that read and parse corpus files (dist/parseWorker.js), so that the files a large corpus's
 * open briefs cite are parsed on every core while the main thread answers requests.
 *
 * The pool is the host's: the core stays single-threaded and pure. A batch of paths goes to the worker with the
 * fewest batches under way; its answer holds, per file, the stamp, the header and the skeleton's bytes
 * (`Skeleton.encode`), which the corpus index takes as it takes them from the index cache.
 *
 * NOTE: nothing depends on the pool: `start` returns undefined when the worker script is absent (the server run
 * from its sources, as the unit tests do), and a worker that fails answers its batches with `retry`, so the
 * main thread reads those files itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentHeader } from './service/corpusParser';
import type { FileStamp } from './indexCache';

/** A batch of files for a worker. */
export interface ParseBatch {
  readonly id: number;
  readonly files: readonly string[];
}

/** What a worker learnt of one file; `retry`: the main thread must index it itself. */
export interface ParsedFile {
  readonly file: string;
  readonly stamp?: FileStamp;
  readonly header?: DocumentHeader;
  readonly skeleton?: Uint8Array;
  readonly retry?: true;
}

/** A worker's answer to a batch. */
export interface ParsedBatch {
  readonly id: number;
  readonly files: readonly ParsedFile[];
}

interface PoolWorker {
  readonly worker: Worker;
  /** The batches sent to it and not answered yet. */
  readonly pending: Map<number, { files: readonly string[]; resolve: (files: readonly ParsedFile[]) => void }>;
  failed: boolean;
}

/** The worker script, beside the server's bundle. */
const WORKER_SCRIPT = path.join(__dirname, 'parseWorker.js');

function defaultSize(): number {
  const configured = Number.parseInt(process.env.PINPOINT_PARSE_WORKERS ?? '', 10);
  if (Number.isInteger(configured) && configured >= 0) {
    return Math.min(configured, 16);
  }
  return Math.min(4, Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
}

export class ParsePool {
  readonly #workers: PoolWorker[];
  #nextId = 0;

  private constructor(size: number) {
    this.#workers = Array.from({ length: size }, () => this.#spawn());
  }

  /**
   * A pool of `size` workers: by default one per core, at most 4, or `PINPOINT_PARSE_WORKERS` of them (0: none,
   * the server parses every file itself). Undefined when there are none, or no worker script.
   */
  static start(size = defaultSize()): ParsePool | undefined {
    return size > 0 && fs.existsSync(WORKER_SCRIPT) ? new ParsePool(size) : undefined;
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Reads and parses `files` in a worker; files it could not do come back with `retry`. */
  parse(files: readonly string[]): Promise<readonly ParsedFile[]> {
    const live = this.#workers.filter((entry) => !entry.failed);
    if (live.length === 0 || files.length === 0) {
      return Promise.resolve(files.map((file) => ({ file, retry: true as const })));
    }
    const target = live.reduce((best, entry) => (entry.pending.size < best.pending.size ? entry : best));
    const id = this.#nextId++;
    return new Promise((resolve) => {
      target.pending.set(id, { files, resolve });
      const batch: ParseBatch = { id, files };
      target.worker.postMessage(batch);
    });
  }

  /** Stops the workers; batches under way are answered with `retry`. */
  async dispose(): Promise<void> {
    await Promise.all(
      this.#workers.map(async (entry) => {
        this.#fail(entry);
        await entry.worker.terminate();
      }),
    );
  }

  #spawn(): PoolWorker {
    const worker = new Worker(WORKER_SCRIPT);
    const entry: PoolWorker = { worker, pending: new Map(), failed: false };
    worker.unref();
    worker.on('message', (answer: ParsedBatch) => {
      const batch = entry.pending.get(answer.id);
      if (batch) {
        entry.pending.delete(answer.id);
        batch.resolve(answer.files);
      }
    });
    worker.on('error', () => this.#fail(entry));
    worker.on('exit', () => this.#fail(entry));
    return entry;
  }

  /** A worker that failed or stopped takes no more batches; its batches under way come back to be retried. */
  #fail(entry: PoolWorker): void {
    entry.failed = true;
    for (const batch of entry.pending.values()) {
      batch.resolve(batch.files.map((file) => ({ file, retry: true as const })));
    }
    entry.pending.clear();
  }
}
