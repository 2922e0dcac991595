/**
 * Writes an {@link ImportedDocument} as a corpus file (spec.md §2): YAML front matter, preamble paragraphs,
 * `## ` sections, one paragraph or item per line, and lists directly after their paragraph.
 * The output is deterministic: the same document always gives the same bytes.
 */
import { stringify } from 'yaml';
import type { FrontMatterValue, ImportedDocument, ImportedParagraph } from './types';

/** How many clauses a document has, for the import summary. */
export interface ClauseCounts {
  /** Number of `##` sections (0 for a document without sections). */
  readonly sections: number;
  /** Number of paragraphs, the preamble included. */
  readonly paragraphs: number;
  /** Number of list items. */
  readonly items: number;
}

/** Counts the sections, paragraphs and items of a document. */
export function countClauses(document: ImportedDocument): ClauseCounts {
  let paragraphs = document.preamble.length;
  let items = document.preamble.reduce((sum, paragraph) => sum + paragraph.items.length, 0);
  for (const section of document.sections ?? []) {
    paragraphs += section.paragraphs.length;
    items += section.paragraphs.reduce((sum, paragraph) => sum + paragraph.items.length, 0);
  }
  return { sections: document.sections?.length ?? 0, paragraphs, items };
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
  const addParagraphs = (paragraphs: readonly ImportedParagraph[]): void => {
    for (const paragraph of paragraphs) {
      blocks.push(escapeBlockStart(oneLine(paragraph.text)));
      if (paragraph.items.length > 0) {
        blocks.push(paragraph.items.map((item) => `- ${escapeBlockStart(oneLine(item.text))}`).join('\n'));
      }
    }
  };
  addParagraphs(document.preamble);
  for (const section of document.sections ?? []) {
    for (const group of section.groups ?? []) {
      blocks.push(`# ${oneLine(group)}`);
    }
    blocks.push(`## ${oneLine(section.heading)}`);
    addParagraphs(section.paragraphs);
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
