/**
 * Internal cross-references: the places where a treaty's text points at its own provisions, in English
 * ("article 5", "paragraph 2 of this article", "paragraphs 1 to 3", "article 31(3)(a)", "annex II",
 * "the preceding paragraph") and in Chinese ("第五条", "本条第二款", "前款", "第五条第二款第（一）项",
 * "第三条至第五条", "附件二"), each resolved to the clauses it names.
 *
 * The scanners walk each clause's source once, left to right, with bounded look-ahead and sticky regular
 * expressions of bounded length: time is linear in the text. Prose that only looks like a reference is left
 * alone: a keyword without a number ("article of faith", "paragraph"), a reference to another instrument
 * ("article 2 of the Charter", "《联合国宪章》第二条", "该公约第五条"), a measure word (第一条道路) and the words
 * that merely contain one (本条约, 目前条件, 提前款项). Citations in brackets are citations, not cross-references.
 *
 * Pure: a draft model in, references out; never throws.
 */
import { Citation, findCitations } from './citationParser';
import { Clause, describeClause } from './corpusParser';
import { ancestorOfKind, annexOf, childrenOf, DraftModel, isPreamble, levelOf, SkipSpans } from './draftModel';
import { bareLabel, labelCore, labelKey } from './labels';
import { anyNumeralValue, fromFullWidth } from './numerals';
import { Span } from './types';

/** One number or letter written in a reference, and the clause it names. */
export interface ReferenceToken extends Span {
  /** As written: `5`, `三`, `b`, `II`, `5 bis`, `十七之一`. */
  readonly written: string;
  /** The clause this token names, once resolved (undefined when the reference is broken at or before it). */
  readonly clause: Clause | undefined;
}

/** A cross-reference found in a clause's text. */
export interface CrossReference extends Span {
  /** The clause whose text holds it. */
  readonly source: Clause;
  readonly language: 'en' | 'zh';
  /** What it names: one clause, or each clause of a range or of "the preceding two paragraphs". */
  readonly targets: readonly Clause[];
  /** Why it names nothing (then `targets` is empty). */
  readonly problem?: string;
  /** The numbers it writes, each with the clause it names (none for "the preceding paragraph"). */
  readonly tokens: readonly ReferenceToken[];
  /** True for a reference by position ("the preceding paragraph", 前款), which renumbering leaves alone. */
  readonly relative: boolean;
}

/** The level a written label names: an article, a paragraph (款), an item (项), or the next level that prints labels. */
export type StepLevel = 'section' | 'paragraph' | 'item' | 'next';

interface Token extends Span {
  readonly text: string;
}

/** One label of a reference or pinpoint, as written, and the level it names. */
export interface Step {
  readonly level: StepLevel;
  readonly token: Token;
}

/** Where the first step of a reference is looked for. */
type Base =
  | { readonly kind: 'context' }
  | { readonly kind: 'body' }
  | { readonly kind: 'this-annex' }
  | { readonly kind: 'annex'; readonly token: Token | undefined }
  | { readonly kind: 'current-article' }
  | { readonly kind: 'current-paragraph' }
  | { readonly kind: 'preceding-article' };

/** A reference as written, before it is resolved. */
interface Spec extends Span {
  readonly language: 'en' | 'zh';
  readonly base: Base;
  readonly steps: readonly Step[];
  /** The end of a range: a step at the level of the last step, in the same parent. */
  readonly until?: Step;
  /** "the preceding paragraph" (count 1), 前两款 (count 2): siblings before the current clause of that kind. */
  readonly relative?: { readonly kind: 'section' | 'paragraph' | 'item'; readonly count: number; readonly base?: Base };
}

// ---------------------------------------------------------------------------------------------------------
// English

const INSTRUMENTS = new Set([
  'agreement', 'convention', 'treaty', 'protocol', 'charter', 'statute', 'covenant', 'memorandum', 'arrangement',
  'accord', 'declaration', 'instrument', 'annex', 'code', 'constitution', 'pact',
]);
const SUFFIXES = 'bis|ter|quater|quinquies|sexies|septies|octies|novies|decies';
// NOTE: every pattern is sticky (`y`), anchored at one position and bounded, so a failed attempt costs O(1).
const ARTICLE_LABEL = new RegExp(`(?:[0-9]{1,4}[A-Z]?|[IVXLC]{1,7})(?:[ \\u00a0](?:${SUFFIXES}))?(?![A-Za-z0-9])(?!\\.[0-9])`, 'y');
const PARAGRAPH_LABEL = new RegExp(`[0-9]{1,3}(?:[ \\u00a0](?:${SUFFIXES}))?(?![A-Za-z0-9])(?!\\.[0-9])`, 'y');
const PAREN_LABEL = /\(([0-9]{1,3}|[a-z]{1,5}|[A-Z]{1,2})\)/y;
const ANNEX_LABEL = /(?:[0-9]{1,3}|[IVXLC]{1,7}|[A-Z])(?![A-Za-z0-9])/y;
const WORD = /[A-Za-z][A-Za-z’'-]{0,30}/y;

function stickyAt(pattern: RegExp, text: string, position: number, end: number): RegExpExecArray | undefined {
  pattern.lastIndex = position;
  const match = pattern.exec(text);
  return match && match.index + match[0].length <= end ? match : undefined;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** A cursor over one clause's source. */
class Source {
  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number,
  ) {}

  /** Skips blanks and line breaks (a reference may wrap). */
  blanks(position: number): number {
    let at = position;
    while (at < this.end) {
      const code = this.text.charCodeAt(at);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0xa0) {
        break;
      }
      at++;
    }
    return at;
  }

  word(position: number): Token | undefined {
    const match = stickyAt(WORD, this.text, position, this.end);
    return match ? { start: position, end: position + match[0].length, text: match[0] } : undefined;
  }

  /** The lower-case word after blanks, or undefined. */
  nextWord(position: number): Token | undefined {
    return this.word(this.blanks(position));
  }

  token(pattern: RegExp, position: number, group = 0): Token | undefined {
    const match = stickyAt(pattern, this.text, position, this.end);
    if (!match) {
      return undefined;
    }
    const text = match[group];
    const start = position + match[0].indexOf(text);
    return { start, end: start + text.length, text };
  }
}

