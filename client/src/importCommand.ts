/**
 * "Pinpoint: Import into Corpus…": converts the selected file (scanned text, Akoma Ntoso XML, a JSON treaty
 * dataset or statute Markdown) into corpus files, in process, with the same pure importers as
 * `pinpoint import` (server/src/import/). It asks for the output folder (default: the first
 * `pinpoint.corpus.paths` entry of the file's workspace folder) and an optional id, never overwrites a
 * file without asking, and writes a summary to the "Pinpoint Import" output channel.
 *
 * The pure part (text in, files and summary out) is importPlan.ts, tested without VS Code.
 */
import * as vscode from 'vscode';
import { detectFormat } from '../../server/src/import';
import { checkIds, idQuestion, parseIds, planImport } from './importPlan';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The default output folder: the first `pinpoint.corpus.paths` entry, taken from the file's workspace folder. */
function defaultOutputFolder(source: vscode.Uri): vscode.Uri | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(source) ?? vscode.workspace.workspaceFolders?.[0];
  const paths = vscode.workspace.getConfiguration('pinpoint', folder?.uri ?? source).get<string[]>('corpus.paths') ?? ['corpus'];
  const first = paths[0] ?? 'corpus';
  if (/^([a-zA-Z]:[\\/]|[\\/])/.test(first)) {
    return vscode.Uri.file(first);
  }
  return folder ? vscode.Uri.joinPath(folder.uri, first) : undefined;
}

async function askOutputFolder(source: vscode.Uri): Promise<vscode.Uri | undefined> {
  const fallback = defaultOutputFolder(source);
  const choose = 'Choose a folder…';
  const picked = fallback
    ? await vscode.window.showQuickPick(
        [
          { label: vscode.workspace.asRelativePath(fallback), description: 'the first of pinpoint.corpus.paths', uri: fallback },
          { label: choose, description: '', uri: undefined },
        ],
        { title: 'Pinpoint: Import into Corpus — output folder', placeHolder: 'Where should the corpus files go?' },
      )
    : { label: choose, uri: undefined };
  if (!picked) {
    return undefined;
  }
  if (picked.uri) {
    return picked.uri;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Import here', defaultUri: fallback });
  return chosen?.[0];
}

/** Runs the command on a file (from the explorer or editor menu, or the active editor). */
export async function importIntoCorpus(output: vscode.OutputChannel, target?: vscode.Uri): Promise<void> {
  let source = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!source || source.scheme === 'untitled') {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', filters: { 'Legal texts': ['txt', 'xml', 'akn', 'json', 'md', 'markdown'] } });
    source = picked?.[0];
  }
  if (!source) {
    return;
  }
  const fileName = source.path.replace(/^.*\//, '');
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(source));
  } catch (error) {
    void vscode.window.showErrorMessage(`Pinpoint could not read ${fileName}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (detectFormat(fileName, text) === undefined) {
    void vscode.window.showErrorMessage(`Pinpoint cannot import ${fileName}: use scanned text (.txt), Akoma Ntoso (.xml), a JSON treaty dataset (.json) or statute Markdown (.md).`);
    return;
  }
  // NOTE: read once before asking anything, so that a file that cannot be imported says so at once, and the
  // question for the ids can say how many documents the file holds and propose their ids.
  const preview = planImport(vscode.workspace.asRelativePath(source), text, { ids: [], translations: false });
  if (preview.error) {
    void vscode.window.showErrorMessage(`Pinpoint import failed: ${preview.error}`);
    return;
  }
  const folder = await askOutputFolder(source);
  if (!folder) {
    return;
  }
  const question = idQuestion(preview);
  const idInput = await vscode.window.showInputBox({
    title: `Pinpoint: Import into Corpus — document id${question.count === 1 ? '' : 's'}`,
    prompt: question.prompt,
    value: question.value,
    placeHolder: 'e.g. 1969-VCLT; empty: the proposed ids',
    validateInput: (value) => checkIds(value, question.count),
  });
  if (idInput === undefined) {
    return;
  }
  const parsedIds = parseIds(idInput);
  const ids = 'ids' in parsedIds ? parsedIds.ids : [];
  let translations = false;
  if (detectFormat(fileName, text) === 'json-treaty') {
    const answer = await vscode.window.showQuickPick(['English only', 'English and the Chinese translation (ID.zh.md)'], { title: 'Pinpoint: Import into Corpus — language versions' });
    if (answer === undefined) {
      return;
    }
    translations = answer !== 'English only';
  }

  const plan = planImport(vscode.workspace.asRelativePath(source), text, { ids, translations });
  output.appendLine(`[${new Date().toISOString()}] ${vscode.workspace.asRelativePath(source)} → ${vscode.workspace.asRelativePath(folder)}`);
  if (plan.error) {
    output.appendLine(plan.error);
    output.show(true);
    void vscode.window.showErrorMessage(`Pinpoint import failed: ${plan.error}`);
    return;
  }
  // NOTE: never overwrite without asking; the user may keep the existing files and write only the new ones.
  const targets = plan.files.map((file) => ({ file, uri: vscode.Uri.joinPath(folder, file.fileName) }));
  const existing: typeof targets = [];
  for (const entry of targets) {
    if (await exists(entry.uri)) {
      existing.push(entry);
    }
  }
  let toWrite = targets;
  if (existing.length > 0) {
    const overwrite = 'Overwrite';
    const skip = 'Write only new files';
    const answer = await vscode.window.showWarningMessage(
      `${existing.map((entry) => entry.file.fileName).join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'} in ${vscode.workspace.asRelativePath(folder)}.`,
      { modal: true },
      overwrite,
      ...(existing.length < targets.length ? [skip] : []),
    );
    if (answer === undefined) {
      output.appendLine('Cancelled: nothing was written.');
      return;
    }
    if (answer === skip) {
      toWrite = targets.filter((entry) => !existing.includes(entry));
    }
  }
  await vscode.workspace.fs.createDirectory(folder);
  for (const entry of toWrite) {
    await vscode.workspace.fs.writeFile(entry.uri, new TextEncoder().encode(entry.file.content));
  }
  for (const line of plan.summary) {
    output.appendLine(line);
  }
  const skipped = targets.length - toWrite.length;
  output.appendLine(`Wrote ${toWrite.length} file${toWrite.length === 1 ? '' : 's'}${skipped > 0 ? `; kept ${skipped} existing` : ''}.`);
  output.show(true);
  if (toWrite.length > 0) {
    const open = 'Open';
    const answer = await vscode.window.showInformationMessage(`Pinpoint imported ${toWrite.length} file${toWrite.length === 1 ? '' : 's'} into ${vscode.workspace.asRelativePath(folder)}.`, open);
    if (answer === open) {
      await vscode.window.showTextDocument(toWrite[0].uri);
    }
  }
}
