/**
 * Watching the workspace's Markdown files for changes made outside the editor. With a client that allows
 * dynamic registration, one registration of `workspace/didChangeWatchedFiles` covers the corpus roots and the
 * workspace folders (their briefs feed references, rename and CodeLens counts), and the client's notifications
 * are the only news. Without it, the server watches the corpus roots itself with `fs.watch`: the corpus roots
 * only, never a whole workspace folder, and a root that does not exist yet through its parent folder alone.
 * A root is watched folder by folder, one watch of each folder (never one of each file, as Node's recursive
 * watcher does on Linux), set up in slices between requests by the same walk, and within the same limits, as
 * the corpus's loading.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection, DidChangeWatchedFilesNotification, Disposable, WatchKind } from 'vscode-languageserver/node';
import type { ILogger } from '../service/host';
import { CORPUS_WALK_LIMITS, describeError, isMarkdownPath, isUnder, MarkdownWalk, pathToUri, WALK_SLICE, WalkLimits } from '../nodeHost';

/** What the client said it can do, from `initialize`. */
export interface WatchingCapabilities {
  /** `workspace.didChangeWatchedFiles.dynamicRegistration`. */
  readonly registration: boolean;
  /** `workspace.didChangeWatchedFiles.relativePatternSupport`. */
  readonly relativePatterns: boolean;
}

/** What the watching tells the workspace (fallback watching only: with a client's watchers, its notifications do). */
export interface WatchingEvents {
  /** Markdown files under a corpus root changed on disk (created, changed or deleted). */
  filesChanged(filePaths: string[]): void;
  /**
   * The files of a corpus root may have changed unseen: its watches, set up in the background after
   * `startPending` returned, are all in place now (or the system may have dropped news). The workspace compares
   * the stamps of its files once more.
   */
  rootAppeared(root: string): void;
}

/** A corpus root as the watching needs it. */
export interface WatchedRoot {
  readonly path: string;
  /** True when its walk stopped at its limit of files or entries: too large for the server to watch itself. */
  readonly tooLarge?: boolean;
}

/** A folder of a corpus root watched by the server itself. */
interface FolderWatch {
  readonly watcher: fs.FSWatcher;
  /** Its real path: a folder reached through several links is watched once, as the walk reads it once. */
  readonly real: string;
  /** Its inode: a folder that another one replaced under the same name is watched again. */
  readonly inode: number;
  /** The watched folders directly inside it, forgotten with it. */
  readonly children: Set<string>;
  /** The names of the Markdown files the watching knows directly inside it, reported when it goes. */
  readonly files: Set<string>;
}

/** One corpus root watched by the server itself. */
interface OwnWatch {
  readonly root: string;
  /** The watch of the nearest existing parent while the root does not exist, or of the root when it is a file. */
  watcher?: fs.FSWatcher;
  /** True while the root does not exist and only its parent folder is watched (not recursively). */
  waitingForRoot: boolean;
  /** The parent folder watched while waiting. */
  parent?: string;
  /** Set when something happened in that parent folder: the next flush looks for the root. */
  parentChanged: boolean;
  /** The root's real path: a link that leads out of it is not followed. */
  rootReal: string;
  /** The watched folders, by path. */
  readonly folders: Map<string, FolderWatch>;
  /** Their real paths, shared by the walks of the root. */
  readonly visited: Set<string>;
  /** Paths in watched folders that something happened to: the next flush looks at them. */
  readonly touched: Set<string>;
  /** Watched folders that their own watch says were removed or moved: the next flush watches them afresh. */
  readonly moved: Set<string>;
  /** Set when a watch reported an event without a name: the next flush has the whole root compared again. */
  lost: boolean;
  /** Set once a limit or an error stopped part of the watching (said once). */
  told: boolean;
  closed: boolean;
}

export class Watching {
  readonly #connection: Connection;
  readonly #logger: ILogger;
  readonly #events: WatchingEvents;
  readonly #limits: WalkLimits;
  #capabilities: WatchingCapabilities = { registration: false, relativePatterns: false };
  #registration: Disposable | undefined;
  /** Set when the client offered dynamic registration but refused it: the server then watches by itself. */
  #registrationFailed = false;
  readonly #own = new Map<string, OwnWatch>();
  readonly #pending = new Map<string, WatchedRoot>();
  readonly #queued = new Set<string>();
  readonly #appeared = new Set<string>();
  readonly #toldTooLarge = new Set<string>();
  #timer: NodeJS.Timeout | undefined;