/** Parenthesised labels right after a label: `(3)(a)` of `31(3)(a)`. */
function parenSteps(source: Source, position: number, steps: Step[]): number {
  let at = position;
  for (let guard = 0; guard < 6; guard++) {
    const match = stickyAt(PAREN_LABEL, source.text, at, source.end);
    if (!match) {
      break;
    }
    steps.push({ level: 'next', token: { start: at + 1, end: at + 1 + match[1].length, text: match[1] } });
    at += match[0].length;
  }
  return at;
}

type OfResult = { readonly end: number; readonly base?: Base; readonly outer: readonly Step[] } | 'external';

/**
 * Reads what follows a reference: `of this article`, `of article 5`, `of annex II`, `of the present
 * Agreement`, `hereof`… Anything else after `of` (`of the Charter`, `of that Convention`) makes it a
 * reference to another instrument: 'external'.
 */
function readOf(source: Source, position: number, inner: StepLevel | 'annex', depth = 0): OfResult {
  const at = source.blanks(position);
  const word = source.word(at);
  if (!word) {
    return { end: position, outer: [] };
  }
  const lower = word.text.toLowerCase();
  if (lower === 'hereof' || lower === 'herein' || lower === 'hereto' || lower === 'above' || lower === 'below') {
    return { end: word.end, outer: [] };
  }
  if (lower === 'thereof' || lower === 'therein') {
    return 'external';
  }
  if (lower === 'to' && inner === 'annex') {
    // `annex II to this Agreement`
    const next = source.nextWord(word.end);
    const instrument = next ? source.nextWord(next.end) : undefined;
    if (next?.text === 'this' && instrument && INSTRUMENTS.has(instrument.text.toLowerCase())) {
      return { end: instrument.end, base: { kind: 'body' }, outer: [] };
    }
    return next?.text === 'the' || next?.text === 'that' ? 'external' : { end: position, outer: [] };
  }
  if (lower !== 'of' || depth > 3) {
    return { end: position, outer: [] };
  }
  const target = source.nextWord(word.end);
  if (!target) {
    return 'external';
  }
  const targetLower = target.text.toLowerCase();
  if (targetLower === 'this' || targetLower === 'the') {
    const what = source.nextWord(target.end);
    const whatLower = what?.text.toLowerCase();
    if (!what || !whatLower) {
      return 'external';
    }
    if (targetLower === 'this') {
      if (whatLower === 'annex' && inner !== 'annex') {
        return { end: what.end, base: { kind: 'this-annex' }, outer: [] };
      }
      if (INSTRUMENTS.has(whatLower)) {
        return { end: what.end, base: { kind: 'body' }, outer: [] };
      }
      if (whatLower === 'article' && inner !== 'section') {
        return { end: what.end, base: { kind: 'current-article' }, outer: [] };
      }
      if (whatLower === 'paragraph' && inner === 'item') {
        return { end: what.end, base: { kind: 'current-paragraph' }, outer: [] };
      }
      return 'external';
    }
    if (whatLower === 'present') {
      const instrument = source.nextWord(what.end);
      return instrument && INSTRUMENTS.has(instrument.text.toLowerCase()) ? { end: instrument.end, base: { kind: 'body' }, outer: [] } : 'external';
    }
    if ((whatLower === 'preceding' || whatLower === 'previous') && inner !== 'section') {
      const article = source.nextWord(what.end);
      return article?.text.toLowerCase() === 'article' ? { end: article.end, base: { kind: 'preceding-article' }, outer: [] } : 'external';
    }
    return 'external';
  }
  if (targetLower === 'annex') {
    const label = source.token(ANNEX_LABEL, source.blanks(target.end));
    return label ? { end: label.end, base: { kind: 'annex', token: label }, outer: [] } : 'external';
  }
  if (targetLower === 'article' && inner !== 'section') {
    const label = source.token(ARTICLE_LABEL, source.blanks(target.end));
    if (!label) {
      return 'external';
    }
    const outer: Step[] = [{ level: 'section', token: label }];
    const further = readOf(source, label.end, 'section', depth + 1);
    return further === 'external' ? further : { end: further.end, base: further.base ?? { kind: 'context' }, outer: [...further.outer, ...outer] };
  }
  if (targetLower === 'paragraph' && inner === 'item') {
    const label = source.token(PARAGRAPH_LABEL, source.blanks(target.end));
    if (!label) {
      return 'external';
    }
    const outer: Step[] = [{ level: 'paragraph', token: label }];
    const further = readOf(source, label.end, 'paragraph', depth + 1);
    return further === 'external' ? further : { end: further.end, base: further.base, outer: [...further.outer, ...outer] };
  }
  return 'external';
}

