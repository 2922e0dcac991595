/**
 * The language server: handlers only. The workspace (workspace/workspace.ts) knows the files, folders and
 * settings and feeds the core; each request handler here looks the document up, asks the workspace for what
 * the core needs (the scope, the settings, the URIs the client knows) and calls the language service once.
 * Diagnostics are published when the workspace says what changed. Every handler catches its own failures and
 * answers with nothing, so no request can take the server down.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  CodeActionParams,
  createConnection,
  DocumentLinkParams,
  DocumentSymbolParams,
  ErrorCodes,
  InitializeResult,
  Location,
  MarkupKind,
  ProposedFeatures,
  ReferenceParams,
  RenameParams,
  ResponseError,
  TextDocuments,
  TextDocumentContentChangeEvent,
  TextDocumentPositionParams,
  TextDocumentSyncKind,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cacheDirectoryOf } from './indexCache';
import { canonicalUri, isMarkdownDocument, uriToPath } from './nodeHost';
import type { EditCapabilities } from './service/drafting';
import type { TextChange } from './service/host';
import { BriefCheck, createLanguageService, PinpointDiagnostic, WorkspaceContext } from './service/languageService';
import { CHECK_WAIT_MS } from './workspace/corpusRoots';
import { Workspace } from './workspace/workspace';
import { registerPresentationRequests } from './presentationRequests';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments({ create: TextDocument.create, update: updateRecordingChange });

/**
 * Applies a client's changes to a document and records where they fell (`ITextDocument.lastEdit`), so that
 * the core updates what it keeps of a brief from the edit alone, without comparing the texts.
 */
function updateRecordingChange(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  const fromVersion = document.version;
  let change: TextChange | undefined;
  let whole = false;
  let current = document;
  for (const event of changes) {
    if (TextDocumentContentChangeEvent.isIncremental(event)) {
      const start = current.offsetAt(event.range.start);
      const end = current.offsetAt(event.range.end);
      const after = start + event.text.length;
      if (!change) {
        change = { fromVersion, start, oldEnd: end, newEnd: after };
      } else {
        // Both changes as one: what the first made and the second touched, in the first's old text.
        const touchedEnd = Math.max(change.newEnd, end);
        change = {
          fromVersion,
          start: Math.min(change.start, start),
          oldEnd: touchedEnd - (change.newEnd - change.oldEnd),
          newEnd: touchedEnd + (event.text.length - (end - start)),
        };
      }
    } else {
      whole = true;
    }
    current = TextDocument.update(current, [event], version);
  }
  Object.defineProperty(current, 'lastEdit', { value: whole ? undefined : change, configurable: true, writable: true });
  return current;
}

const logger = {
  warn: (message: string) => connection.console.warn(message),
  info: (message: string) => connection.console.info(message),
};
const service = createLanguageService({
  logger,
  loadCorpusText: (uri) => workspace.readCorpusText(uri),
  // The team corpus's documents are searched in SQL (workspace/databaseRoots.ts).
  externalSearch: { owns: (root) => workspace.teamCorpus.owns(root), search: (query, scope, options) => workspace.teamCorpus.search(query, scope, options) },
});
const workspace = new Workspace({
  connection,
  documents,
  service,
  logger,
  cacheDirectory: cacheDirectoryOf(process.argv.slice(2), process.env),
  // The database driver is a bundle of its own (dist/database.js), loaded only when a team corpus is configured.
  databases: { loadDriver: () => import('./db/index') },
  checking: () => checksUnderWay.size > 0,
});

/** How long a request waits for team corpus texts and searches before it answers with what it has. */
const REQUEST_WAIT_MS = 1_500;
/** How long a brief's diagnostics wait for them (the texts then missing are not checked until they arrive). */
const DIAGNOSTICS_WAIT_MS = 4_000;

// ---- Diagnostics: published when the workspace says what changed ----

/**
 * The corpus files whose last published diagnostics were not empty, with what was published (as JSON): a
 * change of one file checks them all again, and sending thousands of unchanged diagnostics again queued the
 * brief's own behind them (seconds on a 35,000-file corpus).
 */
