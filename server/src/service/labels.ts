/**
 * Printed labels (spec.md §2 and §1.1): the numbers a treaty prints at the start of its articles,
 * paragraphs and items (`31`, `8 bis`, `XIV`, `一`, `1.`, `(1)`, `(a)`, `a)`, `(iii)`, `（一）`), how they
 * compare, how they run in sequence, and how a clause's chain of labels is written as a lawyer cites it
 * (`art. 31(3)(a)`, `annex VII art. 2`, `第三十一条第三款第（一）项`).
 *
 * Labels and positions are two numberings of one tree. `§` paths count positions; printed pinpoints name
 * labels. A clause's *label key* is its label normalised for comparison, so that `(3)`, `3.` and `3)` are
 * the same paragraph, `XIV` and `14` the same article, `（一）` and `一、` the same item, and `8 bis` and
 * `第八条之二` the same inserted article. Pure: strings in, strings out, never throws.
 */
import { parseChineseNumeral, parseRomanNumeral } from './sectionNumber';
import { detached } from './strings';

/** The level a label stands at: it decides how Roman numerals read (articles: numbers; items: letters too). */
export type LabelLevel = 'annex' | 'section' | 'paragraph' | 'item';

/** Latin insertion suffixes and the position each stands for (`8 bis` is the second article 8). */
const SUFFIXES: Readonly<Record<string, number>> = {
  bis: 2, ter: 3, quater: 4, quinquies: 5, sexies: 6, septies: 7, octies: 8, novies: 9, nonies: 9, decies: 10,
};
const SUFFIX_NAMES = ['', '', 'bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies'];

const CHINESE_NUMERAL = /^[零〇一二两三四五六七八九十百千]+$/;
const SUFFIX_AT_END = /^(.*?)[\s\u00a0]*(bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies)$/i;

/** The parts of a label: its core (`31`, `a`, `iii`) and the position of an insertion suffix (0 for none). */
export interface LabelParts {
  /** The core as a comparable string: Arabic digits for numbers, lower case for letters. */
  readonly core: string;
  /** The numeric value of the core, when it is a number at this level. */
  readonly value: number | undefined;
  /** 0 without a suffix; 2 for `bis` or `之二`, 3 for `ter` … (`之一` is 1). */
  readonly suffix: number;
}

/** Removes the punctuation around a label as printed: `(a)`, `a)`, `1.`, `（一）`, `一、`, `第三条`. */
export function bareLabel(label: string): string {
  let text = label.trim();
  if ((text.startsWith('(') && text.endsWith(')')) || (text.startsWith('（') && text.endsWith('）'))) {
    text = text.slice(1, -1);
  }
  while (text.length > 0 && /[.)、．）]$/.test(text)) {
    text = text.slice(0, -1);
  }
  return text.trim();
}

// The Chinese series of item labels besides the numerals: the ten heavenly stems (`（甲）`, `甲、`: 甲 1, 乙 2 …
// 癸 10) and, as a second series, the twelve earthly branches (`（子）`: 子 1, 丑 2 … 亥 12).
const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** The ordinal of a heavenly stem or an earthly branch (`甲` 1, `子` 1), or undefined. */
function cyclicalOrdinal(text: string): number | undefined {
  if (text.length !== 1) {
    return undefined;
  }
  const stem = STEMS.indexOf(text);
  if (stem >= 0) {
    return stem + 1;
  }
  const branch = BRANCHES.indexOf(text);
  return branch >= 0 ? branch + 1 : undefined;
}

/**
 * The parts of labels read so far, by level and label: a corpus prints the same few hundred labels in every
 * document, and reading one takes a dozen regular expressions. Bounded: cleared when it grows past the limit.
 */
const partsMemo: Record<LabelLevel, Map<string, LabelParts | null>> = { section: new Map(), paragraph: new Map(), item: new Map(), annex: new Map() };
const PARTS_MEMO_LIMIT = 20_000;

/** Reads a label (as printed or as cited) into comparable parts; undefined when it is not a label at all. */
export function labelParts(label: string, level: LabelLevel): LabelParts | undefined {
  const memo = partsMemo[level];
  const known = memo.get(label);
  if (known !== undefined) {
    return known ?? undefined;
  }
  const parts = readLabelParts(label, level);
  if (memo.size >= PARTS_MEMO_LIMIT) {
    memo.clear();
  }
  // NOTE: what is kept must not be a view of the document the label was cut from (see `detached`); a long
  // label is read again rather than remembered.
  if (label.length <= 64) {
    memo.set(detached(label), parts ? { ...parts, core: detached(parts.core) } : null);
  }
  return parts;
}

