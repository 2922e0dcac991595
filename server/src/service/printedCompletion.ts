/**
 * Completion of printed pinpoints (spec.md §1.1 and §4): after `[1969-VCLT ` the articles (`art. 31`),
 * after `art. 31(` the paragraphs and items that article prints (`(1)` … `(4)`, skipping an unnumbered
 * chapeau), after `annex ` the annexes, after `arts 31–` the articles that can end the range, and after
 * `第` the Chinese forms (`第三条`, `第三条第二款`). Each suggestion writes the printed form; its
 * documentation is the clause's text.
 */
import { parseCitationBody, PrintedRef } from './citationParser';
import { Clause, printedFormOf } from './corpusParser';
import { IndexedDocument } from './corpusIndex';
import { clauseMarkdown, escapeMarkdown, excerpt } from './markdownEscape';
import { labelCore } from './labels';
import { clauseDisplay, reachableLabelled, resolvePrintedRef } from './resolve';
import type { Suggestion, SuggestionList } from './completion';
import { Span } from './types';

/** The most items one answer carries (the same page as every completion). */
const PAGE = 100;
/** Items up to this many carry their documentation at once. */
const INLINE_DOCUMENTATION = 50;

/** What is being typed: the printed pinpoint so far, from `start`; the item replaces `start..end`. */
export interface PrintedContext {
  readonly typed: string;
  readonly start: number;
  readonly end: number;
}

function sortKey(rank: number): string {
  return rank.toString().padStart(7, '0');
}

function kindOf(clause: Clause): Suggestion['kind'] {
  return clause.kind === 'annex' ? 'section' : clause.kind;
}

/** A section heading without its designation: `Article 31 – General rule of interpretation` → the title. */
function headingTitle(clause: Clause): string {
  const title = clause.text.replace(/^(?:[0-9]+\s+)?(?:Article|ARTICLE|Art\.|Annex|ANNEX|第\S+?[条條])\s*[0-9A-Za-z一二三四五六七八九十百千〇零]*(?:\s+(?:bis|ter|quater|quinquies|sexies))?\s*[–—:.-]?\s*/, '');
  return title.length > 0 ? title : clause.text;
}

function suggestion(
  document: IndexedDocument,
  clause: Clause,
  rank: number,
  replace: Span,
  newText: string,
  filterText: string,
  label: string,
  inline: boolean,
): Suggestion {
  const id = document.tree.id ?? '';
  const text = clause.kind === 'section' || clause.kind === 'annex' ? headingTitle(clause) : clause.text;
  const name = printedFormOf(document.tree.clauses, clause, document.tree.printStyle === 'zh' ? 'zh' : 'article') ?? clauseDisplay(document, clause);
  const where = clause.annex === undefined ? ` · §${clause.key}` : '';
  return {
    label,
    kind: kindOf(clause),
    detail: excerpt(text, 60),
    documentation: inline ? `**${escapeMarkdown(`${id} ${name}`)}**${where}\n\n${clauseMarkdown(clause.text, { uri: document.uri, line: clause.range.startLine })}` : undefined,
    newText,
    replace,
    filterText,
    sortText: sortKey(rank),
    data: inline ? undefined : { uri: document.uri, key: clause.key },
  };
}

function page(items: Suggestion[], total: number): SuggestionList {
  return { items, incomplete: total > items.length };
}

/** The labelled articles of the body (or of an annex), and the annexes after them when asked. */
function articlesOf(document: IndexedDocument, annex: Clause | undefined): Clause[] {
  const parent = annex ? annex.ordinal : -1;
  return document.tree.clauses.filter(
    (clause) => clause.parent === parent && clause.label !== undefined && (clause.kind === 'section' || (annex !== undefined && clause.kind === 'paragraph')),
  );
}

function annexesOf(document: IndexedDocument): Clause[] {
  return document.tree.clauses.filter((clause) => clause.kind === 'annex');
}

function annexLabel(annex: Clause): string {
  return annex.label ?? annex.labelKey ?? '';
}

const KEYWORD = /^(art\.|arts|art|Art\.|Article|article|para\.|paras|para)(?: (.*))?$/s;
const LABELS = /^([0-9A-Za-z]+(?: (?:bis|ter|quater|quinquies|sexies))?)?((?:\([0-9A-Za-z ]+\))*)(\(([0-9A-Za-z ]*)\)?)?$/;