const flaggedCorpusFiles = new Map<string, string>();

function clearCorpusDiagnostics(uri: string): void {
  if (flaggedCorpusFiles.delete(uri)) {
    connection.sendDiagnostics({ uri: workspace.clientUri(uri), diagnostics: [] });
  }
}

function publishCorpusDiagnostics(uri: string): void {
  if (workspace.teamCorpus.owns(uri)) {
    return; // a team corpus's documents are checked when they are published, and no editor has them as files
  }
  if (!service.index.get(uri)) {
    clearCorpusDiagnostics(uri);
    return;
  }
  const diagnostics = [...service.corpusDiagnostics(uri, workspace.scopeOf(uri)), ...draftingDiagnosticsOf(uri)];
  if (diagnostics.length === 0) {
    clearCorpusDiagnostics(uri);
    return;
  }
  const clientUri = workspace.clientUri(uri);
  const published = JSON.stringify([clientUri, diagnostics]);
  if (flaggedCorpusFiles.get(uri) === published) {
    return;
  }
  flaggedCorpusFiles.set(uri, published);
  connection.sendDiagnostics({ uri: clientUri, diagnostics });
}

/** The pass that publishes every corpus file's diagnostics, while one is under way. */
let corpusPass: Iterator<void> | undefined;
/** True when the corpus changed again during the pass under way: another pass follows it. */
let corpusPassAgain = false;
/** When the pass last ran a slice (it waits for the briefs' checks at most `CHECK_WAIT_MS` at a time). */
let corpusPassRanAt = 0;

/**
 * Publishes the problems of every corpus file that has some (parsing problems, duplicates, misalignment), in
 * slices after the open briefs' checks: a change of one file asks for it, and on a 35,000-file corpus the pass
 * takes about a third of a second, which the brief's diagnostics no longer wait for.
 */
function publishAllCorpusDiagnostics(): void {
  if (corpusPass) {
    corpusPassAgain = true;
    return;
  }
  corpusPass = corpusPassSteps();
  corpusPassRanAt = performance.now();
  setImmediate(runCorpusPassSlice);
}

function* corpusPassSteps(): Generator<void> {
  for (const uri of new Set([...flaggedCorpusFiles.keys(), ...openDraftUris()])) {
    publishCorpusDiagnostics(uri);
    yield;
  }
  const teamCorpus = workspace.teamCorpus;
  for (const entry of service.index.all()) {
    const id = entry.header.id;
    // Only a file with problems of its own, or one sharing its id with another file, can have diagnostics.
    // A file naming other instruments (`amends`, `superseded_by`, …) may name one that is gone, or close a cycle.
    if (!teamCorpus.owns(entry.root) && (entry.hasProblems === true || (id === undefined && entry.hasProblems !== false) || (id !== undefined && service.index.withId(id).length > 1) || entry.header.related.length > 0)) {
      publishCorpusDiagnostics(entry.uri);
    }
    yield;
  }
}

