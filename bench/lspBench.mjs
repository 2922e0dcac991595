// A minimal LSP client for benchmarks: spawns `node dist/server.js --stdio`, answers the server's requests
// (configuration, registration, progress), and exposes timed requests and diagnostics waits.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import rpc from 'vscode-jsonrpc/node';

export class BenchServer {
  constructor(serverPath, { initializationOptions, rootPath }) {
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    this.diagnosticWaiters = [];
    this.progressDone = new Set();
    this.progressWaiters = [];
    this.activeProgress = new Set();
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      this.diagnosticWaiters = this.diagnosticWaiters.filter((waiter) => {
        if (waiter.uri === params.uri && (waiter.version === undefined || params.version === waiter.version)) {
          waiter.resolve({ at, diagnostics: params.diagnostics });
          return false;
        }
        return true;
      });
    });
    this.connection.onRequest('window/workDoneProgress/create', (params) => {
      this.activeProgress.add(params.token);
      this.sawProgress = true;
      return null;
    });
    this.connection.onNotification('$/progress', (params) => {
      if (params.value?.kind === 'end') {
        this.activeProgress.delete(params.token);
        if (this.activeProgress.size === 0) {
          for (const waiter of this.progressWaiters.splice(0)) waiter();
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.child.on('exit', (code, signal) => {
      if (!this.stopping) process.stderr.write(`bench: the server exited unexpectedly (code ${code}, signal ${signal})\n`);
    });
    this.connection.onError(() => undefined);
    // A write racing the server's exit must not end the benchmark.
    this.child.stdin.on('error', () => undefined);
    this.connection.listen();
    this.initializationOptions = initializationOptions;
    this.rootPath = rootPath;
  }

  async initialize() {
    const rootUri = `file://${this.rootPath}`;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions: this.initializationOptions,
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: false } },
    });
    this.connection.sendNotification('initialized', {});
  }

  waitForDiagnostics(uri, version) {
    return new Promise((resolve) => this.diagnosticWaiters.push({ uri, version, resolve }));
  }

  /** Resolves when the server's indexing progress has ended (or immediately if none is running). */
  waitForIndexing() {
    return new Promise((resolve) => {
      if (this.activeProgress.size === 0 && this.sawProgress) resolve();
      else this.progressWaiters.push(resolve);
    });
  }

  open(uri, text) {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  async timed(method, params) {
    const started = performance.now();
    const result = await this.connection.sendRequest(method, params);
    return { ms: performance.now() - started, result };
  }

  rssBytes() {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  }

  async stop() {
    this.stopping = true;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    const shutdown = this.connection.sendRequest('shutdown').catch(() => undefined);
    await Promise.race([shutdown, exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    this.connection.sendNotification('exit').catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    this.connection.dispose();
    this.child.kill();
  }
}

export function percentile(values, fraction) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
