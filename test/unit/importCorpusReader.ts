/**
 * A small, independent reader of corpus files for the importer tests: it applies spec.md §2's rules
 * (section numbers from `##` headings, paragraphs as blocks, a list after a paragraph as its items) with
 * markdown-it, so the tests check the numbering a reader of the file gets, not the importer's own model.
 * It is deliberately simple (no nested-list or soft-break handling: importers write one clause per line).
 */
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';

/** A corpus file as the spec reads it. */
export interface ReadCorpus {
  /** The front matter. */
  readonly frontMatter: Record<string, unknown>;
  /** Clause text by path (`3.4`, `1.7.3`, and `3` for a section's heading), in document order. */
  readonly clauses: Map<string, string>;
  /** Paragraph counts by section number (`0` for the preamble); one entry `''` for a document without sections. */
  readonly paragraphCounts: Map<string, number>;
  /** Section numbers in order, with duplicates kept so tests can assert there are none. */
  readonly sectionNumbers: string[];
}

const chineseDigits: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseValue(text: string): number {
  let total = 0;
  let digit = 0;
  for (const character of text) {
    if (character in chineseDigits) {
      digit = chineseDigits[character];
    } else {
      const unit = character === '十' ? 10 : character === '百' ? 100 : 1000;
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

function romanValue(text: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let index = 0; index < text.length; index++) {
    const value = values[text[index]];
    total += value < (values[text[index + 1]] ?? 0) ? -value : value;
  }
  return total;
}

/** The section number of spec §2 for a heading, or undefined when the position applies. */
export function sectionNumberOf(heading: string): number | undefined {
  const end = '(?=[、.\\s]|$)';
  const chinese = '[〇零一二两三四五六七八九十百千]+';
  let match = new RegExp(`^第(${chinese}|[0-9]+)(?:条|部分)${end}`).exec(heading);
  if (match) {
    return /^[0-9]+$/.test(match[1]) ? Number(match[1]) : chineseValue(match[1]);
  }
  match = /^(?:Article|Section|Part)\s+([0-9]+|[IVXLCDM]+)\b/i.exec(heading);
  if (match) {
    return /^[0-9]+$/.test(match[1]) ? Number(match[1]) : romanValue(match[1].toUpperCase());
  }
  match = new RegExp(`^(${chinese})${end}`).exec(heading);
  if (match) {
    return chineseValue(match[1]);
  }
  match = new RegExp(`^([0-9]+)${end}`).exec(heading);
  if (match) {
    return Number(match[1]);
  }
  match = new RegExp(`^([IVXLCDM]+)${end}`).exec(heading);
  return match ? romanValue(match[1]) : undefined;
}

/** Reads a corpus file by the spec's rules. */
export function readCorpus(content: string): ReadCorpus {
  const frontMatterMatch = /^---\n([\s\S]*?)\n---\n/.exec(content);
  const frontMatter = (frontMatterMatch ? parseYaml(frontMatterMatch[1]) : {}) as Record<string, unknown>;
  const body = frontMatterMatch ? content.slice(frontMatterMatch[0].length) : content;
  const tokens = new MarkdownIt().parse(body, {});
  const hasSections = tokens.some((token) => token.type === 'heading_open' && token.tag === 'h2');
  const clauses = new Map<string, string>();
  const paragraphCounts = new Map<string, number>();
  const sectionNumbers: string[] = [];
  let section = hasSections ? '0' : '';
  let headingPosition = 0;
  let paragraph = 0;
  let item = 0;
  let listDepth = 0;
  let inHeading = false;
  let inOtherHeading = false;
  let inItemParagraph = false;
  let listAsParagraphs = false;
  const prefix = (): string => (section === '' ? '' : `${section}.`);
  paragraphCounts.set(section, 0);
  for (const token of tokens) {
    const text = (): string => (token.children ?? []).map((child) => (child.type === 'softbreak' ? '\n' : child.content)).join('');
    switch (token.type) {
      case 'heading_open':
        inHeading = token.tag === 'h2';
        inOtherHeading = token.tag !== 'h2';
        break;
      case 'heading_close':
        inHeading = false;
        inOtherHeading = false;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        if (listDepth === 1) {
          listAsParagraphs = paragraph === 0;
        }
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'list_item_open':
        if (listDepth === 1) {
          inItemParagraph = true;
        }
        break;
      case 'inline':
        if (inOtherHeading) {
          // Level-1 headings (chapters, parts) are neither sections nor paragraphs.
          break;
        }
        if (inHeading) {
          headingPosition++;
          section = String(sectionNumberOf(text()) ?? headingPosition);
          sectionNumbers.push(section);
          clauses.set(section, text());
          paragraph = 0;
          paragraphCounts.set(section, 0);
        } else if (listDepth === 0) {
          paragraph++;
          item = 0;
          paragraphCounts.set(section, paragraph);
          clauses.set(`${prefix()}${paragraph}`, text());
        } else if (inItemParagraph && listDepth === 1) {
          inItemParagraph = false;
          if (listAsParagraphs) {
            paragraph++;
            paragraphCounts.set(section, paragraph);
            clauses.set(`${prefix()}${paragraph}`, text());
          } else {
            item++;
            clauses.set(`${prefix()}${paragraph}.${item}`, text());
          }
        }
        break;
      default:
        break;
    }
  }
  return { frontMatter, clauses, paragraphCounts, sectionNumbers };
}
