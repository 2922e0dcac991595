/**
 * The language server: wiring only. It keeps the open documents, the settings and the corpus roots, feeds
 * corpus files to the core, and adapts each LSP request to one call of the language service. Every handler
 * catches its own failures and answers with nothing, so no request can take the server down.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Disposable,
  FileChangeType,
  InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, CodeActionParams, DocumentLinkParams, DocumentSymbolParams, ErrorCodes, Location, ReferenceParams, RenameParams, ResponseError, TextDocumentPositionParams, WorkspaceEdit } from 'vscode-languageserver/node';
import type { WorkspaceContext } from './service/languageService';
import type { EditCapabilities } from './service/drafting';
import { builtInCorpusPath, builtInLibraryPath, canonicalUri, describeError, isMarkdownPath, isUnder, pathToUri, readText, uriToPath, walkMarkdown } from './nodeHost';
import { defaultCacheDirectory, FileStamp, readIndexCache, stampOf, writeIndexCache } from './indexCache';
import { DocumentHeader, NOT_A_CORPUS_FILE } from './service/corpusParser';
import { createLanguageService } from './service/languageService';
import { mergeSettings, PinpointSettings } from './settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

const logger = {
  warn: (message: string) => connection.console.warn(message),
  info: (message: string) => connection.console.info(message),
};
const service = createLanguageService({ logger, loadCorpusText });

/** Reads a corpus file for the index: the editor's text when it is open there, else the disk's. */
function loadCorpusText(uri: string): string | undefined {
  const filePath = uriToPath(uri);
  if (!filePath) {
    return undefined;
  }
  const open = openDocumentByPath(filePath);
  if (open) {
    return open.getText();
  }
  const read = readText(filePath);
  return 'error' in read ? undefined : read.text;
}

interface Folder {
  readonly uri: string;
  readonly path: string;
}

interface LoadedRoot {
  readonly path: string;
  watcher?: fs.FSWatcher;
}

let folders: Folder[] = [];
let initializationOptions: unknown;
let supportsConfiguration = false;
let supportsConfigurationRegistration = false;
let supportsWatcherRegistration = false;
let supportsRelativePatterns = false;
let pushedSettings: unknown;
let globalSettings: PinpointSettings = mergeSettings([]);
const folderSettings = new Map<string, PinpointSettings>();
const loadedRoots = new Map<string, LoadedRoot>();
const builtInRoot = builtInCorpusPath();
const libraryRoot = builtInLibraryPath();
const libraryExists = fs.existsSync(libraryRoot);
/** Corpus files whose last published diagnostics were not empty. */
const flaggedCorpusFiles = new Set<string>();
let watcherRegistration: Disposable | undefined;
/** Set when the client offered dynamic registration but refused it: the server then watches by itself. */
let watcherRegistrationFailed = false;
let ready: Promise<void> = Promise.resolve();
let cacheDirectory: string | undefined = defaultCacheDirectory();
let supportsProgress = false;

function folderOf(filePath: string): Folder | undefined {
  let best: Folder | undefined;
  for (const folder of folders) {
    if (isUnder(filePath, folder.path) && (!best || folder.path.length > best.path.length)) {
      best = folder;
    }
  }
  return best;
}

/** The corpus roots of one settings object, relative paths taken from `folder`. */
function rootsOf(settings: PinpointSettings, folder: Folder | undefined): string[] {
  const roots: string[] = [];
  if (settings.corpus.includeBuiltIn) {
    roots.push(builtInRoot);
  }
  if (settings.corpus.includeLibrary && libraryExists) {
    roots.push(libraryRoot);
  }
  for (const entry of settings.corpus.paths) {
    if (path.isAbsolute(entry)) {
      roots.push(path.normalize(entry));
    } else if (folder) {
      roots.push(path.join(folder.path, entry));
    }
  }
  return [...new Set(roots)];
}

/** The scope (corpus roots, in priority order) that a file sees. */
function scopeOfPath(filePath: string | undefined): string[] {
  const folder = filePath ? folderOf(filePath) : undefined;
  // The same array for every file of a folder until settings change: the core memoizes by scope identity.
  const key = folder?.uri ?? '';
  let scope = scopeCache.get(key);
  if (!scope) {
    const settings = folder ? folderSettings.get(folder.uri) ?? globalSettings : globalSettings;
    scope = rootsOf(settings, folder);
    scopeCache.set(key, scope);
  }
  return scope;
}

const scopeCache = new Map<string, string[]>();

function scopeOfUri(uri: string): string[] {
  return scopeOfPath(uriToPath(uri));
}

