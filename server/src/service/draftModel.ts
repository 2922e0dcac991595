/**
 * The drafting view of a corpus file: every clause, with the labels it prints, even while a draft is being
 * edited. A drafter who inserts `## Article 3` before the old article 3 has two articles 3 until the document
 * is renumbered; the corpus parser numbers sections by their headings and leaves the second one out (a
 * `corpus-error`), so that citations stay unambiguous. This view keeps both: it parses the text with every
 * `##` heading masked (so sections are numbered by position and none is dropped), then puts each section's
 * printed label back. Offsets are the file's own, so edits computed here apply to the file.
 *
 * Pure: text in, clauses out; never throws.
 */
import { Clause, CorpusDocument, parseCorpusDocument, readFrontMatter, withoutClosingHashes } from './corpusParser';
import { bareLabel, headingLabel, LabelLevel, labelKey, PrintStyle } from './labels';
import { childrenByParent } from './resolve';
import { Span } from './types';

/** A corpus file as the drafting features read it. */
export interface DraftModel {
  /** The file's text; every offset below is into it. */
  readonly text: string;
  /** The file parsed as the corpus index parses it (id, front matter, print style, its own problems). */
  readonly document: CorpusDocument;
  /** Every clause in document order, repeated article numbers included; sections carry their heading's label. */
  readonly clauses: readonly Clause[];
  /** The children of each clause by its ordinal; `-1` holds the body's top level. Annexes are not children. */
  readonly children: ReadonlyMap<number, readonly Clause[]>;
  /** The annexes, in document order. */
  readonly annexes: readonly Clause[];
  /** How the document prints pinpoints (`article`, `zh`, `none`). */
  readonly printStyle: PrintStyle;
  /** True when the document is written in Chinese (its language, or its `第…条` headings). */
  readonly zh: boolean;
  /** The language of its front matter, lower case ('' when unstated). */
  readonly language: string;
}

const LEVEL2_HEADING = /^ {0,3}##(?=[ \t]|$)[ \t]*/;

/** The text with the words of every `##` heading replaced by `x`s of the same length (offsets unchanged). */
function maskHeadings(text: string): string {
  const lines = text.split(/(\r\n|\r|\n)/);
  const bodyLine = readFrontMatter(lines.filter((_, index) => index % 2 === 0)).bodyLine;
  let changed = false;
  for (let index = bodyLine * 2; index < lines.length; index += 2) {
    const line = lines[index];
    const heading = LEVEL2_HEADING.exec(line);
    if (heading && heading[0].length < line.length) {
      lines[index] = heading[0] + 'x'.repeat(line.length - heading[0].length);
      changed = true;
    }
  }
  return changed ? lines.join('') : text;
}

const memo = new WeakMap<CorpusDocument, DraftModel>();

/**
 * The drafting view of a corpus file's text. `document` is the file as the index parsed it (parsed here when
 * absent); the view is remembered per parsed document.
 */
export function draftModelOf(text: string, document?: CorpusDocument): DraftModel {
  if (document) {
    const known = memo.get(document);
    if (known && known.text === text) {
      return known;
    }
  }
  const parsed = document ?? parseCorpusDocument(text);
  const masked = parseCorpusDocument(maskHeadings(text));
  const clauses = masked.clauses.map((clause): Clause => {
    if (clause.kind !== 'section' || clause.span.end <= clause.span.start) {
      return clause;
    }
    const heading = withoutClosingHashes(text.slice(clause.span.start, clause.span.end)).trim();
    const label = headingLabel(heading);
    return { ...clause, text: heading, label, labelKey: label === undefined ? undefined : labelKey(label, 'section') };
  });
  const children = childrenByParent({ ...masked, clauses });
  const annexes = clauses.filter((clause) => clause.kind === 'annex');
  const rawLanguage = parsed.meta['language'];
  const language = typeof rawLanguage === 'string' ? rawLanguage.trim().toLowerCase() : '';
  const model: DraftModel = {
    text,
    document: parsed,
    clauses,
    children,
    annexes,
    printStyle: parsed.printStyle,
    zh: language.startsWith('zh') || parsed.printStyle === 'zh',
    language,
  };
  if (document) {
    memo.set(document, model);
  }
  return model;
}

/** The level a clause's label stands at. */
export function levelOf(clause: Clause): LabelLevel {
  return clause.kind === 'section' ? 'section' : clause.kind === 'item' ? 'item' : clause.kind === 'annex' ? 'annex' : 'paragraph';
}

