// The language features as VS Code sees them, through its own provider commands, in the fixture folder
// test/fixtures/workspaces/single (a copy of it: the tests edit documents without saving them).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from './harness';
import {
  codeOf,
  describeDiagnostics,
  labelOf,
  openInEditor,
  positionOf,
  setText,
  survivesClientFilter,
  waitFor,
  waitForActivation,
  waitForCompletions,
  waitForDiagnostics,
  waitForHover,
  workspaceFolder,
  replaceText,
} from './helpers';

/** The clause `[2023-JS §3.4]` cites, from spec.md §3, and the end of its paragraph. */
const clause34Start = '双方欢迎中国商务部和俄罗斯经济发展部';
const clause34End = '可预期的营商环境。';
const jsTitle = '中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明';

/** Applies a completion item the way the suggest widget does, returning the line it leaves. */
function lineAfterAccepting(document: vscode.TextDocument, position: vscode.Position, item: vscode.CompletionItem): string {
  const line = document.lineAt(position.line).text;
  const range = item.range === undefined
    ? (document.getWordRangeAtPosition(position) ?? new vscode.Range(position, position))
    : 'replacing' in item.range ? item.range.replacing : item.range;
  const insert = item.insertText === undefined ? labelOf(item) : typeof item.insertText === 'string' ? item.insertText : item.insertText.value.replace(/\$\{?\d+\}?/g, '');
  return line.slice(0, range.start.character) + insert + line.slice(range.end.character);
}

suite('features', () => {
  test('the extension activates when a Markdown brief opens', async () => {
    await openInEditor(workspaceFolder(), 'brief.md');
    const extension = await waitForActivation();
    assert.equal(extension.isActive, true);
  });

  test('completion after `[` offers the built-in document ids, and VS Code keeps them', async () => {
    const editor = await openInEditor(workspaceFolder(), 'scratch.md');
    await setText(editor, '# Scratch\n\nSee [\n');
    const position = positionOf(editor.document, 'See [');
    const items = await waitForCompletions(editor.document.uri, position, 'completion items 2023-JS and 2023-ECON', (found) => {
      const labels = found.map(labelOf);
      return labels.includes('2023-JS') && labels.includes('2023-ECON');
    }, { triggerCharacter: '[' });
    for (const id of ['2023-JS', '2023-ECON']) {
      const item = items.find((candidate) => labelOf(candidate) === id);
      assert.ok(item && survivesClientFilter(editor.document, position, item), `${id} survives VS Code's filter`);
    }
  });

  for (const closed of [false, true]) {
    test(`completion after \`[2023-JS §3.\` offers the paragraphs of section 3 (closing bracket ${closed ? 'typed' : 'not typed'})`, async () => {
      const editor = await openInEditor(workspaceFolder(), 'scratch.md');
      await setText(editor, `# Scratch\n\nSee [2023-JS §3.${closed ? ']' : ''}\n`);
      const position = positionOf(editor.document, 'See [2023-JS §3.');
      const items = await waitForCompletions(editor.document.uri, position, 'completion item §3.4', (found) => found.some((item) => labelOf(item) === '§3.4'), { triggerCharacter: '.' });
      const pinpoints = items.map(labelOf).filter((label) => label.startsWith('§'));
      assert.ok(pinpoints.includes('§3.1'), `§3.1 is offered: ${pinpoints.join(' ')}`);
      const outside = pinpoints.filter((label) => !label.startsWith('§3.'));
      assert.deepEqual(outside, [], `only clauses of section 3 are offered: ${pinpoints.join(' ')}`);
      const item = items.find((candidate) => labelOf(candidate) === '§3.4');
      assert.ok(item);
      assert.ok(survivesClientFilter(editor.document, position, item), `§3.4 survives VS Code's filter (range ${JSON.stringify(item.range)}, filterText ${item.filterText})`);
      assert.equal(lineAfterAccepting(editor.document, position, item), `See [2023-JS §3.4${closed ? ']' : ''}`);
    });
  }

  test('hover on [2023-JS §3.4] shows the whole clause with the document id, title and path', async () => {
    const editor = await openInEditor(workspaceFolder(), 'brief.md');
    const position = positionOf(editor.document, '[2023-JS §3.4]', '[2023-JS §3.'.length);
    const text = await waitForHover(editor.document.uri, position, clause34Start);
    assert.ok(text.includes(clause34End), `the hover holds the whole clause, to its end: ${text}`);
    assert.ok(text.includes('2023-JS'), 'the hover names the document id');
    assert.ok(text.includes(jsTitle), 'the hover names the document title');
    assert.ok(text.includes('§3.4'), 'the hover names the clause path');
  });

  test('go to definition on [2023-JS §3.4] lands in corpus/2023-JS.md on the clause', async () => {
    const editor = await openInEditor(workspaceFolder(), 'brief.md');
    const position = positionOf(editor.document, '[2023-JS §3.4]', '[2023-JS §3.'.length);
    let last: unknown;
    const targets = await waitFor('a definition of [2023-JS §3.4]', async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, position);
      last = found;
      return found && found.length > 0 ? found : undefined;
    }, { describe: () => JSON.stringify(last) });
    assert.equal(targets.length, 1, `one definition: ${JSON.stringify(targets)}`);
    const target = targets[0]!;
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    assert.match(uri.path, /\/corpus\/2023-JS\.md$/);
    const corpusDocument = await vscode.workspace.openTextDocument(uri);
    const line = corpusDocument.lineAt(range.start.line).text;
    assert.ok(line.slice(range.start.character).startsWith(clause34Start), `the definition starts at the clause: ${JSON.stringify(line.slice(range.start.character, range.start.character + 40))}`);
  });

  test('[2023-JS §3.99] is reported as unknown-clause and the report clears when the text is fixed', async () => {
    const editor = await openInEditor(workspaceFolder(), 'scratch.md');
    await setText(editor, '# Scratch\n\nSee [2023-JS §3.99] and [2023-JS §3.4].\n');
    const diagnostics = await waitForDiagnostics(editor.document, 'an unknown-clause diagnostic', (found) => found.some((d) => codeOf(d) === 'unknown-clause'));
    assert.equal(diagnostics.length, 1, describeDiagnostics(editor.document, diagnostics));
    const diagnostic = diagnostics[0]!;
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.range.start.line, 2);
    assert.ok(editor.document.getText(diagnostic.range).includes('3.99'), `the range covers the pinpoint: ${JSON.stringify(editor.document.getText(diagnostic.range))}`);
    await replaceText(editor, '§3.99', '§3.5');
    await waitForDiagnostics(editor.document, 'no diagnostics once fixed', (found) => found.length === 0);
  });

  test('an unknown document id is reported as unknown-document', async () => {
    const editor = await openInEditor(workspaceFolder(), 'scratch.md');
    await setText(editor, '# Scratch\n\nSee [1999-NOPE §1].\n');
    const diagnostics = await waitForDiagnostics(editor.document, 'an unknown-document diagnostic', (found) => found.some((d) => codeOf(d) === 'unknown-document'));
    assert.equal(diagnostics.length, 1, describeDiagnostics(editor.document, diagnostics));
  });
});
