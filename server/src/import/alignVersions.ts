/**
 * Aligns a translation to its authentic text by printed label, as the core aligns language versions of a
 * document that prints its numbers (server/src/service/versions.ts): article with article, paragraph `1.`
 * with `1.` or `一、`, item `(a)` with `a)` or `（一）` — a label's ordinal decides, read with the core's own
 * label rules. A clause whose counterpart cannot be found is left out of the translation (no placeholder).
 *
 * NOTE: a translation may skip labels where it lacks a clause: the core compares its labels with the authentic
 * version's, not with a gap-free sequence (versions.ts, versionProblems). So every labelled clause that aligns
 * is kept; unlabelled clauses (a chapeau, closing words) are paired in order, and only when both versions have
 * as many of them there.
 */
import { type LabelLevel, labelOrdinal, leadingLabel } from '../service/labels';
import type { ImportedClause, ImportedDocument, ImportedParagraph, ImportedSection } from './types';

/** A clause as the pairing sees it: its text and its children. */
export interface AlignNode {
  readonly text: string;
  readonly children: readonly AlignNode[];
}

/** What an alignment kept and left out. */
export interface AlignmentCounts {
  /** Clauses of the authentic text with a counterpart. */
  aligned: number;
  /** Clauses of the authentic text without one. */
  missing: number;
}

/** The core's key of each sibling: `n3` for a label whose ordinal is 3, `u2` for the second unlabelled one. */
export function siblingKeys(texts: readonly string[], level: LabelLevel): string[] {
  const labels = texts.map((text) => leadingLabel(text));
  const labelled = labels.filter((label): label is string => label !== undefined);
  // As the core reads them (resolve.ts, ordinalAmongSiblings): `(i)`, `(ii)` first make the list Roman.
  const roman = labelled.length > 1 && /^[(（]?i[.)）]?$/i.test(labelled[0].trim()) && /^[(（]?ii[.)）]?$/i.test(labelled[1].trim());
  let unlabelled = 0;
  return labels.map((label) => {
    if (label === undefined) {
      unlabelled++;
      return `u${unlabelled}`;
    }
    const ordinal = labelOrdinal(label, level, roman);
    return ordinal === undefined ? `?${label}` : `n${ordinal}`;
  });
}

export function countNodes(nodes: readonly AlignNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

/**
 * Pairs authentic siblings with translated ones (see the note at the top of this file) and returns the
 * translated clauses to write, in the authentic order and shape.
 */
export function pairByLabels(authentic: readonly AlignNode[], translated: readonly AlignNode[], level: LabelLevel, counts: AlignmentCounts): ImportedClause[] {
  const authenticKeys = siblingKeys(authentic.map((node) => node.text), level);
  const translatedKeys = siblingKeys(translated.map((node) => node.text), level);
  const byKey = new Map<string, AlignNode>();
  const repeated = new Set<string>();
  translatedKeys.forEach((key, index) => {
    if (byKey.has(key)) {
      repeated.add(key);
    }
    byKey.set(key, translated[index]);
  });
  const unlabelledMatch = authenticKeys.filter((key) => key.startsWith('u')).length === translatedKeys.filter((key) => key.startsWith('u')).length;
  const out: ImportedClause[] = [];
  authentic.forEach((node, index) => {
    const key = authenticKeys[index];
    const counterpart = (key.startsWith('u') ? unlabelledMatch : true) && !repeated.has(key) ? byKey.get(key) : undefined;
    if (counterpart === undefined) {
      counts.missing += 1 + countNodes(node.children);
      return;
    }
    counts.aligned++;
    out.push({ text: counterpart.text, line: 0, items: pairByLabels(node.children, counterpart.children, 'item', counts) });
  });
  return out;
}

function nodesOf(clauses: readonly ImportedClause[]): AlignNode[] {
  return clauses.map((clause) => ({ text: clause.text, children: nodesOf(clause.items ?? []) }));
}

function paragraphs(clauses: readonly ImportedClause[]): ImportedParagraph[] {
  return clauses.map((clause) => ({ text: clause.text, line: clause.line, items: clause.items ?? [] }));
}

/**
 * The translation reduced to what aligns with the authentic document: sections (and annexes) matched by their
 * number, their clauses by label; the preamble's recitals in order when both have as many.
 */
export function alignTranslation(authentic: ImportedDocument, translation: ImportedDocument): { document: ImportedDocument; counts: AlignmentCounts } {
  const counts: AlignmentCounts = { aligned: 0, missing: 0 };
  const sectionsOf = (own: readonly ImportedSection[], other: readonly ImportedSection[]): ImportedSection[] => {
    const byNumber = new Map(other.map((section) => [sectionKey(section.heading), section]));
    return own.flatMap((section) => {
      const counterpart = byNumber.get(sectionKey(section.heading));
      if (counterpart === undefined) {
        counts.missing += countNodes(nodesOf(section.paragraphs));
        return [];
      }
      return [{ ...counterpart, paragraphs: paragraphs(pairByLabels(nodesOf(section.paragraphs), nodesOf(counterpart.paragraphs), 'paragraph', counts)) }];
    });
  };
  const preamble = authentic.preamble.length === translation.preamble.length ? translation.preamble : [];
  counts.aligned += preamble.length;
  counts.missing += authentic.preamble.length - preamble.length;
  const annexes = (authentic.annexes ?? []).flatMap((annex, index) => {
    const counterpart = (translation.annexes ?? [])[index];
    if (counterpart === undefined) {
      return [];
    }
    return [{ ...counterpart, paragraphs: paragraphs(pairByLabels(nodesOf(annex.paragraphs), nodesOf(counterpart.paragraphs), 'paragraph', counts)), sections: sectionsOf(annex.sections, counterpart.sections) }];
  });
  return { document: { ...translation, preamble, sections: sectionsOf(authentic.sections ?? [], translation.sections ?? []), annexes }, counts };
}

/** The number a section heading leads with (`802 Article 8 bis` → `802`, `Artikel 31 – …` → `31`). */
function sectionKey(heading: string): string {
  return /^(?:(\d+)\s)?\D*?(\d+|[IVXLC]+)\b/.exec(heading)?.slice(1).find((part) => part !== undefined) ?? heading;
}
