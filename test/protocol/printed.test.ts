/**
 * Printed pinpoints, aliases and short forms (spec.md §1.1), labels and their sequence (§2), and the
 * positional-mismatch and label-sequence warnings (§4), through `node dist/server.js --stdio` and the command
 * line, on the treaty-shaped corpus of test/fixtures/printed/corpus: a VCLT with its annex and an English and
 * French UN Charter (art. 2 has an unnumbered chapeau), a Rome Statute with art. 8 bis, UNCLOS with annex VII,
 * a Chinese 第…条 statute, two Geneva Conventions that share an alias, and an ICCPR import that lost and
 * doubled paragraphs. The starter library stays out (`includeLibrary: false`); the built-in joint
 * statements, which print no numbers, stay in.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, Diagnostic, Location, MarkupContent, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { hoverText, LspClient, makeTempFolder, positionOf, REPOSITORY, startInWorkspace, unescapeMarkdown } from './lspClient';

const FIXTURE = path.join(REPOSITORY, 'test', 'fixtures', 'printed');
const CORPUS_FILES = fs.readdirSync(path.join(FIXTURE, 'corpus')).filter((name) => name.endsWith('.md'));
const SETTINGS = { corpus: { paths: ['corpus'], includeLibrary: false } };

/** The fixture's corpus files, as `corpus/NAME.md` → text. */
function corpusFiles(): Record<string, string> {
  return Object.fromEntries(CORPUS_FILES.map((name) => [`corpus/${name}`, fs.readFileSync(path.join(FIXTURE, 'corpus', name), 'utf8')]));
}

const VCLT = fs.readFileSync(path.join(FIXTURE, 'corpus', '1969-VCLT.en.md'), 'utf8');
const ICCPR = fs.readFileSync(path.join(FIXTURE, 'corpus', '1966-ICCPR.md'), 'utf8');

/** The 0-based line of a file's text on which `marker` starts. */
function lineOf(text: string, marker: string): number {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `${marker} is in the text`);
  return text.slice(0, offset).split('\n').length - 1;
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as MarkupContent).value;
}

function textAt(text: string, range: Diagnostic['range']): string {
  const document = TextDocument.create('file:///x.md', 'markdown', 1, text);
  return document.getText(range);
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), [...edits]);
}

function documentationOf(item: CompletionItem): string {
  const documentation = item.documentation;
  return typeof documentation === 'string' ? documentation : documentation?.value ?? '';
}

interface Workspace {
  readonly client: LspClient;
  readonly folder: string;
  readonly uri: (relative: string) => string;
}

async function startPrinted(files: Record<string, string> = {}): Promise<Workspace> {
  return startInWorkspace({ ...corpusFiles(), ...files }, { initializationOptions: SETTINGS, watcherRegistration: true });
}

