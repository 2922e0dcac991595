/**
 * Parses a corpus file (spec.md §2) into a document: front matter, and clauses numbered by section,
 * paragraph and item. Never throws; problems come back with line positions.
 *
 * NOTE: this is a line scanner, not a full Markdown parser. The corpus format is deliberately simple
 * (headings, blank-line-separated paragraphs, lists), and corpora reach hundreds of megabytes, where a
 * CommonMark parser would cost seconds.
 */
import { isAlias, isDocId } from './citationParser';
import { MAX_FRONT_MATTER_CHARS, parseFrontMatterYaml } from './frontMatterYaml';
import {
  annexHeading,
  ChainLink,
  isParagraphHeading,
  describeBreak,
  formatPrinted,
  headingLabel,
  isArticleHeading,
  LabelLevel,
  labelKey,
  leadingLabel,
  PrintStyle,
  sequenceBreaks,
} from './labels';
import { sectionNumberOf } from './sectionNumber';
import { InstrumentFacts, NO_FACTS, readInstrumentFacts, RELATION_KEYS, relatedIdsOf } from './status';
import { detachedData } from './strings';
import { joinLines } from './text';
import { Span } from './types';

/** A range in a corpus file, in lines and UTF-16 characters (0-based, end exclusive). */
export interface LineRange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

export type ClauseKind = 'annex' | 'section' | 'paragraph' | 'item';

/** One citable unit: an annex, a section, a paragraph or an item (sub-items are items one level deeper). */
export interface Clause {
  /**
   * The positional path, e.g. `[3, 4]` for §3.4, counted within the body or within the clause's annex
   * (an annex itself has the empty path).
   */
  readonly path: readonly number[];
  /**
   * The key of every lookup: the path as a string (`3.4`) in the body; `annex-7:1.2` inside annex VII, and
   * `annex-7` for the annex itself, which no `§` path can name (spec.md §2: `§` paths reach the body only).
   */
  readonly key: string;
  readonly kind: ClauseKind;
  /** The clause's text; for a section, its heading. */
  readonly text: string;
  /** Where the clause stands in its file. */
  readonly range: LineRange;
  /** Its position in document order (the index in `CorpusDocument.clauses`). */
  readonly ordinal: number;
  /**
   * The clause's raw source in the file text, as offsets (a section's heading without `## `; an item without
   * its list marker). `clauseTextOf` turns such a slice into the clause's text.
   */
  readonly span: Span;
  /** The label printed at its start (`31`, `8 bis`, `1.`, `(a)`, `（一）`), when it prints one. */
  readonly label: string | undefined;
  /** The label normalised for comparison (see `labels.ts`): `(3)`, `3.` and `3)` are all `3`. */
  readonly labelKey: string | undefined;
  /** The key of the annex it belongs to (`annex-7`), undefined in the body. */
  readonly annex: string | undefined;
  /** The ordinal of its parent clause (a section's is its annex, or -1 in the body), -1 at the top. */
  readonly parent: number;
}

/** A problem in a corpus file: a `corpus-error` unless it says otherwise. */
export interface CorpusProblem {
  /** `label-sequence` for a warning about printed labels; absent for a `corpus-error`. */
  readonly code?: 'label-sequence';
  readonly message: string;
  readonly range: LineRange;
}

/** A parsed corpus file. */
export interface CorpusDocument {
  readonly id: string | undefined;
  readonly title: string | undefined;
  /** Every front matter key, as YAML gave it. */
  readonly meta: Readonly<Record<string, unknown>>;
  /** True when the document's body has `##` sections (paths then start with a section number). */
  readonly hasSections: boolean;
  /**
   * How the document prints its numbers: `article` when its sections are articles (or its paragraphs are
   * numbered), `zh` for `第…条`, `none` when only positions count (the joint statements).
   */
  readonly printStyle: PrintStyle;
  /** Every clause in document order. */
  readonly clauses: readonly Clause[];
  readonly problems: readonly CorpusProblem[];
  /** The range of the front matter's `id` value, for rename and errors. */
  readonly idRange: LineRange | undefined;
  /** Characters of clause text, for size accounting. */
  readonly textLength: number;
  /** What the front matter says of the instrument's status and history (`status.ts`). */
  readonly facts: InstrumentFacts;
}

/** What the front matter says, or why it cannot be read. */
export interface FrontMatter {
  /** Present when the file starts with a `---` block (even a broken one). */
  readonly present: boolean;
  /** The line after the closing `---`, where the body starts. */
  readonly bodyLine: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly problems: readonly CorpusProblem[];
}

// Only `-`, `*` and `+` start list items; `1.` at the margin starts a numbered paragraph (spec.md §2).
const LIST_ITEM = /^( {0,3}|[ \t]*(?=[-*+][ \t]))([-*+])(?:[ \t]+|$)/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;

