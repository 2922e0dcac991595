/**
 * Defined terms of a treaty text: where each is defined ("For the purposes of this Agreement, “Party”
 * means…", "“X” means", "(hereinafter referred to as “the Parties”)", "本协定所称“X”，是指…",
 * "（以下简称“双方”）"), where it is used, and what is wrong with them: a term defined twice, a definition
 * never used, a quoted use before the article that defines it.
 *
 * Uses are found in one pass over each clause: English terms by their first word (whole words, case as
 * defined, with the plural `Parties` of `Party`), Chinese terms by their first character; each candidate is
 * checked with one comparison, so time is linear in the text times the few terms sharing a first word.
 *
 * Pure: a draft model in, definitions, uses and problems out; never throws.
 */
import { Clause } from './corpusParser';
import { ancestorOfKind, DraftModel } from './draftModel';
import { Span } from './types';

/** Where a term is defined. */
export interface Definition extends Span {
  /** The term as quoted, without its quotation marks. */
  readonly term: string;
  /** The clause that defines it. */
  readonly clause: Clause;
}

/** A use of a defined term. */
export interface TermUse extends Span {
  readonly definition: Definition;
  readonly clause: Clause;
  /** True when the use stands in quotation marks (“Party”). */
  readonly quoted: boolean;
}

/** A problem with a definition or a use, for a `defined-term` diagnostic. */
export interface TermProblem extends Span {
  readonly severity: 'warning' | 'hint';
  readonly message: string;
}

/** The defined terms of a document. */
export interface TermAnalysis {
  readonly definitions: readonly Definition[];
  readonly uses: readonly TermUse[];
  readonly problems: readonly TermProblem[];
}

const OPENING = '“"「『';
const CLOSING: Readonly<Record<string, string>> = { '“': '”', '"': '"', '「': '」', '『': '』' };
// What turns a quoted term into a definition when it follows the term (English and Chinese).
const DEFINING_VERB = /[ \t\n\r\u00a0]*[,，]?[ \t\n\r\u00a0]*(?:shall mean|means|mean|refers to|has the meaning|是指|系指|意指|指)(?![A-Za-z])/y;
// What turns a quoted term into a definition when it precedes the term: `(hereinafter referred to as “X”)`.
const DEFINING_LEAD = /(?:hereinafter(?: referred to as| called)?|the|以下简称|以下称|下称|简称)[ \t\n\r\u00a0]*$/;

/** The quoted spans of a clause's source: `{ open, close }` offsets of the marks. */
function quotations(text: string, start: number, end: number): { open: number; close: number }[] {
  const found: { open: number; close: number }[] = [];
  for (let index = start; index < end; index++) {
    const close = CLOSING[text[index]];
    if (close === undefined) {
      continue;
    }
    // A term is short: look at most 80 characters ahead for the closing mark, on the same paragraph.
    const limit = Math.min(end, index + 81);
    let at = index + 1;
    while (at < limit && text[at] !== close && !(OPENING.includes(text[at]) && text[at] !== close) && text[at] !== '\n') {
      at++;
    }
    if (at < limit && text[at] === close && at > index + 1) {
      found.push({ open: index, close: at });
      index = at;
    }
  }
  return found;
}

function isDefinitionAt(text: string, open: number, close: number, clauseStart: number): boolean {
  DEFINING_VERB.lastIndex = close + 1;
  if (DEFINING_VERB.test(text)) {
    return true;
  }
  // `(hereinafter referred to as “the Parties”)`, `（以下简称“双方”）`, `(the “Committee”)`: a parenthesis right
  // around the quotation.
  const after = text[close + 1];
  if (after !== ')' && after !== '）') {
    return false;
  }
  const lookBehind = text.slice(Math.max(clauseStart, open - 40), open);
  const parenthesis = Math.max(lookBehind.lastIndexOf('('), lookBehind.lastIndexOf('（'));
  if (parenthesis < 0) {
    return false;
  }
  const inside = lookBehind.slice(parenthesis + 1).replace(/\s+/g, ' ').trimStart();
  return inside.trim() === '' || DEFINING_LEAD.test(inside);
}

/** Finds the definitions of a document, in text order. */
function findDefinitions(model: DraftModel): Definition[] {
  const definitions: Definition[] = [];
  for (const clause of model.clauses) {
    if (clause.kind === 'section' || clause.kind === 'annex') {
      continue;
    }
    const end = Math.min(clause.span.end, model.text.length);
    for (const { open, close } of quotations(model.text, clause.span.start, end)) {
      const term = model.text.slice(open + 1, close).replace(/\s+/g, ' ').trim();
      if (term.length === 0 || term.length > 60 || !isDefinitionAt(model.text, open, close, clause.span.start)) {
        continue;
      }
      definitions.push({ start: open + 1, end: close, term, clause });
    }
  }
  return definitions;
}

function isCjkChar(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9]/.test(char);
}

