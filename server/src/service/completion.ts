/**
 * Completion inside brackets: document ids, then clause paths, and content search over clause text.
 * Pages are bounded: a list that was cut is marked incomplete, so the client asks again as the user types,
 * and long documentation is left to `completionItem/resolve`.
 */
import { BriefScan } from './briefScanner';
import { isAlias, isDocId, isShortForm, parseCitationBody, pathToString } from './citationParser';
import { Clause } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { ClauseSource, clauseMarkdown, escapeMarkdownInline, excerpt } from './markdownEscape';
import { printedSuggestions } from './printedCompletion';
import { childrenOf } from './resolve';
import { Span } from './types';

/** The most items one completion answer carries. */
export const COMPLETION_PAGE = 100;
/** The most content-search hits one answer carries: the list is always incomplete, so typing refines it. */
export const SEARCH_PAGE = 40;
/** Items up to this many carry their documentation at once; longer lists resolve it lazily. */
const INLINE_DOCUMENTATION = 50;

/** What the user is typing inside a bracket. */
export type CompletionContext =
  | { kind: 'docId'; typed: string; replace: Span; closeBracket: boolean }
  | { kind: 'path'; docId: string; typed: string; replace: Span; rangeStart?: readonly number[]; printedToo?: boolean }
  | { kind: 'printed'; docId: string; typed: string; start: number; end: number }
  | { kind: 'search'; docId?: string; query: string; replace: Span; closeBracket: boolean };

/** Turns the word written for a document (an id, an alias, `ibid.`) into its id, at an offset of the brief. */
export type LeadResolver = (word: string, offset: number) => string | undefined;

/** One completion suggestion, independent of LSP. */
export interface Suggestion {
  readonly label: string;
  readonly kind: 'document' | 'section' | 'paragraph' | 'item' | 'search';
  readonly detail?: string;
  readonly documentation?: string;
  readonly newText: string;
  readonly replace: Span;
  readonly filterText: string;
  readonly sortText: string;
  /** What `resolve` needs to fetch the documentation later. */
  readonly data?: { readonly uri: string; readonly key?: string };
}

/** A page of suggestions. */
export interface SuggestionList {
  readonly items: readonly Suggestion[];
  readonly incomplete: boolean;
}

const PATH_SO_FAR = /^§([0-9]+(?:\.[0-9]+)*\.?)?$/;

// The start of a printed pinpoint while it is typed: a keyword or a prefix of one, then labels and
// parentheses (`a`, `art.`, `art. 3`, `art. 31(3)(`, `annex VII art. 2`, `arts 31–3`, `第三条第`).
const KEYWORD_PREFIX = /^(?:a(?:r(?:t(?:s|\.|i(?:c(?:l(?:e)?)?)?)?)?|n(?:n(?:e(?:x)?)?)?)?|A(?:r(?:t(?:\.|i(?:c(?:l(?:e)?)?)?)?)?|n(?:n(?:e(?:x)?)?)?)?|p(?:a(?:r(?:a(?:s|\.)?)?)?)?)$/;
const PRINTED_SO_FAR = /^(?:(?:annex|Annex) [0-9A-Za-z]{0,8} ?)?(?:(?:art\.|arts|art|Art\.|Article|article|para\.|paras|para) (?:[0-9A-Za-z]{0,12}(?: (?:bis|ter|quater|quinquies|sexies)?)?)?(?:\([0-9A-Za-z ]{0,12}\)?){0,6}(?:[-–][0-9A-Za-z() ]{0,20})?)?$/;
const ZH_SO_FAR = /^第[0-9〇零一二三四五六七八九十百千之条款项（）第]{0,30}$/;

/** True while the text after the document could still become a printed pinpoint. */
function isPrintedSoFar(typed: string): boolean {
  return typed.length <= 80 && (KEYWORD_PREFIX.test(typed) || PRINTED_SO_FAR.test(typed) || ZH_SO_FAR.test(typed));
}
const ID_PREFIX = /^[0-9]{0,4}(?:-[A-Za-z0-9-]*)?$/;

/**
 * Reads the completion context at `offset`: the text between the last unclosed `[` of the line and the
 * cursor. Undefined when the cursor is not inside a bracket, or inside code or a comment.
 */