/** Removes Markdown backslash escapes (`1\\.` is `1.`): clause text is what a reader sees. */
function unescapeMarkdown(text: string): string {
  return text.indexOf('\\') < 0 ? text : text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * The text of a clause from its raw source slice (see `Clause.span`): lines joined by the East Asian Width
 * rule, Markdown escapes removed. Equal to the parser's `Clause.text` for paragraphs and items.
 */
export function clauseTextOf(raw: string): string {
  return unescapeMarkdown(joinLines(splitLines(raw)));
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function lineRange(startLine: number, startCharacter: number, endLine: number, endCharacter: number): LineRange {
  return { startLine, startCharacter, endLine, endCharacter };
}

/** Front matter nested deeper than this is refused without parsing it; real front matter nests a few levels. */
const MAX_FRONT_MATTER_DEPTH = 100;

/**
 * The first front matter line (between line 1 and `close`) that may nest deeper than
 * `MAX_FRONT_MATTER_DEPTH`, or -1. An over-estimate: indentation, compact `- `, `? ` and `: ` indicators and
 * open flow brackets all count as a level.
 *
 * NOTE: the YAML parser recurses once per level and overflows the stack near a thousand levels (a line of
 * `[` is enough); V8 may then abort the whole process while compiling a regular expression near the stack
 * limit ("RegExpCompiler Allocation failed"), which no `catch` can stop. So such input never reaches it.
 */
function tooDeepLine(lines: readonly string[], close: number): number {
  let flowDepth = 0;
  for (let line = 1; line < close; line++) {
    const text = lines[line];
    let depth = 0;
    while (depth < text.length && (text[depth] === ' ' || text[depth] === '\t')) {
      depth++;
    }
    for (let index = depth; index < text.length; index++) {
      const char = text[index];
      if (char === '[' || char === '{') {
        flowDepth++;
      } else if ((char === ']' || char === '}') && flowDepth > 0) {
        flowDepth--;
      } else if ((char === '-' || char === '?' || char === ':') && (index + 1 === text.length || text[index + 1] === ' ')) {
        depth++;
      }
      if (depth + flowDepth > MAX_FRONT_MATTER_DEPTH) {
        return line;
      }
    }
    if (depth + flowDepth > MAX_FRONT_MATTER_DEPTH) {
      return line;
    }
  }
  return -1;
}

/**
 * The data of a front matter made only of top-level `key: value` lines with plain string values (and blank
 * and comment lines), read without the YAML parser; undefined for anything else, which the YAML parser reads.
 * It gives what the YAML parser gives for such lines (checked by a property test).
 *
 * NOTE: the YAML parser costs more than the rest of parsing a small corpus file, and most corpus files have
 * front matter of this kind.
 */
function plainFrontMatter(lines: readonly string[], close: number): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  // Front matter the YAML parser would refuse as too long is refused the same way (it reads the lines joined).
  let length = -1;
  for (let line = 1; line < close; line++) {
    length += lines[line].length + 1;
    if (length > MAX_FRONT_MATTER_CHARS) {
      return undefined;
    }
  }
  for (let line = 1; line < close; line++) {
    const content = trimBlanksEnd(lines[line]);
    if (content === '' || content.startsWith('#')) {
      continue;
    }
    const match = OTHER_KEY.exec(content);
    if (!match || Object.prototype.hasOwnProperty.call(data, match[1]) || match[1] === '__proto__' || UNPRINTABLE.test(content)) {
      return undefined;
    }
    const raw = match[2] ?? '';
    if (raw === '' || raw === '~' || raw === 'null' || raw === 'Null' || raw === 'NULL') {
      data[match[1]] = null;
      continue;
    }
    const value = plainScalar(raw);
    if (value === undefined || (raw === value && NOT_A_STRING.test(raw))) {
      return undefined;
    }
    data[match[1]] = value;
  }
  return data;
}

/** Reads the YAML front matter of a corpus file's lines (`yaml`: always with the YAML parser, for tests). */
export function readFrontMatter(lines: readonly string[], options: { yaml?: boolean } = {}): FrontMatter {
  const firstLine = lines[0]?.replace(/^\uFEFF/, '') ?? '';
  if (!/^---[ \t]*$/.test(firstLine)) {
    return { present: false, bodyLine: 0, data: {}, problems: [] };
  }
  let close = -1;
  for (let line = 1; line < lines.length; line++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[line])) {
      close = line;
      break;
    }
  }
  if (close < 0) {
    return {
      present: true,
      bodyLine: lines.length,
      data: {},
      problems: [{ message: "front matter is not closed: add a line '---' after it", range: lineRange(0, 0, 0, firstLine.length) }],
    };
  }
  // NOTE: what the YAML parser would refuse as too deep is refused the same way (see `tooDeepLine`).
  const plain = options.yaml || tooDeepLine(lines, close) >= 0 ? undefined : plainFrontMatter(lines, close);
  if (plain) {
    return { present: true, bodyLine: close + 1, data: plain, problems: [] };
  }
  const source = lines.slice(1, close).join('\n');
  const problems: CorpusProblem[] = [];
  let data: Record<string, unknown> = {};
  const deepLine = tooDeepLine(lines, close);
  if (deepLine >= 0) {
    problems.push({
      message: `bad front matter: nested more than ${MAX_FRONT_MATTER_DEPTH} levels deep`,
      range: lineRange(deepLine, 0, deepLine, lines[deepLine].length),
    });
    return { present: true, bodyLine: close + 1, data, problems };
  }
  try {
    const parsed = parseFrontMatterYaml(source);
    for (const problem of parsed.problems) {
      const line = problem.line;
      const character = problem.column - 1;
      problems.push({
        message: `bad front matter: ${problem.message}`,
        range: lineRange(line, character, line, lines[line]?.length ?? character),
      });
    }
    if (parsed.problems.length === 0) {
      const value: unknown = parsed.value;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        data = value as Record<string, unknown>;
      } else if (value !== null && value !== undefined) {
        problems.push({ message: 'bad front matter: expected keys such as id: and title:', range: lineRange(0, 0, 0, 3) });
      }
    }
  } catch (error) {
    problems.push({ message: `bad front matter: ${String(error)}`, range: lineRange(0, 0, 0, 3) });
  }
  return { present: true, bodyLine: close + 1, data, problems };
}

