/**
 * The pure part of "Pinpoint: Import into Corpus…" (importCommand.ts): one source file's text in, the corpus
 * files to write and the summary for the output channel out, with the importers of `pinpoint import`.
 * No `vscode` import, so it is tested in node (test/unit/libraryImportCommand.test.ts).
 */
import { type CorpusFileOutput, detectFormat, formatNames, IdAllocator, importSource, isValidDocId, renderImported } from '../../server/src/import';

/** What an import of one source would write, and what to tell the user. */
export interface ImportPlan {
  /** The corpus files to write (plain file names, never paths). */
  readonly files: readonly CorpusFileOutput[];
  /** The summary for the output channel, one line per entry. */
  readonly summary: readonly string[];
  /** Set when nothing can be imported: a message for the user. */
  readonly error?: string;
}

/** Options of {@link planImport}. */
export interface ImportOptions {
  /** Ids for the documents, in document order (empty: proposed from each title). */
  readonly ids: readonly string[];
  /** Also write the translations a source carries (`ID.zh.md`). */
  readonly translations: boolean;
}

/** Converts one source file's text into corpus files. Pure; never throws. */
export function planImport(fileName: string, text: string, options: ImportOptions): ImportPlan {
  const format = detectFormat(fileName, text);
  if (format === undefined) {
    return { files: [], summary: [], error: `${fileName} is not a format Pinpoint imports (scanned text .txt, Akoma Ntoso .xml, JSON treaty dataset .json, statute Markdown .md)` };
  }
  const result = importSource(format, text, fileName);
  if (result.error) {
    return { files: [], summary: [], error: `${fileName}${result.error.line > 0 ? `:${result.error.line}` : ''}: ${result.error.message}` };
  }
  if (result.documents.length === 0) {
    return { files: [], summary: [], error: `${fileName}: no document found to import (read as ${formatNames[format]})` };
  }
  const { files, guesses } = renderImported(result.documents, new IdAllocator(options.ids), { translations: options.translations });
  const unsafe = files.find((file) => /[\\/]|^\.\.?$/.test(file.fileName));
  if (unsafe) {
    return { files: [], summary: [], error: `refusing to write ${unsafe.fileName}: not a plain file name` };
  }
  const summary: string[] = [`Imported ${fileName} (${formatNames[format]}): ${files.length} file${files.length === 1 ? '' : 's'}`];
  for (const file of files) {
    const { sections, paragraphs, items } = file.counts;
    summary.push(`  ${file.fileName}  ${file.id}${file.versionOf ? ' (translation)' : ''}  ${sections} sections, ${paragraphs} paragraphs, ${items} items  “${file.title}”`);
  }
  const notes = [...result.guesses, ...guesses];
  if (notes.length > 0) {
    summary.push(`Guesses to review (${notes.length}):`);
    summary.push(...notes.map((note) => `  ${fileName}:${note.line}: ${note.message}`));
  }
  if (result.skipped.length > 0) {
    summary.push(`Not imported (${result.skipped.length}):`);
    summary.push(...result.skipped.map((note) => `  ${fileName}:${note.line}: ${note.message}`));
  }
  return { files, summary };
}

/** Reads the ids typed by the user (`1969-VCLT`, or several separated by commas); a message when one is bad. */
export function parseIds(input: string): { ids: string[] } | { error: string } {
  const ids = input
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const bad = ids.find((id) => !isValidDocId(id));
  return bad === undefined ? { ids } : { error: `${bad} is not a document id: four digits, '-', then upper-case letters and digits (e.g. 1969-VCLT)` };
}

/** The question for the document ids: what the source holds, in order, and the ids proposed for it. */
export interface IdQuestion {
  /** The prompt: how many documents, their titles in order. */
  readonly prompt: string;
  /** The proposed ids, separated by commas: the answer's starting value. */
  readonly value: string;
  /** How many documents the source holds (at most that many ids). */
  readonly count: number;
}

/**
 * Asks for ids knowing what the source holds (a scanned page can hold several statements, titles after
 * bodies): from a plan made without ids (`planImport(…, { ids: [] })`), the documents in order with the ids
 * proposed from their titles, so that the user can accept them or change them.
 */
export function idQuestion(preview: ImportPlan): IdQuestion {
  const documents = preview.files.filter((file) => file.versionOf === undefined);
  const titles = documents.map((file) => `“${file.title.length > 80 ? `${file.title.slice(0, 79)}…` : file.title}”`).join(', ');
  const prompt =
    documents.length === 1
      ? `One document: ${titles}. Its id, proposed from the title: keep it or type another (four digits, '-', capitals).`
      : `${documents.length} documents, in this order: ${titles}. Their ids, separated by commas, proposed from the titles: keep them or type others.`;
  return { prompt, value: documents.map((file) => file.id).join(', '), count: documents.length };
}

/** Checks the ids typed for a source of `count` documents: a message when one is bad or there are too many. */
export function checkIds(input: string, count: number): string | undefined {
  const parsed = parseIds(input);
  if ('error' in parsed) {
    return parsed.error;
  }
  if (parsed.ids.length > count) {
    return `${count === 1 ? 'The file holds one document' : `The file holds ${count} documents`}; ${parsed.ids.length} ids were given`;
  }
  return undefined;
}

