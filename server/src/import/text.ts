/**
 * Small text helpers shared by the importers: joining wrapped lines, reading Chinese numerals and dates,
 * recognising the end of a sentence.
 */
import { isWideCharacter } from './eastAsianWidth';

/**
 * Joins two pieces of one clause that a line break separated. The break is dropped when the character on
 * either side of it is East Asian Wide or Fullwidth (CJK text has no spaces between words, and scanned
 * newspaper text wraps in the middle of words), and becomes one space otherwise.
 *
 * NOTE: this is deliberately looser than the spec's rule for corpus files (which drops the break only when
 * both sides are wide): a scan wrapped `11` / `月9日` must give `11月9日`, not `11 月9日`. The corpus files
 * that the importers write hold each clause on one line, so the spec's rule never applies to them.
 */
export function joinWrapped(left: string, right: string): string {
  if (left === '') {
    return right;
  }
  if (right === '') {
    return left;
  }
  return left + wrapSeparator(left, right) + right;
}

/** What stands for the line break between two non-empty pieces: '' beside a wide character, else a space. */
function wrapSeparator(left: string, right: string): string {
  const first = String.fromCodePoint(right.codePointAt(0) ?? 0x20);
  return isWideCharacter(lastCharacter(left)) || isWideCharacter(first) ? '' : ' ';
}

/** Joins wrapped lines (already trimmed) into one clause text with {@link joinWrapped}. */
export function joinWrappedLines(lines: readonly string[]): string {
  // NOTE: pieces are joined once and only each line's own end is read; reading the end of the growing text
  // flattened it on every line, which made 20,000 wrapped lines take seconds.
  const parts: string[] = [];
  let previous = '';
  for (const line of lines) {
    if (line === '') {
      continue;
    }
    if (previous !== '') {
      parts.push(wrapSeparator(previous, line));
    }
    parts.push(line);
    previous = line;
  }
  return parts.join('');
}

/** The last code point of a string as a string ('' for the empty string). */
export function lastCharacter(text: string): string {
  if (text === '') {
    return '';
  }
  const code = text.codePointAt(text.length - 1) ?? 0;
  if (code >= 0xdc00 && code <= 0xdfff && text.length >= 2) {
    return text.slice(-2);
  }
  return text.slice(-1);
}

/**
 * Sentence-final punctuation, optionally followed by closing quotes or brackets: `。`, `。”`, `：`, `；`, `！`,
 * `？`, and their ASCII forms. A line that ends so may end a paragraph; a line that ends otherwise never does.
 */
const sentenceFinal = /[。！？：；.!?:;](?:[”’」』）》)"'])*$/u;

/** True when the text ends a sentence (see {@link sentenceFinal}). */
export function endsSentence(text: string): boolean {
  return sentenceFinal.test(text.trimEnd());
}

const chineseDigits: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Characters that may make up a Chinese numeral read by {@link parseChineseNumber}. */
export const chineseNumeralCharacters = '〇零一二两三四五六七八九十百千';

/**
 * Reads a Chinese numeral (`三` 3, `十七` 17, `二十一` 21, `一百零五` 105, `二〇二三` 2023 written digit by
 * digit), or an Arabic one. Returns undefined for anything else.
 */
export function parseChineseNumber(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) {
    return Number(text);
  }
  if (text === '' || ![...text].every((character) => chineseNumeralCharacters.includes(character))) {
    return undefined;
  }
  if (!/[十百千]/.test(text)) {
    // Digit by digit, as in years: 二〇二三.
    let value = 0;
    for (const character of text) {
      value = value * 10 + chineseDigits[character];
    }
    return value;
  }
  let total = 0;
  let digit = 0;
  let sawDigit = false;
  for (const character of text) {
    if (character in chineseDigits) {
      digit = chineseDigits[character];
      sawDigit = true;
      continue;
    }
    const unit = character === '十' ? 10 : character === '百' ? 100 : 1000;
    total += (sawDigit ? digit : 1) * unit;
    digit = 0;
    sawDigit = false;
  }
  return total + digit;
}

/** Reads an upper- or lower-case Roman numeral up to 3999; undefined when the text is not one. */
export function parseRomanNumber(text: string): number | undefined {
  const upper = text.toUpperCase();
  if (upper === '' || !/^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(upper)) {
    return undefined;
  }
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let index = 0; index < upper.length; index++) {
    const value = values[upper[index]];
    const next = index + 1 < upper.length ? values[upper[index + 1]] : 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** Formats a year, month and day as an ISO date (`2023-03-21`). */
export function isoDate(year: number, month: number, day: number): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const chineseNumeral = `[0-9${chineseNumeralCharacters}]`;
const chineseDatePattern = new RegExp(`^(${chineseNumeral}{4})\\s*年\\s*(${chineseNumeral}{1,3})\\s*月\\s*(${chineseNumeral}{1,4})\\s*日`);

/**
 * Reads a Chinese date such as `二〇二三年三月二十一日` or `2023年3月21日` at the start of the text.
 * Returns the ISO date and the length of the matched text.
 */
export function parseChineseDate(text: string): { date: string; length: number } | undefined {
  const match = chineseDatePattern.exec(text);
  if (!match) {
    return undefined;
  }
  const year = parseChineseNumber(match[1]);
  const month = parseChineseNumber(match[2]);
  const day = parseChineseNumber(match[3]);
  if (year === undefined || month === undefined || day === undefined || month < 1 || month > 12 || day < 1 || day > 31) {
    return undefined;
  }
  return { date: isoDate(year, month, day), length: match[0].length };
}

/** Splits text into lines, accepting `\n`, `\r\n` and `\r`, and dropping a byte-order mark. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}
