/**
 * The structure of one treaty article, read from the markers in its text: numbered paragraphs (`1.`, `2.`)
 * and their items (`(a)`, `(b)`; `(1)`, `(2)`; `a.`), so that a clause path is what a lawyer cites:
 * article 31(3)(a) of the VCLT is §31.3.1 (paragraph 3, item 1). Used by the JSON treaty importer.
 *
 * The English text is read first and on its own (it is the authentic version and decides the numbering).
 * The Chinese text is then read *guided by* the English shape: its paragraph and item markers must carry
 * the same values in the same order (`三、` is paragraph 3, `（甲）`, `（a）`, `（一）`, `1.` are item 1), or the
 * Chinese article is reported as not lining up, never squeezed into the English shape.
 *
 * Pure: strings in, values out, never throws.
 */
import { isWhiteSpace } from '../service/text';

/** One lettered (or numbered) item of a paragraph. */
export interface ArticleItem {
  /** The item text, marker included (`(a) any subsequent agreement…`). */
  readonly text: string;
}

/** One paragraph of an article. */
export interface ArticleParagraph {
  /** The paragraph number the text gives (`3.` is 3), or undefined for an unnumbered paragraph. */
  readonly number: number | undefined;
  /** The paragraph text before its items, marker included (`3. There shall be taken into account…:`). */
  readonly text: string;
  /** The items, in order. */
  readonly items: readonly ArticleItem[];
}

/** An article as its markers structure it. */
export interface ArticleShape {
  /**
   * Text before numbered paragraph 1 (`The Purposes of the United Nations are:`), '' when there is none.
   * It is part of the article but of no paragraph: the importer writes it into the section heading so that
   * paragraph 1 stays §N.1.
   */
  readonly leadIn: string;
  /** The paragraphs: numbered 1…n when the article numbers them, else unnumbered, in order. */
  readonly paragraphs: readonly ArticleParagraph[];
  /** True when the paragraphs are numbered in the text. */
  readonly numbered: boolean;
  /** Places where the text does not fit the structure cleanly (for the curator), in words. */
  readonly problems: readonly string[];
}

/** The styles of list markers met in the dataset, English and Chinese. */
type MarkerStyle =
  | 'arabicDot' // 1.  1．
  | 'parenArabic' // (1)  （1）
  | 'parenLatin' // (a)  （a）
  | 'latinParen' // a)
  | 'latinDot' // a.   (line start only)
  | 'parenRoman' // (i)
  | 'chineseComma' // 一、
  | 'chineseSpace' // 一  (a numeral then two spaces or an ideographic space)
  | 'parenChinese' // （一）
  | 'heavenlyStem' // （甲）
  | 'earthlyBranch'; // （子）

interface Marker {
  readonly style: MarkerStyle;
  /** Ordinal value: 1 for `1.`, `(a)`, `一、`, `（甲）`, `(i)`. */
  readonly value: number;
  /** Start offset in the text. */
  readonly start: number;
  /** True when the marker starts a line (or the text). */
  readonly lineStart: boolean;
  /** The end of the text before the marker on its line (at most `CONTEXT_LENGTH` characters), trimmed, for the context rules. */
  readonly before: string;
}

const heavenlyStems = '甲乙丙丁戊己庚辛壬癸';
const earthlyBranches = '子丑寅卯辰巳午未申酉戌亥';
const chineseDigits = '〇一二三四五六七八九';

/** Value of a small Chinese numeral (1–99), or undefined. */
function chineseValue(text: string): number | undefined {
  const match = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!match || text === '' || (match[2] === '' && match[1] !== '' && match[3] !== '')) {
    return undefined;
  }
  const tens = match[2] === '十' ? (match[1] === '' ? 1 : chineseDigits.indexOf(match[1])) : 0;
  const units = match[2] === '十' ? (match[3] === '' ? 0 : chineseDigits.indexOf(match[3])) : chineseDigits.indexOf(match[1]);
  return tens * 10 + units || undefined;
}

/** Value of a lower-case Roman numeral (i–xxxix), or undefined. */
function romanValue(text: string): number | undefined {
  if (!/^x{0,3}(ix|iv|v?i{0,3})$/.test(text) || text === '') {
    return undefined;
  }
  const values: Record<string, number> = { i: 1, v: 5, x: 10 };
  let total = 0;
  for (let index = 0; index < text.length; index++) {
    const value = values[text[index]];
    total += value < (values[text[index + 1]] ?? 0) ? -value : value;
  }
  return total;
}

