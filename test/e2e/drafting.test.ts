// Drafting a two-language treaty in the real VS Code (code-server, driven from headless Chromium) with the
// packaged extension: insert an article into the English draft, apply "Renumber and update references"
// through the refactor preview, and check the English and Chinese versions and a brief on disk; then compare
// the draft with an earlier one in the diff view. Screenshots go to test-output/e2e/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Workbench } from './workbench';

const NEW_ARTICLE = '## Article 3 – Mobility of researchers\n\nThe Parties shall facilitate the stay of researchers taking part in the activities referred to in article 3.\n\n';

describe('Drafting a two-language treaty in VS Code', { timeout: 300_000 }, () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.launch({ fixture: 'drafting' });
  });

  after(async () => {
    await workbench?.close();
  });

  test('an article inserted into the English draft is renumbered, with the Chinese version and the brief, after a preview', async () => {
    const { page } = workbench;
    const english = fs.readFileSync(path.join(workbench.folder, 'corpus', '2025-SCI.en.md'), 'utf8');
    await workbench.step('open-draft', async () => {
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'corpus' }).first().click();
      await workbench.openFromExplorer('2025-SCI.en.md');
    });
    await workbench.step('insert-article', async () => {
      // The cursor goes to the start of the heading of article 3, and the new article is typed before it.
      const line = english.split('\n').indexOf('## Article 3 – Forms of cooperation');
      assert.ok(line > 0);
      await workbench.runCommand('Go to Line/Column');
      await page.keyboard.type(String(line + 1));
      await page.keyboard.press('Enter');
      await page.keyboard.press('Home');
      await workbench.waitForCurrentLine('the heading of article 3', (text) => text.startsWith('## Article 3 – Forms'));
      await page.keyboard.insertText(NEW_ARTICLE);
      // Two articles 3: the server reports the duplicate heading.
      await workbench.visible(page.locator('.editor-instance .squiggly-error').first(), 'an error squiggle under the repeated article 3', 60_000);
      await workbench.shot('draft-inserted');
    });
    await workbench.step('renumber', async () => {
      await page.keyboard.press('ArrowUp');
      const action = page.locator('.action-widget .monaco-list-row.action', { hasText: 'Renumber and update references' }).first();
      for (let tries = 0; ; tries++) {
        await page.keyboard.press('Control+.');
        try {
          await action.waitFor({ state: 'visible', timeout: 5000 });
          break;
        } catch (error) {
          await page.keyboard.press('Escape');
          if (tries >= 4) {
            throw error;
          }
        }
      }
      // The menu's own overlay takes the mouse: choose the action with the keyboard, as users do.
      for (let tries = 0; tries < 5 && !(await page.locator('.action-widget .monaco-list-row.action.focused', { hasText: 'Renumber and update references' }).count()); tries++) {
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      // The edit asks for confirmation: VS Code shows it in the refactor preview first.
      const apply = page.locator('.bulk-edit-panel .content .buttons .monaco-button', { hasText: 'Apply' }).first();
      await workbench.visible(apply, 'the refactor preview with its Apply button', 20_000);
      // The brief's changes, in the preview: the citation of article 6 becomes one of article 7.
      const panel = page.locator('.bulk-edit-panel');
      const briefRow = panel.locator('.monaco-list-row[aria-level="1"]', { hasText: 'brief.md' }).first();
      await workbench.visible(briefRow, 'brief.md in the preview');
      if ((await briefRow.getAttribute('aria-expanded')) !== 'true') {
        await briefRow.locator('.monaco-tl-twistie').click();
      }
      await workbench.visible(panel.locator('.monaco-list-row[aria-level="2"]', { hasText: '[2025-SCI art. 67]' }).first(), 'the change of [2025-SCI art. 6] to art. 7 in the preview');
      console.log(`refactor preview: ${(await panel.innerText()).replace(/\s+/g, ' ').slice(0, 600)}`);
      console.log(`screenshot of the preview: ${await workbench.shot('renumber-preview')}`);
      // Every change needs confirmation, so VS Code lists them unticked: collapse the files and tick each one.
      for (let tries = 0; tries < 10; tries++) {
        const expanded = panel.locator('.monaco-list-row[aria-level="1"][aria-expanded="true"] .monaco-tl-twistie').first();
        if ((await expanded.count()) === 0) {
          break;
        }
        await expanded.click();
      }
      const files = panel.locator('.monaco-list-row[aria-level="1"]');
      assert.equal(await files.count(), 3, 'three files change');
      for (let index = 0; index < 3; index++) {
        await files.nth(index).locator('.edit-checkbox').click();
      }
      await workbench.shot('renumber-preview-ticked');
      await apply.click();
      await page.locator('.bulk-edit-panel .content .buttons .monaco-button', { hasText: 'Apply' }).first().waitFor({ state: 'hidden', timeout: 20_000 });
      await workbench.runCommand('File: Save All');
    });
    await workbench.step('check-files', async () => {
      const read = (relative: string): string => fs.readFileSync(path.join(workbench.folder, relative), 'utf8');
      const deadline = Date.now() + 20_000;
      while (!read('brief.md').includes('[2025-SCI art. 7]') && Date.now() < deadline) {
        await page.waitForTimeout(200);
      }
      const en = read('corpus/2025-SCI.en.md');
      assert.match(en, /## Article 3 – Mobility of researchers\n\nThe Parties shall facilitate the stay of researchers taking part in the activities referred to in article 4\.\n\n## Article 4 – Forms of cooperation/);
      assert.match(en, /“Joint Committee” means the committee established under article 6;/);
      assert.match(en, /## Article 9 – Entry into force and duration/);
      const zh = read('corpus/2025-SCI.zh.md');
      assert.match(zh, /## 第四条 合作形式/);
      assert.match(zh, /“联合委员会”是指根据第六条设立的委员会/);
      assert.match(zh, /## 第九条 生效和期限/);
      const brief = read('brief.md');
      assert.equal(brief, '# Brief on the science agreement\n\nThe funding article [2025-SCI art. 7] serves the activities of [2025-SCI art. 4]; the Joint Committee\n[2025-SCI art. 6(1)] reviews them [2025-SCI 第六条第二款]. Duration: [2025-SCI §9.2].\n');
      await workbench.shot('renumbered');
    });
  });

  test('Pinpoint: Compare with Earlier Draft… opens the redline in the diff view', async () => {
    const { page } = workbench;
    await workbench.step('compare', async () => {
      await workbench.activateTab('2025-SCI.en.md');
      await workbench.runCommand('Pinpoint: Compare with Earlier Draft…');
      // code-server's file dialog is a quick input that takes a path.
      const input = page.locator('.quick-input-widget input');
      await workbench.visible(input, 'the file dialog');
      // It fills in the draft's folder once it has read it: a path typed before that is lost, so the path is
      // typed once the folder is listed, and again (a bounded number of times) until the dialog takes it.
      const choice = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Side by side, in the diff view' }).first();
      for (let tries = 0; ; tries++) {
        // Settled: it lists the draft's own folder.
        await workbench.visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: '2025-SCI.zh.md' }).first(), 'the draft\'s folder in the file dialog');
        await input.fill(path.join(workbench.folder, 'drafts', '2025-SCI.en.round2.md'));
        await workbench.visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: '2025-SCI.en.round2.md' }).first(), 'the earlier draft in the file dialog');
        await page.locator('.quick-input-widget .monaco-button', { hasText: 'Compare' }).first().click();
        try {
          await choice.waitFor({ state: 'visible', timeout: 5000 });
          break;
        } catch (error) {
          if (!(await page.locator('.quick-input-widget', { hasText: 'with an earlier draft' }).isVisible())) {
            // The dialog took the path; the comparison is only slow to come.
            await workbench.visible(choice, 'the choice of view', 20_000);
            break;
          }
          if (tries >= 3) {
            throw new Error(`the file dialog did not take the path: ${String(error)}`);
          }
        }
      }
      await choice.click();
      const diff = page.locator('.monaco-diff-editor').first();
      await workbench.visible(diff, 'the diff view', 20_000);
      await workbench.visible(page.locator('.tabs-container .tab.active', { hasText: 'Redline' }), 'the redline tab');
      // The inserted article stands on the right only; the renumbered one shows its old number on the left.
      await workbench.visible(page.locator('.monaco-diff-editor .editor.modified .view-line', { hasText: 'Mobility of researchers' }).first(), 'the inserted article on the right', 20_000);
      await workbench.visible(page.locator('.monaco-diff-editor .editor.original .view-line', { hasText: 'art. 3: Article 3 – Forms of cooperation' }).first(), 'the old article 3 on the left');
      await workbench.visible(page.locator('.monaco-diff-editor .editor.modified .view-line', { hasText: 'was art. 3' }).first(), 'the note that article 4 was article 3');
      await workbench.shot('compare-diff');
    });
  });
});