const LIST_WORDS = new Set(['and', 'or']);
const RANGE_WORDS = new Set(['to', 'through']);

/** One label of a list or range after the first: `, 4`, ` and 6`, ` to 3`, `–5`. */
interface ListItem {
  readonly token: Token;
  readonly parens: Step[];
  readonly end: number;
  /** True for `(b)` after `(a)`: it replaces the last level of the first item. */
  readonly paren?: boolean;
}

function listTail(source: Source, position: number, label: RegExp, withParens: boolean): { items: ListItem[]; range?: ListItem } {
  const items: ListItem[] = [];
  let at = position;
  const readLabel = (from: number): ListItem | undefined => {
    const paren = !withParens ? undefined : stickyAt(PAREN_LABEL, source.text, from, source.end);
    const token = paren ? undefined : source.token(label, from);
    if (paren) {
      // `subparagraphs (a) and (b)`
      return { token: { start: from + 1, end: from + 1 + paren[1].length, text: paren[1] }, parens: [], end: from + paren[0].length, paren: true };
    }
    if (!token) {
      return undefined;
    }
    const parens: Step[] = [];
    const end = withParens ? parenSteps(source, token.end, parens) : token.end;
    return { token, parens, end };
  };
  for (let guard = 0; guard < 30; guard++) {
    const next = source.blanks(at);
    const char = source.text[next];
    if (char === '–' || char === '-' || char === '—') {
      const end = next < source.end ? readLabel(source.blanks(next + 1)) : undefined;
      return end && items.length === 0 ? { items, range: end } : { items };
    }
    const word = source.word(next);
    if (word && RANGE_WORDS.has(word.text) && items.length === 0) {
      const end = readLabel(source.blanks(word.end));
      return end ? { items, range: end } : { items };
    }
    let from: number | undefined;
    if (char === ',') {
      const afterComma = source.blanks(next + 1);
      const conjunction = source.word(afterComma);
      from = conjunction && LIST_WORDS.has(conjunction.text) ? source.blanks(conjunction.end) : afterComma;
    } else if (word && LIST_WORDS.has(word.text)) {
      from = source.blanks(word.end);
    }
    const item = from === undefined ? undefined : readLabel(from);
    if (!item) {
      break;
    }
    items.push(item);
    at = item.end;
  }
  return { items };
}

/** Builds the specs of a list or range of references sharing a keyword and an `of` phrase. */
function specsOf(start: number, first: ListItem, level: StepLevel, tail: ReturnType<typeof listTail>, of: Exclude<OfResult, 'external'>): Spec[] {
  const base = of.base ?? { kind: 'context' };
  const firstSteps: Step[] = [{ level, token: first.token }, ...first.parens];
  const lastLevel = firstSteps[firstSteps.length - 1].level;
  const stepsOf = (item: ListItem): Step[] =>
    item.paren ? [...firstSteps.slice(0, -1), { level: lastLevel, token: item.token }] : [{ level, token: item.token }, ...item.parens];
  const make = (span: Span, steps: Step[], until?: Step): Spec => ({ start: span.start, end: span.end, language: 'en', base, steps: [...of.outer, ...steps], until });
  if (tail.range) {
    const range = tail.range;
    const endStep: Step = range.paren ? { level: lastLevel, token: range.token } : range.parens.length > 0 ? range.parens[range.parens.length - 1] : { level, token: range.token };
    return [make({ start, end: of.end }, firstSteps, endStep)];
  }
  const specs = [make({ start, end: tail.items.length === 0 ? Math.max(of.end, first.end) : first.end }, firstSteps)];
  tail.items.forEach((item, index) => specs.push(make({ start: item.token.start - (item.paren ? 1 : 0), end: index === tail.items.length - 1 ? Math.max(of.end, item.end) : item.end }, stepsOf(item))));
  return specs;
}

/** Tries to read an English reference whose keyword is `word`; returns the specs and where it ends. */
const TRIGGERS = /^(?:articles?|paragraphs?|sub-?paragraphs?|annex|preceding|previous)$/;