function runCorpusPassSlice(): void {
  const pass = corpusPass;
  if (!pass) {
    return;
  }
  const briefsFirst = checksUnderWay.size > 0 || pendingValidation !== undefined;
  if (briefsFirst && performance.now() - corpusPassRanAt < CHECK_WAIT_MS) {
    setImmediate(runCorpusPassSlice);
    return;
  }
  const deadline = performance.now() + CHECK_SLICE_MS;
  let done = false;
  try {
    while (!done && performance.now() < deadline) {
      done = pass.next().done === true;
    }
  } catch (error) {
    logger.warn(`Pinpoint: could not publish the corpus's diagnostics: ${String(error)}`);
    done = true;
  }
  corpusPassRanAt = performance.now();
  if (!done) {
    setImmediate(runCorpusPassSlice);
    return;
  }
  corpusPass = undefined;
  if (corpusPassAgain) {
    corpusPassAgain = false;
    publishAllCorpusDiagnostics();
  }
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
      void workspace.ready.then(() => {
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

/** The latest check of each brief, so that a slower earlier one (waiting for the team corpus) publishes nothing. */
const validations = new Map<string, number>();
let validationCount = 0;

/** How long one slice of a brief's check runs before the requests that arrived meanwhile are answered. */
const CHECK_SLICE_MS = 8;
/** The check under way of each brief, a slice at a time; a newer check of the brief replaces it. */
const checksUnderWay = new Map<string, BriefCheck>();

/** True for an open Markdown document that is not a corpus file: a brief, whose citations are checked. */
function isBrief(document: TextDocument): boolean {
  return !workspace.isCorpusFile(document.uri) && isMarkdownDocument(document);
}

function validateBrief(live: TextDocument): void {
  // Whatever this check becomes, the one under way is out of date.
  checksUnderWay.delete(live.uri);
  if (!isBrief(live)) {
    return;
  }
  const teamCorpus = workspace.teamCorpus;
  const scope = workspace.scopeOf(live.uri);
  const check = workspace.settingsOf(live.uri).status.check;
  if (!teamCorpus.active) {
    let steps: BriefCheck;
    try {
      steps = service.briefDiagnosticsCheck(live, scope, { check });
    } catch (error) {
      failedCheck(live.uri, live.version, error);
      return;
    }
    checksUnderWay.set(live.uri, steps);
    runCheckSlice(live.uri, live.version, steps);
    return;
  }
  // With a team corpus the check may wait for texts from the database: it works on a snapshot, and only the
  // latest check of a brief publishes.
  const document = TextDocument.create(live.uri, live.languageId, live.version, live.getText());
  const ticket = ++validationCount;
  validations.set(document.uri, ticket);
  teamCorpus
    .run((missing) => service.briefDiagnostics(document, scope, { check, unchecked: teamCorpus.uncheckedIn(scope, missing) }), DIAGNOSTICS_WAIT_MS)
    .then(
      ({ value }) => value,
      (error: unknown) => {
        logger.warn(`Pinpoint: could not check ${document.uri}: ${String(error)}`);
        return [];
      },
    )
    .then((diagnostics) => {
      if (validations.get(document.uri) === ticket && documents.get(document.uri) !== undefined) {
        validations.delete(document.uri);
        connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
      }
    });
}

/**
 * Runs a slice of a brief's check and, while work remains, the next one after the requests that arrived
 * meanwhile (`setImmediate` comes after the event loop's input): a hover sent while a large brief is checked
 * waits for one slice, not for the whole check. A small brief is done in its first slice, at once. Only the
 * latest version publishes: an edit, or closing the brief, makes its check stale, and the next check replaces it.
 */
function runCheckSlice(uri: string, version: number, steps: BriefCheck): void {
  if (checksUnderWay.get(uri) !== steps) {
    return;
  }
  const deadline = performance.now() + CHECK_SLICE_MS;
  let diagnostics: PinpointDiagnostic[] | undefined;
  try {
    diagnostics = steps.resume(() => performance.now() >= deadline);
  } catch (error) {
    checksUnderWay.delete(uri);
    failedCheck(uri, version, error);
    return;
  }
  if (diagnostics) {
    checksUnderWay.delete(uri);
    connection.sendDiagnostics({ uri, version, diagnostics });
  } else if (steps.stale) {
    checksUnderWay.delete(uri);
  } else {
    setImmediate(() => runCheckSlice(uri, version, steps));
  }
}

function failedCheck(uri: string, version: number, error: unknown): void {
  logger.warn(`Pinpoint: could not check ${uri}: ${String(error)}`);
  connection.sendDiagnostics({ uri, version, diagnostics: [] });
}

workspace.onDidChangeCorpus((change) => {
  for (const uri of change.corpusFiles) {
    publishCorpusDiagnostics(uri);
  }
  if (change.allCorpusFiles) {
    publishAllCorpusDiagnostics();
  }
  scheduleValidation(change.briefs === 'all' ? documents.all().map((document) => document.uri) : change.briefs);
});

// A large corpus is loading and the documents the open briefs cite are in: check the briefs against them now,
// leaving unchecked the citations of ids not loaded yet (never reported broken before the load ends).
workspace.onDidLoadCitedFiles(() => {
  if (workspace.teamCorpus.active) {
    return;
  }
  for (const document of documents.all()) {
    if (!isBrief(document)) {
      continue;
    }
    const scope = workspace.scopeOf(document.uri);
    try {
      // NOTE: status warnings wait for the complete check: a successor named by a file not loaded yet could
      // change the instrument's succession, and a first diagnostic is never taken back.
      const diagnostics = service.briefDiagnostics(document, scope, {
        check: false,
        unchecked: (id) => service.index.resolve(id, scope) === undefined,
      });
      connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    } catch (error) {
      logger.warn(`Pinpoint: could not check ${document.uri}: ${String(error)}`);
    }
  }
});

workspace.onDidCloseBrief((uri) => connection.sendDiagnostics({ uri, diagnostics: [] }));

let supportsCodeLensRefresh = false;
let codeLensRefreshPending = false;

/** Asks the client to ask again for CodeLenses (citation counts), once per burst of brief changes. */
workspace.onDidChangeBriefs(() => {
  if (!supportsCodeLensRefresh || codeLensRefreshPending) {
    return;
  }
  codeLensRefreshPending = true;
  setImmediate(() => {
    codeLensRefreshPending = false;
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });
});

// ---- Life cycle ----

connection.onInitialize((params): InitializeResult => {
  workspace.initialize(params);
  supportsCodeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  draftingEditCapabilities = {
    annotations: params.capabilities.workspace?.workspaceEdit?.documentChanges === true && params.capabilities.workspace.workspaceEdit.changeAnnotationSupport !== undefined,
    disabledActions: params.capabilities.textDocument?.codeAction?.disabledSupport === true,
  };
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
        triggerCharacters: ['[', '§', '.', ' ', '-', '–', ';', ',', '(', '第'],
        resolveProvider: true,
      },
      workspace: {
        workspaceFolders: { supported: true, changeNotifications: true },
      },
    },
    serverInfo: { name: 'pinpoint', version: '0.1.0' },
  };
});

