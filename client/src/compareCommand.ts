/**
 * "Pinpoint: Compare with Earlier Draft…": the redline between the draft in the editor (its unsaved text
 * too) and an earlier draft the user picks, aligned clause by clause by the same pure core as
 * `pinpoint diff` (server/src/service/redline.ts). It opens in VS Code's diff view, the clauses of both drafts
 * side by side in the new draft's order, or as an HTML redline in a webview. Nothing is written to disk.
 */
import * as vscode from 'vscode';
import { compareDrafts, hasChanges, redlineHtml, redlineSides, redlineSummary } from '../../server/src/service/redline';

/** The scheme of the read-only documents that hold the two sides of a redline. */
const SCHEME = 'pinpoint-redline';

const DIFF_VIEW = 'Side by side, in the diff view';
const HTML_VIEW = 'As a redline (HTML)';

/** The text of a file: the editor's when it is open (unsaved changes included), else the disk's. */
async function textOf(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) {
    return open.getText();
  }
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
}

function baseName(uri: vscode.Uri): string {
  return uri.path.replace(/^.*\//, '');
}

/** Registers the command and the provider of the diff view's two sides. */
export function registerCompareCommand(): vscode.Disposable[] {
  const sides = new Map<string, string>();
  let count = 0;
  const provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    provideTextDocumentContent: (uri) => sides.get(uri.path) ?? '',
  });
  const command = vscode.commands.registerCommand('pinpoint.compareWithEarlierDraft', async (target?: vscode.Uri, earlierArgument?: vscode.Uri, viewArgument?: string) => {
    const current = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!current) {
      void vscode.window.showInformationMessage('Pinpoint: open the draft to compare (a Markdown corpus file) first.');
      return;
    }
    const earlier =
      earlierArgument instanceof vscode.Uri
        ? earlierArgument
        : (
            await vscode.window.showOpenDialog({
              canSelectMany: false,
              defaultUri: vscode.Uri.joinPath(current, '..'),
              filters: { Markdown: ['md', 'markdown'] },
              openLabel: 'Compare',
              title: `Compare ${baseName(current)} with an earlier draft`,
            })
          )?.[0];
    if (!earlier) {
      return;
    }
    let redline;
    try {
      redline = compareDrafts(await textOf(earlier), await textOf(current));
    } catch (error) {
      void vscode.window.showWarningMessage(`Pinpoint: could not read the drafts: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!hasChanges(redline)) {
      void vscode.window.showInformationMessage(`Pinpoint: ${baseName(earlier)} and ${baseName(current)} are the same draft, clause for clause.`);
      return;
    }
    const view = viewArgument ?? (await vscode.window.showQuickPick([DIFF_VIEW, HTML_VIEW], { title: `Redline: ${redlineSummary(redline)}` }));
    const names = { old: baseName(earlier), new: baseName(current) };
    if (view === HTML_VIEW || view === 'html') {
      const panel = vscode.window.createWebviewPanel('pinpointRedline', `Redline: ${names.new}`, vscode.ViewColumn.Beside, { enableScripts: false });
      panel.webview.html = redlineHtml(redline, names);
      return;
    }
    if (view !== DIFF_VIEW && view !== 'diff') {
      return;
    }
    const { left, right } = redlineSides(redline);
    count++;
    const leftUri = vscode.Uri.from({ scheme: SCHEME, path: `/${count}/${names.old}` });
    const rightUri = vscode.Uri.from({ scheme: SCHEME, path: `/${count}/${names.new}` });
    sides.set(leftUri.path, left);
    sides.set(rightUri.path, right);
    await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, `Redline: ${names.old} ↔ ${names.new} (${redlineSummary(redline)})`);
  });
  return [provider, command];
}
