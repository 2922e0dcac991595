/**
 * The file-system side of the core's world, shared by the language server and the command line: finding
 * corpus files, reading them, and turning paths into URIs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeFileError, describeKind, readRegularFile } from './safeRead';

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

/** True for a Markdown document the client has open (language id `markdown`, or a Markdown file name). */
export function isMarkdownDocument(document: { readonly uri: string; readonly languageId: string }): boolean {
  if (document.languageId === 'markdown') {
    return true;
  }
  const filePath = uriToPath(document.uri);
  return filePath !== undefined && isMarkdownPath(filePath);
}

/** How far a walk of a folder may go. */
export interface WalkLimits {
  /** Folders more than this many levels below the root are not read. */
  readonly maxDepth: number;
  /** The walk stops once it has found this many Markdown files. */
  readonly maxFiles: number;
  /** The walk stops once it has looked at this many entries of any kind (files, folders, links). */
  readonly maxEntries: number;
}

/**
 * The limits of a walk of a corpus folder: far beyond any real corpus (the largest measured has 35,000 files;
 * the Dutch treaty collection nests 18 folders deep in 7,770 folders), near enough that a setting such as
 * `corpus.paths: ["/"]` ends in seconds with one message.
 */
export const CORPUS_WALK_LIMITS: WalkLimits = Object.freeze({ maxDepth: 32, maxFiles: 100_000, maxEntries: 300_000 });

/** At most this many warnings of one walk are kept; the others are only counted. */
const MAX_WALK_WARNINGS = 20;

/** What a walk of a folder found. */
export interface WalkResult {
  readonly files: string[];
  /** Problems met on the way (unreadable folders, symbolic link loops), as sentences for the user. */
  readonly warnings: string[];
  /** How many more problems there were than `warnings` holds. */
  readonly moreWarnings: number;
  /** Set when a limit stopped the walk or kept it out of folders: a sentence for the user. */
  readonly capped?: string;
  /** Which limit that was. */
  readonly limit?: keyof WalkLimits;
}

/**
 * Linux's pseudo file systems (proc, sysfs, debugfs, cgroup, cgroup2, securityfs, devpts, tracefs, bpf,
 * pstore, configfs, fusectl, binfmt_misc, mqueue), by `statfs` type: they hold no documents, and reading
 * them (all of /proc's processes) is slow and full of errors. A walk does not enter them.
 */
const PSEUDO_FILE_SYSTEMS = new Set([0x9fa0, 0x62656572, 0x64626720, 0x27e0eb, 0x63677270, 0x73636673, 0x1cd1, 0x74726163, 0xcafe4a11, 0x6165676c, 0x62656570, 0x65735543, 0x42494e4d, 0x19800202]);

/** True when a folder is the mount point of a pseudo file system (asked only where the device changes). */
function isPseudoFileSystem(folder: string): boolean {
  try {
    return PSEUDO_FILE_SYSTEMS.has(Number(fs.statfsSync(folder).type));
  } catch {
    return false;
  }
}

/** What a caller may add to a walk (the server's own file watching walks the folders it watches). */
export interface WalkOptions {
  /**
   * Called for each folder the walk is about to read, before it reads it, with its real path and its status;
   * returning false keeps the walk out of that folder.
   */
  readonly enter?: (folder: string, real: string, stat: fs.Stats) => boolean;
  /** The real paths of folders already read, shared between walks: the walk reads none of them again. */
  readonly visited?: Set<string>;
}

/** One folder being read: its entries, sorted, and how far the walk has got through them. */
interface WalkFrame {
  readonly folder: string;
  readonly depth: number;
  /** The device it is on, to notice a mount point below it. */
  readonly device: number;
  readonly entries: fs.Dirent[];
  next: number;
}

/**
 * A walk of a folder for Markdown files, sorted, skipping hidden folders and `node_modules`, following
 * symbolic links once each (a loop is reported, not followed), within limits. It advances in steps, so that
 * the language server can walk between requests (`walkMarkdownAsync`) and the command line all at once
 * (`walkMarkdown`), with the same rules; the server's own file watching watches each folder before the walk
 * reads it (`WalkOptions`).
 */
export class MarkdownWalk {
  readonly #files: string[] = [];
  readonly #warnings: string[] = [];
  #moreWarnings = 0;
  #capped: string | undefined;
  #limit: keyof WalkLimits | undefined;
  #tooDeep = 0;
  #entries = 0;
  readonly #visited: Set<string>;
  readonly #enter: WalkOptions['enter'];
  readonly #stack: WalkFrame[] = [];
  #started = false;

  constructor(
    readonly root: string,
    readonly limits: WalkLimits = CORPUS_WALK_LIMITS,
    options: WalkOptions = {},
  ) {
    this.#visited = options.visited ?? new Set<string>();
    this.#enter = options.enter;
  }

