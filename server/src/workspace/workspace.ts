/**
 * The language server's workspace: everything the server knows about files, folders and settings, in one
 * object with a stated interface, in the manner of vscode-markdown-languageservice's `IWorkspace` and of the
 * `VsCodeClientWorkspace` of VS Code's Markdown server.
 *
 * It owns the workspace folders, the open documents (by path, for the corpus loader), the settings of each
 * scope (`initializationOptions` merged with `workspace/configuration`), the corpus roots they name (loaded into
 * the core's index, see corpusRoots.ts), the watching of files (watching.ts) and the reading of the workspace's
 * briefs (briefs.ts). It listens to the client's notifications about those itself, feeds the core, and tells
 * the server what changed through events; server.ts only answers requests with what the workspace gives it
 * (a scope, settings, a URI the client knows) and publishes diagnostics when told.
 */
import {
  Connection,
  DidChangeConfigurationNotification,
  Emitter,
  Event,
  FileChangeType,
  InitializeParams,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CorpusScope } from '../service/corpusIndex';
import type { ILogger } from '../service/host';
import type { LanguageService } from '../service/languageService';
import { canonicalUri, isMarkdownDocument, isMarkdownPath, isUnder, pathToUri, readText, uriToPath } from '../nodeHost';
import { mergeSettings, PinpointSettings } from '../settings';
import { isDatabaseUri } from '../db/uri';
import { WorkspaceBriefs } from './briefs';
import { CorpusRoots, ProgressReporter } from './corpusRoots';
import { DatabaseRoots, RunOutcome } from './databaseRoots';
import { Watching } from './watching';
import { TypingPauses } from './typingPause';

/** A workspace folder. */
export interface WorkspaceFolder {
  /** Its URI as the client gave it. */
  readonly uri: string;
  /** Its absolute path. */
  readonly path: string;
}

/** What changed in the corpus, and what the server must publish again because of it. */
export interface CorpusChange {
  /** Corpus files (the core's URIs) whose problems may have changed; those no longer in the corpus have none. */
  readonly corpusFiles: readonly string[];
  /** Also every corpus file that has problems (duplicate ids and misaligned versions involve other files). */
  readonly allCorpusFiles: boolean;
  /** The open briefs to check again: all of them, or these (client URIs). */
  readonly briefs: 'all' | readonly string[];
}

/** How far the reading of the workspace's briefs has got. */
export interface BriefReading {
  /** True once every workspace folder's briefs have been read. */
  readonly done: boolean;
  /** How many briefs have been read from disk so far. */
  readonly read: number;
}

/**
 * What the server may ask of the workspace. Everything about which files, which folders and which settings is
 * answered here; nothing here speaks JSON-RPC for a request.
 */
export interface IWorkspace {
  /** The workspace folders, in the client's order (none: only absolute corpus paths and the shipped corpora). */
  readonly folders: readonly WorkspaceFolder[];

  /**
   * Settles when the settings have been read and every corpus root they name is loaded. A new promise on every
   * reload (settings or folders changed); requests about citations wait for the current one. Nothing waits for
   * the reading of the workspace's briefs (see `briefReading`).
   */
  readonly ready: Promise<void>;

  /**
   * The corpus roots a file sees, in priority order. The same array for every file of a folder until the
   * settings change, because the core memoizes by its identity.
   */
  scopeOf(uri: string): CorpusScope;

  /** Every corpus root of every folder (what a workspace-wide search covers). */
  allRoots(): CorpusScope;

  /** The settings of a file: its workspace folder's, else the global ones. */
  settingsOf(uri: string): PinpointSettings;

  /** True for files an edit may change: inside a workspace folder, and neither the built-in corpus nor the library. */
  isWritable(uri: string): boolean;

  /** True when a file is in the corpus index (a corpus file, open or not), false for a brief. */
  isCorpusFile(uri: string): boolean;

  /** The URI under which the client has a file open, else the core's own. */
  clientUri(uri: string): string;

  /**
   * A corpus file's text for the core's loader: the editor's when it is open there, else the disk's; for a
   * document of a team corpus (a database), the text fetched earlier, if any.
   */
  readCorpusText(uri: string): string | undefined;