describe('printed pinpoints through the language server', () => {
  let workspace: Workspace;
  before(async () => {
    workspace = await startPrinted();
  });
  after(async () => {
    await workspace.client.dispose();
  });

  /** Opens a brief (a fresh URI per test) and returns its diagnostics. */
  async function open(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = workspace.uri(name);
    return { uri, diagnostics: await workspace.client.openDocumentAndWaitForDiagnostics(uri, text) };
  }

  async function hoverAt(uri: string, text: string, marker: string, at: 'start' | 'end' | number = 'start'): Promise<string> {
    return unescapeMarkdown(hoverText(await workspace.client.hover(uri, positionOf(text, marker, { at }))));
  }

  async function completeAt(uri: string, position: Position): Promise<CompletionItem[]> {
    return (await workspace.client.completion(uri, position)).items;
  }

  async function actionsAt(uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return workspace.client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  test('diagnostics: every printed form resolves; unknown labels, bad ranges, positional mismatches, malformed and ambiguous aliases are reported', async () => {
    const text = [
      '# Interpretation',
      '',
      'Good faith [VCLT art. 31(1)] and context [1969-VCLT art. 31(3)(a)], articles [1969-VCLT arts 31–33],',
      'paragraphs [1969-VCLT art. 31(1)–(3)], the annex [1969-VCLT annex para. 2] and the chapeau’s items [1969-VCLT art. 32(b)].',
      'Aggression [1998-ROME art. 8 bis(2)(a)] and [1998-ROME 第八条之二第二款]; arbitration [1982-UNCLOS annex VII art. 2(1)];',
      '条例 [2024-TEST 第三条第二款第（一）项] and [2024-TEST 第三条之一]. Force [1945-UNCH art. 2(4)], then [ibid. art. 1(1)] and [id.].',
      'Plain brackets stay plain: [NOTE], [TODO this], [sic].',
      '',
      'No ninth paragraph [1969-VCLT art. 31(9)], no item (z) [VCLT art. 31(3)(z)], backwards [1969-VCLT art. 31(3)–(1)].',
      'By position [1945-UNCH §2.4]; no space [VCLT art.31]; ambiguous [GENEVA art. 1].',
      'Lost [ICCPR art. 1(2)] and doubled [ICCPR art. 2(2)].',
      '',
    ].join('\n');
    const { diagnostics } = await open('diagnostics.md', text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, textAt(text, diagnostic.range), diagnostic.source]),
      [
        ['unknown-clause', 1, 'art. 31(9)', 'pinpoint'],
        ['unknown-clause', 1, 'art. 31(3)(z)', 'pinpoint'],
        ['invalid-range', 1, 'art. 31(3)–(1)', 'pinpoint'],
        ['positional-mismatch', 2, '§2.4', 'pinpoint'],
        ['malformed-citation', 1, '[VCLT art.31]', 'pinpoint'],
        ['unknown-document', 1, 'GENEVA', 'pinpoint'],
        ['unknown-clause', 1, 'art. 1(2)', 'pinpoint'],
        ['unknown-clause', 1, 'art. 2(2)', 'pinpoint'],
      ],
    );
    const [nine, zed, backwards, mismatch, malformed, ambiguous, lost, doubled] = diagnostics.map(messageOf);
    assert.match(nine, /\(1\), \(2\), \(3\), \(4\)/, 'the paragraphs that exist are listed');
    assert.match(zed, /\(a\), \(b\), \(c\)/, 'the items that exist are listed');
    assert.match(backwards, /does not come after/);
    assert.match(mismatch, /art\. 2\(3\)/, 'the clause reached is named as printed');
    assert.match(mismatch, /art\. 2\(4\) is §2\.5/, 'the clause those numbers print is named');
    assert.match(malformed, /space after 'art\.'/);
    assert.match(ambiguous, /1949-GCI and 1949-GCII/, 'both ids are named');
    assert.match(lost, /\(1\), \(3\)/, 'the lost paragraph shows in the labels listed');
    assert.match(doubled, /§2\.2 and §2\.3/, 'both clauses that print the label are named');
  });

  test('diagnostics: label-sequence warnings on the corpus file that skips and repeats labels, and on no other', async () => {
    await open('sequence.md', '[ICCPR art. 1(1)]\n');
    const diagnostics = await workspace.client.waitForDiagnostics(workspace.uri('corpus/1966-ICCPR.md'), {
      accept: (found) => found.length === 2,
      describe: 'two label-sequence warnings on 1966-ICCPR.md',
    });
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range.start.line]),
      [
        ['label-sequence', 2, lineOf(ICCPR, '3. The States Parties')],
        ['label-sequence', 2, lineOf(ICCPR, '2. Each State Party')],
      ],
    );
    assert.match(messageOf(diagnostics[0]), /skip from 1 to 3/);
    assert.match(messageOf(diagnostics[1]), /repeats 2/);
    for (const name of CORPUS_FILES.filter((file) => file !== '1966-ICCPR.md')) {
      const published = workspace.client.latestDiagnostics(workspace.uri(`corpus/${name}`));
      assert.deepEqual(published?.diagnostics ?? [], [], `${name} has no problems`);
    }
  });

  test('diagnostics: ibid. with nothing before it is malformed; ibid. is resolved again when an edit moves the text', async () => {
    const first = await open('ibid-first.md', 'As held [ibid.], then [1969-VCLT art. 31(1)].\n');
    assert.deepEqual(first.diagnostics.map((diagnostic) => [diagnostic.code, textAt('As held [ibid.], then [1969-VCLT art. 31(1)].\n', diagnostic.range)]), [
      ['malformed-citation', '[ibid.]'],
    ]);
    assert.match(messageOf(first.diagnostics[0]), /there is none in this brief/);

    // [ibid. art. 32] follows the VCLT: fine. Moved before it, it follows the Charter, which has no art. 32.
    const before = 'The Charter [1945-UNCH art. 2(4)]. The Convention [1969-VCLT art. 31(1)]. Further [ibid. art. 32].\n';
    const { uri, diagnostics } = await open('ibid-moves.md', before);
    assert.deepEqual(diagnostics, []);
    assert.match(await hoverAt(uri, before, 'ibid.', 1), /refers to the citation before it: \*\*1969-VCLT art. 32\*\*/);
    const moved = 'The Charter [1945-UNCH art. 2(4)]. Further [ibid. art. 32]. The Convention [1969-VCLT art. 31(1)].\n';
    const after = await workspace.client.changeDocumentAndWaitForDiagnostics(uri, moved);
    assert.deepEqual(after.map((diagnostic) => [diagnostic.code, textAt(moved, diagnostic.range)]), [['unknown-clause', 'art. 32']]);
    assert.match(messageOf(after[0]), /1945-UNCH has no art\. 32/);
    assert.match(await hoverAt(uri, moved, 'ibid.', 1), /refers to the citation before it: \*\*1945-UNCH art. 32\*\*/);
    // Moved back, it is fine again.
    assert.deepEqual(await workspace.client.changeDocumentAndWaitForDiagnostics(uri, before), []);
  });

  test('hover: labelled in the form cited with § beside it; an alias and ibid. say what they stand for; a translation lacking a clause says so', async () => {
    const text = 'A [1969-VCLT art. 31(3)(a)] B [1945-UNCH §2.4] C [VCLT art. 32(b)] D [ibid.] E [1945-UNCH art. 2(4)] F [1982-UNCLOS annex VII art. 2(1)] G [1998-ROME 第八条之二第二款]\n';
    const { uri } = await open('hover.md', text);

    const printed = await hoverAt(uri, text, 'art. 31(3)(a)', 5);
    assert.match(printed, /\*\*1969-VCLT art\. 31\(3\)\(a\) · §31\.3\.1\*\*/, printed);
    assert.match(printed, /\(a\) any subsequent agreement between the parties regarding the interpretation of the treaty/);
    assert.match(printed, /Vienna Convention on the Law of Treaties/);

    const positional = await hoverAt(uri, text, '§2.4', 2);
    assert.match(positional, /\*\*1945-UNCH §2\.4 · art\. 2\(3\)\*\*/, positional);
    assert.match(positional, /positional mismatch/);
    assert.match(positional, /settle their international disputes by peaceful means/);

    const alias = await hoverAt(uri, text, 'VCLT art. 32', 1);
    assert.match(alias, /\*VCLT\* is an alias of \*\*1969-VCLT\*\*/, alias);
    assert.match(alias, /leads to a result which is manifestly absurd/);

    const ibid = await hoverAt(uri, text, 'ibid.', 1);
    assert.match(ibid, /\*ibid\.\* refers to the citation before it: \*\*1969-VCLT art\. 32\(b\)\*\*/, ibid);
    assert.match(ibid, /manifestly absurd/);

    // The French version of the Charter stops at art. 2(3).
    const lacking = await hoverAt(uri, text, 'art. 2(4)', 5);
    assert.match(lacking, /\*\*1945-UNCH art\. 2\(4\) · §2\.5\*\*/, lacking);
    assert.match(lacking, /en · authentic[\s\S]*threat or use of force/);
    assert.match(lacking, /fr · authentic[\s\S]*This version has no art\. 2\(4\)/);
    const aligned = await hoverAt(uri, text, '§2.4', 2);
    assert.match(aligned, /règlent leurs différends internationaux par des moyens pacifiques/, 'the French version is aligned by label, not position');

    const annex = await hoverAt(uri, text, 'annex VII', 2);
    assert.match(annex, /\*\*1982-UNCLOS annex VII art\. 2\(1\)\*\*/, annex);
    assert.match(annex, /A list of arbitrators shall be drawn up/);

    const chinese = await hoverAt(uri, text, '第八条之二', 2);
    assert.match(chinese, /\*\*1998-ROME 第八条之二第二款 · §802\.2\*\*/, chinese);
    assert.match(chinese, /“act of aggression” means the use of armed force/);
  });

  test('definition: printed, annex, alias and ibid. citations open the corpus file at the clause', async () => {
    const text = 'A [1969-VCLT art. 31(3)(a)] B [1982-UNCLOS annex VII art. 2(2)] C [VCLT art. 32(b)] D [ibid. art. 33(1)] E [2024-TEST 第三条第二款第（一）项]\n';
    const { uri } = await open('definition.md', text);
    const definitionAt = async (marker: string, at: number): Promise<string> => {
      const result = (await workspace.client.definition(uri, positionOf(text, marker, { at }))) as Location | null;
      assert.ok(result && !Array.isArray(result), `a location for ${marker}`);
      const file = path.basename(new URL(result.uri).pathname);
      const line = fs.readFileSync(path.join(FIXTURE, 'corpus', file), 'utf8').split('\n')[result.range.start.line];
      return `${file}: ${line}`;
    };
    assert.match(await definitionAt('art. 31(3)(a)', 10), /^1969-VCLT\.en\.md: - \(a\) any subsequent agreement/);
    assert.match(await definitionAt('annex VII', 12), /^1982-UNCLOS\.md: 2\. If at any time the arbitrators/);
    assert.match(await definitionAt('art. 32(b)', 2), /^1969-VCLT\.en\.md: - \(b\) leads to a result/);
    assert.match(await definitionAt('ibid.', 8), /^1969-VCLT\.en\.md: 1\. When a treaty has been authenticated/);
    assert.match(await definitionAt('第三条第二款', 6), /^2024-TEST\.md: - （一）写明条约印制的条、款、项/);
  });

  test('completion: paragraphs after art. 31( with their text, articles as printed, range ends, annexes, the Chinese form; § paths where nothing is printed', async () => {
    // Typing `(` or `第` asks for them by itself.
    const triggers = workspace.client.initializeResult?.capabilities.completionProvider?.triggerCharacters ?? [];
    assert.ok(triggers.includes('(') && triggers.includes('第'), `trigger characters: ${triggers.join(' ')}`);
    // After `[VCLT art. 31(`, typed to the end of the line or with the `)]` an editor closes by itself.
    for (const closing of ['', ')]']) {
      const before = 'Context [VCLT art. 31(';
      const text = `${before}${closing}\n`;
      const { uri } = await open(`complete-paragraphs${closing === '' ? '' : '-closed'}.md`, text);
      const items = await completeAt(uri, { line: 0, character: before.length });
      assert.deepEqual(items.map((item) => item.label), ['(1)', '(2)', '(3)', '(4)']);
      assert.match(documentationOf(items[0]), /A treaty shall be interpreted in good faith/);
      assert.match(unescapeMarkdown(documentationOf(items[2])), /\*\*1969-VCLT art\. 31\(3\)\*\* · §31\.3[\s\S]*There shall be taken into account, together with the context/);
      const third = items[2].textEdit as TextEdit;
      assert.equal(applyEdits(text, [third]), `Context [VCLT art. 31(3)${closing === '' ? '' : ']'}\n`, 'accepting (3) leaves no parenthesis over');
    }

    const articles = await open('complete-articles.md', 'See [1969-VCLT ]\n');
    const offered = await completeAt(articles.uri, { line: 0, character: 'See [1969-VCLT '.length });
    assert.deepEqual(offered.slice(29, 33).map((item) => item.label), ['art. 30', 'art. 31', 'art. 32', 'art. 33']);
    assert.ok(offered.every((item) => !item.label.startsWith('§')), 'a document that prints its numbers is offered as printed');
    assert.equal(applyEdits('See [1969-VCLT ]\n', [offered[30].textEdit as TextEdit]), 'See [1969-VCLT art. 31]\n');

    const range = await open('complete-range.md', 'See [1969-VCLT arts 31–]\n');
    const ends = await completeAt(range.uri, { line: 0, character: 'See [1969-VCLT arts 31–'.length });
    assert.deepEqual(ends.map((item) => item.label), ['32', '33']);
    assert.equal(applyEdits('See [1969-VCLT arts 31–]\n', [ends[1].textEdit as TextEdit]), 'See [1969-VCLT arts 31–33]\n');

    const annex = await open('complete-annex.md', 'See [UNCLOS annex ]\n');
    const annexes = await completeAt(annex.uri, { line: 0, character: 'See [UNCLOS annex '.length });
    assert.deepEqual(annexes.map((item) => item.label), ['annex VII']);
    const annexArticles = await open('complete-annex-articles.md', 'See [UNCLOS annex VII art. 2(]\n');
    const underAnnex = await completeAt(annexArticles.uri, { line: 0, character: 'See [UNCLOS annex VII art. 2('.length });
    assert.deepEqual(underAnnex.map((item) => item.label), ['(1)', '(2)']);
    assert.match(documentationOf(underAnnex[1]), /fewer than four/);

    const chinese = await open('complete-chinese.md', '见[2024-TEST 第]\n');
    const chineseItems = await completeAt(chinese.uri, { line: 0, character: '见[2024-TEST 第'.length });
    assert.deepEqual(chineseItems.map((item) => item.label), ['第一条', '第二条', '第三条', '第三条之一', '第四条']);
    const paragraphs = await open('complete-chinese-paragraphs.md', '见[2024-TEST 第三条第]\n');
    const chineseParagraphs = await completeAt(paragraphs.uri, { line: 0, character: '见[2024-TEST 第三条第'.length });
    assert.ok(chineseParagraphs.some((item) => item.label === '第三条第二款第（一）项'), chineseParagraphs.map((item) => item.label).join(' '));

    // The joint statements print no numbers: § paths, as before.
    const joint = await open('complete-joint.md', '见[2023-JS ]\n');
    const paths = await completeAt(joint.uri, { line: 0, character: '见[2023-JS '.length });
    assert.deepEqual(paths.slice(0, 4).map((item) => item.label), ['§0', '§0.1', '§0.2', '§1']);
    assert.ok(paths.every((item) => item.label.startsWith('§')));
    const deeper = await open('complete-joint-deeper.md', '见[2023-JS §3.]\n');
    const section = await completeAt(deeper.uri, { line: 0, character: '见[2023-JS §3.'.length });
    assert.equal(section[3].label, '§3.4');
    assert.equal(applyEdits('见[2023-JS §3.]\n', [section[3].textEdit as TextEdit]), '见[2023-JS §3.4]\n');
  });

  test('quick fixes: the canonical printed form of a malformed citation, "Write as art. 31(3)(a)" on a § citation, both readings of a positional mismatch', async () => {
    const text = 'A [VCLT art.31] B [1969-VCLT Art 31 (3)(a)] C [1969-VCLT §31.3.1] D [1945-UNCH §2.4]\n';
    const { uri, diagnostics } = await open('fixes.md', text);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['malformed-citation', 'malformed-citation', 'positional-mismatch']);
    const fixesAt = async (marker: string): Promise<[string, string][]> => {
      const position = positionOf(text, marker, { at: 1 });
      const actions = await actionsAt(uri, { start: position, end: position }, diagnostics);
      return actions.map((action) => [action.title, applyEdits(text, action.edit?.changes?.[uri] ?? [])]);
    };
    assert.deepEqual(await fixesAt('art.31'), [['Change to [VCLT art. 31]', text.replace('[VCLT art.31]', '[VCLT art. 31]')]]);
    assert.deepEqual(await fixesAt('Art 31'), [['Change to [1969-VCLT art. 31(3)(a)]', text.replace('[1969-VCLT Art 31 (3)(a)]', '[1969-VCLT art. 31(3)(a)]')]]);
    assert.deepEqual(await fixesAt('§31.3.1'), [['Write as art. 31(3)(a)', text.replace('§31.3.1', 'art. 31(3)(a)')]]);
    assert.deepEqual(await fixesAt('§2.4'), [
      ['Write as art. 2(3), the clause §2.4 reaches', text.replace('§2.4', 'art. 2(3)')],
      ['Cite art. 2(4) instead (§2.5), the clause printed with these numbers', text.replace('§2.4', 'art. 2(4)')],
    ]);
    // The fixed text is clean.
    const fixed = text.replace('[VCLT art.31]', '[VCLT art. 31]').replace('Art 31 (3)(a)', 'art. 31(3)(a)').replace('§31.3.1', 'art. 31(3)(a)').replace('§2.4', 'art. 2(4)');
    assert.deepEqual(await workspace.client.changeDocumentAndWaitForDiagnostics(uri, fixed), []);
  });

  test('quote checking: a quotation followed by a printed, alias or ibid. citation is checked against the clause it names', async () => {
    const text = [
      '“A treaty shall be interpreted in good faith” [VCLT art. 31(1)], “manifestly absurd or unreasonable” [ibid. art. 32(b)],',
      '“the threat or use of force” [1945-UNCH art. 2(4)], “any subsequent practice in the application of the treaty” [1969-VCLT art. 31(3)(a)].',
      '',
    ].join('\n');
    const { uri, diagnostics } = await open('quotes.md', text);
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, textAt(text, diagnostic.range)]), [
      ['quote-mismatch', 2, '“any subsequent practice in the application of the treaty”'],
    ]);
    assert.match(messageOf(diagnostics[0]), /1969-VCLT art\. 31\(3\)\(a\)/);
    assert.match(messageOf(diagnostics[0]), /found in 1969-VCLT art\. 31\(3\)\(b\)/);
    assert.match(messageOf(diagnostics[0]), /the closest passage is “regarding the interpretation of the treaty”/, 'in whole words');
    const actions = await actionsAt(uri, diagnostics[0].range, diagnostics);
    const preferred = actions.find((action) => action.isPreferred);
    assert.equal(preferred?.title, 'Cite [1969-VCLT art. 31(3)(b)] instead, where the quotation stands');
    assert.deepEqual(await workspace.client.changeDocumentAndWaitForDiagnostics(uri, applyEdits(text, preferred?.edit?.changes?.[uri] ?? [])), []);
  });

  test('the table of authorities lists printed citations in their printed form, § and alias and ibid. citations of one clause together', async () => {
    const text = [
      '# Memo',
      '',
      'Good faith [1969-VCLT art. 31(1)]; by position [1969-VCLT §31.3.1], by alias [VCLT art. 31(3)(a)] and [ibid.];',
      'articles [1969-VCLT arts 31–33]; the annex [1982-UNCLOS annex VII art. 2(1)]; 条例 [2024-TEST 第三条第二款第（一）项]; joint [2023-JS §3.4].',
      '',
    ].join('\n');
    const { uri } = await open('toa.md', text);
    const edit = await workspace.client.request<WorkspaceEdit>('pinpoint/tableOfAuthorities', { textDocument: { uri } });
    const after = unescapeMarkdown(applyEdits(text, edit.changes?.[uri] ?? []));
    const table = after.slice(after.indexOf('<!-- pinpoint:toa -->'), after.indexOf('<!-- /pinpoint:toa -->'));
    const lines = table.split('\n').filter((line) => line.startsWith('**') || line.startsWith('- '));
    const expected = [
      '**1969-VCLT** Vienna Convention on the Law of Treaties',
      '- arts 31–33: line',
      '- art. 31(1) 1. A treaty shall be interpreted',
      // The four citations of art. 31(3)(a) (printed, by position, by alias, ibid.) are one entry.
      '- art. 31(3)(a) (a) any subsequent agreement',
      '**1982-UNCLOS** United Nations Convention on the Law of the Sea',
      '- annex VII art. 2(1) 1. A list of arbitrators',
      '**2023-JS** 中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明',
      '- §3.4 双方欢迎中国商务部',
      '**2024-TEST** 示范条例（测试用）',
      '- 第三条第二款第（一）项 （一）写明条约印制的条、款、项',
    ];
    assert.equal(lines.length, expected.length, table);
    expected.forEach((start, index) => assert.ok(lines[index].startsWith(start), `${lines[index]} starts with ${start}`));
  });
});