  /** `limits`: how far the watching of one root goes (at most `maxEntries` folders); the corpus walk's by default. */
  constructor(connection: Connection, logger: ILogger, events: WatchingEvents, limits: WalkLimits = CORPUS_WALK_LIMITS) {
    this.#connection = connection;
    this.#logger = logger;
    this.#events = events;
    this.#limits = limits;
  }

  /** Takes the client's capabilities from `initialize`. */
  initialize(capabilities: WatchingCapabilities): void {
    this.#capabilities = capabilities;
  }

  /** True when the server watches the file system itself rather than relying on the client. */
  get watchesItself(): boolean {
    return !this.#capabilities.registration || this.#registrationFailed;
  }

  /**
   * Brings the watching up to date with the corpus roots (without the shipped ones) and workspace folders.
   * With a client that registers watchers this registers them again; otherwise new roots are set aside, to be
   * watched by `startPending` once the first diagnostics are out (setting up the watches walks the folders).
   */
  async update(corpusRoots: readonly WatchedRoot[], folders: readonly string[]): Promise<void> {
    const wanted = new Set(corpusRoots.map((root) => root.path));
    for (const [root, own] of this.#own) {
      if (!wanted.has(root)) {
        closeAll(own);
        this.#own.delete(root);
      }
    }
    for (const root of this.#pending.keys()) {
      if (!wanted.has(root)) {
        this.#pending.delete(root);
      }
    }
    if (this.watchesItself) {
      for (const root of corpusRoots) {
        if (!this.#own.has(root.path)) {
          this.#pending.set(root.path, root);
        }
      }
      return;
    }
    await this.#register([...new Set([...wanted, ...folders])], corpusRoots);
  }

  /**
   * Starts the file-system watches set aside by `update`. Returns the roots whose watches are all in place
   * already, whose files may have changed while they were set up (the caller compares their stamps once more);
   * a root whose folders take longer to watch is watched in slices between requests, and told through
   * `rootAppeared` once all of it is.
   */
  startPending(): string[] {
    const started: string[] = [];
    for (const root of [...this.#pending.values()]) {
      this.#pending.delete(root.path);
      if (!this.#own.has(root.path) && this.#watchRoot(root)) {
        started.push(root.path);
      }
    }
    return started;
  }

  /** Stops every watch the server set up itself. */
  dispose(): void {
    for (const own of this.#own.values()) {
      closeAll(own);
    }
    this.#own.clear();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#registration?.dispose();
  }

  async #register(roots: readonly string[], corpusRoots: readonly WatchedRoot[]): Promise<void> {
    this.#registration?.dispose();
    const kind = WatchKind.Create | WatchKind.Change | WatchKind.Delete;
    const watchers = roots.map((root) =>
      this.#capabilities.relativePatterns
        ? { globPattern: { baseUri: pathToUri(root), pattern: '**/*.{md,markdown}' }, kind }
        : { globPattern: `${root.replace(/\\/g, '/')}/**/*.{md,markdown}`, kind },
    );
    if (watchers.length === 0) {
      this.#registration = undefined;
      return;
    }
    try {
      this.#registration = await this.#connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    } catch (error) {
      this.#logger.warn(`Pinpoint: could not register file watchers (${String(error)}); watching the corpus folders instead`);
      this.#registrationFailed = true;
      for (const root of corpusRoots) {
        if (!this.#own.has(root.path) && this.#watchRoot(root)) {
          this.#appeared.add(root.path);
          this.#flushSoon();
        }
      }
    }
  }