function findKeyRange(lines: readonly string[], bodyLine: number, key: string): LineRange | undefined {
  for (let line = 1; line < bodyLine; line++) {
    const span = keyValueSpan(lines[line], key);
    if (span) {
      return lineRange(line, span.start, line, span.end);
    }
  }
  return undefined;
}

function isBlank(char: string): boolean {
  return char === ' ' || char === '\t';
}

/**
 * Where the value of `key: value` stands on a front matter line (without quotes, trailing blanks and a
 * trailing `# comment`), or undefined when the line does not hold the key with a plain value.
 *
 * NOTE: this was a regular expression with a lazy group before optional blanks, which backtracked
 * quadratically on a long line of spaces (16 s for 100,000); the loop below matches the same lines.
 */
function keyValueSpan(line: string, key: string): { start: number; end: number } | undefined {
  if (!line.startsWith(key + ':')) {
    return undefined;
  }
  let index = key.length + 1;
  while (index < line.length && isBlank(line[index])) {
    index++;
  }
  const quoted = line[index] === "'" || line[index] === '"';
  if (quoted) {
    index++;
  }
  const start = index;
  if (start >= line.length || /['"#\s]/.test(line[start])) {
    return undefined;
  }
  let stop = start + 1;
  while (stop < line.length && line[stop] !== "'" && line[stop] !== '"' && line[stop] !== '#') {
    stop++;
  }
  if (stop < line.length && line[stop] !== '#') {
    // A closing quote: only blanks and a comment may follow it.
    let after = stop + 1;
    while (after < line.length && isBlank(line[after])) {
      after++;
    }
    return after === line.length || line[after] === '#' ? { start, end: stop } : undefined;
  }
  let end = stop;
  while (end > start + 1 && isBlank(line[end - 1])) {
    end--;
  }
  return { start, end };
}

/**
 * A heading's text without the optional closing sequence of `#`s (CommonMark: blanks, then `#`s, then
 * blanks to the end of the line).
 *
 * NOTE: a loop, not `/[ \t]+#+[ \t]*$/`, which backtracked quadratically on a heading with a long run of
 * spaces (5 s for 100,000).
 */
export function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text[end - 1])) {
    end--;
  }
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') {
    hashes--;
  }
  if (hashes === end || hashes === 0 || !isBlank(text[hashes - 1])) {
    return text;
  }
  while (hashes > 0 && isBlank(text[hashes - 1])) {
    hashes--;
  }
  return text.slice(0, hashes);
}

/** True for a line of white space only (as `trim()` sees it), without allocating. */
function isBlankLine(line: string): boolean {
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === 0x20 || code === 0x09) {
      continue;
    }
    if (code < 0x80 ? !(code >= 0x09 && code <= 0x0d) : !WHITE_SPACE.test(line[index])) {
      return false;
    }
  }
  return true;
}

const WHITE_SPACE = /\s/;

/** An open block of lines: a paragraph, or the text of a list item. */
interface Block {
  startLine: number;
  lines: string[];
  startCharacter: number;
  kind: 'paragraph' | 'item';
  /** Where the clause goes: its path, its parent's ordinal, and its kind as the spec numbers it. */
  path: number[];
  parent: number;
  clauseKind: ClauseKind;
  /** The open list item whose text this is. */
  item?: OpenItem;
}

/** An open list item, for nesting: its marker's column and the column its text starts at. */
interface OpenItem {
  markerIndent: number;
  contentIndent: number;
  /** The item's path, and its ordinal once emitted (-1 until then, or when it was empty). */
  path: number[];
  ordinal: number;
  children: number;
}

/** The body, or one annex: clauses are numbered within it. */
interface Scope {
  /** The key prefix of its clauses (`annex-7:`), '' for the body. */
  readonly prefix: string;
  readonly annexKey: string | undefined;
  /** The annex clause's ordinal, -1 for the body. */
  readonly root: number;
  readonly hasSections: boolean;
}

/** The `label-sequence` check of one parent's labelled children. */
function checkSequences(clauses: readonly Clause[], describeParent: (parent: number) => string): CorpusProblem[] {
  const groups = new Map<number, { label: string; item: Clause }[]>();
  for (const clause of clauses) {
    if (clause.label === undefined || clause.kind === 'annex') {
      continue;
    }
    const list = groups.get(clause.parent) ?? [];
    list.push({ label: clause.label, item: clause });
    groups.set(clause.parent, list);
  }
  const problems: CorpusProblem[] = [];
  for (const [parent, entries] of groups) {
    const level: LabelLevel = entries[0].item.kind === 'section' ? 'section' : entries[0].item.kind === 'item' ? 'item' : 'paragraph';
    for (const found of sequenceBreaks(entries, level)) {
      problems.push({ code: 'label-sequence', message: describeBreak(found, describeParent(parent)), range: found.item.range });
    }
  }
  return problems.sort((left, right) => left.range.startLine - right.range.startLine);
}