  /** The team corpora (`pinpoint.corpus.database`): running the core with their texts at hand, and their state. */
  readonly teamCorpus: ITeamCorpus;

  /** How far the reading of the workspace's briefs (for references, rename, CodeLens) has got. */
  readonly briefReading: BriefReading;

  /** Fired when corpus files were added, changed or removed, or an open document was edited. */
  readonly onDidChangeCorpus: Event<CorpusChange>;

  /** Fired when the briefs known to the core changed (the citation counts of CodeLenses may have). */
  readonly onDidChangeBriefs: Event<void>;

  /** Fired when a brief was closed in the editor (client URI): its diagnostics must be cleared. */
  readonly onDidCloseBrief: Event<string>;

  /**
   * Fired while a large corpus root loads, once the documents the open briefs cite are in: the briefs can be
   * checked now, leaving unchecked the citations of ids not loaded yet (`isLoaded`); the full check follows
   * when the load ends (`onDidChangeCorpus`).
   */
  readonly onDidLoadCitedFiles: Event<void>;
}

/** What the server asks of the team corpora (see databaseRoots.ts). */
export interface ITeamCorpus {
  /** True when some scope names a database. */
  readonly active: boolean;
  /** True for a database's corpus root, or a URI of one of its documents. */
  owns(root: string): boolean;
  /**
   * Runs the core; when it met database texts or content searches not here yet, fetches them and runs it again,
   * within `waitMs`. `compute` gets the ids whose texts did not arrive (not to be checked).
   */
  run<T>(compute: (missing: ReadonlySet<string>) => T, waitMs: number): Promise<RunOutcome<T>>;
  /** The ids whose citations are not checked now in a scope (a database away, texts missing), or undefined. */
  uncheckedIn(scope: CorpusScope, missing: ReadonlySet<string>): ((id: string) => boolean) | undefined;
  /** Why a database document's text is missing, for a hover. */
  whyMissing(uri: string): string;
  /** A database document's text for the client, fetched when needed. */
  documentText(uri: string): Promise<string | undefined>;
  /** A password for a database URI, from the client (VS Code's SecretStorage); undefined forgets it. */
  setPassword(uri: string, password: string | undefined): void;
  /** The core's content search of database documents (for `createLanguageService`). */
  search: DatabaseRoots['search'];
}

/** What the workspace is built from. */
export interface WorkspaceOptions {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: LanguageService;
  readonly logger: ILogger;
  /** The index cache folder (from the server's command line, never from settings), or undefined for none. */
  readonly cacheDirectory: string | undefined;
  /** Team corpora: how to load the database driver, and timings when not the defaults. */
  readonly databases: Pick<ConstructorParameters<typeof DatabaseRoots>[0], 'loadDriver' | 'timings'>;
  /** True while an open brief's check is under way (background work waits for it). */
  readonly checking?: () => boolean;
}

export class Workspace implements IWorkspace {
  readonly #connection: Connection;
  readonly #documents: TextDocuments<TextDocument>;
  readonly #service: LanguageService;
  readonly #logger: ILogger;
  readonly #roots: CorpusRoots;
  readonly #databases: DatabaseRoots;
  readonly #watching: Watching;
  readonly #briefs: WorkspaceBriefs;

  #folders: WorkspaceFolder[] = [];
  /** Open documents by file path, so that loading a corpus of thousands of files asks in constant time. */
  readonly #openPaths = new Map<string, string>();

  #initializationOptions: unknown;
  #pushedSettings: unknown;
  #globalSettings: PinpointSettings = mergeSettings([]);
  readonly #folderSettings = new Map<string, PinpointSettings>();
  /** Scopes by folder URI ('' for files outside every folder), until the settings change. */
  readonly #scopes = new Map<string, CorpusScope>();

  #supportsConfiguration = false;
  #supportsConfigurationRegistration = false;
  #supportsProgress = false;
  #ready: Promise<void> = Promise.resolve();

