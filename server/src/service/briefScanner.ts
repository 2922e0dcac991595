/**
 * Finds the citations in a brief, skipping what spec.md §1 says is never a citation: code spans, fenced and
 * indented code blocks, HTML comments, and the brief's own YAML front matter.
 *
 * NOTE: markdown-it (CommonMark) finds the block structure; its inline rules are switched off because
 * inline tokens carry no source offsets. Code spans and inline comments are then found inside each inline
 * block with CommonMark's own rules (a backtick run closes with a run of the same length).
 */
import MarkdownIt from 'markdown-it';
import { Citation, findCitations } from './citationParser';
import { Span } from './types';

const blockParser = new MarkdownIt('commonmark');
blockParser.core.ruler.disable(['inline', 'text_join']);

/** What a scan of a brief yields. */
export interface BriefScan {
  /** Every citation, well-formed or malformed, in text order. */
  readonly citations: readonly Citation[];
  /** The spans where citations are never looked for (code, comments, front matter), in text order. */
  readonly excluded: readonly Span[];
  /**
   * Set when this scan was derived from the scan `from` (its `serialOf`) by an edit of one line
   * (`incrementalScan.ts`): the line starts at `start` in both texts and ended at `oldEnd` before the edit, at
   * `newEnd` after it; the text before `start` and after the line is unchanged, and the edit added or removed
   * no line break.
   */
  readonly edit?: { readonly from: number; readonly start: number; readonly oldEnd: number; readonly newEnd: number };
}

const serials = new WeakMap<BriefScan, number>();
let lastSerial = 0;

/**
 * A number that names a scan, for caches that keep results of one scan to update them after an edit (see
 * `BriefScan.edit`) without keeping the scan itself.
 */
/** Gives `copy` (the same scan with its citations bound) the serial of `scan`. */
export function shareSerial(copy: BriefScan, scan: BriefScan): void {
  serials.set(copy, serialOf(scan));
}

export function serialOf(scan: BriefScan): number {
  let serial = serials.get(scan);
  if (serial === undefined) {
    serial = ++lastSerial;
    serials.set(scan, serial);
  }
  return serial;
}

/** Offsets of the start of each line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a) {
      starts.push(index + 1);
    } else if (code === 0x0d) {
      if (text.charCodeAt(index + 1) === 0x0a) {
        index++;
      }
      starts.push(index + 1);
    }
  }
  return starts;
}

/** The line count of YAML front matter at the top of a Markdown text, or 0 when there is none. */
export function frontMatterLineCount(text: string, starts: readonly number[]): number {
  if (!/^\uFEFF?---[ \t]*(\r?\n|\r)/.test(text)) {
    return 0;
  }
  for (let line = 1; line < starts.length; line++) {
    const lineText = lineAt(text, starts, line);
    if (/^(---|\.\.\.)[ \t]*$/.test(lineText)) {
      return line + 1;
    }
  }
  return 0;
}

function lineAt(text: string, starts: readonly number[], line: number): string {
  const start = starts[line];
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > start && (text.charCodeAt(end - 1) === 0x0a || text.charCodeAt(end - 1) === 0x0d)) {
    end--;
  }
  return text.slice(start, end);
}

function lineEnd(text: string, starts: readonly number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > starts[line] && (text.charCodeAt(end - 1) === 0x0a || text.charCodeAt(end - 1) === 0x0d)) {
    end--;
  }
  return end;
}

/**
 * Finds code spans and HTML comments in `text[start..end)` (one inline block) and appends them to `into`.
 */
export function findInlineExclusions(text: string, start: number, end: number, into: Span[], codeSpans = true): void {
  let index = start;
  // NOTE: the next `-->` is remembered, so that thousands of unclosed `<!--` search the text once, not once
  // each (which took seconds on a 100,000-character line).
  let commentClose = -2;
  // NOTE: likewise the backtick runs are listed once per block, by length, so that finding the closing run of
  // each opening run costs no new scan (unclosed runs of many lengths were quadratic).
  let runsByLength: Map<number, number[]> | undefined;
  const runCursors = new Map<number, number>();
  const closingRun = (from: number, length: number): number => {
    runsByLength ??= collectBacktickRuns(text, from, end);
    const runStarts = runsByLength.get(length);
    if (!runStarts) {
      return -1;
    }
    let cursor = runCursors.get(length) ?? 0;
    while (cursor < runStarts.length && runStarts[cursor] < from) {
      cursor++;
    }
    runCursors.set(length, cursor);
    return cursor < runStarts.length ? runStarts[cursor] : -1;
  };
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === 0x5c /* \ */) {
      index += 2;
      continue;
    }
    if (code === 0x60 /* ` */ && codeSpans) {
      let runEnd = index;
      while (runEnd < end && text.charCodeAt(runEnd) === 0x60) {
        runEnd++;
      }
      const runLength = runEnd - index;
      const close = closingRun(runEnd, runLength);
      if (close < 0) {
        index = runEnd;
        continue;
      }
      into.push({ start: index, end: close + runLength });
      index = close + runLength;
      continue;
    }
    if (code === 0x3c /* < */ && text.startsWith('<!--', index)) {
      if (commentClose !== -1 && commentClose < index + 4) {
        commentClose = findCommentClose(text, index + 4, end);
      }
      const close = commentClose;
      if (close >= 0) {
        into.push({ start: index, end: close + 3 });
        index = close + 3;
        continue;
      }
    }
    index++;
  }
}

