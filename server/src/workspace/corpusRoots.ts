/**
 * The corpus roots of the workspace: which folders are loaded, reading them into the core's index (each
 * unchanged file's header from the index cache, the others from disk or from the editor), re-reading the files
 * that change, and building the search index in the background.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOT_A_CORPUS_FILE } from '../service/corpusParser';
import type { Skeleton } from '../service/skeleton';
import type { ILogger } from '../service/host';
import type { LanguageService } from '../service/languageService';
import { CachedFiles, FileStamp, FileToCache, NO_CACHED_FILES, readIndexCache, stampOf, writeIndexCache } from '../indexCache';
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
  /** The document ids the open briefs cite: their files are read first. */
  citedIds?(): ReadonlySet<string>;
  /**
   * The files of the cited documents of a large root are loaded and many others are still to come: the open
   * briefs can be checked against what is loaded. Returns a reporter of the rest of the load, if any.
   */
  citedFilesLoaded?(root: string, count: { loaded: number; total: number }): ProgressReporter | undefined;
  /**
   * True while an open brief's check is under way: background work (the rest of a load, the search index, the
   * index cache) waits for it, so that it never delays diagnostics.
   */
  checking?(): boolean;
}

/**
 * The longest one step of background work waits for the open briefs' checks: a large brief checked again at
 * every keystroke must not hold the corpus back for good.
 */
export const CHECK_WAIT_MS = 1_000;

/**
 * How many files must remain to be read after the cited ones for the open briefs to be checked before the
 * rest (below that the whole root loads in well under a second).
 */
export const PARTIAL_CHECK_FILES = 1000;

/** How many cited files are read (and parsed, on a cold start) between two turns of the event loop. */
const CITED_SLICE = 20;