function settingsOfUri(uri: string): PinpointSettings {
  const filePath = uriToPath(uri);
  const folder = filePath ? folderOf(filePath) : undefined;
  return folder ? folderSettings.get(folder.uri) ?? globalSettings : globalSettings;
}

/** The loaded root a path lies under (the longest one), if any. */
function rootOfPath(filePath: string): string | undefined {
  let best: string | undefined;
  for (const root of loadedRoots.keys()) {
    if (isUnder(filePath, root) && (!best || root.length > best.length)) {
      best = root;
    }
  }
  return best;
}

function allDesiredRoots(): string[] {
  const roots = new Set<string>(rootsOf(globalSettings, undefined));
  for (const folder of folders) {
    for (const root of rootsOf(folderSettings.get(folder.uri) ?? globalSettings, folder)) {
      roots.add(root);
    }
  }
  return [...roots];
}

/** Indexes one file from disk, or from the editor when it is open there. */
function indexFile(filePath: string, root: string): void {
  const uri = pathToUri(filePath);
  const open = openDocumentByPath(filePath);
  if (open) {
    service.setCorpusFile(uri, root, open.getText());
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

/** Open documents by file path, so that loading a corpus of thousands of files asks in constant time. */
const openPaths = new Map<string, string>();

function openDocumentByPath(filePath: string): TextDocument | undefined {
  const uri = openPaths.get(filePath);
  return uri === undefined ? undefined : documents.get(uri);
}

async function loadRoot(root: string): Promise<void> {
  const loaded: LoadedRoot = { path: root };
  loadedRoots.set(root, loaded);
  if (!fs.existsSync(root)) {
    if (root === builtInRoot) {
      logger.warn(`Pinpoint: the built-in corpus is missing at ${root}`);
    }
  } else {
    const walk = walkMarkdown(root);
    for (const warning of walk.warnings) {
      logger.warn(`Pinpoint: ${warning}`);
    }
    // A warm start takes each unchanged file's header from the index cache instead of reading the file.
    const cached = cacheDirectory ? readIndexCache(cacheDirectory, root) : new Map<string, { stamp: FileStamp; header: DocumentHeader }>();
    const fresh = new Map<string, { stamp: FileStamp; header: DocumentHeader }>();
    let misses = 0;
    let count = 0;
    const nested = [...loadedRoots.keys()].some((other) => other !== root && (isUnder(other, root) || isUnder(root, other)));
    const stamps = await statAll(walk.files);
    for (let position = 0; position < walk.files.length; position++) {
      const file = walk.files[position];
      if (nested && rootOfPath(file) !== root) {
        continue;
      }
      const stamp = stamps[position];
      const hit = cached.get(file);
      if (stamp && hit && hit.stamp.size === stamp.size && hit.stamp.mtimeMs === stamp.mtimeMs && !openDocumentByPath(file)) {
        service.index.setHeader(pathToUri(file), root, hit.header);
        fresh.set(file, hit);
      } else {
        misses++;
        indexFile(file, root);
        const entry = service.index.get(pathToUri(file));
        if (stamp && !openDocumentByPath(file) && fs.existsSync(file)) {
          fresh.set(file, { stamp, header: entry ? entry.header : NOT_A_CORPUS_FILE });
        }
      }
      if (++count % 500 === 0) {
        // Let requests and notifications through while a large corpus loads.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    rootStamps.set(root, new Map([...fresh].map(([file, entry]) => [file, entry.stamp])));
    if (cacheDirectory && (misses > 0 || fresh.size !== cached.size)) {
      const failure = writeIndexCache(cacheDirectory, root, fresh);
      if (failure) {
        logger.info(`Pinpoint: could not write the index cache: ${failure}`);
      }
    }
  }
  if ((!supportsWatcherRegistration || watcherRegistrationFailed) && root !== builtInRoot && root !== libraryRoot) {
    // NOTE: Node's recursive watcher walks the whole tree; set it up after the first diagnostics are out.
    pendingWatches.push(loaded);
  }
}

const pendingWatches: LoadedRoot[] = [];

function startPendingWatches(): void {
  for (const loaded of pendingWatches.splice(0)) {
    if (loadedRoots.get(loaded.path) === loaded && !loaded.watcher) {
      watchWithFileSystem(loaded);
      // Files changed while the watch was being set up are caught by comparing stamps once more.
      void recheckRoot(loaded);
    }
  }
}

/** Re-indexes the files of a root whose size or modification time changed since they were indexed. */
async function recheckRoot(loaded: LoadedRoot): Promise<void> {
  const indexedStamps = rootStamps.get(loaded.path);
  if (!indexedStamps) {
    return;
  }
  const walk = walkMarkdown(loaded.path);
  const stamps = await statAll(walk.files);
  const changed: string[] = [];
  const present = new Set(walk.files);
  walk.files.forEach((file, position) => {
    const before = indexedStamps.get(file);
    const now = stamps[position];
    if (!before || !now || before.size !== now.size || before.mtimeMs !== now.mtimeMs) {
      changed.push(file);
    }
  });
  for (const file of indexedStamps.keys()) {
    if (!present.has(file)) {
      changed.push(file);
    }
  }
  if (changed.length > 0) {
    onCorpusFilesChanged(changed);
  }
}

/** The stamps each root's files had when they were indexed at load. */
const rootStamps = new Map<string, Map<string, FileStamp>>();

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

let searchIndexing: Promise<void> | undefined;

/**
 * Adds the corpus to the search index in the background, in slices short enough that requests are
 * answered between them, and then publishes the corpus files' problems (found while parsing).
 */
function indexInBackground(): void {
  if (searchIndexing || service.index.pendingSearchEntries === 0) {
    publishAllCorpusDiagnostics();
    return;
  }
  searchIndexing = (async () => {
    const total = service.index.pendingSearchEntries;
    const progress = supportsProgress && total > 200 ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Pinpoint: indexing the corpus', 0, `${total} files`, false);
    let remaining = total;
    const generation = service.index.generation;
    while (remaining > 0) {
      remaining = service.index.indexForSearch(25);
      progress?.report(Math.round((100 * (total - remaining)) / total), `${total - remaining} of ${total} files`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    progress?.done();
    publishAllCorpusDiagnostics();
    if (service.index.generation !== generation) {
      // Parsing corrected headers the index cache had wrong: check the briefs again.
      validateOpenBriefs();
    }
  })()
    .catch((error: unknown) => logger.warn(`Pinpoint: indexing failed: ${String(error)}`))
    .finally(() => {
      searchIndexing = undefined;
      if (service.index.pendingSearchEntries > 0) {
        indexInBackground();
      }
    });
}

function unloadRoot(root: string): void {
  const loaded = loadedRoots.get(root);
  loaded?.watcher?.close();
  loadedRoots.delete(root);
  for (const entry of [...service.index.all()]) {
    if (entry.root === root) {
      service.deleteCorpusFile(entry.uri);
      clearCorpusDiagnostics(entry.uri);
    }
  }
}

const fileSystemChanges = new Set<string>();
let fileSystemChangeTimer: NodeJS.Timeout | undefined;

/**
 * Re-indexes files changed on disk a little later, coalescing bursts.
 * NOTE: never read inside the watch callback: Node's recursive watcher reports a new file before the file's
 * own watch is set up and often before its content is written; reading later sees the content, and any write
 * after that raises a new event.
 */
function queueFileSystemChange(filePath: string): void {
  fileSystemChanges.add(filePath);
  fileSystemChangeTimer ??= setTimeout(() => {
    fileSystemChangeTimer = undefined;
    const paths = [...fileSystemChanges];
    fileSystemChanges.clear();
    void ready.then(() => onCorpusFilesChanged(paths));
  }, 75);
}

/** Watches a root with the file system, for clients that cannot register watchers. */
function watchWithFileSystem(loaded: LoadedRoot): void {
  try {
    const watchTarget = fs.existsSync(loaded.path) ? loaded.path : path.dirname(loaded.path);
    loaded.watcher = fs.watch(watchTarget, { recursive: true }, (_event, fileName) => {
      if (!fileName) {
        return;
      }
      const filePath = path.join(watchTarget, fileName.toString());
      if (isMarkdownPath(filePath) && isUnder(filePath, loaded.path)) {
        queueFileSystemChange(filePath);
      }
    });
    loaded.watcher.on('error', (error) => logger.warn(`Pinpoint: stopped watching ${loaded.path}: ${describeError(error)}`));
  } catch (error) {
    logger.warn(`Pinpoint: cannot watch ${loaded.path}: ${describeError(error)}`);
  }
}

async function syncRoots(): Promise<void> {
  const desired = allDesiredRoots();
  for (const root of [...loadedRoots.keys()]) {
    if (!desired.includes(root)) {
      unloadRoot(root);
    }
  }
  for (const root of desired) {
    if (!loadedRoots.has(root)) {
      await loadRoot(root);
    }
  }
  await registerWatchers();
  validateOpenBriefs();
  indexInBackground();
  // The workspace's briefs are read in the background; the requests that need them wait for `briefsReady`.
  briefsReady = indexWorkspaceBriefs().catch((error: unknown) => logger.warn(`Pinpoint: could not read the workspace's briefs: ${String(error)}`));
  void ready.then(() => setImmediate(startPendingWatches));
}

async function registerWatchers(): Promise<void> {
  if (!supportsWatcherRegistration || watcherRegistrationFailed) {
    return;
  }
  watcherRegistration?.dispose();
  // The workspace folders are watched too: their briefs feed references, rename and CodeLens counts.
  const roots = [...new Set([...[...loadedRoots.keys()].filter((root) => root !== builtInRoot && root !== libraryRoot), ...folders.map((folder) => folder.path)])];
  const watchers = roots.map((root) =>
    supportsRelativePatterns
      ? { globPattern: { baseUri: pathToUri(root), pattern: '**/*.{md,markdown}' }, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete }
      : { globPattern: `${root.replace(/\\/g, '/')}/**/*.{md,markdown}`, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete },
  );
  if (watchers.length === 0) {
    watcherRegistration = undefined;
    return;
  }
  try {
    watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  } catch (error) {
    logger.warn(`Pinpoint: could not register file watchers (${String(error)}); watching the file system instead`);
    watcherRegistrationFailed = true;
    for (const loaded of loadedRoots.values()) {
      if (!loaded.watcher && loaded.path !== builtInRoot && loaded.path !== libraryRoot) {
        watchWithFileSystem(loaded);
      }
    }
  }
}

function onCorpusFilesChanged(filePaths: readonly string[]): void {
  let changed = false;
  for (const filePath of filePaths) {
    const root = rootOfPath(filePath);
    if (!root) {
      continue;
    }
    changed = true;
    const uri = pathToUri(filePath);
    if (fs.existsSync(filePath) || openDocumentByPath(filePath)) {
      indexFile(filePath, root);
    } else {
      service.deleteCorpusFile(uri);
    }
    publishCorpusDiagnostics(uri);
  }
  if (changed) {
    publishAllCorpusDiagnostics();
    validateOpenBriefs();
    indexInBackground();
  }
}

function clearCorpusDiagnostics(uri: string): void {
  if (flaggedCorpusFiles.delete(uri)) {
    connection.sendDiagnostics({ uri: clientUri(uri), diagnostics: [] });
  }
}

/** The URI a client used for a file, when it has the file open; else ours. */
function clientUri(uri: string): string {
  const filePath = uriToPath(uri);
  return (filePath !== undefined ? openPaths.get(filePath) : undefined) ?? uri;
}

function publishCorpusDiagnostics(uri: string): void {
  const entry = service.index.get(uri);
  if (!entry) {
    clearCorpusDiagnostics(uri);
    return;
  }
  const diagnostics = [...service.corpusDiagnostics(uri, scopeOfUri(uri)), ...draftingDiagnosticsOf(uri)];
  if (diagnostics.length === 0) {
    clearCorpusDiagnostics(uri);
    return;
  }
  flaggedCorpusFiles.add(uri);
  connection.sendDiagnostics({ uri: clientUri(uri), diagnostics });
}

/** Publishes the problems of every corpus file that has some (parsing problems, duplicates, misalignment). */
function publishAllCorpusDiagnostics(): void {
  for (const uri of new Set([...flaggedCorpusFiles, ...openDraftUris()])) {
    publishCorpusDiagnostics(uri);
  }
  for (const entry of service.index.all()) {
    const id = entry.header.id;
    // Only a file with problems of its own, or one sharing its id with another file, can have diagnostics.
    if (entry.hasProblems === true || (id === undefined && entry.hasProblems !== false) || (id !== undefined && service.index.withId(id).length > 1)) {
      publishCorpusDiagnostics(entry.uri);
    }
  }
}

/** True when an open document is (or is meant to be) a corpus file rather than a brief. */
function isCorpusDocument(document: TextDocument): boolean {
  return service.index.get(canonicalUri(document.uri)) !== undefined;
}

let pendingValidation: Set<string> | undefined;

/** Validates briefs soon, coalescing bursts of changes into one pass. */
function scheduleValidation(uris: Iterable<string>): void {
  const first = pendingValidation === undefined;
  pendingValidation ??= new Set();
  for (const uri of uris) {
    pendingValidation.add(uri);
  }
  if (first) {
    setImmediate(() => {
      const batch = pendingValidation ?? new Set<string>();
      pendingValidation = undefined;
      void ready.then(() => {
        for (const uri of batch) {
          const document = documents.get(uri);
          if (document) {
            validateBrief(document);
          }
        }
      });
    });
  }
}

function validateBrief(document: TextDocument): void {
  if (isCorpusDocument(document) || !isMarkdownDocument(document)) {
    return;
  }
  try {
    const diagnostics = service.briefDiagnostics(document, scopeOfUri(document.uri));
    connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  } catch (error) {
    logger.warn(`Pinpoint: could not check ${document.uri}: ${String(error)}`);
    connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
  }
}

function validateOpenBriefs(): void {
  scheduleValidation(documents.all().map((document) => document.uri));
}

/** Feeds an open document to the index when it lies under a corpus root. */
function updateOpenDocument(document: TextDocument): void {
  const filePath = uriToPath(document.uri);
  const root = filePath ? rootOfPath(filePath) : undefined;
  if (filePath && root && isMarkdownPath(filePath)) {
    const uri = pathToUri(filePath);
    const oldId = service.index.get(uri)?.header.id;
    const wasCorpus = service.index.get(uri) !== undefined;
    const isCorpus = service.setCorpusFile(uri, root, document.getText());
    if (isCorpus || wasCorpus) {
      // Typing in a corpus file can change only its own problems and those of files sharing its id.
      const newId = service.index.get(uri)?.header.id;
      const affected = new Set<string>([uri]);
      for (const id of [oldId, newId]) {
        for (const entry of id === undefined ? [] : service.index.withId(id)) {
          affected.add(entry.uri);
        }
      }
      for (const affectedUri of affected) {
        publishCorpusDiagnostics(affectedUri);
      }
      validateOpenBriefs();
      if (!isCorpus) {
        scheduleValidation([document.uri]);
      }
      return;
    }
  }
  scheduleValidation([document.uri]);
}

async function refreshSettings(): Promise<void> {
  scopeCache.clear();
  const problems: string[] = [];
  const layers: unknown[] = [initializationOptions, pushedSettings];
  if (supportsConfiguration) {
    try {
      const [global, ...perFolder] = await connection.workspace.getConfiguration([
        { section: 'pinpoint' },
        ...folders.map((folder) => ({ scopeUri: folder.uri, section: 'pinpoint' })),
      ]);
      globalSettings = mergeSettings([...layers, global], problems);
      folderSettings.clear();
      folders.forEach((folder, index) => folderSettings.set(folder.uri, mergeSettings([...layers, perFolder[index]], problems)));
    } catch (error) {
      logger.warn(`Pinpoint: could not read settings: ${String(error)}`);
      globalSettings = mergeSettings(layers, problems);
    }
  } else {
    globalSettings = mergeSettings(layers, problems);
    folderSettings.clear();
  }
  // Scopes computed while the settings were read may be stale.
  scopeCache.clear();
  for (const problem of new Set(problems)) {
    logger.warn(`Pinpoint: ${problem}`);
  }
}

function reload(): void {
  ready = ready.then(async () => {
    try {
      await refreshSettings();
      await syncRoots();
    } catch (error) {
      logger.warn(`Pinpoint: could not load the corpus: ${String(error)}`);
    }
  });
}

connection.onInitialize((params): InitializeResult => {
  initializationOptions = params.initializationOptions ?? undefined;
  const requestedCache = (initializationOptions as { cacheDirectory?: unknown } | undefined)?.cacheDirectory;
  if (typeof requestedCache === 'string' && requestedCache.length > 0) {
    cacheDirectory = requestedCache;
  } else if (requestedCache === null || requestedCache === false) {
    cacheDirectory = undefined;
  }
  supportsProgress = params.capabilities.window?.workDoneProgress === true;
  supportsCodeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  draftingEditCapabilities = {
    annotations: params.capabilities.workspace?.workspaceEdit?.documentChanges === true && params.capabilities.workspace.workspaceEdit.changeAnnotationSupport !== undefined,
    disabledActions: params.capabilities.textDocument?.codeAction?.disabledSupport === true,
  };
  const workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  folders = workspaceFolders.flatMap((folder) => {
    const folderPath = uriToPath(folder.uri);
    return folderPath ? [{ uri: folder.uri, path: folderPath }] : [];
  });
  const workspace = params.capabilities.workspace;
  supportsConfiguration = workspace?.configuration === true;
  supportsConfigurationRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  supportsWatcherRegistration = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  supportsRelativePatterns = workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
  // Positions are UTF-16 code units, the encoding every client must support; a client that offers a list of
  // encodings is told so explicitly (LSP 3.17 negotiation).
  const offeredEncodings = params.capabilities.general?.positionEncodings;
  return {
    capabilities: {
      ...(offeredEncodings ? { positionEncoding: 'utf-16' } : {}),
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentLinkProvider: { resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      completionProvider: {
        triggerCharacters: ['[', '§', '.', ' ', '-', '–', ';', ','],
        resolveProvider: true,
      },
      workspace: {
        workspaceFolders: { supported: true, changeNotifications: true },
      },
    },
    serverInfo: { name: 'pinpoint', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (supportsConfigurationRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pinpoint' }).catch(() => undefined);
  }
  if (folders.length > 0 && connection.workspace) {
    try {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        folders = folders.filter((folder) => !removed.has(folder.uri));
        for (const folder of event.added) {
          const folderPath = uriToPath(folder.uri);
          if (folderPath) {
            folders.push({ uri: folder.uri, path: folderPath });
          }
        }
        reload();
      });
    } catch {
      // The client does not support workspace folder changes.
    }
  }
  reload();
});

connection.onDidChangeConfiguration((change) => {
  const settings = (change.settings as { pinpoint?: unknown } | undefined)?.pinpoint;
  if (settings !== undefined) {
    pushedSettings = settings;
  }
  reload();
});

connection.onDidChangeWatchedFiles((params) => {
  const paths: string[] = [];
  for (const change of params.changes) {
    const filePath = uriToPath(change.uri);
    if (filePath && isMarkdownPath(filePath)) {
      if (change.type === FileChangeType.Deleted && openDocumentByPath(filePath)) {
        continue;
      }
      paths.push(filePath);
    }
  }
  void ready.then(() => {
    onCorpusFilesChanged(paths);
    for (const filePath of paths) {
      refreshBrief(filePath);
    }
  });
});

documents.onDidOpen((event) => {
  const openedPath = uriToPath(event.document.uri);
  if (openedPath) {
    openPaths.set(openedPath, event.document.uri);
  }
});
documents.onDidOpen((event) => void ready.then(() => (updateOpenDocument(event.document), syncOpenBrief(event.document))));
documents.onDidChangeContent((event) => void ready.then(() => (updateOpenDocument(event.document), syncOpenBrief(event.document))));
documents.onDidClose((event) => {
  const closedPath = uriToPath(event.document.uri);
  if (closedPath) {
    openPaths.delete(closedPath);
  }
  service.closeBrief(event.document.uri);
  void ready.then(() => {
    const filePath = uriToPath(event.document.uri);
    const root = filePath ? rootOfPath(filePath) : undefined;
    if (filePath && root) {
      // The editor's unsaved text is gone: the file on disk is the corpus again.
      onCorpusFilesChanged([filePath]);
    }
    if (filePath) {
      refreshBrief(filePath);
    } else {
      service.deleteBrief(event.document.uri);
    }
    if (!isCorpusDocument(event.document)) {
      connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    }
  });
});

/**
 * The document a request is about, as it was when the request arrived, or undefined when it is not a
 * Markdown document (only Markdown files are briefs: spec §1).
 * NOTE: a snapshot, because `TextDocuments` updates documents in place when edits arrive while a request waits
 * for the corpus; the answer must be for the text the request was sent for.
 */
function snapshotForRequest(uri: string): TextDocument | undefined {
  const live = documents.get(uri);
  if (!live || !isMarkdownDocument(live)) {
    return undefined;
  }
  return TextDocument.create(live.uri, live.languageId, live.version, live.getText());
}

/** True for Markdown documents (language id `markdown`, or a Markdown file name). */
function isMarkdownDocument(document: TextDocument): boolean {
  if (document.languageId === 'markdown') {
    return true;
  }
  const filePath = uriToPath(document.uri);
  return filePath !== undefined && isMarkdownPath(filePath);
}

/** Runs a request handler after the corpus is loaded, answering null on any failure. */
function guarded<P extends { textDocument: { uri: string }; position: { line: number; character: number } }, R>(name: string, handler: (document: TextDocument, params: P) => R | null) {
  return async (params: P): Promise<R | null> => {
    const document = snapshotForRequest(params.textDocument.uri);
    if (!document) {
      return null;
    }
    await ready;
    try {
      return handler(document, params);
    } catch (error) {
      logger.warn(`Pinpoint: ${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return null;
    }
  };
}

connection.onHover(
  guarded('hover', (document, params) =>
    service.draftHover(document, params.position, workspaceContext(document)) ??
    service.hover(document, params.position, scopeOfUri(document.uri), { languages: settingsOfUri(document.uri).languages }),
  ),
);
connection.onDefinition(
  guarded('definition', (document, params) => service.draftDefinition(document, params.position, workspaceContext(document)) ?? service.definition(document, params.position, scopeOfUri(document.uri))),
);
connection.onCompletion(guarded('completion', (document, params) => service.completion(document, params.position, scopeOfUri(document.uri))));
connection.onCompletionResolve((item) => {
  try {
    return service.resolveCompletion(item);
  } catch (error) {
    logger.warn(`Pinpoint: completion resolve failed: ${String(error)}`);
    return item;
  }
});

// ---- The drafting features: the workspace's briefs, references, rename, fixes, links, lenses, symbols ----

let briefsReady: Promise<void> = Promise.resolve();
let supportsCodeLensRefresh = false;
let codeLensRefreshPending = false;
/** The workspace folders whose briefs have been read. */
const briefFolders = new Set<string>();

/** Asks the client to ask again for CodeLenses (citation counts), once per burst of brief changes. */
function refreshCodeLensesSoon(): void {
  if (!supportsCodeLensRefresh || codeLensRefreshPending) {
    return;
  }
  codeLensRefreshPending = true;
  setImmediate(() => {
    codeLensRefreshPending = false;
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });
}

/**
 * Brings one file's entry in the brief index up to date: the editor's text when it is open, else the disk's;
 * forgotten when it is deleted, a corpus file, or outside every workspace folder.
 */
function refreshBrief(filePath: string): void {
  const uri = pathToUri(filePath);
  const open = openDocumentByPath(filePath);
  if (service.index.get(uri) || !isMarkdownPath(filePath)) {
    service.deleteBrief(uri);
  } else if (open) {
    service.updateBrief(open, uri);
  } else if (!folderOf(filePath)) {
    service.deleteBrief(uri);
  } else {
    const read = readText(filePath);
    if ('error' in read) {
      service.deleteBrief(uri);
    } else {
      service.setBriefText(uri, read.text);
    }
  }
  refreshCodeLensesSoon();
}

/** Feeds an open document's current text to the brief index (or removes it when it is a corpus file). */
function syncOpenBrief(document: TextDocument): void {
  const uri = canonicalUri(document.uri);
  if (service.index.get(uri)) {
    service.deleteBrief(uri);
  } else {
    service.updateBrief(document, uri);
  }
  refreshCodeLensesSoon();
}

/** Reads the briefs of workspace folders not read yet, and forgets those of folders that went away. */
async function indexWorkspaceBriefs(): Promise<void> {
  for (const brief of [...service.briefs.all()]) {
    const filePath = uriToPath(brief.uri);
    if (!documents.get(brief.uri) && !(filePath && openDocumentByPath(filePath)) && (!filePath || !folderOf(filePath) || service.index.get(brief.uri))) {
      service.deleteBrief(brief.uri);
    }
  }
  const current = new Set(folders.map((folder) => folder.path));
  for (const folderPath of [...briefFolders]) {
    if (!current.has(folderPath)) {
      briefFolders.delete(folderPath);
    }
  }
  let count = 0;
  for (const folder of folders) {
    if (briefFolders.has(folder.path)) {
      continue;
    }
    briefFolders.add(folder.path);
    const walk = walkMarkdown(folder.path);
    for (const file of walk.files) {
      refreshBrief(file);
      if (++count % 200 === 0) {
        // Let requests through while a large workspace is read.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
}

/** The built-in corpus and library are never edited; other files may be when they lie in a workspace folder. */
function isWritable(uri: string): boolean {
  const filePath = uriToPath(uri);
  return filePath !== undefined && folderOf(filePath) !== undefined && !isUnder(filePath, builtInRoot) && !isUnder(filePath, libraryRoot);
}

function workspaceContext(document: TextDocument): WorkspaceContext {
  return { scope: scopeOfUri(document.uri), scopeOf: scopeOfUri, uri: canonicalUri(document.uri), writable: isWritable };
}

/** Rewrites the URIs of a workspace edit as the client knows its open documents. */
function toClientEdit(edit: WorkspaceEdit): WorkspaceEdit {
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    changes[clientUri(uri)] = edits;
  }
  return { changes };
}

/**
 * Like `guarded`, for requests with or without a position; with `briefs`, also waits for the workspace's
 * briefs to be read. A `ResponseError` (a refused rename) reaches the client; any other failure answers null.
 */
function guardedDocument<P extends { textDocument: { uri: string } }, R>(name: string, handler: (document: TextDocument, params: P) => R | null, options: { briefs?: boolean } = {}) {
  return async (params: P): Promise<R | null> => {
    const document = snapshotForRequest(params.textDocument.uri);
    if (!document) {
      return null;
    }
    await ready;
    if (options.briefs) {
      await briefsReady;
    }
    try {
      return handler(document, params);
    } catch (error) {
      if (error instanceof ResponseError) {
        throw error;
      }
      logger.warn(`Pinpoint: ${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return null;
    }
  };
}

connection.onReferences(
  guardedDocument(
    'references',
    (document, params: ReferenceParams) =>
      service.references(document, params.position, workspaceContext(document), params.context.includeDeclaration)?.map((location) => Location.create(clientUri(location.uri), location.range)) ?? null,
    { briefs: true },
  ),
);
connection.onPrepareRename(
  guardedDocument(
    'prepare rename',
    (document, params: TextDocumentPositionParams) => {
      const result = service.prepareRename(document, params.position, workspaceContext(document));
      if ('error' in result) {
        throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
      }
      return result;
    },
    { briefs: true },
  ),
);
connection.onRenameRequest(
  guardedDocument(
    'rename',
    (document, params: RenameParams) => {
      const result = service.rename(document, params.position, params.newName, workspaceContext(document));
      if ('error' in result) {
        throw new ResponseError(ErrorCodes.InvalidParams, result.error);
      }
      return toClientEdit(result);
    },
    { briefs: true },
  ),
);
const briefCodeActions = guardedDocument('code actions', (document, params: CodeActionParams) =>
  isCorpusDocument(document) ? [] : service.codeActions(document, params.range, scopeOfUri(document.uri), params.context.diagnostics),
);
connection.onCodeAction(async (params) => {
  await ready;
  return service.index.get(canonicalUri(params.textDocument.uri)) ? draftCodeActions(params) : briefCodeActions(params);
});
connection.onDocumentLinks(
  guardedDocument('document links', (document, _params: DocumentLinkParams) =>
    isCorpusDocument(document) ? service.draftLinks(document, workspaceContext(document)) ?? [] : service.documentLinks(document, scopeOfUri(document.uri)),
  ),
);
connection.onCodeLens(guardedDocument('CodeLens', (document, _params: DocumentSymbolParams) => service.codeLenses(document, workspaceContext(document)), { briefs: true }));
connection.onDocumentSymbol(guardedDocument('document symbols', (document, _params: DocumentSymbolParams) => service.documentSymbols(document, canonicalUri(document.uri))));
connection.onWorkspaceSymbol(async (params) => {
  await ready;
  try {
    return service.workspaceSymbols(params.query, allDesiredRoots());
  } catch (error) {
    logger.warn(`Pinpoint: workspace symbols failed: ${String(error)}`);
    return [];
  }
});
/**
 * `pinpoint/tableOfAuthorities` (params: `{ textDocument: { uri } }`): the workspace edit that inserts or
 * updates the brief's table of authorities. The client applies it, so the user can undo it.
 */
connection.onRequest(
  'pinpoint/tableOfAuthorities',
  guardedDocument('table of authorities', (document, _params: { textDocument: { uri: string } }) => {
    if (isCorpusDocument(document)) {
      throw new ResponseError(ErrorCodes.InvalidRequest, 'a table of authorities belongs in a brief, not in a corpus file');
    }
    const fileName = path.basename(uriToPath(document.uri) ?? 'brief.md');
    return service.tableOfAuthorities(document, scopeOfUri(document.uri), fileName).edit;
  }),
);

// ---- Drafting a treaty: the renumbering code action and the drafting diagnostics of open corpus files ----

/** What the client can do with the renumbering edit: preview it through change annotations, show a disabled action. */
let draftingEditCapabilities: EditCapabilities = {};

/** Rewrites the URIs of a workspace edit's document changes as the client knows its open documents. */
function toClientDocumentChanges(edit: WorkspaceEdit | undefined): WorkspaceEdit | undefined {
  if (!edit?.documentChanges) {
    return edit && toClientEdit(edit);
  }
  const documentChanges = edit.documentChanges.map((change) => ('textDocument' in change ? { ...change, textDocument: { ...change.textDocument, uri: clientUri(change.textDocument.uri) } } : change));
  return { ...edit, documentChanges };
}

const draftCodeActions = guardedDocument(
  'renumbering',
  (document, params: CodeActionParams) =>
    service.draftCodeActions(document, workspaceContext(document), params.context.diagnostics, draftingEditCapabilities).map((action) => ({ ...action, edit: toClientDocumentChanges(action.edit) })),
  { briefs: true },
);

/** The open corpus files and the other language versions of each (drafting diagnostics are theirs). */
function openDraftUris(): Set<string> {
  const uris = new Set<string>();
  for (const document of documents.all()) {
    const entry = service.index.get(canonicalUri(document.uri));
    const id = entry?.header.id;
    for (const version of id === undefined ? (entry ? [entry] : []) : service.index.withId(id)) {
      uris.add(version.uri);
    }
  }
  return uris;
}

/** The drafting diagnostics of a corpus file while it, or another language version of it, is open. */
function draftingDiagnosticsOf(uri: string): ReturnType<typeof service.draftDiagnostics> {
  if (!openDraftUris().has(uri)) {
    return [];
  }
  try {
    return service.draftDiagnostics(uri, { scope: scopeOfUri(uri), scopeOf: scopeOfUri, uri, writable: isWritable });
  } catch (error) {
    logger.warn(`Pinpoint: drafting diagnostics of ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return [];
  }
}

process.on('uncaughtException', (error) => {
  logger.warn(`Pinpoint: unexpected error: ${error.stack ?? error.message}`);
});

documents.listen(connection);
connection.listen();