function englishAt(source: Source, word: Token): { specs: Spec[]; end: number } | undefined {
  const lower = word.text.toLowerCase();
  if (!TRIGGERS.test(lower)) {
    return undefined;
  }
  const finish = (first: ListItem, level: StepLevel, label: RegExp): { specs: Spec[]; end: number } => {
    const tail = listTail(source, first.end, label, true);
    const lastEnd = tail.range ? tail.range.end : tail.items.length > 0 ? tail.items[tail.items.length - 1].end : first.end;
    const of = readOf(source, lastEnd, level);
    if (of === 'external') {
      return { specs: [], end: lastEnd };
    }
    const end = Math.max(of.end, lastEnd);
    return { specs: specsOf(word.start, first, level, tail, { ...of, end }), end };
  };
  const spaced = source.blanks(word.end);
  if (spaced === word.end) {
    return undefined;
  }
  if (lower === 'article' || lower === 'articles') {
    const token = source.token(ARTICLE_LABEL, spaced);
    if (!token) {
      return undefined;
    }
    const parens: Step[] = [];
    let end = parenSteps(source, token.end, parens);
    // `article 5, paragraph 2`
    const comma = source.blanks(end);
    if (source.text[comma] === ',' && lower === 'article') {
      const paragraphWord = source.nextWord(comma + 1);
      const paragraph = paragraphWord?.text === 'paragraph' ? source.token(PARAGRAPH_LABEL, source.blanks(paragraphWord.end)) : undefined;
      if (paragraph) {
        parens.push({ level: 'paragraph', token: paragraph });
        end = parenSteps(source, paragraph.end, parens);
      }
    }
    return finish({ token, parens, end }, 'section', ARTICLE_LABEL);
  }
  if (lower === 'paragraph' || lower === 'paragraphs') {
    const token = source.token(PARAGRAPH_LABEL, spaced);
    if (!token) {
      return undefined;
    }
    const parens: Step[] = [];
    return finish({ token, parens, end: parenSteps(source, token.end, parens) }, 'paragraph', PARAGRAPH_LABEL);
  }
  if (/^sub-?paragraphs?$/.test(lower)) {
    const paren = stickyAt(PAREN_LABEL, source.text, spaced, source.end);
    if (!paren) {
      return undefined;
    }
    const token = { start: spaced + 1, end: spaced + 1 + paren[1].length, text: paren[1] };
    const parens: Step[] = [];
    return finish({ token, parens, end: parenSteps(source, spaced + paren[0].length, parens) }, 'item', PAREN_LABEL);
  }
  if (lower === 'annex') {
    const token = source.token(ANNEX_LABEL, spaced);
    if (!token) {
      return undefined;
    }
    const of = readOf(source, token.end, 'annex');
    if (of === 'external') {
      return { specs: [], end: token.end };
    }
    const end = Math.max(of.end, token.end);
    return { specs: [{ start: word.start, end, language: 'en', base: { kind: 'annex', token }, steps: [] }], end };
  }
  if (lower === 'preceding' || lower === 'previous') {
    const what = source.nextWord(word.end);
    const whatLower = what?.text.toLowerCase();
    const kind = whatLower === 'paragraph' ? 'paragraph' : whatLower === 'article' ? 'section' : whatLower !== undefined && /^sub-?paragraph$/.test(whatLower) ? 'item' : undefined;
    if (!what || !kind) {
      return undefined;
    }
    const before = source.text.slice(Math.max(source.start, word.start - 4), word.start);
    const start = /^the\s$/i.test(before) ? word.start - 4 : word.start;
    return { specs: [{ start, end: what.end, language: 'en', base: { kind: 'context' }, steps: [], relative: { kind, count: 1 } }], end: what.end };
  }
  return undefined;
}

/** Walks a clause's source outside `skip`; `step` reads at a position and says where to go on from it. */
function walk(source: Source, skip: readonly Span[], step: (position: number) => number): void {
  const skipping = new SkipSpans(skip);
  for (let position = source.start; position < source.end; ) {
    const outside = skipping.from(position);
    position = outside !== position ? outside : Math.max(position + 1, step(position));
  }
}