/** A loaded root: the stamps its files had when they were read, and whether a walk limit cut it short. */
export interface LoadedRoot {
  readonly path: string;
  /** The size and modification time of each file when it was indexed at load. */
  stamps: Map<string, FileStamp>;
  /** True when the walk of the root stopped at its limit of files or entries: too large to watch. */
  tooLarge?: boolean;
  /** True when the index cache on disk no longer says what the index knows of the root (see `writeCaches`). */
  cacheStale?: boolean;
  /** How many skeletons the index cache on disk holds for the root. */
  cachedSkeletons?: number;
}

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
    // A warm start takes each unchanged file's header and skeleton from the index cache instead of reading it.
    const cached: CachedFiles = cacheDirectory ? readIndexCache(cacheDirectory, root) : NO_CACHED_FILES;
    const nested = [...this.#loaded.keys()].some((other) => other !== root && (isUnder(other, root) || isUnder(root, other)));
    let misses = 0;
    let cachedSkeletons = 0;
    const done = new Set<string>();
    const loadOne = (file: string, parseNow: boolean): void => {
      done.add(file);
      const hit = cached.get(file);
      // NOTE: a file the cache does not know is stamped by the read itself (one stat less per file).
      const stamp = hit ? stampOf(file) : undefined;
      const open = this.#host.openText(file) !== undefined;
      if (stamp && hit && hit.stamp.size === stamp.size && hit.stamp.mtimeMs === stamp.mtimeMs && !open) {
        service.index.setHeader(pathToUri(file), root, hit.header, hit.skeleton);
        cachedSkeletons += hit.skeleton ? 1 : 0;
        loaded.stamps.set(file, stamp);
      } else {
        misses++;
        const read = this.indexFile(file, root, { parseNow });
        const kept = stamp ?? read ?? (open ? undefined : stampOf(file));
        if (kept && !open) {
          loaded.stamps.set(file, kept);
        }
      }
    };
    // The files of the documents that open briefs cite come first, so that a large corpus checks those briefs
    // long before it is all read: those the index cache knows as soon as a brief opens (even before the walk),
    // then by file name (`ID.md`, `ID.zh.md`) among the files walked and not read yet, from the walk's first
    // slices on. A brief opened while the root loads is served the same way.
    const pulled = new Set<string>();
    let cachedById: Map<string, string[]> | undefined;
    let progress: ProgressReporter | undefined;
    let files: readonly string[] | undefined;
    let position = 0;
    // The cited files found and not read yet, read by `drain` a few at a time between requests.
    const queue: string[] = [];
    let next = 0;
    // While the walk runs, the files it has found so far are searched too (`walked`, up to `searched`), so that
    // cited files are read between the walk's slices.
    let searched = 0;
    const pullCited = (walked?: readonly string[]): void => {
      const fresh = new Set<string>();
      for (const id of this.#host.citedIds?.() ?? []) {
        if (!pulled.has(id)) {
          pulled.add(id);
          fresh.add(id);
        }
      }
      if (fresh.size > 0 && cached.size > 0) {
        cachedById ??= filesById(cached);
        for (const id of fresh) {
          for (const file of cachedById.get(id) ?? []) {
            if (!done.has(file) && (!nested || this.rootOf(file) === root)) {
              queue.push(file);
            }
          }
        }
      }
      if (files) {
        queue.push(...filesNamedFor(files, position, fresh));
      } else if (walked && !nested) {
        queue.push(...filesNamedFor(walked, 0, fresh, searched), ...filesNamedFor(walked, searched, pulled));
        searched = walked.length;
      }
    };
    let draining: Promise<void> | undefined;
    /** True when cited files were loaded since the open briefs were last checked against them. */
    let uncheckedCited = false;
    const drainOnce = async (): Promise<void> => {
      const before = done.size;
      let readHere = 0;
      while (next < queue.length) {
        const file = queue[next++];
        if (!done.has(file)) {
          loadOne(file, true);
          if (++readHere % CITED_SLICE === 0) {
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      }
      uncheckedCited ||= done.size > before;
    };
    /** Reads the queued cited files (joining a reading under way), then checks the open briefs once more. */
    const drain = async (): Promise<void> => {
      while (draining || next < queue.length) {
        draining ??= drainOnce().finally(() => (draining = undefined));
        await draining;
      }
      // The number of files is known once the walk is over (or from the index cache before it).
      const total = files?.length ?? cached.size;
      if (uncheckedCited && total - done.size >= PARTIAL_CHECK_FILES) {
        uncheckedCited = false;
        const reporter = this.#host.citedFilesLoaded?.(root, { loaded: done.size, total });
        progress ??= reporter;
      }
    };
    pullCited();
    await drain();
    const walk = await walkMarkdownAsync(root, CORPUS_WALK_LIMITS, (walked) => (pullCited(walked), void drain()));
    reportWalk(walk, logger);
    loaded.tooLarge = walk.limit === 'maxFiles' || walk.limit === 'maxEntries';
    await drain();
    files = nested ? walk.files.filter((file) => this.rootOf(file) === root) : walk.files;
    if (done.size > 0) {
      // A file the cache knew that the walk no longer finds (deleted, moved, now in a hidden folder) goes.
      const present = new Set(files);
      for (const file of done) {
        if (!present.has(file)) {
          service.deleteCorpusFile(pathToUri(file));
          loaded.stamps.delete(file);
          misses++;
        }
      }
    }
    if (nested) {
      // A nested root's files were not searched during the walk (they are known only now, filtered by root).
      pulled.clear();
    } else {
      // The files of the walk's last slice, which no slice searched.
      queue.push(...filesNamedFor(files, searched, pulled));
    }
    pullCited();
    await drain();
    for (; position < files.length; position++) {
      const file = files[position];
      if (!done.has(file)) {
        loadOne(file, false);
      }
      if (position % 500 === 499) {
        progress?.report(done.size, files.length);
        // Let requests, notifications and checks through while a large corpus loads, and serve briefs opened
        // meanwhile.
        await this.#pause();
        pullCited();
        await drain();
      }
    }
    progress?.report(files.length, files.length);
    loaded.cacheStale = misses > 0 || loaded.stamps.size !== cached.size;
    loaded.cachedSkeletons = cachedSkeletons;
    return loaded;
  }

  /**
   * Writes the index cache of every loaded root that changed since it was read or written: the headers, and
   * the skeletons of the files parsed so far (all of them once the search index is built). In the background:
   * failures are logged, never thrown.
   */
  async writeCaches(): Promise<void> {
    const { service, logger, cacheDirectory } = this.#host;
    if (!cacheDirectory) {
      return;
    }
    for (const loaded of this.loaded()) {
      if (this.#loaded.get(loaded.path) !== loaded) {
        continue;
      }
      let skeletons = 0;
      for (const file of loaded.stamps.keys()) {
        skeletons += service.index.get(pathToUri(file))?.hasSkeleton ? 1 : 0;
      }
      // Written again when files changed, or when parsing (for citations, for the search index) built skeletons
      // the cache does not hold yet.
      if (!loaded.cacheStale && skeletons <= (loaded.cachedSkeletons ?? 0)) {
        continue;
      }
      await this.#pause();
      loaded.cacheStale = false;
      loaded.cachedSkeletons = skeletons;
      const files = new Map<string, FileToCache>();
      for (const [file, stamp] of loaded.stamps) {
        if (this.#host.openText(file) !== undefined) {
          continue;
        }
        const entry = service.index.get(pathToUri(file));
        // NOTE: a skeleton is cached only when it was built from the text the stamp describes (same length); a
        // file changed since it was stamped is read again at the next start anyway.
        const skeleton = (): Skeleton | undefined => {
          const known = entry?.knownSkeleton;
          return known && known.info.sourceLength >= 0 ? known : undefined;
        };
        files.set(file, { stamp, header: entry ? entry.header : NOT_A_CORPUS_FILE, skeleton });
      }
      const failure = await writeIndexCache(cacheDirectory, loaded.path, files, () => this.#pause());
      logger.info(failure ? `Pinpoint: could not write the index cache: ${failure}` : `Pinpoint: wrote the index cache of ${loaded.path} (${files.size} files)`);
    }
  }

  /**
   * Lets the event loop run; while an open brief is being checked, waits until it is (at most `CHECK_WAIT_MS`).
   * NOTE: a check runs in slices of a few milliseconds; background work in slices of its own between them made
   * the first diagnostics of a brief citing 2,000 documents wait 400 ms for the search index and the cache.
   */
  async #pause(): Promise<void> {
    const until = performance.now() + CHECK_WAIT_MS;
    do {
      await new Promise((resolve) => setImmediate(resolve));
    } while (this.#host.checking?.() === true && performance.now() < until);
  }

  /**
   * Indexes one file from disk, or from the editor when it is open there (`parseNow`: build its skeleton now).
   * Returns the stamp of the file read from disk (taken before it was read), if it was.
   */
  indexFile(filePath: string, root: string, options?: { parseNow?: boolean }): FileStamp | undefined {
    const { service, logger } = this.#host;
    const uri = pathToUri(filePath);
    const open = this.#host.openText(filePath);
    if (open !== undefined) {
      service.setCorpusFile(uri, root, open, options);
      return undefined;
    }
    const read = readText(filePath);
    if ('error' in read) {
      service.deleteCorpusFile(uri);
      if (fs.existsSync(filePath)) {
        logger.warn(`Pinpoint: ${read.error}`);
      }
      return undefined;
    }
    service.setCorpusFile(uri, root, read.text, options);
    return read.stamp;
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
      const loaded = this.#loaded.get(root);
      const stamp = stampOf(filePath);
      if (stamp || this.#host.openText(filePath) !== undefined) {
        this.indexFile(filePath, root);
      } else {
        this.#host.service.deleteCorpusFile(uri);
      }
      if (loaded) {
        // The cache is written again with the file as it is now (stamped before it was read).
        if (stamp) {
          loaded.stamps.set(filePath, stamp);
        } else {
          loaded.stamps.delete(filePath);
        }
        loaded.cacheStale = true;
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
        await this.#pause();
        remaining = service.index.indexForSearch(25);
        progress?.report(total - remaining, total);
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

/**
 * The files from `from` (up to `to`) whose names say they hold a document `ids` names: `ID.md`, or `ID.LANG.md` for a
 * language version (the importers' and the library's convention). A file named otherwise is read in its turn.
 */
export function filesNamedFor(files: readonly string[], from: number, ids: ReadonlySet<string>, to = files.length): string[] {
  const found: string[] = [];
  if (ids.size === 0) {
    return found;
  }
  for (let index = from; index < to; index++) {
    const file = files[index];
    const start = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1;
    const extension = file.lastIndexOf('.');
    if (extension <= start) {
      continue;
    }
    const name = file.slice(start, extension);
    const dot = name.lastIndexOf('.');
    if (ids.has(name) || (dot > 0 && ids.has(name.slice(0, dot)))) {
      found.push(file);
    }
  }
  return found;
}

/** The files of each id the index cache knows. */
function filesById(cached: CachedFiles): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [file, id] of cached.ids()) {
    const list = result.get(id);
    if (list) {
      list.push(file);
    } else {
      result.set(id, [file]);
    }
  }
  return result;
}