connection.onInitialized(() => workspace.initialized());

// ---- Requests ----

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

/**
 * Runs a request handler on a snapshot of its document once the corpus is loaded. A `ResponseError` (a
 * refused rename) reaches the client; any other failure is logged and answered with null.
 */
function guarded<P extends { textDocument: { uri: string } }, R>(
  name: string,
  handler: (document: TextDocument, params: P) => R | null,
  options: { whenTextMissing?: (missing: readonly string[]) => R | null } = {},
) {
  return async (params: P): Promise<R | null> => {
    const document = snapshotForRequest(params.textDocument.uri);
    if (!document) {
      return null;
    }
    await workspace.ready;
    try {
      // With a team corpus, texts and searches it lacks are fetched and the handler runs again (databaseRoots.ts).
      const { value, missing } = await workspace.teamCorpus.run(() => handler(document, params), REQUEST_WAIT_MS);
      return missing.length > 0 && options.whenTextMissing ? options.whenTextMissing(missing) : value;
    } catch (error) {
      if (error instanceof ResponseError) {
        throw error;
      }
      logger.warn(`Pinpoint: ${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return null;
    }
  };
}

/** What the drafting features need of the workspace: the document's scope, every file's, and what may be edited. */
function workspaceContext(document: TextDocument): WorkspaceContext {
  return {
    scope: workspace.scopeOf(document.uri),
    scopeOf: (uri) => workspace.scopeOf(uri),
    uri: canonicalUri(document.uri),
    writable: (uri) => workspace.isWritable(uri),
  };
}

/** Rewrites the URIs of a workspace edit as the client knows its open documents. */
function toClientEdit(edit: WorkspaceEdit): WorkspaceEdit {
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    changes[workspace.clientUri(uri)] = edits;
  }
  return { changes };
}

/**
 * Refuses a rename while the workspace's briefs are still being read: an edit made then would miss the
 * citations in briefs not read yet. (References and CodeLens answer from what has been read.)
 */
function refuseRenameWhileReading(): void {
  const reading = workspace.briefReading;
  if (!reading.done) {
    throw new ResponseError(
      ErrorCodes.InvalidRequest,
      `Pinpoint is still reading the workspace's briefs (${reading.read} read so far); try again in a moment, so that the rename reaches every citation`,
    );
  }
}

connection.onHover(
  guarded(
    'hover',
    (document, params: TextDocumentPositionParams) =>
      service.draftHover(document, params.position, workspaceContext(document)) ??
      service.hover(document, params.position, workspace.scopeOf(document.uri), { languages: workspace.settingsOf(document.uri).languages }),
    {
      // A document of the team corpus whose text has not arrived: say so rather than show an empty document.
      whenTextMissing: (missing) => ({ contents: { kind: MarkupKind.Markdown, value: `*${workspace.teamCorpus.whyMissing(missing[0])}*` } }),
    },
  ),
);
connection.onDefinition(
  guarded('definition', (document, params: TextDocumentPositionParams) => {
    const location =
      service.draftDefinition(document, params.position, workspaceContext(document)) ??
      service.definition(document, params.position, workspace.scopeOf(document.uri), canonicalUri(document.uri));
    return location ? Location.create(workspace.clientUri(location.uri), location.range) : null;
  }),
);
connection.onCompletion(guarded('completion', (document, params: TextDocumentPositionParams) => service.completion(document, params.position, workspace.scopeOf(document.uri))));
connection.onCompletionResolve(async (item) => {
  try {
    return (await workspace.teamCorpus.run(() => service.resolveCompletion(item), REQUEST_WAIT_MS)).value;
  } catch (error) {
    logger.warn(`Pinpoint: completion resolve failed: ${String(error)}`);
    return item;
  }
});

// ---- The drafting features: references, rename, fixes, links, lenses, symbols ----

connection.onReferences(
  guarded(
    'references',
    (document, params: ReferenceParams) =>
      service.references(document, params.position, workspaceContext(document), params.context.includeDeclaration)?.map((location) => Location.create(workspace.clientUri(location.uri), location.range)) ?? null,
  ),
);
connection.onPrepareRename(
  guarded('prepare rename', (document, params: TextDocumentPositionParams) => {
    const result = service.prepareRename(document, params.position, workspaceContext(document));
    if ('error' in result) {
      throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
    }
    refuseRenameWhileReading();
    return result;
  }),
);
connection.onRenameRequest(
  guarded('rename', (document, params: RenameParams) => {
    const result = service.rename(document, params.position, params.newName, workspaceContext(document));
    if ('error' in result) {
      throw new ResponseError(ErrorCodes.InvalidParams, result.error);
    }
    refuseRenameWhileReading();
    return toClientEdit(result);
  }),
);
connection.onCodeAction(
  guarded('code actions', (document, params: CodeActionParams) =>
    workspace.isCorpusFile(document.uri)
      ? service
          .draftCodeActions(document, workspaceContext(document), params.context.diagnostics, draftingEditCapabilities)
          .map((action) => ({ ...action, edit: toClientDocumentChanges(action.edit) }))
      : service.codeActions(document, params.range, workspace.scopeOf(document.uri), params.context.diagnostics, { check: workspace.settingsOf(document.uri).status.check }),
  ),
);
connection.onDocumentLinks(
  guarded('document links', (document, _params: DocumentLinkParams) => [
    ...service.documentLinks(document, workspace.scopeOf(document.uri), canonicalUri(document.uri)),
    ...(workspace.isCorpusFile(document.uri) ? service.draftLinks(document, workspaceContext(document)) ?? [] : []),
  ]),
);
connection.onCodeLens(guarded('CodeLens', (document, _params: DocumentSymbolParams) => service.codeLenses(document, workspaceContext(document))));
connection.onDocumentSymbol(guarded('document symbols', (document, _params: DocumentSymbolParams) => service.documentSymbols(document, canonicalUri(document.uri))));
connection.onWorkspaceSymbol(async (params) => {
  await workspace.ready;
  try {
    return (await workspace.teamCorpus.run(() => service.workspaceSymbols(params.query, workspace.allRoots()), REQUEST_WAIT_MS)).value;
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
  guarded('table of authorities', (document, _params: { textDocument: { uri: string } }) => {
    if (workspace.isCorpusFile(document.uri)) {
      throw new ResponseError(ErrorCodes.InvalidRequest, 'a table of authorities belongs in a brief, not in a corpus file');
    }
    const fileName = path.basename(uriToPath(document.uri) ?? 'brief.md');
    return service.tableOfAuthorities(document, workspace.scopeOf(document.uri), fileName).edit;
  }),
);

/**
 * `pinpoint/memoryUsage` (no params): the server process's memory in bytes, as `process.memoryUsage()` reports it,
 * for a user's bug report and for the soak test. When the server runs with `--expose-gc`, a full garbage collection
 * runs first (`collected: true`), so `heapUsed` is what is still reachable.
 */
connection.onRequest('pinpoint/memoryUsage', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return { ...process.memoryUsage(), collected: gc !== undefined };
});

// ---- The team corpus (a database) ----

/**
 * `pinpoint/databaseDocument` (params: `{ uri }`): the text of a team corpus document, for the client's
 * read-only view of it (go-to-definition opens `pinpoint-db://…` URIs). Null when the document is not known.
 */
connection.onRequest('pinpoint/databaseDocument', async (params: { uri?: unknown }) => {
  if (!params || typeof params.uri !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, 'pinpoint/databaseDocument takes { uri }');
  }
  await workspace.ready;
  const text = await workspace.teamCorpus.documentText(params.uri);
  return text === undefined ? null : { text };
});

/**
 * `pinpoint/databasePassword` (params: `{ uri, password }`): the password of a team corpus, from VS Code's
 * SecretStorage. Sent as a notification, never in `initializationOptions`, and never logged.
 */
connection.onNotification('pinpoint/databasePassword', (params: { uri?: unknown; password?: unknown }) => {
  if (params && typeof params.uri === 'string' && (typeof params.password === 'string' || params.password === null)) {
    workspace.teamCorpus.setPassword(params.uri, params.password ?? undefined);
  }
});

// The Markdown preview's citations and "Export Brief…" (presentationRequests.ts).
registerPresentationRequests(connection, {
  service,
  whenReady: () => workspace.ready,
  withCorpusText: async (compute) => (await workspace.teamCorpus.run(compute, REQUEST_WAIT_MS)).value,
  scopeOf: (uri) => workspace.scopeOf(uri),
  languagesOf: (uri) => workspace.settingsOf(uri).languages,
  clientUri: (uri) => workspace.clientUri(uri),
  logger,
});

// ---- Drafting a treaty: the renumbering code action and the drafting diagnostics of open corpus files ----

/** What the client can do with the renumbering edit: preview it through change annotations, show a disabled action. */
let draftingEditCapabilities: EditCapabilities = {};

/** Rewrites the URIs of a workspace edit's document changes as the client knows its open documents. */
function toClientDocumentChanges(edit: WorkspaceEdit | undefined): WorkspaceEdit | undefined {
  if (!edit?.documentChanges) {
    return edit && toClientEdit(edit);
  }
  const documentChanges = edit.documentChanges.map((change) => ('textDocument' in change ? { ...change, textDocument: { ...change.textDocument, uri: workspace.clientUri(change.textDocument.uri) } } : change));
  return { ...edit, documentChanges };
}

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
    return service.draftDiagnostics(uri, { scope: workspace.scopeOf(uri), scopeOf: (other) => workspace.scopeOf(other), uri, writable: (other) => workspace.isWritable(other) });
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
