/**
 * Pinpoints as a citation style writes them. A pinpoint written in the treaty's printed form
 * (`art. 31(3)(a)`) keeps its numbers, with the style's words (`art`); a `§` pinpoint of a document whose
 * sections are articles is turned into the printed form from the clauses' labels (`§31.3.1` → `art 31(3)(a)`);
 * anything else stays positional (`§3.4`).
 *
 * NOTE: this is the one place that reads printed labels. It uses a clause's `label` when the core gives one,
 * and otherwise reads the label from the start of the clause text by the rules of spec.md §2.
 */
import { Clause } from '../service/corpusParser';
import { IndexedDocument } from '../service/corpusIndex';
import { childrenOf, ResolvedPinpoint } from '../service/resolve';
import { CitationStyle } from './style';

/** What the formatter needs of a resolved pinpoint. */
export type PinpointToFormat = Pick<ResolvedPinpoint, 'clauses'> & { readonly written: string };

/** A section heading that is an article: `Article 31 – …`, `Art. 8 bis`, `Article XIV`. */
const ARTICLE_HEADING = /^(?:Article|Art\.?)\s+([0-9]{1,4}(?:\s?(?:bis|ter|quater|quinquies|sexies))?|[IVXLCDM]{1,8})(?=$|[\s.:–—-])/i;
/** A label at the start of a paragraph or item: `3.`, `(3)`, `(a)`, `a)`, `(iv)`, `3 bis.`. */
const CLAUSE_LABEL =
  /^(?:\(([0-9]{1,3}(?: ?(?:bis|ter|quater))?|[a-z]{1,2}|[ivxlc]{1,6}|[A-Z])\)|([a-z]{1,2}|[0-9]{1,3})\)|([0-9]{1,3}(?: (?:bis|ter|quater))?)\.(?=\s|$))/;

/** The label the core gives a clause, when it gives one (printed labels are arriving in the core). */
function coreLabel(clause: Clause): string | undefined {
  const label = (clause as Clause & { readonly label?: unknown }).label;
  return typeof label === 'string' && label.length > 0 ? label : undefined;
}

/** A label without its punctuation: `(3)` and `3.` are `3`, `a)` is `a`. */
function bareLabel(label: string): string {
  return label.replace(/^[(（]/, '').replace(/[.)）]$/, '').trim();
}

/** The printed label of a paragraph or item, or undefined when it prints none. */
function clauseLabel(clause: Clause): string | undefined {
  const given = coreLabel(clause);
  if (given) {
    return bareLabel(given);
  }
  const match = CLAUSE_LABEL.exec(clause.text);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The article number of a section, or undefined when its heading is not an article's. */
function articleNumber(section: Clause): string | undefined {
  const match = ARTICLE_HEADING.exec(section.text);
  if (!match) {
    return undefined;
  }
  return bareLabel(coreLabel(section) ?? match[1]);
}

/** A clause's printed numbers: the article (or top paragraph) and the labels below it. */
interface PrintedNumbers {
  /** `article` for a document of articles, `paragraph` for one of numbered paragraphs. */
  readonly unit: 'article' | 'paragraph';
  readonly top: string;
  readonly levels: readonly string[];
}

/**
 * The printed numbers of a clause, or undefined when the document does not print them down to it.
 * A level that prints no labels is skipped when it is a single paragraph (an article's chapeau); when none of
 * an article's several paragraphs prints a number, their positions are taken as their numbers.
 */
export function printedNumbers(document: IndexedDocument, clause: Clause): PrintedNumbers | undefined {
  const byKey = document.byKey;
  const top = byKey.get(String(clause.path[0]));
  if (!top) {
    return undefined;
  }
  const hasSections = document.document.hasSections;
  const topNumber = hasSections ? articleNumber(top) : clauseLabel(top);
  if (topNumber === undefined) {
    return undefined;
  }
  const levels: string[] = [];
  for (let depth = 2; depth <= clause.path.length; depth++) {
    const key = clause.path.slice(0, depth).join('.');
    const level = byKey.get(key);
    if (!level) {
      return undefined;
    }
    const label = clauseLabel(level);
    if (label !== undefined) {
      levels.push(label);
      continue;
    }
    const siblings = childrenOf(document, clause.path.slice(0, depth - 1).join('.'));
    if (siblings.some((sibling) => clauseLabel(sibling) !== undefined)) {
      return undefined; // an unnumbered clause among numbered ones (a chapeau cited by itself)
    }
    if (siblings.length === 1) {
      continue;
    }
    if (hasSections && depth === 2) {
      levels.push(String(clause.path[depth - 1]));
      continue;
    }
    return undefined;
  }
  return { unit: hasSections ? 'article' : 'paragraph', top: topNumber, levels };
}

function levelsText(levels: readonly string[]): string {
  return levels.map((label) => `(${label})`).join('');
}

/** A range of printed numbers: `arts 31–33`, `art 31(1)–(3)`, `arts 31(3)–32(1)`. */
function printedRange(from: PrintedNumbers, to: PrintedNumbers, style: CitationStyle): string {
  const terms = style.pinpoints;
  const single = from.unit === 'article' ? terms.article : terms.paragraph;
  const plural = from.unit === 'article' ? terms.articles : terms.paragraphs;
  if (from.top !== to.top) {
    return `${plural} ${from.top}${levelsText(from.levels)}${terms.rangeDash}${to.top}${levelsText(to.levels)}`;
  }
  let common = 0;
  while (common < from.levels.length - 1 && common < to.levels.length - 1 && from.levels[common] === to.levels[common]) {
    common++;
  }
  return `${single} ${from.top}${levelsText(from.levels)}${terms.rangeDash}${levelsText(to.levels.slice(common))}`;
}

/** A pinpoint written in the printed form, with the style's words (`art. 31(3)(a)` → `art 31(3)(a)`). */
function printedAsWritten(written: string, style: CitationStyle): string {
  const words = style.pinpoints.printedWords;
  return written
    .split(' ')
    .map((word) => (Object.prototype.hasOwnProperty.call(words, word) ? words[word] : word))
    .join(' ');
}

/** Formats one pinpoint of a document (its primary version) in a style. */
export function formatPinpoint(document: IndexedDocument, pinpoint: PinpointToFormat, style: CitationStyle): string {
  const written = pinpoint.written.trim();
  if (!written.startsWith('§')) {
    return printedAsWritten(written, style);
  }
  const first = pinpoint.clauses[0];
  const last = pinpoint.clauses[pinpoint.clauses.length - 1];
  // A positional pinpoint in its full form (`§2.1–8` is `§2.1–2.8`), so that the table lists a clause once.
  const path = !first || !last ? written.slice(1) : first === last ? first.key : `${first.key}${style.pinpoints.rangeDash}${last.key}`;
  const positional = style.pinpoints.positional.replace('{path}', path);
  if (!first || !last) {
    return positional;
  }
  const from = printedNumbers(document, first);
  if (!from) {
    return positional;
  }
  if (first === last) {
    const unit = from.unit === 'article' ? style.pinpoints.article : style.pinpoints.paragraph;
    return `${unit} ${from.top}${levelsText(from.levels)}`;
  }
  const to = printedNumbers(document, last);
  return to && to.unit === from.unit ? printedRange(from, to, style) : positional;
}

/** Formats the pinpoints of one cite, joined by the style's separator. */
export function formatPinpoints(document: IndexedDocument, pinpoints: readonly PinpointToFormat[], style: CitationStyle): string {
  return pinpoints.map((pinpoint) => formatPinpoint(document, pinpoint, style)).join(style.pinpointSeparator);
}