/**
 * Parses a corpus file. `text` is the whole file. Clause numbering follows spec.md §2 exactly.
 */
export function parseCorpusDocument(text: string): CorpusDocument {
  const lines = splitLines(text);
  const lineOffsets: number[] = new Array(lines.length);
  for (let line = 0, offset = 0; line < lines.length; line++) {
    lineOffsets[line] = offset;
    offset += lines[line].length;
    offset += text.charCodeAt(offset) === 0x0d && text.charCodeAt(offset + 1) === 0x0a ? 2 : 1;
  }
  const frontMatter = readFrontMatter(lines);
  const problems: CorpusProblem[] = [...frontMatter.problems];
  const data = frontMatter.data;
  const firstLineRange = lineRange(0, 0, 0, Math.min(3, lines[0]?.length ?? 0));

  let id: string | undefined;
  const idRange = findKeyRange(lines, frontMatter.bodyLine, 'id');
  if (frontMatter.problems.length === 0) {
    const rawId = data['id'];
    if (rawId === undefined || rawId === null || rawId === '') {
      problems.push({ message: 'missing id: add `id: YYYY-CODE` (e.g. 2023-JS) to the front matter', range: firstLineRange });
    } else if (typeof rawId !== 'string' || !isDocId(rawId)) {
      problems.push({
        message: `id '${String(rawId)}' is not a document id: four digits, '-', then upper-case letters and digits (e.g. 2023-JS)`,
        range: idRange ?? firstLineRange,
      });
    } else {
      id = rawId;
    }
    const rawTitle = data['title'];
    if (rawTitle === undefined || rawTitle === null || String(rawTitle).trim() === '') {
      problems.push({ message: 'missing title: add `title:` to the front matter', range: firstLineRange });
    }
    problems.push(...aliasProblems(data, lines, frontMatter.bodyLine));
  }
  let facts = NO_FACTS;
  if (frontMatter.problems.length === 0) {
    const read = readInstrumentFacts(data, lines, frontMatter.bodyLine);
    facts = read.facts;
    problems.push(...read.problems);
  }
  const title = data['title'] !== undefined && data['title'] !== null ? String(data['title']) : undefined;

  // A first pass finds whether the body and each annex have `##` sections (their paths then start with a
  // section number). A level-1 heading that is not an annex, after an annex, returns to the body.
  const annexHasSections: boolean[] = [];
  let bodyHasSections = false;
  for (let lineNumber = frontMatter.bodyLine, inAnnex = -1; lineNumber < lines.length; lineNumber++) {
    const heading = HEADING.exec(lines[lineNumber]);
    if (!heading) {
      continue;
    }
    if (heading[1].length === 1) {
      inAnnex = annexHeading(withoutClosingHashes(lines[lineNumber].slice(heading[0].length)).trim()) ? annexHasSections.push(false) - 1 : -1;
    } else if (heading[1].length === 2) {
      if (inAnnex >= 0) {
        annexHasSections[inAnnex] = true;
      } else {
        bodyHasSections = true;
      }
    }
  }
  const hasSections = bodyHasSections;

  const clauses: Clause[] = [];
  let textLength = 0;
  let sawArticle = false;
  let sawChinese = false;
  let sawParagraphLabel = false;

  // Numbering state of the current scope.
  let scope: Scope = { prefix: '', annexKey: undefined, root: -1, hasSections: bodyHasSections };
  const bodyState = { seenSections: new Map<number, number>(), sectionPosition: 0 };
  let seenSections = bodyState.seenSections;
  let sectionPosition = 0;
  let annexCount = 0;
  const seenAnnexes = new Map<string, number>();
  let sectionPath: number[] = bodyHasSections ? [0] : [];
  let sectionOrdinal = -1; // the current section's ordinal, the parent of its paragraphs
  let sectionActive = true;
  let paragraphNumber = 0;
  let paragraphOrdinal = -1;
  let paragraphChildren = 0;
  let paragraphOpen = false; // the last block of this section was a paragraph that may take items
  let preambleEmitted = false;
  const items: OpenItem[] = [];
  let block: Block | undefined;
  let blankBefore = false;

  const keyOf = (path: readonly number[]): string => scope.prefix + path.join('.');

  const push = (clause: Omit<Clause, 'ordinal'>): number => {
    const ordinal = clauses.length;
    // NOTE: one literal with a fixed order of keys keeps every clause of one shape (a spread did not, and
    // cost microseconds per clause).
    clauses.push({
      path: clause.path,
      key: clause.key,
      kind: clause.kind,
      text: clause.text,
      range: clause.range,
      ordinal,
      span: clause.span,
      label: clause.label,
      labelKey: clause.labelKey,
      annex: clause.annex,
      parent: clause.parent,
    });
    return ordinal;
  };

  const flush = (): void => {
    if (!block) {
      return;
    }
    const current = block;
    block = undefined;
    const body = unescapeMarkdown(joinLines(current.lines));
    if (body.length === 0 || !sectionActive) {
      return;
    }
    const endLine = current.startLine + current.lines.length - 1;
    const range = lineRange(current.startLine, current.startCharacter, endLine, lines[endLine].length);
    textLength += body.length;
    const label = leadingLabel(body);
    if (label !== undefined && current.clauseKind === 'paragraph' && /^[0-9(（]/.test(label)) {
      sawParagraphLabel = true;
    }
    const ordinal = push({
      path: current.path,
      key: keyOf(current.path),
      kind: current.clauseKind,
      text: body,
      range,
      span: { start: lineOffsets[range.startLine] + current.startCharacter, end: lineOffsets[range.endLine] + range.endCharacter },
      label,
      labelKey: label === undefined ? undefined : labelKey(label, current.clauseKind === 'item' ? 'item' : 'paragraph'),
      annex: scope.annexKey,
      parent: current.parent,
    });
    if (current.item) {
      current.item.ordinal = ordinal;
    }
  };

  /** Emits the preamble section (§0) before the first clause of a document with sections. */
  const openPreamble = (startLine: number, startCharacter: number): void => {
    if (scope.hasSections && scope.annexKey === undefined && sectionPosition === 0 && !preambleEmitted) {
      preambleEmitted = true;
      sectionOrdinal = push({
        path: [0],
        key: '0',
        kind: 'section',
        text: '',
        range: lineRange(startLine, startCharacter, startLine, startCharacter),
        span: { start: lineOffsets[startLine] + startCharacter, end: lineOffsets[startLine] + startCharacter },
        label: undefined,
        labelKey: undefined,
        annex: undefined,
        parent: -1,
      });
    }
  };

  /** Starts a paragraph block (a new paragraph of the section). */
  const startParagraph = (lineNumber: number, line: string, indent: number): void => {
    flush();
    items.length = 0;
    openPreamble(lineNumber, indent);
    paragraphNumber++;
    paragraphChildren = 0;
    const path = [...sectionPath, paragraphNumber];
    paragraphOrdinal = clauses.length;
    block = { startLine: lineNumber, lines: [line], startCharacter: indent, kind: 'paragraph', path, parent: sectionOrdinalOrRoot(), clauseKind: 'paragraph' };
    paragraphOpen = true;
  };

  const sectionOrdinalOrRoot = (): number => (scope.hasSections ? sectionOrdinal : scope.root);

  /** Starts a list item at `markerIndent`, nested under the open items it is indented under. */
  const startItem = (lineNumber: number, content: string, markerIndent: number, contentIndent: number): void => {
    flush();
    openPreamble(lineNumber, contentIndent);
    while (items.length > 0 && markerIndent < items[items.length - 1].contentIndent) {
      items.pop();
    }
    let path: number[];
    let parent: number;
    let clauseKind: ClauseKind;
    const outer = items[items.length - 1];
    if (outer) {
      outer.children++;
      path = [...outer.path, outer.children];
      // An empty item (`- ` alone) is no clause: its sub-items hang from the nearest one that is.
      const emitted = [...items].reverse().find((open) => open.ordinal >= 0);
      parent = emitted ? emitted.ordinal : paragraphOpen ? paragraphOrdinal : sectionOrdinalOrRoot();
      clauseKind = 'item';
    } else if (paragraphOpen) {
      paragraphChildren++;
      path = [...sectionPath, paragraphNumber, paragraphChildren];
      parent = paragraphOrdinal;
      clauseKind = 'item';
    } else {
      // A list with no paragraph before it: its items are paragraphs.
      paragraphNumber++;
      path = [...sectionPath, paragraphNumber];
      parent = sectionOrdinalOrRoot();
      clauseKind = 'paragraph';
    }
    const item: OpenItem = { markerIndent, contentIndent, path, ordinal: -1, children: 0 };
    items.push(item);
    block = { startLine: lineNumber, lines: [content], startCharacter: contentIndent, kind: 'item', path, parent, clauseKind, item };
  };

  for (let lineNumber = frontMatter.bodyLine; lineNumber < lines.length; lineNumber++) {
    const line = lines[lineNumber];
    if (isBlankLine(line)) {
      if (block && block.kind === 'paragraph') {
        flush();
      }
      blankBefore = true;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      items.length = 0;
      blankBefore = false;
      const headingText = withoutClosingHashes(line.slice(heading[0].length)).trim();
      if (heading[1].length === 1) {
        const annex = annexHeading(headingText);
        if (annex || scope.annexKey !== undefined) {
          // An annex starts (or a level-1 heading after an annex returns to the body).
          paragraphNumber = 0;
          paragraphOpen = false;
          sectionActive = true;
          if (annex) {
            annexCount++;
            const labelText = annex.label ?? String(annexCount);
            const annexKey = `annex-${labelKey(labelText, 'annex') ?? labelText}`;
            const range = lineRange(lineNumber, 0, lineNumber, line.length);
            const previous = seenAnnexes.get(annexKey);
            if (previous !== undefined) {
              problems.push({ message: `duplicate annex ${labelText}: line ${previous + 1} already has it; this annex cannot be cited`, range });
            }
            seenAnnexes.set(annexKey, lineNumber);
            sectionActive = previous === undefined;
            const has = annexHasSections[annexCount - 1] ?? false;
            const root = sectionActive
              ? push({
                  path: [],
                  key: annexKey,
                  kind: 'annex',
                  text: headingText,
                  range,
                  span: { start: lineOffsets[lineNumber] + heading[0].length, end: lineOffsets[lineNumber] + line.length },
                  label: annex.label,
                  labelKey: labelKey(labelText, 'annex'),
                  annex: annexKey,
                  parent: -1,
                })
              : -1;
            scope = { prefix: `${annexKey}:`, annexKey, root, hasSections: has };
            seenSections = new Map();
            sectionPosition = 0;
            sectionPath = [];
            sectionOrdinal = root;
          } else {
            scope = { prefix: '', annexKey: undefined, root: -1, hasSections: bodyHasSections };
            seenSections = bodyState.seenSections;
            sectionPosition = bodyState.sectionPosition;
            sectionPath = bodyHasSections ? [0] : [];
            sectionOrdinal = -1;
          }
          continue;
        }
        paragraphOpen = false;
        continue;
      }
      if (heading[1].length !== 2) {
        // Other headings (`###` groupings) are not clauses and end the paragraph before them.
        paragraphOpen = false;
        continue;
      }
      sectionPosition++;
      if (scope.annexKey === undefined) {
        bodyState.sectionPosition = sectionPosition;
      }
      const number = sectionNumberOf(headingText) ?? sectionPosition;
      const range = lineRange(lineNumber, 0, lineNumber, line.length);
      const previous = seenSections.get(number);
      if (previous !== undefined) {
        problems.push({
          message: `duplicate section number ${number}: line ${previous + 1} already has section ${number}; this section's clauses cannot be cited`,
          range,
        });
      }
      sectionActive = previous === undefined && (scope.annexKey === undefined || scope.root >= 0);
      sectionPath = [number];
      paragraphNumber = 0;
      paragraphOpen = false;
      const label = headingLabel(headingText);
      if (isArticleHeading(headingText)) {
        if (/第/.test(label ?? '')) {
          sawChinese = true;
        } else {
          sawArticle = true;
        }
      }
      if (sectionActive) {
        seenSections.set(number, lineNumber);
        sectionOrdinal = push({
          path: [number],
          key: keyOf([number]),
          kind: 'section',
          text: headingText,
          range,
          span: { start: lineOffsets[lineNumber] + Math.min(line.length, heading[0].length), end: lineOffsets[lineNumber] + line.length },
          label,
          labelKey: label === undefined ? undefined : labelKey(label, 'section'),
          annex: scope.annexKey,
          parent: scope.root,
        });
      }
      continue;
    }
    const listItem = LIST_ITEM.exec(line);
    const indent = line.length - line.trimStart().length;
    // `2. The…` at the margin starts a numbered paragraph, even right after a line of text.
    const numbered = NUMBERED.test(line);
    const openItem = items[items.length - 1];
    if (block && block.kind === 'item' && !listItem && !numbered && (!blankBefore || (openItem !== undefined && indent >= Math.min(openItem.contentIndent, 2 + openItem.markerIndent)))) {
      // A continuation of the item: a lazy line, or an indented paragraph inside it.
      block.lines.push(line);
      blankBefore = false;
      continue;
    }
    if (listItem) {
      const markerIndent = listItem[1].length;
      if (block && block.kind === 'paragraph' && !blankBefore && markerIndent > 0 && items.length === 0) {
        // An indented `-` inside a paragraph's lines is text, as Markdown reads it.
        block.lines.push(line);
        continue;
      }
      const content = line.slice(listItem[0].length);
      startItem(lineNumber, content, markerIndent, listItem[0].length);
      blankBefore = false;
      continue;
    }
    if (block && block.kind === 'paragraph' && !blankBefore && !numbered) {
      block.lines.push(line);
    } else {
      startParagraph(lineNumber, line, indent);
    }
    blankBefore = false;
  }
  flush();

  const printStyle: PrintStyle = sawChinese && !sawArticle ? 'zh' : sawArticle || (!bodyHasSections && sawParagraphLabel) ? 'article' : 'none';
  const describeParent = (parent: number): string => {
    if (parent < 0) {
      return hasSections ? 'the document (its articles)' : 'the document';
    }
    const clause = clauses[parent];
    return describeClause(clauses, clause, printStyle);
  };
  problems.push(...checkSequences(clauses, describeParent));

  return {
    id,
    title,
    meta: data,
    hasSections,
    printStyle,
    clauses,
    problems,
    idRange,
    textLength,
    facts,
  };
}

// A numbered paragraph: `1. The Parties…`, `2) …` at the margin (spec.md §2: not a list item). Numbers of
// more than three digits (`1969. The…` in wrapped text) do not interrupt a paragraph.
const NUMBERED = /^ {0,3}[0-9]{1,3}(?:[ \u00a0]bis)?[.)](?:[ \t]|$)/;

