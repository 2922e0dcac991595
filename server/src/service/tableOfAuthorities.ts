/**
 * The table of authorities of a brief: every cited document and clause, in corpus order, with the lines that
 * cite it. It lives in a marked section of the brief (`<!-- pinpoint:toa -->` … `<!-- /pinpoint:toa -->`)
 * that a command inserts or updates; `pinpoint toa BRIEF.md` prints the same section.
 *
 * NOTE: the line numbers are those of the brief after the edit: inserting or resizing the section moves the
 * lines below it, so the table is laid out first and the numbers below it shifted by its size.
 */
import { positionIn } from './briefIndex';
import { BriefScan, frontMatterLineCount, lineStarts, scanBrief } from './briefScanner';
import { Cite, formatPinpoint, Pinpoint } from './citationParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { escapeMarkdown, escapeMarkdownInline, excerpt } from './markdownEscape';
import { labelParts } from './labels';
import { resolveCited } from './relations';
import { descendantsOf, pinpointForRange } from './resolve';
import { Span } from './types';

export const TOA_START = '<!-- pinpoint:toa -->';
export const TOA_END = '<!-- /pinpoint:toa -->';
const START_LINE = /^[ \t]*<!--[ \t]*pinpoint:toa[ \t]*-->[ \t]*$/;
const END_LINE = /^[ \t]*<!--[ \t]*\/pinpoint:toa[ \t]*-->[ \t]*$/;

/** One line of the table: a document as a whole, a clause or a range, and where it is cited. */
export interface AuthorityEntry {
  /** `2023-JS`, `2023-JS §3.4` or `2023-JS §3.4–3.6`. */
  readonly label: string;
  /** The clause's opening words, when it is one clause. */
  readonly excerpt?: string;
  /** 0-based lines of the brief (as it will read after the edit) that cite it, ascending. */
  readonly lines: readonly number[];
}

/** A cited document and its entries in corpus order. */
export interface AuthorityDocument {
  readonly docId: string;
  readonly title?: string;
  readonly entries: readonly AuthorityEntry[];
}

/** The table, as data and as Markdown. */
export interface TableOfAuthorities {
  readonly documents: readonly AuthorityDocument[];
  /** Citations that name no loaded document or clause. */
  readonly unresolved: readonly AuthorityEntry[];
  /** The marked section, from the start marker to the end marker, without a final line break. */
  readonly markdown: string;
  /** The span of the brief the section replaces (empty where it is inserted). */
  readonly replace: Span;
  /** The text that replaces `replace` (the section, with blank lines around it when inserted). */
  readonly newText: string;
}

/** Options of the table. */
export interface TableOptions {
  /** The brief's file name, for the links to its lines (`memo.md#L12`). */
  readonly fileName: string;
  /** Number the lines of the brief as it is now, not as the edit leaves it (for printing the table). */
  readonly linesAsIs?: boolean;
}

interface Region {
  readonly startLine: number;
  /** Inclusive. */
  readonly endLine: number;
}

function lineText(text: string, starts: readonly number[], line: number): string {
  const end = line + 1 < starts.length ? starts[line + 1] : text.length;
  return text.slice(starts[line], end).replace(/\r?\n$|\r$/, '');
}

/**
 * The existing marked section, if any. A marker inside a code block, the front matter or another comment is
 * an example, not the live table: its `<!--` must start the excluded span it lies in (the marker's own comment).
 */
export function findRegion(text: string, starts: readonly number[], excluded: readonly Span[] = scanBrief(text).excluded): Region | undefined {
  const live = (line: number, pattern: RegExp): boolean => {
    const content = lineText(text, starts, line);
    if (!pattern.test(content)) {
      return false;
    }
    const open = starts[line] + content.indexOf('<!--');
    const around = spanAround(excluded, open);
    return around === undefined || around.start === open;
  };
  for (let line = 0; line < starts.length; line++) {
    if (live(line, START_LINE)) {
      for (let end = line + 1; end < starts.length; end++) {
        if (live(end, END_LINE)) {
          return { startLine: line, endLine: end };
        }
      }
      return { startLine: line, endLine: line };
    }
  }
  return undefined;
}

