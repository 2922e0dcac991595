/**
 * Concordance of language versions: what a clause says that must be the same in every language, compared
 * clause by clause. The facts are the numbers (Arabic, full-width, Chinese numerals and English number words,
 * so that `five years`, `5 years` and `五年` agree), dates (`1 January 2026`, `2026年1月1日`), percentages
 * (`30 per cent`, `百分之三十`), amounts (`EUR 2,000,000`, `二百万欧元`), the clauses its cross-references name,
 * and the number of its items.
 *
 * Chinese numerals count only with a unit or measure word after them (`五年`, `三名`, `一次`), so that words
 * that merely contain one (`统一`, `一致`, `第一`) are no numbers; English number words likewise (`five
 * years`, `once`). Arabic digits always count.
 *
 * Pure: draft models in, differences out; never throws. Each clause is scanned once with bounded patterns.
 */
import { Clause } from './corpusParser';
import { CrossReference } from './crossReferences';
import { childrenOf, DraftModel, labelSpanOf, SkipSpans } from './draftModel';
import { fromFullWidth, isEnglishNumberWord, parseChineseNumber, parseEnglishNumber } from './numerals';
import { Span } from './types';

/** A number a clause states, normalised. */
export interface Fact extends Span {
  /** The comparable value: `5`, `2000000`, `2026-01-01`. */
  readonly value: string;
  /** The unit where one is stated: `year`, `month`, `day`, `week`, `hour`, `time`, `percent`, `EUR`, `date`… */
  readonly unit: string | undefined;
  /** As written. */
  readonly written: string;
}