  /**
   * Watches a corpus root folder by folder; one that does not exist yet, through its nearest existing parent.
   * A root whose walk stopped at a limit is not watched (the watching would stop at the same limit); that is
   * said once. Returns true when all of the root is watched already (false when its watches are still being
   * set up in the background, or not at all).
   */
  #watchRoot(root: WatchedRoot): boolean {
    if (root.tooLarge === true) {
      if (!this.#toldTooLarge.has(root.path)) {
        this.#toldTooLarge.add(root.path);
        this.#logger.warn(`Pinpoint: not watching ${root.path} for changes: it holds more than the server reads`);
      }
      return false;
    }
    const own: OwnWatch = {
      root: root.path,
      waitingForRoot: false,
      parentChanged: false,
      rootReal: root.path,
      folders: new Map(),
      visited: new Set(),
      touched: new Set(),
      moved: new Set(),
      lost: false,
      told: false,
      closed: false,
    };
    this.#own.set(root.path, own);
    return this.#attach(own, false);
  }

  /**
   * Watches the root as it is now: its folders when it is a folder (reporting the Markdown files found when
   * `report` is set, as for a root that has just appeared), the file when it is one, and its nearest existing
   * parent when it does not exist. Returns false while the folders are still being watched in the background.
   */
  #attach(own: OwnWatch, report: boolean): boolean {
    own.watcher?.close();
    own.watcher = undefined;
    const root = own.root;
    const stat = statOf(root);
    // NOTE: a root that does not exist is never replaced by a watch of all of its parent: the parent is usually
    // the workspace folder, and watching all of it would cover every folder of the workspace. The nearest
    // existing parent is watched alone, and the root itself once it appears.
    own.waitingForRoot = stat === undefined;
    if (stat !== undefined && stat.isDirectory()) {
      try {
        own.rootReal = fs.realpathSync.native(root);
      } catch (error) {
        this.#tell(own, `cannot watch ${root}: ${describeError(error)}`);
        return true;
      }
      if (NATIVE_RECURSIVE_WATCH) {
        return this.#watchNatively(own, report);
      }
      return this.#watchFolders(own, root, 0, report);
    }
    const target = stat === undefined ? nearestExistingParent(root) : root;
    own.parent = stat === undefined ? target : undefined;
    if (target === undefined) {
      return true;
    }
    try {
      // Something appeared in the parent (the root, or a nearer parent), or the root file changed: the next
      // flush looks.
      own.watcher = fs.watch(target, () => {
        if (this.#own.get(root) !== own || own.closed) {
          return;
        }
        if (own.waitingForRoot) {
          own.parentChanged = true;
        } else {
          own.touched.add(root);
        }
        this.#flushSoon();
      });
      own.watcher.on('error', (error) => this.#tell(own, `stopped watching ${root}: ${describeError(error)}`));
    } catch (error) {
      this.#tell(own, `cannot watch ${root}: ${describeError(error)}`);
    }
    if (report && stat !== undefined && isMarkdownPath(root)) {
      // A root that is one file, and has just appeared.
      this.#queued.add(root);
      this.#flushSoon();
    }
    return true;
  }

  /**
   * macOS and Windows: one recursive watch of the root, which the system keeps (FSEvents,
   * ReadDirectoryChangesW) at no cost per folder; the changed Markdown files are reported. A root that goes is
   * watched through its parent again.
   */
  #watchNatively(own: OwnWatch, report: boolean): boolean {
    const root = own.root;
    try {
      own.watcher = fs.watch(root, { recursive: true }, (_event, fileName) => {
        if (this.#own.get(root) !== own || own.closed || !fileName) {
          return;
        }
        const filePath = path.join(root, fileName.toString());
        if (isMarkdownPath(filePath)) {
          this.#queued.add(filePath);
          this.#flushSoon();
        } else if (!fs.existsSync(root)) {
          this.#attach(own, false);
        }
      });
      own.watcher.on('error', (error) => this.#tell(own, `stopped watching ${root}: ${describeError(error)}`));
    } catch (error) {
      this.#tell(own, `cannot watch ${root}: ${describeError(error)}`);
      return true;
    }
    if (report) {
      // A root that has just appeared: the workspace reads what it already holds.
      this.#appeared.add(root);
      this.#flushSoon();
    }
    return true;
  }

  /**
   * Watches `start` (a folder `depth` levels below the root) and the folders inside it, as the corpus walk
   * reads them: the first slice now, the others between requests. The Markdown files found are remembered by
   * folder, and reported when `report` is set (for a folder that appeared). Returns true when all of it was
   * watched in the first slice; otherwise, for the first watches of a root (`report` unset), `rootAppeared`
   * tells the workspace once all of it is.
   */
  #watchFolders(own: OwnWatch, start: string, depth: number, report: boolean): boolean {
    const limits = this.#limits;
    const walk = new MarkdownWalk(start, { ...limits, maxDepth: limits.maxDepth - depth }, {
      visited: own.visited,
      enter: (folder, real, stat) => this.#watchFolder(own, folder, real, stat),
    });
    let seen = 0;
    const slice = (): boolean => {
      if (own.closed) {
        return true;
      }
      const over = walk.step(WALK_SLICE);
      const result = walk.result();
      for (; seen < result.files.length; seen++) {
        const file = result.files[seen];
        own.folders.get(path.dirname(file))?.files.add(path.basename(file));
        if (report) {
          this.#queued.add(file);
          this.#flushSoon();
        }
      }
      if (over && result.limit !== undefined) {
        this.#tell(own, limitSentence(result.limit, limits));
      }
      return over;
    };
    if (slice()) {
      return true;
    }
    void (async () => {
      do {
        await new Promise((resolve) => setImmediate(resolve));
      } while (!slice());
      if (!report && !own.closed) {
        this.#appeared.add(own.root);
        this.#flushSoon();
      }
    })();
    return false;
  }

  /** Watches one folder the walk is about to read; false keeps the walk out of it. */
  #watchFolder(own: OwnWatch, folder: string, real: string, stat: fs.Stats): boolean {
    const parent = folder === own.root ? undefined : own.folders.get(path.dirname(folder));
    if (own.closed || (folder !== own.root && parent === undefined)) {
      // The folder's parent went meanwhile: whatever replaced it is watched afresh.
      return false;
    }
    if (!isUnder(real, own.rootReal)) {
      // NOTE: a link that leads out of the root is not followed: the watches stay inside the corpus folder.
      return false;
    }
    if (own.folders.size >= this.#limits.maxEntries) {
      this.#tell(own, `it has more than ${this.#limits.maxEntries.toLocaleString('en')} folders`);
      return false;
    }
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(folder, (event, fileName) => this.#heard(own, folder, watcher, event, fileName));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.#tell(own, code === 'ENOSPC' || code === 'EMFILE' ? `the system's limit of file watches is reached (fs.inotify.max_user_watches on Linux)` : `cannot watch ${folder}: ${describeError(error)}`);
      return false;
    }
    watcher.on('error', (error) => {
      // Its files are reported, to be looked at once more; the folder is not watched again. (Windows reports
      // the removal of a watched folder so: that is no news for the user.)
      if (own.folders.get(folder)?.watcher === watcher) {
        if (fs.existsSync(folder)) {
          this.#tell(own, `stopped watching ${folder}: ${describeError(error)}`);
        }
        this.#forget(own, folder);
        this.#flushSoon();
      }
    });
    own.folders.set(folder, { watcher, real, inode: stat.ino, children: new Set(), files: new Set() });
    parent?.children.add(folder);
    return true;
  }

  /** What a folder's watch heard: noted for the next flush, which looks at it (see `#flushSoon`). */
  #heard(own: OwnWatch, folder: string, watcher: fs.FSWatcher, event: fs.WatchEventType, fileName: string | Buffer | null): void {
    if (own.closed || own.folders.get(folder)?.watcher !== watcher) {
      return;
    }
    if (fileName === null) {
      own.lost = true;
      this.#flushSoon();
      return;
    }
    const name = fileName.toString();
    if (event === 'rename' && name === path.basename(folder)) {
      // NOTE: the watch of a folder that was removed or moved reports it under its own name (it might also be
      // an entry of that name inside it): the folder is watched afresh.
      own.moved.add(folder);
      this.#flushSoon();
    }
    // Hidden entries and node_modules are not read by the walk, so not watched either; a folder is created,
    // removed or moved only with a 'rename'.
    if (name.startsWith('.') || name === 'node_modules' || (event !== 'rename' && !isMarkdownPath(name))) {
      return;
    }
    own.touched.add(path.join(folder, name));
    this.#flushSoon();
  }

  /**
   * Looks at what the watches of a root heard since the last flush: a folder that went is forgotten (its
   * watches closed, its files reported), a folder that appeared is watched (its files reported), a Markdown
   * file that changed is reported.
   */
  #look(own: OwnWatch): void {
    if (own.closed) {
      return;
    }
    if (own.waitingForRoot) {
      if (own.parentChanged) {
        own.parentChanged = false;
        if (fs.existsSync(own.root)) {
          this.#attach(own, true);
        } else if (nearestExistingParent(own.root) !== own.parent) {
          this.#attach(own, false);
        }
      }
      return;
    }
    if (own.lost) {
      own.lost = false;
      this.#appeared.add(own.root);
    }
    if (own.moved.size === 0 && own.touched.size === 0) {
      return;
    }
    // Sorted, so that a folder is looked at before the folders inside it (which it may have forgotten).
    const moved = [...own.moved].sort();
    const touched = [...own.touched].sort();
    own.moved.clear();
    own.touched.clear();
    const rootStat = statOf(own.root);
    const rootIsFolder = own.folders.has(own.root);
    if (rootStat === undefined || rootStat.isDirectory() !== rootIsFolder || (rootIsFolder && moved.includes(own.root))) {
      // The root itself went or was replaced: its files are reported, and it is watched afresh (or waited for).
      this.#forget(own, own.root);
      if (!rootIsFolder && isMarkdownPath(own.root)) {
        this.#queued.add(own.root);
      }
      this.#attach(own, true);
      return;
    }
    for (const folder of moved) {
      if (own.folders.has(folder)) {
        this.#forget(own, folder);
        this.#lookAt(own, folder);
      }
    }
    for (const entry of touched) {
      this.#lookAt(own, entry);
    }
  }

  /** Looks at one path inside a watched folder (or the root file). */
  #lookAt(own: OwnWatch, entry: string): void {
    const stat = statOf(entry);
    const known = own.folders.get(entry);
    if (known !== undefined) {
      if (stat?.isDirectory() && stat.ino === known.inode) {
        // The same folder; only its attributes changed.
        return;
      }
      this.#forget(own, entry);
    }
    const parent = own.folders.get(path.dirname(entry));
    const name = path.basename(entry);
    if (stat?.isDirectory()) {
      if (entry !== own.root && parent === undefined) {
        return;
      }
      if (parent?.files.delete(name) === true) {
        this.#queued.add(entry);
      }
      this.#watchFolders(own, entry, depthBelow(own.root, entry), true);
      return;
    }
    if (isMarkdownPath(entry)) {
      if (stat === undefined) {
        parent?.files.delete(name);
      } else {
        parent?.files.add(name);
      }
      this.#queued.add(entry);
    }
  }

  /** Stops watching a folder and the folders inside it, and reports the Markdown files they held. */
  #forget(own: OwnWatch, folder: string): void {
    const record = own.folders.get(folder);
    if (record === undefined) {
      return;
    }
    own.folders.get(path.dirname(folder))?.children.delete(folder);
    const stack = [folder];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      const watch = own.folders.get(current);
      if (watch === undefined) {
        continue;
      }
      watch.watcher.close();
      own.folders.delete(current);
      own.visited.delete(watch.real);
      for (const name of watch.files) {
        this.#queued.add(path.join(current, name));
      }
      stack.push(...watch.children);
    }
  }

  /** Says once per root why part of it is not watched. */
  #tell(own: OwnWatch, reason: string): void {
    if (!own.told) {
      own.told = true;
      this.#logger.warn(`Pinpoint: not watching all of ${own.root} for changes: ${reason}`);
    }
  }

  /**
   * Reports what changed on disk a little later, coalescing bursts.
   * NOTE: never read inside the watch callback: a new file is reported as soon as it is created, often before
   * its content is written, and a new folder before the files moved or written into it. The flush looks (a
   * stat of each path heard of, and a walk of each new folder, watched before it is read) a little later, the
   * workspace reads the files after that, and any write after that raises a new event.
   */
  #flushSoon(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      for (const own of this.#own.values()) {
        this.#look(own);
      }
      const paths = [...this.#queued];
      const roots = [...this.#appeared];
      this.#queued.clear();
      this.#appeared.clear();
      for (const root of roots) {
        this.#events.rootAppeared(root);
      }
      if (paths.length > 0) {
        this.#events.filesChanged(paths);
      }
    }, 75);
  }
}