export function completionContext(text: string, offset: number, scan: BriefScan): CompletionContext | undefined {
  for (const span of scan.excluded) {
    if (offset > span.start && offset < span.end) {
      return undefined;
    }
  }
  let open = -1;
  for (let index = offset - 1; index >= 0; index--) {
    const char = text[index];
    if (char === '\n' || char === '\r' || char === ']') {
      return undefined;
    }
    if (char === '[') {
      // An odd run of backslashes escapes the bracket (`\[`); an even one is escaped backslashes (`\\[`).
      let backslashes = 0;
      while (index - backslashes > 0 && text[index - backslashes - 1] === '\\') {
        backslashes++;
      }
      if (backslashes % 2 === 1) {
        return undefined;
      }
      open = index;
      break;
    }
  }
  if (open < 0 || offset - open > 300) {
    return undefined;
  }
  const closeBracket = text[offset] !== ']';
  // Only the last cite after `; ` is being typed.
  const inside = text.slice(open + 1, offset);
  const citeStart = open + 1 + Math.max(inside.lastIndexOf('; ') + (inside.lastIndexOf('; ') >= 0 ? 2 : 0), 0);
  const cite = text.slice(citeStart, offset);
  const space = cite.indexOf(' ');
  if (space < 0) {
    if (ID_PREFIX.test(cite)) {
      let end = offset;
      while (end < text.length && /[A-Za-z0-9-]/.test(text[end])) {
        end++;
      }
      return { kind: 'docId', typed: cite, replace: { start: citeStart, end }, closeBracket };
    }
    return { kind: 'search', query: cite, replace: { start: citeStart, end: offset }, closeBracket };
  }
  const docId = cite.slice(0, space);
  if (!isDocId(docId) && !isAlias(docId) && !isShortForm(docId)) {
    return { kind: 'search', query: cite, replace: { start: citeStart, end: offset }, closeBracket };
  }
  const rest = cite.slice(space + 1);
  const restStart = citeStart + space + 1;
  // A printed pinpoint has spaces of its own (`art. 31`): the pinpoint being typed follows the last `, `.
  const lastComma = rest.lastIndexOf(', ');
  const pinpointStart = lastComma >= 0 ? lastComma + 2 : 0;
  const pinpoint = rest.slice(pinpointStart);
  const earlier = rest.slice(0, lastComma >= 0 ? lastComma : 0);
  const earlierValid = lastComma < 0 || !parseCitationBody(`0000-A ${earlier}`, 0, earlier.length + 7).error;
  if (earlierValid && (pinpoint === '' || PATH_SO_FAR.test(pinpoint))) {
    let end = offset;
    while (end < text.length && /[0-9.]/.test(text[end])) {
      end++;
    }
    return { kind: 'path', docId, typed: pinpoint, replace: { start: restStart + pinpointStart, end }, printedToo: pinpoint === '' };
  }
  if (earlierValid && isPrintedSoFar(pinpoint)) {
    // Editors close brackets by themselves: `(` may have brought its `)` along, which the item replaces too.
    let end = offset;
    while (end < text.length && end - offset < 20 && /[0-9A-Za-z )]/.test(text[end]) && text[end - 1] !== ')') {
      end++;
    }
    if (text.slice(offset, end).includes(' ')) {
      end = offset + (text[offset] === ')' ? 1 : 0);
    }
    return { kind: 'printed', docId, typed: pinpoint, start: restStart + pinpointStart, end };
  }
  const range = /^§([0-9]+(?:\.[0-9]+)*)[-–]([0-9.]*)$/.exec(pinpoint);
  if (earlierValid && range) {
    const dash = restStart + pinpointStart + pinpoint.length - range[2].length;
    let end = offset;
    while (end < text.length && /[0-9.]/.test(text[end])) {
      end++;
    }
    return {
      kind: 'path',
      docId,
      typed: range[2],
      replace: { start: dash, end },
      rangeStart: range[1].split('.').map(Number),
    };
  }
  return { kind: 'search', docId, query: rest, replace: { start: restStart, end: offset }, closeBracket };
}

/** Most clauses looked at for the end of a range, so that a huge document answers at once. */
const RANGE_END_BUDGET = 10_000;

/**
 * How a range end that is being typed writes `end`: in full (`3.6`), or shortened to the parts that differ
 * from the start (`6` after `§3.4–`), whichever `typed` begins; undefined when neither does.
 */
