/**
 * The VS Code client: starts the Pinpoint language server for Markdown files and passes it the `pinpoint`
 * settings. All language features live in the server, so any LSP client gets the same behaviour.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeWatchedFilesNotification,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  FileChangeType,
  FileEvent,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import type { MarkdownIt } from 'markdown-it';
import { exportBrief } from './exportCommand';
import { registerCompareCommand } from './compareCommand';
import { importIntoCorpus } from './importCommand';
import { DeclaredSetting, knownSettings } from './knownSettings';
import { createPreviewExtension } from './preview';
import { registerDatabaseDocuments, sendPasswords, serverEnvironment, setDatabasePassword } from './teamCorpus';

/**
 * Restarts a crashed server and tells the user once: a crash is reported a single time per session, and
 * after five crashes within three minutes the client stops restarting and says how to start it again.
 */
export class RestartOnceErrorHandler implements ErrorHandler {
  #crashes: number[] = [];
  #told = false;

  constructor(private readonly notify: (message: string) => void) {}

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.#crashes = this.#crashes.filter((time) => now - time < 3 * 60_000);
    this.#crashes.push(now);
    if (this.#crashes.length > 5) {
      this.notify("Pinpoint's language server crashed 5 times in 3 minutes and was not restarted. Run 'Pinpoint: Restart Language Server' to try again; the Pinpoint output channel has the details.");
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    if (!this.#told) {
      this.#told = true;
      this.notify("Pinpoint's language server stopped unexpectedly and was restarted. Nothing in your files was changed.");
    }
    return { action: CloseAction.Restart, handled: true };
  }
}

let client: LanguageClient | undefined;

/** The server's command line: the index cache folder when the user (never a workspace) set one. */
function serverArguments(): string[] {
  const cacheDirectory = vscode.workspace.getConfiguration('pinpoint').inspect<string>('cacheDirectory')?.globalValue;
  return typeof cacheDirectory === 'string' && cacheDirectory.trim() !== '' ? [`--cache-directory=${cacheDirectory}`] : [];
}

async function createClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const args = serverArguments();
  // The team corpus's password, when VS Code keeps one, goes in the server's environment (teamCorpus.ts).
  const env = await serverEnvironment(context.secrets);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args, options: env ? { env } : undefined },
    debug: { module: serverModule, transport: TransportKind.ipc, args, options: { execArgv: ['--nolazy', '--inspect=6010'], ...(env ? { env } : {}) } },
  };
  const declared = ((context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, DeclaredSetting> } } }).contributes?.configuration?.properties ?? {});
  const configuration = vscode.workspace.getConfiguration('pinpoint');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'vscode-remote', language: 'markdown' },
    ],
    initializationOptions: knownSettings(declared, (key) => configuration.get(key)),
    synchronize: { configurationSection: 'pinpoint' },
    outputChannelName: 'Pinpoint',
    errorHandler: new RestartOnceErrorHandler((message) => void vscode.window.showWarningMessage(message)),
  };
  return new LanguageClient('pinpoint', 'Pinpoint', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<{ extendMarkdownIt(md: MarkdownIt): MarkdownIt }> {
  client = await createClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('pinpoint.restartServer', async () => {
      await client?.restart();
    }),
  );
  const importOutput = vscode.window.createOutputChannel('Pinpoint Import');
  context.subscriptions.push(
    importOutput,
    vscode.commands.registerCommand('pinpoint.importIntoCorpus', (target?: vscode.Uri) =>
      importIntoCorpus(importOutput, target instanceof vscode.Uri ? target : undefined, (uris) => {
        void client
          ?.sendNotification(DidChangeWatchedFilesNotification.type, { changes: uris.map((uri): FileEvent => ({ uri: uri.toString(), type: FileChangeType.Created })) })
          .catch(() => undefined);
      }),
    ),
  );
  context.subscriptions.push(...registerCompareCommand());
  context.subscriptions.push(
    vscode.commands.registerCommand('pinpoint.tableOfAuthorities', () => insertTableOfAuthorities()),
    // The CodeLens above each clause of a corpus file runs this with LSP values; find-references wants VS Code's.
    vscode.commands.registerCommand('pinpoint.showReferences', (uri: string, position: { line: number; character: number }) =>
      vscode.commands.executeCommand('editor.action.findReferences', vscode.Uri.parse(uri), new vscode.Position(position.line, position.character)),
    ),
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('pinpoint.setDatabasePassword', () => setDatabasePassword(context.secrets, () => client)),
    registerDatabaseDocuments(() => client),
    // A team corpus named anew, or a server restarted: it gets the kept passwords again.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('pinpoint.corpus.database')) {
        void sendPasswords(context.secrets, client);
      }
    }),
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) {
        void sendPasswords(context.secrets, client);
      }
    }),
  );
  const exportOutput = vscode.window.createOutputChannel('Pinpoint Export');
  context.subscriptions.push(
    exportOutput,
    vscode.commands.registerCommand('pinpoint.exportBrief', (target?: vscode.Uri) => exportBrief(client, exportOutput, target instanceof vscode.Uri ? target : undefined)),
  );
  await client.start();
  // Citations in the Markdown preview (contributes.markdown.markdownItPlugins).
  return { extendMarkdownIt: createPreviewExtension(() => client) };
}

/**
 * Asks the server for the edit that inserts or updates the active brief's table of authorities and applies
 * it as one workspace edit, which the user can undo (the server never writes files).
 */
async function insertTableOfAuthorities(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Pinpoint: open a Markdown brief to insert its table of authorities.');
    return;
  }
  if (!client) {
    return;
  }
  try {
    const result = await client.sendRequest<unknown>('pinpoint/tableOfAuthorities', { textDocument: { uri: editor.document.uri.toString() } });
    if (!result) {
      return;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
    if (edit && !(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showWarningMessage('Pinpoint: the table of authorities could not be written (the brief changed meanwhile?). Try again.');
    }
  } catch (error) {
    void vscode.window.showWarningMessage(`Pinpoint: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
