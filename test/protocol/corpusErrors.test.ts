/**
 * `corpus-error` through the protocol (spec.md §2, §4): a workspace corpus file with bad front matter, a
 * missing, malformed or duplicate id, or a duplicate section number gets a `corpus-error` on that file,
 * and everything else keeps working. Corpus files are not briefs: citations in them are not checked.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { corpusFile, hoverText, LspClient, startInWorkspace } from './lspClient';

const GOOD = corpusFile(
  '2099-GOOD',
  'A good document',
  '## 一\n\nFirst of one.\n\nSecond of one, which mentions [2099-NOPE §1] in passing.\n\n## 二\n\nFirst of two.',
);

const FILES: Record<string, string> = {
  'corpus/good.md': GOOD,
  'corpus/bad-yaml.md': '---\nid: [2099-BAD\ntitle: Broken YAML\n---\n\nText.\n',
  'corpus/no-id.md': '---\ntitle: A title and no id\n---\n\nText.\n',
  'corpus/no-title.md': '---\nid: 2099-NOTITLE\n---\n\nText.\n',
  'corpus/bad-id.md': '---\nid: not-an-id\ntitle: An id that is not a document id\n---\n\nText.\n',
  'corpus/dup-a.md': corpusFile('2099-DUP', 'The first of two with one id', 'Text of the first.'),
  'corpus/nested/dup-b.md': corpusFile('2099-DUP', 'The second of two with one id', 'Text of the second.'),
  'corpus/dup-section.md': corpusFile('2099-DUPSEC', 'Two sections numbered one', '## 一\n\nOne.\n\n## 二\n\nTwo.\n\n## 一\n\nOne again.'),
  'corpus/README.md': 'This folder holds the corpus. It has no front matter, so it is no corpus file.\n',
};

function corpusErrors(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === 'corpus-error');
}

function hasCorpusError(diagnostics: Diagnostic[]): boolean {
  return corpusErrors(diagnostics).length > 0;
}

async function start(t: { after: (fn: () => Promise<void>) => void }): Promise<{ client: LspClient; uri: (relative: string) => string }> {
  const started = await startInWorkspace(FILES);
  t.after(() => started.client.dispose());
  return started;
}

test('each broken corpus file gets a corpus-error on that file, and only the broken ones', async (t) => {
  const { client, uri } = await start(t);
  // Opening a brief waits for the corpus to load; the corpus files' diagnostics come with it.
  await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), '[2099-GOOD §1.1]\n');
  for (const file of ['corpus/bad-yaml.md', 'corpus/no-id.md', 'corpus/no-title.md', 'corpus/bad-id.md', 'corpus/dup-section.md']) {
    const diagnostics = await client.waitForDiagnostics(uri(file), { accept: hasCorpusError, describe: `a corpus-error on ${file}` });
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.code, 'corpus-error', `${file}: only corpus-error diagnostics`);
      assert.equal(diagnostic.source, 'pinpoint');
      assert.equal(diagnostic.severity, 1);
    }
  }
  const sectionErrors = corpusErrors((await client.waitForDiagnostics(uri('corpus/dup-section.md'), { accept: hasCorpusError }))!);
  assert.ok(
    sectionErrors.some((diagnostic) => diagnostic.range.start.line === FILES['corpus/dup-section.md'].split('\n').lastIndexOf('## 一')),
    `the duplicate section number is reported at the second heading: ${JSON.stringify(sectionErrors)}`,
  );
  // Of two files with one id, at least one is told.
  await client.waitFor('a corpus-error on one of the two files with id 2099-DUP', () =>
    [uri('corpus/dup-a.md'), uri('corpus/nested/dup-b.md')].some((file) => hasCorpusError(client.latestDiagnostics(file)?.diagnostics ?? [])) ? true : undefined,
  );
  // The good file, and the README without front matter, have no problem (the citation in the good file is
  // text of the corpus, not a brief's citation).
  for (const file of ['corpus/good.md', 'corpus/README.md']) {
    assert.deepEqual(client.latestDiagnostics(uri(file))?.diagnostics ?? [], [], `${file} has no diagnostics`);
  }
});

test('the rest keeps working: briefs resolve the good documents, the built-in corpus and the duplicated id', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('brief.md');
  const text = 'See [2099-GOOD §1.2], [2099-GOOD §2.1], [2023-JS §3.4] and [2099-DUP §1].\nAlso [2099-GOOD §3].\n';
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(briefUri, text);
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]),
    [['unknown-clause', 1]],
  );
  const hover = hoverText(await client.hover(briefUri, { line: 0, character: text.indexOf('§1.2') + 1 }));
  assert.ok(hover.includes('Second of one'), `hover shows the good document's clause: ${hover}`);
  const completion = await client.completion(briefUri, { line: 1, character: 'Also ['.length });
  assert.ok(completion.items.some((item) => item.label === '2099-GOOD'), 'the good document is offered');
});

test('a corpus file open in the editor: problems appear and clear as it is edited, and briefs follow its text', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('brief.md');
  assert.deepEqual(
    (await client.openDocumentAndWaitForDiagnostics(briefUri, '[2099-GOOD §2.2]\n')).map((diagnostic) => diagnostic.code),
    ['unknown-clause'],
  );
  const corpusUri = uri('corpus/good.md');
  let since = client.mark();
  client.openDocument(corpusUri, GOOD);
  // Editing the corpus file adds §2.2: the open brief is rechecked against the editor's text.
  client.changeDocument(corpusUri, GOOD.replace('First of two.', 'First of two.\n\nSecond of two.'));
  await client.waitForDiagnostics(briefUri, { since, accept: (diagnostics) => diagnostics.length === 0, describe: 'the brief rechecked against the edited corpus file' });
  since = client.mark();
  client.changeDocument(corpusUri, GOOD + '\n## 一\n\nA second section one.\n');
  const broken = await client.waitForDiagnostics(corpusUri, { since, accept: hasCorpusError, describe: 'a corpus-error while typing a duplicate section' });
  assert.ok(broken.every((diagnostic) => diagnostic.code === 'corpus-error'));
  since = client.mark();
  client.changeDocument(corpusUri, GOOD);
  await client.waitForDiagnostics(corpusUri, { since, accept: (diagnostics) => diagnostics.length === 0, describe: 'the corpus-error cleared once fixed' });
  since = client.mark();
  client.changeDocument(corpusUri, '---\nid: [broken\n---\n\nText.\n');
  await client.waitForDiagnostics(corpusUri, { since, accept: hasCorpusError, describe: 'a corpus-error for front matter broken while typing' });
  await client.waitForDiagnostics(briefUri, {
    since,
    accept: (diagnostics) => diagnostics.some((diagnostic) => diagnostic.code === 'unknown-document'),
    describe: 'the brief loses 2099-GOOD while its file is broken',
  });
});

test('a corpus file that changes updates the others, and unchanged diagnostics are not sent again', async (t) => {
  const files = { ...FILES, 'corpus/zz-marker.md': corpusFile('2099-MARKER', 'A good file sorted last', 'Text.') };
  const started = await startInWorkspace(files);
  t.after(() => started.client.dispose());
  const { client, uri, folder } = started;
  await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), '[2099-GOOD §1.1]\n');
  await client.waitForDiagnostics(uri('corpus/dup-section.md'), { accept: hasCorpusError, describe: 'the duplicate sections reported' });
  const before = client.latestDiagnostics(uri('corpus/dup-section.md'))!;

  // The file without an id takes the id of zz-marker.md, which it sorts before: zz-marker.md, unchanged, is now
  // the duplicate. Only the pass over every corpus file tells it, after the files that had problems before.
  fs.writeFileSync(path.join(folder, 'corpus', 'no-id.md'), corpusFile('2099-MARKER', 'The same id, sorted first', 'Text.'));
  client.notifyWatchedFiles([{ uri: uri('corpus/no-id.md'), type: 2 }]);
  await client.waitForDiagnostics(uri('corpus/no-id.md'), { accept: (diagnostics) => diagnostics.length === 0, describe: 'no-id.md, fixed, is clear' });
  const duplicate = await client.waitForDiagnostics(uri('corpus/zz-marker.md'), { accept: hasCorpusError, describe: 'zz-marker.md is the duplicate now' });
  assert.match(duplicate!.map((diagnostic) => diagnostic.message).join('\n'), /duplicate id 2099-MARKER/);
  // The pass went over the duplicate sections first, whose problem did not change: not published again.
  const after = client.latestDiagnostics(uri('corpus/dup-section.md'))!;
  assert.equal(after.sequence, before.sequence, 'the unchanged diagnostics of dup-section.md were not published again');
  assert.ok(hasCorpusError(after.diagnostics));
});
