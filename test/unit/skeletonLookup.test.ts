/**
 * Looking clauses up on a document's skeleton (`Skeleton.ordinalOfKey`, `Skeleton.clauseAt`) without
 * materialising its clause tree, and resolving pinpoints that way: the same clauses, fields and problems as
 * through the tree, on real corpus files and on the files that make keys other than a parent's plus a number.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCitationBody, Pinpoint } from '../../server/src/service/citationParser';
import { parseCorpusDocument } from '../../server/src/service/corpusParser';
import { CorpusIndex } from '../../server/src/service/corpusIndex';
import { resolvePinpoint, ResolvedPinpoint } from '../../server/src/service/resolve';
import { Skeleton } from '../../server/src/service/skeleton';
import { needsShared, REPOSITORY, sharedPath } from '../helpers/shared';
import { checkSkeleton } from './helpers/skeleton';

/** The Markdown files under a folder, sorted. */
function markdownFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(folder, name))
    .sort();
}

/** Corpus files whose keys are not all their parent's key and a number: annexes, empty items, duplicates. */
const EDGE_CASES: Record<string, string> = {
  annexes: `---\nid: 2020-ANX\n---\n\n## 1\n\n1. One.\n\n(a) item\n\n## 2\n\nTwo.\n\n# Annex I\n\n## 1\n\nIn the annex.\n\n- item\n  - sub\n\n# Annex II\n\nPlain annex text.\n\n- first\n- second\n\n# Annex\n\n## 1\n\nUnnamed annex.\n`,
  'duplicate annexes': `---\nid: 2020-DUP\n---\n\n## 1\n\nBody.\n\n# Annex II\n\n- item\n- item\n\n## Annex\n\n- item\n\n# Annex II\n\n- again\n\n## 1\n\nText one.\n\n(a) item\n`,
  'empty items': `---\nid: 2020-EMP\n---\n\n## 1\n\nChapeau.\n\n- \n  - sub\n    - subsub\n- item\n  - \n    - deep\n\n## 2\n\n- \n- \n  - only\n`,
  'no sections': `---\nid: 2020-FLAT\n---\n\nFirst paragraph.\n\n- \n  - sub\n\n1. Printed one.\n\n(a) item a\n\n(b) item b\n\n2. Printed two.\n`,
  'zh items': `---\nid: 2020-ZH\nlanguage: zh\n---\n\n## 第一条\n\n总则。\n\n- （一）甲\n- （二）乙\n\n## 第二条\n\n第一款。\n\n第二款。\n\n- （一）丙\n`,
};

describe('skeleton lookups', () => {
  it('find every key and clause of the files that make keys otherwise as the materialised tree does', () => {
    let withPathOverrides = 0;
    let withDuplicateKeys = 0;
    let withAnnexes = 0;
    for (const [name, text] of Object.entries(EDGE_CASES)) {
      const document = parseCorpusDocument(text);
      const skeleton = Skeleton.of(document, text.length);
      withPathOverrides += [...skeleton.overrides.values()].some((override) => override.path !== undefined) ? 1 : 0;
      withDuplicateKeys += new Set(document.clauses.map((clause) => clause.key)).size < document.clauses.length ? 1 : 0;
      withAnnexes += document.clauses.some((clause) => clause.kind === 'annex') ? 1 : 0;
      assert.doesNotThrow(() => checkSkeleton(text, document), name);
    }
    // The cases above do hold what they are named for.
    assert.ok(withPathOverrides >= 2, 'some clauses keep a path their parent does not give');
    assert.ok(withDuplicateKeys >= 1, 'some keys name two clauses (the first is found)');
    assert.ok(withAnnexes >= 2, 'some documents have annexes');
  });

  it('find every key and clause of the built-in corpus and the fixtures as the materialised tree does', () => {
    const files = [...markdownFiles(path.join(REPOSITORY, 'corpus')), ...markdownFiles(path.join(REPOSITORY, 'test', 'fixtures'))];
    assert.ok(files.length > 20);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      checkSkeleton(text, parseCorpusDocument(text));
    }
  });

  it('find every key and clause of real treaties and statutes as the materialised tree does', needsShared('corpora/nl-treaties', 'corpora/Laws'), () => {
    // Every ninth file: about 540 files, some of them thousands of clauses long.
    for (const folder of ['corpora/nl-treaties', 'corpora/Laws']) {
      const files = markdownFiles(sharedPath(folder) as string).filter((_, position) => position % 9 === 0);
      assert.ok(files.length > 100, folder);
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        checkSkeleton(text, parseCorpusDocument(text));
      }
    }
  });
});

