/**
 * The importers' entry point: detect a source's format, run its importer, give the documents ids and render
 * them as corpus files. Pure: strings in, corpus files and notes out; the command line (`cli/import.ts`)
 * does the reading and writing.
 */
import { importAkomaNtoso } from './akomaNtoso';
import { IdAllocator } from './ids';
import { importJsonTreaty } from './jsonTreaty';
import { importNlTreaty, isNlTreatyMarkdown } from './nlTreaties';
import { type ClauseCounts, countClauses, renderDocument } from './render';
import { importScannedText } from './scannedText';
import { importStatuteMarkdown } from './statuteMarkdown';
import type { ImportedDocument, Importer, ImporterResult, ImportNote } from './types';

export type { ImportedDocument, ImporterResult, ImportNote } from './types';
export { IdAllocator, isValidDocId } from './ids';

/** The source formats the importers understand. */
export type SourceFormat = 'scanned-text' | 'akoma-ntoso' | 'json-treaty' | 'statute-markdown' | 'nl-treaty';

/** Human names of the formats, for messages. */
export const formatNames: Readonly<Record<SourceFormat, string>> = {
  'scanned-text': 'scanned text',
  'akoma-ntoso': 'Akoma Ntoso XML',
  'json-treaty': 'JSON treaty dataset',
  'statute-markdown': 'statute Markdown',
  'nl-treaty': 'Netherlands treaty database Markdown',
};

const importers: Partial<Record<SourceFormat, Importer>> = {
  'scanned-text': importScannedText,
  'akoma-ntoso': importAkomaNtoso,
  'json-treaty': importJsonTreaty,
  'statute-markdown': importStatuteMarkdown,
  'nl-treaty': (text, sourceName) => importNlTreaty(text, sourceName),
};

/** File name endings that the importers read when they walk a folder. */
export const importableExtensions: readonly string[] = ['.txt', '.xml', '.akn', '.json', '.md', '.markdown'];

/**
 * Decides a source's format from its file name and, where the name does not say, from its content.
 * Returns undefined for a file that is none of the formats.
 */
export function detectFormat(fileName: string, text: string): SourceFormat | undefined {
  const extension = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0] ?? '';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  switch (extension) {
    case '.xml':
    case '.akn':
      return 'akoma-ntoso';
    case '.json':
      return 'json-treaty';
    case '.md':
    case '.markdown':
      return isNlTreatyMarkdown(text) ? 'nl-treaty' : 'statute-markdown';
    case '.txt':
      return 'scanned-text';
    default:
      if (start.startsWith('<')) {
        return 'akoma-ntoso';
      }
      if (start.startsWith('{') || start.startsWith('[')) {
        return 'json-treaty';
      }
      if (isNlTreatyMarkdown(text)) {
        return 'nl-treaty';
      }
      if (/^#{1,6}\s|^第[一二三四五六七八九十百千零〇0-9]+条/mu.test(start)) {
        return 'statute-markdown';
      }
      return extension === '' ? 'scanned-text' : undefined;
  }
}

/** Runs the importer for a format; never throws. */
export function importSource(format: SourceFormat, text: string, sourceName: string): ImporterResult {
  const importer = importers[format];
  if (!importer) {
    return { documents: [], guesses: [], skipped: [], error: { line: 0, message: `${formatNames[format]} is not supported yet` } };
  }
  try {
    return importer(text, sourceName);
  } catch (error) {
    // NOTE: importers are written not to throw; this keeps a bug in one from ending a whole folder import.
    return { documents: [], guesses: [], skipped: [], error: { line: 0, message: `the importer failed: ${String(error)}` } };
  }
}

/** One corpus file ready to be written. */
export interface CorpusFileOutput {
  /** The document id (also the file name without `.md`). */
  readonly id: string;
  /** The file name to write, `ID.md`: a plain name, never a path. */
  readonly fileName: string;
  /** The whole file content. */
  readonly content: string;
  /** The document title. */
  readonly title: string;
  /** Counts for the summary. */
  readonly counts: ClauseCounts;
  /** 1-based source line where the document starts. */
  readonly line: number;
  /** True when the id was proposed, not given: the summary lists it as a guess. */
  readonly proposedId: boolean;
  /** For a language version (a translation), the id of the document it translates (its own id too). */
  readonly versionOf?: string;
}

/** Options for {@link renderImported}. */
export interface RenderOptions {
  /** Also write the documents' translations as language versions (`ID.zh.md`, same id, `authentic: false`). */
  readonly translations?: boolean;
}

/** Gives each document an id from the allocator and renders it, with its translations when asked. */
export function renderImported(
  documents: readonly ImportedDocument[],
  allocator: IdAllocator,
  options: RenderOptions = {},
): { files: CorpusFileOutput[]; guesses: ImportNote[] } {
  const files: CorpusFileOutput[] = [];
  const guesses: ImportNote[] = [];
  for (const document of documents) {
    const { id, proposed } = allocator.next(document);
    if (proposed) {
      guesses.push({ line: document.line, message: `no id given for “${document.title}”: proposed ${id}` });
    }
    files.push(toFile(id, document, proposed));
    if (options.translations) {
      // NOTE: a language version shares its document's id (the core pairs files by id and language, and
      // cites the authentic one); it is a file of its own, `ID.LANG.md`, marked `authentic: false`.
      for (const translation of document.translations ?? []) {
        const language = String(translation.frontMatter.language ?? 'und').toLowerCase().replace(/[^a-z0-9-]/g, '');
        const version: ImportedDocument = { ...translation, frontMatter: { ...translation.frontMatter, authentic: false } };
        files.push({ ...toFile(id, version, proposed), fileName: `${id}.${language}.md`, versionOf: id });
      }
    }
  }
  return { files, guesses };
}

function toFile(id: string, document: ImportedDocument, proposedId: boolean): CorpusFileOutput {
  return {
    id,
    fileName: `${id}.md`,
    content: renderDocument(id, document),
    title: document.title,
    counts: countClauses(document),
    line: document.line,
    proposedId,
  };
}
