/**
 * A markdown-it plugin for VS Code's Markdown preview: citations become links to the cited clause, with a
 * tooltip holding the short title and the clause text; broken citations are marked. Pure (no `vscode`), so
 * it is tested with markdown-it alone.
 *
 * markdown-it renders synchronously, so the plugin cannot ask the language server while it renders: it
 * collects the brief's bracketed texts, takes what a lookup already knows about them, renders the others
 * as a pending span, and leaves it to the lookup to ask the server and refresh the preview.
 *
 * Only text is touched: code spans and blocks are other tokens, and an escaped `\[` is a token of its own,
 * so neither is ever read as a citation; everything that is not a citation renders as before.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';

/** A link inside a citation's text, by offsets into that text (as the server answers). */
export interface PreviewLink {
  readonly start: number;
  readonly end: number;
  readonly target: string;
  readonly title: string;
}

/** The server's answer for one bracketed text: links, a broken citation, or null for plain text. */
export type PreviewAnswer = { readonly links: readonly PreviewLink[] } | { readonly broken: string } | null;

/** What the plugin asks while it renders. */
export interface CitationLookup {
  /**
   * The answers for a document's bracketed texts, in order; `undefined` for a text whose answer is not known
   * yet (the lookup then asks for it, and refreshes the preview when it knows).
   */
  lookup(documentUri: string, texts: readonly string[]): readonly (PreviewAnswer | undefined)[];
}

/** The class of every citation element, with `pinpoint-broken` or `pinpoint-pending` beside it when so. */
export const CITATION_CLASS = 'pinpoint-citation';

/** A bracketed text whose first word could start a citation: a document id, `§`, `ibid.`/`id.`, or an alias. */
const CANDIDATE = /^\[(?:\d{4}-|§|(?:[Ii]bid|[Ii]d)\.(?=[\s\]])|[A-Z][A-Z0-9-]*(?=[\s\]]))/;
/** Texts of a brief the plugin sends at most (the server answers as many). */
const MAX_CANDIDATES = 5_000;

/** A bracketed span in a text: `[`…`]` on one line with no brackets inside. */
interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The bracketed spans of a text that could be citations, in order. */
export function findCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  let open = -1;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x5b /* [ */) {
      open = index;
    } else if (char === 0x5d /* ] */) {
      if (open >= 0) {
        const candidate = text.slice(open, index + 1);
        if (CANDIDATE.test(candidate)) {
          found.push({ start: open, end: index + 1, text: candidate });
        }
      }
      open = -1;
    } else if (char === 0x0a || char === 0x0d) {
      open = -1;
    }
  }
  return found;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

/** A run of consecutive text tokens of an inline token, which markdown-it may have split. */
interface TextRun {
  readonly children: Token[];
  readonly from: number;
  readonly to: number;
  readonly text: string;
  readonly inLink: boolean;
  readonly candidates: Candidate[];
}

function textRuns(children: Token[]): TextRun[] {
  const runs: TextRun[] = [];
  let linkDepth = 0;
  let index = 0;
  while (index < children.length) {
    const token = children[index];
    if (token.type === 'link_open') {
      linkDepth++;
    } else if (token.type === 'link_close') {
      linkDepth = Math.max(0, linkDepth - 1);
    }
    if (token.type !== 'text') {
      index++;
      continue;
    }
    let to = index;
    let text = '';
    while (to < children.length && children[to].type === 'text') {
      text += children[to].content;
      to++;
    }
    const candidates = text.includes('[') ? findCandidates(text) : [];
    if (candidates.length > 0) {
      runs.push({ children, from: index, to, text, inLink: linkDepth > 0, candidates });
    }
    index = to;
  }
  return runs;
}

/** Registers the plugin on a markdown-it instance. */
export function pinpointPreviewPlugin(md: MarkdownIt, lookup: CitationLookup): void {
  const rule = (state: StateCore): void => {
    const runs: TextRun[] = [];
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children) {
        runs.push(...textRuns(token.children));
      }
    }
    const texts = runs.flatMap((run) => run.candidates.map((candidate) => candidate.text)).slice(0, MAX_CANDIDATES);
    if (texts.length === 0) {
      return;
    }
    const env = state.env as { currentDocument?: { toString(): string } } | undefined;
    const answers = lookup.lookup(env?.currentDocument?.toString() ?? '', texts);
    let answerIndex = 0;
    // Replace from the last run to the first, so that earlier indexes stay valid.
    const replacements = runs.map((run) => {
      const tokens: Token[] = [];
      let cursor = 0;
      const pushText = (text: string): void => {
        if (text) {
          const token = new state.Token('text', '', 0);
          token.content = text;
          tokens.push(token);
        }
      };
      const pushHtml = (html: string): void => {
        const token = new state.Token('html_inline', '', 0);
        token.content = html;
        tokens.push(token);
      };
      for (const candidate of run.candidates) {
        const answer = answerIndex < texts.length ? answers[answerIndex] : null;
        answerIndex++;
        if (answer === null) {
          continue; // plain text: left in the surrounding text
        }
        pushText(run.text.slice(cursor, candidate.start));
        cursor = candidate.end;
        if (answer === undefined) {
          pushHtml(`<span class="${CITATION_CLASS} pinpoint-pending">${escapeHtml(candidate.text)}</span>`);
        } else if ('broken' in answer) {
          pushHtml(`<span class="${CITATION_CLASS} pinpoint-broken" title="${escapeHtml(answer.broken)}">${escapeHtml(candidate.text)}</span>`);
        } else {
          pushCitation(state, candidate.text, answer.links, run.inLink, tokens, pushText, pushHtml);
        }
      }
      pushText(run.text.slice(cursor));
      return { run, tokens };
    });
    for (const { run, tokens } of replacements.reverse()) {
      run.children.splice(run.from, run.to - run.from, ...tokens);
    }
  };
  // NOTE: before text_join, which would merge escaped brackets (`\[`) into the text around them.
  try {
    md.core.ruler.before('text_join', 'pinpoint_citations', rule);
  } catch {
    md.core.ruler.push('pinpoint_citations', rule);
  }
}

/** Writes a resolved citation: its links (a link inside a link is a titled span instead), the rest as text. */
function pushCitation(
  state: StateCore,
  text: string,
  links: readonly PreviewLink[],
  inLink: boolean,
  tokens: Token[],
  pushText: (text: string) => void,
  pushHtml: (html: string) => void,
): void {
  let cursor = 0;
  const sorted = [...links].filter((link) => link.start >= 0 && link.end <= text.length && link.start < link.end).sort((left, right) => left.start - right.start);
  for (const link of sorted) {
    if (link.start < cursor) {
      continue;
    }
    pushText(text.slice(cursor, link.start));
    const label = text.slice(link.start, link.end);
    if (inLink) {
      pushHtml(`<span class="${CITATION_CLASS}" title="${escapeHtml(link.title)}">${escapeHtml(label)}</span>`);
    } else {
      const open = new state.Token('link_open', 'a', 1);
      open.attrSet('href', link.target);
      open.attrSet('title', link.title);
      open.attrSet('class', CITATION_CLASS);
      const content = new state.Token('text', '', 0);
      content.content = label;
      const close = new state.Token('link_close', 'a', -1);
      tokens.push(open, content, close);
    }
    cursor = link.end;
  }
  pushText(text.slice(cursor));
}
