// Quick fixes: canonical forms for malformed and non-canonical citations, did-you-mean for unknown ids and
// clauses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Range } from 'vscode-languageserver-types';
import { canonicalCitationBody } from '../../server/src/service/codeActions';
import { applyEdits, cursorOf, loadFixture } from './draftingFixture';

interface Expected {
  /** The diagnostic code at `$0`, and its severity (1 error … 4 hint). */
  readonly code: string;
  readonly severity?: number;
  /** Each offered fix, as the brief it leaves, in order. */
  readonly fixes: readonly string[];
  /** The preferred fix's index in `fixes`. */
  readonly preferred?: number;
}

/** The diagnostics at `$0` and the quick fixes offered there. */
function checkFixes(brief: string, expected: Expected): void {
  const loaded = loadFixture(brief);
  const { document, position } = cursorOf(loaded);
  const diagnostics = loaded.service.briefDiagnostics(document, loaded.scope);
  const here = diagnostics.filter((diagnostic) => document.offsetAt(diagnostic.range.start) <= document.offsetAt(position) && document.offsetAt(position) <= document.offsetAt(diagnostic.range.end));
  assert.deepEqual(here.map((diagnostic) => diagnostic.code), [expected.code], JSON.stringify(diagnostics));
  if (expected.severity !== undefined) {
    assert.equal(here[0].severity, expected.severity);
  }
  const actions = loaded.service.codeActions(document, Range.create(position, position), loaded.scope, here);
  const results = actions.map((action) => applyEdits(document, action.edit?.changes?.[document.uri] ?? []));
  assert.deepEqual(results, expected.fixes);
  for (const action of actions) {
    assert.equal(action.kind, 'quickfix');
    assert.deepEqual(action.diagnostics, here);
  }
  if (expected.preferred !== undefined) {
    assert.equal(actions.findIndex((action) => action.isPreferred), expected.preferred);
  }
}

describe('fixes to the canonical form', () => {
  it('malformed citations stay errors and get a fix', () => {
    checkFixes('See [2023-JS § 3.4]$0.\n', { code: 'malformed-citation', severity: 1, fixes: ['See [2023-JS §3.4].\n'], preferred: 0 });
    checkFixes('See [2023-JS§3.4]$0.\n', { code: 'malformed-citation', fixes: ['See [2023-JS §3.4].\n'] });
    checkFixes('See [2023-JS  §3.4]$0.\n', { code: 'malformed-citation', fixes: ['See [2023-JS §3.4].\n'] });
    checkFixes('See [2023-js §3.4]$0.\n', { code: 'malformed-citation', fixes: ['See [2023-JS §3.4].\n'] });
    checkFixes('See [$02023-JS §3.4,§3.5;2023-ECON §2.4].\n', { code: 'malformed-citation', fixes: ['See [2023-JS §3.4, §3.5; 2023-ECON §2.4].\n'] });
    checkFixes('See [$02023-JS §3.4–§3.6].\n', { code: 'malformed-citation', fixes: ['See [2023-JS §3.4–3.6].\n'] });
  });
  it('a malformed citation that no lenient reading understands gets no fix', () => {
    checkFixes('See [$02023-JS §three].\n', { code: 'malformed-citation', fixes: [] });
  });
  it('full-width brackets and digits are a hint with a fix', () => {
    checkFixes('见［2023-JS §3.4］$0。\n', { code: 'non-canonical-citation', severity: 4, fixes: ['见[2023-JS §3.4]。\n'], preferred: 0 });
    checkFixes('见【$02023-JS §3.4】。\n', { code: 'non-canonical-citation', fixes: ['见[2023-JS §3.4]。\n'] });
    checkFixes('见［$0２０２３-JS　§３．４］。\n', { code: 'non-canonical-citation', fixes: ['见[2023-JS §3.4]。\n'] });
    checkFixes('见[$0２０２３-JS §3.4]。\n', { code: 'non-canonical-citation', fixes: ['见[2023-JS §3.4]。\n'] });
  });
  it('full-width brackets in code, or around other text, are left alone', () => {
    const loaded = loadFixture('`［2023-JS §3.4］` and 【新华社】 and ［2023-03-21］.\n');
    const document = loaded.files.get('/brief.md');
    assert.ok(document);
    assert.deepEqual(loaded.service.briefDiagnostics(document, loaded.scope), []);
  });
  it('the lenient reading', () => {
    assert.equal(canonicalCitationBody('2023 - js  § 3 . 4 ～ 6 ,§5.2 ; 2023-ECON'), '2023-JS §3.4–6, §5.2; 2023-ECON');
    assert.equal(canonicalCitationBody('2023-JS §03.4'), '2023-JS §3.4');
    assert.equal(canonicalCitationBody('2023-JS 3.4'), '2023-JS §3.4');
    assert.equal(canonicalCitationBody('2023-03-21'), undefined);
    assert.equal(canonicalCitationBody('2023-JS §'), undefined);
  });
});

describe('did you mean', () => {
  it('an unknown id: the nearest ids by edit distance', () => {
    checkFixes('See [2022-J$0S §3.4].\n', { code: 'unknown-document', fixes: ['See [2023-JS §3.4].\n'], preferred: 0 });
    checkFixes('See [2023-E$0CO §2.4].\n', { code: 'unknown-document', fixes: ['See [2023-ECON §2.4].\n', 'See [2023-JS §2.4].\n'] });
  });
  it('an unknown id that differs by case only', () => {
    checkFixes(
      `//- /corpus/2099-Ab.md
---
id: 2099-AB
title: T
---

Text.
//- /brief.md
See [2099-A$0B2 §1] and [2099-AB §1].
`,
      { code: 'unknown-document', fixes: ['See [2099-AB §1] and [2099-AB §1].\n'] },
    );
  });
  it('an unknown clause: the nearest clauses at the same depth', () => {
    checkFixes('See [2023-JS §3.1$06].\n', { code: 'unknown-clause', fixes: ['See [2023-JS §3.1].\n', 'See [2023-JS §3.6].\n', 'See [2023-JS §3.10].\n'] });
    checkFixes('See [2023-ECON §2.$09].\n', { code: 'unknown-clause', fixes: ['See [2023-ECON §2.1].\n', 'See [2023-ECON §2.2].\n', 'See [2023-ECON §2.3].\n'] });
  });
  it('an unknown end of a range replaces the end only', () => {
    checkFixes('See [2023-JS §3.4–1$06].\n', { code: 'unknown-clause', fixes: ['See [2023-JS §3.4–3.1].\n', 'See [2023-JS §3.4–3.6].\n', 'See [2023-JS §3.4–3.10].\n'] });
  });
});