function rangeEndAsTyped(start: readonly number[], end: readonly number[], typed: string): string | undefined {
  const full = pathToString(end);
  if (full.startsWith(typed)) {
    return full;
  }
  let common = 0;
  while (common < end.length - 1 && start[common] === end[common]) {
    common++;
  }
  const shortened = pathToString(end.slice(common));
  return shortened.startsWith(typed) ? shortened : undefined;
}

function kindOf(clause: Clause): Suggestion['kind'] {
  return clause.kind === 'annex' ? 'section' : clause.kind;
}

function sortKey(rank: number): string {
  return rank.toString().padStart(7, '0');
}

function clauseSuggestion(
  document: IndexedDocument,
  clause: Clause,
  rank: number,
  replace: Span,
  newText: string,
  filterText: string,
  withDocumentation: boolean,
): Suggestion {
  const text = clause.kind === 'section' && clause.text.length === 0 && clause.key === '0' ? 'Preamble' : clause.text;
  return {
    label: `§${clause.key}`,
    kind: kindOf(clause),
    detail: excerpt(text, 50),
    documentation: withDocumentation ? clauseDocumentation(document.tree.id ?? '', clause.key, undefined, text, { uri: document.uri, line: clause.range.startLine }) : undefined,
    newText,
    replace,
    filterText,
    sortText: sortKey(rank),
    data: withDocumentation ? undefined : { uri: document.uri, key: clause.key },
  };
}

/**
 * Computes the suggestions for a context. `lead` turns an alias or `ibid.` written before the pinpoint into
 * the id it names (by default only ids are understood).
 */
/** The status line of an instrument for its completion documentation (`*In force since …*`), or ''. */
export type StatusDescriber = (document: IndexedDocument) => string;

export function computeCompletion(context: CompletionContext, index: CorpusIndex, scope: CorpusScope, lead?: LeadResolver, status?: StatusDescriber): SuggestionList {
  const idOf = (word: string | undefined, offset: number): string | undefined =>
    word === undefined ? undefined : isDocId(word) ? word : lead?.(word, offset) ?? (isAlias(word) ? uniqueAlias(index, scope, word) : undefined);
  switch (context.kind) {
    case 'docId':
      return documentSuggestions(context, index, scope, status);
    case 'path': {
      const docId = idOf(context.docId, context.replace.start);
      if (docId === undefined) {
        return { items: [], incomplete: false };
      }
      const document = index.resolve(docId, scope);
      if (context.printedToo && document && document.tree.printStyle !== 'none') {
        // Nothing typed yet after a document that prints its numbers: offer its articles as printed.
        return printedSuggestions({ typed: '', start: context.replace.start, end: context.replace.end }, document);
      }
      return pathSuggestions({ ...context, docId }, index, scope);
    }
    case 'printed': {
      const docId = idOf(context.docId, context.start);
      const document = docId === undefined ? undefined : index.resolve(docId, scope);
      return document ? printedSuggestions(context, document) : { items: [], incomplete: false };
    }
    case 'search': {
      const docId = context.docId === undefined ? undefined : idOf(context.docId, context.replace.start);
      if (context.docId !== undefined && docId === undefined) {
        return { items: [], incomplete: false };
      }
      return searchSuggestions({ ...context, docId }, index, scope);
    }
  }
}

function uniqueAlias(index: CorpusIndex, scope: CorpusScope, alias: string): string | undefined {
  const ids = index.aliasTargets(alias, scope);
  return ids.length === 1 ? ids[0] : undefined;
}

interface SortedIds {
  /** The newest instruments first (drafters cite recent texts most), then by id. */
  readonly byYear: string[];
  /** Upper-cased ids in code-unit order, for prefix lookups by binary search; `lexicalIds` holds the ids. */
  readonly upper: string[];
  readonly lexicalIds: string[];
}

const sortedIdsMemo = new WeakMap<CorpusIndex, { generation: number; byScope: WeakMap<CorpusScope, SortedIds> }>();

function newestFirst(left: string, right: string): number {
  return left.slice(0, 4) === right.slice(0, 4) ? (left < right ? -1 : 1) : left < right ? 1 : -1;
}

