/**
 * "Pinpoint: Export Brief…": writes the active brief (or the Markdown file chosen in the explorer) as a Word
 * or HTML document with footnotes and the table of authorities, as `pinpoint export` does. It asks for the
 * format, the style and the file (the save dialog asks before replacing one); the language server formats
 * the brief with the workspace's corpora and answers with the file's bytes, which this command writes.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { builtInStyles, defaultStyleId } from '../../server/src/export/style';

interface ExportAnswer {
  readonly data: string;
  readonly broken: readonly { readonly text: string; readonly line: number; readonly messages: readonly string[] }[];
  readonly warnings: readonly string[];
  readonly citations: number;
}

const FORMATS: { label: string; format: 'docx' | 'html'; extension: string; filter: Record<string, string[]> }[] = [
  { label: 'Word document (.docx)', format: 'docx', extension: 'docx', filter: { 'Word document': ['docx'] } },
  { label: 'HTML (.html)', format: 'html', extension: 'html', filter: { HTML: ['html', 'htm'] } },
];

async function briefDocument(target: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (target) {
    return vscode.workspace.openTextDocument(target);
  }
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'markdown' ? editor.document : undefined;
}

/** Runs the command. `output` receives the warnings and broken citations of each export. */
export async function exportBrief(client: LanguageClient | undefined, output: vscode.OutputChannel, target?: vscode.Uri): Promise<void> {
  const document = await briefDocument(target);
  if (!document || document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Pinpoint: open a Markdown brief to export it.');
    return;
  }
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage("Pinpoint: the language server is not running; run 'Pinpoint: Restart Language Server' and try again.");
    return;
  }
  const format = await vscode.window.showQuickPick(
    FORMATS.map((entry) => ({ ...entry })),
    { title: 'Pinpoint: Export Brief — format', placeHolder: 'Write the brief as…' },
  );
  if (!format) {
    return;
  }
  const styles = [...builtInStyles.values()];
  const style =
    styles.length === 1
      ? styles[0]
      : (
          await vscode.window.showQuickPick(
            styles
              .sort((left, right) => (left.id === defaultStyleId ? -1 : right.id === defaultStyleId ? 1 : 0))
              .map((entry) => ({ label: entry.name, description: entry.placement === 'footnote' ? 'footnotes' : 'in the text', detail: entry.description, style: entry })),
            { title: 'Pinpoint: Export Brief — citation style' },
          )
        )?.style;
  if (!style) {
    return;
  }
  const defaultUri = document.uri.with({ path: document.uri.path.replace(/\.(md|markdown)$/i, '') + `.${format.extension}` });
  const destination = await vscode.window.showSaveDialog({ defaultUri, filters: format.filter, title: 'Pinpoint: Export Brief', saveLabel: 'Export' });
  if (!destination) {
    return;
  }
  let answer: ExportAnswer;
  try {
    answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pinpoint: exporting the brief…' }, () =>
      client.sendRequest<ExportAnswer>('pinpoint/exportBrief', { textDocument: { uri: document.uri.toString() }, text: document.getText(), format: format.format, style: style.id }),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Pinpoint: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const name = vscode.workspace.asRelativePath(destination);
  if (answer.broken.length > 0) {
    const choice = await vscode.window.showWarningMessage(
      `Pinpoint: ${answer.broken.length} citation${answer.broken.length === 1 ? ' is' : 's are'} broken. Export anyway, with ${answer.broken.length === 1 ? 'it' : 'them'} marked and listed at the end?`,
      { modal: true },
      'Export Anyway',
    );
    if (choice !== 'Export Anyway') {
      return;
    }
  }
  try {
    await vscode.workspace.fs.writeFile(destination, Buffer.from(answer.data, 'base64'));
  } catch (error) {
    void vscode.window.showErrorMessage(`Pinpoint: could not write ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const lines = [`Exported ${vscode.workspace.asRelativePath(document.uri)} to ${name} (${style.name}, ${answer.citations} citation${answer.citations === 1 ? '' : 's'}).`];
  lines.push(...answer.warnings.map((warning) => `  warning: ${warning}`));
  lines.push(...answer.broken.map((broken) => `  broken: line ${broken.line}: ${broken.text}: ${broken.messages.join('; ')}`));
  output.appendLine(lines.join('\n'));
  const details = answer.warnings.length > 0 ? ` ${answer.warnings.length} warning${answer.warnings.length === 1 ? '' : 's'} in the Pinpoint Export output.` : '';
  const open = await vscode.window.showInformationMessage(`Pinpoint: exported ${name}.${details}`, 'Open', ...(details ? ['Show Warnings'] : []));
  if (open === 'Open') {
    await vscode.env.openExternal(destination);
  } else if (open === 'Show Warnings') {
    output.show(true);
  }
}
