// Find all references (from a citation, or from a clause, section or document in a corpus file), and the
// CodeLens citation counts that rest on the same rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorOf, loadFixture, pathOf, seedClausePosition, textAt } from './draftingFixture';

/** Every reference found from `$0`, as `path:line: text`, in the order returned. */
function checkReferences(fixture: string, expected: readonly string[], options: { includeDeclaration?: boolean } = {}): void {
  const loaded = loadFixture(fixture);
  const { document, position } = cursorOf(loaded);
  const locations = loaded.service.references(document, position, loaded.context, options.includeDeclaration ?? false);
  assert.ok(locations, 'a reference result');
  const seen = locations.map((location) => {
    const file = loaded.files.get(pathOf(location.uri));
    const text = file ? textAt(file, location.range) : '';
    return `${pathOf(location.uri)}:${location.range.start.line + 1}: ${text}`;
  });
  assert.deepEqual(seen, expected);
}

const WORKSPACE = `//- /a.md
See [2023-JS §3.4] and [2023-JS §3.4–3.6].
Also [2023-JS §3.5, §1.2; 2023-ECON §2.4] and [2023-JS].
//- /notes/b.md
Energy: [2023-JS §3.6]; whole section [2023-JS §3]; item [2023-JS §1.7.3].
\`[2023-JS §3.5]\` is code, [2023-js §3.5] is malformed.
`;

describe('references from a citation', () => {
  it('a clause: single citations, ranges that cover it, multi-citations, across files', () => {
    checkReferences(WORKSPACE.replace('[2023-JS §3.6];', '[2023-JS §3.$05];'), ['/a.md:1: §3.4–3.6', '/a.md:2: §3.5', '/notes/b.md:1: §3.5']);
  });
  it('a range: every citation of any clause in it', () => {
    checkReferences(WORKSPACE.replace('See [2023-JS §3.4]', 'See [2023-JS §3.4$0]'), ['/a.md:1: §3.4', '/a.md:1: §3.4–3.6']);
    checkReferences(WORKSPACE.replace('[2023-JS §3.4–3.6]', '[2023-JS §3.4–$03.6]'), [
      '/a.md:1: §3.4',
      '/a.md:1: §3.4–3.6',
      '/a.md:2: §3.5',
      '/notes/b.md:1: §3.6',
    ]);
  });
  it('a document id: every cite of the document, with or without pinpoints', () => {
    checkReferences(WORKSPACE.replace('item [2023-JS', 'item [20$023-JS'), [
      '/a.md:1: 2023-JS',
      '/a.md:1: 2023-JS',
      '/a.md:2: 2023-JS',
      '/a.md:2: 2023-JS',
      '/notes/b.md:1: 2023-JS',
      '/notes/b.md:1: 2023-JS',
      '/notes/b.md:1: 2023-JS',
    ]);
  });
  it('with the declaration: the clause in its corpus file comes first', () => {
    checkReferences(WORKSPACE.replace('2023-ECON §2.4', '2023-ECON §2$0.4'), ['seed:2023-ECON.md:24: ', '/a.md:2: §2.4'], { includeDeclaration: true });
  });
  it('outside any citation there is nothing to find', () => {
    const loaded = loadFixture('Just $0text [2023-JS §3.4].\n');
    const { document, position } = cursorOf(loaded);
    assert.equal(loaded.service.references(document, position, loaded.context, false), null);
  });
});

describe('references from a corpus file', () => {
  const corpus = (marker: (text: string) => string): string => `//- /corpus/2099-T.md
${marker(`---
id: 2099-T
title: A treaty
---

## 1

First paragraph.

Second paragraph with items:

- item one
- item two

## 2

Last paragraph.
`)}//- /brief.md
[2099-T §1.2.2], [2099-T §1.1–2], [2099-T §2], [2099-T §2.1] and [2099-T].
`;
  it('a paragraph: its own citations, ranges over it and citations of its items', () => {
    checkReferences(corpus((text) => text.replace('Second paragraph', 'Second $0paragraph')), ['/brief.md:1: §1.2.2', '/brief.md:1: §1.1–2']);
  });
  it('an item', () => {
    checkReferences(corpus((text) => text.replace('- item two', '- item $0two')), ['/brief.md:1: §1.2.2']);
  });
  it('a section heading: everything in the section', () => {
    checkReferences(corpus((text) => text.replace('## 2', '## $02')), ['/brief.md:1: §2', '/brief.md:1: §2.1']);
  });
  it('the front matter: the document', () => {
    checkReferences(corpus((text) => text.replace('id: 2099-T', 'id: 2099$0-T')), [
      '/brief.md:1: 2099-T',
      '/brief.md:1: 2099-T',
      '/brief.md:1: 2099-T',
      '/brief.md:1: 2099-T',
      '/brief.md:1: 2099-T',
    ]);
  });
  it('briefs that are not open are found (the index is fed per file), and forgotten when deleted', () => {
    const loaded = loadFixture(WORKSPACE);
    loaded.service.setBriefText('file:///ws/closed.md', 'Closed brief: [2023-JS §3.4].\n');
    const position = seedClausePosition(loaded.service, '2023-JS', '3.4');
    const corpusDocument = { uri: position.uri, version: 1, getText: () => '', offsetAt: () => 0, positionAt: () => ({ line: 0, character: 0 }) };
    const find = (): string[] =>
      (loaded.service.references(corpusDocument, position, loaded.context, false) ?? []).map((location) => `${pathOf(location.uri)}:${location.range.start.line + 1}`);
    assert.deepEqual(find(), ['/a.md:1', '/a.md:1', '/closed.md:1']);
    loaded.service.deleteBrief('file:///ws/closed.md');
    assert.deepEqual(find(), ['/a.md:1', '/a.md:1']);
  });
});

describe('CodeLens citation counts', () => {
  it('counts per clause of a corpus file, with a command that shows the references', () => {
    const loaded = loadFixture(WORKSPACE);
    const entry = loaded.service.index.resolve('2023-JS', loaded.scope);
    assert.ok(entry);
    const document = { uri: entry.uri, version: 1, getText: () => '', offsetAt: () => 0, positionAt: () => ({ line: 0, character: 0 }) };
    const lenses = loaded.service.codeLenses(document, loaded.context);
    assert.ok(lenses);
    assert.equal(lenses.length, entry.document.clauses.length, 'one per clause');
    const titleOf = (key: string): string | undefined => {
      const clause = entry.byKey.get(key);
      assert.ok(clause);
      return lenses[clause.ordinal].command?.title;
    };
    assert.equal(titleOf('3.4'), '2 citations');
    assert.equal(titleOf('3.5'), '2 citations');
    assert.equal(titleOf('3.6'), '2 citations');
    assert.equal(titleOf('3'), '5 citations');
    assert.equal(titleOf('1.7.3'), '1 citation');
    assert.equal(titleOf('1.7'), '1 citation');
    assert.equal(titleOf('9.9'), 'no citations');
    const lens = lenses[entry.byKey.get('3.4')?.ordinal ?? -1];
    assert.equal(lens.command?.command, 'pinpoint.showReferences');
    assert.deepEqual(lens.command?.arguments, [entry.uri, lens.range.start]);
  });
  it('a brief has no CodeLens', () => {
    const loaded = loadFixture(WORKSPACE);
    const document = loaded.files.get('/a.md');
    assert.ok(document);
    assert.equal(loaded.service.codeLenses(document, loaded.context), null);
  });
});
