/**
 * Drafting the treaty itself, through the protocol (`dist/server.js`): the diagnostics of a draft corpus file
 * (`broken-cross-reference`, `defined-term`, `version-mismatch`), navigation on its cross-references and
 * defined terms (hover, definition, document links, references), and the "Renumber and update references"
 * code action, whose one workspace edit renumbers the draft, its other language version and the briefs that
 * cite it, previewed through change annotations, or is refused with the reason.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientCapabilities, CodeAction, Diagnostic, DocumentLink, Hover, Location, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { clientCapabilities, fileUri, hoverText, LspClient, makeTempFolder, positionOf, SERVER_PATH, unescapeMarkdown, writeFiles } from './lspClient';

const REPOSITORY = path.join(__dirname, '..', '..');
const EXAMPLE_EN = fs.readFileSync(path.join(REPOSITORY, 'examples', 'corpus', '2025-SCI.en.md'), 'utf8');
const EXAMPLE_ZH = fs.readFileSync(path.join(REPOSITORY, 'examples', 'corpus', '2025-SCI.zh.md'), 'utf8');
const EXAMPLE_BRIEF = fs.readFileSync(path.join(REPOSITORY, 'examples', 'drafting', 'science-agreement-brief.md'), 'utf8');

/** A client that previews workspace edits through change annotations and shows disabled code actions, as VS Code does. */
function editorCapabilities(annotations: boolean): ClientCapabilities {
  const base = clientCapabilities({ watcherRegistration: true });
  return {
    ...base,
    workspace: { ...base.workspace, workspaceEdit: annotations ? { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } : {} },
    textDocument: { ...base.textDocument, codeAction: { disabledSupport: annotations, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
  };
}

/**
 * Starts the server on a workspace of files, as an editor client with (or without) change annotations. Built
 * from lspClient.ts's exported parts, since the capabilities differ from its default client's.
 */
async function startDrafting(t: { after: (fn: () => Promise<void>) => void }, files: Record<string, string>, annotations = true): Promise<{ client: LspClient; folder: string; uri: (relative: string) => string }> {
  const workspace = makeTempFolder('pinpoint-drafting-');
  writeFiles(workspace.path, files);
  const scratch = makeTempFolder('pinpoint-server-');
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { cwd: scratch.path, env: { ...process.env, XDG_CACHE_HOME: path.join(scratch.path, 'cache') }, stdio: ['pipe', 'pipe', 'pipe'] });
  const client = new LspClient(child, undefined);
  client.onDispose(workspace.cleanup);
  client.onDispose(scratch.cleanup);
  t.after(() => client.dispose());
  client.initializeResult = await client.request('initialize', {
    processId: process.pid,
    rootUri: workspace.uri,
    workspaceFolders: [{ uri: workspace.uri, name: 'drafting' }],
    capabilities: editorCapabilities(annotations),
  });
  void client.connection.sendNotification('initialized', {});
  return { client, folder: workspace.path, uri: (relative) => fileUri(path.join(workspace.path, relative)) };
}

/** A hover's text as a reader sees it (Markdown escapes undone). */
function shown(hover: Hover | null): string {
  return unescapeMarkdown(hoverText(hover));
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.code}/${diagnostic.severity}`);
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message);
}

/** Applies the edits of a workspace edit to one file's text. */
function applyTo(edit: WorkspaceEdit, uri: string, text: string): string {
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && (change as TextDocumentEdit).textDocument.uri === uri) {
      edits.push(...(change as TextDocumentEdit).edits.map((textEdit) => ({ range: textEdit.range, newText: 'newText' in textEdit ? textEdit.newText : '' })));
    }
  }
  edits.push(...(edit.changes?.[uri] ?? []));
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), edits);
}

const DRAFT = `---
id: 2099-SCI
title: Draft science agreement
language: en
status: draft
---

The Parties (hereinafter “the Parties”),

Desiring to set up a “Committee”,

Have agreed as follows:

## Article 1 – Definitions

For the purposes of this Agreement:

- (a) “Committee” means the committee established under article 3;
- (b) “Observer” means a guest of the Committee.

## Article 2 – Cooperation

1. the Parties shall cooperate within 5 years.

2. Paragraph 1 does not apply to defence; see article 9, and article 3 on the Committee; an article of faith.

## Article 3 – Committee

The Committee meets once a year. “Committee” means the joint body.
`;

const DRAFT_ZH = `---
id: 2099-SCI
title: 科学协定草案
language: zh
status: draft
---

双方，

希望设立委员会，

达成协议如下：

## 第一条 定义

就本协定而言：

- （一）“委员会”是指根据第三条设立的委员会；
- （二）“观察员”是指委员会的客人。

## 第二条 合作

一、双方应在三年内开展合作。

二、第一款不适用于国防；见第二条。

## 第三条 委员会

委员会每年举行一次会议。
`;

test('a draft gets broken-cross-reference and defined-term diagnostics, and both versions version-mismatch', async (t) => {
  const { client, uri } = await startDrafting(t, { 'corpus/sci.en.md': DRAFT, 'corpus/sci.zh.md': DRAFT_ZH });
  const en = uri('corpus/sci.en.md');
  const zh = uri('corpus/sci.zh.md');
  client.openDocument(en, DRAFT);
  const english = await client.waitForDiagnostics(en, { describe: 'the drafting diagnostics of the English draft', accept: (found) => found.some((diagnostic) => diagnostic.code === 'version-mismatch') });
  assert.deepEqual(codes(english), ['defined-term/2', 'defined-term/4', 'version-mismatch/2', 'version-mismatch/2', 'broken-cross-reference/2', 'defined-term/2']);
  const [quoted, unused, numbers, references, broken, twice] = english;
  assert.equal(messageOf(twice), 'defined term: “Committee” is defined twice; it is already defined in article 1 (line 18)');
  assert.equal(messageOf(quoted), 'defined term: “Committee” is used here before article 1 defines it; move the definition up or the quotation marks out');
  assert.equal(messageOf(unused), 'defined term: “Observer” is defined but never used');
  assert.equal(messageOf(numbers), 'version mismatch with the zh text (第二条第一款 in sci.zh.md): numbers: here 5; there 三 (3)');
  assert.equal(messageOf(references), 'version mismatch with the zh text (第二条第二款 in sci.zh.md): cross-references: here article 3; there 第二条');
  assert.equal(messageOf(broken), 'broken cross-reference: article 9 does not exist: this document has articles 1, 2, 3');
  assert.deepEqual(broken.range.start, positionOf(DRAFT, 'article 9', { at: 'start' }));
  assert.deepEqual(broken.range.end, positionOf(DRAFT, 'article 9'));
  // The Chinese version is not open; its warnings name the English text, on its own clauses.
  const chinese = await client.waitForDiagnostics(zh, { describe: 'the drafting diagnostics of the Chinese draft', accept: (found) => found.some((diagnostic) => diagnostic.code === 'version-mismatch') });
  assert.deepEqual(
    chinese.filter((diagnostic) => diagnostic.code === 'version-mismatch').map(messageOf),
    [
      'version mismatch with the en text (art. 2(1) in sci.en.md): numbers: here 三 (3); there 5',
      'version mismatch with the en text (art. 2(2) in sci.en.md): cross-references: here 第二条; there article 3',
    ],
  );
  assert.deepEqual(chinese.filter((diagnostic) => diagnostic.code === 'version-mismatch').map((diagnostic) => diagnostic.range.start.line), [
    DRAFT_ZH.split('\n').findIndex((line) => line.startsWith('一、双方应在三年内')),
    DRAFT_ZH.split('\n').findIndex((line) => line.startsWith('二、第一款')),
  ]);
  // Fixing the English text clears its warnings as one types.
  const fixed = DRAFT.replace('within 5 years', 'within three years').replace('see article 9, and article 3', 'see article 2').replace('Desiring to set up a “Committee”', 'Desiring to set up a committee').replace('meets once a year. “Committee” means the joint body.', 'meets once a year; an Observer may attend.');
  const since = client.mark();
  client.changeDocument(en, fixed);
  await client.waitForDiagnostics(en, { since, describe: 'no drafting diagnostics once the text is fixed', accept: (found) => found.length === 0 });
});

test('a corpus file outside the workspace is a draft only when its front matter says so', async (t) => {
  const outside = makeTempFolder('pinpoint-published-');
  t.after(() => outside.cleanup());
  const published = DRAFT.replace('status: draft\n', '');
  writeFiles(outside.path, { 'sci.md': published });
  const { client } = await startDrafting(t, { 'brief.md': 'See [2099-SCI art. 3].\n' });
  client.notifyConfigurationChanged({ pinpoint: { corpus: { paths: [outside.path] } } });
  const file = fileUri(path.join(outside.path, 'sci.md'));
  client.openDocument(file, published);
  // Its cross-references are links (it is a corpus file), but nothing is reported: it is no draft.
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: file } });
  assert.ok(links.length >= 3, JSON.stringify(links));
  assert.deepEqual(codes(client.latestDiagnostics(file)?.diagnostics ?? []), []);
  // With `status: draft` it is checked as a draft.
  const since = client.mark();
  client.changeDocument(file, DRAFT);
  const diagnostics = await client.waitForDiagnostics(file, { since, accept: (found) => found.length > 0 });
  assert.ok(codes(diagnostics).includes('broken-cross-reference/2'), codes(diagnostics).join(' '));
});

test('cross-references and defined terms: hover, definition, links and references', async (t) => {
  const { client, uri } = await startDrafting(t, { 'corpus/2025-SCI.en.md': EXAMPLE_EN, 'corpus/2025-SCI.zh.md': EXAMPLE_ZH, 'brief.md': EXAMPLE_BRIEF });
  const en = uri('corpus/2025-SCI.en.md');
  const zh = uri('corpus/2025-SCI.zh.md');
  client.openDocument(en, EXAMPLE_EN);
  // Hover on "article 5" in the definition of the Joint Committee shows article 5.
  const onReference = positionOf(EXAMPLE_EN, 'established under article 5', { at: 'end' });
  const hover = await client.hover(en, { line: onReference.line, character: onReference.character - 1 });
  assert.match(shown(hover), /art\. 5\*\* · Article 5 – Joint Committee/);
  assert.match(shown(hover), /composed of 5 representatives of each Party/);
  const definition = (await client.definition(en, { line: onReference.line, character: onReference.character - 1 })) as Location;
  assert.equal(definition.uri, en);
  assert.equal(definition.range.start.line, EXAMPLE_EN.split('\n').indexOf('## Article 5 – Joint Committee'));
  // Hover on a use of a defined term shows its definition; definition jumps to it.
  const onTerm = positionOf(EXAMPLE_EN, 'establish a Joint Committee', { at: 14 });
  assert.match(shown(await client.hover(en, onTerm)), /“Joint Committee”\*\* is defined in art\. 1\(a\)[\s\S]*means the committee established under article 5/);
  const termDefinition = (await client.definition(en, onTerm)) as Location;
  assert.deepEqual(termDefinition.range.start, positionOf(EXAMPLE_EN, '(a) “', { at: 'end' }));
  // The Chinese text: 本条第一款 and 前款.
  client.openDocument(zh, EXAMPLE_ZH);
  const onZh = positionOf(EXAMPLE_ZH, '本条第一款', { at: 2 });
  assert.match(shown(await client.hover(zh, onZh)), /第四条第一款\*\*[\s\S]*双方应确保对合作活动过程中产生的知识产权给予充分、有效的保护/);
  const onPreceding = positionOf(EXAMPLE_ZH, '前款', { at: 1 });
  assert.match(shown(await client.hover(zh, onPreceding)), /第五条第二款/);
  // Document links on every cross-reference, to its clause's line.
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: en } });
  const articleFive = links.find((link) => link.range.start.line === onReference.line && link.tooltip === 'Go to art. 5');
  assert.ok(articleFive, JSON.stringify(links.slice(0, 3)));
  assert.equal(articleFive.target, `${en}#L${EXAMPLE_EN.split('\n').indexOf('## Article 5 – Joint Committee') + 1}`);
  assert.equal(links.length, 13);
  assert.deepEqual(codes(client.latestDiagnostics(en)?.diagnostics ?? []), [], 'the example draft is clean');
  // References on article 3 include the draft's own cross-references to it (and to its paragraphs), and the brief's citations.
  const references = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri: en },
    position: positionOf(EXAMPLE_EN, '## Article 3 – Forms', { at: 4 }),
    context: { includeDeclaration: false },
  });
  const lines = EXAMPLE_EN.split('\n');
  const internal = references.filter((location) => location.uri === en).map((location) => lines[location.range.start.line].slice(location.range.start.character).slice(0, 16));
  assert.deepEqual(internal, ['article 3;', 'paragraph 1(a) s', 'articles 3 and 4', 'article 3.', 'articles 3 to 5', 'paragraph 2 of']);
  assert.ok(references.some((location) => location.uri === uri('brief.md')), 'the brief cites article 3');
});