/** The chain of a clause from its outermost labelled-or-not ancestor down to it (annexes excluded). */
export function chainOf(clauses: readonly Clause[], clause: Clause): Clause[] {
  const chain: Clause[] = [];
  let current: Clause | undefined = clause;
  while (current && current.kind !== 'annex') {
    chain.unshift(current);
    current = current.parent >= 0 ? clauses[current.parent] : undefined;
  }
  return chain;
}

/** How a clause is named in messages: its printed form where the document prints numbers, else `§3.4`. */
export function describeClause(clauses: readonly Clause[], clause: Clause, printStyle: PrintStyle): string {
  const printed = printedFormOf(clauses, clause, printStyle);
  if (printed !== undefined) {
    return printed;
  }
  return `§${clause.path.join('.')}`;
}

/** The printed pinpoint of a clause (`art. 31(3)(a)`), or undefined where no label names it. */
export function printedFormOf(clauses: readonly Clause[], clause: Clause, printStyle: PrintStyle): string | undefined {
  if (clause.kind === 'annex') {
    // The annex itself: `annex VII` (`附件七` in Chinese); an unnumbered annex is cited by its position.
    return formatPrinted(clause.label ?? clause.key.slice('annex-'.length), [], printStyle === 'zh' ? 'zh' : 'article');
  }
  const chain = chainOf(clauses, clause);
  if (chain.length === 0 || chain[chain.length - 1].label === undefined && !(printStyle === 'zh' && chain[chain.length - 1].kind === 'paragraph')) {
    return undefined;
  }
  // A section without a label (`## Definitions`) cannot be reached by labels.
  if (chain.some((link) => link.kind === 'section' && link.label === undefined)) {
    return undefined;
  }
  const annexClause = clause.annex !== undefined ? clauses.find((candidate) => candidate.kind === 'annex' && candidate.key === clause.annex) : undefined;
  const annexLabel = annexClause ? annexClause.label ?? annexClause.labelKey : undefined;
  const links: ChainLink[] = chain.map((link) => ({
    level: link.kind === 'section' ? 'section' : link.kind === 'item' ? 'item' : 'paragraph',
    label: link.label,
    position: link.path[link.path.length - 1],
    paragraphHeading: link.kind === 'section' && isParagraphHeading(link.text),
  }));
  return formatPrinted(annexLabel, links, printStyle === 'zh' ? 'zh' : 'article');
}