function readLabelParts(label: string, level: LabelLevel): LabelParts | undefined {
  let text = bareLabel(label);
  let suffix = 0;
  // `（甲）`, `甲、`, `（子）`: an item's number in another series; it compares as its ordinal, so that
  // `第（一）项` names the item printed `（甲）`.
  const cyclical = cyclicalOrdinal(text);
  if (cyclical !== undefined) {
    return { core: String(cyclical), value: cyclical, suffix };
  }
  // `Article 1er` (French, premier): the first.
  if (/^(?:1er|Ier|premier|PREMIER|Premier)$/.test(text)) {
    return { core: '1', value: 1, suffix };
  }
  // `第十七条之一`, `第八条之二`: the Chinese insertion form.
  const chinese = /^第?([0-9零〇一二两三四五六七八九十百千]+)(?:条|條|部分|章|节|節|款|项|項)?(?:之([0-9一二三四五六七八九十]+))?$/.exec(text);
  if (chinese && (chinese[1] !== text || CHINESE_NUMERAL.test(text) || /^[0-9]+$/.test(text))) {
    const value = /^[0-9]+$/.test(chinese[1]) ? Number(chinese[1]) : parseChineseNumeral(chinese[1]);
    if (value === undefined) {
      return undefined;
    }
    if (chinese[2] !== undefined) {
      suffix = /^[0-9]+$/.test(chinese[2]) ? Number(chinese[2]) : parseChineseNumeral(chinese[2]) ?? 0;
    }
    return { core: String(value), value, suffix };
  }
  const latin = SUFFIX_AT_END.exec(text);
  if (latin && latin[1].length > 0) {
    suffix = SUFFIXES[latin[2].toLowerCase()] ?? 0;
    text = latin[1];
  }
  if (text.length === 0 || text.length > 12) {
    return undefined;
  }
  if (/^[0-9]+(?:\.[0-9]+)*$/.test(text)) {
    if (text.includes('.')) {
      return { core: text.split('.').map((part) => String(Number(part))).join('.'), value: undefined, suffix };
    }
    return { core: String(Number(text)), value: Number(text), suffix };
  }
  if ((level === 'section' || level === 'annex') && /^[IVXLCDM]+$/.test(text)) {
    const value = parseRomanNumeral(text);
    if (value !== undefined) {
      return { core: String(value), value, suffix };
    }
  }
  // `111A`: a number with a letter glued on is an insertion too, but keeps its letter.
  if (/^[0-9]+[A-Za-z]$/.test(text)) {
    return { core: text.toLowerCase(), value: undefined, suffix };
  }
  if (/^[A-Za-z]+$/.test(text)) {
    return { core: text.toLowerCase(), value: undefined, suffix };
  }
  return undefined;
}

/** The comparable key of a label (`31`, `8+2` for `8 bis`, `a`, `iii`); undefined when it is no label. */
export function labelKey(label: string, level: LabelLevel): string | undefined {
  const parts = labelParts(label, level);
  return parts === undefined ? undefined : parts.suffix > 0 ? `${parts.core}+${parts.suffix}` : parts.core;
}

