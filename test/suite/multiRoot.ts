// Entry point of the extension tests in a multi-root workspace (test/fixtures/workspaces/multi): two folders,
// each with its own corpus, the second with its own `pinpoint.corpus.paths` in .vscode/settings.json.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runSuite, suite, test } from './harness';
import {
  codeOf,
  describeDiagnostics,
  labelOf,
  openInEditor,
  positionOf,
  waitForActivation,
  waitForCompletions,
  waitForDiagnostics,
  waitForHover,
  workspaceFolder,
} from './helpers';

/** Each folder of the workspace, its own document, and a clause of it. */
const folders = [
  { name: 'alpha', id: '2099-ALPHA', clause: 'Alpha clause one' },
  { name: 'beta', id: '2099-BETA', clause: 'Beta clause one' },
] as const;

suite('multi-root workspace', () => {
  test('both folders are open', () => {
    assert.deepEqual((vscode.workspace.workspaceFolders ?? []).map((folder) => folder.name), ['alpha', 'beta']);
  });

  for (const { name, id, clause } of folders) {
    test(`${name}: its own corpus and the built-in one are loaded`, async () => {
      const editor = await openInEditor(workspaceFolder(name), 'brief.md');
      await waitForActivation();
      const document = editor.document;
      await waitForHover(document.uri, positionOf(document, `[${id} §1]`, `[${id} §`.length), clause);
      await waitForHover(document.uri, positionOf(document, '[2023-JS §3.4]', '[2023-JS §3.'.length), '双方欢迎中国商务部和俄罗斯经济发展部');
      // A broken citation proves the diagnostics were computed; it must be the only one.
      const applied = await editor.edit((builder) => builder.insert(new vscode.Position(document.lineCount, 0), '\nBroken: [2023-JS §3.99].\n'));
      assert.ok(applied);
      const diagnostics = await waitForDiagnostics(document, 'the broken citation reported', (found) => found.some((d) => codeOf(d) === 'unknown-clause'));
      assert.equal(diagnostics.length, 1, describeDiagnostics(document, diagnostics));
    });

    test(`${name}: completion offers its own document id`, async () => {
      const editor = await openInEditor(workspaceFolder(name), 'brief.md');
      const document = editor.document;
      const applied = await editor.edit((builder) => builder.insert(new vscode.Position(document.lineCount, 0), '\nMore: [\n'));
      assert.ok(applied);
      const position = positionOf(document, 'More: [');
      await waitForCompletions(document.uri, position, `completion item ${id}`, (items) => items.some((item) => labelOf(item) === id), { triggerCharacter: '[' });
    });
  }
});

/** Called by VS Code's extension host once the workbench is up. */
export function run(): Promise<void> {
  return runSuite('Pinpoint extension tests (multi-root workspace)');
}