/** The ids of a scope in the orders completion needs, computed once per corpus change. */
function sortedIds(index: CorpusIndex, scope: CorpusScope): SortedIds {
  let memo = sortedIdsMemo.get(index);
  if (!memo || memo.generation !== index.generation) {
    memo = { generation: index.generation, byScope: new WeakMap() };
    sortedIdsMemo.set(index, memo);
  }
  let ids = memo.byScope.get(scope);
  if (!ids) {
    const all = [...index.ids(scope)];
    const lexical = all.map((id) => ({ id, upper: id.toUpperCase() })).sort((left, right) => (left.upper < right.upper ? -1 : left.upper > right.upper ? 1 : 0));
    ids = { byYear: [...all].sort(newestFirst), upper: lexical.map((entry) => entry.upper), lexicalIds: lexical.map((entry) => entry.id) };
    memo.byScope.set(scope, ids);
  }
  return ids;
}

/** The ids starting with `typed` (any case), newest first. */
function idsWithPrefix(index: CorpusIndex, scope: CorpusScope, typed: string): string[] {
  const ids = sortedIds(index, scope);
  if (typed.length === 0) {
    return ids.byYear;
  }
  let low = 0;
  let high = ids.upper.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ids.upper[middle] < typed) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  const matching: string[] = [];
  for (let position = low; position < ids.upper.length && ids.upper[position].startsWith(typed); position++) {
    matching.push(ids.lexicalIds[position]);
  }
  return matching.sort(newestFirst);
}

function documentSuggestions(context: Extract<CompletionContext, { kind: 'docId' }>, index: CorpusIndex, scope: CorpusScope, status?: StatusDescriber): SuggestionList {
  const typed = context.typed.toUpperCase();
  const matching = idsWithPrefix(index, scope, typed);
  const page = matching.slice(0, COMPLETION_PAGE);
  const items = page.map((id, rank): Suggestion => {
    const document = index.resolve(id, scope);
    const title = document?.header.title ?? '';
    // The status line needs the parsed front matter: inline only for documents parsed already, else on resolve.
    const inline = page.length <= INLINE_DOCUMENTATION && (!status || !document || document.isParsed);
    const line = inline && status && document ? status(document) : '';
    return {
      label: id,
      kind: 'document',
      detail: title,
      documentation: inline ? `**${id}** · ${escapeMarkdownInline(title)}${line ? `\n\n${line}` : ''}` : undefined,
      newText: id,
      replace: context.replace,
      filterText: id,
      sortText: sortKey(rank),
      data: inline || !document ? undefined : { uri: document.uri },
    };
  });
  if (context.typed.length > 0 && !/^[0-9-]*$/.test(context.typed)) {
    // Letters after `[` may also be the start of a content search (`[trade`); offer both.
    const search = searchSuggestions({ kind: 'search', query: context.typed, replace: context.replace, closeBracket: context.closeBracket }, index, scope);
    return { items: [...items, ...search.items].slice(0, COMPLETION_PAGE), incomplete: true };
  }
  return { items, incomplete: matching.length > page.length };
}