/** Problems of an `aliases` list in the front matter. */
function aliasProblems(data: Readonly<Record<string, unknown>>, lines: readonly string[], bodyLine: number): CorpusProblem[] {
  const raw = data['aliases'];
  if (raw === undefined || raw === null) {
    return [];
  }
  const range = findKeyLine(lines, bodyLine, 'aliases') ?? lineRange(0, 0, 0, 3);
  const list = Array.isArray(raw) ? raw : [raw];
  const problems: CorpusProblem[] = [];
  for (const alias of list) {
    if (typeof alias !== 'string' || !isAlias(alias)) {
      problems.push({
        message: `alias '${String(alias)}' is not an alias: upper-case letters, digits and '-', starting with a letter, and not a document id (e.g. VCLT)`,
        range,
      });
    }
  }
  return problems;
}

function findKeyLine(lines: readonly string[], bodyLine: number, key: string): LineRange | undefined {
  for (let line = 1; line < bodyLine; line++) {
    if (lines[line].startsWith(key + ':')) {
      return lineRange(line, 0, line, lines[line].length);
    }
  }
  return undefined;
}

/** The aliases a document's front matter gives (valid ones only). */
export function aliasesOf(meta: Readonly<Record<string, unknown>>): string[] {
  const raw = meta['aliases'];
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  return list.filter((alias): alias is string => typeof alias === 'string' && isAlias(alias));
}

