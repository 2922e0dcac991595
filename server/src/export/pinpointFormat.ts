/**
 * Pinpoints as a citation style writes them. A pinpoint written in the treaty's printed form
 * (`art. 31(3)(a)`) keeps its numbers, with the style's words (`art`); a `§` pinpoint of a document whose
 * sections are articles is written in the printed form from the clauses' labels (`§31.3.1` → `art 31(3)(a)`);
 * a document printed in Chinese gets its Chinese form (`第三条第二款`); anything else stays positional (`§3.4`).
 *
 * NOTE: the one place where the export and the preview read printed labels: the labels the core gives
 * (`Clause.label`, `CorpusDocument.printStyle`).
 */
import { Clause } from '../service/corpusParser';
import { IndexedDocument } from '../service/corpusIndex';
import { labelCore } from '../service/labels';
import { childrenOf, pinpointForRange, ResolvedPinpoint } from '../service/resolve';
import { CitationStyle } from './style';

/** What the formatter needs of a resolved pinpoint: how the brief writes it, and the clauses it names. */
export type PinpointToFormat = Pick<ResolvedPinpoint, 'clauses'> & { readonly written: string };

/** A clause's printed numbers: the article (or top paragraph) and the labels below it. */
interface PrintedNumbers {
  /** `article` for a document of articles, `paragraph` for one of numbered paragraphs. */
  readonly unit: 'article' | 'paragraph';
  readonly top: string;
  readonly levels: readonly string[];
}

function labelOf(clause: Clause): string | undefined {
  return clause.label === undefined ? undefined : labelCore(clause.label);
}

/**
 * The printed numbers of a clause of a document that prints them as articles, or undefined where the labels
 * do not reach it. A level that prints no labels is skipped when it is a single paragraph (an article's
 * chapeau); when none of an article's several paragraphs prints a number (a text whose numbers were lost),
 * their positions are taken as their numbers, as the core's `positional-mismatch` check does.
 */
export function printedNumbers(document: IndexedDocument, clause: Clause): PrintedNumbers | undefined {
  if (clause.annex !== undefined) {
    return undefined;
  }
  const byKey = document.byKey;
  const top = byKey.get(String(clause.path[0]));
  const topNumber = top ? labelOf(top) : undefined;
  if (!top || topNumber === undefined) {
    return undefined;
  }
  const hasSections = document.tree.hasSections;
  const levels: string[] = [];
  for (let depth = 2; depth <= clause.path.length; depth++) {
    const level = byKey.get(clause.path.slice(0, depth).join('.'));
    if (!level) {
      return undefined;
    }
    const label = labelOf(level);
    if (label !== undefined) {
      levels.push(label);
      continue;
    }
    const siblings = childrenOf(document, clause.path.slice(0, depth - 1).join('.'));
    if (siblings.some((sibling) => sibling.label !== undefined)) {
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
  const printStyle = document.tree.printStyle;
  if (!first || !last || printStyle === 'none') {
    return positional;
  }
  if (printStyle === 'zh') {
    const chinese = pinpointForRange(document, first, last);
    return chinese.startsWith('§') ? positional : chinese;
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