function scanEnglish(source: Source, skip: readonly Span[], into: Spec[]): void {
  walk(source, skip, (position) => {
    const code = source.text.charCodeAt(position);
    const isLetter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    const word = isLetter && !(position > source.start && isAsciiLetterOrDigit(source.text.charCodeAt(position - 1))) ? source.word(position) : undefined;
    if (!word) {
      return position + 1;
    }
    const found = englishAt(source, word);
    if (found) {
      into.push(...found.specs);
      return Math.max(found.end, word.end);
    }
    return word.end;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Chinese

const ZH_NUMBER = /[0-9０-９零〇一二两三四五六七八九十百千]{1,8}/y;
const ZH_INSTRUMENTS = ['议定书', '公约', '宪章', '条约', '协定', '规约', '协议', '章程', '宣言', '备忘录', '法'];
/** After `第N条`, these make a word, not an article: 条约, 条例, 条件, 条文, 条款, and measure-word uses. */
const NOT_AFTER_ARTICLE = '约例件文款目路道河线船街渠';
/** Before `前`, these make a word: 目前, 提前, 之前, 以前, 事前, 此前, 先前, 面前, 空前, 当前, 眼前, … */
const NOT_BEFORE_PRECEDING = '目提之以事此先面空当眼日向上会战生跟门胸台前';

function zhNumber(source: Source, position: number): Token | undefined {
  return source.token(ZH_NUMBER, position);
}

/** Reads `第N条[之M][第N款][第（N）项]` (or its parts) at `第`; `what` says which level it starts at. */
function zhChain(source: Source, position: number, startLevel: 'any' | 'paragraph' | 'item'): { steps: Step[]; end: number; endsAtArticle: boolean } | undefined {
  const text = source.text;
  const steps: Step[] = [];
  let at = position;
  let level: 'section' | 'paragraph' | 'item' | undefined;
  for (let guard = 0; guard < 3 && text[at] === '第'; guard++) {
    const paren = text[at + 1] === '（' || text[at + 1] === '(';
    const number = zhNumber(source, at + (paren ? 2 : 1));
    if (!number) {
      break;
    }
    let next = number.end;
    if (paren) {
      if (text[next] !== '）' && text[next] !== ')') {
        break;
      }
      next++;
    }
    const marker = text[next];
    if (marker === '条' && !paren && steps.length === 0 && startLevel === 'any') {
      let token: Token = number;
      let end = next + 1;
      if (text[end] === '之') {
        const suffix = zhNumber(source, end + 1);
        if (suffix) {
          token = { start: number.start, end: suffix.end, text: `${number.text}之${suffix.text}` };
          end = suffix.end;
        }
      }
      steps.push({ level: 'section', token });
      level = 'section';
      at = end;
    } else if (marker === '款' && !paren && (level === 'section' || (steps.length === 0 && startLevel !== 'item'))) {
      if (text[next + 1] === '项') {
        return undefined; // 款项: funds
      }
      steps.push({ level: 'paragraph', token: number });
      level = 'paragraph';
      at = next + 1;
    } else if ((marker === '项' || marker === '目') && (paren || level !== undefined || startLevel === 'item')) {
      steps.push({ level: 'item', token: number });
      level = 'item';
      at = next + 1;
      break;
    } else {
      break;
    }
  }
  if (steps.length === 0) {
    return undefined;
  }
  const endsAtArticle = level === 'section';
  if (endsAtArticle && NOT_AFTER_ARTICLE.includes(text[at] ?? '')) {
    return undefined;
  }
  return { steps, end: at, endsAtArticle };
}

/** What stands before a `第`: another instrument (external), this one (`本协定`), an annex (`附件二`), or nothing. */
function zhPrefix(source: Source, position: number): Base | 'external' {
  const text = source.text;
  const before = text[position - 1];
  if (position > source.start && (before === '》' || before === '>')) {
    return 'external';
  }
  for (const noun of ZH_INSTRUMENTS) {
    const at = position - noun.length;
    if (at >= source.start && text.startsWith(noun, at)) {
      return at > source.start && text[at - 1] === '本' ? { kind: 'body' } : 'external';
    }
  }
  if (position >= source.start + 2 && text.startsWith('本附件', position - 3)) {
    return { kind: 'this-annex' };
  }
  return { kind: 'context' };
}

function scanChinese(source: Source, skip: readonly Span[], into: Spec[]): void {
  const text = source.text;
  walk(source, skip, (position) => {
    const char = text[position];
    if (char === '附' && text[position + 1] === '件') {
      // 附件二, 附件二第三条
      const number = zhNumber(source, position + 2);
      if (number) {
        const chain = text[number.end] === '第' ? zhChain(source, number.end, 'any') : undefined;
        const end = chain ? chain.end : number.end;
        into.push({ start: position, end, language: 'zh', base: { kind: 'annex', token: number }, steps: chain ? chain.steps : [] });
        return end;
      }
      return position + 2;
    }
    if (char === '本' && (text[position + 1] === '条' || text[position + 1] === '款') && text[position + 2] === '第') {
      // 本条第二款, 本款第（一）项
      const chain = zhChain(source, position + 2, text[position + 1] === '条' ? 'paragraph' : 'item');
      if (chain) {
        into.push({ start: position, end: chain.end, language: 'zh', base: { kind: text[position + 1] === '条' ? 'current-article' : 'current-paragraph' }, steps: chain.steps });
        return chain.end;
      }
      return position + 2;
    }
    if (char === '前' && position + 1 < source.end && !(position > source.start && NOT_BEFORE_PRECEDING.includes(text[position - 1]))) {
      // 前款, 前条, 前项, 前两款
      let count = 1;
      let marker = position + 1;
      const counted = /[两二三四]/.exec(text[marker] ?? '');
      if (counted && /[款条项]/.test(text[marker + 1] ?? '')) {
        count = anyNumeralValue(counted[0] === '两' ? '二' : counted[0]) ?? 1;
        marker++;
      }
      const kindChar = text[marker];
      const kind = kindChar === '款' ? 'paragraph' : kindChar === '条' ? 'section' : kindChar === '项' ? 'item' : undefined;
      const follower = text[marker + 1] ?? '';
      const blocked = (kind === 'paragraph' && follower === '项') || (kind === 'section' && NOT_AFTER_ARTICLE.includes(follower));
      if (kind && !blocked && marker < source.end) {
        into.push({ start: position, end: marker + 1, language: 'zh', base: { kind: 'context' }, steps: [], relative: { kind, count } });
        return marker + 1;
      }
      return position + 1;
    }
    if (char === '第') {
      const chain = zhChain(source, position, 'any');
      if (!chain) {
        return position + 1;
      }
      const prefix = zhPrefix(source, position);
      let end = chain.end;
      let endStep: Step | undefined;
      // 第三条至第五条, 第一款至第三款
      if ((text[end] === '至' || text[end] === '到') && text[end + 1] === '第') {
        const rangeEnd = zhChain(source, end + 1, chain.steps[chain.steps.length - 1].level === 'paragraph' && chain.steps.length === 1 ? 'paragraph' : 'any');
        if (rangeEnd && rangeEnd.steps.length === 1 && rangeEnd.steps[0].level === chain.steps[chain.steps.length - 1].level) {
          endStep = rangeEnd.steps[0];
          end = rangeEnd.end;
        }
      }
      if (prefix !== 'external') {
        into.push({ start: position, end, language: 'zh', base: prefix, steps: chain.steps, until: endStep });
      }
      return end;
    }
    return position + 1;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Resolution

interface Resolved {
  readonly targets: Clause[];
  readonly tokens: ReferenceToken[];
  readonly problem?: string;
}

const KIND_WORDS: Readonly<Record<'section' | 'paragraph' | 'item', { en: string; zh: string }>> = {
  section: { en: 'article', zh: '条' },
  paragraph: { en: 'paragraph', zh: '款' },
  item: { en: 'subparagraph', zh: '项' },
};

/** The labels of a list of clauses, briefly: `1–10`, `(a)–(c)`, `1, 2, 4`. */
function labelsOf(clauses: readonly Clause[]): string {
  const cores = clauses.map((clause) => {
    const label = clause.label ?? '';
    return clause.kind === 'section' ? (label.startsWith('第') ? label : labelCore(label)) : clause.kind === 'item' ? `(${bareLabel(label)})` : bareLabel(label);
  });
  if (cores.length === 0) {
    return 'none';
  }
  return cores.length > 6 ? `${cores[0]}–${cores[cores.length - 1]} (${cores.length} in all)` : cores.join(', ');
}

/** The labelled clauses reachable from `parent` through levels that print no label (a chapeau). */
function reachable(model: DraftModel, parent: number, into: Clause[], depth = 0): void {
  for (const child of childrenOf(model, parent)) {
    if (child.label !== undefined) {
      into.push(child);
    } else if (child.kind !== 'section' && depth < 4) {
      reachable(model, child.ordinal, into, depth + 1);
    }
  }
}

/** The key a written token has at the level of `clause`. */
function keyAt(written: string, level: 'section' | 'paragraph' | 'item'): string | undefined {
  const ascii = fromFullWidth(written);
  return labelKey(level === 'item' && !/^[（(]/.test(ascii) ? `(${ascii})` : ascii, level);
}

/**
 * Finds the child of `parent` (an ordinal, `-1` for the body) that a step names. Of several children with one
 * label, the last: a drafter inserts the new article before the one whose number it takes.
 */
export function findChild(model: DraftModel, parent: number, step: Step): Clause | undefined {
  const written = step.token.text;
  if (step.level === 'section') {
    const key = keyAt(written, 'section');
    const matches = childrenOf(model, parent).filter((clause) => clause.kind === 'section' && clause.label !== undefined && clause.labelKey === key);
    return matches[matches.length - 1];
  }
  if (step.level === 'paragraph') {
    const paragraphs = childrenOf(model, parent).filter((clause) => clause.kind === 'paragraph');
    if (paragraphs.length > 0 && paragraphs.every((clause) => clause.label === undefined)) {
      // Paragraphs that print no numbers are counted (the Chinese 款 does so).
      const position = anyNumeralValue(fromFullWidth(written));
      return position === undefined ? undefined : paragraphs[position - 1];
    }
    const key = keyAt(written, 'paragraph');
    const matches = paragraphs.filter((clause) => clause.labelKey === key);
    return matches[matches.length - 1];
  }
  const candidates: Clause[] = [];
  reachable(model, parent, candidates);
  const items = step.level === 'item' ? candidates.filter((clause) => clause.kind === 'item') : candidates;
  if (step.level === 'item' && items.length === 0) {
    const unlabelled = childrenOf(model, parent).filter((clause) => clause.kind === 'item');
    const position = anyNumeralValue(fromFullWidth(written));
    return position === undefined ? undefined : unlabelled[position - 1];
  }
  const matches = items.filter((clause) => clause.labelKey === keyAt(written, levelOf(clause) === 'item' ? 'item' : 'paragraph'));
  if (matches.length > 0) {
    return matches[matches.length - 1];
  }
  // `第（一）项` names item (a) of a text that letters its items: by ordinal.
  const value = anyNumeralValue(fromFullWidth(written));
  if (value !== undefined && step.level === 'item' && items.length > 0 && items.every((clause) => /^[a-z]+$/i.test(bareLabel(clause.label ?? '')))) {
    return items[value - 1];
  }
  return undefined;
}

/** How a step is named in a message: `article 12`, `第十二条`, `paragraph 4`, `(d)`. */
function stepName(step: Step, zh: boolean, clauseKind?: Clause['kind']): string {
  const level = step.level === 'next' ? (clauseKind === 'item' ? 'item' : 'paragraph') : step.level;
  if (zh) {
    return level === 'item' ? `第（${step.token.text}）项` : `第${step.token.text}${KIND_WORDS[level].zh}`;
  }
  return step.level === 'next' || level === 'item' ? `(${step.token.text})` : `${KIND_WORDS[level].en} ${step.token.text}`;
}

function describeParent(model: DraftModel, parent: number): string {
  if (parent < 0) {
    return 'this document';
  }
  const clause = model.clauses[parent];
  return describeClause(model.clauses, clause, model.printStyle === 'none' && model.zh ? 'zh' : model.printStyle);
}

function missing(model: DraftModel, parent: number, step: Step, zh: boolean): string {
  const siblings: Clause[] = [];
  if (step.level === 'section') {
    siblings.push(...childrenOf(model, parent).filter((clause) => clause.kind === 'section' && clause.label !== undefined));
  } else if (step.level === 'paragraph') {
    siblings.push(...childrenOf(model, parent).filter((clause) => clause.kind === 'paragraph'));
  } else {
    reachable(model, parent, siblings);
  }
  const what = step.level === 'section' ? 'articles' : step.level === 'paragraph' ? 'paragraphs' : 'subparagraphs';
  const has = siblings.length === 0 ? `has no numbered ${what}` : siblings.every((clause) => clause.label === undefined) ? `has ${siblings.length} ${what}` : `has ${what} ${labelsOf(siblings.filter((clause) => clause.label !== undefined))}`;
  return `${stepName(step, zh)} does not exist: ${describeParent(model, parent)} ${has}`;
}

/** The clauses before `clause` among its siblings of the same kind, nearest last. */
function precedingSiblings(model: DraftModel, clause: Clause): Clause[] {
  const siblings = childrenOf(model, clause.parent).filter((sibling) => sibling.kind === clause.kind && !isPreamble(sibling));
  const index = siblings.indexOf(clause);
  return index <= 0 ? [] : siblings.slice(0, index);
}

/** Where a reference's first step is looked for, or a problem, or undefined when the context cannot tell. */
function baseParent(model: DraftModel, source: Clause, spec: Spec, tokens: ReferenceToken[]): number | { problem: string } | undefined {
  const base = spec.base;
  const first = spec.steps[0]?.level;
  const hasSections = (parent: number): boolean => childrenOf(model, parent).some((clause) => clause.kind === 'section');
  const scopeRoot = (): number => {
    const annex = annexOf(model, source);
    return annex && hasSections(annex.ordinal) ? annex.ordinal : -1;
  };
  switch (base.kind) {
    case 'body':
      return -1;
    case 'this-annex': {
      const annex = annexOf(model, source);
      return annex ? annex.ordinal : { problem: `${spec.language === 'zh' ? '本附件' : 'this annex'}: the text is not in an annex` };
    }
    case 'annex': {
      const annexes = model.annexes;
      const key = base.token === undefined ? undefined : labelKey(fromFullWidth(base.token.text), 'annex');
      const annex = key === undefined ? (annexes.length === 1 ? annexes[0] : undefined) : [...annexes].reverse().find((candidate) => candidate.labelKey === key);
      if (base.token) {
        tokens.push({ ...base.token, written: base.token.text, clause: annex });
      }
      if (!annex) {
        const written = spec.language === 'zh' ? `附件${base.token?.text ?? ''}` : `annex ${base.token?.text ?? ''}`;
        return { problem: annexes.length === 0 ? `${written} does not exist: this document has no annexes` : `${written} does not exist: the annexes are ${annexes.map((candidate) => candidate.label ?? candidate.labelKey ?? '').join(', ')}` };
      }
      return annex.ordinal;
    }
    case 'current-article':
    case 'context': {
      if (base.kind === 'context' && (first === 'section' || first === undefined)) {
        return scopeRoot();
      }
      const article = ancestorOfKind(model, source, 'section');
      if (first === 'item' && base.kind === 'context') {
        const paragraph = ancestorOfKind(model, source, 'paragraph');
        return paragraph ? paragraph.ordinal : undefined;
      }
      if (article && !isPreamble(article)) {
        return article.ordinal;
      }
      if (article) {
        return undefined; // the preamble has no numbered paragraphs to refer to
      }
      const annex = annexOf(model, source);
      return annex ? annex.ordinal : -1;
    }
    case 'current-paragraph': {
      const paragraph = ancestorOfKind(model, source, 'paragraph');
      return paragraph ? paragraph.ordinal : undefined;
    }
    case 'preceding-article': {
      const article = ancestorOfKind(model, source, 'section');
      const before = article ? precedingSiblings(model, article) : [];
      return before.length > 0 ? before[before.length - 1].ordinal : { problem: 'the preceding article does not exist: this is the first article' };
    }
  }
}

function resolveSpec(model: DraftModel, source: Clause, spec: Spec): Resolved | undefined {
  const tokens: ReferenceToken[] = [];
  const zh = spec.language === 'zh';
  if (spec.relative) {
    const kind = spec.relative.kind;
    const current = ancestorOfKind(model, source, kind);
    if (!current || (kind === 'section' && isPreamble(current))) {
      return undefined;
    }
    const before = precedingSiblings(model, current);
    const written = zh ? `前${spec.relative.count > 1 ? spec.relative.count : ''}${KIND_WORDS[kind].zh}` : `the preceding ${KIND_WORDS[kind].en}`;
    if (before.length < spec.relative.count) {
      return { targets: [], tokens, problem: `${written} does not exist: this is the first ${zh ? KIND_WORDS[kind].zh : KIND_WORDS[kind].en}${before.length > 0 ? ` but one` : ''}` };
    }
    return { targets: before.slice(before.length - spec.relative.count), tokens };
  }
  const parentOrProblem = baseParent(model, source, spec, tokens);
  if (parentOrProblem === undefined) {
    return undefined;
  }
  if (typeof parentOrProblem !== 'number') {
    return { targets: [], tokens, problem: parentOrProblem.problem };
  }
  let parent = parentOrProblem;
  let clause: Clause | undefined = parent >= 0 ? model.clauses[parent] : undefined;
  if (spec.steps.length > 0 && spec.steps[0].level === 'section' && !childrenOf(model, parent).some((child) => child.kind === 'section')) {
    // A document (or annex) without articles: "article 5" there is no reference to its own text.
    return parent < 0 ? undefined : { targets: [], tokens, problem: `${stepName(spec.steps[0], zh)} does not exist: ${describeParent(model, parent)} is not divided into articles` };
  }
  let problem: string | undefined;
  for (const step of spec.steps) {
    const found = problem === undefined ? findChild(model, parent, step) : undefined;
    tokens.push({ ...step.token, written: step.token.text, clause: found });
    if (problem === undefined && !found) {
      problem = missing(model, parent, step, zh);
    }
    if (found) {
      parent = found.ordinal;
      clause = found;
    }
  }
  if (problem !== undefined || !clause) {
    return { targets: [], tokens, problem: problem ?? 'names nothing' };
  }
  const until = spec.until;
  if (!until) {
    return { targets: [clause], tokens };
  }
  const container = clause.parent;
  const endClause = findChild(model, container, until);
  tokens.push({ ...until.token, written: until.token.text, clause: endClause });
  if (!endClause) {
    return { targets: [], tokens, problem: missing(model, container, until, zh) };
  }
  if (endClause.ordinal <= clause.ordinal) {
    return { targets: [], tokens, problem: `the range ends before it starts (${stepName(until, zh, endClause.kind)} comes before ${stepName(spec.steps[spec.steps.length - 1], zh, clause.kind)})` };
  }
  const siblings = childrenOf(model, container).filter((sibling) => sibling.kind === clause?.kind && sibling.ordinal >= (clause?.ordinal ?? 0) && sibling.ordinal <= endClause.ordinal);
  return { targets: siblings, tokens };
}

// ---------------------------------------------------------------------------------------------------------

const memo = new WeakMap<DraftModel, readonly CrossReference[]>();

/** The spans of a clause's source that are citations (`[1969-VCLT art. 31]`), which hold no cross-reference. */
export function citationSpans(text: string, start: number, end: number): Span[] {
  const found: Citation[] = [];
  findCitations(text, start, end, found);
  return found.map((citation) => ({ start: citation.start, end: citation.end }));
}

/** Every cross-reference of a document, in text order. */
export function findCrossReferences(model: DraftModel): readonly CrossReference[] {
  const known = memo.get(model);
  if (known) {
    return known;
  }
  const references: CrossReference[] = [];
  for (const clause of model.clauses) {
    if (clause.kind === 'section' || clause.kind === 'annex') {
      continue;
    }
    const source = new Source(model.text, clause.span.start, Math.min(clause.span.end, model.text.length));
    const skip = citationSpans(model.text, source.start, source.end);
    const specs: Spec[] = [];
    scanEnglish(source, skip, specs);
    scanChinese(source, skip, specs);
    specs.sort((left, right) => left.start - right.start);
    for (const spec of specs) {
      const resolved = resolveSpec(model, clause, spec);
      if (!resolved) {
        continue;
      }
      references.push({
        start: spec.start,
        end: spec.end,
        source: clause,
        language: spec.language,
        targets: resolved.targets,
        problem: resolved.problem,
        tokens: resolved.tokens,
        relative: spec.relative !== undefined,
      });
    }
  }
  memo.set(model, references);
  return references;
}

/** The cross-reference at an offset (on it or touching its end), or undefined. */
export function crossReferenceAt(model: DraftModel, offset: number): CrossReference | undefined {
  const references = findCrossReferences(model);
  let low = 0;
  let high = references.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const reference = references[middle];
    if (offset < reference.start) {
      high = middle - 1;
    } else if (offset > reference.end) {
      low = middle + 1;
    } else {
      return reference;
    }
  }
  return undefined;
}

/** The clauses a reference refers to under the rule of `references.ts`: its targets and every clause holding one. */
export function clausesReferredTo(model: DraftModel, reference: CrossReference): Set<Clause> {
  const found = new Set<Clause>();
  for (const target of reference.targets) {
    for (let current: Clause | undefined = target; current; current = current.parent >= 0 ? model.clauses[current.parent] : undefined) {
      found.add(current);
    }
  }
  return found;
}
