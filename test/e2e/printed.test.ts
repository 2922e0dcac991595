// A lawyer cites the VCLT by its own numbers in the real VS Code (code-server, driven from headless Chromium):
// in a workspace whose corpus holds the 1969-VCLT with `aliases: [VCLT]` (and the starter library off), typing
// `[VCLT art. 31(` offers the paragraphs of article 31; accepting `(3)` completes the citation with nothing
// left over from the brackets the editor closed by itself; hovering it shows the text of art. 31(3), labelled
// `art. 31(3) · §31.3`. Screenshots go to test-output/e2e/. Run with `npm run test:editor`, or alone with
// `node --import tsx --test test/e2e/printed.test.ts`.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../scripts/codeServer.mjs';
import { Workbench } from './workbench';

const typed = 'See [VCLT art. 31(';
const accepted = 'See [VCLT art. 31(3)]';
const paragraph3 = 'There shall be taken into account, together with the context';

describe('printed pinpoints in VS Code, as a user sees them', { timeout: 240_000 }, () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.launch({
      fixture: 'printed',
      copies: { 'corpus/1969-VCLT.md': path.join(repoRoot, 'test', 'fixtures', 'printed', 'corpus', '1969-VCLT.en.md') },
    });
  });

  after(async () => {
    await workbench?.close();
  });

  /** Hovers `fragment` of the line holding `lineText` until a hover showing `expected` appears; returns its text. */
  async function hoverUntil(lineText: string, fragment: string, expected: string): Promise<string> {
    const { page } = workbench;
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expected });
    for (let tries = 0; ; tries++) {
      // Move away and back, so the hover is asked for afresh.
      await page.mouse.move(5, 5);
      const point = await workbench.pointAt(lineText, fragment);
      await page.mouse.move(point.x, point.y, { steps: 4 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 5000 });
        return (await hover.innerText()).replace(/\u00a0/g, ' ');
      } catch (error) {
        if (tries >= 12) {
          throw error;
        }
      }
    }
  }

  test('typing [VCLT art. 31( offers the paragraphs (1)–(4) with their text; accepting (3) completes the citation', async () => {
    const { page } = workbench;
    const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    await workbench.step('printed-complete', async () => {
      await workbench.openFromExplorer('brief.md');
      // The server is up once the brief's own citation shows its clause on hover.
      await hoverUntil('good faith [VCLT art. 31(1)]', 'art. 31(1)', 'A treaty shall be interpreted in good faith');
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      // The editor closes `[` and `(` by itself; either way the text before the cursor is what was typed.
      const line = await workbench.typeAtEnd(typed, (text) => [typed, `${typed}]`, `${typed})`, `${typed})]`].includes(text));
      console.log(`typed line: ${line}`);
      // `(` opens the suggestions by itself once the server is up; until then, ask again as a user would.
      let asked = 0;
      for (; ; asked++) {
        try {
          await workbench.visible(rows.filter({ hasText: '(3)' }).first(), 'the suggest widget with (3)', asked === 0 ? 20_000 : 5_000);
          break;
        } catch (error) {
          if (asked >= 6) {
            throw error;
          }
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+Space');
        }
      }
      console.log(`the suggestions showed ${asked === 0 ? 'when ( was typed' : `after ${asked} Ctrl+Space`}`);
      assert.equal(asked, 0, 'typing ( opens the suggestions by itself');
      const labels = await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
      assert.deepEqual(labels, ['(1)', '(2)', '(3)', '(4)'], `the paragraphs of art. 31: ${labels.join(' ')}`);
      console.log(`suggest widget rows: ${(await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ')).join(' | ')}`);
      for (let tries = 0; tries < 8; tries++) {
        if ((await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused .label-name').innerText()) === '(3)') {
          break;
        }
        await page.keyboard.press('ArrowDown');
      }
      assert.equal(await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused .label-name').innerText(), '(3)');
      // Each row shows the paragraph's opening words beside its label.
      const row3 = (await rows.filter({ hasText: '(3)' }).first().innerText()).replace(/\s+/g, ' ');
      assert.match(row3, /There shall be taken into account/, `the row of (3): ${row3}`);
      await workbench.shot('printed-suggest');
      await page.keyboard.press('Enter');
      await page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'hidden', timeout: 5000 });
      const completed = await workbench.waitForCurrentLine(`a line starting ${accepted}`, (text) => text.startsWith(accepted));
      assert.equal(completed, accepted, 'accepting (3) leaves no bracket or parenthesis over');
      await workbench.shot('printed-accepted');
    });
  });

  test('hovering the citation shows the text of art. 31(3), labelled art. 31(3) · §31.3', async () => {
    const { page } = workbench;
    await workbench.step('printed-hover', async () => {
      await page.keyboard.press('Escape');
      const text = await hoverUntil(accepted, '31(3)', paragraph3);
      console.log(`hover text: ${text}`);
      assert.match(text, /1969-VCLT art\. 31\(3\) · §31\.3/, 'the clause is labelled as cited, with its § path beside it');
      assert.match(text, /VCLT is an alias of 1969-VCLT/, 'the hover says what the alias stands for');
      assert.match(text, /\(a\) any subsequent agreement between the parties/, 'the items of the paragraph follow it');
      assert.doesNotMatch(text, /\\\(|\\\)/, 'no Markdown escapes show');
      // The link on the pinpoint (asked for apart from the hover, so it may join it later) names it as cited.
      const withLink = await hoverUntil(accepted, '31(3)', 'Open 1969-VCLT art. 31(3)');
      assert.doesNotMatch(withLink, /Open 1969-VCLT §/);
      await workbench.shot('printed-hover');
    });
  });
});
