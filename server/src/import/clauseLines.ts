/**
 * Turns the lines of one article (or one statute article) into paragraphs and items by their list markers,
 * for importers whose sources mark structure only in the text (`1.`, `(a)`, `(i)`, `（一）`, `一、`, `（甲）`).
 *
 * The depth of a marker is not fixed by its kind (English treaties number paragraphs `1.` and items `(a)`;
 * the Chinese translations number paragraphs `（一）` and items `1.`), so it is worked out line by line:
 * a new kind of marker after a line that ends in a colon or dash opens a deeper level; a kind seen before
 * returns to its level; an unmarked line is a paragraph. Depth 0 is a paragraph, depth 1 an item of it, and
 * anything deeper is added to the text of the item above it (a nested list belongs to its item's text).
 */
import { isWhiteSpace } from '../service/text';
import type { ImportedClause, ImportedParagraph } from './types';

/** One line of source text with its 1-based line number. */
export interface SourceLine {
  /** The text, trimmed. */
  readonly text: string;
  /** 1-based line in the source (0 when unknown). */
  readonly line: number;
}

type MarkerKind = 'arabic' | 'parenArabic' | 'latin' | 'roman' | 'chineseParen' | 'chineseComma' | 'heavenlyStem' | 'dash';

const heavenlyStems = '甲乙丙丁戊己庚辛壬癸';

/** The kind of list marker a line starts with, and the marker's letter for Latin ones. */
function markerOf(text: string): { kind: MarkerKind; letter?: string } | undefined {
  let match: RegExpExecArray | null;
  if ((match = /^[(（]([a-z]{1,2})[)）]/.exec(text))) {
    const letter = match[1];
    return /^[ivxlc]+$/.test(letter) ? { kind: 'roman', letter } : { kind: 'latin', letter };
  }
  if (/^[(（][ivxlc]+[)）]/.test(text)) {
    return { kind: 'roman' };
  }
  if (/^[(（][0-9]{1,3}[)）]/.test(text)) {
    return { kind: 'parenArabic' };
  }
  if (/^[0-9]{1,3}[.．](?![0-9])/.test(text)) {
    return { kind: 'arabic' };
  }
  if (/^[(（][一二三四五六七八九十]{1,3}[)）]/.test(text)) {
    return { kind: 'chineseParen' };
  }
  if (/^[一二三四五六七八九十]{1,3}、/.test(text)) {
    return { kind: 'chineseComma' };
  }
  if (new RegExp(`^[(（][${heavenlyStems}][)）]`).test(text)) {
    return { kind: 'heavenlyStem' };
  }
  if (/^——/.test(text)) {
    return { kind: 'dash' };
  }
  return undefined;
}

const opensList = /[:：—–─-]$/;

/**
 * Splits a line at inline list markers: `…Convention:(a)“treaty” means…;(b)“ratification”…` becomes
 * three lines. Only markers in sequence (a, b, c… or 甲, 乙, 丙…) count, the first after a colon and the
 * rest after `;`, `,`, `；` or `，` (optionally followed by `and`/`or`), and only when there are two or more.
 */
export function splitInlineList(text: string): string[] {
  for (const alphabet of ['abcdefghijklmnopqrstuvwxyz', heavenlyStems]) {
    const cuts: number[] = [];
    let expected = 0;
    const pattern = /[(（]([a-z]|[甲乙丙丁戊己庚辛壬癸])[)）]/gu;
    for (const match of text.matchAll(pattern)) {
      const index = match.index ?? 0;
      if (index === 0 || match[1] !== alphabet[expected]) {
        continue;
      }
      // NOTE: only the end of the text before the marker is read (at most a few words): trimming and testing
      // all of it for each marker was quadratic on a long line of markers.
      const before = tailBefore(text, index);
      const fits = expected === 0 ? /[:：—–]$/.test(before) : /(?:[;；,，]|[;,]\s*(?:and|or))$/.test(before);
      if (fits) {
        cuts.push(index);
        expected++;
      }
    }
    if (cuts.length >= 2) {
      const parts: string[] = [];
      let start = 0;
      for (const cut of cuts) {
        parts.push(text.slice(start, cut).trim());
        start = cut;
      }
      parts.push(text.slice(start).trim());
      return parts.filter((part) => part !== '');
    }
  }
  return [text];
}

/**
 * The end of the text before `index`, trimmed, as far back as the list patterns look: the last word (up to
 * three characters, `and`/`or`), the white space before it, and one character more (`;` or `,`).
 */
function tailBefore(text: string, index: number): string {
  let end = index;
  while (end > 0 && isWhiteSpace(text.charCodeAt(end - 1))) {
    end--;
  }
  let start = end;
  while (start > 0 && end - start < 3 && !isWhiteSpace(text.charCodeAt(start - 1))) {
    start--;
  }
  while (start > 0 && isWhiteSpace(text.charCodeAt(start - 1))) {
    start--;
  }
  return text.slice(Math.max(0, start - 1), end);
}

/** Builds paragraphs and items from lines (see the file comment). Empty lines are ignored. */
export function paragraphsFromLines(lines: readonly SourceLine[], options: { inlineLists?: boolean } = {}): ImportedParagraph[] {
  const paragraphs: { text: string; line: number; items: ImportedClause[] }[] = [];
  const stack: (MarkerKind | 'unmarked')[] = [];
  let lastLatin: string | undefined;
  let previousText = '';
  const expanded = options.inlineLists ? lines.flatMap((line) => splitInlineList(line.text).map((text) => ({ text, line: line.line }))) : lines;
  for (const { text, line } of expanded) {
    if (text === '') {
      continue;
    }
    let marker = markerOf(text);
    if (marker?.kind === 'roman' && marker.letter !== undefined && lastLatin !== undefined && marker.letter.length === 1 && marker.letter.charCodeAt(0) === lastLatin.charCodeAt(0) + 1 && !stack.includes('roman')) {
      // `(i)` right after `(h)` is the next letter, not a Roman one.
      marker = { kind: 'latin', letter: marker.letter };
    }
    let depth: number;
    if (!marker) {
      stack.length = 0;
      stack.push('unmarked');
      depth = 0;
    } else {
      const level = stack.indexOf(marker.kind);
      if (level >= 0) {
        stack.length = level + 1;
        depth = level;
      } else if (stack.length === 0) {
        stack.push(marker.kind);
        depth = 0;
      } else if (opensList.test(previousText)) {
        stack.push(marker.kind);
        depth = stack.length - 1;
      } else {
        // A new kind of marker with nothing that opens a list before it: a sibling of the level above.
        stack[stack.length - 1] = marker.kind;
        depth = stack.length - 1;
      }
      if (marker.kind === 'latin') {
        lastLatin = marker.letter;
      }
    }
    const paragraph = paragraphs[paragraphs.length - 1];
    if (depth === 0 || !paragraph) {
      paragraphs.push({ text, line, items: [] });
    } else if (depth === 1 || paragraph.items.length === 0) {
      paragraph.items.push({ text, line });
    } else {
      const last = paragraph.items[paragraph.items.length - 1];
      paragraph.items[paragraph.items.length - 1] = { text: `${last.text} ${text}`, line: last.line };
    }
    previousText = text;
  }
  return paragraphs;
}
