/**
 * The one LSP client of the protocol tests and of the benchmarks (bench/run.mjs and bench/soak.mjs import it
 * through tsx): it spawns `node dist/server.js --stdio`, talks JSON-RPC to it over the child's standard
 * streams with `vscode-jsonrpc`, answers the requests a real client answers (`workspace/configuration` from
 * its own settings, `client/registerCapability`, progress creation) and records what the server sends
 * (diagnostics, registrations, log messages, progress).
 *
 * What the robustness tests and the soaks need is here too, as options and helpers: the client's capabilities
 * (position encodings, workspace edits), a client that refuses registrations, incremental edits with ranges
 * (`EditedDocument`), positions in each LSP position encoding, the server's resident memory, a snapshot of a
 * folder to prove nothing was written there, and a seeded random generator.
 *
 * Everything waits on events, never on a clock: a wait resolves when the awaited message arrives and fails
 * when the deadline passes or the server dies, naming what it saw.
 *
 * ```ts
 * const client = await startServer({ workspaceFolders: [folder] });
 * t.after(() => client.dispose());
 * const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri, '见 [2023-JS §3.4]。');
 * ```
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CompletionItem,
  CompletionList,
  ConfigurationItem,
  Diagnostic,
  FileEvent,
  Hover,
  InitializeResult,
  Location,
  LocationLink,
  Position,
  PublishDiagnosticsParams,
  Range,
  Registration,
} from 'vscode-languageserver-protocol';

/** The repository root (where `dist/server.js` and `corpus/` are). */
export const REPOSITORY = path.join(__dirname, '..', '..');
/** The bundled server the tests talk to; `npm run build` writes it. */
export const SERVER_PATH = path.join(REPOSITORY, 'dist', 'server.js');
/** The built-in corpus folder (`corpus/` beside `dist/`). */
export const BUILTIN_CORPUS = path.join(REPOSITORY, 'corpus');
/** How long any single wait may take before it fails the test. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** A workspace folder as the client announces it. */
export interface WorkspaceFolder {
  /** The folder's file URI. */
  readonly uri: string;
  /** A display name. */
  readonly name: string;
}

/** How to start a server, and which kind of client to pretend to be. */
export interface StartOptions {
  /** Sent as `initializationOptions`; omitted when undefined. */
  readonly initializationOptions?: unknown;
  /** The workspace folders; none when empty or undefined (then `rootUri` is null). */
  readonly workspaceFolders?: readonly WorkspaceFolder[];
  /**
   * The client's own settings. When given, the client advertises `workspace.configuration` and answers
   * each `workspace/configuration` item with this function's result (or `settings[section]` for an object).
   * When undefined, the client does not advertise the capability.
   */
  readonly configuration?: Record<string, unknown> | ((item: ConfigurationItem) => unknown);
  /** Advertise `workspace.didChangeWatchedFiles.dynamicRegistration` (default false). */
  readonly watcherRegistration?: boolean;
  /** Answer every `client/registerCapability` with an error, as a client that cannot do it after all. */
  readonly refuseRegistrations?: boolean;
  /** Advertise `workspace.didChangeConfiguration.dynamicRegistration` (default false). */
  readonly configurationRegistration?: boolean;
  /** Extra environment variables for the server process. */
  readonly env?: Record<string, string>;
  /** The server process's working folder (default: a fresh empty temporary folder). */
  readonly cwd?: string;
  /** The bundle to run (default: `dist/server.js` of this repository). */
  readonly serverPath?: string;
  /** Node options for the server process (for example `--cpu-prof` to profile it). */
  readonly nodeArguments?: readonly string[];
  /** Arguments of the server after `--stdio` (for example `--cache-directory=DIR`). */
  readonly serverArguments?: readonly string[];
  /** Changes the capabilities a plain client would send (for example to offer position encodings). */
  readonly capabilities?: (base: ClientCapabilities) => ClientCapabilities;
  /** The name in `clientInfo` (default `pinpoint-protocol-tests`). */
  readonly clientName?: string;
}