/** Closes every watch of a root, and stops its walks. */
function closeAll(own: OwnWatch): void {
  own.closed = true;
  own.watcher?.close();
  for (const folder of own.folders.values()) {
    folder.watcher.close();
  }
  own.folders.clear();
  own.visited.clear();
}

/** The status of a path (through links), or undefined when it does not exist or cannot be read. */
function statOf(entry: string): fs.Stats | undefined {
  try {
    return fs.statSync(entry, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** How many levels below `root` a folder inside it lies. */
function depthBelow(root: string, folder: string): number {
  const relative = path.relative(root, folder);
  return relative === '' ? 0 : relative.split(path.sep).length;
}

/** Why a walk of the watching stopped, as a phrase. */
function limitSentence(limit: keyof WalkLimits, limits: WalkLimits): string {
  switch (limit) {
    case 'maxDepth':
      return `folders more than ${limits.maxDepth} levels deep are not watched`;
    case 'maxFiles':
      return `it holds more than ${limits.maxFiles.toLocaleString('en')} Markdown files`;
    case 'maxEntries':
      return `it holds more than ${limits.maxEntries.toLocaleString('en')} files and folders`;
  }
}

/**
 * True where the system watches a folder tree natively and cheaply (macOS, Windows). On Linux, Node's recursive
 * watch is a JavaScript walk that watches and stats every file: there the root is watched folder by folder.
 */
const NATIVE_RECURSIVE_WATCH = process.platform === 'darwin' || process.platform === 'win32';

/** The nearest folder above `folder` that exists, if any. */
function nearestExistingParent(folder: string): string | undefined {
  let current = path.dirname(folder);
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) {
      return undefined;
    }
    current = parent;
  }
  return current;
}
