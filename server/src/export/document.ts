/**
 * A brief as a document to write: blocks (headings, paragraphs, lists, block quotes, tables, code) of
 * inline text with marks, and the citations in their place. Built from markdown-it's tokens (the whole
 * CommonMark grammar plus tables and strikethrough), with each citation the core found replaced by a
 * placeholder first, so that Markdown and citations are read by their own rules and never disagree.
 * The brief's front matter and its marked table of authorities section are left out: the export writes
 * its own.
 */
import MarkdownIt from 'markdown-it';
import { frontMatterLineCount, lineStarts } from '../service/briefScanner';
import { readFrontMatter } from '../service/corpusParser';
import { findRegion } from '../service/tableOfAuthorities';
import { Span } from '../service/types';

/** Inline content. */
export type Inline =
  | {
      readonly type: 'text';
      readonly text: string;
      readonly bold?: boolean;
      readonly italic?: boolean;
      readonly code?: boolean;
      readonly strike?: boolean;
      /** The target of the link the text is in. */
      readonly href?: string;
    }
  /** A citation: the index of the brief's citation, as the core listed them. */
  | { readonly type: 'citation'; readonly index: number }
  | { readonly type: 'break' };

export interface TableCell {
  readonly content: readonly Inline[];
  readonly align?: 'left' | 'center' | 'right';
}

export type Block =
  | { readonly type: 'heading'; readonly level: number; readonly content: readonly Inline[] }
  | { readonly type: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly type: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly (readonly Block[])[] }
  | { readonly type: 'quote'; readonly blocks: readonly Block[] }
  | { readonly type: 'table'; readonly header: readonly TableCell[]; readonly rows: readonly (readonly TableCell[])[] }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'rule' };

/** The brief's body and what its front matter says. */
export interface BriefBody {
  /** The front matter `title`, else the text of a level-1 heading that opens the brief (then not in `blocks`). */
  readonly title?: readonly Inline[];
  /** The front matter `language`, else `zh` for a brief mostly in CJK characters, else `en`. */
  readonly language: string;
  readonly blocks: readonly Block[];
}

const parser = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
type Token = ReturnType<typeof parser.parse>[number];

/** Private-use characters around a citation's number in the text markdown-it reads. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Reads a brief into blocks. `citations` are the spans of the brief's citations in text order; an inline
 * `{ type: 'citation', index }` refers to `citations[index]`.
 */
export function readBrief(text: string, citations: readonly Span[], detectCjk: (text: string) => boolean): BriefBody {
  const starts = lineStarts(text);
  const frontMatterLines = frontMatterLineCount(text, starts);
  const bodyStart = frontMatterLines > 0 ? (frontMatterLines < starts.length ? starts[frontMatterLines] : text.length) : 0;
  const meta = frontMatterLines > 0 ? readFrontMatter(text.slice(0, bodyStart).split(/\r\n|\r|\n/)).data : {};
  const region = findRegion(text, starts);
  const skipped: Span[] = [{ start: 0, end: bodyStart }];
  if (region) {
    skipped.push({ start: starts[region.startLine], end: region.endLine + 1 < starts.length ? starts[region.endLine + 1] : text.length });
  }

  // The text markdown-it reads: the body, with each citation replaced by a placeholder.
  let source = '';
  let cursor = 0;
  const copy = (end: number): void => {
    for (const span of skipped) {
      if (cursor < span.end && end > span.start) {
        source += text.slice(cursor, Math.max(cursor, span.start));
        cursor = Math.max(cursor, span.end);
      }
    }
    if (end > cursor) {
      source += text.slice(cursor, end).replace(/[\uE000\uE001]/g, '\uFFFD');
      cursor = end;
    }
  };
  citations.forEach((citation, index) => {
    if (citation.start < cursor || skipped.some((span) => citation.start >= span.start && citation.start < span.end)) {
      return;
    }
    copy(citation.start);
    // A citation that is a link's text keeps its brackets, so that the link stays a link.
    const linkText = text[citation.end] === '(';
    source += linkText ? `[${OPEN}${index}${CLOSE}]` : `${OPEN}${index}${CLOSE}`;
    cursor = citation.end;
  });
  copy(text.length);

  let tokens: Token[];
  try {
    tokens = parser.parse(source, {});
  } catch {
    tokens = [];
  }
  const blocks = new BlockReader(tokens).read();
  let title: Inline[] | undefined;
  const given = stringValue(meta['title']);
  if (given) {
    title = [{ type: 'text', text: given }];
  } else if (blocks[0]?.type === 'heading' && blocks[0].level === 1) {
    title = [...blocks[0].content];
    blocks.shift();
  }
  const language = stringValue(meta['language']) ?? (detectCjk(source.slice(0, 20_000)) ? 'zh' : 'en');
  return { title, language, blocks };
}

