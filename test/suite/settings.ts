// `pinpoint.corpus.*` settings take effect without reloading the window.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from './harness';
import { codeOf, describeDiagnostics, openInEditor, positionOf, waitForDiagnostics, waitForHover, workspaceFolder } from './helpers';

/** Writes a `pinpoint` setting into the folder's .vscode/settings.json (`undefined` removes it). */
async function setFolderSetting(key: string, value: unknown): Promise<void> {
  const folder = workspaceFolder();
  await vscode.workspace.getConfiguration('pinpoint', folder.uri).update(key, value, vscode.ConfigurationTarget.WorkspaceFolder);
}

suite('settings', () => {
  test('pinpoint.corpus.paths: adding a corpus folder resolves its citations, removing it reports them again', async () => {
    const editor = await openInEditor(workspaceFolder(), 'brief.md');
    const document = editor.document;
    const unknownFixture = (found: vscode.Diagnostic[]): boolean =>
      found.some((d) => codeOf(d) === 'unknown-document' && document.getText(d.range).includes('2099-FIX'));
    await waitForDiagnostics(document, '[2099-FIX §2] reported before its corpus is configured', unknownFixture);
    try {
      await setFolderSetting('corpus.paths', ['othercorpus']);
      const after = await waitForDiagnostics(document, 'no diagnostics once othercorpus/ is a corpus path', (found) => found.length === 0);
      assert.deepEqual(after, []);
      const text = await waitForHover(document.uri, positionOf(document, '[2099-FIX §2]', '[2099-FIX §'.length), 'The second paragraph of the fixture document');
      assert.ok(text.includes('A fixture document for the settings test'), `the hover shows the fixture's title: ${text}`);
    } finally {
      await setFolderSetting('corpus.paths', undefined);
    }
    const again = await waitForDiagnostics(document, '[2099-FIX §2] reported again once the setting is removed', unknownFixture);
    assert.equal(again.length, 1, describeDiagnostics(document, again));
  });

  test('pinpoint.corpus.includeBuiltIn: false unloads the built-in corpus, true loads it again', async () => {
    const editor = await openInEditor(workspaceFolder(), 'brief.md');
    const document = editor.document;
    const builtInUnknown = (found: vscode.Diagnostic[]): boolean =>
      found.some((d) => codeOf(d) === 'unknown-document' && document.getText(d.range).includes('2023-JS'));
    try {
      await setFolderSetting('corpus.includeBuiltIn', false);
      await waitForDiagnostics(document, '[2023-JS §3.4] reported once the built-in corpus is off', builtInUnknown);
    } finally {
      await setFolderSetting('corpus.includeBuiltIn', undefined);
    }
    await waitForDiagnostics(document, '[2023-JS §3.4] resolved again', (found) => found.length > 0 && !builtInUnknown(found));
  });
});
