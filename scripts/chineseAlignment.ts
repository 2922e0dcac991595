/**
 * Aligns a Chinese translation (the open-treaties dataset: one text per article, Taiwan translations) to an
 * English instrument by printed label, not by position: article 31 with article 31, its paragraph `1.`
 * with `一、`, its item `(a)` with `（甲）`, `（一）` or `(a)` — the label's ordinal decides, whatever its
 * numbering system. A clause whose counterpart cannot be found (the Chinese numbers its paragraphs
 * differently, or lacks the article) is left out of the Chinese version: there are no placeholders.
 * Unlabelled clauses (a chapeau, closing words, the paragraphs of an article without numbers) are paired in
 * order, and only when both versions have as many of them at that place.
 */
import { type LabelNode, nestByLabels, readLeadingLabel } from '../server/src/import/printedLabels';
import type { ImportedClause, ImportedDocument, ImportedParagraph, ImportedSection } from '../server/src/import/types';

/** The open-treaties file shape (the fields used here). */
export interface OpenTreatiesTreaty {
  readonly treaty_zh?: string;
  readonly preamble_zh?: string;
  readonly articles: readonly { readonly article: string; readonly title_zh?: string; readonly content_zh?: string }[];
}

/** What the alignment left out, for the README. */
export interface AlignmentReport {
  /** English clauses with a Chinese counterpart. */
  aligned: number;
  /** English clauses without one (left out of the Chinese version). */
  missing: number;
  /** Articles (by English heading) whose Chinese is wholly or partly left out, with a reason. */
  readonly notes: string[];
}

interface ChineseBlock {
  readonly text: string;
}

const chineseDigits = '〇一二三四五六七八九';

/** The article number a dataset key means: `三十一` 31, `八之二` 802 (8 bis), digit-by-digit `三一八` 318. */
export function articleKeyNumber(key: string): number | undefined {
  const [base, insertion] = key.split('之');
  const value = (text: string): number | undefined => {
    if (!/^[〇零一二三四五六七八九十百]+$/.test(text)) {
      return undefined;
    }
    if (!/[十百]/.test(text)) {
      return [...text].reduce((sum, character) => sum * 10 + chineseDigits.indexOf(character), 0);
    }
    let total = 0;
    let digit = -1;
    for (const character of text) {
      if (character === '零' || character === '〇') {
        continue;
      }
      if (character === '十' || character === '百') {
        total += (digit < 0 ? 1 : digit) * (character === '十' ? 10 : 100);
        digit = -1;
      } else {
        digit = chineseDigits.indexOf(character);
      }
    }
    return total + Math.max(digit, 0);
  };
  const number = value(base);
  if (number === undefined) {
    return undefined;
  }
  if (insertion === undefined) {
    return number;
  }
  const k = value(insertion);
  return k === undefined ? undefined : number * 100 + k;
}

/**
 * Splits a Chinese article into blocks: its lines, and inside a line before a label that follows the end of
 * a clause (`…包括：（甲）…；（乙）…`, `…剝奪。二  凡未…`).
 */
export function chineseBlocks(content: string): string[] {
  const blocks: string[] = [];
  for (const line of content.split(/\r?\n/)) {
    const text = line.trim();
    if (text === '') {
      continue;
    }
    let start = 0;
    const boundary = /[：；。:;](?=[（(][一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥0-9a-z]{1,3}[）)]|[一二三四五六七八九十]{1,3}(?:、|[ \u3000]{2}))/g;
    let match: RegExpExecArray | null;
    while ((match = boundary.exec(text)) !== null) {
      blocks.push(text.slice(start, match.index + 1).trim());
      start = match.index + 1;
    }
    blocks.push(text.slice(start).trim());
  }
  return blocks.filter((block) => block !== '');
}