/**
 * Tells whether a Markdown file under a corpus path is meant as a corpus file: it has front matter that
 * either fails to parse or names an `id` or a `title`. Every other Markdown file is a brief.
 */
export function isCorpusFile(document: CorpusDocument, text: string): boolean {
  if (document.id !== undefined) {
    return true;
  }
  if (!/^\uFEFF?---[ \t]*(\r?\n|\r|$)/.test(text)) {
    return false;
  }
  return document.problems.some((problem) => problem.message.startsWith('bad front matter') || problem.message.startsWith('front matter'))
    || 'id' in document.meta || 'title' in document.meta;
}

/** The header of a file that is no corpus file (a brief). */
export const NOT_A_CORPUS_FILE: DocumentHeader = Object.freeze({ isCorpus: false, id: undefined, title: undefined, language: '', authentic: true, aliases: [], related: [] });

/** What the index needs of a corpus file without parsing its clauses. */
export interface DocumentHeader {
  /** True when the file is a corpus file (see `isCorpusFile`). */
  readonly isCorpus: boolean;
  /** The id, when the front matter has a valid one. */
  readonly id: string | undefined;
  readonly title: string | undefined;
  /** The language, lower case ('' when unstated). */
  readonly language: string;
  /** False when the front matter says the file is a translation (`authentic: false`). */
  readonly authentic: boolean;
  /** The aliases its front matter gives (`aliases: [VCLT]`), valid ones only. */
  readonly aliases: readonly string[];
  /** The ids its relation keys name (`amends`, `superseded_by`, …; see `status.ts`), sorted. */
  readonly related: readonly string[];
}

// NOTE: the value's trailing blanks are cut by `trimBlanksEnd`, not by `(.*?)[ \t]*$`, which backtracked
// quadratically on a long run of spaces inside a value (15 s for 160,000).
const HEADER_KEY = /^(id|title|language|authentic):[ \t]*(.*)$/;

function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text[end - 1])) {
    end--;
  }
  return text.slice(0, end);
}