/** What a clause states that every language version must state alike. */
export interface ClauseFacts {
  readonly numbers: readonly Fact[];
  /** The clauses its cross-references name, as alignment keys (`s5/p2`), with how they are written. */
  readonly references: readonly { readonly key: string; readonly written: string }[];
  /** How many items it has. */
  readonly items: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAMES = MONTHS.join('|');

const EN_UNITS: Readonly<Record<string, string>> = {
  year: 'year', years: 'year', month: 'month', months: 'month', day: 'day', days: 'day', week: 'week', weeks: 'week',
  hour: 'hour', hours: 'hour', time: 'time', times: 'time', percent: 'percent', '%': 'percent',
  dollars: 'USD', euros: 'EUR', euro: 'EUR', yuan: 'CNY', renminbi: 'CNY', pounds: 'GBP',
};
/** English words after which a number word counts: the units, and the persons that ZH_UNITS' 名, 人, 位 count. */
const EN_COUNTED = /^(?:years?|months?|days?|weeks?|hours?|times?|per cent|percent|members?|representatives?|experts?|persons?|judges?|arbitrators?)\b/i;
const CURRENCY_BEFORE: Readonly<Record<string, string>> = { USD: 'USD', 'US$': 'USD', $: 'USD', EUR: 'EUR', '€': 'EUR', GBP: 'GBP', '£': 'GBP', CNY: 'CNY', RMB: 'CNY', '¥': 'CNY' };

// Chinese units after a number, the longest first: the same things EN_COUNTED counts, and no general measure
// words (个, 项, 份), which English counts without a word of its own.
const ZH_UNITS: readonly [string, string | undefined][] = [
  ['个月', 'month'], ['小时', 'hour'], ['星期', 'week'], ['美元', 'USD'], ['欧元', 'EUR'], ['英镑', 'GBP'], ['人民币', 'CNY'],
  ['年', 'year'], ['月', 'month'], ['日', 'day'], ['天', 'day'], ['周', 'week'], ['次', 'time'], ['元', 'CNY'],
  ['%', 'percent'], ['％', 'percent'], ['名', undefined], ['人', undefined], ['位', undefined],
];

// NOTE: sticky patterns of bounded length: each attempt at a position costs O(1).
const EN_DATE_DAY_FIRST = new RegExp(`([0-9]{1,2})(?:st|nd|rd|th)?[ \\u00a0]+(${MONTH_NAMES})[ \\u00a0]+([0-9]{4})`, 'iy');
const EN_DATE_MONTH_FIRST = new RegExp(`(${MONTH_NAMES})[ \\u00a0]+([0-9]{1,2}),?[ \\u00a0]+([0-9]{4})`, 'iy');
const ISO_DATE = /([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])/y;
const ZH_DATE = /([0-9０-９]{4}|[〇零一二三四五六七八九]{4})年([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日)?/y;
const DIGITS = /[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?:[.．][0-9０-９]+)?(?![0-9０-９])|[0-9０-９]{1,15}(?:[.．][0-9０-９]+)?/y;
const ZH_NUMERAL = /[零〇一二两三四五六七八九十百千万亿]{1,12}/y;
const EN_AFTER = /[ \u00a0]*(per cent|percent|%|million|billion|years?|months?|days?|weeks?|hours?|times?|dollars|euros?|yuan|renminbi|pounds)(?![A-Za-z])/iy;

function sticky(pattern: RegExp, text: string, position: number): RegExpExecArray | undefined {
  pattern.lastIndex = position;
  return pattern.exec(text) ?? undefined;
}

function canonicalNumber(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1e6) / 1e6) : 'NaN';
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function zhOrArabic(text: string): number | undefined {
  return parseChineseNumber(fromFullWidth(text));
}

/** Reads the facts of one clause's source, skipping `skip` (its label, cross-references, citations). */
function scanNumbers(text: string, start: number, end: number, skip: readonly Span[]): Fact[] {
  const facts: Fact[] = [];
  const skipping = new SkipSpans(skip);
  const push = (from: number, to: number, value: string, unit: string | undefined): void => {
    facts.push({ start: from, end: to, value, unit, written: text.slice(from, to) });
  };
  for (let position = start; position < end; ) {
    const outside = skipping.from(position);
    if (outside !== position) {
      position = outside;
      continue;
    }
    const char = text[position];
    const code = text.charCodeAt(position);
    const previous = text[position - 1] ?? '';
    const isDigit = (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
    const wordStart = !/[A-Za-z0-9]/.test(previous);
    if (isDigit && !/[0-9０-９.．]/.test(previous)) {
      const zhDate = zhDateAt(text, position);
      if (zhDate) {
        push(position, zhDate.end, zhDate.value, 'date');
        position = zhDate.end;
        continue;
      }
      const iso = sticky(ISO_DATE, text, position);
      if (iso) {
        push(position, position + iso[0].length, iso[0], 'date');
        position += iso[0].length;
        continue;
      }
      const dayFirst = sticky(EN_DATE_DAY_FIRST, text, position);
      if (dayFirst) {
        push(position, position + dayFirst[0].length, `${dayFirst[3]}-${pad(MONTHS.indexOf(dayFirst[2].toLowerCase()) + 1)}-${pad(Number(dayFirst[1]))}`, 'date');
        position += dayFirst[0].length;
        continue;
      }
      const digits = sticky(DIGITS, text, position);
      if (digits) {
        let value = Number(fromFullWidth(digits[0]).replace(/[,，]/g, '').replace('．', '.'));
        let stop = position + digits[0].length;
        let unit: string | undefined;
        // 100万美元, 2.5亿
        if (text[stop] === '万' || text[stop] === '亿') {
          value *= text[stop] === '万' ? 10_000 : 100_000_000;
          stop++;
        }
        const after = sticky(EN_AFTER, text, stop);
        if (after) {
          const word = after[1].toLowerCase();
          if (word === 'million' || word === 'billion') {
            value *= word === 'million' ? 1_000_000 : 1_000_000_000;
            stop += after[0].length;
            const currency = sticky(EN_AFTER, text, stop);
            unit = currency ? EN_UNITS[currency[1].toLowerCase()] : undefined;
          } else {
            unit = EN_UNITS[word === 'per cent' ? 'percent' : word];
          }
        } else {
          unit = zhUnitAt(text, stop)?.unit;
        }
        const currency = currencyBefore(text, position);
        push(position, stop, canonicalNumber(value), currency ?? unit);
        position = stop;
        continue;
      }
    }
    if (char === '百' && text.startsWith('百分之', position)) {
      const numeral = sticky(ZH_NUMERAL, text, position + 3) ?? sticky(DIGITS, text, position + 3);
      const value = numeral ? zhOrArabic(numeral[0]) : undefined;
      if (numeral && value !== undefined) {
        const stop = position + 3 + numeral[0].length;
        push(position, stop, canonicalNumber(value), 'percent');
        position = stop;
        continue;
      }
    }
    if (/[零〇一二两三四五六七八九十百千]/.test(char) && previous !== '第' && previous !== '（' && previous !== '(') {
      const zhDate = zhDateAt(text, position);
      if (zhDate) {
        push(position, zhDate.end, zhDate.value, 'date');
        position = zhDate.end;
        continue;
      }
      const numeral = sticky(ZH_NUMERAL, text, position);
      const value = numeral ? parseChineseNumber(numeral[0]) : undefined;
      const unit = numeral ? zhUnitAt(text, position + numeral[0].length) : undefined;
      if (numeral && value !== undefined && unit) {
        push(position, position + numeral[0].length, canonicalNumber(value), unit.unit);
        position += numeral[0].length + unit.length;
        continue;
      }
      position += numeral ? numeral[0].length : 1;
      continue;
    }
    if (wordStart && /[A-Za-z]/.test(char)) {
      const monthFirst = sticky(EN_DATE_MONTH_FIRST, text, position);
      if (monthFirst) {
        push(position, position + monthFirst[0].length, `${monthFirst[3]}-${pad(MONTHS.indexOf(monthFirst[1].toLowerCase()) + 1)}-${pad(Number(monthFirst[2]))}`, 'date');
        position += monthFirst[0].length;
        continue;
      }
      const words = englishNumberAt(text, position, end);
      if (words) {
        push(position, words.end, canonicalNumber(words.value), words.unit);
        position = words.skipTo;
        continue;
      }
      while (position < end && /[A-Za-z]/.test(text[position])) {
        position++;
      }
      continue;
    }
    position++;
  }
  return facts;
}

/** A Chinese date at a position (`2026年1月1日`, `二〇二六年一月`), as `2026-01-01` or `2026-01`. */
function zhDateAt(text: string, position: number): { value: string; end: number } | undefined {
  const match = sticky(ZH_DATE, text, position);
  if (!match) {
    return undefined;
  }
  const day = match[3] === undefined ? '' : `-${pad(zhOrArabic(match[3]) ?? 0)}`;
  return { value: `${zhOrArabic(match[1])}-${pad(zhOrArabic(match[2]) ?? 0)}${day}`, end: position + match[0].length };
}

function zhUnitAt(text: string, position: number): { unit: string | undefined; length: number } | undefined {
  for (const [name, unit] of ZH_UNITS) {
    if (text.startsWith(name, position)) {
      return { unit, length: name.length };
    }
  }
  return undefined;
}

function currencyBefore(text: string, position: number): string | undefined {
  const before = text.slice(Math.max(0, position - 5), position).replace(/[ \u00a0]+$/, '');
  for (const [mark, code] of Object.entries(CURRENCY_BEFORE)) {
    if (before.endsWith(mark) && !/[A-Za-z]/.test(before[before.length - mark.length - 1] ?? '')) {
      return code;
    }
  }
  return undefined;
}

/** English number words followed by what they count (`five years`, `thirty (30) days`, `once`, `twice`). */
function englishNumberAt(text: string, position: number, end: number): { value: number; unit: string | undefined; end: number; skipTo: number } | undefined {
  const first = /[A-Za-z]+(?:-[A-Za-z]+)?/y;
  first.lastIndex = position;
  const head = first.exec(text);
  if (!head) {
    return undefined;
  }
  const lower = head[0].toLowerCase();
  if (lower === 'once' || lower === 'twice') {
    return { value: lower === 'once' ? 1 : 2, unit: 'time', end: position + head[0].length, skipTo: position + head[0].length };
  }
  if (!isEnglishNumberWord(head[0])) {
    return undefined;
  }
  const words = [head[0]];
  let stop = position + head[0].length;
  for (let guard = 0; guard < 6; guard++) {
    const next = /[ \u00a0]+([A-Za-z]+(?:-[A-Za-z]+)?)/y;
    next.lastIndex = stop;
    const match = next.exec(text);
    if (!match || !(isEnglishNumberWord(match[1]) || (match[1].toLowerCase() === 'and' && words.length > 0))) {
      break;
    }
    words.push(match[1]);
    stop += match[0].length;
  }
  if (words[words.length - 1].toLowerCase() === 'and') {
    words.pop();
  }
  const value = parseEnglishNumber(words);
  if (value === undefined) {
    return undefined;
  }
  let after = stop;
  let skipTo = stop;
  // `thirty (30) days`: the digits repeat the words and are one number.
  const repeat = /[ \u00a0]*\(([0-9]{1,9})\)/y;
  repeat.lastIndex = stop;
  const digits = repeat.exec(text);
  if (digits && Number(digits[1]) === value) {
    after = stop + digits[0].length;
    skipTo = after;
  }
  const rest = text.slice(after, Math.min(end, after + 40)).replace(/^[ \u00a0]+/, '');
  const counted = EN_COUNTED.exec(rest);
  if (!counted) {
    return undefined;
  }
  const word = counted[0].toLowerCase();
  return { value, unit: EN_UNITS[word === 'per cent' ? 'percent' : word], end: stop, skipTo };
}

/** How a reference's target is compared across versions: its printed numbers by ordinal, level by level. */
function alignmentKeyOf(model: DraftModel, clause: Clause): string {
  const parts: string[] = [];
  for (let current: Clause | undefined = clause; current; current = current.parent >= 0 ? model.clauses[current.parent] : undefined) {
    if (current.kind === 'annex') {
      parts.unshift(`a${current.labelKey ?? current.key}`);
      continue;
    }
    if (current.kind === 'section') {
      parts.unshift(`s${current.labelKey ?? `#${current.path[current.path.length - 1]}`}`);
      continue;
    }
    const siblings = childrenOf(model, current.parent).filter((sibling) => sibling.kind === current?.kind && (sibling.label !== undefined) === (current?.label !== undefined));
    parts.unshift(`${current.kind[0]}${siblings.indexOf(current) + 1}`);
  }
  return parts.join('/');
}

/** The facts of one clause. `references` are the cross-references its text holds. */
export function clauseFacts(model: DraftModel, clause: Clause, references: readonly CrossReference[], citations: readonly Span[] = []): ClauseFacts {
  const skip: Span[] = [...references, ...citations];
  const label = labelSpanOf(model, clause);
  if (label && clause.kind !== 'section') {
    skip.push({ start: clause.span.start, end: label.end + 1 });
  }
  skip.sort((left, right) => left.start - right.start);
  const numbers = clause.kind === 'section' ? [] : scanNumbers(model.text, clause.span.start, Math.min(clause.span.end, model.text.length), skip);
  const keys: { key: string; written: string }[] = [];
  for (const reference of references) {
    for (const target of reference.targets) {
      keys.push({ key: alignmentKeyOf(model, target), written: model.text.slice(reference.start, reference.end).replace(/\s+/g, ' ') });
    }
  }
  const items = childrenOf(model, clause.ordinal).filter((child) => child.kind === 'item').length;
  return { numbers, references: keys, items };
}

/** Removes from `left` one entry equal to each entry of `right`; returns what is left. */
function difference<T>(left: readonly T[], right: readonly T[], key: (entry: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const entry of right) {
    counts.set(key(entry), (counts.get(key(entry)) ?? 0) + 1);
  }
  const rest: T[] = [];
  for (const entry of left) {
    const count = counts.get(key(entry)) ?? 0;
    if (count > 0) {
      counts.set(key(entry), count - 1);
    } else {
      rest.push(entry);
    }
  }
  return rest;
}

function describeFact(fact: Fact): string {
  const written = fact.written.replace(/\s+/g, ' ');
  return written === fact.value ? written : `${written} (${fact.value})`;
}

/**
 * What differs between two versions of one clause, as phrases (`numbers: here 5, there 三 (3)`); empty when
 * they agree.
 */
export function compareFacts(here: ClauseFacts, there: ClauseFacts): string[] {
  const differences: string[] = [];
  const onlyHere = difference(here.numbers, there.numbers, (fact) => fact.value);
  const onlyThere = difference(there.numbers, here.numbers, (fact) => fact.value);
  if (onlyHere.length > 0 || onlyThere.length > 0) {
    const side = (facts: Fact[]): string => (facts.length === 0 ? 'none' : facts.slice(0, 4).map(describeFact).join(', ') + (facts.length > 4 ? ', …' : ''));
    differences.push(`numbers: here ${side(onlyHere)}; there ${side(onlyThere)}`);
  } else {
    // The same values: their units must agree where both sides state one.
    const unitsThere = new Map<string, string[]>();
    for (const fact of there.numbers) {
      if (fact.unit !== undefined) {
        unitsThere.set(fact.value, [...(unitsThere.get(fact.value) ?? []), fact.unit]);
      }
    }
    for (const fact of here.numbers) {
      const units = unitsThere.get(fact.value);
      if (fact.unit !== undefined && units && units.length > 0 && !units.includes(fact.unit)) {
        differences.push(`units: here ${describeFact(fact)} ${fact.unit === 'date' ? '' : fact.unit}, there ${fact.value} ${units.join('/')}`.replace(/\s+,/g, ','));
        break;
      }
    }
  }
  const refsHere = difference(here.references, there.references, (reference) => reference.key);
  const refsThere = difference(there.references, here.references, (reference) => reference.key);
  if (refsHere.length > 0 || refsThere.length > 0) {
    const side = (references: { written: string }[]): string => (references.length === 0 ? 'none' : [...new Set(references.map((reference) => reference.written))].slice(0, 4).join(', '));
    differences.push(`cross-references: here ${side(refsHere)}; there ${side(refsThere)}`);
  }
  if (here.items !== there.items) {
    differences.push(`items: ${here.items} here, ${there.items} there`);
  }
  return differences;
}
