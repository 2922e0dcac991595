/**
 * Aligns a Chinese translation (the open-treaties dataset: one text per article, Taiwan translations) to an
 * English instrument by printed label, not by position: article 31 with 第三十一條, its paragraph `1.` with
 * `一、`, its item `(a)` with `（一）` or `(a)` — the label's ordinal decides, whatever its numbering system,
 * read exactly as the core reads labels (server/src/service/labels.ts), since the core aligns the two
 * versions itself when it loads them. A clause whose counterpart cannot be found is left out of the Chinese
 * version: there are no placeholders.
 *
 * The pairing itself is the importers' (server/src/import/alignVersions.ts): every labelled clause that aligns
 * (a translation may skip a label it lacks: the core compares its labels with the English ones), unlabelled
 * ones in order when both have as many.
 */
import { type AlignNode, countNodes, pairByLabels } from '../server/src/import/alignVersions';
import { type LabelNode, nestByLabels, readLeadingLabel } from '../server/src/import/printedLabels';
import type { ImportedDocument, ImportedParagraph, ImportedSection } from '../server/src/import/types';
import type { Clause, CorpusDocument } from '../server/src/service/corpusParser';

/** The open-treaties file shape (the fields used here). */
export interface OpenTreatiesTreaty {
  readonly treaty_zh?: string;
  readonly preamble_zh?: string;
  readonly articles: readonly { readonly article: string; readonly title_zh?: string; readonly content_zh?: string }[];
}

/** What the alignment found, for the README. */
export interface AlignmentReport {
  /** English clauses with a Chinese counterpart. */
  aligned: number;
  /** English clauses without one (left out of the Chinese version). */
  missing: number;
  /** Where clauses are left out, and why. */
  readonly notes: string[];
}

const chineseDigits = '〇一二三四五六七八九';

/** The article number a dataset key means: `三十一` 31, `八之二` 802 (8 bis), digit by digit `三一八` 318. */
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
 * Splits a Chinese article into blocks: its lines, inside a line before a label that follows the end of
 * a clause (`…包括：（甲）…；（乙）…`, `…剝奪。二  凡未…`, `…奴工。三` before its items), and a paragraph's or
 * item's number glued to its first item's (`2.(1)「締約國」…` is `2.`, then `(1)「締約國」…`; `(5)(a)…` too).
 */
export function chineseBlocks(content: string): string[] {
  const blocks: string[] = [];
  for (const line of content.split(/\r?\n/)) {
    const text = line.trim();
    if (text === '') {
      continue;
    }
    let start = 0;
    // The end of a clause, and an `或`/`及` (`or`, `and`) that closes it, then spaces, before the next label.
    const boundary = /[：；。:;](?:或|及|以及)?[ \u3000]*(?=[（(][一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥0-9a-z]{1,3}[）)]|[一二三四五六七八九十]{1,3}(?:、|[ \u3000]{2}|$))/g;
    let match: RegExpExecArray | null;
    while ((match = boundary.exec(text)) !== null) {
      blocks.push(text.slice(start, match.index + match[0].length).trim());
      start = match.index + match[0].length;
    }
    blocks.push(text.slice(start).trim());
  }
  return blocks.flatMap((block) => {
    const glued = /^(?:[0-9]{1,3}\.|[(（][0-9a-z]{1,3}[)）])(?=[(（][0-9a-z]{1,3}[)）])/.exec(block);
    return glued ? [glued[0], block.slice(glued[0].length).trim()] : [block];
  }).filter((block) => block !== '');
}

function chineseTree(content: string): AlignNode[] {
  const blocks = chineseBlocks(content).map((text) => ({ label: readLeadingLabel(text), value: text }));
  const convert = (node: LabelNode<string>): AlignNode => ({ text: node.value, children: node.children.map(convert) });
  return nestByLabels(blocks, (text) => text).map(convert);
}

/** The English clause tree of a section (or the preamble), from the core's parse. */
function englishChildren(children: ReadonlyMap<number, readonly Clause[]>, parent: number): AlignNode[] {
  return (children.get(parent) ?? []).map((clause) => ({ text: clause.text, children: englishChildren(children, clause.ordinal) }));
}

/** The Chinese heading of an article: `31 第三十一條 …`, `802 第八條之二 …` (the `§` number first, as the English). */
function chineseHeading(number: number, key: string, title: string | undefined): string {
  const [base, insertion] = key.split('之');
  return `${number} 第${base}條${insertion !== undefined ? `之${insertion}` : ''}${title ? ` ${title}` : ''}`;
}

/**
 * The Chinese version of an English instrument (given as the core parses its corpus file): every article of
 * the body the dataset has, with the clauses that align by label. The dataset has no annexes.
 */
export function alignChinese(english: CorpusDocument, treaty: OpenTreatiesTreaty, title: string, frontMatter: ImportedDocument['frontMatter']): { document: ImportedDocument; report: AlignmentReport } {
  const report: AlignmentReport = { aligned: 0, missing: 0, notes: [] };
  const children = new Map<number, Clause[]>();
  for (const clause of english.clauses) {
    if (clause.kind !== 'annex') {
      const list = children.get(clause.parent) ?? [];
      list.push(clause);
      children.set(clause.parent, list);
    }
  }
  const byNumber = new Map<number, OpenTreatiesTreaty['articles'][number]>();
  for (const article of treaty.articles) {
    const number = articleKeyNumber(article.article);
    if (number !== undefined) {
      byNumber.set(number, article);
    }
  }
  const sections: ImportedSection[] = [];
  let preamble: ImportedParagraph[] = [];
  for (const section of english.clauses.filter((clause) => clause.kind === 'section' && clause.annex === undefined)) {
    const nodes = englishChildren(children, section.ordinal);
    if (section.key === '0') {
      // The preamble: recitals paired in order when both have as many.
      const recitals = (treaty.preamble_zh ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
      if (recitals.length === nodes.length && nodes.length > 0) {
        preamble = recitals.map((text) => ({ text, line: 0, items: [] }));
        report.aligned += nodes.length;
      } else {
        report.missing += countNodes(nodes);
        report.notes.push(`preamble: ${nodes.length} recitals in English, ${recitals.length} paragraphs in the Chinese`);
      }
      continue;
    }
    const number = Number(section.path[0]);
    const article = byNumber.get(number);
    const heading = section.label ?? section.key;
    if (article === undefined) {
      report.missing += countNodes(nodes);
      report.notes.push(`art. ${heading}: not in the dataset`);
      continue;
    }
    const before = report.missing;
    const paragraphs = pairByLabels(nodes, chineseTree(article.content_zh ?? ''), 'paragraph', report).map((paragraph): ImportedParagraph => ({ text: paragraph.text, line: 0, items: paragraph.items ?? [] }));
    if (report.missing > before) {
      report.notes.push(`art. ${heading}: ${report.missing - before} of ${countNodes(nodes)} clauses left out (no Chinese clause with the same printed label)`);
    }
    sections.push({ heading: chineseHeading(number, article.article, article.title_zh), line: 0, groups: [], paragraphs });
  }
  const annexClauses = english.clauses.filter((clause) => clause.annex !== undefined && clause.kind !== 'annex' && clause.kind !== 'section').length;
  if (annexClauses > 0) {
    report.missing += annexClauses;
    report.notes.push(`annexes: ${annexClauses} clauses, not in the dataset`);
  }
  return { document: { title, frontMatter, preamble, sections, line: 0, printedLabels: true }, report };
}