/** The offset of the first `-->` that lies wholly inside `text[from..end)`, or -1. */
function findCommentClose(text: string, from: number, end: number): number {
  for (let index = from; index + 3 <= end; index++) {
    if (text.charCodeAt(index) === 0x2d && text.charCodeAt(index + 1) === 0x2d && text.charCodeAt(index + 2) === 0x3e) {
      return index;
    }
  }
  return -1;
}

/** The starts of the backtick runs in `text[from..end)`, by run length, in text order. */
function collectBacktickRuns(text: string, from: number, end: number): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  let index = from;
  while (index < end) {
    const found = text.indexOf('`', index);
    if (found < 0 || found >= end) {
      break;
    }
    let runEnd = found;
    while (runEnd < end && text.charCodeAt(runEnd) === 0x60) {
      runEnd++;
    }
    const starts = runs.get(runEnd - found);
    if (starts) {
      starts.push(found);
    } else {
      runs.set(runEnd - found, [found]);
    }
    index = runEnd;
  }
  return runs;
}

/** Scans a whole brief. Pure and deterministic; never throws on any input. */
export function scanBrief(text: string): BriefScan {
  const starts = lineStarts(text);
  const excluded: Span[] = [];
  const citations: Citation[] = [];
  const frontMatterLines = frontMatterLineCount(text, starts);
  if (frontMatterLines > 0) {
    excluded.push({ start: 0, end: frontMatterLines < starts.length ? starts[frontMatterLines] : text.length });
  }
  const body = frontMatterLines > 0 ? '\n'.repeat(frontMatterLines) + text.slice(excludedEnd(excluded)) : text;
  let tokens: ReturnType<typeof blockParser.parse>;
  try {
    tokens = blockParser.parse(body, {});
  } catch {
    tokens = [];
  }
  for (const token of tokens) {
    if (!token.map) {
      continue;
    }
    const [firstLine, lastLine] = token.map;
    if (firstLine >= starts.length) {
      continue;
    }
    const regionStart = starts[firstLine];
    const regionEnd = lastLine < starts.length ? starts[lastLine] : text.length;
    if (token.type === 'fence' || token.type === 'code_block') {
      excluded.push({ start: regionStart, end: regionEnd });
    } else if (token.type === 'inline' || token.type === 'html_block') {
      const before = excluded.length;
      findInlineExclusions(text, regionStart, regionEnd, excluded, token.type === 'inline');
      if (token.type === 'html_block') {
        excludeUnclosedComment(text, regionStart, regionEnd, excluded, before);
      }
      const regionExclusions = excluded.slice(before);
      for (let line = firstLine; line < lastLine && line < starts.length; line++) {
        scanLine(text, starts[line], lineEnd(text, starts, line), regionExclusions, citations);
      }
    }
  }
  excluded.sort((left, right) => left.start - right.start);
  return { citations, excluded };
}

/**
 * Excludes the rest of an HTML block from a `<!--` that is never closed: CommonMark runs such a comment block
 * to the end of the document, and a browser reads all of it as a comment. The closed comments of the block
 * are already in `excluded` from `before` on, so a `<!--` after the last of them is the unclosed one.
 */
function excludeUnclosedComment(text: string, start: number, end: number, excluded: Span[], before: number): void {
  const from = excluded.length > before ? excluded[excluded.length - 1].end : start;
  const open = text.indexOf('<!--', from);
  if (open >= 0 && open < end) {
    excluded.push({ start: open, end });
  }
}

function excludedEnd(excluded: readonly Span[]): number {
  return excluded.length > 0 ? excluded[0].end : 0;
}

function scanLine(text: string, start: number, end: number, exclusions: readonly Span[], into: Citation[]): void {
  let cursor = start;
  for (const exclusion of exclusions) {
    if (exclusion.end <= cursor || exclusion.start >= end) {
      continue;
    }
    if (exclusion.start > cursor) {
      findCitations(text, cursor, exclusion.start, into);
    }
    cursor = Math.max(cursor, exclusion.end);
  }
  if (cursor < end) {
    findCitations(text, cursor, end, into);
  }
}
