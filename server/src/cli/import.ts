/**
 * `pinpoint import SOURCE… --out DIR [--id ID]… [--force] [--translations]`: converts legal texts (scanned
 * text, Akoma Ntoso XML, JSON treaty datasets, statute Markdown) into corpus files in DIR (spec.md §5).
 *
 * This file does the IO (arguments, reading, walking folders, writing, progress, the summary); the
 * conversion itself is the pure code in `server/src/import/`.
 * Exit codes: 0 when at least one document was written, 1 when nothing could be imported, 2 for bad usage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type CorpusFileOutput,
  detectFormat,
  formatNames,
  IdAllocator,
  type SourceFormat,
  importableExtensions,
  importSource,
  isValidDocId,
  renderImported,
} from '../import';
import { decodeText, readRegularFile } from '../safeRead';
import { writeFileSafely } from '../safeWrite';

/** The largest source file read (the largest dataset file is a few megabytes). */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/** Where the command writes its output; replaced in tests. */
export interface IImportConsole {
  /** Writes to standard output (the summary). */
  out(text: string): void;
  /** Writes to standard error (progress, errors). */
  err(text: string): void;
  /** True when standard error is a terminal, so progress may redraw one line. */
  readonly interactive: boolean;
}

const processConsole: IImportConsole = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
};

const usage = `usage: pinpoint import SOURCE… --out DIR [--id ID]… [--force] [--translations]

Converts legal texts into corpus files (one Markdown file per document) in DIR.
SOURCE is a file or a folder (read recursively): scanned text (.txt), Akoma Ntoso XML (.xml),
JSON treaty datasets (.json), statute Markdown (.md) or the Netherlands treaty database's
Markdown (its README.md files, detected by their content).

  --out DIR        the folder to write to (created if missing)
  --id ID          the id of the next document, in document order; repeat it or separate ids by commas
  --force          overwrite corpus files that already exist
  --translations   also write the non-authentic language versions a source carries (ID.zh.md, ID.nl.md, …)
`;

/** The parsed command line. */
interface ImportArguments {
  readonly sources: string[];
  readonly out: string;
  readonly ids: string[];
  readonly force: boolean;
  readonly translations: boolean;
}

/** Parses the arguments after `import`; returns a message for bad usage. */
function parseArguments(argv: readonly string[]): ImportArguments | { error: string } | 'help' {
  const sources: string[] = [];
  const ids: string[] = [];
  let out: string | undefined;
  let force = false;
  let translations = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const [name, inline] = argument.startsWith('--') && argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++index]);
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '--out':
      case '-o': {
        const given = value();
        if (given === undefined || given === '') {
          return { error: '--out needs a folder' };
        }
        out = given;
        break;
      }
      case '--id': {
        const given = value();
        if (given === undefined || given === '') {
          return { error: '--id needs an id' };
        }
        for (const id of given.split(',').map((part) => part.trim())) {
          if (!isValidDocId(id)) {
            return { error: `--id ${id}: not a document id (four digits, '-', capitals and digits, e.g. 2023-JS)` };
          }
          if (ids.includes(id)) {
            return { error: `--id ${id} is given twice` };
          }
          ids.push(id);
        }
        break;
      }
      case '--force':
      case '-f':
        force = true;
        break;
      case '--translations':
        translations = true;
        break;
      default:
        if (argument.startsWith('-') && argument !== '-') {
          return { error: `unknown option ${argument}` };
        }
        sources.push(argument);
    }
  }
  if (sources.length === 0) {
    return { error: 'no SOURCE given' };
  }
  if (out === undefined) {
    return { error: '--out DIR is required' };
  }
  return { sources, out, ids, force, translations };
}

/** A file found for import; `onlyIf` keeps it only when its content is that format (a folder's README.md). */
interface WalkedFile {
  readonly file: string;
  readonly named: boolean;
  readonly onlyIf?: SourceFormat;
}

/** A file that was looked at, and what came of it. */
interface FileOutcome {
  readonly file: string;
  readonly written: { file: CorpusFileOutput; path: string }[];
  readonly reason?: string;
}