/** The suggestions for a printed pinpoint being typed in a document. */
export function printedSuggestions(context: PrintedContext, document: IndexedDocument): SuggestionList {
  const typed = context.typed;
  if (typed.startsWith('第')) {
    return chineseSuggestions(context, document);
  }
  const dash = typed.search(/[-–]/);
  if (dash >= 0) {
    return rangeEndSuggestions(context, document, dash);
  }
  const whole: Span = { start: context.start, end: context.end };
  let rest = typed;
  let annex: Clause | undefined;
  let prefix = '';
  const annexMatch = /^(annex|Annex) ([0-9A-Za-z]*)( ?)(.*)$/s.exec(typed);
  if (annexMatch && annexMatch[3] === '') {
    // `annex VI`: the annexes whose label starts so.
    const wanted = annexMatch[2].toUpperCase();
    const annexes = annexesOf(document).filter((candidate) => annexLabel(candidate).toUpperCase().startsWith(wanted));
    const items = annexes.slice(0, PAGE).map((candidate, rank) => {
      const text = `${annexMatch[1]} ${annexLabel(candidate)}`;
      return suggestion(document, candidate, rank, whole, text, text, text, annexes.length <= INLINE_DOCUMENTATION);
    });
    return page(items, annexes.length);
  }
  if (annexMatch) {
    const key = annexMatch[2].toUpperCase();
    annex = annexesOf(document).find((candidate) => annexLabel(candidate).toUpperCase() === key || candidate.labelKey === key.toLowerCase());
    if (!annex) {
      return { items: [], incomplete: false };
    }
    prefix = `${annexMatch[1]} ${annexLabel(annex)} `;
    rest = annexMatch[4];
  }
  const keyword = KEYWORD.exec(rest);
  if (!keyword || keyword[2] === undefined) {
    // A keyword, or a part of one, or nothing yet: the articles (and the annexes, outside one).
    const word = keyword ? keyword[1] : rest.length > 0 && /^[Aa]/.test(rest) && !/^[Aa]n/.test(rest) ? rest : '';
    const written = /^[Aa]rt/.test(word) || word === '' || /^[Aa]r?$/.test(word) ? (word.startsWith('A') && word.length > 3 ? word : 'art.') : 'para.';
    const articles = articlesOf(document, annex);
    const candidates = annex || /^[Aa]r/.test(rest) || /^p/.test(rest) ? articles : [...articles, ...annexesOf(document)];
    const items = candidates.slice(0, PAGE).map((clause, rank) => {
      if (clause.kind === 'annex') {
        const text = `annex ${annexLabel(clause)}`;
        return suggestion(document, clause, rank, whole, text, text, text, candidates.length <= INLINE_DOCUMENTATION);
      }
      const head = clause.kind === 'section' ? written.startsWith('para') ? 'art.' : written : 'para.';
      const text = `${prefix}${head} ${labelCore(clause.label ?? '')}`;
      return suggestion(document, clause, rank, whole, text, text, text, candidates.length <= INLINE_DOCUMENTATION);
    });
    return page(items, candidates.length);
  }
  const labels = LABELS.exec(keyword[2]);
  if (!labels) {
    return { items: [], incomplete: false };
  }
  const [, articleLabel, closedParens, openParen] = labels;
  if (openParen === undefined && closedParens === '') {
    // `art. 3`: the articles whose label starts with what is typed.
    const wanted = (articleLabel ?? '').toLowerCase();
    const articles = articlesOf(document, annex).filter((clause) => labelCore(clause.label ?? '').toLowerCase().startsWith(wanted));
    const items = articles.slice(0, PAGE).map((clause, rank) => {
      const text = `${prefix}${keyword[1]} ${labelCore(clause.label ?? '')}`;
      return suggestion(document, clause, rank, whole, text, text, text, articles.length <= INLINE_DOCUMENTATION);
    });
    return page(items, articles.length);
  }
  if (articleLabel === undefined) {
    return { items: [], incomplete: false };
  }
  // `art. 31(`, `art. 31(3)(`, `art. 31(3)`: the clauses printed under the complete part.
  const parts = [articleLabel, ...[...closedParens.matchAll(/\(([^)]*)\)/g)].map((match) => match[1])];
  const ref: PrintedRef = {
    annex: annex ? annexLabel(annex) : undefined,
    head: keyword[1].startsWith('para') ? 'para' : 'article',
    parts: parts.map((label, index) => ({ label, level: index === 0 ? (keyword[1].startsWith('para') ? 'paragraph' : 'section') : 'next' })),
    zh: false,
  };
  const found = resolvePrintedRef(document, ref);
  if ('message' in found) {
    return { items: [], incomplete: false };
  }
  const children: Clause[] = [];
  reachableLabelled(childrenIndex(document), found.clause.ordinal, children);
  const replace: Span = { start: context.start + typed.length - (openParen?.length ?? 0), end: context.end };
  const items = children.slice(0, PAGE).map((clause, rank) => {
    const text = `(${labelCore(clause.label ?? '')})`;
    return suggestion(document, clause, rank, replace, text, text, text, children.length <= INLINE_DOCUMENTATION);
  });
  return page(items, children.length);
}