  readonly #onDidChangeCorpus = new Emitter<CorpusChange>();
  readonly onDidChangeCorpus = this.#onDidChangeCorpus.event;
  readonly #onDidChangeBriefs = new Emitter<void>();
  readonly onDidChangeBriefs = this.#onDidChangeBriefs.event;
  readonly #onDidCloseBrief = new Emitter<string>();
  readonly onDidCloseBrief = this.#onDidCloseBrief.event;
  readonly #onDidLoadCitedFiles = new Emitter<void>();
  readonly onDidLoadCitedFiles = this.#onDidLoadCitedFiles.event;
  /** The progress shown from the check of the cited files until the corpus is loaded and indexed for search. */
  #startupProgress: ProgressHandle | undefined;
  /** Built once: a pass over the corpus asks for it per file. */
  readonly #teamCorpus: ITeamCorpus;

  constructor(options: WorkspaceOptions) {
    this.#connection = options.connection;
    this.#documents = options.documents;
    this.#service = options.service;
    this.#logger = options.logger;
    this.#roots = new CorpusRoots({
      service: options.service,
      logger: options.logger,
      cacheDirectory: options.cacheDirectory,
      openText: (filePath) => this.#openDocument(filePath)?.getText(),
      citedIds: () => this.#citedIds(),
      citedFilesLoaded: (_root, count) => this.#citedFilesLoaded(count),
      checking: options.checking,
    });
    this.#databases = new DatabaseRoots({
      service: options.service,
      logger: options.logger,
      cacheDirectory: options.cacheDirectory,
      // A notification, not a request: the server waits for no answer, and a client that shows no messages is fine.
      warn: (message) => void this.#connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
      changed: (uris) => this.#onDidChangeCorpus.fire({ corpusFiles: uris, allCorpusFiles: false, briefs: 'all' }),
      ...options.databases,
    });
    this.#teamCorpus = teamCorpusOf(this.#databases);
    this.#watching = new Watching(options.connection, options.logger, {
      filesChanged: (paths) => void this.#ready.then(() => this.#corpusFilesChanged(paths)),
      rootAppeared: (root) => void this.#ready.then(() => this.#recheckRoot(root)),
    });
    this.#briefs = new WorkspaceBriefs({
      service: options.service,
      logger: options.logger,
      folderOf: (filePath) => this.#folderOf(filePath)?.path,
      openDocument: (filePath) => this.#openDocument(filePath),
      isOpen: (uri) => this.#documents.get(uri) !== undefined,
      startProgress: (title) => this.#startProgress(title),
      changed: () => this.#onDidChangeBriefs.fire(),
    });
    this.#listen();
  }

  get folders(): readonly WorkspaceFolder[] {
    return this.#folders;
  }

  get ready(): Promise<void> {
    return this.#ready;
  }

  get teamCorpus(): ITeamCorpus {
    return this.#teamCorpus;
  }

  get briefReading(): BriefReading {
    return { done: this.#briefs.done, read: this.#briefs.read };
  }

  /** Takes the client's folders, settings and capabilities from `initialize`. */
  initialize(params: InitializeParams): void {
    this.#initializationOptions = params.initializationOptions ?? undefined;
    if (hasKey(this.#initializationOptions, 'cacheDirectory')) {
      this.#logger.info('Pinpoint: initializationOptions.cacheDirectory is ignored: the index cache folder is set on the server command line (--cache-directory) or by PINPOINT_CACHE_DIRECTORY');
    }
    const workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.#folders = workspaceFolders.flatMap((folder) => {
      const folderPath = uriToPath(folder.uri);
      return folderPath ? [{ uri: folder.uri, path: folderPath }] : [];
    });
    const workspace = params.capabilities.workspace;
    this.#supportsConfiguration = workspace?.configuration === true;
    this.#supportsConfigurationRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.#supportsProgress = params.capabilities.window?.workDoneProgress === true;
    this.#watching.initialize({
      registration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      relativePatterns: workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    });
  }

  /** After `initialized`: asks for settings changes and folder changes, and loads everything. */
  initialized(): void {
    if (this.#supportsConfigurationRegistration) {
      void this.#connection.client.register(DidChangeConfigurationNotification.type, { section: 'pinpoint' }).catch(() => undefined);
    }
    if (this.#folders.length > 0 && this.#connection.workspace) {
      try {
        this.#connection.workspace.onDidChangeWorkspaceFolders((event) => {
          const removed = new Set(event.removed.map((folder) => folder.uri));
          this.#folders = this.#folders.filter((folder) => !removed.has(folder.uri));
          for (const folder of event.added) {
            const folderPath = uriToPath(folder.uri);
            if (folderPath) {
              this.#folders.push({ uri: folder.uri, path: folderPath });
            }
          }
          this.#reload();
        });
      } catch {
        // The client does not support workspace folder changes.
      }
    }
    this.#reload();
  }

  scopeOf(uri: string): CorpusScope {
    const filePath = uriToPath(uri);
    const folder = filePath ? this.#folderOf(filePath) : undefined;
    const key = folder?.uri ?? '';
    let scope = this.#scopes.get(key);
    if (!scope) {
      scope = this.#rootsOf(this.#settingsOfFolder(folder), folder?.path);
      this.#scopes.set(key, scope);
    }
    return scope;
  }

  allRoots(): CorpusScope {
    const roots = new Set<string>(this.#rootsOf(this.#globalSettings, undefined));
    for (const folder of this.#folders) {
      for (const root of this.#rootsOf(this.#settingsOfFolder(folder), folder.path)) {
        roots.add(root);
      }
    }
    return [...roots];
  }

  /** The corpus roots of one settings object: the folders, then the team corpus (a database) when one is set. */
  #rootsOf(settings: PinpointSettings, folderPath: string | undefined): string[] {
    const roots = this.#roots.rootsOf(settings, folderPath);
    const database = this.#databases.rootOf(settings.corpus.database);
    return database === undefined ? roots : [...roots, database];
  }

  settingsOf(uri: string): PinpointSettings {
    const filePath = uriToPath(uri);
    return this.#settingsOfFolder(filePath ? this.#folderOf(filePath) : undefined);
  }

  isWritable(uri: string): boolean {
    const filePath = uriToPath(uri);
    return filePath !== undefined && this.#folderOf(filePath) !== undefined && !this.#roots.isShipped(filePath);
  }

  isCorpusFile(uri: string): boolean {
    return this.#service.index.get(canonicalUri(uri)) !== undefined;
  }

  clientUri(uri: string): string {
    const filePath = uriToPath(uri);
    return (filePath !== undefined ? this.#openPaths.get(filePath) : undefined) ?? uri;
  }

  readCorpusText(uri: string): string | undefined {
    if (isDatabaseUri(uri)) {
      return this.#databases.textOf(uri);
    }
    const filePath = uriToPath(uri);
    if (!filePath) {
      return undefined;
    }
    const open = this.#openDocument(filePath);
    if (open) {
      return open.getText();
    }
    const read = readText(filePath);
    return 'error' in read ? undefined : read.text;
  }

  // ---- Folders, documents and settings ----

  #folderOf(filePath: string): WorkspaceFolder | undefined {
    let best: WorkspaceFolder | undefined;
    for (const folder of this.#folders) {
      if (isUnder(filePath, folder.path) && (!best || folder.path.length > best.path.length)) {
        best = folder;
      }
    }
    return best;
  }

  #settingsOfFolder(folder: WorkspaceFolder | undefined): PinpointSettings {
    return folder ? this.#folderSettings.get(folder.uri) ?? this.#globalSettings : this.#globalSettings;
  }

  #openDocument(filePath: string): TextDocument | undefined {
    const uri = this.#openPaths.get(filePath);
    return uri === undefined ? undefined : this.#documents.get(uri);
  }

  async #readSettings(): Promise<void> {
    this.#scopes.clear();
    const problems: string[] = [];
    const layers: unknown[] = [this.#initializationOptions, this.#pushedSettings];
    if (this.#supportsConfiguration) {
      try {
        const [global, ...perFolder] = await this.#connection.workspace.getConfiguration([
          { section: 'pinpoint' },
          ...this.#folders.map((folder) => ({ scopeUri: folder.uri, section: 'pinpoint' })),
        ]);
        this.#globalSettings = mergeSettings([...layers, global], problems);
        this.#folderSettings.clear();
        this.#folders.forEach((folder, index) => this.#folderSettings.set(folder.uri, mergeSettings([...layers, perFolder[index]], problems)));
      } catch (error) {
        this.#logger.warn(`Pinpoint: could not read settings: ${String(error)}`);
        this.#globalSettings = mergeSettings(layers, problems);
      }
    } else {
      this.#globalSettings = mergeSettings(layers, problems);
      this.#folderSettings.clear();
    }
    // Scopes computed while the settings were read may be stale.
    this.#scopes.clear();
    for (const problem of new Set(problems)) {
      this.#logger.warn(`Pinpoint: ${problem}`);
    }
  }

  /** Reads the settings again and brings the corpus roots, the watching and the briefs in line with them. */
  #reload(): void {
    this.#ready = this.#ready.then(async () => {
      try {
        await this.#readSettings();
        await this.#syncRoots();
      } catch (error) {
        this.#logger.warn(`Pinpoint: could not load the corpus: ${String(error)}`);
      }
    });
  }

  // ---- Corpus roots ----

  async #syncRoots(): Promise<void> {
    const roots = this.allRoots();
    const { removed } = await this.#roots.sync(roots.filter((root) => !this.#databases.owns(root)));
    removed.push(...(await this.#databases.sync(this.#databaseSettings())));
    if (removed.length > 0) {
      this.#onDidChangeCorpus.fire({ corpusFiles: removed, allCorpusFiles: false, briefs: [] });
    }
    const watched = this.#roots.loaded().filter((root) => !this.#roots.isShipped(root.path));
    await this.#watching.update(watched, this.#folders.map((folder) => folder.path));
    this.#onDidChangeCorpus.fire({ corpusFiles: [], allCorpusFiles: false, briefs: 'all' });
    void this.#roots.writeCaches();
    this.#indexInBackground();
    // The workspace's briefs are read in the background; no request waits for them.
    void this.#briefs.update(this.#folders.map((folder) => folder.path)).catch((error: unknown) => this.#logger.warn(`Pinpoint: could not read the workspace's briefs: ${String(error)}`));
    // NOTE: the server's own watches (folder by folder, in slices) start after the first diagnostics are out;
    // files changed meanwhile are caught by comparing stamps once more.
    void this.#ready.then(() =>
      setImmediate(() => {
        for (const root of this.#watching.startPending()) {
          void this.#recheckRoot(root);
        }
      }),
    );
  }

  /** The `pinpoint.corpus.database` values of every scope. */
  #databaseSettings(): string[] {
    const values = [this.#globalSettings, ...this.#folders.map((folder) => this.#settingsOfFolder(folder))].map((settings) => settings.corpus.database);
    return [...new Set(values.filter((value): value is string => value !== null))];
  }

  /** Reads again the files of a root that changed since it was loaded (or appeared since). */
  async #recheckRoot(root: string): Promise<void> {
    const loaded = this.#roots.loaded().find((entry) => entry.path === root);
    if (!loaded) {
      return;
    }
    const changed = await this.#roots.changedSinceLoad(loaded);
    if (changed.length > 0) {
      this.#corpusFilesChanged(changed);
    }
  }

  #corpusFilesChanged(filePaths: readonly string[]): void {
    const touched = this.#roots.filesChanged(filePaths);
    if (touched.length > 0) {
      this.#onDidChangeCorpus.fire({ corpusFiles: touched, allCorpusFiles: true, briefs: 'all' });
      this.#indexInBackground();
    }
  }

  #indexInBackground(): void {
    this.#roots.indexInBackground(
      (total) => {
        // The progress of a start-up that checked the cited files first goes on, now about the search index.
        const startup = this.#startupProgress;
        this.#startupProgress = undefined;
        const progress = startup ? Promise.resolve(startup) : total > 200 ? this.#startProgress('Pinpoint: indexing the corpus', `${total} files`) : Promise.resolve(undefined);
        return progress.then((handle) =>
          handle
            ? { report: (done, all) => handle.report(`indexing for search: ${done} of ${all} files`, Math.round((100 * done) / all)), done: () => handle.done() }
            : undefined,
        );
      },
      (headersChanged) => {
        this.#startupProgress?.done();
        this.#startupProgress = undefined;
        this.#onDidChangeCorpus.fire({ corpusFiles: [], allCorpusFiles: true, briefs: headersChanged ? 'all' : [] });
        void this.#roots.writeCaches();
      },
    );
  }

  /**
   * The ids each open brief cites, by version: a large corpus's load asks between every slice of its walk.
   */
  readonly #citedIdsMemo = new Map<string, { version: number; ids: readonly string[] }>();

  /** The document ids the open briefs cite (not corpus files: those under a corpus root are not briefs). */
  #citedIds(): Set<string> {
    const ids = new Set<string>();
    const open = new Set<string>();
    for (const document of this.#documents.all()) {
      const filePath = uriToPath(document.uri);
      if (!isMarkdownDocument(document) || (filePath && this.#roots.rootOf(filePath) !== undefined)) {
        continue;
      }
      open.add(document.uri);
      try {
        let cited = this.#citedIdsMemo.get(document.uri);
        if (cited?.version !== document.version) {
          cited = { version: document.version, ids: this.#service.citedIds(document) };
          this.#citedIdsMemo.set(document.uri, cited);
        }
        for (const id of cited.ids) {
          ids.add(id);
        }
      } catch (error) {
        // A document the client opened without text (a broken `didOpen`) cites nothing; the load goes on.
        this.#logger.info(`Pinpoint: could not read the citations of ${document.uri}: ${String(error)}`);
      }
    }
    for (const uri of this.#citedIdsMemo.keys()) {
      if (!open.has(uri)) {
        this.#citedIdsMemo.delete(uri);
      }
    }
    return ids;
  }

  /** The cited files of a large root are in: check the open briefs now, and show the rest of the load. */
  #citedFilesLoaded(count: { loaded: number; total: number }): ProgressReporter | undefined {
    this.#logger.info(`Pinpoint: checking the open briefs against the ${count.loaded} files they cite while the other ${count.total - count.loaded} files load`);
    this.#onDidLoadCitedFiles.fire();
    if (!this.#supportsProgress) {
      return undefined;
    }
    const handle = this.#startupProgress ?? new ProgressHandle(this.#startProgress('Pinpoint: loading the corpus', 'citations of documents not loaded yet are checked when they are'));
    this.#startupProgress = handle;
    return {
      report: (done, total) => handle.report(`${done} of ${total} files read; citations of documents not loaded yet are checked when they are`, Math.round((100 * done) / total)),
      // The progress goes on while the search index is built (see #indexInBackground).
      done: () => undefined,
    };
  }

  /** A progress report in the client, when it shows them. */
  async #startProgress(title: string, message?: string): Promise<{ report(message: string, percentage?: number): void; done(): void } | undefined> {
    if (!this.#supportsProgress) {
      return undefined;
    }
    const progress = await this.#connection.window.createWorkDoneProgress().catch(() => undefined);
    if (!progress) {
      return undefined;
    }
    progress.begin(title, 0, message, false);
    return {
      report: (text: string, percentage?: number) => (percentage === undefined ? progress.report(text) : progress.report(percentage, text)),
      done: () => progress.done(),
    };
  }

  /** Feeds an open document to the index when it lies under a corpus root, and says what to check again. */
  #updateOpenDocument(document: TextDocument): void {
    const filePath = uriToPath(document.uri);
    const root = filePath ? this.#roots.rootOf(filePath) : undefined;
    if (filePath && root && isMarkdownPath(filePath)) {
      const service = this.#service;
      const uri = pathToUri(filePath);
      const oldId = service.index.get(uri)?.header.id;
      const wasCorpus = service.index.get(uri) !== undefined;
      const isCorpus = service.setCorpusFile(uri, root, document.getText());
      if (isCorpus || wasCorpus) {
        // Typing in a corpus file can change only its own problems and those of files sharing its id.
        const newId = service.index.get(uri)?.header.id;
        const affected = new Set<string>([uri]);
        for (const id of [oldId, newId]) {
          // Files sharing its id, and files whose relations (`amends`, `superseded_by`, …) name it.
          for (const entry of id === undefined ? [] : [...service.index.withId(id), ...service.index.relatedTo(id, this.scopeOf(uri))]) {
            affected.add(entry.uri);
          }
        }
        this.#onDidChangeCorpus.fire({ corpusFiles: [...affected], allCorpusFiles: false, briefs: 'all' });
        return;
      }
    }
    this.#onDidChangeCorpus.fire({ corpusFiles: [], allCorpusFiles: false, briefs: [document.uri] });
  }

  // ---- The client's notifications ----

  #listen(): void {
    this.#connection.onDidChangeConfiguration((change) => {
      const settings = (change.settings as { pinpoint?: unknown } | undefined)?.pinpoint;
      if (settings !== undefined) {
        this.#pushedSettings = settings;
      }
      this.#reload();
    });

    this.#connection.onDidChangeWatchedFiles((params) => {
      const paths: string[] = [];
      for (const change of params.changes) {
        const filePath = uriToPath(change.uri);
        if (filePath && isMarkdownPath(filePath)) {
          if (change.type === FileChangeType.Deleted && this.#openDocument(filePath)) {
            continue;
          }
          paths.push(filePath);
        }
      }
      void this.#ready.then(() => {
        this.#corpusFilesChanged(paths);
        for (const filePath of paths) {
          this.#briefs.refresh(filePath);
        }
      });
    });

    this.#documents.onDidOpen((event) => {
      const openedPath = uriToPath(event.document.uri);
      if (openedPath) {
        this.#openPaths.set(openedPath, event.document.uri);
      }
      void this.#ready.then(() => {
        this.#updateOpenDocument(event.document);
        this.#briefs.syncOpen(event.document);
      });
    });

    const typingPauses = new TypingPauses((uri) => this.#documents.get(uri));
    this.#documents.onDidChangeContent((event) => {
      void this.#ready.then(() =>
        typingPauses.run(event.document, (document) => {
          this.#updateOpenDocument(document);
          this.#briefs.syncOpen(document);
        }),
      );
    });

    this.#documents.onDidClose((event) => {
      const filePath = uriToPath(event.document.uri);
      if (filePath) {
        this.#openPaths.delete(filePath);
      }
      this.#service.closeBrief(event.document.uri);
      void this.#ready.then(() => {
        if (filePath && this.#roots.rootOf(filePath)) {
          // The editor's unsaved text is gone: the file on disk is the corpus again.
          this.#corpusFilesChanged([filePath]);
        }
        if (filePath) {
          this.#briefs.refresh(filePath);
        } else {
          this.#service.deleteBrief(event.document.uri);
        }
        if (!this.isCorpusFile(event.document.uri)) {
          this.#onDidCloseBrief.fire(event.document.uri);
        }
      });
    });
  }
}

