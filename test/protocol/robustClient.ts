/**
 * What the robustness and soak tests need beyond `lspClient.ts`: starting a server as a client with chosen
 * capabilities (position encodings), incremental edits with ranges, positions in each LSP position
 * encoding, the server process's resident memory, and a snapshot of a folder's files to prove that nothing
 * was written there.
 */
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClientCapabilities, InitializeResult, Position, Range } from 'vscode-languageserver-protocol';
import { clientCapabilities, fileUri, LspClient, makeTempFolder, SERVER_PATH, StartOptions, writeFiles } from './lspClient';

/** How a robustness test starts a server: `lspClient`'s options plus the client's capabilities. */
export interface RobustStartOptions extends StartOptions {
  /** Changes the capabilities a plain client would send (for example to offer position encodings). */
  readonly capabilities?: (base: ClientCapabilities) => ClientCapabilities;
}

/** Spawns `node dist/server.js --stdio` and completes `initialize` / `initialized` with chosen capabilities. */
export async function startRobustServer(options: RobustStartOptions = {}): Promise<LspClient> {
  const serverPath = options.serverPath ?? SERVER_PATH;
  if (!fs.existsSync(serverPath)) {
    throw new Error(`${serverPath} is missing: run \`npm run build\` first`);
  }
  const scratch = makeTempFolder('pinpoint-robust-');
  const child = spawn(process.execPath, [serverPath, '--stdio'], {
    cwd: options.cwd ?? scratch.path,
    env: { ...process.env, XDG_CACHE_HOME: path.join(scratch.path, 'cache'), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const client = new LspClient(child, options.configuration);
  client.onDispose(scratch.cleanup);
  const folders = options.workspaceFolders ?? [];
  const base = clientCapabilities(options);
  const params: Record<string, unknown> = {
    processId: process.pid,
    clientInfo: { name: 'pinpoint-robustness-tests' },
    rootUri: folders.length > 0 ? folders[0].uri : null,
    workspaceFolders: folders.length > 0 ? folders : null,
    capabilities: options.capabilities ? options.capabilities(base) : base,
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

/** A temporary workspace with files, and a server started on it with chosen capabilities. */
export async function startRobustInWorkspace(
  files: Record<string, string>,
  options: Omit<RobustStartOptions, 'workspaceFolders'> = {},
): Promise<{ client: LspClient; folder: string; uri: (relative: string) => string }> {
  const workspace = makeTempFolder('pinpoint-robust-workspace-');
  writeFiles(workspace.path, files);
  let client: LspClient;
  try {
    client = await startRobustServer({ ...options, workspaceFolders: [{ uri: workspace.uri, name: path.basename(workspace.path) }] });
  } catch (error) {
    workspace.cleanup();
    throw error;
  }
  client.onDispose(workspace.cleanup);
  return { client, folder: workspace.path, uri: (relative) => fileUri(path.join(workspace.path, relative)) };
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
