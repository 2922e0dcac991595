/**
 * The corpus roots of the workspace: which folders are loaded, reading them into the core's index (each
 * unchanged file's header from the index cache, the others from disk or from the editor), re-reading the files
 * that change, and building the search index in the background.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentHeader, NOT_A_CORPUS_FILE } from '../service/corpusParser';
import type { ILogger } from '../service/host';
import type { LanguageService } from '../service/languageService';
import { FileStamp, readIndexCache, stampOf, writeIndexCache } from '../indexCache';
import { builtInCorpusPath, builtInLibraryPath, CORPUS_WALK_LIMITS, isUnder, pathToUri, readText, walkMarkdownAsync, WalkResult } from '../nodeHost';
import type { PinpointSettings } from '../settings';

/** What the corpus roots need from the rest of the server. */
export interface CorpusRootsHost {
  readonly service: LanguageService;
  readonly logger: ILogger;
  /** The index cache folder, or undefined when the cache is off. */
  readonly cacheDirectory: string | undefined;
  /** The editor's text of a file, when it is open there. */
  openText(filePath: string): string | undefined;
}

/** A loaded root: the stamps its files had when they were read, and whether a walk limit cut it short. */
export interface LoadedRoot {
  readonly path: string;
  /** The size and modification time of each file when it was indexed at load. */
  stamps: Map<string, FileStamp>;
  /** True when the walk of the root stopped at its limit of files or entries: too large to watch. */
  tooLarge?: boolean;
}

type CachedHeaders = Map<string, { stamp: FileStamp; header: DocumentHeader }>;

/** Reports the progress of background indexing: `report(done, total)`, then `done()`. */
export interface ProgressReporter {
  report(done: number, total: number): void;
  done(): void;
}

export class CorpusRoots {
  /** The corpus shipped with the extension (`corpus/` beside `dist/`). */
  readonly builtIn = builtInCorpusPath();
  /** The starter library shipped with the extension (`library/` beside `dist/`). */
  readonly library = builtInLibraryPath();
  readonly #libraryExists = fs.existsSync(this.library);
  readonly #loaded = new Map<string, LoadedRoot>();
  readonly #host: CorpusRootsHost;
  #searchIndexing: Promise<void> | undefined;

  constructor(host: CorpusRootsHost) {
    this.#host = host;
  }

  /** The corpus roots of one settings object, relative paths taken from `folderPath`. */
  rootsOf(settings: PinpointSettings, folderPath: string | undefined): string[] {
    const roots: string[] = [];
    if (settings.corpus.includeBuiltIn) {
      roots.push(this.builtIn);
    }
    if (settings.corpus.includeLibrary && this.#libraryExists) {
      roots.push(this.library);
    }
    for (const entry of settings.corpus.paths) {
      if (path.isAbsolute(entry)) {
        roots.push(path.normalize(entry));
      } else if (folderPath !== undefined) {
        roots.push(path.join(folderPath, entry));
      }
    }
    return [...new Set(roots)];
  }

  /** True for the corpora shipped with the extension, which are never edited nor watched. */
  isShipped(filePath: string): boolean {
    return isUnder(filePath, this.builtIn) || isUnder(filePath, this.library);
  }