/** Splits text on citation placeholders. */
function splitCitations(text: string, marks: Omit<Extract<Inline, { type: 'text' }>, 'type' | 'text'>, into: Inline[]): void {
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) {
      into.push({ type: 'text', text: text.slice(last, match.index), ...marks });
    }
    into.push({ type: 'citation', index: Number(match[1]) });
    last = match.index + match[0].length;
  }
  if (last < text.length) {
    into.push({ type: 'text', text: text.slice(last), ...marks });
  }
}

/** The text of HTML without its tags and comments. */
function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' })[name] ?? '');
}

function readInline(children: readonly Token[]): Inline[] {
  const content: Inline[] = [];
  let bold = 0;
  let italic = 0;
  let strike = 0;
  const links: (string | undefined)[] = [];
  const marks = () => ({
    ...(bold > 0 ? { bold: true } : {}),
    ...(italic > 0 ? { italic: true } : {}),
    ...(strike > 0 ? { strike: true } : {}),
    ...(links.length > 0 && links[links.length - 1] ? { href: links[links.length - 1] } : {}),
  });
  for (const token of children) {
    switch (token.type) {
      case 'text':
      case 'text_special':
        splitCitations(token.content, marks(), content);
        break;
      case 'code_inline':
        content.push({ type: 'text', text: token.content, code: true, ...marks() });
        break;
      case 'softbreak':
        content.push({ type: 'text', text: ' ', ...marks() });
        break;
      case 'hardbreak':
        content.push({ type: 'break' });
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 's_open':
        strike++;
        break;
      case 's_close':
        strike--;
        break;
      case 'link_open':
        links.push(String(token.attrGet('href') ?? '') || undefined);
        break;
      case 'link_close':
        links.pop();
        break;
      case 'image':
        splitCitations(token.content, marks(), content);
        break;
      case 'html_inline': {
        const inner = htmlText(token.content);
        if (/^<br\s*\/?>$/i.test(token.content.trim())) {
          content.push({ type: 'break' });
        } else if (inner) {
          content.push({ type: 'text', text: inner, ...marks() });
        }
        break;
      }
      default:
        if (token.content) {
          splitCitations(token.content, marks(), content);
        }
    }
  }
  return content;
}

/** Reads block tokens into blocks, one level of nesting per call. */
class BlockReader {
  #index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  read(until?: string): Block[] {
    const blocks: Block[] = [];
    while (this.#index < this.tokens.length) {
      const token = this.tokens[this.#index];
      if (until && token.type === until) {
        this.#index++;
        return blocks;
      }
      const block = this.#block(token);
      if (block) {
        blocks.push(block);
      }
    }
    return blocks;
  }

  #inline(): Inline[] {
    const token = this.tokens[this.#index];
    if (token?.type === 'inline') {
      this.#index++;
      return readInline(token.children ?? []);
    }
    return [];
  }