/** Runs `pinpoint import` with the arguments after `import`; resolves to the exit code. Never rejects. */
export async function run(argv: string[], console: IImportConsole = processConsole): Promise<number> {
  try {
    return await runImport(argv, console);
  } catch (error) {
    // NOTE: the user gets a message, never a stack trace; the pure importers do not throw, so this is IO.
    console.err(`pinpoint import: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function runImport(argv: string[], console: IImportConsole): Promise<number> {
  const parsed = parseArguments(argv);
  if (parsed === 'help') {
    console.out(usage);
    return 0;
  }
  if ('error' in parsed) {
    console.err(`pinpoint import: ${parsed.error}\n\n${usage}`);
    return 2;
  }
  const outDirectory = path.resolve(parsed.out);
  if (fs.existsSync(outDirectory) && !fs.statSync(outDirectory).isDirectory()) {
    console.err(`pinpoint import: --out ${parsed.out} is a file, not a folder\n`);
    return 2;
  }

  // Gather the files: named files as they are, folders walked in sorted order so runs are reproducible.
  const files: WalkedFile[] = [];
  const problems: string[] = [];
  for (const source of parsed.sources) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(source);
    } catch (error) {
      problems.push(`${source}: ${describeIoError(error)}`);
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.length;
      walk(source, outDirectory, files);
      if (files.length === before) {
        problems.push(`${source}: no importable files (${importableExtensions.join(' ')}) in this folder`);
      }
    } else {
      files.push({ file: source, named: true });
    }
  }

  const allocator = new IdAllocator(parsed.ids);
  const outcomes: FileOutcome[] = [];
  const guessLines: string[] = [];
  const skippedLines: string[] = [];
  const progress = new Progress(console, files.length, files.length > 1 && parsed.sources.some((source) => isDirectory(source)));
  const written = new Set<string>();
  let created = false;

  for (const [index, { file, named, onlyIf }] of files.entries()) {
    progress.update(index, file);
    // NOTE: only regular files, and never more than MAX_SOURCE_BYTES: a named pipe or /dev/zero given as a
    // source must not hang the import or fill memory.
    const read = readRegularFile(file, MAX_SOURCE_BYTES);
    const decoded = 'error' in read ? read : decodeText(read.bytes, file);
    if ('error' in decoded) {
      if (onlyIf === undefined) {
        outcomes.push({ file, written: [], reason: withoutName(decoded.error, file) });
      }
      continue;
    }
    if (decoded.encoding === 'Windows-1252') {
      // NOTE: a guessed encoding would put wrong characters into a legal text; the source is refused instead.
      if (onlyIf === undefined) {
        outcomes.push({ file, written: [], reason: 'not UTF-8 text (save it as UTF-8, or as UTF-16 with a byte-order mark)' });
      }
      continue;
    }
    if (decoded.warning !== undefined) {
      guessLines.push(`${file}:1: ${withoutName(decoded.warning, file)}`);
    }
    const text = decoded.text;
    const format = detectFormat(file, text);
    if (onlyIf !== undefined && format !== onlyIf) {
      // A README that is documentation: not a source, not a failure.
      continue;
    }
    if (!format) {
      outcomes.push({ file, written: [], reason: named ? 'not a format pinpoint can import' : 'not a legal text format' });
      continue;
    }
    const result = importSource(format, text, file);
    for (const note of result.guesses) {
      guessLines.push(`${file}:${note.line}: ${note.message}`);
    }
    for (const note of result.skipped) {
      skippedLines.push(`${file}:${note.line}: ${note.message}`);
    }
    if (result.error) {
      outcomes.push({ file, written: [], reason: `${formatNames[format]}: ${result.error.message}${result.error.line > 0 ? ` (line ${result.error.line})` : ''}` });
      continue;
    }
    const rendered = renderImported(result.documents, allocator, { translations: parsed.translations });
    for (const note of rendered.guesses) {
      guessLines.push(`${file}:${note.line}: ${note.message}`);
    }
    const outcome: FileOutcome = { file, written: [] };
    for (const output of rendered.files) {
      const target = path.resolve(outDirectory, output.fileName);
      // NOTE: ids are checked against the doc-id rule, so a file name can hold no separator; this check
      // keeps the promise never to write outside --out even if that rule ever changes.
      if (path.dirname(target) !== outDirectory) {
        skippedLines.push(`${file}:${output.line}: ${output.fileName} would be written outside ${parsed.out}; not written`);
        continue;
      }
      if (written.has(target)) {
        skippedLines.push(`${file}:${output.line}: ${output.id} was already written in this run; not written again`);
        continue;
      }
      if (!created) {
        fs.mkdirSync(outDirectory, { recursive: true });
        created = true;
      }
      // NOTE: never through a symbolic link planted in --out: a new file is created exclusively, and --force
      // replaces an existing file or link as an entry (the link goes, its target is left alone).
      const outcomeOfWrite = writeFileSafely(target, output.content, { replace: parsed.force });
      const shown = path.join(parsed.out, output.fileName);
      if (!outcomeOfWrite.written) {
        const hint = outcomeOfWrite.existing === 'file' ? ' (use --force to overwrite)' : outcomeOfWrite.existing === 'symbolic link' ? ' (use --force to replace the link itself)' : '';
        skippedLines.push(`${file}:${output.line}: ${shown} ${outcomeOfWrite.reason}${hint}`);
        continue;
      }
      if (outcomeOfWrite.replaced === 'symbolic link') {
        guessLines.push(`${file}:${output.line}: ${shown} was a symbolic link: the link was replaced by the file, its target left alone`);
      }
      written.add(target);
      outcome.written.push({ file: output, path: path.join(parsed.out, output.fileName) });
    }
    if (outcome.written.length === 0 && rendered.files.length === 0) {
      outcomes.push({ ...outcome, reason: 'no documents found' });
    } else {
      outcomes.push(outcome);
    }
  }
  progress.done();

  // The summary.
  const documents = outcomes.flatMap((outcome) => outcome.written.map((entry) => ({ ...entry, source: outcome.file })));
  const failed = outcomes.filter((outcome) => outcome.reason !== undefined);
  const lines: string[] = [];
  lines.push(`Imported ${plural(documents.length, 'document')} from ${plural(outcomes.length - failed.length, 'file')} into ${parsed.out}${failed.length > 0 ? `; skipped ${plural(failed.length, 'file')}` : ''}.`);
  for (const { file, path: written, source } of documents) {
    lines.push(`  ${written}  ${file.id}  ${describeCounts(file)}  (${source}:${file.line})`);
  }
  if (guessLines.length > 0) {
    lines.push('', `Guesses to review (${guessLines.length}):`, ...guessLines.map((line) => `  ${line}`));
  }
  if (skippedLines.length > 0) {
    lines.push('', `Not imported (${skippedLines.length}):`, ...skippedLines.map((line) => `  ${line}`));
  }
  if (failed.length > 0) {
    lines.push('', `Skipped files (${failed.length}):`);
    const reasons = new Map<string, number>();
    for (const outcome of failed) {
      lines.push(`  ${outcome.file}: ${outcome.reason}`);
      const reason = (outcome.reason ?? '').replace(/ \(line \d+\)$/, '');
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    if (failed.length > 1) {
      lines.push('', 'Skipped files by reason:', ...[...reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `  ${count}  ${reason}`));
    }
  }
  console.out(`${lines.join('\n')}\n`);
  for (const problem of problems) {
    console.err(`pinpoint import: ${problem}\n`);
  }
  // A file the user named and that failed gets its message on standard error too, not only in the summary.
  const named = new Set(files.filter((entry) => entry.named).map((entry) => entry.file));
  for (const outcome of failed.filter((entry) => named.has(entry.file))) {
    console.err(`pinpoint import: ${outcome.file}: ${outcome.reason}\n`);
  }
  if (documents.length === 0) {
    console.err('pinpoint import: nothing could be imported\n');
    return 1;
  }
  for (const id of allocator.unused) {
    console.err(`pinpoint import: --id ${id} was not used: there were fewer documents than ids\n`);
  }
  return 0;
}

/** Collects importable files under a folder, sorted, skipping hidden folders, node_modules and the output. */
function walk(folder: string, outDirectory: string, files: WalkedFile[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules' && path.resolve(full) !== outDirectory) {
        walk(full, outDirectory, files);
      }
    } else if (entry.isFile() && importableExtensions.some((extension) => entry.name.toLowerCase().endsWith(extension))) {
      // NOTE: a folder's README is its documentation, except in the Netherlands treaty database, whose every
      // treaty is a README.md: those are read, and kept only when their content is that format.
      const documentation = /^(readme|license|licence|changelog|contributing)\b/i.test(entry.name);
      if (!documentation || /^readme\.md$/i.test(entry.name)) {
        files.push({ file: full, named: false, ...(documentation ? { onlyIf: 'nl-treaty' as const } : {}) });
      }
    }
  }
}

function isDirectory(source: string): boolean {
  try {
    return fs.statSync(source).isDirectory();
  } catch {
    return false;
  }
}

/** Progress on standard error for folder imports: one redrawn line on a terminal, a line per tenth otherwise. */
class Progress {
  #lastDraw = 0;
  #lastTenth = 0;

  constructor(
    private readonly console: IImportConsole,
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  update(index: number, file: string): void {
    if (!this.enabled) {
      return;
    }
    if (this.console.interactive) {
      const now = Date.now();
      if (now - this.#lastDraw >= 100) {
        this.#lastDraw = now;
        const name = file.length > 60 ? `…${file.slice(-59)}` : file;
        this.console.err(`\r\x1b[K[${index + 1}/${this.total}] ${name}`);
      }
      return;
    }
    const tenth = Math.floor(((index + 1) * 10) / this.total);
    if (tenth > this.#lastTenth) {
      this.#lastTenth = tenth;
      this.console.err(`importing: ${index + 1}/${this.total} files\n`);
    }
  }

  done(): void {
    if (this.enabled && this.console.interactive) {
      this.console.err('\r\x1b[K');
    }
  }
}

function describeCounts(file: CorpusFileOutput): string {
  const parts: string[] = [];
  if (file.counts.sections > 0) {
    parts.push(plural(file.counts.sections, 'section'));
  }
  parts.push(plural(file.counts.paragraphs, 'paragraph'));
  if (file.counts.items > 0) {
    parts.push(plural(file.counts.items, 'item'));
  }
  return `${parts.join(', ')}${file.versionOf ? ' (language version, not authentic)' : ''}`;
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** A message about a file without the file's name at its start (the summary names the file already). */
function withoutName(message: string, file: string): string {
  return message.startsWith(`${file} `) ? message.slice(file.length + 1) : message;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
