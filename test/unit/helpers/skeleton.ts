/**
 * Checks that a clause skeleton (`server/src/service/skeleton.ts`) gives back every clause as the parser reads
 * it, directly and after a round trip through the bytes the index cache keeps.
 */
import assert from 'node:assert/strict';
import { CorpusDocument } from '../../../server/src/service/corpusParser';
import { ClauseTree, decodeSkeleton, Skeleton } from '../../../server/src/service/skeleton';

/** Every field of every clause, as a plain value. */
function clauseFields(clauses: readonly CorpusDocument['clauses'][number][]): unknown[] {
  return clauses.map((clause) => ({
    path: [...clause.path],
    key: clause.key,
    kind: clause.kind,
    text: clause.text,
    range: { ...clause.range },
    ordinal: clause.ordinal,
    span: { start: clause.span.start, end: clause.span.end },
    label: clause.label,
    labelKey: clause.labelKey,
    annex: clause.annex,
    parent: clause.parent,
  }));
}

/** Checks that a document's skeleton (and the skeleton read back from its bytes) gives the parser's clauses. */
export function checkSkeleton(text: string, document: CorpusDocument): void {
  const skeleton = Skeleton.of(document, text.length);
  const decoded = decodeSkeleton(skeleton.encode());
  assert.ok(decoded, 'the skeleton reads back from its bytes');
  for (const candidate of [skeleton, decoded]) {
    const tree = candidate.materialize((ordinal) => document.clauses[ordinal].text);
    assert.deepEqual(clauseFields(tree.clauses), clauseFields(document.clauses));
    assert.equal(tree.hasSections, document.hasSections);
    assert.equal(tree.printStyle, document.printStyle);
    // Facts as values (a key set to undefined and a missing key read the same).
    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, item: unknown) => (item instanceof Map ? [...item] : item)));
    assert.deepEqual(plain(candidate.info.facts), plain(document.facts));
    assert.deepEqual(plain(candidate.info.problems), plain(document.problems));
    for (const clause of document.clauses) {
      assert.equal(candidate.keyOf(clause.ordinal), clause.key);
      assert.equal(tree.byKey.get(clause.key)?.ordinal, document.clauses.find((other) => other.key === clause.key)?.ordinal);
    }
    checkLookups(candidate, tree);
  }
}

/**
 * Checks the skeleton's own lookups against its materialised tree: `ordinalOfKey` finds the clause `byKey`
 * holds (the first of a key) and nothing for keys the document lacks; `clauseAt` gives each clause's fields.
 */
export function checkLookups(skeleton: Skeleton, tree: ClauseTree): void {
  const fresh = tree.clauses.map((clause) => skeleton.clauseAt(clause.ordinal, () => clause.text));
  assert.deepEqual(clauseFields(fresh), clauseFields(tree.clauses));
  for (const [key, clause] of tree.byKey) {
    assert.equal(skeleton.ordinalOfKey(key), clause.ordinal, `the first clause of ${key}`);
  }
  const absent = ['', '0.0.0.0', '99999', '1.', '.1', 'annex', 'annex-1:', 'annex-99:1', ...[...tree.byKey.keys()].slice(0, 50).flatMap((key) => [`${key}.0`, `${key}.99999`, `${key}0`, `x${key}`])];
  for (const key of absent) {
    if (!tree.byKey.has(key)) {
      assert.equal(skeleton.ordinalOfKey(key), -1, `no clause has the key ${JSON.stringify(key)}`);
    }
  }
}