  /** The loaded roots. */
  loaded(): LoadedRoot[] {
    return [...this.#loaded.values()];
  }

  /** The loaded root a path lies under (the longest one), if any. */
  rootOf(filePath: string): string | undefined {
    let best: string | undefined;
    for (const root of this.#loaded.keys()) {
      if (isUnder(filePath, root) && (!best || root.length > best.length)) {
        best = root;
      }
    }
    return best;
  }

  /**
   * Unloads the roots that are not `desired` and loads those that are new. Returns the URIs of the corpus
   * files that went, whose problems must be cleared.
   */
  async sync(desired: readonly string[]): Promise<{ removed: string[]; added: LoadedRoot[] }> {
    const removed: string[] = [];
    for (const root of [...this.#loaded.keys()]) {
      if (!desired.includes(root)) {
        removed.push(...this.#unload(root));
      }
    }
    const added: LoadedRoot[] = [];
    for (const root of desired) {
      if (!this.#loaded.has(root)) {
        added.push(await this.#load(root));
      }
    }
    return { removed, added };
  }

  #unload(root: string): string[] {
    this.#loaded.delete(root);
    const removed: string[] = [];
    for (const entry of [...this.#host.service.index.all()]) {
      if (entry.root === root) {
        this.#host.service.deleteCorpusFile(entry.uri);
        removed.push(entry.uri);
      }
    }
    return removed;
  }

  async #load(root: string): Promise<LoadedRoot> {
    const { service, logger, cacheDirectory } = this.#host;
    const loaded: LoadedRoot = { path: root, stamps: new Map() };
    this.#loaded.set(root, loaded);
    if (!fs.existsSync(root)) {
      if (root === this.builtIn) {
        logger.warn(`Pinpoint: the built-in corpus is missing at ${root}`);
      }
      return loaded;
    }
    const walk = await walkMarkdownAsync(root, CORPUS_WALK_LIMITS);
    reportWalk(walk, logger);
    loaded.tooLarge = walk.limit === 'maxFiles' || walk.limit === 'maxEntries';
    // A warm start takes each unchanged file's header from the index cache instead of reading the file.
    const cached: CachedHeaders = cacheDirectory ? readIndexCache(cacheDirectory, root) : new Map();
    const fresh: CachedHeaders = new Map();
    let misses = 0;
    let count = 0;
    const nested = [...this.#loaded.keys()].some((other) => other !== root && (isUnder(other, root) || isUnder(root, other)));
    const stamps = await statAll(walk.files);
    for (let position = 0; position < walk.files.length; position++) {
      const file = walk.files[position];
      if (nested && this.rootOf(file) !== root) {
        continue;
      }
      const stamp = stamps[position];
      const hit = cached.get(file);
      const open = this.#host.openText(file) !== undefined;
      if (stamp && hit && hit.stamp.size === stamp.size && hit.stamp.mtimeMs === stamp.mtimeMs && !open) {
        service.index.setHeader(pathToUri(file), root, hit.header);
        fresh.set(file, hit);
      } else {
        misses++;
        this.indexFile(file, root);
        const entry = service.index.get(pathToUri(file));
        if (stamp && !open && fs.existsSync(file)) {
          fresh.set(file, { stamp, header: entry ? entry.header : NOT_A_CORPUS_FILE });
        }
      }
      if (++count % 500 === 0) {
        // Let requests and notifications through while a large corpus loads.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    loaded.stamps = new Map([...fresh].map(([file, entry]) => [file, entry.stamp]));
    if (cacheDirectory && (misses > 0 || fresh.size !== cached.size)) {
      const failure = writeIndexCache(cacheDirectory, root, fresh);
      if (failure) {
        logger.info(`Pinpoint: could not write the index cache: ${failure}`);
      }
    }
    return loaded;
  }

  /** Indexes one file from disk, or from the editor when it is open there. */
  indexFile(filePath: string, root: string): void {
    const { service, logger } = this.#host;
    const uri = pathToUri(filePath);
    const open = this.#host.openText(filePath);
    if (open !== undefined) {
      service.setCorpusFile(uri, root, open);
      return;
    }
    const read = readText(filePath);
    if ('error' in read) {
      service.deleteCorpusFile(uri);
      if (fs.existsSync(filePath)) {
        logger.warn(`Pinpoint: ${read.error}`);
      }
      return;
    }
    service.setCorpusFile(uri, root, read.text);
  }

  /**
   * Reads changed files again (or forgets deleted ones) when they lie under a loaded root. Returns the URIs of
   * the files that do.
   */
  filesChanged(filePaths: readonly string[]): string[] {
    const touched: string[] = [];
    for (const filePath of filePaths) {
      const root = this.rootOf(filePath);
      if (!root) {
        continue;
      }
      const uri = pathToUri(filePath);
      if (fs.existsSync(filePath) || this.#host.openText(filePath) !== undefined) {
        this.indexFile(filePath, root);
      } else {
        this.#host.service.deleteCorpusFile(uri);
      }
      touched.push(uri);
    }
    return touched;
  }

  /** The files of a loaded root whose size or modification time changed since they were indexed at load. */
  async changedSinceLoad(loaded: LoadedRoot): Promise<string[]> {
    if (this.#loaded.get(loaded.path) !== loaded) {
      return [];
    }
    const walk = await walkMarkdownAsync(loaded.path, CORPUS_WALK_LIMITS);
    const stamps = await statAll(walk.files);
    const changed: string[] = [];
    const present = new Set(walk.files);
    walk.files.forEach((file, position) => {
      const before = loaded.stamps.get(file);
      const now = stamps[position];
      if (!before || !now || before.size !== now.size || before.mtimeMs !== now.mtimeMs) {
        changed.push(file);
      }
    });
    for (const file of loaded.stamps.keys()) {
      if (!present.has(file)) {
        changed.push(file);
      }
    }
    return changed;
  }

  /**
   * Adds the corpus to the search index in the background, in slices short enough that requests are answered
   * between them; then `finished` is called, with true when parsing corrected headers the index cache had
   * wrong (the briefs must then be checked again). With nothing to index, `finished(false)` is called at once.
   */
  indexInBackground(startProgress: (total: number) => Promise<ProgressReporter | undefined>, finished: (headersChanged: boolean) => void): void {
    const { service, logger } = this.#host;
    if (this.#searchIndexing || service.index.pendingSearchEntries === 0) {
      finished(false);
      return;
    }
    this.#searchIndexing = (async () => {
      const total = service.index.pendingSearchEntries;
      const progress = await startProgress(total);
      let remaining = total;
      const generation = service.index.generation;
      while (remaining > 0) {
        remaining = service.index.indexForSearch(25);
        progress?.report(total - remaining, total);
        await new Promise((resolve) => setImmediate(resolve));
      }
      progress?.done();
      finished(service.index.generation !== generation);
    })()
      .catch((error: unknown) => logger.warn(`Pinpoint: indexing failed: ${String(error)}`))
      .finally(() => {
        this.#searchIndexing = undefined;
        if (service.index.pendingSearchEntries > 0) {
          this.indexInBackground(startProgress, finished);
        }
      });
  }
}

/** Logs what a walk met: its problems (the first few, then how many more) and a limit it stopped at. */
export function reportWalk(walk: WalkResult, logger: ILogger): void {
  for (const warning of walk.warnings) {
    logger.warn(`Pinpoint: ${warning}`);
  }
  if (walk.moreWarnings > 0) {
    logger.warn(`Pinpoint: … and ${walk.moreWarnings} more problem${walk.moreWarnings === 1 ? '' : 's'} of the same walk`);
  }
  if (walk.capped !== undefined) {
    logger.warn(`Pinpoint: ${walk.capped}; the files beyond are not loaded${walk.limit === 'maxDepth' ? '' : ' (is a corpus path too wide?)'}`);
  }
}

/**
 * Stats files; undefined for those that cannot be read.
 * NOTE: one synchronous stat after another: measured here, 35,000 of them take about 70 ms, three to four
 * times less than the same through the thread pool.
 */
async function statAll(files: readonly string[]): Promise<(FileStamp | undefined)[]> {
  const result: (FileStamp | undefined)[] = new Array(files.length);
  for (let position = 0; position < files.length; position++) {
    result[position] = stampOf(files[position]);
    if (position % 5000 === 4999) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return result;
}