function chineseTree(content: string): LabelNode<ChineseBlock>[] {
  const blocks = chineseBlocks(content).map((text) => ({ label: readLeadingLabel(text), value: { text } }));
  return nestByLabels(blocks, (block) => block.text);
}

/** An English clause as the alignment sees it. */
interface EnglishNode {
  readonly text: string;
  readonly ordinal: number | undefined;
  readonly children: readonly EnglishNode[];
}

/**
 * The ordinals of sibling clauses' labels, read in the one numbering system that fits them all best: `(c)`
 * is 3 among `(a)`, `(b)`, not the Roman 100; `(i)` is 1 under `(h)`'s item, 9 after `(h)`.
 */
function siblingOrdinals(texts: readonly string[]): (number | undefined)[] {
  const labels = texts.map((text) => readLeadingLabel(text));
  const styles = new Set(labels.flatMap((label) => (label?.readings ?? []).map((reading) => reading.style)));
  let best: (number | undefined)[] = labels.map(() => undefined);
  let bestScore = -1;
  for (const style of styles) {
    if (style === 'bullet') {
      continue;
    }
    const ordinals = labels.map((label) => label?.readings.find((reading) => reading.style === style)?.ordinal);
    let score = 0;
    let previous = 0;
    for (const ordinal of ordinals) {
      if (ordinal !== undefined) {
        score += ordinal === previous + 1 || ordinal === previous ? 2 : 1;
        previous = ordinal;
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = ordinals;
    }
  }
  return best;
}

function englishNodes(clauses: readonly ImportedClause[]): EnglishNode[] {
  const ordinals = siblingOrdinals(clauses.map((clause) => clause.text));
  return clauses.map((clause, index) => ({ text: clause.text, ordinal: ordinals[index], children: englishNodes(clause.items ?? []) }));
}

/**
 * Pairs English nodes with Chinese ones under one parent: labelled by ordinal, unlabelled in order when both
 * have as many. Returns the Chinese text for each English node (undefined where none), recursively.
 */
function pair(english: readonly EnglishNode[], chinese: readonly LabelNode<ChineseBlock>[], report: AlignmentReport): (ImportedClause | undefined)[] {
  const labelled = new Map<number, LabelNode<ChineseBlock>>();
  const duplicate = new Set<number>();
  for (const node of chinese) {
    const ordinal = node.reading?.style === 'bullet' ? undefined : node.reading?.ordinal;
    if (ordinal !== undefined) {
      if (labelled.has(ordinal)) {
        duplicate.add(ordinal);
      }
      labelled.set(ordinal, node);
    }
  }
  const chineseUnlabelled = chinese.filter((node) => node.reading === undefined || node.reading.style === 'bullet');
  const englishUnlabelled = english.filter((node) => node.ordinal === undefined);
  const unlabelledPairs = chineseUnlabelled.length === englishUnlabelled.length;
  return english.map((node) => {
    let counterpart: LabelNode<ChineseBlock> | undefined;
    if (node.ordinal !== undefined) {
      counterpart = duplicate.has(node.ordinal) ? undefined : labelled.get(node.ordinal);
    } else if (unlabelledPairs) {
      counterpart = chineseUnlabelled[englishUnlabelled.indexOf(node)];
    }
    if (counterpart === undefined) {
      report.missing += 1 + countNodes(node.children);
      return undefined;
    }
    report.aligned++;
    const items = pair(node.children, counterpart.children, report).filter((item): item is ImportedClause => item !== undefined);
    return { text: counterpart.value.text, line: 0, items };
  });
}

function countNodes(nodes: readonly EnglishNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

/** The section number spec §2 reads from an English heading (`802 Article 8 bis` → 802, `Article 31` → 31). */
function sectionNumber(heading: string): number | undefined {
  const match = /^(?:(\d+)\s+)?(?:Article|Paragraph|Rule|Regulation)\s+(\d+|[IVXLC]+)\b/.exec(heading);
  if (!match) {
    return undefined;
  }
  if (match[1] !== undefined) {
    return Number(match[1]);
  }
  if (/^\d+$/.test(match[2])) {
    return Number(match[2]);
  }
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let index = 0; index < match[2].length; index++) {
    const value = values[match[2][index]];
    const next = index + 1 < match[2].length ? values[match[2][index + 1]] : 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** The Chinese heading of an article: `第三十一條`, `第八條之二`, with the dataset's title. */
function chineseHeading(number: number, key: string, title: string | undefined): string {
  const [base, insertion] = key.split('之');
  return `${number} 第${base}條${insertion !== undefined ? `之${insertion}` : ''}${title ? ` ${title}` : ''}`;
}

/**
 * The Chinese version of an English instrument: the same sections (body only: the dataset has no annexes),
 * each with the Chinese clauses that align by label; sections the dataset lacks are left out.
 */
export function alignChinese(english: ImportedDocument, treaty: OpenTreatiesTreaty, frontMatter: ImportedDocument['frontMatter']): { document: ImportedDocument; report: AlignmentReport } {
  const report: AlignmentReport = { aligned: 0, missing: 0, notes: [] };
  const byNumber = new Map<number, OpenTreatiesTreaty['articles'][number]>();
  for (const article of treaty.articles) {
    const number = articleKeyNumber(article.article);
    if (number !== undefined) {
      byNumber.set(number, article);
    }
  }
  const sections: ImportedSection[] = [];
  for (const section of english.sections ?? []) {
    const number = sectionNumber(section.heading);
    const article = number === undefined ? undefined : byNumber.get(number);
    const nodes = englishNodes(section.paragraphs);
    if (article === undefined || number === undefined || (article.content_zh ?? '').trim() === '') {
      report.missing += countNodes(nodes);
      report.notes.push(`${section.heading.replace(/ – .*/, '')}: no Chinese text in the dataset`);
      continue;
    }
    const before = report.missing;
    const paragraphs = pair(nodes, chineseTree(article.content_zh ?? ''), report)
      .filter((paragraph): paragraph is ImportedClause => paragraph !== undefined)
      .map((paragraph): ImportedParagraph => ({ text: paragraph.text, line: 0, items: paragraph.items ?? [] }));
    if (report.missing > before) {
      report.notes.push(`${section.heading.replace(/ – .*/, '')}: ${report.missing - before} of ${countNodes(nodes)} clauses have no Chinese counterpart with the same printed label`);
    }
    if (paragraphs.length > 0) {
      sections.push({ heading: chineseHeading(number, article.article, article.title_zh), line: 0, groups: [], paragraphs });
    }
  }
  // The preamble: recitals paired in order when both have as many.
  const englishPreamble = englishNodes(english.preamble);
  const chinesePreamble = (treaty.preamble_zh ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  let preamble: ImportedParagraph[] = [];
  if (chinesePreamble.length === englishPreamble.length && englishPreamble.length > 0) {
    preamble = chinesePreamble.map((text) => ({ text, line: 0, items: [] }));
    report.aligned += englishPreamble.length;
  } else if (englishPreamble.length > 0) {
    report.missing += englishPreamble.length;
    report.notes.push(`preamble: ${englishPreamble.length} recitals in English, ${chinesePreamble.length} lines in the Chinese`);
  }
  for (const annex of english.annexes ?? []) {
    const count = annex.paragraphs.reduce((sum, paragraph) => sum + 1 + countNodes(englishNodes(paragraph.items ?? [])), 0) + annex.sections.reduce((sum, section) => sum + countNodes(englishNodes(section.paragraphs)), 0);
    report.missing += count;
    report.notes.push(`${annex.heading.replace(/ – .*/, '')}: no Chinese text in the dataset`);
  }
  return {
    document: { title: treaty.treaty_zh ?? english.title, frontMatter, preamble, sections, line: 0, printedLabels: true },
    report,
  };
}
