// Renaming a document id from a citation or from the corpus file's front matter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextEdit } from 'vscode-languageserver-types';
import { applyEdits, cursorOf, loadFixture, pathOf } from './draftingFixture';

const WORKSPACE = (marker: (text: string) => string): string =>
  marker(`//- /corpus/2099-T.md
---
id: 2099-T
title: A treaty
language: en
---

First paragraph.
//- /corpus/2099-T.fr.md
---
id: "2099-T"
title: Un traité
language: fr
---

Premier paragraphe.
//- /a.md
See [2099-T §1] and [2099-T; 2023-JS §3.4].
//- /notes/b.md
Also [2099-T] and \`[2099-T]\` in code.
`);

/** Renames at `$0` and returns every file that changed, as `path` → new text. */
function checkRename(fixture: string, newName: string, expected: Record<string, string> | { error: RegExp }, options: { writable?: (uri: string) => boolean } = {}): void {
  const loaded = loadFixture(fixture);
  const { document, position } = cursorOf(loaded);
  const context = { ...loaded.context, writable: options.writable };
  const prepared = loaded.service.prepareRename(document, position, context);
  const result = loaded.service.rename(document, position, newName, context);
  if ('error' in expected) {
    const error = 'error' in prepared ? prepared.error : 'error' in result ? result.error : undefined;
    assert.ok(error !== undefined, 'the rename is refused');
    assert.match(error, expected.error as RegExp);
    return;
  }
  assert.ok(!('error' in prepared), `prepareRename: ${'error' in prepared ? prepared.error : ''}`);
  assert.equal(document.getText(prepared.range), prepared.placeholder, 'the range holds the id');
  assert.ok(!('error' in result), `rename: ${'error' in result ? result.error : ''}`);
  const changed: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(result.changes ?? {})) {
    const file = loaded.files.get(pathOf(uri));
    assert.ok(file, `an edit of a fixture file, not ${uri}`);
    changed[pathOf(uri)] = applyEdits(file, edits as TextEdit[]);
  }
  assert.deepEqual(changed, expected);
}

const renamed = (text: string): string => text.replace(/2099-T(?![\w-])/g, '2099-TREATY');

describe('rename a document id', () => {
  const expectedFiles = (): Record<string, string> => {
    const full = WORKSPACE((text) => text);
    const files: Record<string, string> = {};
    for (const part of full.split(/^\/\/- (?=\/)/m).filter((piece) => piece.length > 0)) {
      const newline = part.indexOf('\n');
      files[part.slice(0, newline)] = part.slice(newline + 1);
    }
    files['/notes/b.md'] = 'Also [2099-TREATY] and `[2099-T]` in code.\n';
    files['/a.md'] = renamed(files['/a.md']);
    files['/corpus/2099-T.md'] = renamed(files['/corpus/2099-T.md']);
    files['/corpus/2099-T.fr.md'] = renamed(files['/corpus/2099-T.fr.md']);
    return files;
  };
  it('from a citation: every language version and every citation, code left alone', () => {
    checkRename(WORKSPACE((text) => text.replace('See [2099-T §1]', 'See [20$099-T §1]')), '2099-TREATY', expectedFiles());
  });
  it("from the front matter's id", () => {
    checkRename(WORKSPACE((text) => text.replace('id: 2099-T\n', 'id: 2099-$0T\n')), '2099-TREATY', expectedFiles());
  });
  it('refuses an invalid id, with the reason', () => {
    checkRename(WORKSPACE((text) => text.replace('See [2099-T §1]', 'See [20$099-T §1]')), '2099-treaty', { error: /not a document id.*upper case: 2099-TREATY/ });
    checkRename(WORKSPACE((text) => text.replace('See [2099-T §1]', 'See [20$099-T §1]')), 'treaty', { error: /not a document id/ });
  });
  it('refuses an id that is taken', () => {
    checkRename(WORKSPACE((text) => text.replace('See [2099-T §1]', 'See [20$099-T §1]')), '2023-JS', { error: /already the id of/ });
  });
  it('refuses a pinpoint, an unknown id, and files that cannot be edited', () => {
    checkRename(WORKSPACE((text) => text.replace('See [2099-T §1]', 'See [2099-T §$01]')), '2099-X', { error: /only a document id can be renamed/ });
    checkRename('See [$02098-NONE §1].\n', '2098-X', { error: /no loaded corpus defines it/ });
    checkRename(WORKSPACE((text) => text.replace('2023-JS §3.4]', '2023-$0JS §3.4]')), '2023-JSX', { error: /cannot be edited/ }, {
      writable: (uri) => uri.startsWith('file:///ws/'),
    });
  });
});

describe('rename keeps aliases in mind', () => {
  const ALIASED = (marker: (text: string) => string): string =>
    marker(`//- /corpus/2099-T.md
---
id: 2099-T
title: A treaty
aliases: [TREATY, TR]
---

1. First paragraph.
//- /corpus/2099-T.fr.md
---
id: 2099-T
title: Un traité
language: fr
authentic: false
aliases:
  - TREATY
---

1. Premier paragraphe.
//- /a.md
See [TREATY para. 1], [2099-T para. 1] and [ibid.].
`);

  it('renaming the id leaves citations written with an alias or ibid. as they are', () => {
    const fixture = ALIASED((text) => text.replace('[2099-T para. 1]', '[2099$0-T para. 1]'));
    const files = loadFixture(fixture).files;
    const expected: Record<string, string> = {};
    for (const path of ['/corpus/2099-T.md', '/corpus/2099-T.fr.md', '/a.md']) {
      expected[path] = (files.get(path)?.getText() ?? '').replace(/id: 2099-T\b/, 'id: 2099-TREATY').replace('[2099-T para. 1]', '[2099-TREATY para. 1]');
    }
    checkRename(fixture, '2099-TREATY', expected);
  });

  it('renames an alias from a citation: every front matter that gives it and every citation written with it', () => {
    const fixture = ALIASED((text) => text.replace('[TREATY para. 1]', '[TRE$0ATY para. 1]'));
    const files = loadFixture(fixture).files;
    checkRename(fixture, 'PACT', {
      '/corpus/2099-T.md': (files.get('/corpus/2099-T.md')?.getText() ?? '').replace('[TREATY, TR]', '[PACT, TR]'),
      '/corpus/2099-T.fr.md': (files.get('/corpus/2099-T.fr.md')?.getText() ?? '').replace('  - TREATY', '  - PACT'),
      '/a.md': (files.get('/a.md')?.getText() ?? '').replace('[TREATY para. 1]', '[PACT para. 1]'),
    });
  });

  it('refuses an alias that is taken or malformed, and ibid.', () => {
    const fixture = ALIASED((text) => text.replace('[TREATY para. 1]', '[TRE$0ATY para. 1]'));
    checkRename(fixture, 'tr', { error: /not an alias/ });
    checkRename(`${ALIASED((text) => text.replace('[TREATY para. 1]', '[TRE$0ATY para. 1]'))}//- /corpus/2098-X.md\n---\nid: 2098-X\ntitle: X\naliases: [PACT]\n---\nText.\n`, 'PACT', { error: /already an alias of 2098-X/ });
    checkRename(ALIASED((text) => text.replace('[ibid.]', '[ib$0id.]')), 'X', { error: /refers to the citation before it/ });
  });
});