describe('references and rename across briefs', () => {
  const briefs = {
    'briefs/one.md': 'Good faith [1969-VCLT art. 31(3)(a)] and by position [1969-VCLT §31.3.1].\n',
    'briefs/two.md': 'By alias [VCLT art. 31(3)(a)], then [ibid.]; all items [1969-VCLT art. 31(3)(a)–(c)]; not [1969-VCLT art. 31(3)(b)] nor [1969-VCLT arts 31–33].\n',
  };
  let workspace: Workspace;
  before(async () => {
    workspace = await startPrinted(briefs);
  });
  after(async () => {
    await workspace.client.dispose();
  });

  function where(location: Location): string {
    const relative = path.relative(workspace.folder, new URL(location.uri).pathname);
    const text = relative.startsWith('corpus/') ? VCLT : briefs[relative as keyof typeof briefs];
    return `${relative}:${location.range.start.line + 1} ${textAt(text, location.range)}`;
  }

  test('references: a printed and a § citation of one clause are the same reference; alias and ibid. citations count', async () => {
    const uri = workspace.uri('briefs/one.md');
    const text = briefs['briefs/one.md'];
    await workspace.client.openDocumentAndWaitForDiagnostics(uri, text);
    const expected = [
      'briefs/one.md:1 art. 31(3)(a)',
      'briefs/one.md:1 §31.3.1',
      'briefs/two.md:1 art. 31(3)(a)',
      'briefs/two.md:1 ibid.',
      'briefs/two.md:1 art. 31(3)(a)–(c)',
    ];
    for (const marker of ['art. 31(3)(a)', '§31.3.1']) {
      const found = await workspace.client.request<Location[]>('textDocument/references', {
        textDocument: { uri },
        position: positionOf(text, marker, { at: 2 }),
        context: { includeDeclaration: false },
      });
      assert.deepEqual(found.map(where), expected, `from ${marker}`);
    }
    // From the clause in the corpus file, with its declaration.
    const corpusUri = workspace.uri('corpus/1969-VCLT.en.md');
    workspace.client.openDocument(corpusUri, VCLT);
    const fromClause = await workspace.client.request<Location[]>('textDocument/references', {
      textDocument: { uri: corpusUri },
      position: positionOf(VCLT, '(a) any subsequent agreement', { at: 4 }),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(fromClause.map((location) => where(location).replace(/ .*$/, '')), [
      `corpus/1969-VCLT.en.md:${lineOf(VCLT, '- (a) any subsequent agreement') + 1}`,
      ...expected.map((entry) => entry.replace(/ .*$/, '')),
    ]);
  });

  test('rename: the id changes in the corpus file and in citations by id; alias and ibid. citations are left alone', async () => {
    const uri = workspace.uri('briefs/one.md');
    const text = briefs['briefs/one.md'];
    await workspace.client.openDocumentAndWaitForDiagnostics(uri, text);
    const position = positionOf(text, '[1969', { at: 'end' });
    const prepared = await workspace.client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.equal(prepared.placeholder, '1969-VCLT');
    const edit = await workspace.client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: '1969-VCLT-EN' });
    const changes = edit.changes ?? {};
    const twoUri = workspace.uri('briefs/two.md');
    const corpusUri = workspace.uri('corpus/1969-VCLT.en.md');
    assert.deepEqual(Object.keys(changes).sort(), [uri, twoUri, corpusUri].sort());
    assert.equal(applyEdits(text, changes[uri]), text.replace(/1969-VCLT/g, '1969-VCLT-EN'));
    assert.equal(
      applyEdits(briefs['briefs/two.md'], changes[twoUri]),
      'By alias [VCLT art. 31(3)(a)], then [ibid.]; all items [1969-VCLT-EN art. 31(3)(a)–(c)]; not [1969-VCLT-EN art. 31(3)(b)] nor [1969-VCLT-EN arts 31–33].\n',
    );
    const renamedCorpus = applyEdits(VCLT, changes[corpusUri]);
    assert.match(renamedCorpus, /^---\nid: 1969-VCLT-EN\n/);
    assert.match(renamedCorpus, /\naliases: \[VCLT\]\n/, 'the alias stays, so citations by alias keep working');
  });
});