function hasKey(value: unknown, key: string): boolean {
  return value !== null && typeof value === 'object' && key in value;
}

/** A work-done progress whose creation (a round trip to the client) may still be under way: reports wait for it. */
class ProgressHandle {
  #progress: { report(message: string, percentage?: number): void; done(): void } | undefined;
  #ended = false;
  #last: [string, number | undefined] | undefined;

  constructor(creating: Promise<{ report(message: string, percentage?: number): void; done(): void } | undefined>) {
    void creating.then((progress) => {
      if (!progress) {
        return;
      }
      if (this.#ended) {
        progress.done();
        return;
      }
      this.#progress = progress;
      if (this.#last) {
        progress.report(...this.#last);
      }
    });
  }

  report(message: string, percentage?: number): void {
    if (this.#ended) {
      return;
    }
    this.#last = [message, percentage];
    this.#progress?.report(message, percentage);
  }

  done(): void {
    if (!this.#ended) {
      this.#ended = true;
      this.#progress?.done();
    }
  }
}

/** The team corpus as the server sees it: the database roots behind the stated interface. */
function teamCorpusOf(databases: DatabaseRoots): ITeamCorpus {
  return {
    get active() {
      return databases.active;
    },
    owns: (root) => databases.owns(root),
    run: (compute, waitMs) => databases.run(compute, waitMs),
    uncheckedIn: (scope, missing) => databases.uncheckedIn(scope, missing),
    whyMissing: (uri) => databases.whyMissing(uri),
    documentText: (uri) => databases.documentText(uri),
    setPassword: (uri, password) => databases.setPassword(uri, password),
    search: (query, scope, options) => databases.search(query, scope, options),
  };
}
