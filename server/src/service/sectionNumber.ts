/**
 * Reads the number of a section heading as spec.md §2 defines it: Chinese, Arabic or Roman numerals, alone
 * or inside `第…条`, `第…部分`, `Article …`, `Section …`, `Part …`, followed by `、`, `.`, white space or the
 * end of the heading.
 */

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CHINESE_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Parses a Chinese numeral such as `二十八` or `一百零五`; undefined when it is not one. */
export function parseChineseNumeral(text: string): number | undefined {
  if (text.length === 0) {
    return undefined;
  }
  // `一〇〇`, `二〇二三`: digits written by position, without units.
  if (text.length > 1 && !/[十百千]/.test(text)) {
    let value = 0;
    for (const char of text) {
      if (!(char in CHINESE_DIGITS)) {
        return undefined;
      }
      value = value * 10 + CHINESE_DIGITS[char];
    }
    return value;
  }
  let total = 0;
  let digit = -1;
  for (const char of text) {
    if (char in CHINESE_DIGITS) {
      digit = CHINESE_DIGITS[char];
    } else if (char in CHINESE_UNITS) {
      total += (digit < 0 ? 1 : digit) * CHINESE_UNITS[char];
      digit = -1;
    } else {
      return undefined;
    }
  }
  if (digit >= 0) {
    total += digit;
  }
  return total;
}

const ROMAN: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** Parses an upper-case Roman numeral in canonical form; undefined when it is not one. */
export function parseRomanNumeral(text: string): number | undefined {
  if (!/^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(text) || text.length === 0) {
    return undefined;
  }
  let total = 0;
  for (let index = 0; index < text.length; index++) {
    const value = ROMAN[text[index]];
    const next = index + 1 < text.length ? ROMAN[text[index + 1]] : 0;
    total += value < next ? -value : value;
  }
  return total;
}

function parseAnyNumeral(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) {
    return text.length <= 9 ? Number(text) : undefined;
  }
  return parseChineseNumeral(text) ?? parseRomanNumeral(text);
}

// What may follow a number: `、`, `.`, white space, or the end (spec.md §2). Dashes and colons after a space
// are covered by the white space.
const TERMINATOR = '(?:[、.．\\s]|$)';
const NUMERAL = '([0-9]+|[零〇一二两三四五六七八九十百千]+|[IVXLCDM]+)';
const PATTERNS: readonly RegExp[] = [
  new RegExp(`^第${NUMERAL}(?:条|部分)${TERMINATOR}`),
  new RegExp(`^(?:Article|ARTICLE|Section|SECTION|Part|PART)\\s+${NUMERAL}${TERMINATOR}`),
  new RegExp(`^${NUMERAL}${TERMINATOR}`),
];

/** The number a heading gives its section, or undefined when it gives none (then its position counts). */
export function sectionNumberOf(heading: string): number | undefined {
  const text = heading.trim();
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (match) {
      const value = parseAnyNumeral(match[1]);
      if (value !== undefined) {
        return value;
      }
    }
  }
  return undefined;
}
