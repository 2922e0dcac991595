/**
 * Parses a corpus file (spec.md §2) into a document: front matter, and clauses numbered by section,
 * paragraph and item. Never throws; problems come back with line positions.
 *
 * NOTE: this is a line scanner, not a full Markdown parser. The corpus format is deliberately simple
 * (headings, blank-line-separated paragraphs, lists), and corpora reach hundreds of megabytes, where a
 * CommonMark parser would cost seconds.
 */
import { parseDocument } from 'yaml';
import { isDocId } from './citationParser';
import { sectionNumberOf } from './sectionNumber';
import { joinLines } from './text';
import { Span } from './types';

/** A range in a corpus file, in lines and UTF-16 characters (0-based, end exclusive). */
export interface LineRange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

export type ClauseKind = 'section' | 'paragraph' | 'item';

/** One citable unit: a section, a paragraph or an item. */
export interface Clause {
  /** The path, e.g. `[3, 4]` for §3.4. */
  readonly path: readonly number[];
  /** The path as a string, `3.4`, the key of every lookup. */
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
}

/** A problem in a corpus file (always reported as `corpus-error`). */
export interface CorpusProblem {
  readonly message: string;
  readonly range: LineRange;
}

/** A parsed corpus file. */
export interface CorpusDocument {
  readonly id: string | undefined;
  readonly title: string | undefined;
  /** Every front matter key, as YAML gave it. */
  readonly meta: Readonly<Record<string, unknown>>;
  /** True when the document has `##` sections (paths then start with a section number). */
  readonly hasSections: boolean;
  /** Every clause in document order. */
  readonly clauses: readonly Clause[];
  readonly problems: readonly CorpusProblem[];
  /** The range of the front matter's `id` value, for rename and errors. */
  readonly idRange: LineRange | undefined;
  /** Characters of clause text, for size accounting. */
  readonly textLength: number;
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

const LIST_ITEM = /^( {0,3})([-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)/;
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

/** Reads the YAML front matter of a corpus file's lines. */
export function readFrontMatter(lines: readonly string[]): FrontMatter {
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
    const document = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
    for (const error of document.errors) {
      const position = error.linePos?.[0];
      const line = position ? position.line : 1;
      const character = position ? position.col - 1 : 0;
      problems.push({
        message: `bad front matter: ${error.message.split('\n')[0]}`,
        range: lineRange(line, character, line, lines[line]?.length ?? character),
      });
    }
    if (document.errors.length === 0) {
      const value: unknown = document.toJS();
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
function withoutClosingHashes(text: string): string {
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

interface Block {
  startLine: number;
  lines: string[];
  startCharacter: number;
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
  }
  const title = data['title'] !== undefined && data['title'] !== null ? String(data['title']) : undefined;

  const hasSections = lines.some((line, index) => index >= frontMatter.bodyLine && /^ {0,3}##(?:[ \t]+|$)/.test(line));
  const clauses: Clause[] = [];
  const seenSections = new Map<number, number>();
  let textLength = 0;

  // Numbering state.
  let sectionPath: number[] = hasSections ? [0] : [];
  let sectionActive = true;
  let sectionPosition = 0;
  let paragraphNumber = 0;
  let itemNumber = 0;
  let paragraphOpen = false; // the last block of this section was a paragraph that may take items
  let block: Block | undefined;
  let blockKind: 'paragraph' | 'item' = 'paragraph';
  let blankBefore = false;

  const emit = (kind: ClauseKind, path: number[], body: string, range: LineRange, spanStartCharacter = range.startCharacter): void => {
    if (!sectionActive) {
      return;
    }
    textLength += body.length;
    const span = {
      start: lineOffsets[range.startLine] + spanStartCharacter,
      end: lineOffsets[range.endLine] + range.endCharacter,
    };
    clauses.push({ path, key: path.join('.'), kind, text: body, range, ordinal: clauses.length, span });
  };

  const flush = (): void => {
    if (!block) {
      return;
    }
    const body = unescapeMarkdown(joinLines(block.lines));
    const endLine = block.startLine + block.lines.length - 1;
    const range = lineRange(block.startLine, block.startCharacter, endLine, lines[endLine].length);
    if (body.length > 0) {
      if (hasSections && sectionPosition === 0 && clauses.length === 0) {
        // The preamble is section 0; it has no heading, but `§0` is citable like any section.
        emit('section', [0], '', lineRange(block.startLine, block.startCharacter, block.startLine, block.startCharacter));
      }
      if (blockKind === 'paragraph') {
        paragraphNumber++;
        itemNumber = 0;
        emit('paragraph', [...sectionPath, paragraphNumber], body, range);
        paragraphOpen = true;
      } else if (paragraphOpen) {
        itemNumber++;
        emit('item', [...sectionPath, paragraphNumber, itemNumber], body, range);
      } else {
        paragraphNumber++;
        emit('paragraph', [...sectionPath, paragraphNumber], body, range);
      }
    }
    block = undefined;
  };

  for (let lineNumber = frontMatter.bodyLine; lineNumber < lines.length; lineNumber++) {
    const line = lines[lineNumber];
    if (line.trim().length === 0) {
      if (block && blockKind === 'paragraph') {
        flush();
      }
      blankBefore = true;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blankBefore = false;
      if (heading[1].length !== 2) {
        // Other headings (a `#` title, `###` groupings) are not clauses and end the paragraph before them.
        paragraphOpen = false;
        continue;
      }
      sectionPosition++;
      const headingText = withoutClosingHashes(line.slice(heading[0].length)).trim();
      const number = sectionNumberOf(headingText) ?? sectionPosition;
      const range = lineRange(lineNumber, 0, lineNumber, line.length);
      const previous = seenSections.get(number);
      if (previous !== undefined) {
        problems.push({
          message: `duplicate section number ${number}: line ${previous + 1} already has section ${number}; this section's clauses cannot be cited`,
          range,
        });
      }
      sectionActive = previous === undefined;
      sectionPath = [number];
      paragraphNumber = 0;
      itemNumber = 0;
      paragraphOpen = false;
      emit('section', [number], headingText, range, Math.min(line.length, heading[0].length));
      if (sectionActive) {
        seenSections.set(number, lineNumber);
      }
      continue;
    }
    const listItem = LIST_ITEM.exec(line);
    const indent = line.length - line.trimStart().length;
    if (block && blockKind === 'item' && !listItem && (!blankBefore || indent >= 2)) {
      // A continuation of the item: a lazy line, an indented paragraph, or a nested list.
      block.lines.push(line);
      blankBefore = false;
      continue;
    }
    if (block && blockKind === 'item' && listItem && listItem[1].length >= 2) {
      // A nested list belongs to its item's text.
      block.lines.push(line.trim());
      blankBefore = false;
      continue;
    }
    if (listItem) {
      flush();
      block = { startLine: lineNumber, lines: [line.slice(listItem[0].length)], startCharacter: listItem[0].length };
      blockKind = 'item';
      blankBefore = false;
      continue;
    }
    if (block && blockKind === 'paragraph') {
      block.lines.push(line);
    } else {
      flush();
      block = { startLine: lineNumber, lines: [line], startCharacter: indent };
      blockKind = 'paragraph';
    }
    blankBefore = false;
  }
  flush();

  return {
    id,
    title,
    meta: data,
    hasSections,
    clauses,
    problems,
    idRange,
    textLength,
  };
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
    return { isCorpus: false, id: undefined, title: undefined, language: '', authentic: true };
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
    if (UNPRINTABLE.test(line)) {
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
    // Anything unusual: let the real parser decide.
    const document = parseCorpusDocument(text);
    const language = document.meta['language'];
    const authentic = document.meta['authentic'];
    return {
      isCorpus: isCorpusFile(document, text),
      id: document.id,
      title: document.title,
      language: typeof language === 'string' ? language.trim().toLowerCase() : '',
      authentic: authentic !== false && authentic !== 'false',
    };
  }
  const id = values.get('id') as string;
  return {
    isCorpus: true,
    id: isDocId(id) ? id : undefined,
    title: values.get('title'),
    language: (values.get('language') ?? '').trim().toLowerCase(),
    authentic: !/^false$/i.test(values.get('authentic') ?? ''),
  };
}