  /** Looks at up to `budget` more entries; true when the walk is over. */
  step(budget: number): boolean {
    if (!this.#started) {
      this.#started = true;
      this.#visit(this.root, 0, undefined);
    }
    for (let done = 0; done < budget && this.#stack.length > 0 && this.#capped === undefined; done++) {
      const frame = this.#stack[this.#stack.length - 1];
      if (frame.next >= frame.entries.length) {
        this.#stack.pop();
        continue;
      }
      const entry = frame.entries[frame.next++];
      if (++this.#entries > this.limits.maxEntries) {
        this.#capped = `stopped reading ${this.root} after looking at ${this.limits.maxEntries.toLocaleString('en')} files and folders`;
        this.#limit = 'maxEntries';
        break;
      }
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      const child = path.join(frame.folder, entry.name);
      if (entry.isDirectory() || entry.isSymbolicLink()) {
        this.#visit(child, frame.depth + 1, frame.device);
      } else if (entry.isFile() && isMarkdownPath(entry.name)) {
        this.#addFile(child);
      } else if (isMarkdownPath(entry.name)) {
        this.#visit(child, frame.depth + 1, frame.device);
      }
    }
    const over = this.#capped !== undefined || this.#stack.length === 0;
    if (over && this.#capped === undefined && this.#tooDeep > 0) {
      this.#capped = `did not read ${this.#tooDeep.toLocaleString('en')} folder${this.#tooDeep === 1 ? '' : 's'} of ${this.root} more than ${this.limits.maxDepth} levels deep`;
      this.#limit = 'maxDepth';
    }
    return over;
  }

  /** What the walk found so far (all of it once `step` has returned true). */
  result(): WalkResult {
    return {
      files: this.#files,
      warnings: this.#warnings,
      moreWarnings: this.#moreWarnings,
      ...(this.#capped !== undefined ? { capped: this.#capped, limit: this.#limit } : {}),
    };
  }

  #addFile(filePath: string): void {
    this.#files.push(filePath);
    if (this.#files.length >= this.limits.maxFiles) {
      this.#capped = `stopped reading ${this.root} after ${this.limits.maxFiles.toLocaleString('en')} Markdown files`;
      this.#limit = 'maxFiles';
    }
  }

  #warn(warning: string): void {
    if (this.#warnings.length < MAX_WALK_WARNINGS) {
      this.#warnings.push(warning);
    } else {
      this.#moreWarnings++;
    }
  }

  #visit(current: string, depth: number, parentDevice: number | undefined): void {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(current);
    } catch (error) {
      this.#warn(`cannot read ${current}: ${describeError(error)}`);
      return;
    }
    if (stat.isFile()) {
      if (isMarkdownPath(current)) {
        this.#addFile(current);
      }
      return;
    }
    if (!stat.isDirectory()) {
      if (isMarkdownPath(current)) {
        this.#warn(`skipped ${current}: it is ${describeKind(stat)}, not a text file`);
      }
      return;
    }
    if (depth > this.limits.maxDepth) {
      this.#tooDeep++;
      return;
    }
    if (stat.dev !== parentDevice && process.platform === 'linux' && isPseudoFileSystem(current)) {
      return;
    }
    let real: string;
    try {
      real = fs.realpathSync.native(current);
    } catch (error) {
      this.#warn(`cannot read ${current}: ${describeError(error)}`);
      return;
    }
    if (this.#visited.has(real)) {
      this.#warn(`skipped ${current}: a symbolic link loop leads back to ${real}`);
      return;
    }
    if (this.#enter && !this.#enter(current, real, stat)) {
      return;
    }
    this.#visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (error) {
      this.#warn(`cannot read folder ${current}: ${describeError(error)}`);
      return;
    }
    entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
    this.#stack.push({ folder: current, depth, device: stat.dev, entries, next: 0 });
  }
}

/** Lists the Markdown files under a folder (or the file itself), all at once: see `MarkdownWalk`. */
export function walkMarkdown(root: string, limits: WalkLimits = CORPUS_WALK_LIMITS): WalkResult {
  const walk = new MarkdownWalk(root, limits);
  while (!walk.step(Number.POSITIVE_INFINITY)) {
    // Every step runs to the end.
  }
  return walk.result();
}

/** How many entries a walk looks at between two turns of the event loop. */
export const WALK_SLICE = 256;

/**
 * Lists the Markdown files under a folder like `walkMarkdown`, letting the event loop run between slices of a
 * few hundred entries, so that requests are answered while a large tree is read. A small tree is read in
 * the first slice, before the promise is even returned. `betweenSlices` is given the files found so far.
 */
export async function walkMarkdownAsync(root: string, limits: WalkLimits = CORPUS_WALK_LIMITS, betweenSlices?: (found: readonly string[]) => void): Promise<WalkResult> {
  const walk = new MarkdownWalk(root, limits);
  while (!walk.step(WALK_SLICE)) {
    await new Promise((resolve) => setImmediate(resolve));
    betweenSlices?.(walk.result().files);
  }
  return walk.result();
}

/** The largest file `readText` reads (a treaty is a few megabytes; this is far beyond any). */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

/** Reads a text file as UTF-8 with its stamp when opened, or says why it cannot (`maxBytes`: a smaller limit than `MAX_TEXT_BYTES`); through the shared safe reader (regular files only, never past the limit). */
export function readText(filePath: string, options: { readonly maxBytes?: number } = {}): { text: string; stamp: { size: number; mtimeMs: number } } | { error: string } {
  const read = readRegularFile(filePath, Math.min(options.maxBytes ?? MAX_TEXT_BYTES, MAX_TEXT_BYTES));
  if ('error' in read) {
    return read;
  }
  if (read.bytes.includes(0)) {
    return { error: `${filePath} is not a text file (it contains NUL bytes)` };
  }
  const text = read.bytes.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, stamp: read.stamp };
}

/** A short description of a Node error. */
export const describeError: (error: unknown) => string = describeFileError;