/** Value of a letter marker: a = 1 … z = 26, aa = 27 … (the dataset's double letters). */
function letterValue(text: string): number {
  return text.length === 1 ? text.charCodeAt(0) - 96 : 26 + text.charCodeAt(0) - 96;
}

// NOTE: after a Chinese numeral, `[ 　](?![ 　]*[、，。])` (one blank, then a look at the rest of the run) rather
// than `[ 　]{1,}(?!…)`, which backtracks through the whole run of blanks once per blank.
const markerPattern =
  /[(（]([a-z]{1,2}|[0-9]{1,3}|[一二三四五六七八九十]{1,3}|[甲乙丙丁戊己庚辛壬癸]|[子丑寅卯辰巳午未申酉戌亥])[)）]|(?<![A-Za-z0-9.])([a-z])\)|(?<![0-9.,])([0-9]{1,3})[.．](?![0-9])|(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})(?:、|(?=[ 　](?![ 　]*[、，。])))|^([a-z])\.(?=\s)/gmu;

/** The context rules look at most this far back on a marker's line. */
const CONTEXT_LENGTH = 64;

/** Every list marker in a text, with its style and value. Roman/letter ambiguity is resolved by the caller. */
function findMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  // NOTE: markers come in text order, so the start of the current line is carried forward, and only the end
  // of the text before a marker is kept: slicing and trimming all of it for each marker was quadratic on one
  // long line of markers.
  let lineStartIndex = 0;
  let scanned = 0;
  for (const match of text.matchAll(markerPattern)) {
    const start = match.index ?? 0;
    for (; scanned < start; scanned++) {
      if (text.charCodeAt(scanned) === 0x0a) {
        lineStartIndex = scanned + 1;
      }
    }
    let contentEnd = start;
    while (contentEnd > lineStartIndex && isWhiteSpace(text.charCodeAt(contentEnd - 1))) {
      contentEnd--;
    }
    const lineStart = contentEnd === lineStartIndex;
    const before = text.slice(Math.max(lineStartIndex, contentEnd - CONTEXT_LENGTH), contentEnd).trimStart();
    const push = (style: MarkerStyle, value: number | undefined): void => {
      if (value !== undefined && value > 0) {
        markers.push({ style, value, start, lineStart, before });
      }
    };
    if (match[1] !== undefined) {
      const inner = match[1];
      if (/^[a-z]+$/.test(inner)) {
        const roman = romanValue(inner);
        if (roman !== undefined) {
          push('parenRoman', roman);
        }
        if (inner.length === 1 || inner[0] === inner[1]) {
          push('parenLatin', letterValue(inner));
        }
      } else if (/^[0-9]+$/.test(inner)) {
        push('parenArabic', Number(inner));
      } else if (heavenlyStems.includes(inner)) {
        push('heavenlyStem', heavenlyStems.indexOf(inner) + 1);
      } else if (earthlyBranches.includes(inner)) {
        push('earthlyBranch', earthlyBranches.indexOf(inner) + 1);
      } else {
        push('parenChinese', chineseValue(inner));
      }
    } else if (match[2] !== undefined) {
      push('latinParen', letterValue(match[2]));
    } else if (match[3] !== undefined) {
      push('arabicDot', Number(match[3]));
    } else if (match[4] !== undefined) {
      push(match[0].endsWith('、') ? 'chineseComma' : 'chineseSpace', chineseValue(match[4]));
    } else if (match[5] !== undefined) {
      push('latinDot', letterValue(match[5]));
    }
  }
  return markers;
}

/** Where a marker may start a paragraph or an item: at a line start, or after punctuation that ends a lead. */
function fitsContext(marker: Marker, level: 'paragraph' | 'item'): boolean {
  if (marker.lineStart) {
    return true;
  }
  if (marker.style === 'latinDot' || marker.style === 'chineseSpace' && level === 'item') {
    return false;
  }
  if (level === 'paragraph') {
    // Inline paragraph numbers only after the end of a sentence (`…歧視。二  第六條…`).
    return /[。.]$/.test(marker.before);
  }
  return /(?:[:：;；,，.。—–]|[;,]\s*(?:and|or)|[；，](?:及|或|和|並|以及))$/.test(marker.before);
}

/**
 * Finds markers of one style whose values run 1, 2, 3… in text order, each in a fitting context; returns
 * their offsets, or undefined when the run does not have exactly `count` members (count undefined: any
 * run of two or more). Markers of other styles in between are nested lists and stay in the text.
 */