/** The children of a clause (or of the body's top level, `-1`) in document order. */
export function childrenOf(model: DraftModel, parent: number): readonly Clause[] {
  return model.children.get(parent) ?? [];
}

/** The nearest clause of `kind` that holds `clause` (itself included), or undefined. */
export function ancestorOfKind(model: DraftModel, clause: Clause, kind: Clause['kind']): Clause | undefined {
  for (let current: Clause | undefined = clause; current; current = current.parent >= 0 ? model.clauses[current.parent] : undefined) {
    if (current.kind === kind) {
      return current;
    }
  }
  return undefined;
}

/** The annex that holds a clause, or undefined in the body. */
export function annexOf(model: DraftModel, clause: Clause): Clause | undefined {
  return clause.annex === undefined ? undefined : model.annexes.find((annex) => annex.key === clause.annex);
}

/** True for the preamble (the unnumbered paragraphs before the first article). */
export function isPreamble(clause: Clause): boolean {
  return clause.kind === 'section' && clause.label === undefined && clause.key === '0';
}

/** The clause whose source starts at an offset, or undefined. */
export function clauseStartingAt(model: DraftModel, offset: number): Clause | undefined {
  let low = 0;
  let high = model.clauses.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = model.clauses[middle].span.start;
    if (start === offset) {
      return model.clauses[middle];
    }
    if (start < offset) {
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return undefined;
}

/** The deepest clause whose source holds an offset (a heading, paragraph or item), or undefined. */
export function clauseAtOffset(model: DraftModel, offset: number): Clause | undefined {
  let found: Clause | undefined;
  for (const clause of model.clauses) {
    if (clause.span.start > offset) {
      break;
    }
    if (offset <= clause.span.end && clause.kind !== 'annex') {
      found = clause;
    }
  }
  return found;
}

/**
 * Where the number of a clause's printed label stands in the file: `3` of `## Article 3 – Scope`, `三` of
 * `## 第三条`, `三条之一` of `第三条之一` (the whole insertion form), `2` of `2. The Parties…`, `b` of `(b)`,
 * `二` of `（二）`, `3 bis` of `3 bis.`. Undefined when the clause prints none or the label cannot be found.
 */
export function labelSpanOf(model: DraftModel, clause: Clause): (Span & { readonly core: string }) | undefined {
  const label = clause.label;
  if (label === undefined) {
    return undefined;
  }
  const raw = model.text.slice(clause.span.start, clause.span.end);
  if (clause.kind === 'section') {
    const prefix = /^[0-9]{1,9}[ \u00a0]+(?=Article|ARTICLE|Art\.|Section|SECTION|Part|PART|Rule|RULE|第)/.exec(raw);
    const from = prefix ? prefix[0].length : 0;
    if (label.startsWith('第')) {
      // `第三条`, `第十七条之一`: the numeral and any insertion suffix, between `第` and the end of the label.
      const at = raw.indexOf(label, from);
      return at < 0 ? undefined : { start: clause.span.start + at + 1, end: clause.span.start + at + label.length, core: label.slice(1) };
    }
    const [number, suffix] = label.split(' ');
    const at = raw.indexOf(number, from);
    if (at < 0) {
      return undefined;
    }
    let end = at + number.length;
    if (suffix !== undefined) {
      const after = /^[ \u00a0]+[a-z]+/.exec(raw.slice(end));
      end += after ? after[0].length : 0;
    }
    return { start: clause.span.start + at, end: clause.span.start + end, core: raw.slice(at, end) };
  }
  const core = bareLabel(label);
  const at = label.indexOf(core);
  if (at < 0 || raw.slice(at, at + core.length) !== core) {
    return undefined;
  }
  return { start: clause.span.start + at, end: clause.span.start + at + core.length, core };
}

/** Passes over spans of a text that a scanner must leave alone (citations, labels), in one forward walk. */
export class SkipSpans {
  #index = 0;
  constructor(private readonly spans: readonly Span[]) {}

  /** The first position at or after `position` outside every span; positions must not go backwards. */
  from(position: number): number {
    while (this.#index < this.spans.length && this.spans[this.#index].end <= position) {
      this.#index++;
    }
    const span = this.spans[this.#index];
    return span !== undefined && span.start <= position ? span.end : position;
  }
}