/** The example draft with a new article 3 inserted before the old one, numbered as the drafter means it to be. */
const INSERTED = EXAMPLE_EN.replace(
  '## Article 3 – Forms of cooperation',
  '## Article 3 – Mobility of researchers\n\nThe Parties shall facilitate the entry and stay of researchers taking part in the activities referred to in\narticle 3.\n\n## Article 3 – Forms of cooperation',
);

test('renumbering after an inserted article: one edit, previewed, for the draft, its other version and the brief', async (t) => {
  const { client, folder, uri } = await startDrafting(t, { 'corpus/2025-SCI.en.md': EXAMPLE_EN, 'corpus/2025-SCI.zh.md': EXAMPLE_ZH, 'brief.md': EXAMPLE_BRIEF });
  const en = uri('corpus/2025-SCI.en.md');
  const zh = uri('corpus/2025-SCI.zh.md');
  const brief = uri('brief.md');
  client.openDocument(en, EXAMPLE_EN);
  // While the labels run in sequence there is nothing to renumber.
  const none = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: en }, range: { start: { line: 20, character: 0 }, end: { line: 20, character: 0 } }, context: { diagnostics: [] } });
  assert.deepEqual(none, []);
  const since = client.mark();
  client.changeDocument(en, INSERTED);
  const diagnostics = await client.waitForDiagnostics(en, { since, accept: (found) => found.some((diagnostic) => diagnostic.code === 'corpus-error') });
  const duplicate = diagnostics.find((diagnostic) => diagnostic.code === 'corpus-error');
  assert.ok(duplicate && /duplicate section number 3/.test(messageOf(duplicate)), JSON.stringify(diagnostics));
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: en }, range: duplicate.range, context: { diagnostics } });
  assert.deepEqual(actions.map((action) => [action.title, action.kind, action.isPreferred]), [['Renumber and update references', 'quickfix', true]]);
  const [action] = actions;
  assert.deepEqual(action.diagnostics?.map((diagnostic) => diagnostic.code), ['corpus-error']);
  const edit = action.edit as WorkspaceEdit;
  assert.equal(edit.changes, undefined, 'a client with change annotations gets document changes');
  const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
  assert.deepEqual(changes.map((change) => [path.relative(folder, new URL(change.textDocument.uri).pathname), change.textDocument.version]), [
    ['brief.md', null],
    ['corpus/2025-SCI.en.md', 2],
    ['corpus/2025-SCI.zh.md', null],
  ]);
  const annotations = Object.values(edit.changeAnnotations ?? {});
  assert.ok(annotations.length >= 5 && annotations.every((annotation) => annotation.needsConfirmation === true), JSON.stringify(edit.changeAnnotations));
  assert.deepEqual(annotations.map((annotation) => annotation.label).sort(), ['Renumber the printed labels', 'Renumber the printed labels', 'Update the citations', 'Update the cross-references', 'Update the cross-references']);
  assert.ok(changes.every((change) => change.edits.every((textEdit) => 'annotationId' in textEdit && typeof textEdit.annotationId === 'string' && edit.changeAnnotations?.[textEdit.annotationId])));

  // The English draft: the old articles 3 to 8 are 4 to 9, and so is every reference to them, the new article's too.
  const english = applyTo(edit, en, INSERTED);
  assert.match(english, /## Article 3 – Mobility of researchers\n\nThe Parties shall facilitate the entry and stay of researchers taking part in the activities referred to in\narticle 4\.\n\n## Article 4 – Forms of cooperation/);
  assert.match(english, /“Joint Committee” means the committee established under article 6;/);
  assert.match(english, /review the\nimplementation of articles 4 and 5\./);
  assert.match(english, /begun under articles 4 to 6\n/);
  assert.match(english, /paragraph 2 of\narticle 4 of this Agreement/);
  assert.match(english, /## Article 9 – Entry into force and duration/);
  assert.match(english, /# Annex I – Intellectual property\n\n## Article 1 – Ownership/, 'the annex keeps its own numbers');
  // The Chinese version has no article 3 yet: its articles move with the English ones (a gap at 第三条 until it is translated).
  const chinese = applyTo(edit, zh, fs.readFileSync(path.join(folder, 'corpus', '2025-SCI.zh.md'), 'utf8'));
  assert.match(chinese, /## 第二条 目标[\s\S]*## 第四条 合作形式/);
  assert.match(chinese, /二、第一款第（一）项所述/, 'a reference inside the same article keeps its numbers');
  assert.match(chinese, /审查第四条和第五条的执行情况/);
  assert.match(chinese, /根据第四条至第六条开始的合作活动/);
  assert.match(chinese, /## 第九条 生效和期限/);
  // The brief's citations follow, printed and § forms alike; the annex citation stays.
  const newBrief = applyTo(edit, brief, EXAMPLE_BRIEF);
  for (const [before, after] of [
    ['[2025-SCI art. 6]', '[2025-SCI art. 7]'],
    ['[2025-SCI art. 3]', '[2025-SCI art. 4]'],
    ['[2025-SCI art. 5(1)]', '[2025-SCI art. 6(1)]'],
    ['[2025-SCI art. 3(2)]', '[2025-SCI art. 4(2)]'],
    ['[2025-SCI 第三条第二款]', '[2025-SCI 第四条第二款]'],
    ['[2025-SCI art. 4(3)]', '[2025-SCI art. 5(3)]'],
    ['[2025-SCI §8.2–3]', '[2025-SCI §9.2–3]'],
  ]) {
    assert.ok(EXAMPLE_BRIEF.includes(before) && newBrief.includes(after) && !newBrief.includes(before), `${before} → ${after}`);
  }
  assert.ok(newBrief.includes('[2025-SCI annex I art. 2]'));
  // Nothing was written: the files on disk are as they were.
  assert.equal(fs.readFileSync(path.join(folder, 'brief.md'), 'utf8'), EXAMPLE_BRIEF);
  assert.equal(fs.readFileSync(path.join(folder, 'corpus', '2025-SCI.en.md'), 'utf8'), EXAMPLE_EN);
});

test('renumbering for a client without change annotations: the same edits as plain changes', async (t) => {
  const { client, uri } = await startDrafting(t, { 'corpus/2025-SCI.en.md': EXAMPLE_EN, 'corpus/2025-SCI.zh.md': EXAMPLE_ZH, 'brief.md': EXAMPLE_BRIEF }, false);
  const en = uri('corpus/2025-SCI.en.md');
  client.openDocument(en, INSERTED);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: en }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
  assert.equal(actions.length, 1);
  const edit = actions[0].edit as WorkspaceEdit;
  assert.equal(edit.documentChanges, undefined);
  assert.deepEqual(Object.keys(edit.changes ?? {}).map((key) => path.basename(new URL(key).pathname)).sort(), ['2025-SCI.en.md', '2025-SCI.zh.md', 'brief.md']);
  assert.match(applyTo(edit, en, INSERTED), /## Article 4 – Forms of cooperation/);
});

test('renumbering refuses, with the reason, where the labels do not tell what the old numbers meant', async (t) => {
  const { client, uri } = await startDrafting(t, { 'corpus/2025-SCI.en.md': EXAMPLE_EN, 'corpus/2025-SCI.zh.md': EXAMPLE_ZH, 'brief.md': EXAMPLE_BRIEF });
  const en = uri('corpus/2025-SCI.en.md');
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  // A copy of article 7 pasted after it: same label, same text.
  const article7 = EXAMPLE_EN.slice(EXAMPLE_EN.indexOf('## Article 7'), EXAMPLE_EN.indexOf('## Article 8'));
  client.openDocument(en, EXAMPLE_EN.replace(article7, article7 + article7));
  const copied = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: en }, range: at, context: { diagnostics: [] } });
  assert.equal(copied.length, 1);
  assert.equal(copied[0].edit, undefined);
  assert.match(copied[0].disabled?.reason ?? '', /^Renumbering would not know what the old numbers meant: article 7 \(line \d+ of the en version\) and article 7 \(line \d+ of the en version\) have the same label and the same text/);
  // Articles numbered in two styles.
  client.changeDocument(en, EXAMPLE_EN.replace('## Article 8 – Entry', '## Article X – Entry').replace('## Article 7 – Settlement', '## Article 6 – Settlement'));
  const mixed = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: en }, range: at, context: { diagnostics: [] } });
  assert.match(mixed[0]?.disabled?.reason ?? JSON.stringify(mixed), /mix numbering styles: article 1 \(line \d+ of the en version\) and article X/);
  // The English text deleted article 2, which the Chinese text still has.
  const article2 = EXAMPLE_EN.slice(EXAMPLE_EN.indexOf('## Article 2'), EXAMPLE_EN.indexOf('## Article 3'));
  client.changeDocument(en, EXAMPLE_EN.replace(article2, ''));
  const deleted = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: en }, range: at, context: { diagnostics: [] } });
  assert.match(deleted[0]?.disabled?.reason ?? JSON.stringify(deleted), /第二条 \(line \d+ of the zh version\) has no counterpart in this version/);
});