/** One `textDocument/publishDiagnostics` as it arrived, with its arrival number and time. */
export interface Publication extends PublishDiagnosticsParams {
  /** Counts every publication of this client from 1, in arrival order. */
  readonly sequence: number;
  /** `performance.now()` when it arrived. */
  readonly receivedAt: number;
}

/** How many publications the client keeps for error messages (the latest of each URI is always kept). */
const RECENT_PUBLICATIONS = 20;

interface Waiter {
  readonly check: () => boolean;
  readonly fail: (error: Error) => void;
}

/** The markdown (or plain) text of a hover, whatever shape its contents take. */
export function hoverText(hover: Hover | null): string {
  if (!hover) {
    return '';
  }
  const contents = hover.contents;
  const parts = Array.isArray(contents) ? contents : [contents];
  return parts.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
}

/** Undoes the backslash escapes Markdown uses for punctuation, so text can be compared with the corpus. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** A file URI for a path, in Node's canonical form. */
export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** A fresh temporary folder under `os.tmpdir()`, removed by `cleanup()`. */
export function makeTempFolder(prefix = 'pinpoint-protocol-'): { path: string; uri: string; cleanup: () => void } {
  // NOTE: realpath, because on some systems the temporary folder is a symbolic link and the server
  // canonicalises paths; URIs must then agree.
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { path: folder, uri: fileUri(folder), cleanup: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

/** Writes files (relative path → text) under a folder, creating folders on the way. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    const target = path.join(root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}

/** A corpus file's text with the required front matter. */
export function corpusFile(id: string, title: string, body: string, extra = ''): string {
  return `---\nid: ${id}\ntitle: ${title}\n${extra}---\n\n${body}\n`;
}

/** A running server and the client's view of it. */
export class LspClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  /** `performance.now()` when the server process was spawned. */
  readonly spawnedAt: number;
  /**
   * The latest publications of diagnostics, in arrival order (a bounded window, so that a long soak does not
   * keep every one; `latestDiagnostics` has the latest of every URI).
   */
  readonly publications: Publication[] = [];
  /** Every registration the server asked for through `client/registerCapability`. */
  readonly registrations: Registration[] = [];
  /** The ids of registrations the server withdrew. */
  readonly unregistrations: string[] = [];
  /** Every `workspace/configuration` item the server asked for. */
  readonly configurationRequests: ConfigurationItem[] = [];
  /** `window/logMessage` and `window/showMessage` texts. */
  readonly logs: string[] = [];
  /** What the server wrote to its standard error. */
  stderr = '';
  /** The answer to `initialize`. */
  initializeResult: InitializeResult | undefined;
  /** Set once the server process has ended. */
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** The work-done progress tokens the server created and has not ended yet. */
  readonly activeProgress = new Set<string | number>();
  /** How many work-done progresses the server has ended. */
  endedProgress = 0;

  readonly #latest = new Map<string, Publication>();
  #sequence = 0;
  readonly #versions = new Map<string, number>();
  readonly #texts = new Map<string, string>();
  readonly #waiters = new Set<Waiter>();
  readonly #cleanups: (() => void)[] = [];
  #configuration: StartOptions['configuration'];
  #exitPromise: Promise<void>;

  constructor(child: ChildProcess, configuration: StartOptions['configuration'], refuseRegistrations = false) {
    this.spawnedAt = performance.now();
    this.child = child;
    this.#configuration = configuration;
    this.#exitPromise = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        this.#notify();
        resolve();
      });
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const publication = { ...params, sequence: ++this.#sequence, receivedAt: performance.now() };
      this.#latest.set(params.uri, publication);
      this.publications.push(publication);
      if (this.publications.length > 2 * RECENT_PUBLICATIONS) {
        this.publications.splice(0, this.publications.length - RECENT_PUBLICATIONS);
      }
      this.#notify();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.#notify();
    });
    this.connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.#notify();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: ConfigurationItem[] }) => {
      this.configurationRequests.push(...params.items);
      this.#notify();
      return params.items.map((item) => this.#answerConfiguration(item));
    });
    this.connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      if (refuseRegistrations) {
        this.#notify();
        return new ResponseError(-32603, 'this client cannot register capabilities');
      }
      this.registrations.push(...params.registrations);
      this.#notify();
      return null;
    });
    this.connection.onRequest('client/unregisterCapability', (params: { unregisterations: { id: string }[] }) => {
      this.unregistrations.push(...params.unregisterations.map((entry) => entry.id));
      this.#notify();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.activeProgress.add(params.token);
      this.#notify();
      return null;
    });
    this.connection.onNotification('$/progress', (params: { token: string | number; value?: { kind?: string } }) => {
      if (params.value?.kind === 'end' && this.activeProgress.delete(params.token)) {
        this.endedProgress++;
        this.#notify();
      }
    });
    this.connection.onNotification('telemetry/event', () => undefined);
    // A closed pipe after the server died is reported through `exited`, not as an unhandled error.
    this.connection.onError(() => undefined);
    child.stdin?.on('error', () => undefined);
    this.connection.listen();
  }

  #answerConfiguration(item: ConfigurationItem): unknown {
    const configuration = this.#configuration;
    if (typeof configuration === 'function') {
      return configuration(item) ?? null;
    }
    if (configuration && item.section) {
      return configuration[item.section] ?? null;
    }
    return configuration ?? null;
  }

  /** Replaces the client's settings (what later `workspace/configuration` requests are answered with). */
  setConfiguration(configuration: StartOptions['configuration']): void {
    this.#configuration = configuration;
  }

  /** Runs `cleanup` when the client is disposed (temporary folders, for instance). */
  onDispose(cleanup: () => void): void {
    this.#cleanups.push(cleanup);
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) {
      try {
        if (waiter.check()) {
          this.#waiters.delete(waiter);
        }
      } catch (error) {
        this.#waiters.delete(waiter);
        waiter.fail(error as Error);
      }
    }
  }

  /**
   * Waits until `probe` returns a value other than undefined, re-checking whenever the server sends
   * something; fails after `timeoutMs`, or at once if the server exits. `describe` names what was awaited.
   */
  waitFor<T>(describe: string, probe: () => T | undefined, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value !== undefined) {
            clearTimeout(timer);
            resolve(value);
            return true;
          }
          if (this.exited) {
            clearTimeout(timer);
            reject(new Error(`the server exited (${JSON.stringify(this.exited)}) while waiting for ${describe}\n${this.stderr}`));
            return true;
          }
          return false;
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (waiter.check()) {
        return;
      }
      // NOTE: the deadline only fails a wait that would otherwise hang; nothing here waits for time to pass.
      timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe}; last publications: ${JSON.stringify(this.publications.slice(-3), null, 1)}\nlogs: ${this.logs.slice(-5).join('\n')}\n${this.stderr}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** The arrival number of the latest publication (0 before any); pass it as `since` to await a newer one. */
  mark(): number {
    return this.#sequence;
  }

  /** The latest diagnostics published for a URI, if any. */
  latestDiagnostics(uri: string): Publication | undefined {
    return this.#latest.get(uri);
  }

  /**
   * Waits for diagnostics of `uri` that satisfy `accept`: the latest publication for it (if newer than
   * `since`) or the next ones. Returns the diagnostics.
   */
  async waitForDiagnostics(
    uri: string,
    options: { since?: number; accept?: (diagnostics: Diagnostic[], publication: Publication) => boolean; describe?: string; timeoutMs?: number } = {},
  ): Promise<Diagnostic[]> {
    const since = options.since ?? 0;
    const accept = options.accept ?? (() => true);
    let checked = since;
    const publication = await this.waitFor(options.describe ?? `diagnostics of ${uri}`, () => {
      const latest = this.latestDiagnostics(uri);
      if (latest && latest.sequence > checked) {
        checked = latest.sequence;
        if (accept(latest.diagnostics, latest)) {
          return latest;
        }
      }
      return undefined;
    }, options.timeoutMs);
    return publication.diagnostics;
  }

  /**
   * Waits for the diagnostics of one version of a document (the latest publication for it, or a later one)
   * and returns the whole publication, with its arrival time.
   */
  waitForVersion(uri: string, version: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Publication> {
    return this.waitFor(`diagnostics of ${uri} version ${version}`, () => {
      const latest = this.latestDiagnostics(uri);
      return latest && latest.version === version ? latest : undefined;
    }, timeoutMs);
  }

  /** Waits for a registration of `method` (for example `workspace/didChangeWatchedFiles`). */
  waitForRegistration(method: string): Promise<Registration> {
    return this.waitFor(`a registration of ${method}`, () => this.registrations.find((registration) => registration.method === method));
  }

  /** Waits until the server has ended `count` work-done progresses in all and runs none. */
  waitForProgressEnd(count = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<true> {
    return this.waitFor(`${count} ended progress report${count === 1 ? '' : 's'}`, () => (this.endedProgress >= count && this.activeProgress.size === 0 ? true : undefined), timeoutMs);
  }

  /** Sends `textDocument/didOpen` (language `markdown` unless told). */
  openDocument(uri: string, text: string, languageId = 'markdown'): void {
    this.#versions.set(uri, 1);
    this.#texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Opens a document and returns the diagnostics published for the version opened. */
  async openDocumentAndWaitForDiagnostics(uri: string, text: string, languageId = 'markdown'): Promise<Diagnostic[]> {
    const since = this.mark();
    this.openDocument(uri, text, languageId);
    return this.waitForDiagnostics(uri, { since, accept: (_diagnostics, publication) => publication.version === undefined || publication.version === 1 });
  }

  /** Replaces a document's whole text (a change event without a range) and returns the new version. */
  changeDocument(uri: string, text: string): number {
    const version = (this.#versions.get(uri) ?? 0) + 1;
    this.#versions.set(uri, version);
    this.#texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Changes a document and returns the diagnostics published for the new version. */
  async changeDocumentAndWaitForDiagnostics(uri: string, text: string): Promise<Diagnostic[]> {
    const since = this.mark();
    const version = this.changeDocument(uri, text);
    return this.waitForDiagnostics(uri, { since, accept: (_diagnostics, publication) => publication.version === undefined || publication.version === version });
  }

  /** Sends `textDocument/didClose`. */
  closeDocument(uri: string): void {
    this.#versions.delete(uri);
    this.#texts.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends `workspace/didChangeWatchedFiles`. */
  notifyWatchedFiles(changes: FileEvent[]): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Sends `workspace/didChangeConfiguration` with the given `settings` payload. */
  notifyConfigurationChanged(settings: unknown): void {
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  definition(uri: string, position: Position): Promise<Location | Location[] | LocationLink[] | null> {
    return this.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionList> {
    const result = await this.connection.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position,
      context: { triggerKind: 1 },
    });
    if (result === null) {
      return { isIncomplete: false, items: [] };
    }
    return Array.isArray(result) ? { isIncomplete: false, items: result } : result;
  }

  resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    return this.connection.sendRequest('completionItem/resolve', item);
  }

  /** Sends any request, for the robustness tests. */
  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params);
  }

  /** Sends a request and measures how long its answer took, in milliseconds. */
  async timed<R = unknown>(method: string, params: unknown): Promise<{ ms: number; result: R }> {
    const started = performance.now();
    const result = await this.connection.sendRequest<R>(method, params);
    return { ms: performance.now() - started, result };
  }

  /** The server process's resident memory in KiB (Linux `/proc/PID/status`, VmRSS). */
  residentKiB(): number {
    return residentKiB(this.child.pid ?? -1);
  }

  /** Resolves when the server process has ended. */
  whenExited(): Promise<void> {
    return this.#exitPromise;
  }

  /** True while the server process is running. */
  get alive(): boolean {
    return this.exited === undefined && this.child.exitCode === null;
  }

  /**
   * Ends the server: `shutdown` and `exit` when it still answers, a kill when it does not, and waits for
   * the process to end; then runs the cleanups.
   */
  async dispose(): Promise<void> {
    if (this.alive) {
      // NOTE: a server busy for long (or hung) is not waited for: after a few seconds without an answer to
      // `shutdown` it is killed, so that a failing test fails quickly and leaves no process behind.
      let giveUp: NodeJS.Timeout | undefined;
      const answered = await Promise.race([
        this.connection.sendRequest('shutdown').then(
          () => true,
          () => false,
        ),
        this.#exitPromise.then(() => false),
        new Promise<boolean>((resolve) => {
          giveUp = setTimeout(() => resolve(false), 3_000);
        }),
      ]);
      clearTimeout(giveUp);
      if (answered) {
        void this.connection.sendNotification('exit').catch(() => undefined);
      }
      // NOTE: a server that ignores `exit` is killed when the deadline passes, so a test never leaves one behind.
      const timer = setTimeout(() => this.child.kill('SIGKILL'), answered ? 5_000 : 0);
      await this.#exitPromise;
      clearTimeout(timer);
    }
    this.connection.dispose();
    for (const waiter of this.#waiters) {
      waiter.fail(new Error('the client was disposed'));
    }
    this.#waiters.clear();
    for (const cleanup of this.#cleanups.splice(0)) {
      cleanup();
    }
  }
}

/** The capabilities of a plain editor client, shaped by the options. */
export function clientCapabilities(options: StartOptions): ClientCapabilities {
  const base: ClientCapabilities = {
    workspace: {
      configuration: options.configuration !== undefined,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: options.configurationRegistration === true },
      didChangeWatchedFiles: { dynamicRegistration: options.watcherRegistration === true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: false },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
      definition: { linkSupport: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true },
    },
  };
  return options.capabilities ? options.capabilities(base) : base;
}

/**
 * Spawns `node dist/server.js --stdio` and completes `initialize` / `initialized`. The server's index
 * cache goes to a fresh temporary folder (through `XDG_CACHE_HOME`) so runs never share state.
 */
export async function startServer(options: StartOptions = {}): Promise<LspClient> {
  const serverPath = options.serverPath ?? SERVER_PATH;
  if (!fs.existsSync(serverPath)) {
    throw new Error(`${serverPath} is missing: run \`npm run build\` first`);
  }
  const scratch = makeTempFolder('pinpoint-server-');
  const child = spawn(process.execPath, [...(options.nodeArguments ?? []), serverPath, '--stdio', ...(options.serverArguments ?? [])], {
    cwd: options.cwd ?? scratch.path,
    env: { ...process.env, XDG_CACHE_HOME: path.join(scratch.path, 'cache'), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const client = new LspClient(child, options.configuration, options.refuseRegistrations === true);
  client.onDispose(scratch.cleanup);
  const folders = options.workspaceFolders ?? [];
  const params: Record<string, unknown> = {
    processId: process.pid,
    clientInfo: { name: options.clientName ?? 'pinpoint-protocol-tests' },
    rootUri: folders.length > 0 ? folders[0].uri : null,
    workspaceFolders: folders.length > 0 ? folders : null,
    capabilities: clientCapabilities(options),
  };
  if (options.initializationOptions !== undefined) {
    params['initializationOptions'] = options.initializationOptions;
  }
  try {
    client.initializeResult = await Promise.race([
      client.connection.sendRequest<InitializeResult>('initialize', params),
      client.whenExited().then(() => {
        throw new Error(`the server exited before answering initialize: ${JSON.stringify(client.exited)}\n${client.stderr}`);
      }),
    ]);
  } catch (error) {
    await client.dispose();
    throw error;
  }
  void client.connection.sendNotification('initialized', {});
  return client;
}

/** A temporary workspace folder with files, and a server started on it; both go when the client is disposed. */
export async function startInWorkspace(
  files: Record<string, string>,
  options: Omit<StartOptions, 'workspaceFolders'> = {},
): Promise<{ client: LspClient; folder: string; uri: (relative: string) => string }> {
  const workspace = makeTempFolder();
  writeFiles(workspace.path, files);
  let client: LspClient;
  try {
    client = await startServer({ ...options, workspaceFolders: [{ uri: workspace.uri, name: path.basename(workspace.path) }] });
  } catch (error) {
    workspace.cleanup();
    throw error;
  }
  client.onDispose(workspace.cleanup);
  return { client, folder: workspace.path, uri: (relative) => fileUri(path.join(workspace.path, relative)) };
}

/** The 0-based position just after the first occurrence of `marker` on a line of `text` (or at it, with `at`). */
export function positionOf(text: string, marker: string, options: { occurrence?: number; at?: 'start' | 'end' | number } = {}): Position {
  let offset = -1;
  for (let count = 0; count <= (options.occurrence ?? 0); count++) {
    offset = text.indexOf(marker, offset + 1);
    if (offset < 0) {
      throw new Error(`marker ${JSON.stringify(marker)} is not in the text`);
    }
  }
  const at = options.at ?? 'end';
  const target = offset + (at === 'start' ? 0 : at === 'end' ? marker.length : at);
  const before = text.slice(0, target);
  const line = before.split('\n').length - 1;
  return { line, character: target - (before.lastIndexOf('\n') + 1) };
}

/** The LSP position encodings. */
export type PositionEncoding = 'utf-8' | 'utf-16' | 'utf-32';

/** The length of a string in the units of an encoding. */
export function unitLength(text: string, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') {
    return text.length;
  }
  if (encoding === 'utf-8') {
    // A lone surrogate is written as U+FFFD, three bytes, as Buffer.byteLength counts it.
    return Buffer.byteLength(text, 'utf8');
  }
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    if (isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1))) {
      index++;
    }
    count++;
  }
  return count;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The LSP position of a UTF-16 offset in `text`, in an encoding (lines end at `\n`, `\r\n` or `\r`). */
export function positionAt(text: string, offset: number, encoding: PositionEncoding = 'utf-16'): Position {
  let line = 0;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, character: unitLength(text.slice(lineStart, offset), encoding) };
}

