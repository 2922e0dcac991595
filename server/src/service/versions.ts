/**
 * Language versions of one document, clause by clause. Versions of a document that prints its numbers are
 * aligned by printed label, not by position (spec.md §2): a translation may lack a clause that cannot be
 * aligned, and the clauses after it keep their labels while their positions move up. Versions of a
 * document that prints none (the joint statements) are aligned by path.
 */
import { chainOf, Clause, CorpusDocument, CorpusProblem, LineRange } from './corpusParser';
import type { IndexedDocument } from './corpusIndex';
import { ordinalAmongSiblings } from './resolve';

/**
 * The alignment key of a clause: per level of its chain, the ordinal its label prints (so `(a)` and `（一）`
 * align), or, for a level that prints no label, its position among the unlabelled siblings.
 */
function alignmentKey(document: CorpusDocument, clause: Clause, unlabelledIndex: Map<Clause, number>): string {
  const parts: string[] = [clause.annex ?? ''];
  for (const link of chainOf(document.clauses, clause)) {
    if (link.label !== undefined) {
      const ordinal = link.kind === 'section' ? link.labelKey : ordinalAmongSiblings(document, link);
      parts.push(`${link.kind[0]}${ordinal ?? link.labelKey}`);
    } else {
      parts.push(`${link.kind[0]}u${unlabelledIndex.get(link) ?? 0}`);
    }
  }
  return parts.join('/');
}

const keysMemo = new WeakMap<CorpusDocument, Map<string, Clause>>();

/** Every clause of a document by its alignment key (the first one, where two share a key). */
function byAlignmentKey(document: CorpusDocument): Map<string, Clause> {
  let map = keysMemo.get(document);
  if (!map) {
    map = new Map();
    const unlabelled = new Map<Clause, number>();
    const counters = new Map<string, number>();
    for (const clause of document.clauses) {
      if (clause.label === undefined && clause.kind !== 'annex') {
        const counter = `${clause.parent}/${clause.kind}`;
        const next = (counters.get(counter) ?? 0) + 1;
        counters.set(counter, next);
        unlabelled.set(clause, next);
      }
    }
    for (const clause of document.clauses) {
      const key = clause.kind === 'annex' ? `annex:${clause.key}` : alignmentKey(document, clause, unlabelled);
      if (!map.has(key)) {
        map.set(key, clause);
      }
    }
    keysMemo.set(document, map);
  }
  return map;
}

const reverseMemo = new WeakMap<CorpusDocument, Map<Clause, string>>();

function alignmentKeyOf(document: CorpusDocument, clause: Clause): string | undefined {
  let reverse = reverseMemo.get(document);
  if (!reverse) {
    reverse = new Map();
    for (const [key, candidate] of byAlignmentKey(document)) {
      reverse.set(candidate, key);
    }
    reverseMemo.set(document, reverse);
  }
  return reverse.get(clause);
}

/** True when versions of this document are aligned by label (it prints its numbers). */
export function alignsByLabel(primary: IndexedDocument): boolean {
  return primary.document.printStyle !== 'none';
}

/** The clause of `version` that stands for `clause` of `primary`, or undefined when the version lacks it. */
export function counterpart(primary: IndexedDocument, clause: Clause, version: IndexedDocument): Clause | undefined {
  if (version === primary) {
    return clause;
  }
  if (!alignsByLabel(primary)) {
    return version.byKey.get(clause.key);
  }
  const key = alignmentKeyOf(primary.document, clause);
  return key === undefined ? undefined : byAlignmentKey(version.document).get(key);
}

/**
 * Compares a version with the primary version and names the first clause that does not line up; undefined
 * when they align. By label: every clause of the version must stand for one of the primary (a translation
 * may lack clauses). By path: both have the same clauses.
 */
export function firstMisalignment(primary: IndexedDocument, version: IndexedDocument): string | undefined {
  const id = primary.document.id ?? '';
  const primaryLanguage = primary.header.language || 'primary';
  const language = version.header.language || 'this';
  const prefix = `the ${language} version of ${id} does not line up with the ${primaryLanguage} version`;
  if (alignsByLabel(primary)) {
    const keys = byAlignmentKey(primary.document);
    for (const clause of version.document.clauses) {
      const key = alignmentKeyOf(version.document, clause);
      if (key === undefined || !keys.has(key)) {
        return `${prefix}: the clause at line ${clause.range.startLine + 1} (${clause.label ?? `§${clause.key}`}) stands for no clause there; versions are aligned by their printed labels`;
      }
    }
    return undefined;
  }
  const expected = primary.document.clauses;
  const actual = version.document.clauses;
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = expected[index];
    const have = actual[index];
    if (want && have && want.key === have.key) {
      continue;
    }
    if (!have) {
      return `${prefix}: §${want.key} is missing here (it has ${actual.length} clauses, the ${primaryLanguage} version ${expected.length})`;
    }
    if (!want) {
      return `${prefix}: §${have.key} (line ${have.range.startLine + 1}) has no counterpart`;
    }
    return `${prefix}: clause ${index + 1} is §${have.key} here (line ${have.range.startLine + 1}) but §${want.key} there`;
  }
  return undefined;
}

/**
 * The problems of a language version that is not the primary one: its own, the first clause that does not
 * line up (on `range`, the id's line), and, where versions align by label, its labels compared with the
 * primary's instead of its own `label-sequence` warnings. A translation may lack a clause it cannot align
 * (its labels then skip, and that is no warning); what it must not do is name the primary's clauses out of
 * order, which is a `label-sequence` warning here.
 */
export function versionProblems(primary: IndexedDocument, version: IndexedDocument, range: LineRange): CorpusProblem[] {
  const byLabel = alignsByLabel(primary);
  const problems = byLabel ? version.document.problems.filter((problem) => problem.code !== 'label-sequence') : [...version.document.problems];
  if (byLabel) {
    problems.push(...labelOrderProblems(primary, version));
  }
  const misalignment = firstMisalignment(primary, version);
  if (misalignment) {
    problems.push({ message: misalignment, range });
  }
  return problems;
}

/** Labelled clauses of a version that stand for the primary's clauses in another order than the primary's. */
function labelOrderProblems(primary: IndexedDocument, version: IndexedDocument): CorpusProblem[] {
  const keys = byAlignmentKey(primary.document);
  const language = primary.header.language || 'primary';
  const last = new Map<number, { clause: Clause; counterpart: Clause }>();
  const problems: CorpusProblem[] = [];
  for (const clause of version.document.clauses) {
    if (clause.label === undefined || clause.kind === 'annex') {
      continue;
    }
    const key = alignmentKeyOf(version.document, clause);
    const counterpart = key === undefined ? undefined : keys.get(key);
    if (counterpart === undefined) {
      // It stands for no clause of the primary version: firstMisalignment names it.
      continue;
    }
    const before = last.get(clause.parent);
    if (before !== undefined && counterpart.ordinal <= before.counterpart.ordinal) {
      problems.push({
        code: 'label-sequence',
        message: `label sequence: ${clause.label.trim()} comes after ${before.clause.label?.trim() ?? 'a clause'} here, but the ${language} version has them the other way round; a translation keeps the order of the clauses it has`,
        range: clause.range,
      });
    }
    last.set(clause.parent, { clause, counterpart });
  }
  return problems;
}