test('pinpoint diff: the redline of two drafts as text, HTML or Word, and clear messages for bad usage', () => {
  const run = (args: readonly string[]): { status: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(process.execPath, [path.join(REPOSITORY, 'bin', 'pinpoint.js'), 'diff', ...args], { cwd: REPOSITORY, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const older = 'examples/drafting/2025-SCI.en.round2.md';
  const newer = 'examples/corpus/2025-SCI.en.md';
  const text = run([older, newer]);
  assert.equal(text.status, 1, 'the drafts differ');
  assert.match(text.stdout, /^Redline of 2025-SCI \(en\): 2025-SCI\.en\.round2\.md → 2025-SCI\.en\.md\n2 inserted, 1 deleted, 1 moved, 4 renumbered, 2 changed\n/);
  assert.match(text.stdout, /\n\+ art\. 6 \[inserted\]: Article 6 – Funding\n/);
  assert.equal(run([newer, newer]).status, 0, 'a draft is the same as itself');
  const folder = makeTempFolder('pinpoint-diff-');
  try {
    const html = path.join(folder.path, 'redline.html');
    assert.equal(run([older, newer, '--format', 'html', '--out', html]).status, 1);
    assert.match(fs.readFileSync(html, 'utf8'), /<del>20<\/del><ins>30<\/ins>/);
    const docx = path.join(folder.path, 'redline.docx');
    assert.equal(run([older, newer, '--format', 'docx', '--out', docx]).status, 1);
    const bytes = fs.readFileSync(docx);
    assert.equal(bytes.subarray(0, 4).toString('binary'), 'PK\u0003\u0004', 'a Word document is a zip archive');
    assert.ok(bytes.includes(Buffer.from('word/document.xml')), 'with its document part');
  } finally {
    folder.cleanup();
  }
  for (const [args, message] of [
    [[older], /give two drafts/],
    [[older, 'no-such-draft.md'], /no-such-draft\.md does not exist/],
    [[older, newer, '--format', 'pdf'], /unknown format 'pdf'/],
  ] as const) {
    const bad = run(args);
    assert.equal(bad.status, 2, args.join(' '));
    assert.match(bad.stderr, message);
  }
});

test('pinpoint check reports the drafting problems of drafts in the corpus of the folder it checks', () => {
  const folder = makeTempFolder('pinpoint-check-draft-');
  try {
    writeFiles(folder.path, { 'corpus/sci.en.md': DRAFT, 'brief.md': 'See [2099-SCI art. 3].\n' });
    const result = spawnSync(process.execPath, [path.join(REPOSITORY, 'bin', 'pinpoint.js'), 'check', folder.path, '--no-builtin'], { cwd: folder.path, encoding: 'utf8', timeout: 60_000 });
    const lines = result.stdout.split('\n').filter((line) => line.includes('sci.en.md'));
    assert.deepEqual(
      lines.map((line) => line.replace(/^.*sci\.en\.md:/, '').replace(/^(\d+:\d+: \S+ \S+): .*$/, '$1')),
      ['10:23: warning defined-term', '19:8: hint defined-term', '25:47: warning broken-cross-reference', '29:35: warning defined-term'],
    );
    assert.equal(result.status, 0, 'warnings alone do not fail the check');
  } finally {
    folder.cleanup();
  }
});
