/**
 * Renaming a document id, from a citation or from the `id:` of a corpus file's front matter: one workspace
 * edit changes the front matter of every language version and every citation of the id in the workspace.
 */
import { BriefIndex, rangeIn, TextPosition } from './briefIndex';
import { CitationTarget } from './briefModel';
import { isAlias, isDocId } from './citationParser';
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

/** What can be renamed at a position: the id (or one of its aliases), and where it is written. */
export interface RenameTarget {
  readonly docId: string;
  /** Set when an alias of the document is renamed rather than its id. */
  readonly alias?: string;
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
  const cite = target.cite;
  if (cite.lead === 'ibid') {
    return { error: `${cite.written ?? 'ibid.'} refers to the citation before it: rename the document from that citation or from its corpus file` };
  }
  if (cite.ambiguous) {
    return { error: `${cite.written ?? cite.docId} is an alias of ${cite.ambiguous.join(' and ')}: rename it in one of their corpus files` };
  }
  const docId = cite.docId;
  if (index.versions(docId, scope).length === 0) {
    return { error: `${cite.written ?? docId} cannot be renamed: no loaded corpus defines it` };
  }
  const span = cite.docIdSpan;
  const range = { start: positionOf(span.start), end: positionOf(span.end) };
  return { value: cite.lead === 'alias' && cite.written !== undefined ? { docId, alias: cite.written, range } : { docId, range } };
}

/** Where each alias stands in a corpus file's front matter (`aliases: [VCLT, X]` or a block list). */
export function aliasRanges(text: string): { alias: string; range: TextRange }[] {
  const lines = text.split(/\r\n|\r|\n/, 400);
  if (!/^\uFEFF?---[ \t]*$/.test(lines[0] ?? '')) {
    return [];
  }
  const found: { alias: string; range: TextRange }[] = [];
  let inAliases = false;
  for (let line = 1; line < lines.length; line++) {
    const content = lines[line];
    if (/^(---|\.\.\.)[ \t]*$/.test(content)) {
      break;
    }
    let from = 0;
    if (content.startsWith('aliases:')) {
      inAliases = true;
      from = 'aliases:'.length;
    } else if (/^\S/.test(content)) {
      inAliases = false;
    }
    if (!inAliases) {
      continue;
    }
    for (const match of content.slice(from).matchAll(/[A-Z][A-Z0-9-]{0,39}/g)) {
      const start = from + (match.index ?? 0);
      const before = content[start - 1];
      const after = content[start + match[0].length];
      if ((before === undefined || /[\s[,'"-]/.test(before)) && (after === undefined || /[\s\],'"#]/.test(after))) {
        found.push({ alias: match[0], range: { start: { line, character: start }, end: { line, character: start + match[0].length } } });
      }
    }
  }
  return found;
}

/** The id (or an alias) under the cursor in a corpus file's front matter. */
export function renameTargetInCorpus(entry: IndexedDocument, position: TextPosition, text?: string): Outcome<RenameTarget> {
  const idRange = entry.skeleton.info.idRange;
  const docId = entry.tree.id;
  if (docId !== undefined && text !== undefined) {
    const alias = aliasRanges(text).find(
      ({ range }) => range.start.line === position.line && position.character >= range.start.character && position.character <= range.end.character,
    );
    if (alias) {
      return { value: { docId, alias: alias.alias, range: alias.range } };
    }
  }
  if (!idRange || docId === undefined || position.line !== idRange.startLine) {
    return { error: "only a document id or an alias can be renamed: put the cursor on the front matter's id or on an alias" };
  }
  return { value: { docId, range: lineRangeToRange(idRange) } };
}

/** Computes the edits of renaming an alias of `docId`: its front matter entries and every citation written with it. */
export function computeAliasRename(docId: string, alias: string, newAlias: string, briefs: BriefIndex, index: CorpusIndex, options: RenameOptions): Outcome<FileEdit[]> {
  const trimmed = newAlias.trim();
  if (!isAlias(trimmed)) {
    return { error: `'${trimmed}' is not an alias: upper-case letters, digits and '-', starting with a letter, and not a document id (e.g. VCLT)` };
  }
  if (trimmed === alias) {
    return { value: [] };
  }
  const taken = index.aliasTargets(trimmed, options.scope).filter((id) => id !== docId);
  if (taken.length > 0) {
    return { error: `${trimmed} is already an alias of ${taken.join(' and ')}` };
  }
  const files = definitions(docId, index, options.scope).filter((entry) => entry.header.aliases.includes(alias));
  const readOnly = options.writable ? files.find((entry) => !options.writable?.(entry.uri)) : undefined;
  if (readOnly) {
    return { error: `the alias ${alias} is given by ${readOnly.uri}, which is not in the workspace and cannot be edited` };
  }
  const edits: FileEdit[] = [];
  for (const entry of files) {
    const text = index.textOf(entry);
    for (const occurrence of text === undefined ? [] : aliasRanges(text)) {
      if (occurrence.alias === alias) {
        edits.push({ uri: entry.uri, range: occurrence.range, newText: trimmed });
      }
    }
  }
  for (const brief of briefs.citing(alias)) {
    const scope = options.scopeOf(brief.uri);
    if (index.aliasTargets(alias, scope).join() !== docId) {
      continue; // in this brief's scope the alias names another document, or several
    }
    for (const citation of brief.citations) {
      for (const cite of citation.cites) {
        if (cite.lead === 'alias' && cite.docId === alias) {
          edits.push({ uri: brief.uri, range: rangeIn(brief, cite.docIdSpan), newText: trimmed });
        }
      }
    }
  }
  return { value: edits };
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
    if (entry.skeleton.info.idRange) {
      edits.push({ uri: entry.uri, range: lineRangeToRange(entry.skeleton.info.idRange), newText: trimmed });
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
