// A user's session in the real VS Code (code-server, driven from headless Chromium) with the packaged extension:
// open a brief, complete a citation, hover it, go to its definition, see a broken one in Problems, check the
// highlighting and that VS Code's own Markdown link validation leaves citations alone.
// Screenshots of each step go to test-output/e2e/. Run with `npm run test:editor`, or alone with
// `node --import tsx --test test/e2e/editor.test.ts`.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Workbench } from './workbench';

const clause34Start = '双方欢迎中国商务部和俄罗斯经济发展部';
const typedLine = 'See also [2023-JS §3.';
const acceptedLine = 'See also [2023-JS §3.4]';

describe('Pinpoint in VS Code, as a user sees it', { timeout: 240_000 }, () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.launch({
      fixture: 'e2e',
      // VS Code's built-in Markdown link validation is on, to show that it leaves citations alone.
      settings: { 'markdown.validate.enabled': true },
    });
  });

  after(async () => {
    await workbench?.close();
  });

  test('a brief opens from the explorer and its broken citation is underlined', async () => {
    await workbench.step('open-brief', async () => {
      await workbench.openFromExplorer('brief.md');
      // The squiggle shows the language server has started and analysed the brief.
      await workbench.visible(workbench.page.locator('.editor-instance .squiggly-error').first(), 'an error squiggle under [2023-JS §3.99]', 120_000);
      await workbench.shot('brief-open');
    });
  });

  test('typing [ opens the suggest widget listing the document ids', async () => {
    const { page } = workbench;
    await workbench.step('complete-ids', async () => {
      await workbench.typeAtEnd('Compare [', (line) => line === 'Compare [' || line === 'Compare []');
      const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
      await workbench.visible(rows.filter({ hasText: '2023-ECON' }).first(), 'the suggest widget with 2023-ECON', 15_000);
      const labels = await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
      assert.ok(labels.includes('2023-JS') && labels.includes('2023-ECON'), `both built-in documents are listed: ${labels.join(' ')}`);
      console.log(`suggest widget rows: ${(await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ')).join(' | ')}`);
      await workbench.shot('suggest-ids');
      // Leave the line empty again for the next step.
      await page.keyboard.press('Escape');
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.press('Backspace');
      await workbench.waitForCurrentLine('an empty line', (line) => line === '');
    });
  });

  test('typing [2023-JS §3. opens the suggest widget listing §3.4; accepting it completes the citation', async () => {
    const { page } = workbench;
    const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    await workbench.step('complete', async () => {
      await workbench.typeAtEnd(typedLine, (line) => line === typedLine || line === `${typedLine}]`);
      // The trigger character `.` must open the widget by itself; the server is known to be up.
      await workbench.visible(rows.filter({ hasText: '§3.4' }).first(), 'the suggest widget with §3.4', 15_000);
      const labels = await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
      assert.ok(labels.length > 1, `several paragraphs are listed: ${labels.join(' ')}`);
      assert.deepEqual(labels.filter((label) => !label.startsWith('§3.')), [], `only section 3 is listed: ${labels.join(' ')}`);
      console.log(`suggest widget rows: ${(await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ')).join(' | ')}`);
      await workbench.shot('suggest-widget');
      for (let tries = 0; tries < 40; tries++) {
        const focused = await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused .label-name').innerText();
        if (focused === '§3.4') {
          break;
        }
        await page.keyboard.press('ArrowDown');
      }
      assert.equal(await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused .label-name').innerText(), '§3.4');
      await page.keyboard.press('Enter');
      await workbench.waitForCurrentLine(`the line ${acceptedLine}`, (line) => line === acceptedLine);
      await page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'hidden', timeout: 5000 });
      await workbench.shot('accepted');
    });
  });

  test('hovering the new citation shows the clause text', async () => {
    await workbench.step('hover', async () => {
      const hover = await workbench.hoverAt(acceptedLine, '3.4', clause34Start);
      const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
      console.log(`hover text: ${text}`);
      assert.ok(text.includes('§3.4'), 'the hover names the clause path');
      assert.ok(text.includes('2023-JS'), 'the hover names the document');
      const fit = await hover.evaluate((element) => {
        const scrollable = element.querySelector('.monaco-scrollable-element') ?? element;
        const content = scrollable.firstElementChild ?? scrollable;
        return { scrollHeight: content.scrollHeight, clientHeight: scrollable.clientHeight, width: element.clientWidth };
      });
      console.log(`hover size: ${JSON.stringify(fit)}${fit.scrollHeight > fit.clientHeight + 1 ? ' (the text needs scrolling)' : ''}`);
      await workbench.shot('hover');
    });
  });

  test('F12 opens corpus/2023-JS.md at the clause', async () => {
    const { page } = workbench;
    await workbench.step('definition', async () => {
      await page.keyboard.press('Escape');
      const point = await workbench.pointAt(acceptedLine, '3.4');
      await page.mouse.click(point.x, point.y);
      await page.keyboard.press('F12');
      await workbench.visible(page.locator('.tabs-container .tab.active', { hasText: '2023-JS.md' }), 'the corpus file 2023-JS.md', 15_000);
      await workbench.waitForCurrentLine('the cursor on the clause', (line) => line.startsWith(clause34Start));
      await workbench.shot('definition');
    });
  });

  test('the Problems panel lists the broken citation', async () => {
    const { page } = workbench;
    await workbench.step('problems', async () => {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown-clause' }).first();
      await workbench.visible(row, 'an unknown-clause row in Problems');
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      console.log(`problem: ${text}`);
      assert.match(text, /pinpoint/);
      await workbench.shot('problems');
    });
  });

  test("VS Code's Markdown link validation does not report citations as missing references", async () => {
    const { page } = workbench;
    await workbench.step('markdown-validation', async () => {
      const rows = page.locator('.markers-panel .monaco-list-row');
      // The broken fragment link proves the Markdown validator has run over the brief.
      await workbench.visible(rows.filter({ hasText: 'no-such-heading' }).first(), "Markdown's report of the link to #no-such-heading", 30_000);
      const texts = (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
      const references = texts.filter((text) => /no-such-reference|No link definition found/.test(text));
      assert.deepEqual(references, [], `citations reported by the Markdown validator:\n${references.join('\n')}`);
    });
  });

  test('a citation is highlighted with the grammar scopes', async () => {
    const { page } = workbench;
    await workbench.step('highlighting', async () => {
      await workbench.activateTab('brief.md');
      const plainColour = await workbench.colourAt(acceptedLine, 'See');
      const scopesAt = async (fragment: string): Promise<string> => {
        const point = await workbench.pointAt(acceptedLine, fragment);
        await page.mouse.click(point.x, point.y);
        await workbench.runCommand('Developer: Inspect Editor Tokens and Scopes');
        const widget = await workbench.visible(page.locator('.token-inspect-widget'), 'the token inspector');
        const text = (await widget.innerText()).replace(/\u00a0/g, ' ');
        return text;
      };
      const pathScopes = await scopesAt('3.4');
      await workbench.shot('token-scopes');
      assert.match(pathScopes, /constant\.numeric\.path\.pinpoint/, pathScopes);
      assert.match(pathScopes, /meta\.citation\.pinpoint/, pathScopes);
      await page.keyboard.press('Escape');
      const idScopes = await scopesAt('2023-JS');
      assert.match(idScopes, /entity\.name\.[\w.]*document-id\.pinpoint/, idScopes);
      await page.keyboard.press('Escape');
      assert.notEqual(await workbench.colourAt(acceptedLine, '3.4'), plainColour, 'the pinpoint is coloured unlike plain text');
      assert.notEqual(await workbench.colourAt(acceptedLine, '2023-JS'), plainColour, 'the document id is coloured unlike plain text');
    });
  });
});
