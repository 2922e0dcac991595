/**
 * Watching the workspace's Markdown files for changes made outside the editor. With a client that allows
 * dynamic registration, one registration of `workspace/didChangeWatchedFiles` covers the corpus roots and the
 * workspace folders (their briefs feed references, rename and CodeLens counts), and the client's notifications
 * are the only news. Without it, the server watches the corpus roots itself with `fs.watch`: the corpus roots
 * only, never a whole workspace folder, and a root that does not exist yet through its parent folder alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection, DidChangeWatchedFilesNotification, Disposable, WatchKind } from 'vscode-languageserver/node';
import type { ILogger } from '../service/host';
import { describeError, isMarkdownPath, isUnder, pathToUri } from '../nodeHost';

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
  /** A corpus root that did not exist was created (perhaps moved in whole, with files). */
  rootAppeared(root: string): void;
}

/** A corpus root as the watching needs it. */
export interface WatchedRoot {
  readonly path: string;
  /** True when its walk stopped at its limit of files or entries: too large for the server to watch itself. */
  readonly tooLarge?: boolean;
}

/** One corpus root watched by the server itself. */
interface OwnWatch {
  readonly root: string;
  watcher?: fs.FSWatcher;
  /** True while the root does not exist and only its parent folder is watched (not recursively). */
  waitingForRoot: boolean;
}

export class Watching {
  readonly #connection: Connection;
  readonly #logger: ILogger;
  readonly #events: WatchingEvents;
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

  constructor(connection: Connection, logger: ILogger, events: WatchingEvents) {
    this.#connection = connection;
    this.#logger = logger;
    this.#events = events;
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
   * watched by `startPending` once the first diagnostics are out (Node's recursive watcher walks the tree).
   */
  async update(corpusRoots: readonly WatchedRoot[], folders: readonly string[]): Promise<void> {
    const wanted = new Set(corpusRoots.map((root) => root.path));
    for (const [root, own] of this.#own) {
      if (!wanted.has(root)) {
        own.watcher?.close();
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
   * Starts the file-system watches set aside by `update`; returns the roots now watched, whose files may have
   * changed while the watch was being set up (the caller compares their stamps once more).
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
      own.watcher?.close();
    }
    this.#own.clear();
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
        if (!this.#own.has(root.path)) {
          this.#watchRoot(root);
        }
      }
    }
  }

  /**
   * Watches a corpus root recursively; one that does not exist yet, through its nearest existing parent.
   * A root whose walk stopped at a limit is not watched (Node's recursive watcher would walk all of it
   * again); that is said once. Returns true when a watch was set up.
   */
  #watchRoot(root: WatchedRoot): boolean {
    if (root.tooLarge === true) {
      if (!this.#toldTooLarge.has(root.path)) {
        this.#toldTooLarge.add(root.path);
        this.#logger.warn(`Pinpoint: not watching ${root.path} for changes: it holds more than the server reads`);
      }
      return false;
    }
    const own: OwnWatch = { root: root.path, waitingForRoot: false };
    this.#own.set(root.path, own);
    this.#attach(own);
    return true;
  }

  #attach(own: OwnWatch): void {
    own.watcher?.close();
    own.watcher = undefined;
    const root = own.root;
    // NOTE: a root that does not exist is never replaced by a recursive watch of its parent: the parent is
    // usually the workspace folder, and a recursive watch there would cover every folder of the workspace.
    // The nearest existing parent is watched alone, and the root itself once it appears.
    own.waitingForRoot = !fs.existsSync(root);
    const target = own.waitingForRoot ? nearestExistingParent(root) : root;
    if (target === undefined) {
      return;
    }
    try {
      own.watcher = fs.watch(target, { recursive: !own.waitingForRoot }, (_event, fileName) => {
        if (this.#own.get(root) !== own) {
          return;
        }
        if (own.waitingForRoot) {
          // Something appeared in the parent: watch the root once it exists (or a nearer parent), and read
          // whatever it already holds.
          if (fs.existsSync(root) || nearestExistingParent(root) !== target) {
            this.#attach(own);
            if (!own.waitingForRoot) {
              this.#appeared.add(root);
              this.#flushSoon();
            }
          }
          return;
        }
        if (!fileName) {
          return;
        }
        const filePath = path.join(target, fileName.toString());
        if (filePath === root && !fs.existsSync(root)) {
          // The root itself went: wait for it to come back.
          this.#attach(own);
          return;
        }
        if (isMarkdownPath(filePath) && isUnder(filePath, root)) {
          this.#queued.add(filePath);
          this.#flushSoon();
        }
      });
      own.watcher.on('error', (error) => this.#logger.warn(`Pinpoint: stopped watching ${root}: ${describeError(error)}`));
    } catch (error) {
      this.#logger.warn(`Pinpoint: cannot watch ${root}: ${describeError(error)}`);
    }
  }

  /**
   * Reports what changed on disk a little later, coalescing bursts.
   * NOTE: never read inside the watch callback: Node's recursive watcher reports a new file before the file's
   * own watch is set up and often before its content is written; reading later sees the content, and any
   * write after that raises a new event.
   */
  #flushSoon(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
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