function childrenIndex(document: IndexedDocument): Map<number, Clause[]> {
  const children = new Map<number, Clause[]>();
  for (const clause of document.tree.clauses) {
    if (clause.kind !== 'annex') {
      const list = children.get(clause.parent);
      if (list) {
        list.push(clause);
      } else {
        children.set(clause.parent, [clause]);
      }
    }
  }
  return children;
}

/** `arts 31–`, `art. 31(1)–(`: the clauses after the start, at its level, written as the shortened end. */
function rangeEndSuggestions(context: PrintedContext, document: IndexedDocument, dash: number): SuggestionList {
  const startText = context.typed.slice(0, dash).replace(/^(annex \S+ )?arts /, '$1art. ').replace(/^(annex \S+ )?paras /, '$1para. ');
  const parsed = parseCitationBody(`0000-A ${startText}`, 0, startText.length + 7);
  const ref = parsed.cites[0]?.pinpoints[0]?.printed;
  if (parsed.error || !ref) {
    return { items: [], incomplete: false };
  }
  const found = resolvePrintedRef(document, ref);
  if ('message' in found) {
    return { items: [], incomplete: false };
  }
  const start = found.clause;
  const ends = document.tree.clauses
    .slice(start.ordinal + 1)
    .filter((clause) => clause.parent === start.parent && clause.kind === start.kind && clause.label !== undefined)
    .slice(0, PAGE);
  const replace: Span = { start: context.start + dash + 1, end: context.end };
  const items = ends.map((clause, rank) => {
    const core = labelCore(clause.label ?? '');
    const text = ref.parts.length <= 1 ? core : `(${core})`;
    return suggestion(document, clause, rank, replace, text, text, text, ends.length <= INLINE_DOCUMENTATION);
  });
  return { items, incomplete: true };
}

/** `第`, `第三条`, `第三条第二款`: the Chinese forms, each written whole. */
function chineseSuggestions(context: PrintedContext, document: IndexedDocument): SuggestionList {
  const whole: Span = { start: context.start, end: context.end };
  const typed = context.typed;
  const clauses = document.tree.clauses;
  const written = (clause: Clause): string | undefined => printedFormOf(clauses, clause, 'zh');
  const complete = /^(第[^条]+条(?:之[^第]+)?)((?:第[^款项]+款)?)/.exec(typed);
  let candidates: Clause[];
  if (!complete) {
    candidates = clauses.filter((clause) => clause.kind === 'section' && clause.parent === -1 && clause.label !== undefined);
  } else {
    const parsed = parseCitationBody(`0000-A ${complete[0]}`, 0, complete[0].length + 7);
    const ref = parsed.cites[0]?.pinpoints[0]?.printed;
    const found = ref && !parsed.error ? resolvePrintedRef(document, ref) : undefined;
    if (!found || 'message' in found) {
      return { items: [], incomplete: false };
    }
    const under = childrenIndex(document).get(found.clause.ordinal) ?? [];
    candidates = [found.clause, ...under.filter((clause) => clause.kind !== 'section'), ...under.flatMap((clause) => childrenIndex(document).get(clause.ordinal) ?? [])];
  }
  const fitting = candidates
    .map((clause) => ({ clause, text: written(clause) }))
    .filter((entry): entry is { clause: Clause; text: string } => entry.text !== undefined && entry.text.startsWith(typed.replace(/第$/, '')));
  const items = fitting.slice(0, PAGE).map(({ clause, text }, rank) => suggestion(document, clause, rank, whole, text, text, text, fitting.length <= INLINE_DOCUMENTATION));
  return page(items, fitting.length);
}
