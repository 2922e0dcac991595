/**
 * `pinpoint export BRIEF.md --format docx|html [--out FILE] [--corpus DIR]… [--no-builtin] [--style NAME|FILE.json]
 * [--force]`: writes the brief as a Word or HTML document, its citations formatted in a legal style, with the
 * table of authorities (spec.md §5). The export itself is the pure code in `server/src/export/`; this file
 * reads the brief and the corpora and writes the file, never over an existing file without `--force` and
 * never through a symbolic link.
 * Exit status: 1 if the brief has broken citations (they are marked in the file and listed on standard
 * error; `--force` accepts them and exits 0), 0 otherwise, 2 for bad usage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtInStyle, builtInStyles, CitationStyle, defaultStyleId, exportBrief, ExportFormat, exportFormats, parseStyle } from '../export';
import { isMarkdownPath, pathToUri } from '../nodeHost';
import { writeFileSafely } from '../safeWrite';
import { parseCommandArguments } from './args';
import { reportBriefErrors } from './check';
import { corpusRoots, loadCorpora, openBrief } from './workspace';

export const EXPORT_USAGE = `usage: pinpoint export BRIEF.md --format docx|html [--out FILE] [--corpus DIR]… [--no-builtin] [--style NAME|FILE.json] [--force]

Writes the brief as a Word (.docx) or HTML document: its citations become footnotes in a legal style (the
full reference first, the short title and Ibid after) and the document opens with the table of authorities.
The corpora are those of 'pinpoint check'.

  --format docx|html   what to write (may be left out when --out ends in .docx or .html)
  --out FILE           where to write it (default: the brief's name with .docx or .html, beside it)
  --style NAME         ${[...builtInStyles.values()].map((style) => `${style.id} (${style.name})`).join(', ')}; default ${defaultStyleId};
                       or a style file (.json) in the same form as the built-in ones
  --force              overwrite FILE if it exists, and export a brief with broken citations with exit status 0

Exit status: 1 if the brief has broken citations (marked in the document and listed on standard error),
0 otherwise, 2 for bad usage.`;

/** Why the command stops: a message for standard error, with exit status 2. */
class ExportError extends Error {}

function extensionFormat(file: string): ExportFormat | undefined {
  const extension = path.extname(file).toLowerCase();
  return extension === '.docx' ? 'docx' : extension === '.html' || extension === '.htm' ? 'html' : undefined;
}

