/**
 * The file-system side of the core's world, shared by the language server and the command line: finding
 * corpus files, reading them, and turning paths into URIs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A file URI for an absolute path. */
export function pathToUri(filePath: string): string {
  // NOTE: the common case, an absolute POSIX path of plain characters, needs no encoding; corpora of tens of
  // thousands of files make pathToFileURL's cost show at start-up.
  if (SAFE_PATH.test(filePath) && !filePath.includes('/.') && !filePath.includes('//')) {
    return `file://${filePath}`;
  }
  return pathToFileURL(filePath).href;
}

const SAFE_PATH = process.platform === 'win32' ? /^$/ : /^\/[A-Za-z0-9/._-]*$/;

/** The absolute path of a file URI, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) {
    return undefined;
  }
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Rewrites a client's file URI in this process's canonical form, so that map keys agree. */
export function canonicalUri(uri: string): string {
  const filePath = uriToPath(uri);
  return filePath === undefined ? uri : pathToUri(filePath);
}

/** The corpus shipped with the extension: `corpus/` beside `dist/`. */
export function builtInCorpusPath(): string {
  const candidates = [path.join(__dirname, '..', 'corpus'), path.join(__dirname, '..', '..', 'corpus')];
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

/** The starter library of multilateral treaties: `library/` beside `dist/`. */
export function builtInLibraryPath(): string {
  const candidates = [path.join(__dirname, '..', 'library'), path.join(__dirname, '..', '..', 'library')];
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

/** True when `filePath` is `root` or lies under it. */
export function isUnder(filePath: string, root: string): boolean {
  const relative = path.relative(root, filePath);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** True for Markdown file names. */
export function isMarkdownPath(filePath: string): boolean {
  return /\.(md|markdown)$/i.test(filePath);
}

/** What a walk of a folder found. */
export interface WalkResult {
  readonly files: string[];
  /** Problems met on the way (unreadable folders, symbolic link loops), as sentences for the user. */
  readonly warnings: string[];
}

/**
 * Lists the Markdown files under a folder (or the file itself), sorted, skipping hidden folders and
 * `node_modules`, following symbolic links once each (a loop is reported, not followed).
 */
export function walkMarkdown(root: string): WalkResult {
  const files: string[] = [];
  const warnings: string[] = [];
  const visited = new Set<string>();
  const visit = (current: string): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(current);
    } catch (error) {
      warnings.push(`cannot read ${current}: ${describeError(error)}`);
      return;
    }
    if (stat.isFile()) {
      if (isMarkdownPath(current)) {
        files.push(current);
      }
      return;
    }
    if (!stat.isDirectory()) {
      if (isMarkdownPath(current)) {
        warnings.push(`skipped ${current}: it is ${describeKind(stat)}, not a text file`);
      }
      return;
    }
    let real: string;
    try {
      real = fs.realpathSync(current);
    } catch (error) {
      warnings.push(`cannot read ${current}: ${describeError(error)}`);
      return;
    }
    if (visited.has(real)) {
      warnings.push(`skipped ${current}: a symbolic link loop leads back to ${real}`);
      return;
    }
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (error) {
      warnings.push(`cannot read folder ${current}: ${describeError(error)}`);
      return;
    }
    entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      const child = path.join(current, entry.name);
      if (entry.isDirectory() || entry.isSymbolicLink()) {
        visit(child);
      } else if (entry.isFile() && isMarkdownPath(entry.name)) {
        files.push(child);
      } else if (isMarkdownPath(entry.name)) {
        visit(child);
      }
    }
  };
  visit(root);
  return { files, warnings };
}

/** The largest file `readText` reads (a treaty is a few megabytes; this is far beyond any). */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

/** What a file system entry that is not a regular file is, in words. */
function describeKind(stat: fs.Stats): string {
  if (stat.isDirectory()) {
    return 'a folder';
  }
  if (stat.isFIFO()) {
    return 'a named pipe';
  }
  if (stat.isSocket()) {
    return 'a socket';
  }
  if (stat.isCharacterDevice() || stat.isBlockDevice()) {
    return 'a device';
  }
  return 'not a regular file';
}

/** Reads a text file as UTF-8, or says why it cannot. */
export function readText(filePath: string): { text: string } | { error: string } {
  let descriptor: number | undefined;
  try {
    // NOTE: opened without blocking and checked before reading: a named pipe called `*.md` (or a link to
    // one) would block the server for good, and a device such as /dev/zero would be read without end.
    descriptor = fs.openSync(filePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(descriptor);
    if (!stat.isFile()) {
      return { error: `${filePath} is ${describeKind(stat)}, not a text file` };
    }
    if (stat.size > MAX_TEXT_BYTES) {
      return { error: `${filePath} is too large to read (${Math.round(stat.size / 1048576)} MB; the limit is ${MAX_TEXT_BYTES / 1048576} MB)` };
    }
    const buffer = fs.readFileSync(descriptor);
    if (buffer.includes(0)) {
      return { error: `${filePath} is not a text file (it contains NUL bytes)` };
    }
    let text = buffer.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
    }
    return { text };
  } catch (error) {
    return { error: `cannot read ${filePath}: ${describeError(error)}` };
  } finally {
    if (descriptor !== undefined) {
      try {
        fs.closeSync(descriptor);
      } catch {
        // Nothing more can be done about a descriptor that does not close.
      }
    }
  }
}

/** A short description of a Node error. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    const known: Record<string, string> = {
      ENOENT: 'it does not exist',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      ELOOP: 'too many symbolic links',
      EISDIR: 'it is a folder',
      ENOTDIR: 'a part of the path is not a folder',
    };
    return known[code] ?? code;
  }
  return String(error);
}