/** The UTF-16 offset of an LSP position in `text`, in an encoding. */
export function offsetAt(text: string, position: Position, encoding: PositionEncoding = 'utf-16'): number {
  let lineStart = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.slice(lineStart).search(/\r\n|\r|\n/);
    if (next < 0) {
      return text.length;
    }
    lineStart += next + (text.startsWith('\r\n', lineStart + next) ? 2 : 1);
  }
  let offset = lineStart;
  while (offset < text.length && !/[\r\n]/.test(text[offset]) && unitLength(text.slice(lineStart, offset), encoding) < position.character) {
    offset += isHighSurrogate(text.charCodeAt(offset)) && isLowSurrogate(text.charCodeAt(offset + 1)) ? 2 : 1;
  }
  return offset;
}

/** The text a range covers, in an encoding. */
export function textOfRange(text: string, range: Range, encoding: PositionEncoding = 'utf-16'): string {
  return text.slice(offsetAt(text, range.start, encoding), offsetAt(text, range.end, encoding));
}

/** An open document edited with incremental changes, as an editor keeps it. */
export class EditedDocument {
  text: string;
  version = 1;

  constructor(
    readonly client: LspClient,
    readonly uri: string,
    text: string,
  ) {
    this.text = text;
  }

  /** Sends `didOpen` with the current text. */
  open(): void {
    void this.client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: 'markdown', version: this.version, text: this.text } });
  }

  /** Replaces `text[start..end)` (UTF-16 offsets) by `insert` and sends the change with its range. */
  edit(start: number, end: number, insert: string): void {
    const range = { start: positionAt(this.text, start), end: positionAt(this.text, end) };
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
    this.version++;
    void this.client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri, version: this.version },
      contentChanges: [{ range, text: insert }],
    });
  }
}

/** The resident memory of a process in KiB (Linux `/proc/PID/status`, VmRSS). */
export function residentKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!match) {
    throw new Error(`no VmRSS in /proc/${pid}/status`);
  }
  return Number(match[1]);
}

/** Every entry under a folder (relative path → kind, size, modification time and content hash). */
export function snapshotTree(root: string): Map<string, string> {
  const result = new Map<string, string>();
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const relative = path.relative(root, full);
      const stat = fs.lstatSync(full);
      if (entry.isDirectory()) {
        result.set(relative + path.sep, `folder ${stat.mode}`);
        visit(full);
      } else if (entry.isFile()) {
        const hash = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
        result.set(relative, `file ${stat.size} ${stat.mtimeMs} ${stat.mode} ${hash}`);
      } else {
        result.set(relative, `other ${stat.mode} ${entry.isSymbolicLink() ? fs.readlinkSync(full) : ''}`);
      }
    }
  };
  visit(root);
  return result;
}

/** A small deterministic random number generator (mulberry32), for seeded soak tests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