/** The span of `spans` (sorted by start) that contains `offset`, if any. */
function spanAround(spans: readonly Span[], offset: number): Span | undefined {
  let low = 0;
  let high = spans.length - 1;
  let found: Span | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (spans[middle].start <= offset) {
      found = spans[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found && found.end > offset ? found : undefined;
}

/** Where a new section goes: after the brief's `#` title, else after its front matter, else at the top. */
function insertionLine(text: string, starts: readonly number[]): number {
  let line = frontMatterLineCount(text, starts);
  while (line < starts.length && lineText(text, starts, line).trim() === '') {
    line++;
  }
  if (line < starts.length && /^ {0,3}# /.test(lineText(text, starts, line))) {
    return line + 1;
  }
  return frontMatterLineCount(text, starts);
}

interface Collected {
  readonly document: IndexedDocument;
  readonly order: readonly [number, number];
  readonly label: string;
  readonly excerpt?: string;
  readonly lines: Set<number>;
}


/** The ordinal of the last clause of the article an inserted article follows (`8` for `8 bis`), or the end of the document. */
function insertionPoint(document: IndexedDocument, pinpoint: Pinpoint): number {
  const first = pinpoint.printed?.parts[0];
  const base = first ? labelParts(first.label, 'section')?.value : undefined;
  const clauses = document.tree.clauses;
  const section = base === undefined ? undefined : clauses.find((clause) => clause.kind === 'section' && clause.annex === undefined && clause.labelKey === String(base));
  if (!section) {
    return clauses.length;
  }
  const inside = descendantsOf(document, section);
  return inside.length > 0 ? inside[inside.length - 1].ordinal : section.ordinal;
}

/** Computes the table of a brief. */
export function computeTableOfAuthorities(text: string, scan: BriefScan, index: CorpusIndex, scope: CorpusScope, options: TableOptions): TableOfAuthorities {
  const starts = lineStarts(text);
  const region = findRegion(text, starts, scan.excluded);
  const regionSpan: Span | undefined = region
    ? { start: starts[region.startLine], end: region.endLine + 1 < starts.length ? starts[region.endLine + 1] : text.length }
    : undefined;
  const byLabel = new Map<string, Collected>();
  const unresolved = new Map<string, Set<number>>();
  const addUnresolved = (label: string, line: number): void => {
    const lines = unresolved.get(label) ?? new Set<number>();
    lines.add(line);
    unresolved.set(label, lines);
  };
  const collect = (cite: Cite, line: number): void => {
    const document = index.resolve(cite.docId, scope);
    if (!document) {
      addUnresolved(cite.docId, line);
      return;
    }
    const add = (key: string, order: readonly [number, number], label: string, words?: string): void => {
      let entry = byLabel.get(key);
      if (!entry) {
        entry = { document, order, label, excerpt: words, lines: new Set() };
        byLabel.set(key, entry);
      }
      entry.lines.add(line);
    };
    if (cite.pinpoints.length === 0) {
      add(`${cite.docId}`, [-1, -1], cite.docId);
      return;
    }
    for (const pinpoint of cite.pinpoints) {
      const resolved = resolveCited(index, scope, document, pinpoint);
      if (resolved.problem || resolved.clauses.length === 0) {
        addUnresolved(`${cite.docId} ${formatPinpoint(pinpoint)}`, line);
        continue;
      }
      if (resolved.source) {
        // An article an amendment inserted (`art. 8 bis`): listed as cited, after the article it follows.
        const label = `${cite.docId} ${formatPinpoint(pinpoint)}`;
        const after = insertionPoint(document, pinpoint);
        add(label, [after + 0.5, resolved.clauses[0].ordinal], label, resolved.clauses[0].text || undefined);
        continue;
      }
      const first = resolved.clauses[0];
      const last = resolved.clauses[resolved.clauses.length - 1];
      const label = `${cite.docId} ${pinpointForRange(document, first, last)}`;
      const words = first === last ? first.text || (first.key === '0' ? 'Preamble' : undefined) : undefined;
      add(label, [first.ordinal, last.ordinal], label, words);
    }
  };
  for (const citation of scan.citations) {
    if (regionSpan && citation.start >= regionSpan.start && citation.start < regionSpan.end) {
      continue; // the table itself cites nothing
    }
    const line = positionIn({ lineStarts: starts }, citation.start).line;
    for (const cite of citation.cites) {
      collect(cite, line);
    }
  }

  const groups = new Map<string, Collected[]>();
  for (const entry of byLabel.values()) {
    const docId = entry.document.tree.id ?? '';
    const list = groups.get(docId) ?? [];
    list.push(entry);
    groups.set(docId, list);
  }
  const docIds = [...groups.keys()].sort();

  // Lay the table out once to learn its size, then shift the line numbers below it.
  const insertAt = region ? region.startLine : insertionLine(text, starts);
  const oldLines = region ? region.endLine - region.startLine + 1 : 0;
  const draft = render(docIds, groups, unresolved, () => 0, options);
  const insertion = region ? undefined : insertionPadding(text, starts, insertAt);
  const newLines = draft.split('\n').length + (insertion ? insertion.before.length + insertion.after.length - 1 : 0);
  const shift = (line: number): number => (!options.linesAsIs && line >= insertAt + oldLines ? line - oldLines + newLines : line);

  const markdown = render(docIds, groups, unresolved, shift, options);
  const documents: AuthorityDocument[] = docIds.map((docId) => {
    const entries = sortEntries(groups.get(docId) ?? []);
    return {
      docId,
      title: entries[0]?.document.document.title,
      entries: entries.map((entry) => ({ label: entry.label, excerpt: entry.excerpt, lines: [...entry.lines].sort((a, b) => a - b).map(shift) })),
    };
  });
  const unresolvedEntries = [...unresolved.entries()].map(([label, lines]) => ({ label, lines: [...lines].sort((a, b) => a - b).map(shift) }));
  if (regionSpan && region) {
    const endsWithBreak = region.endLine + 1 < starts.length;
    const replace = { start: regionSpan.start, end: endsWithBreak ? starts[region.endLine + 1] : text.length };
    return { documents, unresolved: unresolvedEntries, markdown, replace, newText: markdown + (endsWithBreak ? '\n' : '') };
  }
  const at = insertAt < starts.length ? starts[insertAt] : text.length;
  const padding = insertion ?? { before: '', after: '\n' };
  return { documents, unresolved: unresolvedEntries, markdown, replace: { start: at, end: at }, newText: padding.before + markdown + padding.after };
}

/** Blank lines around an inserted section, so that it stands apart from the text on both sides. */
function insertionPadding(text: string, starts: readonly number[], line: number): { before: string; after: string } {
  const atEnd = line >= starts.length || (line === starts.length - 1 && starts[line] === text.length);
  const previousBlank = line === 0 || lineText(text, starts, line - 1).trim() === '';
  const nextBlank = atEnd || lineText(text, starts, line).trim() === '';
  const missingBreak = atEnd && text.length > 0 && !/[\r\n]$/.test(text) ? '\n' : '';
  return { before: missingBreak + (previousBlank ? '' : '\n'), after: nextBlank ? '\n' : '\n\n' };
}

function sortEntries(entries: readonly Collected[]): Collected[] {
  return [...entries].sort((left, right) => left.order[0] - right.order[0] || left.order[1] - right.order[1]);
}

function places(lines: Iterable<number>, shift: (line: number) => number, fileName: string): string {
  const sorted = [...lines].map(shift).sort((a, b) => a - b);
  const links = sorted.map((line) => `[${line + 1}](${encodeURI(fileName)}#L${line + 1})`);
  return `${sorted.length === 1 ? 'line' : 'lines'} ${links.join(', ')}`;
}

function render(
  docIds: readonly string[],
  groups: ReadonlyMap<string, Collected[]>,
  unresolved: ReadonlyMap<string, Set<number>>,
  shift: (line: number) => number,
  options: TableOptions,
): string {
  const out: string[] = [TOA_START, '## Table of authorities', ''];
  if (docIds.length === 0 && unresolved.size === 0) {
    out.push('*No citations yet.*', '');
  }
  for (const docId of docIds) {
    const entries = sortEntries(groups.get(docId) ?? []);
    const title = entries[0]?.document.document.title;
    out.push(`**${docId}**${title ? ` ${escapeMarkdownInline(title)}` : ''}`, '');
    for (const entry of entries) {
      const label = entry.order[0] < 0 ? 'the whole document' : entry.label.slice(docId.length + 1);
      const words = entry.excerpt ? ` ${escapeMarkdown(excerpt(entry.excerpt, 40))}` : '';
      out.push(`- ${label}${words}: ${places(entry.lines, shift, options.fileName)}`);
    }
    out.push('');
  }
  if (unresolved.size > 0) {
    out.push('**Not found in the corpus**', '');
    for (const [label, lines] of unresolved) {
      out.push(`- ${escapeMarkdown(label)}: ${places(lines, shift, options.fileName)}`);
    }
    out.push('');
  }
  out.push(TOA_END);
  return out.join('\n');
}