  #block(token: Token): Block | undefined {
    this.#index++;
    switch (token.type) {
      case 'heading_open': {
        const content = this.#inline();
        this.#index++; // heading_close
        return { type: 'heading', level: Number(token.tag.slice(1)) || 1, content };
      }
      case 'paragraph_open': {
        const content = this.#inline();
        this.#index++; // paragraph_close
        return { type: 'paragraph', content };
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open';
        const start = Number(token.attrGet('start') ?? 1);
        const items: Block[][] = [];
        const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
        while (this.#index < this.tokens.length && this.tokens[this.#index].type !== close) {
          if (this.tokens[this.#index].type === 'list_item_open') {
            this.#index++;
            items.push(this.read('list_item_close'));
          } else {
            this.#index++;
          }
        }
        this.#index++;
        return { type: 'list', ordered, start: Number.isFinite(start) ? start : 1, items };
      }
      case 'blockquote_open':
        return { type: 'quote', blocks: this.read('blockquote_close') };
      case 'table_open':
        return this.#table();
      case 'fence':
      case 'code_block':
        return { type: 'code', text: token.content.replace(/\n$/, '') };
      case 'hr':
        return { type: 'rule' };
      case 'html_block': {
        const inner = htmlText(token.content).trim();
        if (!inner) {
          return undefined;
        }
        const content: Inline[] = [];
        splitCitations(inner.replace(/\s+/g, ' '), {}, content);
        return { type: 'paragraph', content };
      }
      case 'inline':
        return { type: 'paragraph', content: readInline(token.children ?? []) };
      default:
        return undefined;
    }
  }

  #table(): Block {
    const header: TableCell[] = [];
    const rows: TableCell[][] = [];
    let row: TableCell[] | undefined;
    let inHead = false;
    while (this.#index < this.tokens.length) {
      const token = this.tokens[this.#index++];
      if (token.type === 'table_close') {
        break;
      }
      if (token.type === 'thead_open') {
        inHead = true;
      } else if (token.type === 'thead_close') {
        inHead = false;
      } else if (token.type === 'tr_open') {
        row = inHead ? header : [];
      } else if (token.type === 'tr_close') {
        if (row && row !== header) {
          rows.push(row);
        }
        row = undefined;
      } else if (token.type === 'th_open' || token.type === 'td_open') {
        const align = /text-align:(left|center|right)/.exec(String(token.attrGet('style') ?? ''))?.[1] as TableCell['align'];
        const content = this.#inline();
        row?.push({ content, align });
      }
    }
    return { type: 'table', header, rows };
  }
}

/** Punctuation that goes before a footnote marker, as legal styles want (`treaty.¹`, not `treaty¹.`). */
const MARKER_PUNCTUATION = /^[.,;:!?。，、；：！？]+/;

/**
 * Places footnote markers as legal styles do: right after the word before them (no space), and after the
 * punctuation that follows the citation. `isNote` says which citations become footnotes.
 */
export function attachNoteMarkers(blocks: readonly Block[], isNote: (index: number) => boolean): Block[] {
  const inline = (content: readonly Inline[]): Inline[] => {
    const out: Inline[] = [...content];
    for (let index = 0; index < out.length; index++) {
      const current = out[index];
      if (current.type !== 'citation' || !isNote(current.index)) {
        continue;
      }
      const previous = out[index - 1];
      if (previous?.type === 'text' && !previous.code && /[ \t]+$/.test(previous.text)) {
        out[index - 1] = { ...previous, text: previous.text.replace(/[ \t]+$/, '') };
      }
      const next = out[index + 1];
      const punctuation = next?.type === 'text' && !next.code ? MARKER_PUNCTUATION.exec(next.text)?.[0] : undefined;
      if (punctuation && next?.type === 'text') {
        out[index + 1] = { ...next, text: next.text.slice(punctuation.length) };
        out.splice(index, 0, { type: 'text', text: punctuation, ...(next.bold ? { bold: true } : {}), ...(next.italic ? { italic: true } : {}) });
        index++;
      }
    }
    return out.filter((item) => item.type !== 'text' || item.text.length > 0);
  };
  const block = (item: Block): Block => {
    switch (item.type) {
      case 'heading':
      case 'paragraph':
        return { ...item, content: inline(item.content) };
      case 'list':
        return { ...item, items: item.items.map((blocks) => blocks.map(block)) };
      case 'quote':
        return { ...item, blocks: item.blocks.map(block) };
      case 'table':
        return {
          ...item,
          header: item.header.map((cell) => ({ ...cell, content: inline(cell.content) })),
          rows: item.rows.map((row) => row.map((cell) => ({ ...cell, content: inline(cell.content) }))),
        };
      default:
        return item;
    }
  };
  return blocks.map(block);
}