function plainScalar(value: string): string | undefined {
  if (value === '' || /^[|>[{&*!%@`?,\]}#-]/.test(value) || / #|: |:$/.test(value)) {
    return undefined;
  }
  const quoted = /^(['"])(.*)\1$/.exec(value);
  if (quoted) {
    return quoted[2].includes(quoted[1]) || quoted[2].includes('\\') ? undefined : quoted[2];
  }
  return /^['"]/.test(value) ? undefined : value;
}

// Characters YAML refuses (C0 and C1 controls but tab and NEL, non-characters, lone surrogates, a BOM).
const UNPRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Unquoted values that YAML's core schema reads as null, a boolean or a number rather than a string.
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
// A relation key (`amends:`, `superseded_by:`…) sends the header to the YAML parser, which lists the ids it names.
const RELATION_LINE = new RegExp(`^(?:${RELATION_KEYS.join('|')}):`);
const OTHER_KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*))?$/;
const NESTED_LINE = /^ +(?:- +)?(.*)$/;

/** True when YAML reads `raw` (a header key's value as written) as the string the fast path takes it for. */
function isStringScalar(key: string, raw: string): boolean {
  if (key === 'authentic') {
    return raw === 'true' || raw === 'false';
  }
  return !NOT_A_STRING.test(raw);
}

/**
 * True when a front matter line other than a header key is one the fast path may skip: blank, a comment, a
 * new top-level key with a plain value or none, or an indented plain value or list item. Anything else
 * (flow collections, odd indentation, nested maps) goes to the YAML parser, which may find it wrong.
 */
function isPlainLine(line: string, keys: Set<string>): boolean {
  const content = trimBlanksEnd(line);
  if (content === '' || content.startsWith('#')) {
    return true;
  }
  const key = OTHER_KEY.exec(content);
  if (key) {
    if (keys.has(key[1])) {
      return false;
    }
    keys.add(key[1]);
    return key[2] === undefined || key[2] === '' || plainScalar(key[2]) !== undefined;
  }
  const nested = NESTED_LINE.exec(content);
  return nested !== null && plainScalar(nested[1]) !== undefined;
}

/**
 * Reads a corpus file's header (id, title, language, authenticity) quickly: the common front matter of
 * plain `key: value` lines is read by hand, anything unusual by the YAML parser, so the answer always
 * equals `parseCorpusDocument`'s.
 */
export function readHeader(text: string): DocumentHeader {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start)) {
    return NOT_A_CORPUS_FILE;
  }
  const values = new Map<string, string>();
  const otherKeys = new Set<string>();
  let simple = true;
  let closed = false;
  let lineStart = text.indexOf('\n', start);
  if (lineStart < 0 || text.slice(start + 3, lineStart).trim() !== '') {
    simple = false;
  }
  while (simple && lineStart >= 0) {
    const next = text.indexOf('\n', lineStart + 1);
    const line = text.slice(lineStart + 1, next < 0 ? text.length : next).replace(/\r$/, '');
    lineStart = next;
    if (/^(---|\.\.\.)[ \t]*$/.test(line)) {
      closed = true;
      break;
    }
    const match = HEADER_KEY.exec(line);
    if (UNPRINTABLE.test(line) || line.startsWith('aliases:') || RELATION_LINE.test(line)) {
      simple = false;
    } else if (match) {
      const raw = trimBlanksEnd(match[2]);
      const value = plainScalar(raw);
      if (value === undefined || values.has(match[1]) || !isStringScalar(match[1], raw)) {
        simple = false;
      } else {
        values.set(match[1], value);
      }
      otherKeys.add(match[1]);
    } else if (!isPlainLine(line, otherKeys)) {
      simple = false;
    }
  }
  if (!simple || !closed || !values.has('id') || !values.has('title')) {
    // Anything unusual: let the YAML parser decide, on the front matter alone.
    return headerFromFrontMatter(text);
  }
  const id = values.get('id') as string;
  return detachedHeader({
    isCorpus: true,
    id: isDocId(id) ? id : undefined,
    title: values.get('title'),
    language: (values.get('language') ?? '').trim().toLowerCase(),
    authentic: !/^false$/i.test(values.get('authentic') ?? ''),
    aliases: [],
    related: [],
  });
}

/**
 * A header that does not keep its file's text alive: the index keeps a header per file for good, and a title
 * cut from the text (a slice of 13 characters or more) held the whole text (issue 14: 15 KB per file, and the
 * garbage collector copied every text it held while a large corpus loaded).
 */
function detachedHeader(header: DocumentHeader): DocumentHeader {
  return header.isCorpus ? detachedData(header) : header;
}

/**
 * A header read by the YAML parser from the front matter alone (the body is not parsed). Equals what
 * `parseCorpusDocument` and `isCorpusFile` say of the whole file.
 */
function headerFromFrontMatter(text: string): DocumentHeader {
  // Only the lines up to the closing `---` (or the whole text when it is not closed) are split.
  const close = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\r|$)/.exec(text.length > 3 ? text.slice(3) : '');
  const head = close ? text.slice(0, 3 + close.index + close[0].length) : text;
  const lines = splitLines(head);
  const frontMatter = readFrontMatter(lines);
  const data = frontMatter.data;
  const rawId = data['id'];
  const id = frontMatter.problems.length === 0 && typeof rawId === 'string' && isDocId(rawId) ? rawId : undefined;
  const language = data['language'];
  const authentic = data['authentic'];
  const isCorpus =
    id !== undefined ||
    (frontMatter.present &&
      (frontMatter.problems.length > 0 || 'id' in data || 'title' in data));
  return detachedHeader({
    isCorpus,
    id,
    title: data['title'] !== undefined && data['title'] !== null ? String(data['title']) : undefined,
    language: typeof language === 'string' ? language.trim().toLowerCase() : '',
    authentic: authentic !== false && authentic !== 'false',
    aliases: aliasesOf(data),
    related: relatedIdsOf(data),
  });
}
