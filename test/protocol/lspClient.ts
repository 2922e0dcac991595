/**
 * A small LSP client for the protocol tests: it spawns `node dist/server.js --stdio`, talks JSON-RPC to it
 * over the child's standard streams with `vscode-jsonrpc`, answers the requests a real client answers
 * (`workspace/configuration` from its own settings, `client/registerCapability`, progress creation) and
 * records what the server sends (diagnostics, registrations, log messages).
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
}

/** One `textDocument/publishDiagnostics` as it arrived, with its arrival number. */
export interface Publication extends PublishDiagnosticsParams {
  /** Counts every publication of this client from 1, in arrival order. */
  readonly sequence: number;
}

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
  /** Every publication of diagnostics, in arrival order. */
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

  readonly #versions = new Map<string, number>();
  readonly #texts = new Map<string, string>();
  readonly #waiters = new Set<Waiter>();
  readonly #cleanups: (() => void)[] = [];
  #configuration: StartOptions['configuration'];
  #exitPromise: Promise<void>;

  constructor(child: ChildProcess, configuration: StartOptions['configuration'], refuseRegistrations = false) {
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
      this.publications.push({ ...params, sequence: this.publications.length + 1 });
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
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', () => undefined);
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
    return this.publications.length;
  }

  /** The latest diagnostics published for a URI, if any. */
  latestDiagnostics(uri: string): Publication | undefined {
    for (let index = this.publications.length - 1; index >= 0; index--) {
      if (this.publications[index].uri === uri) {
        return this.publications[index];
      }
    }
    return undefined;
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

  /** Waits for a registration of `method` (for example `workspace/didChangeWatchedFiles`). */
  waitForRegistration(method: string): Promise<Registration> {
    return this.waitFor(`a registration of ${method}`, () => this.registrations.find((registration) => registration.method === method));
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
  return {
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
  const child = spawn(process.execPath, [serverPath, '--stdio'], {
    cwd: options.cwd ?? scratch.path,
    env: { ...process.env, XDG_CACHE_HOME: path.join(scratch.path, 'cache'), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const client = new LspClient(child, options.configuration, options.refuseRegistrations === true);
  client.onDispose(scratch.cleanup);
  const folders = options.workspaceFolders ?? [];
  const params: Record<string, unknown> = {
    processId: process.pid,
    clientInfo: { name: 'pinpoint-protocol-tests' },
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