/** The forms a term is used in: itself and, for English, its plural (`Party` → `Parties`, `State` → `States`). */
function formsOf(term: string): string[] {
  const forms = [term];
  if (/[A-Za-z]$/.test(term) && !/s$/.test(term)) {
    forms.push(/[^aeiou]y$/.test(term) ? `${term.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(term) ? `${term}es` : `${term}s`);
  }
  return forms;
}

/** The key a form is looked up by: its first word (English) or first character (Chinese). */
function lookupKey(form: string): string {
  const code = form.charCodeAt(0);
  if (isCjkChar(code)) {
    return form[0];
  }
  const space = form.search(/[^A-Za-z0-9’'-]/);
  return space < 0 ? form : form.slice(0, space);
}

/** Every use of the defined terms, in text order (definitions themselves excluded). */
function findUses(model: DraftModel, definitions: readonly Definition[]): TermUse[] {
  // The first definition of a term is the one its uses point at.
  const byKey = new Map<string, { form: string; definition: Definition }[]>();
  const seen = new Set<string>();
  for (const definition of definitions) {
    if (seen.has(definition.term)) {
      continue;
    }
    seen.add(definition.term);
    for (const form of formsOf(definition.term)) {
      const key = lookupKey(form);
      const list = byKey.get(key) ?? [];
      list.push({ form, definition });
      // The longest form first, so `Joint Committee` wins over `Joint`.
      list.sort((left, right) => right.form.length - left.form.length);
      byKey.set(key, list);
    }
  }
  const definitionStarts = new Set(definitions.map((definition) => definition.start));
  const uses: TermUse[] = [];
  const text = model.text;
  for (const clause of model.clauses) {
    if (clause.kind === 'annex') {
      continue;
    }
    const end = Math.min(clause.span.end, text.length);
    for (let index = clause.span.start; index < end; ) {
      const code = text.charCodeAt(index);
      let key: string | undefined;
      if (isCjkChar(code)) {
        key = text[index];
      } else if (/[A-Za-z]/.test(text[index]) && !isWordChar(text[index - 1])) {
        let stop = index;
        while (stop < end && /[A-Za-z0-9’'-]/.test(text[stop])) {
          stop++;
        }
        key = text.slice(index, stop);
      }
      const candidates = key === undefined ? undefined : byKey.get(key);
      let matched = 0;
      for (const candidate of candidates ?? []) {
        const length = matchLength(text, index, candidate.form, end);
        if (length < 0 || (!isCjkChar(code) && isWordChar(text[index + length]))) {
          continue;
        }
        if (!definitionStarts.has(index)) {
          const quoted = OPENING.includes(text[index - 1] ?? '') && text[index + length] === CLOSING[text[index - 1]];
          uses.push({ start: index, end: index + length, definition: candidate.definition, clause, quoted });
        }
        matched = length;
        break;
      }
      if (matched > 0) {
        index += matched;
      } else if (key !== undefined && !isCjkChar(code)) {
        index += key.length;
      } else {
        index++;
      }
    }
  }
  return uses;
}

/**
 * The length of `form` as it stands at `index` (a line break and its indentation may stand where the form has
 * a space), or -1 when it does not stand there.
 */
function matchLength(text: string, index: number, form: string, end: number): number {
  let at = index;
  for (let position = 0; position < form.length; position++) {
    if (form[position] === ' ') {
      const before = at;
      while (at < end && (text[at] === ' ' || text[at] === '\n' || text[at] === '\r' || text[at] === '\t')) {
        at++;
      }
      if (at === before) {
        return -1;
      }
    } else if (at < end && text[at] === form[position]) {
      at++;
    } else {
      return -1;
    }
  }
  return at - index;
}

/** How a clause is named in messages about terms: its printed form, or its line. */
function where(model: DraftModel, clause: Clause): string {
  const article = ancestorOfKind(model, clause, 'section');
  const label = article?.label;
  if (label !== undefined) {
    return model.zh || label.startsWith('第') ? (label.startsWith('第') ? label : `第${label}条`) : `article ${label}`;
  }
  return `line ${clause.range.startLine + 1}`;
}

const memo = new WeakMap<DraftModel, TermAnalysis>();

/** The defined terms of a document: definitions, uses and problems. */
export function analyseTerms(model: DraftModel): TermAnalysis {
  const known = memo.get(model);
  if (known) {
    return known;
  }
  const definitions = findDefinitions(model);
  const uses = findUses(model, definitions);
  const problems: TermProblem[] = [];
  const first = new Map<string, Definition>();
  for (const definition of definitions) {
    const earlier = first.get(definition.term);
    if (earlier) {
      problems.push({
        start: definition.start,
        end: definition.end,
        severity: 'warning',
        message: `defined term: “${definition.term}” is defined twice; it is already defined in ${where(model, earlier.clause)} (line ${earlier.clause.range.startLine + 1})`,
      });
    } else {
      first.set(definition.term, definition);
    }
  }
  const used = new Set<Definition>();
  for (const use of uses) {
    used.add(use.definition);
    const definition = use.definition;
    // The article that defines the term (or, for a definition outside articles, the defining clause itself).
    const definingArticle = ancestorOfKind(model, definition.clause, 'section');
    const boundary = definingArticle && definingArticle.label !== undefined ? definingArticle : definition.clause;
    if (use.quoted && use.start < definition.start && use.clause.ordinal < boundary.ordinal) {
      problems.push({
        start: use.start,
        end: use.end,
        severity: 'warning',
        message: `defined term: “${definition.term}” is used here before ${where(model, definition.clause)} defines it; move the definition up or the quotation marks out`,
      });
    }
  }
  for (const definition of first.values()) {
    if (!used.has(definition)) {
      problems.push({
        start: definition.start,
        end: definition.end,
        severity: 'hint',
        message: `defined term: “${definition.term}” is defined but never used`,
      });
    }
  }
  problems.sort((left, right) => left.start - right.start);
  const analysis: TermAnalysis = { definitions, uses, problems };
  memo.set(model, analysis);
  return analysis;
}

/** The definition or use of a term at an offset, or undefined. */
export function termAt(model: DraftModel, offset: number): { definition: Definition; use?: TermUse } | undefined {
  const analysis = analyseTerms(model);
  for (const definition of analysis.definitions) {
    if (offset >= definition.start && offset <= definition.end) {
      return { definition };
    }
  }
  const use = analysis.uses.find((candidate) => offset >= candidate.start && offset <= candidate.end);
  return use ? { definition: use.definition, use } : undefined;
}