// Labels at the start of a paragraph or item (spec.md §2): `(a)`, `(1)`, `(iii)`, `(1 bis)`, `（一）`,
// `（甲）`, `（子）`, `a)`, `1)`, `1.`, `1 bis.`, `1.1.`, `A.`, `一、`, `甲、`, a Chinese numeral before spaces
// (`一  人人…`) or alone, and a bare `1` before a capital letter.
// NOTE: each alternative is anchored and bounded (at most 12 characters inside), so matching is linear.
const PAREN_LABEL = /^[(（]([0-9]{1,4}(?:[ \u00a0](?:bis|ter|quater|quinquies|sexies))?|[A-Za-z]{1,5}|[零〇一二两三四五六七八九十百]{1,4}|[甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥])[)）]/;
const CLOSE_LABEL = /^([0-9]{1,4}(?:\.[0-9]{1,3}){0,3}(?:[ \u00a0](?:bis|ter|quater|quinquies|sexies))?|[A-Za-z]|[ivxlcIVXLC]{2,6})[.)](?![0-9])/;
const CHINESE_LABEL = /^([零〇一二两三四五六七八九十百]{1,4}|[甲乙丙丁戊己庚辛壬癸])[、．]/;
// `一  所有民族…` (a numeral, then spaces, then Chinese text) and a numeral alone (`三`, its items below it).
const CHINESE_SPACED = /^([零〇一二两三四五六七八九十百]{1,4})[ \u00a0\u3000]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef「『“（(])/;
const CHINESE_ALONE = /^([零〇一二两三四五六七八九十百]{1,4})[ \u00a0\u3000]*$/;
const BARE_NUMBER = /^([0-9]{1,3})[ \u00a0]+(?=[A-Z\u4e00-\u9fff“"‘'(])/;

/** The label printed at the start of a paragraph's or item's text (kept in the text), or undefined. */
export function leadingLabel(text: string): string | undefined {
  const head = text.length > 40 ? text.slice(0, 40) : text;
  const paren = PAREN_LABEL.exec(head);
  if (paren) {
    return endsAtBoundary(head, paren[0].length, true) ? paren[0] : undefined;
  }
  const chinese = CHINESE_LABEL.exec(head);
  if (chinese) {
    return chinese[0];
  }
  const spaced = CHINESE_SPACED.exec(head) ?? (text.length <= 12 ? CHINESE_ALONE.exec(text) : null);
  if (spaced) {
    return spaced[1];
  }
  const close = CLOSE_LABEL.exec(head);
  if (close) {
    return endsAtBoundary(head, close[0].length, false) ? close[0] : undefined;
  }
  const bare = BARE_NUMBER.exec(head);
  if (bare) {
    return bare[1];
  }
  return undefined;
}

/** A label must be followed by white space or the end (or anything, after a closing parenthesis of CJK). */
function endsAtBoundary(text: string, end: number, paren: boolean): boolean {
  if (end >= text.length) {
    return true;
  }
  const next = text.charCodeAt(end);
  if (next === 0x20 || next === 0x09 || next === 0xa0 || next === 0x3000) {
    return true;
  }
  // `(a)text` and `（一）文字` happen in scanned texts; `1.The` in nl-treaties, and `1.為本公約` and `2.(1)` (a
  // paragraph's number glued to its first item's) in Chinese ones. A letter after `e.` (`e.g.`) does not.
  return paren || (text[end - 1] === '.' && /^[0-9]/.test(text) && /[A-Z“"(（「\u4e00-\u9fff]/.test(text[end]));
}

// Section headings: `Article 31`, `Art. 8 bis`, `ARTICLE XIV`, `Rule 12`, `第三十一条`, `第十七条之一`, `一、`,
// `3.`, `III`, optionally after the `§` number an importer writes first (`802 Article 8 bis`).
const HEADING_DESIGNATION = /^(?:Article|ARTICLE|Art\.|Section|SECTION|Part|PART|Rule|RULE|Regulation|Chapter|CHAPTER|Paragraph|PARAGRAPH)[ \u00a0]+(1er|Ier|premier|[0-9]{1,5}[A-Za-z]?|[IVXLCDM]{1,8})(?:[ \u00a0]+(bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?(?=[\s.:–—-]|$)/;
const HEADING_CHINESE = /^(第[0-9零〇一二两三四五六七八九十百千]{1,8}(?:条|條|部分|章|节|節)(?:之[一二三四五六七八九十]{1,3})?)/;
const HEADING_NUMERAL = /^([0-9]{1,5}|[零〇一二两三四五六七八九十百千]{1,8}|[IVXLCDM]{1,8})(?=[、.．\s]|$)/;

/** True when a heading names an article (`Article …`, `Art. …`, `第…条`): the document then prints numbers. */
export function isArticleHeading(heading: string): boolean {
  const text = stripSectionNumber(heading);
  return /^(?:Article|ARTICLE|Art\.)[ \u00a0]/.test(text) || /^第[0-9零〇一二两三四五六七八九十百千]+(?:条|條)/.test(text);
}

/** Drops the `§` number an importer writes before a designation (`802 Article 8 bis` → `Article 8 bis`). */
function stripSectionNumber(heading: string): string {
  const match = /^[0-9]{1,9}[ \u00a0]+(?=Article|ARTICLE|Art\.|Section|SECTION|Part|PART|Rule|RULE|Paragraph|PARAGRAPH|第)/.exec(heading);
  return match ? heading.slice(match[0].length) : heading;
}

/** The label a section heading prints (`31`, `8 bis`, `XIV`, `第十七条之一`, `一`), or undefined. */
export function headingLabel(heading: string): string | undefined {
  const text = stripSectionNumber(heading.trim());
  const designation = HEADING_DESIGNATION.exec(text);
  if (designation) {
    return designation[2] ? `${designation[1]} ${designation[2]}` : designation[1];
  }
  const chinese = HEADING_CHINESE.exec(text);
  if (chinese) {
    return chinese[1];
  }
  const numeral = HEADING_NUMERAL.exec(text);
  return numeral ? numeral[1] : undefined;
}

/**
 * What an annex heading (`# Annex VII – Arbitration`, `# ANNEX`, `# Appendix`, `# Schedule`, `# 附件七`,
 * `# 附表`) says, or undefined. A schedule or an appendix is an annex by another name: `annex` pinpoints
 * name it (README, "Schedules and appendices are annexes").
 */
export function annexHeading(heading: string): { label: string | undefined } | undefined {
  const text = heading.trim();
  const latin = /^(?:Annex|ANNEX|Appendix|APPENDIX|Schedule|SCHEDULE)(?:[ \u00a0]+([0-9]{1,3}|[IVXLCDM]{1,6}|[A-Z]))?(?=[\s.:–—-]|$)/.exec(text);
  if (latin) {
    return { label: latin[1] };
  }
  const chinese = /^(?:附件|附表)([0-9]{1,3}|[一二三四五六七八九十]{1,3})?/.exec(text);
  return chinese ? { label: chinese[1] } : undefined;
}

/** The core of a label as it is written inside a printed pinpoint: `(a)` → `a`, `3.` → `3`, `8 bis` → `8 bis`. */
export function labelCore(label: string): string {
  const bare = bareLabel(label);
  const chinese = /^第(.+?)(?:条|條|部分|章|节|節)(之.+)?$/.exec(bare);
  return chinese ? `${chinese[1]}${chinese[2] ?? ''}` : bare;
}

// ---------------------------------------------------------------------------------------------------------
// Sequences

/** The ordinal a label stands for among its siblings (`3.` → 3, `(c)` → 3, `(iii)` → 3, `(aa)` → 27). */
export function labelOrdinal(label: string, level: LabelLevel, preferRoman = false): number | undefined {
  const parts = labelParts(label, level);
  if (!parts) {
    return undefined;
  }
  if (parts.value !== undefined) {
    return parts.value;
  }
  return letterOrdinal(parts.core, preferRoman);
}

function letterOrdinal(core: string, preferRoman: boolean): number | undefined {
  if (!/^[a-z]+$/.test(core)) {
    return undefined;
  }
  const roman = parseRomanNumeral(core.toUpperCase());
  if (preferRoman && roman !== undefined) {
    return roman;
  }
  if (core.length === 1) {
    return core.charCodeAt(0) - 96;
  }
  // `aa`, `bb` … follow `z` in UN texts.
  if (/^([a-z])\1+$/.test(core)) {
    return (core.length - 1) * 26 + core.charCodeAt(0) - 96;
  }
  return roman;
}

/** One labelled sibling, for a sequence check. */
export interface SequenceEntry<T> {
  readonly label: string;
  readonly item: T;
}

/** A break in a sequence: the sibling where it shows, and what was expected there. */
export interface SequenceBreak<T> {
  readonly item: T;
  readonly label: string;
  readonly previous: string | undefined;
  readonly kind: 'skip' | 'repeat' | 'start';
}

type Reading = { readonly ordinal: number; readonly suffix: number } | undefined;

function readingsOf(label: string, level: LabelLevel, style: 'number' | 'letter' | 'roman'): Reading {
  const parts = labelParts(label, level);
  if (!parts) {
    return undefined;
  }
  if (style === 'number') {
    return parts.value !== undefined ? { ordinal: parts.value, suffix: parts.suffix } : undefined;
  }
  if (parts.value !== undefined || !/^[a-z]+$/.test(parts.core)) {
    return undefined;
  }
  if (style === 'roman') {
    const roman = parseRomanNumeral(parts.core.toUpperCase());
    return roman === undefined ? undefined : { ordinal: roman, suffix: parts.suffix };
  }
  const ordinal = letterOrdinal(parts.core, false);
  return ordinal === undefined ? undefined : { ordinal, suffix: parts.suffix };
}

/** The first break of `entries` read in one style, or undefined when they run in sequence. */
function firstBreak<T>(entries: readonly SequenceEntry<T>[], level: LabelLevel, style: 'number' | 'letter' | 'roman'): SequenceBreak<T> | undefined | 'unreadable' {
  let previous: Reading;
  let previousLabel: string | undefined;
  for (const entry of entries) {
    const reading = readingsOf(entry.label, level, style);
    if (!reading) {
      return 'unreadable';
    }
    if (!previous) {
      // Inserted provisions (`0.`, `1 bis` first) aside, a sequence starts at one.
      if (reading.ordinal > 1 && reading.suffix === 0) {
        return { item: entry.item, label: entry.label, previous: undefined, kind: 'start' };
      }
    } else if (reading.ordinal === previous.ordinal) {
      if (reading.suffix <= previous.suffix) {
        return { item: entry.item, label: entry.label, previous: previousLabel, kind: 'repeat' };
      }
    } else if (reading.ordinal !== previous.ordinal + 1 || reading.suffix > 0 && reading.suffix !== 1 && reading.suffix !== 2) {
      return {
        item: entry.item,
        label: entry.label,
        previous: previousLabel,
        kind: reading.ordinal <= previous.ordinal ? 'repeat' : 'skip',
      };
    }
    previous = reading;
    previousLabel = entry.label;
  }
  return undefined;
}

/**
 * Checks that labels under one parent run in sequence (1, 2, 3; a, b, c; i, ii, iii), allowing insertions
 * (`8 bis`, `8 ter`, `之一`). Siblings in different styles (numbers and letters) are checked apart. Returns
 * every break found (at most one per style).
 */
export function sequenceBreaks<T>(entries: readonly SequenceEntry<T>[], level: LabelLevel): SequenceBreak<T>[] {
  const numbers: SequenceEntry<T>[] = [];
  const letters: SequenceEntry<T>[] = [];
  for (const entry of entries) {
    const parts = labelParts(entry.label, level);
    if (!parts || parts.core.includes('.')) {
      continue;
    }
    (parts.value !== undefined ? numbers : letters).push(entry);
  }
  const breaks: SequenceBreak<T>[] = [];
  if (numbers.length > 0) {
    const found = firstBreak(numbers, level, 'number');
    if (found && found !== 'unreadable') {
      breaks.push(found);
    }
  }
  if (letters.length > 0) {
    // `(i)` after `(h)` is a letter; `(i)`, `(ii)` are Roman: whichever reading runs in sequence wins.
    const asLetters = firstBreak(letters, level, 'letter');
    const asRoman = firstBreak(letters, level, 'roman');
    if (asLetters !== undefined && asRoman !== undefined) {
      const best = asLetters === 'unreadable' ? asRoman : asRoman === 'unreadable' ? asLetters : laterBreak(letters, asLetters, asRoman);
      if (best !== 'unreadable') {
        breaks.push(best);
      }
    }
  }
  return breaks;
}

function laterBreak<T>(entries: readonly SequenceEntry<T>[], left: SequenceBreak<T>, right: SequenceBreak<T>): SequenceBreak<T> {
  const position = (found: SequenceBreak<T>): number => entries.findIndex((entry) => entry.item === found.item);
  return position(right) > position(left) ? right : left;
}

/** Describes a break for a `label-sequence` warning. */
export function describeBreak(found: SequenceBreak<unknown>, parent: string): string {
  const label = bareLabel(found.label);
  switch (found.kind) {
    case 'start':
      return `label sequence: the labels under ${parent} start at ${label}; an earlier paragraph or item may be missing or merged into another`;
    case 'repeat':
      return `label sequence: ${label} under ${parent} repeats ${found.previous === undefined ? 'an earlier label' : bareLabel(found.previous)}; two siblings share a label, so citing it is ambiguous`;
    case 'skip':
      return `label sequence: the labels under ${parent} skip from ${found.previous === undefined ? '?' : bareLabel(found.previous)} to ${label}; a paragraph or item may be missing or merged into another`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing printed pinpoints

/** How a document writes its pinpoints: as articles (`art. 31(3)(a)`), in Chinese (`第三十一条第三款`), or only as `§` paths. */
export type PrintStyle = 'article' | 'zh' | 'none';

const CHINESE_DIGIT_NAMES = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Writes a number in Chinese numerals (`31` → `三十一`, `105` → `一百零五`). */
export function toChineseNumeral(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 10000) {
    return String(value);
  }
  if (value < 10) {
    return CHINESE_DIGIT_NAMES[value];
  }
  const units: [number, string][] = [[1000, '千'], [100, '百'], [10, '十']];
  let rest = value;
  let out = '';
  let zero = false;
  for (const [size, name] of units) {
    const digit = Math.floor(rest / size);
    rest %= size;
    if (digit > 0) {
      if (zero) {
        out += '零';
        zero = false;
      }
      out += size === 10 && digit === 1 && out === '' ? name : CHINESE_DIGIT_NAMES[digit] + name;
    } else if (out !== '') {
      zero = true;
    }
  }
  if (rest > 0) {
    out += (zero ? '零' : '') + CHINESE_DIGIT_NAMES[rest];
  }
  return out;
}

/** One level of a clause's printed chain. */
export interface ChainLink {
  readonly level: LabelLevel;
  /** The label as printed, or undefined for a level that prints none (then `position` counts). */
  readonly label: string | undefined;
  /** The 1-based position among its siblings (used by the Chinese 款 where paragraphs print no numbers). */
  readonly position: number;
  /** True for a section headed as a paragraph (`## 6 Paragraph 6`, in a schedule): it is cited `para. 6`. */
  readonly paragraphHeading?: boolean;
}

/** True when a section heading names a paragraph (`Paragraph 6`, `6 Paragraph 6`): a schedule's numbered paragraphs. */
export function isParagraphHeading(heading: string): boolean {
  return /^(?:[0-9]{1,9}[ \u00a0]+)?(?:Paragraph|PARAGRAPH)[ \u00a0]/.test(heading);
}

/**
 * Writes a clause's printed pinpoint from its chain of links (outermost first). English: `art. 31(3)(a)`,
 * `annex VII art. 2`, `para. 3(b)`, `annex II para. 3`. Chinese: `第三十一条第三款第（一）项`.
 * Links without a label are skipped (a chapeau), except a Chinese 款, which then counts its position.
 */
export function formatPrinted(annex: string | undefined, chain: readonly ChainLink[], style: 'article' | 'zh'): string {
  if (style === 'zh') {
    let out = annex !== undefined ? `附件${/^[0-9]+$/.test(annex) ? annex : annex}` : '';
    for (const link of chain) {
      if (link.level === 'section') {
        const label = link.label ?? '';
        out += label.startsWith('第') ? label : articleZh(label);
      } else if (link.level === 'paragraph') {
        const ordinal = link.label !== undefined ? labelOrdinal(link.label, 'paragraph') : link.position;
        out += `第${toChineseNumeral(ordinal ?? link.position)}款`;
      } else if (link.label !== undefined) {
        // 项 count: an item printed (a) or （甲） is 第（一）项.
        const ordinal = labelOrdinal(link.label, 'item');
        const numeral = ordinal !== undefined ? toChineseNumeral(ordinal) : bareLabel(link.label);
        out += link.label.trim().startsWith('（') || link.label.trim().startsWith('(') ? `第（${numeral}）项` : `第${numeral}项`;
      }
    }
    return out;
  }
  const parts: string[] = [];
  if (annex !== undefined) {
    parts.push(`annex ${annex}`);
  }
  let head = '';
  for (const link of chain) {
    if (link.label === undefined) {
      continue;
    }
    const core = labelCore(link.label);
    if (head === '') {
      head = link.level === 'section' && link.paragraphHeading !== true ? `art. ${core}` : `para. ${core}`;
    } else {
      head += `(${core})`;
    }
  }
  if (head !== '') {
    parts.push(head);
  }
  return parts.join(' ');
}

/** An article label in the Chinese form: `31` → `第三十一条`, `8 bis` → `第八条之二` (the insertion follows 条). */
function articleZh(label: string): string {
  const parts = labelParts(label, 'section');
  if (!parts || parts.value === undefined) {
    return `第${labelCore(label)}条`;
  }
  const suffix = parts.suffix > 0 ? `之${toChineseNumeral(parts.suffix)}` : '';
  return `第${toChineseNumeral(parts.value)}条${suffix}`;
}

/** The Latin suffix name of an insertion position (2 → `bis`). */
export function suffixName(position: number): string | undefined {
  return SUFFIX_NAMES[position] || undefined;
}
