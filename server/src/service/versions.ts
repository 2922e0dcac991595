/**
 * Language versions of one document, clause by clause. Versions of a document that prints its numbers are
 * aligned by printed label, not by position (spec.md §2): a translation may lack a clause that cannot be
 * aligned, and the clauses after it keep their labels while their positions move up. Versions of a
 * document that prints none (the joint statements) are aligned by path.
 */
import { chainOf, Clause, CorpusProblem, LineRange } from './corpusParser';
import type { IndexedDocument } from './corpusIndex';
import { ordinalAmongSiblings } from './resolve';
import { ClauseTree } from './skeleton';

/**
 * The alignment key of a clause: per level of its chain, the ordinal its label prints (so `(a)` and `（一）`
 * align), or, for a level that prints no label, its position among the unlabelled siblings.
 */
function alignmentKey(document: ClauseTree, clause: Clause, unlabelledIndex: Int32Array): string {
  const parts: string[] = [clause.annex ?? ''];
  for (const link of chainOf(document.clauses, clause)) {
    if (link.label !== undefined) {
      const ordinal = link.kind === 'section' ? link.labelKey : ordinalAmongSiblings(document, link);
      parts.push(`${link.kind[0]}${ordinal ?? link.labelKey}`);
    } else {
      parts.push(`${link.kind[0]}u${unlabelledIndex[link.ordinal]}`);
    }
  }
  return parts.join('/');
}

/** Every clause of a document by its alignment key (the first one, where two share a key), and each clause's key by ordinal. */
interface Alignment {
  readonly byKey: Map<string, Clause>;
  readonly keyOf: (string | undefined)[];
}

// NOTE: by ordinal, not by clause object: clause trees are views that the index may build again.
const keysMemo = new WeakMap<ClauseTree, Alignment>();

function alignmentOf(document: ClauseTree): Alignment {
  let alignment = keysMemo.get(document);
  if (!alignment) {
    const byKey = new Map<string, Clause>();
    const keyOf: (string | undefined)[] = new Array(document.clauses.length);
    const unlabelled = new Int32Array(document.clauses.length);
    const counters = new Map<string, number>();
    for (const clause of document.clauses) {
      if (clause.label === undefined && clause.kind !== 'annex') {
        const counter = `${clause.parent}/${clause.kind}`;
        const next = (counters.get(counter) ?? 0) + 1;
        counters.set(counter, next);
        unlabelled[clause.ordinal] = next;
      }
    }
    for (const clause of document.clauses) {
      const key = clause.kind === 'annex' ? `annex:${clause.key}` : alignmentKey(document, clause, unlabelled);
      if (!byKey.has(key)) {
        byKey.set(key, clause);
        keyOf[clause.ordinal] = key;
      }
    }
    alignment = { byKey, keyOf };
    keysMemo.set(document, alignment);
  }
  return alignment;
}

function byAlignmentKey(document: ClauseTree): Map<string, Clause> {
  return alignmentOf(document).byKey;
}

function alignmentKeyOf(document: ClauseTree, clause: Clause): string | undefined {
  return alignmentOf(document).keyOf[clause.ordinal];
}

/** True when versions of this document are aligned by label (it prints its numbers). */
export function alignsByLabel(primary: IndexedDocument): boolean {
  return primary.tree.printStyle !== 'none';
}

/** The clause of `version` that stands for `clause` of `primary`, or undefined when the version lacks it. */
export function counterpart(primary: IndexedDocument, clause: Clause, version: IndexedDocument): Clause | undefined {
  if (version === primary) {
    return clause;
  }
  if (!alignsByLabel(primary)) {
    return version.byKey.get(clause.key);
  }
  const key = alignmentKeyOf(primary.tree, clause);
  return key === undefined ? undefined : byAlignmentKey(version.tree).get(key);
}

/**
 * Compares a version with the primary version and names the first clause that does not line up; undefined
 * when they align. By label: every clause of the version must stand for one of the primary (a translation
 * may lack clauses). By path: both have the same clauses.
 */
export function firstMisalignment(primary: IndexedDocument, version: IndexedDocument): string | undefined {
  const id = primary.tree.id ?? '';
  const primaryLanguage = primary.header.language || 'primary';
  const language = version.header.language || 'this';
  const prefix = `the ${language} version of ${id} does not line up with the ${primaryLanguage} version`;
  if (alignsByLabel(primary)) {
    const keys = byAlignmentKey(primary.tree);
    const versionTree = version.tree;
    for (const clause of versionTree.clauses) {
      const key = alignmentKeyOf(versionTree, clause);
      if (key === undefined || !keys.has(key)) {
        return `${prefix}: the clause at line ${clause.range.startLine + 1} (${clause.label ?? `§${clause.key}`}) stands for no clause there; versions are aligned by their printed labels`;
      }
    }
    return undefined;
  }
  const expected = primary.tree.clauses;
  const actual = version.tree.clauses;
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
  const problems = byLabel ? version.skeleton.info.problems.filter((problem) => problem.code !== 'label-sequence') : [...version.skeleton.info.problems];
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
  const keys = byAlignmentKey(primary.tree);
  const language = primary.header.language || 'primary';
  const last = new Map<number, { clause: Clause; counterpart: Clause }>();
  const problems: CorpusProblem[] = [];
  const versionTree = version.tree;
  for (const clause of versionTree.clauses) {
    if (clause.label === undefined || clause.kind === 'annex') {
      continue;
    }
    const key = alignmentKeyOf(versionTree, clause);
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
