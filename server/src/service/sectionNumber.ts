/**
 * Reads the number of a section heading as spec.md §2 defines it: Chinese, Arabic or Roman numerals, alone
 * or inside `第…条`, `第…部分`, `Article …`, `Section …`, `Part …`, followed by `、`, `.`, white space or the
 * end of the heading.
 */

/** The value of a Chinese digit's code unit, or -1; `十`, `百`, `千` give -10, -100, -1000. */
function chineseValue(code: number): number {
  switch (code) {
    case 0x96f6: // 零
    case 0x3007: // 〇
      return 0;
    case 0x4e00: // 一
      return 1;
    case 0x4e8c: // 二
    case 0x4e24: // 两
      return 2;
    case 0x4e09: // 三
      return 3;
    case 0x56db: // 四
      return 4;
    case 0x4e94: // 五
      return 5;
    case 0x516d: // 六
      return 6;
    case 0x4e03: // 七
      return 7;
    case 0x516b: // 八
      return 8;
    case 0x4e5d: // 九
      return 9;
    case 0x5341: // 十
      return -10;
    case 0x767e: // 百
      return -100;
    case 0x5343: // 千
      return -1000;
    default:
      return -1;
  }
}

/** Parses a Chinese numeral such as `二十八` or `一百零五`; undefined when it is not one. */
export function parseChineseNumeral(text: string): number | undefined {
  if (text.length === 0) {
    return undefined;
  }
  // NOTE: by code unit, not `for…of` over an object of characters: section headings and labels of every
  // clause come through here.
  let units = false;
  for (let index = 0; index < text.length; index++) {
    const value = chineseValue(text.charCodeAt(index));
    if (value === -1) {
      return undefined;
    }
    units ||= value < -1;
  }
  // `一〇〇`, `二〇二三`: digits written by position, without units.
  if (text.length > 1 && !units) {
    let value = 0;
    for (let index = 0; index < text.length; index++) {
      value = value * 10 + chineseValue(text.charCodeAt(index));
    }
    return value;
  }
  let total = 0;
  let digit = -1;
  for (let index = 0; index < text.length; index++) {
    const value = chineseValue(text.charCodeAt(index));
    if (value >= 0) {
      digit = value;
    } else {
      total += (digit < 0 ? 1 : digit) * -value;
      digit = -1;
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
