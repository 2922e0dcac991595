/**
 * The checks `npm run build:library` runs on every instrument before it writes anything. Any problem fails
 * the build:
 *
 * - label sequence: printed labels under one parent that skip or repeat (1, 2, 4; a, c), allowing
 *   `bis`/`ter` insertions; articles of the body and of each annex included;
 * - a printed label inside a clause's text where a new paragraph should start (`…Convention. 2. The…`);
 * - article counts that differ from the instrument's own (its last article's number, from its final clauses);
 * - an English clause whose text differs from its source, white space aside.
 *
 * NOTE: these checks read the corpus files through a small tree (`CheckedNode`) so that they can run on
 * whatever reads the files: today the importer's own model; with the core's printed labels, its clauses.
 * They read labels with their own simple rules, independently of the importer's, so that a mistake in
 * the importer's nesting shows up here instead of being repeated.
 */

import { parseRomanNumeral } from '../server/src/service/sectionNumber';

/** One clause as the checks see it. */
export interface CheckedNode {
  /** `section`, `paragraph`, `item`. */
  readonly kind: 'section' | 'paragraph' | 'item';
  /** Where it is, for messages (`art. 31(3)(a)`, `annex VII art. 2`). */
  readonly where: string;
  /** The clause text (for a section, its heading). */
  readonly text: string;
  /** For a section, the article label from its heading (`31`, `8 bis`, `IV`); else read from the text. */
  readonly label?: string;
  readonly children: readonly CheckedNode[];
}

/** An instrument as the checks see it: the body's articles and each annex's. */
export interface CheckedInstrument {
  readonly id: string;
  readonly preamble: readonly CheckedNode[];
  readonly body: readonly CheckedNode[];
  readonly annexes: readonly { readonly heading: string; readonly paragraphs: readonly CheckedNode[]; readonly sections: readonly CheckedNode[] }[];
}

/** A label read for the checks: a numbering system and an ordinal, or a bullet. */
interface ReadLabel {
  readonly text: string;
  /** Candidate (system, ordinal) readings: `(i)` is the letter i (9) or the numeral i (1). */
  readonly readings: readonly { readonly system: string; readonly ordinal: number }[];
  readonly inserted: boolean;
}

const suffixes = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies'];
const suffix = `(?:\\s(${suffixes.join('|')}))?`;

function roman(text: string): number | undefined {
  return /^[ivxlcdm]+$/i.test(text) ? parseRomanNumeral(text.toUpperCase()) : undefined;
}

function letter(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (/^[a-z]$/.test(lower)) {
    return lower.charCodeAt(0) - 96;
  }
  return /^([a-z])\1$/.test(lower) ? 26 + lower.charCodeAt(0) - 96 : undefined;
}

/** Reads the label at the start of a clause text, by the check's own rules; undefined when unlabelled. */
export function readLabel(text: string): ReadLabel | undefined {
  let match: RegExpExecArray | null;
  if ((match = new RegExp(`^(\\d{1,3})${suffix}\\.(?:\\s|$)`).exec(text))) {
    return { text: match[0].trim(), readings: [{ system: 'N.', ordinal: Number(match[1]) }], inserted: match[2] !== undefined };
  }
  if ((match = new RegExp(`^\\((\\d{1,3}|[a-z]{1,5}|[A-Z]{1,5})${suffix}\\)(?:\\s|$)`).exec(text))) {
    return { text: match[0].trim(), readings: readings(match[1], '()'), inserted: match[2] !== undefined };
  }
  if ((match = new RegExp(`^(\\d{1,3}|[a-z]{1,5}|[A-Z]{1,2})${suffix}\\)(?:\\s|$)`).exec(text))) {
    return { text: match[0].trim(), readings: readings(match[1], ')'), inserted: match[2] !== undefined };
  }
  if ((match = /^([a-z]|[A-Z]|[ivx]{1,5}|[IVX]{1,5})\.(?:\s|$)/.exec(text))) {
    return { text: match[0].trim(), readings: readings(match[1], '.'), inserted: false };
  }
  return undefined;
}

