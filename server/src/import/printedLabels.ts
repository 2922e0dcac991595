/**
 * Printed labels of treaty paragraphs and items (`1.`, `1.The`, `(a)`, `a)`, `(i)`, `(aa)`, `A.`, `—`) and the
 * tree they build: which block is a paragraph, which an item of it, which a sub-item of that item.
 *
 * The depth of a label is not fixed by its kind: a treaty numbers paragraphs `1.` and items `(a)`, but UNCLOS
 * article 1 has `1.` → `(1)` → `(a)` → `(i)`, and Rome article 8 has `2.` → `a)` → `(i)`. So the tree is built
 * with a stack of open levels, one per label style: a label that continues an open level (its ordinal is the
 * next one, or the same one with `bis`/`ter`) returns to that level; a label that starts a style (`(a)`,
 * `(i)`, `1.`) opens a deeper level; an unlabelled block is a paragraph (a chapeau before the labels, or the
 * closing words after a list).
 *
 * NOTE: `(i)`, `(v)` and `(x)` are letters or Roman numerals. Searching the open levels from the deepest
 * decides most cases (`(i)` after `(h)` continues the letters, `(v)` after `(iv)` the numerals); when `(i)`
 * could both continue letters and start numerals, the next label decides (`(ii)` follows numerals).
 */
import { parseChineseNumber, parseRomanNumber } from './text';

/** How a label is written: its numbering system and its punctuation. */
export type LabelStyle =
  | 'num-dot'
  | 'num-paren'
  | 'num-rparen'
  | 'lower-paren'
  | 'lower-rparen'
  | 'lower-dot'
  | 'roman-paren'
  | 'roman-rparen'
  | 'roman-dot'
  | 'upper-paren'
  | 'upper-dot'
  | 'upper-rparen'
  | 'ROMAN-paren'
  | 'ROMAN-dot'
  | 'cjk-comma'
  | 'cjk-space'
  | 'cjk-paren'
  | 'stem-comma'
  | 'stem-paren'
  | 'branch-paren'
  | 'bullet';

/** One way to read a label: a style and the ordinal the label has in it (1 for `a`, `i`, `1`). */
export interface LabelReading {
  readonly style: LabelStyle;
  readonly ordinal: number;
}

/** The label a block starts with. */
export interface LeadingLabel {
  /** The label as it is written in the output (`1.`, `(a)`, `2 bis.`), without the space after it. */
  readonly label: string;
  /** Every reading of it (two for `(i)`: the letter i and the numeral 1). */
  readonly readings: readonly LabelReading[];
  /** The insertion suffix (`bis`, `ter`, …) when the label has one: it repeats its ordinal. */
  readonly suffix?: string;
  /** Characters of the source text the label and the white space after it take. */
  readonly length: number;
  /** True when the label was written `l.` (the letter l for the digit 1, as scanned). */
  readonly scannedOne?: boolean;
}

/** Insertion suffixes, in order: `bis` is the second article of a number, `ter` the third. */
export const insertionSuffixes: readonly string[] = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies'];

/** The k of an insertion suffix: bis 2, ter 3, quater 4, …; undefined for another word. */
export function insertionIndex(suffix: string): number | undefined {
  const index = insertionSuffixes.indexOf(suffix.toLowerCase());
  return index < 0 ? undefined : index + 2;
}

/** The ordinal of a letter label: a 1 … z 26, then doubled letters aa 27, bb 28, …; undefined otherwise. */
export function letterValue(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (/^[a-z]$/.test(lower)) {
    return lower.charCodeAt(0) - 96;
  }
  if (/^([a-z])\1$/.test(lower)) {
    return 26 + lower.charCodeAt(0) - 96;
  }
  return undefined;
}

