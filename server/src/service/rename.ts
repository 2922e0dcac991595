/**
 * Renaming a document id, from a citation or from the `id:` of a corpus file's front matter: one workspace
 * edit changes the front matter of every language version and every citation of the id in the workspace.
 */
import { BriefIndex, rangeIn, TextPosition } from './briefIndex';
import { CitationTarget } from './briefModel';
import { isDocId } from './citationParser';
import { LineRange } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { ScopeOf } from './references';

/** A range in some file. */
export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** One replacement in one file. */
export interface FileEdit {
  readonly uri: string;
  readonly range: TextRange;
  readonly newText: string;
}

/** What can be renamed at a position: the id, where it is written, and the files that define it. */
export interface RenameTarget {
  readonly docId: string;
  readonly range: TextRange;
}

/** Either a value or a sentence for the user saying why not. */
export type Outcome<T> = { readonly value: T } | { readonly error: string };

function lineRangeToRange(range: LineRange): TextRange {
  return { start: { line: range.startLine, character: range.startCharacter }, end: { line: range.endLine, character: range.endCharacter } };
}

/** The files that define an id for a scope: every language version. */
function definitions(docId: string, index: CorpusIndex, scope: CorpusScope): IndexedDocument[] {
  return [...index.versions(docId, scope)].sort((left, right) => (left.uri < right.uri ? -1 : 1));
}

/** The id under the cursor in a brief, if it can be renamed. */
export function renameTargetInBrief(
  target: CitationTarget | undefined,
  positionOf: (offset: number) => TextPosition,
  index: CorpusIndex,
  scope: CorpusScope,
): Outcome<RenameTarget> {
  if (!target || !target.cite || !target.onDocId) {
    return { error: 'only a document id can be renamed: put the cursor on the id of a citation, e.g. 2023-JS' };
  }
  const docId = target.cite.docId;
  if (index.versions(docId, scope).length === 0) {
    return { error: `${docId} cannot be renamed: no loaded corpus defines it` };
  }
  const span = target.cite.docIdSpan;
  return { value: { docId, range: { start: positionOf(span.start), end: positionOf(span.end) } } };
}

/** The id under the cursor in a corpus file (on the front matter's `id:` value). */
export function renameTargetInCorpus(entry: IndexedDocument, position: TextPosition): Outcome<RenameTarget> {
  const idRange = entry.document.idRange;
  const docId = entry.document.id;
  if (!idRange || docId === undefined || position.line !== idRange.startLine) {
    return { error: "only a document id can be renamed: put the cursor on the front matter's id" };
  }
  return { value: { docId, range: lineRangeToRange(idRange) } };
}

/** Options of a rename. */
export interface RenameOptions {
  /** The scope of the corpus file or brief the rename starts from. */
  readonly scope: CorpusScope;
  /** The scope of each brief. */
  readonly scopeOf: ScopeOf;
  /** False for files that must not be edited (the corpus shipped with the extension); all are writable when absent. */
  readonly writable?: (uri: string) => boolean;
}

/** Computes the edits of renaming `docId` to `newId`, or says why it cannot be done. */
export function computeRename(docId: string, newId: string, briefs: BriefIndex, index: CorpusIndex, options: RenameOptions): Outcome<FileEdit[]> {
  const trimmed = newId.trim();
  if (!isDocId(trimmed)) {
    const hint = isDocId(trimmed.toUpperCase()) ? `; ids are upper case: ${trimmed.toUpperCase()}` : '';
    return { error: `'${trimmed}' is not a document id: four digits, '-', then upper-case letters and digits, e.g. 2023-JS${hint}` };
  }
  const files = definitions(docId, index, options.scope);
  if (files.length === 0) {
    return { error: `${docId} cannot be renamed: no loaded corpus defines it` };
  }
  if (trimmed === docId) {
    return { value: [] };
  }
  const taken = index.versions(trimmed, options.scope)[0];
  if (taken) {
    return { error: `${trimmed} is already the id of ${taken.uri}` };
  }
  const readOnly = options.writable ? files.find((entry) => !options.writable?.(entry.uri)) : undefined;
  if (readOnly) {
    return { error: `${docId} is defined in ${readOnly.uri}, which is not in the workspace and cannot be edited` };
  }
  const edits: FileEdit[] = [];
  for (const entry of files) {
    if (entry.document.idRange) {
      edits.push({ uri: entry.uri, range: lineRangeToRange(entry.document.idRange), newText: trimmed });
    }
  }
  const renamed = new Set(files);
  for (const brief of briefs.citing(docId)) {
    const resolved = index.resolve(docId, options.scopeOf(brief.uri));
    if (!resolved || !renamed.has(resolved)) {
      continue; // this brief cites another document of the same id (another folder's corpus)
    }
    for (const citation of brief.citations) {
      for (const cite of citation.cites) {
        // Cites written with an alias or `ibid.` keep naming the document after the rename.
        if (cite.docId === docId && cite.lead === undefined) {
          edits.push({ uri: brief.uri, range: rangeIn(brief, cite.docIdSpan), newText: trimmed });
        }
      }
    }
  }
  return { value: edits };
}
