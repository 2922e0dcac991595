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
import type { Env, MarkdownIt, StateCore, Token } from 'markdown-it';
import { previewAnchor } from '../../server/src/service/previewAnchor';

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

/** A corpus file's front matter: it names a document id (spec.md §2). */
const CORPUS_FRONT_MATTER = /^id:\s*['"]?\d{4}-[A-Z]/m;

/**
 * In the preview of a corpus file, gives each clause's element the id of its first line (`previewAnchor`), so
 * that a citation's link (`…/2023-JS.md#pinpoint-L40`) scrolls the preview to the clause. A heading's element gets
 * VS Code's own id (its slug), so the anchor is an empty element at its start, marked as a line of the
 * source as VS Code marks blocks (`code-line`, `data-line`), which is what the preview scrolls to.
 */
function addLineAnchors(state: StateCore): void {
  const tokens = state.tokens;
  const front = tokens[0]?.type === 'front_matter' ? tokens[0] : undefined;
  const yaml = front ? String((front as Token & { meta?: unknown }).meta ?? front.content ?? '') : '';
  if (!CORPUS_FRONT_MATTER.test(yaml)) {
    return;
  }
  const used = new Set<string>();
  tokens.forEach((token, index) => {
    const kind = token.type === 'paragraph_open' || token.type === 'list_item_open' ? 'block' : token.type === 'heading_open' ? 'heading' : undefined;
    const id = token.map ? previewAnchor(token.map[0]) : '';
    if (!kind || !token.map || token.attrGet('id') || used.has(id)) {
      return;
    }
    used.add(id);
    if (kind === 'block') {
      token.attrSet('id', id);
    } else if (tokens[index + 1]?.type === 'inline') {
      const anchor = new state.Token('html_inline', '', 0);
      anchor.content = `<span class="code-line" data-line="${token.map[0]}" id="${id}"></span>`;
      tokens[index + 1].children?.unshift(anchor);
    }
  });
}

/** The token a candidate citation becomes; its one child is its text, so that heading slugs still read it. */
const TOKEN_TYPE = 'pinpoint_citation';
/** Where a render keeps the answers of its citations (the render's `env`; the parsed tokens are cached and shared). */
const ANSWERS = 'pinpointAnswers';

/** The answers a render keeps in its `env`. */
function answersOf(env: Env | undefined): Map<Token, PreviewAnswer | undefined> | undefined {
  const answers: unknown = env?.[ANSWERS];
  return answers instanceof Map ? (answers as Map<Token, PreviewAnswer | undefined>) : undefined;
}

/**
 * Registers the plugin on a markdown-it instance.
 *
 * NOTE: in two steps, because VS Code parses without saying which document it parses (the parse's `env` is
 * empty) and caches the tokens, but renders with `env.currentDocument`: the parse turns each candidate into
 * a `pinpoint_citation` token (before `text_join`, which would merge escaped brackets into the text), and
 * each render looks the document's candidates up once and writes them.
 */
export function pinpointPreviewPlugin(md: MarkdownIt, lookup: CitationLookup): void {
  const rule = (state: StateCore): void => {
    addLineAnchors(state);
    const runs: TextRun[] = [];
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children) {
        runs.push(...textRuns(token.children));
      }
    }
    // Replace from the last run to the first, so that earlier indexes stay valid.
    for (const run of runs.reverse()) {
      const tokens: Token[] = [];
      const pushText = (text: string): void => {
        if (text) {
          const token = new state.Token('text', '', 0);
          token.content = text;
          tokens.push(token);
        }
      };
      let cursor = 0;
      for (const candidate of run.candidates) {
        pushText(run.text.slice(cursor, candidate.start));
        const token = new state.Token(TOKEN_TYPE, '', 0);
        token.content = candidate.text;
        token.meta = { inLink: run.inLink };
        const text = new state.Token('text', '', 0);
        text.content = candidate.text;
        token.children = [text];
        tokens.push(token);
        cursor = candidate.end;
      }
      pushText(run.text.slice(cursor));
      run.children.splice(run.from, run.to - run.from, ...tokens);
    }
  };
  try {
    md.core.ruler.before('text_join', 'pinpoint_citations', rule);
  } catch {
    md.core.ruler.push('pinpoint_citations', rule);
  }

  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, options, env?: Env) => {
    const found: Token[] = [];
    for (const token of tokens) {
      for (const child of token.type === 'inline' ? (token.children ?? []) : []) {
        if (child.type === TOKEN_TYPE && found.length < MAX_CANDIDATES) {
          found.push(child);
        }
      }
    }
    if (found.length > 0 && env) {
      const document: unknown = env['currentDocument'];
      const answers = lookup.lookup(document ? String(document) : '', found.map((token) => token.content));
      env[ANSWERS] = new Map(found.map((token, index) => [token, answers[index]]));
    }
    return render(tokens, options, env);
  };
  md.renderer.rules[TOKEN_TYPE] = (tokens, index, _options, env?: Env) => {
    const token = tokens[index];
    const text = token.content;
    const answers = answersOf(env);
    const answer = answers && answers.has(token) ? answers.get(token) : null;
    if (answer === null) {
      return escapeHtml(text);
    }
    if (answer === undefined) {
      return `<span class="${CITATION_CLASS} pinpoint-pending">${escapeHtml(text)}</span>`;
    }
    if ('broken' in answer) {
      return `<span class="${CITATION_CLASS} pinpoint-broken" title="${escapeHtml(answer.broken)}">${escapeHtml(text)}</span>`;
    }
    return citationHtml(text, answer.links, Boolean((token.meta as { inLink?: boolean } | null)?.inLink));
  };
}

/**
 * A resolved citation: its links, the rest as text. The link carries its target in `data-href` as well, which
 * is where VS Code's preview reads the targets of links it follows. A citation inside a link is a titled
 * span instead (links do not nest).
 */
function citationHtml(text: string, links: readonly PreviewLink[], inLink: boolean): string {
  let html = '';
  let cursor = 0;
  const sorted = [...links].filter((link) => link.start >= 0 && link.end <= text.length && link.start < link.end).sort((left, right) => left.start - right.start);
  for (const link of sorted) {
    if (link.start < cursor) {
      continue;
    }
    html += escapeHtml(text.slice(cursor, link.start));
    const label = escapeHtml(text.slice(link.start, link.end));
    const title = escapeHtml(link.title);
    html += inLink
      ? `<span class="${CITATION_CLASS}" title="${title}">${label}</span>`
      : `<a href="${escapeHtml(link.target)}" data-href="${escapeHtml(link.target)}" title="${title}" class="${CITATION_CLASS}">${label}</a>`;
    cursor = link.end;
  }
  return html + escapeHtml(text.slice(cursor));
}