function readings(body: string, punctuation: string): { system: string; ordinal: number }[] {
  if (/^\d+$/.test(body)) {
    return [{ system: `N${punctuation}`, ordinal: Number(body) }];
  }
  const found: { system: string; ordinal: number }[] = [];
  const lower = body === body.toLowerCase();
  const asRoman = roman(body);
  const asLetter = letter(body);
  if (asRoman !== undefined) {
    found.push({ system: `${lower ? 'i' : 'I'}${punctuation}`, ordinal: asRoman });
  }
  if (asLetter !== undefined) {
    found.push({ system: `${lower ? 'a' : 'A'}${punctuation}`, ordinal: asLetter });
  }
  return found;
}

/** The article label of a section heading (`Article 8 bis – …` → `8 bis`; `802 Article 8 bis` too). */
export function articleLabelOf(heading: string): string | undefined {
  return new RegExp(`^(?:\\d+\\s+)?(?:Article|Artikel)\\s+(\\d{1,4}|[IVXLC]{1,8})${suffix}(?:\\s|$)`).exec(heading)?.slice(1, 3).filter((part) => part !== undefined).join(' ');
}

/**
 * Checks that the labels of sibling clauses run in sequence; a list passes when one reading of all its
 * labels does (letters, or Roman numerals). Unlabelled siblings (a chapeau, closing words) are not numbered.
 */
function checkSiblings(nodes: readonly CheckedNode[], parent: string, problems: string[]): void {
  const labelled = nodes
    .map((node) => ({ node, label: node.kind === 'section' ? sectionLabel(node) : readLabel(node.text) }))
    .filter((entry): entry is { node: CheckedNode; label: ReadLabel } => entry.label !== undefined);
  if (labelled.length > 0) {
    const systems = new Set(labelled[0].label.readings.map((reading) => reading.system));
    let passed = false;
    let failure = '';
    for (const system of systems) {
      let previous: number | undefined;
      let ok = true;
      for (const { node, label } of labelled) {
        const reading = label.readings.find((candidate) => candidate.system === system);
        const expected = previous === undefined ? 1 : label.inserted ? previous : previous + 1;
        if (reading === undefined || reading.ordinal !== expected) {
          ok = false;
          failure = `${node.where}: label ${label.text} ${previous === undefined ? 'opens the list' : `follows ${labelled[labelled.findIndex((entry) => entry.node === node) - 1].label.text}`} under ${parent}`;
          break;
        }
        previous = reading.ordinal;
      }
      if (ok) {
        passed = true;
        break;
      }
    }
    if (!passed) {
      problems.push(`label-sequence: ${failure}`);
    }
  }
  for (const node of nodes) {
    checkSiblings(node.children, node.where, problems);
  }
}

function sectionLabel(node: CheckedNode): ReadLabel | undefined {
  const label = node.label ?? articleLabelOf(node.text);
  if (label === undefined) {
    return undefined;
  }
  const [base, insertion] = label.split(' ');
  const ordinal = /^\d+$/.test(base) ? Number(base) : roman(base);
  return ordinal === undefined ? undefined : { text: `art. ${label}`, readings: [{ system: 'art', ordinal }], inserted: insertion !== undefined };
}

/** Label-sequence problems of an instrument: articles, paragraphs and items, the annexes' included. */
export function labelSequenceProblems(instrument: CheckedInstrument): string[] {
  const problems: string[] = [];
  checkSiblings(instrument.body, 'the body', problems);
  for (const annex of instrument.annexes) {
    checkSiblings(annex.paragraphs, annex.heading, problems);
    checkSiblings(annex.sections, annex.heading, problems);
  }
  return problems;
}

/**
 * Printed labels inside a clause's text where a new paragraph or item should start: the clause's own next
 * label after the end of a sentence (`1. … treaty. 2. The …`, `(a) …; (b) …`), or a list that opens after a
 * colon (`… as follows: (a) the …`, `…: 1. The …`).
 */