function markerRun(
  markers: readonly Marker[],
  style: MarkerStyle,
  level: 'paragraph' | 'item',
  count: number | undefined,
): number[] | undefined {
  const offsets: number[] = [];
  for (let index = 0; index < markers.length; index++) {
    const marker = markers[index];
    if (marker.style !== style || marker.value !== offsets.length + 1 || !fitsContext(marker, level)) {
      continue;
    }
    if (style === 'parenLatin' && marker.value >= 9) {
      // NOTE: `(i)` after `(h)` is a letter, but `(i)` followed by `(ii)` opens a Roman sub-list of (h);
      // the same for `(v)` and `(x)`.
      const next = markers.slice(index + 1).find((other) => other.start > marker.start && other.style === 'parenRoman');
      const letter = String.fromCharCode(96 + marker.value);
      if (/^[ivx]$/.test(letter) && next?.value === (romanValue(letter) ?? 0) + 1 && !markers.some((other) => other.start > marker.start && other.start < next.start && other.style === 'parenLatin' && other.value === marker.value + 1)) {
        continue;
      }
    }
    offsets.push(marker.start);
  }
  if (count === undefined) {
    return offsets.length >= 2 ? offsets : undefined;
  }
  return offsets.length === count ? offsets : undefined;
}

/** Joins an article's lines into one clause text: a space between English lines, nothing between CJK ones. */
function joinClause(text: string, chinese: boolean): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(chinese ? '' : ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Cuts a text at the offsets: the part before the first, then one part per offset. */
function cut(text: string, offsets: readonly number[]): { head: string; parts: string[] } {
  const parts: string[] = [];
  for (let index = 0; index < offsets.length; index++) {
    parts.push(text.slice(offsets[index], offsets[index + 1] ?? text.length));
  }
  return { head: text.slice(0, offsets[0] ?? text.length), parts };
}

/** Item styles of English paragraphs, in order of preference. */
const englishItemStyles: readonly MarkerStyle[] = ['parenLatin', 'latinParen', 'latinDot', 'parenArabic'];
/** Item styles of Chinese paragraphs. */
const chineseItemStyles: readonly MarkerStyle[] = ['heavenlyStem', 'parenLatin', 'parenChinese', 'arabicDot', 'parenArabic', 'earthlyBranch', 'latinParen'];
/** Paragraph styles of Chinese articles. */
const chineseParagraphStyles: readonly MarkerStyle[] = ['chineseComma', 'arabicDot', 'chineseSpace', 'parenChinese', 'parenArabic'];

/** Splits one paragraph's text into its text and items (English: the first item style that runs 1, 2, …). */
function englishItems(body: string, problems: string[], where: string): { text: string; items: ArticleItem[] } {
  const markers = findMarkers(body);
  for (const style of englishItemStyles) {
    const offsets = markerRun(markers, style, 'item', undefined);
    if (!offsets) {
      continue;
    }
    // The first item must follow the paragraph's own text (or start it), not sit in the middle of a sentence.
    const { head, parts } = cut(body, offsets);
    const last = parts[parts.length - 1];
    const lines = last.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    if (lines.length > 1 && lines.slice(1).some((line) => findMarkers(line).every((marker) => marker.start !== 0))) {
      problems.push(`${where}: text after the last item is kept with that item`);
    }
    return { text: joinClause(head, false), items: parts.map((part) => ({ text: joinClause(part, false) })) };
  }
  return { text: joinClause(body, false), items: [] };
}

/**
 * Reads an English article: numbered paragraphs (`1.` at a line start, in sequence) and their items.
 * Lines before paragraph 1 are the lead-in; unmarked lines after a numbered paragraph continue it.
 * In an article without numbered paragraphs each line is a paragraph (items attach to the line before).
 */
export function parseEnglishArticle(content: string): ArticleShape {
  const problems: string[] = [];
  const lines = content
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '');
  const text = lines.join('\n');
  const markers = findMarkers(text).filter((marker) => marker.lineStart && marker.style === 'arabicDot');
  const offsets: number[] = [];
  for (const marker of markers) {
    if (marker.value === offsets.length + 1) {
      offsets.push(marker.start);
    } else if (offsets.length > 0 && marker.value !== offsets.length) {
      problems.push(`a line starts with “${marker.value}.” where paragraph ${offsets.length + 1} was expected`);
    }
  }
  if (offsets.length > 0) {
    const { head, parts } = cut(text, offsets);
    const paragraphs = parts.map((part, index) => ({ number: index + 1, ...englishItems(part, problems, `paragraph ${index + 1}`) }));
    return { leadIn: joinClause(head, false), paragraphs, numbered: true, problems };
  }
  // Unnumbered: a line that starts with an item marker belongs to the paragraph before it.
  const blocks: string[] = [];
  for (const line of lines) {
    const marker = findMarkers(line)[0];
    const isItem = marker !== undefined && marker.start === 0 && marker.style !== 'arabicDot';
    if (isItem && blocks.length > 0) {
      blocks[blocks.length - 1] += `\n${line}`;
    } else {
      blocks.push(line);
    }
  }
  const paragraphs = blocks.map((block, index) => ({ number: undefined, ...englishItems(block, problems, `paragraph ${index + 1}`) }));
  return { leadIn: '', paragraphs, numbered: false, problems };
}

