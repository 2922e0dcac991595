/**
 * Loads corpora and briefs from the file system for the command line, through the same core as the
 * language server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtInCorpusPath, builtInLibraryPath, isUnder, pathToUri, readText, walkMarkdown } from '../nodeHost';
import { readTextFile } from '../safeRead';
import { createLanguageService, LanguageService } from '../service/languageService';

/** A loaded command-line workspace. */
export interface CliWorkspace {
  readonly service: LanguageService;
  /** The corpus roots, in priority order (the scope of every brief). */
  readonly roots: readonly string[];
  /** Corpus files that were indexed, by path. */
  readonly corpusFiles: readonly string[];
  /** Problems met while reading (unreadable files, loops). */
  readonly warnings: readonly string[];
}

/**
 * The corpus roots the command line uses: the built-in corpus (unless `noBuiltIn`), then each `--corpus`
 * folder, or, when none is given, `./corpus` and the `corpus` folder of each folder checked (or of each file's folder), where they exist
 * (as the extension's default setting takes `corpus` from each workspace folder).
 */
export function corpusRoots(corpusArgs: readonly string[], noBuiltIn: boolean, cwd = process.cwd(), targets: readonly string[] = []): string[] {
  const roots: string[] = [];
  if (!noBuiltIn) {
    roots.push(builtInCorpusPath());
    if (fs.existsSync(builtInLibraryPath())) {
      roots.push(builtInLibraryPath());
    }
  }
  const folders = [cwd];
  for (const target of targets.map((entry) => path.resolve(cwd, entry)).filter((entry) => fs.existsSync(entry))) {
    folders.push(fs.statSync(target).isDirectory() ? target : path.dirname(target));
  }
  const given = corpusArgs.length > 0 ? corpusArgs : folders.map((folder) => path.join(folder, 'corpus')).filter((folder) => fs.existsSync(folder));
  for (const entry of given) {
    roots.push(path.resolve(cwd, entry));
  }
  return [...new Set(roots)];
}

/** Indexes every corpus file under the roots. */
export function loadCorpora(roots: readonly string[]): CliWorkspace {
  const service = createLanguageService({ logger: { warn: (message) => process.stderr.write(`pinpoint: ${message}\n`), info: () => undefined } });
  const corpusFiles: string[] = [];
  const warnings: string[] = [];
  for (const root of roots) {
    const walk = walkMarkdown(root);
    warnings.push(...walk.warnings);
    for (const file of walk.files) {
      if (roots.some((other) => other !== root && other.length > root.length && isUnder(file, other))) {
        continue; // a nested root owns it
      }
      const read = readText(file);
      if ('error' in read) {
        warnings.push(read.error);
        continue;
      }
      if (service.setCorpusFile(pathToUri(file), root, read.text)) {
        corpusFiles.push(file);
      }
    }
  }
  return { service, roots, corpusFiles, warnings };
}

/**
 * Opens a brief from disk as a text document: a regular file, UTF-8, or UTF-16 with a byte-order mark. A
 * brief that is not valid UTF-8 is read as Latin-1, and `onWarning` hears of it; one that cannot be text
 * (NUL bytes, broken UTF-16, UTF-32) or cannot be read is an error.
 */
export function openBrief(filePath: string, onWarning: (message: string) => void = () => undefined): TextDocument | { error: string } {
  const read = readTextFile(filePath);
  if ('error' in read) {
    return read;
  }
  if (read.warning !== undefined) {
    onWarning(read.warning);
  }
  return TextDocument.create(pathToUri(filePath), 'markdown', 1, read.text);
}
