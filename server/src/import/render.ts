/**
 * Writes an {@link ImportedDocument} as a corpus file (spec.md §2): YAML front matter, preamble paragraphs,
 * `## ` sections, one paragraph or item per line, and lists directly after their paragraph.
 * The output is deterministic: the same document always gives the same bytes.
 */
import { stringify } from 'yaml';
import type { FrontMatterValue, ImportedClause, ImportedDocument, ImportedParagraph, ImportedSection } from './types';

/** How many clauses a document has, for the import summary. */
export interface ClauseCounts {
  /** Number of `##` sections (0 for a document without sections). */
  readonly sections: number;
  /** Number of paragraphs, the preamble included. */
  readonly paragraphs: number;
  /** Number of list items. */
  readonly items: number;
}

/** Counts the sections, paragraphs and items (sub-items included) of a document, its annexes included. */
export function countClauses(document: ImportedDocument): ClauseCounts {
  const countItems = (items: readonly ImportedClause[] | undefined): number => (items ?? []).reduce((sum, item) => sum + 1 + countItems(item.items), 0);
  const sections: ImportedSection[] = [...(document.sections ?? []), ...(document.annexes ?? []).flatMap((annex) => annex.sections)];
  const paragraphLists = [document.preamble, ...(document.annexes ?? []).map((annex) => annex.paragraphs), ...sections.map((section) => section.paragraphs)];
  let paragraphs = 0;
  let items = 0;
  for (const list of paragraphLists) {
    paragraphs += list.length;
    items += list.reduce((sum, paragraph) => sum + countItems(paragraph.items), 0);
  }
  return { sections: sections.length, paragraphs, items };
}

/** Renders the front matter block, `id` and `title` first, then the document's keys in their order. */
export function renderFrontMatter(id: string, document: ImportedDocument): string {
  const data: Record<string, FrontMatterValue> = { id, title: document.title };
  for (const [key, value] of Object.entries(document.frontMatter)) {
    if (value !== undefined && key !== 'id' && key !== 'title') {
      data[key] = value;
    }
  }
  return `---\n${stringify(data, { lineWidth: 0, minContentWidth: 0 })}---\n`;
}

/** Renders a whole corpus file. */
export function renderDocument(id: string, document: ImportedDocument): string {
  const blocks: string[] = [];
  const printed = document.printedLabels === true;
  const itemLines = (items: readonly ImportedClause[], indent: string, lines: string[]): string[] => {
    for (const item of items) {
      lines.push(`${indent}- ${escapeBlockStart(oneLine(item.text))}`);
      itemLines(item.items ?? [], `${indent}  `, lines);
    }
    return lines;
  };
  const addParagraphs = (paragraphs: readonly ImportedParagraph[]): void => {
    for (const paragraph of paragraphs) {
      for (const heading of paragraph.headings ?? []) {
        blocks.push(`### ${oneLine(heading)}`);
      }
      const text = oneLine(paragraph.text);
      // NOTE: a printed label (`1. A treaty…`) stays at the margin: spec §2 reads such a block as a numbered
      // paragraph, not a list. Any other block start that Markdown would read as structure is escaped.
      blocks.push(printed && /^\d{1,9}(?: [a-z]+)?\.(\s|$)/.test(text) ? text : escapeBlockStart(text));
      if (paragraph.items.length > 0) {
        blocks.push(itemLines(paragraph.items, '', []).join('\n'));
      }
    }
  };
  const addSections = (sections: readonly ImportedSection[], groupLevel: string): void => {
    for (const section of sections) {
      for (const group of section.groups ?? []) {
        blocks.push(`${groupLevel} ${oneLine(group)}`);
      }
      for (const heading of section.subheadings ?? []) {
        blocks.push(`### ${oneLine(heading)}`);
      }
      blocks.push(`## ${oneLine(section.heading)}`);
      addParagraphs(section.paragraphs);
    }
  };
  addParagraphs(document.preamble);
  addSections(document.sections ?? [], '#');
  for (const annex of document.annexes ?? []) {
    // Inside an annex a level-1 heading would end it, so its groups are level-3 headings.
    blocks.push(`# ${oneLine(annex.heading)}`);
    addParagraphs(annex.paragraphs);
    addSections(annex.sections, '###');
  }
  return `${renderFrontMatter(id, document)}\n${blocks.join('\n\n')}\n`;
}

/** Makes clause text fit on one line: white space runs that hold a line break become one space. */
function oneLine(text: string): string {
  return text.replace(/[ \t]*[\r\n]+[ \t]*/g, ' ').trim();
}

/**
 * NOTE: a clause is written as a Markdown paragraph, so text that happens to begin like another block
 * (`# `, `- `, `1. `, `---`, `> `, a fence, an HTML tag) would change the structure: `1. The Court…`
 * would become a list item. Such a start gets a CommonMark backslash escape (`1\. The Court…`), which
 * a Markdown reader removes again, so the clause text is unchanged.
 */
export function escapeBlockStart(text: string): string {
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(text);
  if (ordered) {
    return `${ordered[1]}\\${text.slice(ordered[1].length)}`;
  }
  if (/^(#{1,6}(\s|$)|[-+*](\s|$)|([-*_])(\s*\4){2,}\s*$|`{3,}|~{3,}|>|<[A-Za-z!/?])/.test(text)) {
    return `\\${text}`;
  }
  return text;
}
