/**
 * Numbers as drafters write them: the numeral styles of printed labels (`3`, `III`, `iii`, `c`, `三`, `３`),
 * read and written back in the same style, and the numbers of running text in English and Chinese
 * (`thirty`, `二十五`, `一百万`, `两`). Pure: strings in, values out; never throws.
 */
import { toChineseNumeral } from './labels';
import { parseChineseNumeral, parseRomanNumeral } from './sectionNumber';

/** How a label's number is written. */
export type NumeralStyle = 'arabic' | 'fullwidth' | 'zh' | 'roman-upper' | 'roman-lower' | 'letter-lower' | 'letter-upper';

const ZH_NUMERAL = /^[零〇一二两三四五六七八九十百千]+$/;

/** Writes a positive number in Roman numerals (`14` → `XIV`); the number itself beyond 3999. */
export function toRoman(value: number): string {
  if (!Number.isSafeInteger(value) || value <= 0 || value >= 4000) {
    return String(value);
  }
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let rest = value;
  let out = '';
  for (const [size, name] of table) {
    while (rest >= size) {
      out += name;
      rest -= size;
    }
  }
  return out;
}

/** The letter label of an ordinal: 1 → `a`, 26 → `z`, 27 → `aa`, 28 → `bb` (the UN's way past `z`). */
export function toLetters(value: number): string {
  if (!Number.isSafeInteger(value) || value <= 0 || value > 26 * 10) {
    return String(value);
  }
  const letter = String.fromCharCode(96 + ((value - 1) % 26) + 1);
  return letter.repeat(Math.floor((value - 1) / 26) + 1);
}

/** Full-width digits for ASCII ones (`12` → `１２`). */
export function toFullWidth(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
}

/** ASCII digits for full-width ones (`１２` → `12`). */
export function fromFullWidth(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/**
 * The style a numeral is written in, or undefined when it is none. A lower-case token that reads both as a
 * letter and as a Roman numeral (`i`, `v`, `x`, `c`) is a letter unless `preferRoman`.
 */
export function numeralStyleOf(text: string, preferRoman = false): NumeralStyle | undefined {
  if (/^[0-9]+$/.test(text)) {
    return 'arabic';
  }
  if (/^[０-９]+$/.test(text)) {
    return 'fullwidth';
  }
  if (ZH_NUMERAL.test(text)) {
    return 'zh';
  }
  if (/^[IVXLCDM]+$/.test(text) && parseRomanNumeral(text) !== undefined && text.length > 1) {
    return 'roman-upper';
  }
  if (/^[ivxlcdm]+$/.test(text) && parseRomanNumeral(text.toUpperCase()) !== undefined && (preferRoman || text.length > 1) && !/^([a-z])\1+$/.test(text)) {
    return 'roman-lower';
  }
  if (/^([a-z])\1*$/.test(text)) {
    return 'letter-lower';
  }
  if (/^([A-Z])\1*$/.test(text)) {
    return /^[IVXLCDM]$/.test(text) ? 'roman-upper' : 'letter-upper';
  }
  return undefined;
}

/** The value of a numeral in a style (`三` → 3, `iii` → 3, `c` → 3, `cc` → 29); undefined when it does not read. */
export function numeralValue(text: string, style: NumeralStyle): number | undefined {
  switch (style) {
    case 'arabic':
      return /^[0-9]{1,9}$/.test(text) ? Number(text) : undefined;
    case 'fullwidth':
      return numeralValue(fromFullWidth(text), 'arabic');
    case 'zh':
      return parseChineseNumeral(text);
    case 'roman-upper':
      return parseRomanNumeral(text);
    case 'roman-lower':
      return parseRomanNumeral(text.toUpperCase());
    case 'letter-lower':
    case 'letter-upper': {
      const lower = text.toLowerCase();
      return /^([a-z])\1*$/.test(lower) ? (lower.length - 1) * 26 + lower.charCodeAt(0) - 96 : undefined;
    }
  }
}

/** Writes an ordinal in a style. */
export function writeNumeral(value: number, style: NumeralStyle): string {
  switch (style) {
    case 'arabic':
      return String(value);
    case 'fullwidth':
      return toFullWidth(String(value));
    case 'zh':
      return toChineseNumeral(value);
    case 'roman-upper':
      return toRoman(value);
    case 'roman-lower':
      return toRoman(value).toLowerCase();
    case 'letter-lower':
      return toLetters(value);
    case 'letter-upper':
      return toLetters(value).toUpperCase();
  }
}

/** The number a written numeral stands for in any style (`5`, `５`, `五`, `V`), for reading references. */
export function anyNumeralValue(text: string): number | undefined {
  const style = numeralStyleOf(text);
  return style === undefined ? undefined : numeralValue(text, style);
}

// ---------------------------------------------------------------------------------------------------------
// Numbers in running text

const BIG_UNITS: readonly [string, number][] = [['亿', 100_000_000], ['万', 10_000]];

/**
 * Reads a Chinese number with the large units 万 and 亿 (`一百万` → 1,000,000, `两千五百` → 2,500,
 * `二〇二五` → 2025), Arabic or full-width digits mixed in (`100万`); undefined when it is none.
 */
export function parseChineseNumber(raw: string): number | undefined {
  const text = fromFullWidth(raw).replace(/两/g, '二');
  if (text.length === 0 || text.length > 24) {
    return undefined;
  }
  for (const [unit, size] of BIG_UNITS) {
    const at = text.indexOf(unit);
    if (at >= 0) {
      const high = at === 0 ? 1 : parseChineseNumber(text.slice(0, at));
      const rest = text.slice(at + 1);
      const low = rest.length === 0 ? 0 : parseChineseNumber(rest.replace(/^零/, ''));
      return high === undefined || low === undefined ? undefined : high * size + low;
    }
  }
  if (/^[0-9]+(?:\.[0-9]+)?$/.test(text)) {
    return Number(text);
  }
  return parseChineseNumeral(text);
}

const ENGLISH_UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const ENGLISH_TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ENGLISH_SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000, million: 1_000_000, billion: 1_000_000_000 };

/** True for a word that is part of an English number (`twenty`, `five`, `hundred`, `and`). */
export function isEnglishNumberWord(word: string): boolean {
  const lower = word.toLowerCase();
  return lower in ENGLISH_UNITS || lower in ENGLISH_TENS || lower in ENGLISH_SCALES || /^[a-z]+-[a-z]+$/.test(lower) && lower.split('-').every((part) => part in ENGLISH_TENS || part in ENGLISH_UNITS);
}

/**
 * Reads English number words (`twenty-five`, `one hundred and twenty`, `two million`); undefined when the
 * words are not a number.
 */
export function parseEnglishNumber(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const raw of words) {
    const word = raw.toLowerCase();
    if (word === 'and' && seen) {
      continue;
    }
    const parts = word.includes('-') ? word.split('-') : [word];
    for (const part of parts) {
      if (part in ENGLISH_UNITS) {
        current += ENGLISH_UNITS[part];
      } else if (part in ENGLISH_TENS) {
        current += ENGLISH_TENS[part];
      } else if (part === 'hundred') {
        current = (current === 0 ? 1 : current) * 100;
      } else if (part in ENGLISH_SCALES) {
        total += (current === 0 ? 1 : current) * ENGLISH_SCALES[part];
        current = 0;
      } else {
        return undefined;
      }
      seen = true;
    }
  }
  return seen ? total + current : undefined;
}