/** The style named on the command line: a built-in one, or a JSON file. */
function loadStyle(name: string): CitationStyle {
  const builtIn = builtInStyle(name);
  if (builtIn) {
    return builtIn;
  }
  const known = [...builtInStyles.keys()].join(', ');
  if (!name.toLowerCase().endsWith('.json')) {
    throw new ExportError(`unknown style '${name}': use ${known}, or a style file (.json)`);
  }
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(name, 'utf8'));
  } catch (error) {
    throw new ExportError(`style file ${name} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseStyle(data);
  if ('error' in parsed) {
    throw new ExportError(`style file ${name} is not a citation style: ${parsed.error}`);
  }
  return parsed.style;
}

/**
 * Checks that `target` may be written: its folder exists and is writable, and it is not a link or a folder.
 * Returns true when it exists (and `force` allows replacing it). Messages name files as `shown` names them.
 */
function checkTarget(target: string, shown: string, brief: string, force: boolean): boolean {
  if (path.resolve(target) === path.resolve(brief)) {
    throw new ExportError(`--out ${shown} is the brief itself`);
  }
  const folder = path.dirname(shown);
  const folderPath = path.dirname(target);
  let folderStat: fs.Stats;
  try {
    folderStat = fs.statSync(folderPath);
  } catch {
    throw new ExportError(`cannot write ${shown}: the folder ${folder} does not exist`);
  }
  if (!folderStat.isDirectory()) {
    throw new ExportError(`cannot write ${shown}: ${folder} is not a folder`);
  }
  try {
    fs.accessSync(folderPath, fs.constants.W_OK);
  } catch {
    throw new ExportError(`cannot write ${shown}: the folder ${folder} is not writable`);
  }
  let existing: fs.Stats | undefined;
  try {
    existing = fs.lstatSync(target);
  } catch {
    existing = undefined;
  }
  if (!existing) {
    return false;
  }
  if (existing.isSymbolicLink()) {
    throw new ExportError(`${shown} is a symbolic link; Pinpoint does not write through links: remove it or choose another --out`);
  }
  if (!existing.isFile()) {
    throw new ExportError(`${shown} exists and is not a file`);
  }
  if (!force) {
    throw new ExportError(`${shown} exists (use --force to overwrite it)`);
  }
  return true;
}

/**
 * Writes a new file, failing if one appeared meanwhile (created exclusively, which also refuses a link); with
 * `replace`, writes a new file beside the target and renames it over the target, which replaces a link
 * itself rather than what it points to (`writeFileSafely`, as `pinpoint import` writes).
 */
function writeFile(target: string, shown: string, data: Uint8Array, replace: boolean): void {
  const outcome = writeFileSafely(target, data, { replace });
  if (!outcome.written) {
    throw new ExportError(outcome.existing !== undefined || outcome.reason.startsWith('appeared') ? `${shown} appeared while exporting; not overwritten (use --force)` : `${shown} ${outcome.reason}`);
  }
}

/** Runs `export`; returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArguments('export', argv, { flags: ['no-builtin', 'force'], options: ['format', 'out', 'style'], repeatable: ['corpus'] }, EXPORT_USAGE);
  if ('exitCode' in parsed) {
    return parsed.exitCode;
  }
  try {
    return await exportCommand(parsed.positional, parsed.options, parsed.repeated.get('corpus') ?? [], parsed.flags);
  } catch (error) {
    if (error instanceof ExportError) {
      process.stderr.write(`pinpoint export: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function exportCommand(positional: readonly string[], options: ReadonlyMap<string, string>, corpusArgs: readonly string[], flags: ReadonlySet<string>): Promise<number> {
  if (positional.length !== 1) {
    process.stderr.write(`pinpoint export: give exactly one brief\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  const given = positional[0];
  const out = options.get('out');
  const formatName = options.get('format') ?? (out ? extensionFormat(out) : undefined);
  if (formatName === undefined) {
    throw new ExportError('give --format docx or --format html (or an --out file ending in .docx or .html)');
  }
  if (!(exportFormats as readonly string[]).includes(formatName)) {
    throw new ExportError(`unknown format '${formatName}': use docx or html`);
  }
  const format = formatName as ExportFormat;
  const style = loadStyle(options.get('style') ?? defaultStyleId);
  for (const corpus of corpusArgs) {
    if (!fs.existsSync(corpus)) {
      throw new ExportError(`corpus folder ${corpus} does not exist`);
    }
  }
  const file = path.resolve(given);
  let briefStat: fs.Stats | undefined;
  try {
    briefStat = fs.statSync(file);
  } catch {
    briefStat = undefined;
  }
  if (!briefStat || !briefStat.isFile()) {
    throw new ExportError(`${given} is not a file`);
  }
  if (!isMarkdownPath(file)) {
    throw new ExportError(`${given} is not a Markdown brief (.md or .markdown)`);
  }
  const target = path.resolve(out ?? file.replace(/\.(md|markdown)$/i, '') + `.${format}`);
  const relative = path.relative(process.cwd(), target);
  const shown = out ?? (relative.startsWith('..') ? target : relative);
  const force = flags.has('force');
  const replace = checkTarget(target, shown, file, force);

  const workspace = loadCorpora(corpusRoots(corpusArgs, flags.has('no-builtin')));
  for (const warning of workspace.warnings) {
    process.stderr.write(`pinpoint: warning: ${warning}\n`);
  }
  if (workspace.service.index.get(pathToUri(file))) {
    throw new ExportError(`${given} is a corpus file, not a brief`);
  }
  const document = openBrief(file, (warning) => process.stderr.write(`pinpoint: warning: ${warning}\n`));
  if ('error' in document) {
    throw new ExportError(document.error);
  }
  const scope = workspace.roots;
  const result = await exportBrief(workspace.service, document, scope, { format, style });
  writeFile(target, shown, result.data, replace);

  for (const warning of result.warnings) {
    process.stderr.write(`pinpoint export: warning: ${warning}\n`);
  }
  const errors = reportBriefErrors(workspace.service, document, scope, file);
  const written = style.placement === 'footnote' ? `${result.citations} footnote${result.citations === 1 ? '' : 's'}` : `${result.citations} citation${result.citations === 1 ? '' : 's'}`;
  const broken = result.broken.length > 0 ? `; ${result.broken.length} broken citation${result.broken.length === 1 ? '' : 's'} marked and listed at the end` : '';
  process.stdout.write(`Wrote ${shown}: ${written} in ${style.name} style${broken}.\n`);
  return errors > 0 && !force ? 1 : 0;
}
