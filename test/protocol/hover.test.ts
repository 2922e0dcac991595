/**
 * Hover and definition on every part of a citation (spec.md §4): a range shows each clause in it; the
 * document id or the brackets show the document (its outline, or every pinpoint of it in that citation), with
 * the same language versions in the same order as on a pinpoint;
 * a section citation shows the section's outline; definition opens the corpus file at the cited clause.
 * Only briefs (Markdown) are looked at.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Location } from 'vscode-languageserver-protocol';
import { readCorpusFile } from './corpusReader';
import { BUILTIN_CORPUS, fileUri, hoverText, LspClient, positionOf, startInWorkspace, unescapeMarkdown } from './lspClient';

const js = readCorpusFile(fs.readFileSync(path.join(BUILTIN_CORPUS, '2023-JS.md'), 'utf8'));
const econ = readCorpusFile(fs.readFileSync(path.join(BUILTIN_CORPUS, '2023-ECON.md'), 'utf8'));
const jsEnglish = readCorpusFile(fs.readFileSync(path.join(BUILTIN_CORPUS, '2023-JS.en.md'), 'utf8'));

function text(document: typeof js, clausePath: string): string {
  const clause = document.clauses.find((entry) => entry.path === clausePath);
  assert.ok(clause, `${document.id} §${clausePath} exists`);
  return clause.text;
}

function lineOf(document: typeof js, clausePath: string): number {
  return document.clauses.find((entry) => entry.path === clausePath)!.line;
}

const BRIEF = 'A [2023-JS §3.4–3.6] B [2023-JS §3.4, §5.2] C [2023-JS] D [2023-JS §3] E [2023-ECON] F [2023-JS §3.4–6; 2023-ECON §2.4]\n';

async function start(t: { after: (fn: () => Promise<void>) => void }, initializationOptions?: unknown): Promise<{ client: LspClient; uri: (relative: string) => string }> {
  const started = await startInWorkspace({}, { initializationOptions });
  t.after(() => started.client.dispose());
  return started;
}

async function hoverAt(client: LspClient, uri: string, marker: string, at: 'start' | number): Promise<string> {
  return unescapeMarkdown(hoverText(await client.hover(uri, positionOf(BRIEF, marker, { at }))));
}

test('hover on a range shows each clause in it, a shortened end too', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('hover.md');
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF), []);
  for (const hover of [await hoverAt(client, briefUri, '§3.4–3.6', 1), await hoverAt(client, briefUri, '§3.4–6;', 1)]) {
    for (const clausePath of ['3.4', '3.5', '3.6']) {
      assert.ok(hover.includes(text(js, clausePath)), `the range shows §${clausePath}`);
    }
    assert.ok(!hover.includes(text(js, '3.7')), 'and nothing after its end');
  }
});

test('hover on the document id or the brackets shows every pinpoint of that citation; a bare id shows the outline', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('hover.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF);
  for (const hover of [await hoverAt(client, briefUri, '[2023-JS §3.4, §5.2]', 3), await hoverAt(client, briefUri, '[2023-JS §3.4, §5.2]', 'start')]) {
    assert.ok(hover.includes(js.title), 'the document’s title');
    assert.ok(hover.includes(text(js, '3.4')) && hover.includes(text(js, '5.2')), `both pinpoints: ${hover.slice(0, 200)}`);
  }
  const outline = await hoverAt(client, briefUri, '[2023-JS]', 3);
  assert.ok(outline.includes(js.title));
  for (const section of ['§1', '§5', '§9']) {
    assert.ok(outline.includes(section), `the outline of 2023-JS lists ${section}`);
  }
  const econOutline = await hoverAt(client, briefUri, '[2023-ECON]', 3);
  for (const paragraph of ['§1', '§2', '§5']) {
    assert.ok(econOutline.includes(paragraph), `the outline of 2023-ECON lists ${paragraph}`);
  }
  const twoDocuments = await hoverAt(client, briefUri, '2023-ECON §2.4]', 3);
  assert.ok(twoDocuments.includes(econ.title) && twoDocuments.includes(text(econ, '2.4')), 'in a citation of two documents, the second id shows its own pinpoint');
});

/**
 * Where each language version's text (or label) first appears in a hover, in the order the hover shows them;
 * fails when one is missing.
 */
function versionOrder(hover: string, marks: Record<string, string>): string[] {
  const found = Object.entries(marks).map(([name, mark]) => {
    const at = hover.indexOf(mark);
    assert.ok(at >= 0, `the hover shows the ${name} version (${mark.slice(0, 30)}…): ${hover.slice(0, 300)}`);
    return { name, at };
  });
  return found.sort((left, right) => left.at - right.at).map((entry) => entry.name);
}

