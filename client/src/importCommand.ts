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
import { decodeText, readRegularFile } from '../../server/src/safeRead';
import { existingEntry, writeFileSafely } from '../../server/src/safeWrite';
import { checkIds, idQuestion, parseIds, planImport } from './importPlan';

/** The largest source file the command reads. */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/** What is at a target: nothing, a file, or a symbolic link (seen without following it, for files on disk). */
async function existing(uri: vscode.Uri): Promise<'none' | 'file' | 'symbolic link'> {
  if (uri.scheme === 'file') {
    try {
      const entry = existingEntry(uri.fsPath);
      return entry === 'none' || entry === 'symbolic link' ? entry : 'file';
    } catch {
      return 'file';
    }
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return stat.type & vscode.FileType.SymbolicLink ? 'symbolic link' : 'file';
  } catch {
    return 'none';
  }
}

/** Reads the source: on disk through the safe reader (regular files only, a size limit, UTF-16 by its mark). */
async function readSource(source: vscode.Uri): Promise<{ text: string } | { error: string }> {
  if (source.scheme === 'file') {
    const read = readRegularFile(source.fsPath, MAX_SOURCE_BYTES);
    const decoded = 'error' in read ? read : decodeText(read.bytes, source.fsPath);
    return 'error' in decoded ? decoded : { text: decoded.text };
  }
  try {
    return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(source)) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Writes one corpus file. On disk, through `writeFileSafely`: a new file is created exclusively and a
 * replaced one is replaced as an entry, so a symbolic link there is replaced, never written through.
 */
async function writeTarget(uri: vscode.Uri, content: string, replace: boolean): Promise<string | undefined> {
  if (uri.scheme === 'file') {
    const outcome = writeFileSafely(uri.fsPath, content, { replace });
    return outcome.written ? undefined : `${vscode.workspace.asRelativePath(uri)} ${outcome.reason}`;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return undefined;
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
export async function importIntoCorpus(output: vscode.OutputChannel, target?: vscode.Uri, wrote?: (uris: readonly vscode.Uri[]) => void): Promise<void> {
  let source = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!source || source.scheme === 'untitled') {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', filters: { 'Legal texts': ['txt', 'xml', 'akn', 'json', 'md', 'markdown'] } });
    source = picked?.[0];
  }
  if (!source) {
    return;
  }
  const fileName = source.path.replace(/^.*\//, '');
  const read = await readSource(source);
  if ('error' in read) {
    void vscode.window.showErrorMessage(`Pinpoint could not read ${fileName}: ${read.error}`);
    return;
  }
  const text = read.text;
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
  const present: typeof targets = [];
  const links: string[] = [];
  for (const entry of targets) {
    const kind = await existing(entry.uri);
    if (kind !== 'none') {
      present.push(entry);
    }
    if (kind === 'symbolic link') {
      links.push(entry.file.fileName);
    }
  }
  let toWrite = targets;
  if (present.length > 0) {
    const overwrite = 'Overwrite';
    const skip = 'Write only new files';
    const linkNote = links.length > 0 ? ` ${links.join(', ')} ${links.length === 1 ? 'is a symbolic link' : 'are symbolic links'}: overwriting replaces the link, not the file it points to.` : '';
    const answer = await vscode.window.showWarningMessage(
      `${present.map((entry) => entry.file.fileName).join(', ')} already ${present.length === 1 ? 'exists' : 'exist'} in ${vscode.workspace.asRelativePath(folder)}.${linkNote}`,
      { modal: true },
      overwrite,
      ...(present.length < targets.length ? [skip] : []),
    );
    if (answer === undefined) {
      output.appendLine('Cancelled: nothing was written.');
      return;
    }
    if (answer === skip) {
      toWrite = targets.filter((entry) => !present.includes(entry));
    }
  }
  await vscode.workspace.fs.createDirectory(folder);
  const written: typeof targets = [];
  for (const entry of toWrite) {
    const problem = await writeTarget(entry.uri, entry.file.content, present.includes(entry));
    if (problem === undefined) {
      written.push(entry);
    } else {
      output.appendLine(`Not written: ${problem}`);
    }
  }
  toWrite = written;
  // NOTE: the editor's file watcher can miss files written at once into a folder it has just seen created; the
  // language server is told of them directly (a change it hears twice is read twice, no harm).
  if (written.length > 0) {
    wrote?.(written.map((entry) => entry.uri));
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
