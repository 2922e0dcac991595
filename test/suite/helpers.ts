// Helpers for the extension tests: open fixture briefs, ask VS Code's own provider commands, and wait on
// events (or retry a bounded number of times) instead of sleeping.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The extension's id: `publisher.name` from package.json. */
export const extensionId = 'pinpoint.pinpoint';

/** Options of a bounded wait. */
export interface WaitOptions {
  /** Give up after this long. */
  readonly timeoutMs?: number;
}

/**
 * Asks `probe` again, with a growing pause between tries, until it returns a value other than `undefined`;
 * fails with `what` and the last value seen when the time is up. Used where VS Code has no event to wait on
 * (a provider whose server is still loading its corpus answers empty first).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  options: WaitOptions & { describe?: () => Promise<string> | string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = options.describe ? await options.describe() : lastError ? String(lastError) : 'nothing';
      throw new Error(`timed out waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500)));
  }
}

/** The diagnostics Pinpoint reports for a document. */
export function pinpointDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'pinpoint');
}

/** A diagnostic's code as a string (VS Code gives `{ value, target }` when the code has a link). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/** Renders diagnostics for a failure message. */
export function describeDiagnostics(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) {
    return '(none)';
  }
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.source}/${codeOf(d)} ${JSON.stringify(document.getText(d.range))}: ${d.message}`)
    .join('; ');
}

/**
 * Waits until the document's Pinpoint diagnostics satisfy `accept`, listening to
 * `onDidChangeDiagnostics` rather than polling.
 */
export function waitForDiagnostics(
  document: vscode.TextDocument,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  options: WaitOptions = {},
): Promise<vscode.Diagnostic[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = pinpointDiagnostics(document.uri);
      if (accept(diagnostics)) {
        cleanup();
        resolve(diagnostics);
        return true;
      }
      return false;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((uri) => uri.toString() === document.uri.toString())) {
        check();
      }
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; diagnostics: ${describeDiagnostics(document, pinpointDiagnostics(document.uri))}`));
    }, timeoutMs);
    function cleanup(): void {
      subscription.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/** The workspace folder with this name (the fixture folders are named after their purpose). */
export function workspaceFolder(name?: string): vscode.WorkspaceFolder {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = name === undefined ? folders[0] : folders.find((candidate) => candidate.name === name);
  assert.ok(folder, `workspace folder ${name ?? '#0'} is open (folders: ${folders.map((f) => f.name).join(', ') || 'none'})`);
  return folder;
}

/** Opens a file of a workspace folder in an editor. */
export async function openInEditor(folder: vscode.WorkspaceFolder, relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * The position `offset` characters into the first occurrence of `needle` (by default, its end).
 */
export function positionOf(document: vscode.TextDocument, needle: string, offset = needle.length): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.notEqual(index, -1, `${JSON.stringify(needle)} is in ${document.uri.toString()}`);
  return document.positionAt(index + offset);
}

/** Replaces the first occurrence of `needle` in the editor's document, without saving. */
export async function replaceText(editor: vscode.TextEditor, needle: string, replacement: string): Promise<void> {
  const document = editor.document;
  const start = positionOf(document, needle, 0);
  const range = new vscode.Range(start, document.positionAt(document.offsetAt(start) + needle.length));
  const applied = await editor.edit((builder) => builder.replace(range, replacement));
  assert.ok(applied, `replaced ${JSON.stringify(needle)}`);
}

/** Sets the whole text of the editor's document, without saving. */
export async function setText(editor: vscode.TextEditor, text: string): Promise<void> {
  const document = editor.document;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const applied = await editor.edit((builder) => builder.replace(whole, text));
  assert.ok(applied, 'replaced the document text');
}

/** The text of hover contents, whatever form the provider used. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Asks every hover provider, as VS Code does when the mouse rests at `position`. */
export async function hoversAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
}

/** Waits until a hover at `position` contains `expected`; returns the hover text. */
export async function waitForHover(uri: vscode.Uri, position: vscode.Position, expected: string, options: WaitOptions = {}): Promise<string> {
  let last = '';
  return waitFor(
    `a hover containing ${JSON.stringify(expected)}`,
    async () => {
      last = hoverText(await hoversAt(uri, position));
      return last.includes(expected) ? last : undefined;
    },
    { ...options, describe: () => JSON.stringify(last) },
  );
}

/** A completion item's label as text. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Asks every completion provider, as VS Code does when suggestions are triggered at `position`. */
export async function completionsAt(uri: vscode.Uri, position: vscode.Position, triggerCharacter?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
    triggerCharacter,
  );
  return list?.items ?? [];
}

/**
 * Waits until completion at `position` offers items that `accept` takes (the server may still be loading its
 * corpus when the first request arrives); returns them.
 */
export async function waitForCompletions(
  uri: vscode.Uri,
  position: vscode.Position,
  what: string,
  accept: (items: vscode.CompletionItem[]) => boolean,
  options: WaitOptions & { triggerCharacter?: string } = {},
): Promise<vscode.CompletionItem[]> {
  let last: vscode.CompletionItem[] = [];
  return waitFor(
    what,
    async () => {
      last = await completionsAt(uri, position, options.triggerCharacter);
      return accept(last) ? last : undefined;
    },
    { ...options, describe: () => JSON.stringify(last.slice(0, 30).map(labelOf)) },
  );
}

/**
 * Whether VS Code's suggest widget would keep `item` when the cursor is at `position`: the text from the
 * start of the item's range to the cursor must fuzzily match its `filterText` (or label), starting with the
 * same character. An approximation of VS Code's `fuzzyScore`, strict enough to catch ranges that start in the
 * wrong place.
 */
export function survivesClientFilter(document: vscode.TextDocument, position: vscode.Position, item: vscode.CompletionItem): boolean {
  const range = item.range === undefined ? document.getWordRangeAtPosition(position) : 'inserting' in item.range ? item.range.inserting : item.range;
  if (range === undefined) {
    return true;
  }
  if (range.start.line !== position.line || range.start.isAfter(position) || range.end.isBefore(position) && !range.end.isEqual(position)) {
    return false;
  }
  const typed = document.getText(new vscode.Range(range.start, position)).toLowerCase();
  const candidate = (item.filterText ?? labelOf(item)).toLowerCase();
  if (typed.length === 0) {
    return true;
  }
  if (candidate[0] !== typed[0]) {
    return false;
  }
  let index = 0;
  for (const character of candidate) {
    if (character === typed[index]) {
      index++;
      if (index === typed.length) {
        return true;
      }
    }
  }
  return false;
}

/** Waits until the extension has been activated (by VS Code, not by the test). */
export async function waitForActivation(options: WaitOptions = {}): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `extension ${extensionId} is installed (found: ${vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id).join(', ')})`);
  return waitFor('the extension to activate', () => (extension.isActive ? extension : undefined), options);
}