const suffixPattern = `(?:[ \\u00a0]?(${insertionSuffixes.join('|')}))?`;
// Each pattern reads one label at the start of a block; the white space after it is taken too.
const numDot = new RegExp(`^(\\d{1,3})${suffixPattern}[ \\u00a0]?\\.(?![0-9])[ \\t\\u00a0]*`, 'i');
const scannedOneDot = /^l\.(?=[ \t\u00a0]*[A-Z(“"‘])[ \t\u00a0]*/;
// `(1).` (ICSID): the full stop after the bracket belongs to the label.
const parenLabel = new RegExp(`^\\(([0-9]{1,3}|[a-z]{1,5}|[A-Z]{1,5})${suffixPattern}\\)(\\.?)[ \\t\\u00a0]*`);
const rparenLabel = new RegExp(`^([0-9]{1,3}|[a-z]{1,5}|[A-Z]{1,2})${suffixPattern}\\)[ \\t\\u00a0]*`);
// `a.higher standards` (UN Charter art. 55) is a label with its space lost; `e.g.` and `i.e.` are not.
const letterDot = /^([a-z]|[A-Z]|[ivx]{1,5}|[IVX]{1,5})\.(?:[ \t\u00a0]+|$|(?=[a-z]{2}))/;
const bullet = /^([-–—•·▪])[ \t\u00a0]+/;

/**
 * Reads the printed label at the start of a block's text; undefined when it has none. Never throws.
 * `1.The` and `(a)in` are labels too (their missing space is added on output).
 */
export function readLeadingLabel(text: string): LeadingLabel | undefined {
  // Full-width brackets around a Latin label (`（a）`, `（1）`) read as ASCII ones; the label keeps its print.
  const fullWidth = /^（([0-9A-Za-z]{1,5})）/.exec(text);
  if (fullWidth) {
    const read = readLeadingLabel(`(${fullWidth[1]})${text.slice(fullWidth[0].length)}`);
    return read === undefined ? undefined : { ...read, label: `（${read.label.slice(1, -1)}）` };
  }
  let match: RegExpExecArray | null;
  if ((match = numDot.exec(text))) {
    const suffix = match[2]?.toLowerCase();
    return {
      label: `${Number(match[1])}${suffix ? ` ${suffix}` : ''}.`,
      readings: [{ style: 'num-dot', ordinal: Number(match[1]) }],
      suffix,
      length: match[0].length,
    };
  }
  if ((match = scannedOneDot.exec(text))) {
    return { label: '1.', readings: [{ style: 'num-dot', ordinal: 1 }], length: match[0].length, scannedOne: true };
  }
  if ((match = parenLabel.exec(text))) {
    const body = match[1];
    const suffix = match[2]?.toLowerCase();
    const readings = readingsOf(body, 'paren');
    if (readings.length > 0) {
      return { label: `(${body}${suffix ? ` ${suffix}` : ''})${match[3]}`, readings, suffix, length: match[0].length };
    }
  }
  if ((match = rparenLabel.exec(text))) {
    const body = match[1];
    const suffix = match[2]?.toLowerCase();
    const readings = readingsOf(body, 'rparen');
    if (readings.length > 0) {
      return { label: `${body}${suffix ? ` ${suffix}` : ''})`, readings, suffix, length: match[0].length };
    }
  }
  if ((match = letterDot.exec(text))) {
    const readings = readingsOf(match[1], 'dot');
    if (readings.length > 0) {
      return { label: `${match[1]}.`, readings, length: match[0].length };
    }
  }
  const chinese = readChineseLabel(text);
  if (chinese !== undefined) {
    return chinese;
  }
  if ((match = bullet.exec(text))) {
    return { label: match[1], readings: [{ style: 'bullet', ordinal: 0 }], length: match[0].length };
  }
  return undefined;
}

const stems = '甲乙丙丁戊己庚辛壬癸';
const branches = '子丑寅卯辰巳午未申酉戌亥';
const chineseNumeral = '[一二三四五六七八九十百]{1,4}';
const chineseComma = new RegExp(`^(${chineseNumeral})[、，][ \\u3000]*`);
const chineseSpace = new RegExp(`^(${chineseNumeral})(?:[ \\u3000]{1,}(?=\\S)|[ \\u3000]*$)`);
const chineseParen = new RegExp(`^[（(](${chineseNumeral})[）)][ \\u3000]*`);
const stemLabel = new RegExp(`^(?:[（(]([${stems}])[）)]|([${stems}])、)[ \\u3000]*`);
const branchLabel = new RegExp(`^[（(]([${branches}])[）)][ \\u3000]*`);

/** Chinese labels: `一、`, `一  ` (numeral and spaces, or alone: `三` before its items), `（一）`, `（甲）`/`甲、`, `（子）`. */
function readChineseLabel(text: string): LeadingLabel | undefined {
  let match: RegExpExecArray | null;
  if ((match = chineseComma.exec(text))) {
    const ordinal = parseChineseNumber(match[1]);
    return ordinal === undefined ? undefined : { label: match[0].trim(), readings: [{ style: 'cjk-comma', ordinal }], length: match[0].length };
  }
  if ((match = chineseParen.exec(text))) {
    const ordinal = parseChineseNumber(match[1]);
    return ordinal === undefined ? undefined : { label: match[0].trim(), readings: [{ style: 'cjk-paren', ordinal }], length: match[0].length };
  }
  if ((match = stemLabel.exec(text))) {
    const stem = match[1] ?? match[2];
    return { label: match[0].trim(), readings: [{ style: match[1] !== undefined ? 'stem-paren' : 'stem-comma', ordinal: stems.indexOf(stem) + 1 }], length: match[0].length };
  }
  if ((match = branchLabel.exec(text))) {
    return { label: match[0].trim(), readings: [{ style: 'branch-paren', ordinal: branches.indexOf(match[1]) + 1 }], length: match[0].length };
  }
  if ((match = chineseSpace.exec(text))) {
    const ordinal = parseChineseNumber(match[1]);
    return ordinal === undefined || match[1].length > 3 ? undefined : { label: match[1], readings: [{ style: 'cjk-space', ordinal }], length: match[0].length };
  }
  return undefined;
}

/** The readings of a label body (`a`, `iv`, `B`, `12`) written with the given punctuation. */
function readingsOf(body: string, punctuation: 'paren' | 'rparen' | 'dot'): LabelReading[] {
  const readings: LabelReading[] = [];
  if (/^[0-9]+$/.test(body)) {
    if (punctuation !== 'dot') {
      readings.push({ style: punctuation === 'paren' ? 'num-paren' : 'num-rparen', ordinal: Number(body) });
    }
    return readings;
  }
  const lower = body === body.toLowerCase();
  const letter = letterValue(body);
  const roman = parseRomanNumber(body);
  if (lower) {
    if (roman !== undefined) {
      readings.push({ style: punctuation === 'paren' ? 'roman-paren' : punctuation === 'rparen' ? 'roman-rparen' : 'roman-dot', ordinal: roman });
    }
    if (letter !== undefined) {
      readings.push({ style: punctuation === 'paren' ? 'lower-paren' : punctuation === 'rparen' ? 'lower-rparen' : 'lower-dot', ordinal: letter });
    }
  } else if (body === body.toUpperCase()) {
    if (roman !== undefined && punctuation !== 'rparen') {
      readings.push({ style: punctuation === 'paren' ? 'ROMAN-paren' : 'ROMAN-dot', ordinal: roman });
    }
    if (letter !== undefined) {
      readings.push({ style: punctuation === 'paren' ? 'upper-paren' : punctuation === 'rparen' ? 'upper-rparen' : 'upper-dot', ordinal: letter });
    }
  }
  return readings;
}

/** Styles that number paragraphs: with nothing open they are paragraphs even after an unlabelled chapeau. */
const paragraphStyles: ReadonlySet<LabelStyle> = new Set<LabelStyle>(['num-dot', 'cjk-comma', 'cjk-space']);

/** One block of an article to be placed in the tree. */
export interface LabelledBlock<T> {
  /** The label the block starts with, if any. */
  readonly label: LeadingLabel | undefined;
  /** What the caller keeps with the block (text, line). */
  readonly value: T;
}

/** A placed block: a paragraph (depth 1) or an item (depth 2 and deeper) with its sub-items. */
export interface LabelNode<T> {
  readonly label: LeadingLabel | undefined;
  readonly value: T;
  /** The reading chosen for the label (undefined for an unlabelled block). */
  readonly reading: LabelReading | undefined;
  readonly children: LabelNode<T>[];
}

interface OpenLevel<T> {
  readonly style: LabelStyle;
  ordinal: number;
  node: LabelNode<T>;
  /** The children list the level's nodes are added to. */
  readonly siblings: LabelNode<T>[];
}

/**
 * Places the blocks of one article (or one annex, or one preamble) in a tree of paragraphs and items by their
 * labels. Returns the paragraphs in order. Linear in the number of blocks (the stack is as deep as the
 * label styles nest, a handful).
 */
export function nestByLabels<T>(blocks: readonly LabelledBlock<T>[], textOf: (value: T) => string = () => ''): LabelNode<T>[] {
  const paragraphs: LabelNode<T>[] = [];
  const stack: OpenLevel<T>[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    const label = block.label;
    if (label === undefined) {
      // Text that continues an item after its sub-items (UNCLOS annex III art. 13(6)(a): a table of (i)
      // and (ii), then more words of (a), then (b)): when the next label continues an open item level, the
      // text is an unlabelled sub-item of that level's item, so the list after it still runs in sequence.
      const resumed = resumedItemLevel(stack, blocks, index);
      if (resumed !== undefined) {
        const level = stack[resumed];
        stack.length = resumed + 1;
        level.node.children.push({ label, value: block.value, reading: undefined, children: [] });
        continue;
      }
      // A chapeau or closing words: a paragraph of its own. The paragraph level stays open when it is
      // numbered (so `2.` after the closing words of `1.` continues it) and a label that opens a new level
      // goes under this paragraph, so the tree stays in document order; deeper levels close.
      const node: LabelNode<T> = { label, value: block.value, reading: undefined, children: [] };
      paragraphs.push(node);
      if (stack.length > 0 && stack[0].siblings === paragraphs) {
        stack.length = 1;
        stack[0].node = node;
      } else {
        stack.length = 0;
      }
      continue;
    }
    const continuing = findContinuedLevel(stack, label, blocks, index, textOf);
    if (continuing !== undefined) {
      const level = stack[continuing.level];
      stack.length = continuing.level + 1;
      const node: LabelNode<T> = { label, value: block.value, reading: continuing.reading, children: [] };
      // NOTE: after closing words the paragraph level's node is that unlabelled paragraph; its label
      // siblings are still the paragraphs, so appending keeps document order.
      level.siblings.push(node);
      level.node = node;
      level.ordinal = continuing.reading.ordinal;
      continue;
    }
    const reading = startingReading(label, blocks, index) ?? label.readings[0];
    const node: LabelNode<T> = { label, value: block.value, reading, children: [] };
    // Where a new level opens: a numbered paragraph (`1.`) with nothing open is a paragraph even after an
    // unlabelled chapeau (UN Charter art. 2); another label opens under the last block: the chapeau, or the
    // deepest open level.
    // A list that opens after a colon is a new level even in a style already open higher up (Rome
    // art. 93(10)(b)(i): `a)` items under `(i) … inter alia:`, inside the paragraph's `a)`, `b)`).
    const opensList = reading.ordinal === 1 && stack.length > 0 && /:\s*$/.test(textOf(stack[stack.length - 1].node.value));
    const sameStyle = opensList ? -1 : stack.findIndex((level) => sameSystem(level.style, reading.style));
    let siblings: LabelNode<T>[];
    if (sameStyle >= 0) {
      // A style already open that does not continue (a skipped or repeated label): keep it at its level,
      // where the label-sequence check sees it.
      stack.length = sameStyle + 1;
      siblings = stack[sameStyle].siblings;
      stack[sameStyle].node = node;
      stack[sameStyle].ordinal = reading.ordinal;
      siblings.push(node);
      continue;
    }
    if (stack.length > 0) {
      siblings = stack[stack.length - 1].node.children;
    } else if (!paragraphStyles.has(reading.style) && paragraphs.length > 0 && paragraphs[paragraphs.length - 1].label === undefined) {
      siblings = paragraphs[paragraphs.length - 1].children;
    } else {
      siblings = paragraphs;
    }
    siblings.push(node);
    stack.push({ style: reading.style, ordinal: reading.ordinal, node, siblings });
  }
  return paragraphs;
}

/** The open item level (not the paragraph level) that the next label continues, if any. */
function resumedItemLevel<T>(stack: readonly OpenLevel<T>[], blocks: readonly LabelledBlock<T>[], index: number): number | undefined {
  const next = blocks.slice(index + 1, index + 41).find((block) => block.label !== undefined)?.label;
  if (next === undefined) {
    return undefined;
  }
  for (let level = stack.length - 1; level >= 1; level--) {
    const open = stack[level];
    if (open.style !== 'bullet' && next.readings.some((reading) => reading.style === open.style && (reading.ordinal === open.ordinal + 1 || (next.suffix !== undefined && reading.ordinal === open.ordinal)))) {
      return level;
    }
  }
  return undefined;
}

/**
 * The open level a label continues (its next ordinal, or the same with an insertion suffix), deepest first.
 * `(ii)` continues `i)` (sources mix the two punctuations within one list). When two open levels of one
 * style could both continue (Rome art. 93(10): `b)` items under `(ii)`, then `c)` of the paragraph), the
 * deeper list is taken to have ended when its last item ends with a full stop.
 */
function findContinuedLevel<T>(
  stack: readonly OpenLevel<T>[],
  label: LeadingLabel,
  blocks: readonly LabelledBlock<T>[],
  index: number,
  textOf: (value: T) => string,
): { level: number; reading: LabelReading } | undefined {
  const found: { level: number; reading: LabelReading }[] = [];
  for (let level = stack.length - 1; level >= 0; level--) {
    const open = stack[level];
    const reading = label.readings.find(
      (candidate) => sameSystem(candidate.style, open.style) && (open.style === 'bullet' || candidate.ordinal === open.ordinal + 1 || (label.suffix !== undefined && candidate.ordinal === open.ordinal)),
    );
    if (reading !== undefined) {
      found.push({ level, reading });
    }
  }
  if (found.length === 0) {
    return undefined;
  }
  let chosen = found[0];
  if (found.length > 1 && /\.\s*$/.test(textOf(stack[chosen.level].node.value)) && found[1].reading.style === chosen.reading.style) {
    chosen = found[1];
  }
  // `(i)` after `(h)` continues the letters unless the next label is `(ii)`: then it starts numerals.
  const alternative = label.readings.find((candidate) => candidate !== chosen.reading && candidate.ordinal === 1);
  if (alternative !== undefined && nextLabelContinues(blocks, index, alternative)) {
    return undefined;
  }
  return chosen;
}

/** True when two styles number alike: the same style, or `(a)` and `a)`. */
function sameSystem(a: LabelStyle, b: LabelStyle): boolean {
  if (a === b) {
    return true;
  }
  const system = (style: LabelStyle): string => style.replace(/-(paren|rparen)$/, '-p');
  return a.endsWith('paren') && b.endsWith('paren') && system(a) === system(b);
}

/** The reading that starts a new level (ordinal 1, or a bullet), preferring one the next label continues. */
function startingReading<T>(label: LeadingLabel, blocks: readonly LabelledBlock<T>[], index: number): LabelReading | undefined {
  const starts = label.readings.filter((reading) => reading.ordinal === 1 || reading.style === 'bullet');
  return starts.find((reading) => nextLabelContinues(blocks, index, reading)) ?? starts[0];
}

/** True when the next labelled block continues the given reading (same style, next ordinal). */
function nextLabelContinues<T>(blocks: readonly LabelledBlock<T>[], index: number, reading: LabelReading): boolean {
  for (let next = index + 1; next < blocks.length && next <= index + 40; next++) {
    const label = blocks[next].label;
    if (label === undefined) {
      continue;
    }
    if (label.readings.some((candidate) => candidate.style === reading.style && candidate.ordinal === reading.ordinal + 1)) {
      return true;
    }
    // A deeper level may come in between: only a label of the same punctuation ends the search.
    if (label.readings.some((candidate) => samePunctuation(candidate.style, reading.style))) {
      return false;
    }
  }
  return false;
}

function samePunctuation(a: LabelStyle, b: LabelStyle): boolean {
  const punctuation = (style: LabelStyle): string => style.replace(/^[a-zA-Z]+-/, '');
  return punctuation(a) === punctuation(b);
}

/** A problem with the labels under one parent: a skipped or repeated label. */
export interface LabelSequenceProblem<T> {
  readonly node: LabelNode<T>;
  readonly message: string;
}

/**
 * Checks that the labels of sibling nodes run in sequence (1, 2, 3; a, b, c; with `bis`/`ter` insertions),
 * recursively. Unlabelled siblings (a chapeau, closing words) and bullets are not numbered and are skipped.
 */
export function checkLabelSequence<T>(nodes: readonly LabelNode<T>[], problems: LabelSequenceProblem<T>[] = []): LabelSequenceProblem<T>[] {
  let previous: LabelNode<T> | undefined;
  for (const node of nodes) {
    const reading = node.reading;
    if (reading !== undefined && reading.style !== 'bullet') {
      const before = previous?.reading;
      if (before === undefined || before.style !== reading.style) {
        if (reading.ordinal !== 1 && before === undefined) {
          problems.push({ node, message: `${node.label?.label ?? ''} is the first label of its list` });
        } else if (before !== undefined && before.style !== reading.style) {
          problems.push({ node, message: `${node.label?.label ?? ''} follows ${previous?.label?.label ?? ''}, a label of another kind` });
        }
      } else if (node.label?.suffix !== undefined ? reading.ordinal !== before.ordinal : reading.ordinal !== before.ordinal + 1) {
        problems.push({ node, message: `${node.label?.label ?? ''} follows ${previous?.label?.label ?? ''}` });
      }
      previous = node;
    }
    checkLabelSequence(node.children, problems);
  }
  return problems;
}