function pathSuggestions(context: Extract<CompletionContext, { kind: 'path' }>, index: CorpusIndex, scope: CorpusScope): SuggestionList {
  const document = index.resolve(context.docId, scope);
  if (!document) {
    return { items: [], incomplete: false };
  }
  const candidates: Clause[] = [];
  let incomplete = false;
  const replace = context.replace;
  if (context.rangeStart) {
    // The end of a range: clauses after the start at its depth, in document order (across sections too, as
    // `§3.4–4.2` is a valid range). What was typed may be a full end (`3.6`) or a shortened one (`6`).
    const start = document.byKey.get(pathToString(context.rangeStart));
    if (!start) {
      return { items: [], incomplete: false };
    }
    const ends: { clause: Clause; written: string }[] = [];
    const clauses = document.tree.clauses;
    const last = Math.min(clauses.length, start.ordinal + 1 + RANGE_END_BUDGET);
    for (let ordinal = start.ordinal + 1; ordinal < last && ends.length < COMPLETION_PAGE; ordinal++) {
      const clause = clauses[ordinal];
      const written = clause.path.length === start.path.length ? rangeEndAsTyped(start.path, clause.path, context.typed) : undefined;
      if (written !== undefined) {
        ends.push({ clause, written });
      }
    }
    const items = ends.map(({ clause, written }, rank) =>
      clauseSuggestion(document, clause, rank, replace, clause.key, written, ends.length <= INLINE_DOCUMENTATION),
    );
    // NOTE: the filter text depends on what is typed (full or shortened), so the client must ask again.
    return { items, incomplete: true };
  }
  // `§3.` or `§3.1`: the children of the complete prefix, and their children.
  const body = context.typed.replace(/^§/, '');
  const parts = body.split('.');
  const complete = body.endsWith('.') || body === '' ? parts.filter((part) => part !== '') : parts.slice(0, -1);
  const parentKey = complete.length > 0 ? complete.join('.') : undefined;
  for (const child of childrenOf(document, parentKey)) {
    candidates.push(child);
    for (const grandchild of childrenOf(document, child.key)) {
      candidates.push(grandchild);
    }
    if (candidates.length >= COMPLETION_PAGE * 4) {
      break;
    }
  }
  // Keep the ones the typed digits can still become, in document order.
  const partial = body.endsWith('.') || body === '' ? '' : parts[parts.length - 1];
  const fitting = candidates.filter((clause) => partial === '' || String(clause.path[complete.length]).startsWith(partial));
  const page = fitting.slice(0, COMPLETION_PAGE);
  incomplete = fitting.length > page.length;
  const items = page.map((clause, rank) =>
    clauseSuggestion(document, clause, rank, replace, `§${clause.key}`, `§${clause.key}`, page.length <= INLINE_DOCUMENTATION),
  );
  return { items, incomplete };
}

function searchSuggestions(context: Extract<CompletionContext, { kind: 'search' }>, index: CorpusIndex, scope: CorpusScope): SuggestionList {
  const query = context.query.trim();
  if (query.length === 0) {
    return { items: [], incomplete: true };
  }
  const inside = context.docId ? index.resolve(context.docId, scope) : undefined;
  if (context.docId && !inside) {
    return { items: [], incomplete: false };
  }
  const result = index.search(query, scope, { limit: SEARCH_PAGE, document: inside });
  // A clause found in several language versions is offered once.
  const seen = new Set<string>();
  const hits = result.hits.filter((hit) => {
    const key = `${hit.document.header.id} ${hit.key}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const items = hits.map((hit, rank): Suggestion => {
    const id = hit.document.header.id ?? '';
    const citation = inside ? `§${hit.key}` : `${id} §${hit.key}`;
    const suffix = context.closeBracket ? ']' : '';
    const text = hit.text;
    return {
      label: inside ? `§${hit.key}` : citation,
      kind: 'search',
      detail: excerpt(text, 60),
      documentation: hits.length <= INLINE_DOCUMENTATION ? clauseDocumentation(id, hit.key, hit.document.header.title, text, { uri: hit.document.uri, line: () => hit.clause.range.startLine }) : undefined,
      newText: citation + suffix,
      replace: context.replace,
      filterText: context.query,
      sortText: sortKey(rank),
      data: hits.length <= INLINE_DOCUMENTATION ? undefined : { uri: hit.document.uri, key: hit.key },
    };
  });
  // The list always depends on every character typed, so the client must ask again.
  return { items, incomplete: true };
}

/** The documentation of a suggestion whose documentation was left out of the page. */
export function resolveDocumentation(data: { uri: string; key?: string }, index: CorpusIndex, status?: StatusDescriber): string | undefined {
  const document = index.get(data.uri);
  if (!document) {
    return undefined;
  }
  if (data.key === undefined) {
    const line = status ? status(document) : '';
    return `**${document.tree.id}** · ${escapeMarkdownInline(document.skeleton.info.title ?? '')}${line ? `\n\n${line}` : ''}`;
  }
  const clause = document.byKey.get(data.key);
  return clause ? clauseDocumentation(document.tree.id ?? '', clause.key, undefined, clause.text, { uri: document.uri, line: clause.range.startLine }) : undefined;
}

/** A clause's documentation: its citation, the document's title when asked, and its text, escaped and bounded. */
function clauseDocumentation(docId: string, key: string, title: string | undefined, text: string, source: ClauseSource): string {
  return `**${docId} §${key}**${title !== undefined ? ` · ${escapeMarkdownInline(title)}` : ''}\n\n${clauseMarkdown(text, source)}`;
}