/** What a resolution says, as plain values (clauses by their fields). */
function plain(resolved: ResolvedPinpoint): unknown {
  const fields = (clause: ResolvedPinpoint['clauses'][number] | undefined): unknown =>
    clause && { ordinal: clause.ordinal, key: clause.key, path: [...clause.path], kind: clause.kind, label: clause.label, labelKey: clause.labelKey, annex: clause.annex, parent: clause.parent, text: clause.text, range: clause.range, span: clause.span };
  return {
    clauses: resolved.clauses.map(fields),
    problem: resolved.problem,
    warning: resolved.warning && { ...resolved.warning, intended: fields(resolved.warning.intended) },
  };
}

/** Pinpoints of a document's keys: each key, ranges from it, and keys it lacks. */
function pinpointsOf(keys: readonly string[]): string[] {
  const paths = keys.filter((key) => /^[0-9]+(\.[0-9]+)*$/.test(key));
  const written: string[] = [];
  for (let position = 0; position < paths.length; position++) {
    const key = paths[position];
    written.push(`§${key}`, `§${key}.99`, `§${key}–${paths[Math.min(position + 2, paths.length - 1)]}`, `§${key}–${paths[Math.max(position - 1, 0)]}`);
  }
  written.push('§999', '§1.999', '§0', 'art. 1', 'art. 2(1)', 'art. 1(a)', 'para. 2', 'annex II art. 1', 'arts 1–2', '第一条第二款');
  return written;
}

describe('resolving against the skeleton', () => {
  it('resolves every pinpoint as through the materialised tree: clauses, fields, problems and warnings', () => {
    const files = [...markdownFiles(path.join(REPOSITORY, 'corpus')), ...markdownFiles(path.join(REPOSITORY, 'test', 'fixtures', 'printed'))];
    const texts = [...files.map((file) => fs.readFileSync(file, 'utf8')), ...Object.values(EDGE_CASES)];
    let compared = 0;
    let warned = 0;
    for (const text of texts) {
      const document = parseCorpusDocument(text);
      if (document.id === undefined) {
        continue;
      }
      const withTree = new CorpusIndex();
      const cached = withTree.set('file:///corpus/a.md', 'file:///corpus', text);
      assert.ok(cached);
      assert.ok(cached.tree.clauses.length >= 0, 'the tree is materialised (and cached) first');
      for (const written of pinpointsOf(document.clauses.map((clause) => clause.key))) {
        const body: string = `${document.id} ${written}`;
        const pinpoint: Pinpoint | undefined = parseCitationBody(body, 0, body.length).cites[0]?.pinpoints[0];
        if (!pinpoint) {
          continue;
        }
        // A fresh index for each pinpoint: no tree is cached when it is resolved.
        const fresh = new CorpusIndex().set('file:///corpus/a.md', 'file:///corpus', text);
        assert.ok(fresh);
        const expected = resolvePinpoint(cached, pinpoint);
        assert.deepEqual(plain(resolvePinpoint(fresh, pinpoint)), plain(expected), `${body}`);
        compared++;
        warned += expected.warning ? 1 : 0;
      }
    }
    assert.ok(compared > 500, `${compared} pinpoints compared`);
    assert.ok(warned > 0, 'some pinpoints get a positional-mismatch warning');
  });
});