describe('pinpoint check on a brief with printed citations', () => {
  const BRIEF = [
    '# Memo',
    '',
    'Good faith [VCLT art. 31(1)], context [1969-VCLT art. 31(3)(a)], and by position [1945-UNCH §2.4].',
    'Then [ibid. art. 2(4)] and a typo [1969-VCLT art. 31(9)].',
    '',
  ].join('\n');

  function check(format: string): { status: number | null; stdout: string; stderr: string } {
    const folder = makeTempFolder('pinpoint-printed-cli-');
    try {
      fs.mkdirSync(path.join(folder.path, 'corpus'));
      for (const [relative, text] of Object.entries(corpusFiles())) {
        fs.writeFileSync(path.join(folder.path, relative), text);
      }
      fs.writeFileSync(path.join(folder.path, 'memo.md'), BRIEF);
      const result = spawnSync(process.execPath, [path.join(REPOSITORY, 'bin', 'pinpoint.js'), 'check', 'memo.md', '--corpus', 'corpus', '--no-builtin', '--format', format], {
        cwd: folder.path,
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    } finally {
      folder.cleanup();
    }
  }

  test('text: the brief’s problems and the corpus file’s label-sequence warnings, exit 1 for the error', () => {
    const run = check('text');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.deepEqual(lines.map((line) => /^(\S+:\d+:\d+): (\w+) ([a-z-]+): /.exec(line)?.slice(1).join(' ') ?? line.replace(/:.*$/, '')), [
      `corpus/1966-ICCPR.md:${lineOf(ICCPR, '3. The States Parties') + 1}:1 warning label-sequence`,
      `corpus/1966-ICCPR.md:${lineOf(ICCPR, '2. Each State Party') + 1}:1 warning label-sequence`,
      `memo.md:3:${BRIEF.split('\n')[2].indexOf('§2.4') + 1} warning positional-mismatch`,
      `memo.md:4:${BRIEF.split('\n')[3].indexOf('art. 31(9)') + 1} error unknown-clause`,
      '1 brief checked',
    ]);
    assert.match(run.stdout, /1 brief checked: 1 error, 3 other problems/);
  });

  test('json and SARIF: the new codes are warnings, and SARIF names them among its rules', () => {
    const json = JSON.parse(check('json').stdout) as { problems: { file: string; code: string; severity: string; line: number }[] };
    assert.deepEqual(json.problems.map((problem) => `${problem.file}:${problem.line} ${problem.severity} ${problem.code}`), [
      `corpus/1966-ICCPR.md:${lineOf(ICCPR, '3. The States Parties') + 1} warning label-sequence`,
      `corpus/1966-ICCPR.md:${lineOf(ICCPR, '2. Each State Party') + 1} warning label-sequence`,
      'memo.md:3 warning positional-mismatch',
      'memo.md:4 error unknown-clause',
    ]);
    const run = check('sarif');
    assert.equal(run.status, 1);
    const sarif = JSON.parse(run.stdout) as {
      runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string }[] }[];
    };
    const [sarifRun] = sarif.runs;
    const rules = sarifRun.tool.driver.rules;
    for (const id of ['positional-mismatch', 'label-sequence']) {
      const rule = rules.find((candidate) => candidate.id === id);
      assert.ok(rule, `${id} is a rule`);
      assert.equal(rule.defaultConfiguration.level, 'warning');
      assert.notEqual(rule.shortDescription.text, id, `${id} is described`);
    }
    assert.deepEqual(sarifRun.results.map((result) => [result.ruleId, result.level, rules[result.ruleIndex].id]), [
      ['label-sequence', 'warning', 'label-sequence'],
      ['label-sequence', 'warning', 'label-sequence'],
      ['positional-mismatch', 'warning', 'positional-mismatch'],
      ['unknown-clause', 'error', 'unknown-clause'],
    ]);
  });
});
