/**
 * An independent reading of corpus files by the rules of spec.md §2, written for the tests so that they
 * do not take the server's word for what the clauses are. It is deliberately small: enough for the built-in
 * corpus and the tests' own made-up files (headings, paragraphs, flat lists with continuation lines).
 */
import { parse as parseYaml } from 'yaml';

/** One clause as the spec numbers it. */
export interface ExpectedClause {
  /** The path without `§`, e.g. `1.7.3`. */
  readonly path: string;
  readonly kind: 'section' | 'paragraph' | 'item';
  /** The clause's text with line breaks joined by the spec's rule; a section's is its heading text. */
  readonly text: string;
  /** The 0-based line of the file where the clause starts. */
  readonly line: number;
}

/** A corpus file as the spec reads it. */
export interface ExpectedDocument {
  readonly id: string;
  readonly title: string;
  readonly meta: Record<string, unknown>;
  readonly hasSections: boolean;
  readonly clauses: ExpectedClause[];
}

// NOTE: the East Asian Wide and Fullwidth classes of UAX #11, by block; enough for Chinese, Japanese and
// Korean text and their punctuation.
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Joins a clause's lines: dropped between two wide characters, one space elsewhere. */
export function joinLines(lines: readonly string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (text.length === 0) {
      text = line;
    } else if (WIDE.test(text.slice(-1)) && WIDE.test(line.charAt(0))) {
      text += line;
    } else {
      text += ' ' + line;
    }
  }
  return text;
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseNumber(text: string): number | undefined {
  const match = /^(?:([一二三四五六七八九]?)十([一二三四五六七八九]?)|([一二三四五六七八九]))$/u.exec(text);
  if (!match) {
    return undefined;
  }
  if (match[3]) {
    return CHINESE_DIGITS[match[3]];
  }
  return (match[1] ? CHINESE_DIGITS[match[1]] : 1) * 10 + (match[2] ? CHINESE_DIGITS[match[2]] : 0);
}

function romanNumber(text: string): number | undefined {
  if (!/^[IVXLC]+$/.test(text)) {
    return undefined;
  }
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let index = 0; index < text.length; index++) {
    const value = values[text[index]];
    const next = values[text[index + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

function numberValue(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  return chineseNumber(text) ?? romanNumber(text);
}

/** A section heading's number by spec.md §2, or undefined when it has none. */
export function headingNumber(heading: string): number | undefined {
  const wrapped = /^第([一二三四五六七八九十\d]+)(?:条|部分)/u.exec(heading) ?? /^(?:Article|Section|Part)\s+([IVXLC]+|\d+)(?=[、.\s]|$)/u.exec(heading);
  if (wrapped) {
    return numberValue(wrapped[1]);
  }
  const bare = /^([一二三四五六七八九十]+|\d+|[IVXLC]+)(?=[、.\s]|$)/u.exec(heading);
  return bare ? numberValue(bare[1]) : undefined;
}

interface Block {
  readonly kind: 'heading' | 'paragraph' | 'list';
  readonly line: number;
  /** For lists, one entry per item: its first line and its lines. */
  readonly items: { line: number; lines: string[] }[];
  readonly lines: string[];
}

const LIST_ITEM = /^(?:[-*+]|\d+[.)])\s+/;

function blocksOf(lines: readonly string[], firstLine: number): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const lineNumber = firstLine + index;
    if (line.trim().length === 0) {
      current = undefined;
      continue;
    }
    if (line.startsWith('## ')) {
      blocks.push({ kind: 'heading', line: lineNumber, items: [], lines: [line.slice(3).trim()] });
      current = undefined;
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const previous = blocks[blocks.length - 1];
      // A list goes on after blank lines between its items.
      const list = current?.kind === 'list' ? current : previous?.kind === 'list' && current === undefined ? previous : undefined;
      const item = { line: lineNumber, lines: [line.replace(LIST_ITEM, '')] };
      if (list) {
        list.items.push(item);
        current = list;
      } else {
        current = { kind: 'list', line: lineNumber, items: [item], lines: [] };
        blocks.push(current);
      }
      continue;
    }
    if (current?.kind === 'list') {
      // A continuation (or nested list) line belongs to the last item's text.
      current.items[current.items.length - 1].lines.push(line.replace(LIST_ITEM, ''));
      continue;
    }
    if (current?.kind === 'paragraph') {
      current.lines.push(line);
      continue;
    }
    current = { kind: 'paragraph', line: lineNumber, items: [], lines: [line] };
    blocks.push(current);
  }
  return blocks;
}

/** Reads one corpus file by spec.md §2. Throws on a file without the required front matter. */
export function readCorpusFile(text: string): ExpectedDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] !== '---') {
    throw new Error('no front matter');
  }
  const end = lines.indexOf('---', 1);
  const meta = parseYaml(lines.slice(1, end).join('\n')) as Record<string, unknown>;
  const id = String(meta['id']);
  const title = String(meta['title']);
  const blocks = blocksOf(lines.slice(end + 1), end + 1);
  const hasSections = blocks.some((block) => block.kind === 'heading');
  const clauses: ExpectedClause[] = [];
  let headingCount = 0;
  let prefix = hasSections ? '0.' : '';
  let paragraph = 0;
  let lastParagraph: { path: string; items: number } | undefined;
  if (hasSections && blocks[0]?.kind !== 'heading') {
    clauses.push({ path: '0', kind: 'section', text: '', line: blocks[0].line });
  }
  for (const block of blocks) {
    if (block.kind === 'heading') {
      headingCount++;
      const number = headingNumber(block.lines[0]) ?? headingCount;
      clauses.push({ path: String(number), kind: 'section', text: block.lines[0], line: block.line });
      prefix = `${number}.`;
      paragraph = 0;
      lastParagraph = undefined;
    } else if (block.kind === 'paragraph') {
      paragraph++;
      lastParagraph = { path: `${prefix}${paragraph}`, items: 0 };
      clauses.push({ path: lastParagraph.path, kind: 'paragraph', text: joinLines(block.lines), line: block.line });
    } else if (lastParagraph) {
      for (const item of block.items) {
        lastParagraph.items++;
        clauses.push({ path: `${lastParagraph.path}.${lastParagraph.items}`, kind: 'item', text: joinLines(item.lines), line: item.line });
      }
    } else {
      // A list with no paragraph before it in its section: its items are paragraphs.
      for (const item of block.items) {
        paragraph++;
        clauses.push({ path: `${prefix}${paragraph}`, kind: 'paragraph', text: joinLines(item.lines), line: item.line });
      }
    }
  }
  return { id, title, meta, hasSections, clauses };
}