/** The Chinese counterpart of an English article, or why there is none. */
export type ChineseArticle = { readonly shape: ArticleShape } | { readonly mismatch: string };

/**
 * Reads a Chinese article so that it lines up with the English shape: the same number of paragraphs, with
 * paragraph markers of one style numbered 1…n when the English numbers them, and in each paragraph the
 * same number of items, with item markers of one style numbered 1…k. Anything else is a mismatch, reported
 * in words; nothing is guessed.
 */
export function parseChineseArticle(content: string, english: ArticleShape): ChineseArticle {
  const lines = content
    .split('\n')
    .map((line) => line.replace(/\u00a0/g, ' ').trim())
    .filter((line) => line !== '');
  const text = lines.join('\n');
  let head = '';
  let bodies: string[] | undefined;
  if (english.numbered) {
    const markers = findMarkers(text);
    for (const style of chineseParagraphStyles) {
      const offsets = markerRun(markers, style, 'paragraph', english.paragraphs.length);
      if (offsets && !(english.paragraphs.length === 1 && markerRun(markers, style, 'paragraph', undefined))) {
        const parts = cut(text, offsets);
        head = parts.head;
        bodies = parts.parts;
        break;
      }
    }
    if (!bodies) {
      return { mismatch: `the Chinese text is not numbered in ${english.paragraphs.length} paragraph${english.paragraphs.length === 1 ? '' : 's'} like the English` };
    }
  } else {
    // Unnumbered: one paragraph per line, item lines going with the line before.
    const blocks: string[] = [];
    for (const line of lines) {
      const marker = findMarkers(line)[0];
      if (marker !== undefined && marker.start === 0 && blocks.length > 0 && chineseItemStyles.includes(marker.style)) {
        blocks[blocks.length - 1] += `\n${line}`;
      } else {
        blocks.push(line);
      }
    }
    if (blocks.length === english.paragraphs.length) {
      bodies = blocks;
    } else if (english.paragraphs.length === 1) {
      // NOTE: the whole English article is one paragraph, so the whole Chinese article is its counterpart,
      // whatever breaks the translation has.
      bodies = [text];
    } else {
      return { mismatch: `the English has ${english.paragraphs.length} unnumbered paragraphs, the Chinese ${blocks.length}` };
    }
  }
  const leadIn = joinClause(head, true);
  if ((leadIn === '') !== (english.leadIn === '')) {
    return { mismatch: english.leadIn === '' ? 'the Chinese has an introductory sentence before paragraph 1 that the English lacks' : 'the English has an introductory sentence before paragraph 1 that the Chinese lacks' };
  }
  const paragraphs: ArticleParagraph[] = [];
  for (const [index, body] of bodies.entries()) {
    const want = english.paragraphs[index];
    if (want.items.length === 0) {
      paragraphs.push({ number: want.number, text: joinClause(body, true), items: [] });
      continue;
    }
    const markers = findMarkers(body);
    let found: { head: string; parts: string[] } | undefined;
    for (const style of chineseItemStyles) {
      const offsets = markerRun(markers, style, 'item', want.items.length);
      if (offsets) {
        found = cut(body, offsets);
        break;
      }
    }
    if (!found) {
      return { mismatch: `paragraph ${want.number ?? index + 1} has ${want.items.length} items in the English, not as many lettered items in the Chinese` };
    }
    paragraphs.push({ number: want.number, text: joinClause(found.head, true), items: found.parts.map((part) => ({ text: joinClause(part, true) })) });
  }
  if (paragraphs.some((paragraph, index) => paragraph.text === '' && english.paragraphs[index].text !== '' && paragraph.items.length === 0)) {
    return { mismatch: 'a Chinese paragraph is empty' };
  }
  return { shape: { leadIn, paragraphs, numbered: english.numbered, problems: [] } };
}