export function embeddedLabelProblems(instrument: CheckedInstrument): string[] {
  const problems: string[] = [];
  const visit = (node: CheckedNode): void => {
    if (node.kind !== 'section') {
      const own = readLabel(node.text);
      const rest = own ? node.text.slice(own.text.length) : node.text;
      const next = own?.readings.map((reading) => nextLabelText(own.text, reading.ordinal + 1)).filter((text): text is string => text !== undefined) ?? [];
      for (const candidate of next) {
        const at = rest.indexOf(` ${candidate} `);
        if (at >= 0 && /[.;:]\s*$/.test(rest.slice(0, at + 1)) && /^[A-Z“"(a-z]/.test(rest.slice(at + candidate.length + 2))) {
          problems.push(`embedded-label: ${node.where}: “${candidate}” inside the text (…${rest.slice(Math.max(0, at - 30), at + 30)}…)`);
        }
      }
      if (own === undefined && /^\d{1,3} [A-Z“"]/.test(node.text)) {
        problems.push(`embedded-label: ${node.where}: starts with a number without its full stop (“${node.text.slice(0, 30)}…”)`);
      }
      const opening = /:\s+(\(a\)|1\.|\(1\)|\(i\)|a\))\s+\S/.exec(rest);
      if (opening && !/(?:paragraph|article|subparagraph|sub-paragraph|item|annex|Article|Paragraph)\s*$/.test(rest.slice(0, opening.index + 1).replace(/:$/, ''))) {
        problems.push(`embedded-label: ${node.where}: a list opens inside the text (…${rest.slice(Math.max(0, opening.index - 30), opening.index + 30)}…)`);
      }
    }
    node.children.forEach(visit);
  };
  for (const node of [...instrument.body, ...instrument.annexes.flatMap((annex) => [...annex.paragraphs, ...annex.sections])]) {
    visit(node);
  }
  return problems;
}

/** The text of the label after `label` in its system (`1.` → `2.`, `(a)` → `(b)`); undefined when unsure. */
function nextLabelText(label: string, ordinal: number): string | undefined {
  if (/^\d+\.$/.test(label)) {
    return `${ordinal}.`;
  }
  const paren = /^\(([a-z])\)$/.exec(label);
  if (paren && ordinal <= 26) {
    return `(${String.fromCharCode(96 + ordinal)})`;
  }
  const number = /^\((\d+)\)$/.exec(label);
  return number ? `(${ordinal})` : undefined;
}

/** Article counts: the body's (and each annex's) articles against the numbers the instrument itself gives. */
export function articleCountProblems(instrument: CheckedInstrument, expected: { readonly articles: number; readonly annexArticles?: Readonly<Record<string, number>> }): string[] {
  const problems: string[] = [];
  const count = (sections: readonly CheckedNode[]): number => sections.filter((node) => (node.label ?? articleLabelOf(node.text)) !== undefined).length;
  const found = count(instrument.body);
  if (found !== expected.articles) {
    problems.push(`article-count: ${found} articles, the instrument has ${expected.articles}`);
  }
  for (const [annex, articles] of Object.entries(expected.annexArticles ?? {})) {
    const entry = instrument.annexes.find((candidate) => candidate.heading === annex || candidate.heading.startsWith(`${annex} `));
    const annexFound = entry === undefined ? 0 : count(entry.sections);
    if (annexFound !== articles) {
      problems.push(`article-count: ${annex} has ${annexFound} articles, the instrument ${articles}`);
    }
  }
  return problems;
}

/** Text with all white space removed: what "equal, white space aside" compares. */
export function withoutWhiteSpace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, '');
}

/**
 * The round trip: every clause's text, white space aside, appears in the source text in document order
 * (each after the one before), where `source` is the source as a reader sees it (links as their text, no
 * Markdown emphasis), white space removed. Returns the clauses that do not.
 */
export function roundTripProblems(clauses: readonly { readonly where: string; readonly text: string }[], source: string): string[] {
  const problems: string[] = [];
  let position = 0;
  for (const clause of clauses) {
    const wanted = withoutWhiteSpace(clause.text);
    if (wanted === '') {
      continue;
    }
    const at = source.indexOf(wanted, position);
    if (at < 0) {
      const anywhere = source.indexOf(wanted);
      problems.push(`source-text: ${clause.where}: ${anywhere >= 0 ? 'is in the source, but out of order' : 'differs from the source'} (“${clause.text.slice(0, 70)}…”)`);
      continue;
    }
    position = at + wanted.length;
  }
  return problems;
}