test('hover on the brackets, the id and the pinpoint shows the same language versions, in the order of pinpoint.languages', async (t) => {
  const brief = 'See [2023-JS §3.4] and [2023-JS].\n';
  const clauseMarks = { en: text(jsEnglish, '3.4'), zh: text(js, '3.4') };
  const labelMarks = { en: 'en · translation', zh: 'zh · authentic' };
  for (const [languages, expected] of [
    [['en'], ['en', 'zh']],
    [['zh'], ['zh', 'en']],
    [[], ['zh', 'en']],
  ] as const) {
    await t.test(`languages ${JSON.stringify(languages)}`, async (sub) => {
      const { client, uri } = await start(sub, { languages });
      const briefUri = uri('versions.md');
      assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(briefUri, brief), []);
      const hovers = new Map<string, string>();
      for (const [part, marker, at] of [
        ['opening bracket', '[2023-JS §3.4]', 'start'],
        ['document id', '2023-JS §3.4]', 3],
        ['pinpoint', '§3.4]', 2],
        ['closing bracket', ']', 'start'],
      ] as const) {
        const hover = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, marker, { at }))));
        assert.deepEqual(versionOrder(hover, clauseMarks), expected, `the clause text on the ${part}`);
        assert.deepEqual(versionOrder(hover, labelMarks), expected, `the version labels on the ${part}`);
        hovers.set(part, hover);
      }
      // The header (the first line) gives the first version's title on every part alike.
      const title = expected[0] === 'en' ? jsEnglish.title : js.title;
      for (const [part, hover] of hovers) {
        assert.ok(hover.split('\n')[0].includes(title), `the header on the ${part} is the ${expected[0]} version's: ${hover.split('\n')[0]}`);
      }
      // A whole-document citation: the outline in each version, in the same order.
      const outline = unescapeMarkdown(hoverText(await client.hover(briefUri, positionOf(brief, '[2023-JS]', { at: 3 }))));
      assert.deepEqual(versionOrder(outline, labelMarks), expected, 'the outline of every version, in order');
    });
  }
});

test('hover on a section citation shows the section’s outline', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('hover.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF);
  const hover = await hoverAt(client, briefUri, '§3]', 1);
  for (const paragraph of js.clauses.filter((entry) => entry.kind === 'paragraph' && entry.path.startsWith('3.'))) {
    assert.ok(hover.includes(`§${paragraph.path}`), `the outline lists §${paragraph.path}`);
  }
  assert.ok(!hover.includes('§4.1'), 'and nothing of section 4');
});

test('definition opens the corpus file at the cited clause: paragraph, range start, section, item, document', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('definition.md');
  const brief = 'See [2023-JS §3.4–3.6], [2023-JS §3], [2023-JS §1.7.3], [2023-ECON §2.4], [2023-JS].\n';
  await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
  const cases: [marker: string, file: string, line: number][] = [
    ['§3.4–3.6', '2023-JS.md', lineOf(js, '3.4')],
    ['§3]', '2023-JS.md', lineOf(js, '3')],
    ['§1.7.3', '2023-JS.md', lineOf(js, '1.7.3')],
    ['§2.4', '2023-ECON.md', lineOf(econ, '2.4')],
  ];
  for (const [marker, file, line] of cases) {
    const result = await client.definition(briefUri, positionOf(brief, marker, { at: 1 }));
    const location = (Array.isArray(result) ? result[0] : result) as Location | null;
    assert.ok(location, `a definition for ${marker}`);
    assert.equal(location.uri, fileUri(path.join(BUILTIN_CORPUS, file)));
    assert.equal(location.range.start.line, line, `${marker} lands on line ${line + 1} of ${file}`);
  }
  const documentResult = await client.definition(briefUri, positionOf(brief, '[2023-JS]', { at: 3 }));
  const documentLocation = (Array.isArray(documentResult) ? documentResult[0] : documentResult) as Location | null;
  assert.equal(documentLocation?.uri, fileUri(path.join(BUILTIN_CORPUS, '2023-JS.md')), 'the document id opens its file');
  assert.equal(await client.definition(briefUri, { line: 0, character: 1 }), null, 'no definition outside citations');
});

test('documents that are not Markdown are not briefs: no diagnostics, hover or completion', async (t) => {
  const { client, uri } = await start(t);
  const plain = uri('notes.txt');
  client.openDocument(plain, 'See [2099-NOPE §1] and [2023-JS §3.4].\n[2023-\n', 'plaintext');
  // A brief opened afterwards is checked after the text file, so its diagnostics mark the point where the
  // text file's would have been published.
  await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), '[2023-JS §3.4]\n');
  assert.deepEqual(client.latestDiagnostics(plain)?.diagnostics ?? [], [], 'no citation diagnostics in a plain-text file');
  assert.equal(await client.hover(plain, { line: 0, character: 25 }), null, 'no hover in a plain-text file');
  assert.deepEqual((await client.completion(plain, { line: 1, character: 6 })).items, [], 'no completion in a plain-text file');
});
