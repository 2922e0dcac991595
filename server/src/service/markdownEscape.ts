/**
 * Corpus text inside the Markdown the server sends (hover, completion documentation, the table of
 * authorities): the one place that makes it inert and bounded.
 *
 * Corpus files are not trusted: a title or a clause may hold `![](https://tracker.example/pixel)`, a link
 * whose text lies about its target, raw HTML, or a line that Markdown reads as a heading, a list or a rule.
 * Every piece of corpus text that becomes Markdown goes through {@link escapeMarkdown} (or its one-line form
 * {@link escapeMarkdownInline}), so that it shows literally, and clause text through {@link clauseMarkdown},
 * which also bounds it: a clause of a megabyte must not become a response of a megabyte.
 */
import { isWhiteSpace } from './text';

/** Clause text shown per clause (hover, completion documentation); longer text ends in "…" and a link. */
export const CLAUSE_TEXT_LIMIT = 10_000;

// Characters that Markdown (CommonMark, GFM, and the renderers editors use) may read as markup anywhere.
const INLINE_MARKUP = /[\\`*_{}[\]()<>#+!|~&]/g;
// At the start of a line (after blanks): list markers, setext underlines and thematic breaks.
const LINE_START_MARKUP = /^([ \t]*)([-=])/gm;
const ORDERED_LIST_MARKER = /^([ \t]*)([0-9]+)([.)])/gm;
// Bare URLs that GFM renderers turn into links by themselves.
const BARE_URL = /([A-Za-z])(:\/\/)|\b(www)\./g;

/**
 * Escapes text so that Markdown shows it literally. The line-start rules hold on every line (the `m` flag),
 * so a multi-line title cannot start a list or a heading on its second line.
 */
export function escapeMarkdown(text: string): string {
  // NOTE: every pattern here is a single pass with no nested quantifiers: `[ \t]*` anchored at a line start
  // cannot overlap the next line, so the work is linear in the text.
  return text
    .replace(INLINE_MARKUP, '\\$&')
    .replace(LINE_START_MARKUP, '$1\\$2')
    .replace(ORDERED_LIST_MARKER, '$1$2\\$3')
    .replace(BARE_URL, (_whole, letter: string | undefined, scheme: string | undefined, www: string | undefined) => (scheme !== undefined ? `${letter}\\:${scheme.slice(1)}` : `${www}\\.`));
}

/** Escapes text for one line of Markdown (a title, a label): its line breaks become spaces first. */
export function escapeMarkdownInline(text: string): string {
  return escapeMarkdown(text.replace(/[ \t]*(?:\r\n|\r|\n|\u2028|\u2029)[ \t]*/g, ' ').trim());
}

/**
 * A one-line excerpt of a text: white space collapsed and trimmed, at most `length` UTF-16 units, ending in
 * "…" when cut. Reads only as much of the text as it keeps, and never cuts a surrogate pair in two.
 */
export function excerpt(text: string, length = 60): string {
  let flat = '';
  let pendingSpace = false;
  for (let index = 0; index < text.length && flat.length <= length; index++) {
    const code = text.charCodeAt(index);
    if (isWhiteSpace(code)) {
      pendingSpace = flat.length > 0;
      continue;
    }
    if (pendingSpace) {
      flat += ' ';
      pendingSpace = false;
    }
    flat += text[index];
  }
  if (flat.length <= length) {
    return flat;
  }
  let end = length - 1;
  if (isHighSurrogate(flat.charCodeAt(end - 1))) {
    end--;
  }
  return `${flat.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A text cut to about `limit` UTF-16 units (at a space near the end when there is one, never in a surrogate pair). */
export function boundedText(text: string, limit = CLAUSE_TEXT_LIMIT): { readonly text: string; readonly cut: boolean } {
  if (text.length <= limit) {
    return { text, cut: false };
  }
  let end = limit;
  const space = text.lastIndexOf(' ', end);
  if (space > limit * 0.9) {
    end = space;
  }
  if (isHighSurrogate(text.charCodeAt(end - 1))) {
    end--;
  }
  return { text: text.slice(0, end), cut: true };
}

/** A URI made safe as a Markdown link destination (no blanks, brackets or parentheses left to end it early). */
export function markdownLinkTarget(uri: string): string {
  return uri.replace(/[\s()<>\\[\]]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A corpus file's URI at a line (0-based), as editors open it: `file:///…/1982-UNCLOS.md#L40`. */
export function uriAtLine(uri: string, line: number): string {
  return `${uri.replace(/#.*$/, '')}#L${line + 1}`;
}

/** Where a clause stands: its corpus file and line (0-based); the line may be computed only when needed. */
export interface ClauseSource {
  readonly uri: string;
  readonly line: number | (() => number);
}

/**
 * A clause's text as Markdown: escaped, and bounded to {@link CLAUSE_TEXT_LIMIT} with "…" and a link to the
 * whole clause in its corpus file when it is longer.
 */
export function clauseMarkdown(text: string, source: ClauseSource, limit = CLAUSE_TEXT_LIMIT): string {
  const bounded = boundedText(text, limit);
  if (!bounded.cut) {
    return escapeMarkdown(text);
  }
  const rest = text.length - bounded.text.length;
  const line = typeof source.line === 'number' ? source.line : source.line();
  return `${escapeMarkdown(bounded.text)} …\n\n[The whole clause (${rest.toLocaleString('en')} more characters)](${markdownLinkTarget(uriAtLine(source.uri, line))})`;
}

/** The most Markdown one answer builds from a list of clauses (a range, a section's outline, a paragraph's items). */
export const RESPONSE_TEXT_LIMIT = 100_000;

/**
 * Renders entries and joins them until about `limit` characters are reached; then `more(count)` stands for
 * the entries left out. Only the entries shown are rendered.
 */
export function joinBounded<T>(entries: readonly T[], render: (entry: T) => string, separator: string, more: (left: number) => string, limit = RESPONSE_TEXT_LIMIT): string {
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; index < entries.length; index++) {
    if (length > limit) {
      parts.push(more(entries.length - index));
      break;
    }
    const part = render(entries[index]);
    parts.push(part);
    length += part.length + separator.length;
  }
  return parts.join(separator);
}
