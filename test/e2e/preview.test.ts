// VS Code's Markdown preview of a brief, in the real editor (code-server, headless Chromium), with the packaged
// extension: a citation is a link to its clause whose tooltip holds the clause text, a broken citation is
// marked, code is left alone, and following the link opens the corpus file at the clause; and "Pinpoint:
// Export Brief…" writes the brief as a document. Screenshots go to
// test-output/e2e/. Run with `npm run test:editor`, or alone with `node --import tsx --test test/e2e/preview.test.ts`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Locator } from 'playwright-core';
import { Workbench } from './workbench';

const clause34Start = '双方欢迎中国商务部和俄罗斯经济发展部';

describe('Pinpoint citations in the Markdown preview', { timeout: 240_000 }, () => {
  let workbench: Workbench;
  let preview: Frame;

  before(async () => {
    workbench = await Workbench.launch({ fixture: 'preview' });
  });

  after(async () => {
    await workbench?.close();
  });

  /**
   * The preview's citation link with this text, in the frame a user sees. A refresh of the preview (Pinpoint
   * refreshes it when the server's answers arrive) can leave an older frame with the same links under the
   * current one, so a frame counts only when a trial click on its link passes Playwright's hit test.
   */
  async function previewLink(text: string, timeoutMs: number): Promise<{ frame: Frame; link: Locator }> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      for (const frame of workbench.page.frames()) {
        const link = frame.locator('a.pinpoint-citation', { hasText: text }).first();
        if ((await link.count().catch(() => 0)) === 0) {
          continue;
        }
        const onTop = await link.click({ trial: true, timeout: 1000 }).then(
          () => true,
          () => false,
        );
        if (onTop) {
          return { frame, link };
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`no preview frame a user sees showed the link ${text} within ${timeoutMs} ms`);
      }
      await workbench.page.waitForTimeout(Math.min(50 * 2 ** attempt, 500));
    }
  }

  test('the preview shows a citation as a link whose tooltip holds the clause text', async () => {
    const { page } = workbench;
    await workbench.step('preview-open', async () => {
      await workbench.openFromExplorer('brief.md');
      // NOTE: the Command Palette sometimes opens before the workbench lists the Markdown commands: try again.
      for (let tries = 0; ; tries++) {
        try {
          await workbench.runCommand('Markdown: Open Preview to the Side');
          break;
        } catch (error) {
          if (tries >= 2) {
            throw error;
          }
          await page.keyboard.press('Escape');
        }
      }
      const found = await previewLink('[2023-JS §3.4]', 120_000);
      preview = found.frame;
      const link = found.link;
      const title = (await link.getAttribute('title')) ?? '';
      console.log(`tooltip of [2023-JS §3.4]: ${JSON.stringify(title)}`);
      assert.ok(title.includes(clause34Start), `the tooltip holds the clause text: ${title}`);
      assert.ok(title.includes('§3.4'), `the tooltip names the clause: ${title}`);
      const href = (await link.getAttribute('data-href')) ?? (await link.getAttribute('href')) ?? '';
      assert.match(href, /corpus\/2023-JS\.md#L\d+$/, `the link targets the clause's line: ${href}`);
      // `[ibid.]` is the citation before it: the economic statement's §2.1, whose tooltip holds its text.
      const ibid = preview.locator('a.pinpoint-citation', { hasText: '[ibid.]' }).first();
      await ibid.waitFor({ state: 'visible', timeout: 5000 });
      assert.match((await ibid.getAttribute('title')) ?? '', /2023-ECON[\s\S]*§2\.1\n一、/, 'ibid. is 2023-ECON §2.1');
      // The citation in a table cell is a link too.
      await preview.locator('td a.pinpoint-citation', { hasText: '[2023-JS §3.6]' }).waitFor({ state: 'visible', timeout: 5000 });
      const box = await link.boundingBox();
      if (box) {
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      }
      await workbench.shot('preview-citation');
    });
  });

  test('a broken citation is marked, and plain brackets and code are left alone', async () => {
    await workbench.step('preview-broken', async () => {
      preview = (await previewLink('[2023-JS §3.4]', 30_000)).frame;
      const broken = preview.locator('span.pinpoint-citation.pinpoint-broken', { hasText: '[2023-JS §3.99]' }).first();
      await broken.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match((await broken.getAttribute('title')) ?? '', /unknown clause: 2023-JS has no §3\.99/);
      const colour = await broken.evaluate((element) => getComputedStyle(element).textDecorationLine);
      assert.match(colour, /underline/, 'the stylesheet marks it');
      assert.equal(await preview.locator('code', { hasText: '[2023-JS §3.4]' }).count(), 1, 'the code span is still code');
      assert.equal(await preview.locator('code .pinpoint-citation').count(), 0);
      const paragraph = preview.locator('p', { hasText: 'Plain brackets stay plain' });
      assert.ok((await paragraph.innerText()).includes('[see above]'));
      assert.equal(await paragraph.locator('.pinpoint-citation', { hasText: 'see above' }).count(), 0);
      await workbench.shot('preview-broken');
    });
  });

  test('following the link shows the corpus file at the clause', async () => {
    const { page } = workbench;
    await workbench.step('preview-follow', async () => {
      const { link } = await previewLink('[2023-JS §3.4]', 30_000);
      const href = (await link.getAttribute('data-href')) ?? '';
      const anchor = /#L(\d+)$/.exec(href)?.[1];
      assert.ok(anchor, `the link names the clause's line: ${href}`);
      await link.click();
      // VS Code's preview follows a link to a Markdown file in the preview (markdown.preview.openMarkdownLinks);
      // Pinpoint's preview script scrolls it to the clause.
      await workbench.visible(page.locator('.tabs-container .tab.active', { hasText: '2023-JS.md' }), 'the preview of 2023-JS.md', 15_000);
      const deadline = Date.now() + 30_000;
      let shown: { text: string; top: number; height: number } | undefined;
      while (!shown && Date.now() < deadline) {
        for (const frame of page.frames()) {
          const target = frame.locator(`[id="pinpoint-L${anchor}"]`).first();
          if ((await target.count().catch(() => 0)) === 0) {
            continue;
          }
          const state = await target
            .evaluate((element) => {
              const rect = element.getBoundingClientRect();
              return { text: element.textContent ?? '', top: rect.top, height: window.innerHeight };
            })
            .catch(() => undefined);
          if (state && state.text.startsWith(clause34Start) && state.top >= 0 && state.top < state.height) {
            shown = state;
          }
        }
        if (!shown) {
          await page.waitForTimeout(200);
        }
      }
      assert.ok(shown, `the preview of 2023-JS.md shows the clause of line ${anchor} on screen`);
      await workbench.shot('preview-followed');
    });
  });

  test('"Pinpoint: Export Brief…" writes the brief as HTML with its footnotes, asking about the broken citation', async () => {
    const { page } = workbench;
    await workbench.step('export-command', async () => {
      await workbench.activateTab('brief.md');
      await workbench.runCommand('Pinpoint: Export Brief…');
      const pick = async (label: string): Promise<void> => {
        const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
        await workbench.visible(row, `the choice ${JSON.stringify(label)}`);
        await row.click();
      };
      await pick('HTML (.html)');
      await pick('OSCOLA');
      // code-server's save dialog is a quick input holding the proposed path: brief.html beside the brief.
      const input = page.locator('.quick-input-widget input');
      await workbench.visible(input, 'the save dialog');
      // The dialog fills its path in steps (the folder, then the name): wait for the whole of it.
      let proposed = '';
      for (let tries = 0; tries < 50 && !/preview\/brief\.html$/.test(proposed); tries++) {
        proposed = await input.inputValue();
        if (!/preview\/brief\.html$/.test(proposed)) {
          await page.waitForTimeout(100);
        }
      }
      assert.match(proposed, /preview\/brief\.html$/, `the proposed file: ${proposed}`);
      await page.keyboard.press('Enter');
      const exportAnyway = page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Export Anyway' });
      await workbench.visible(exportAnyway, 'the question about the broken citation', 30_000);
      await workbench.shot('export-broken-question');
      await exportAnyway.click();
      await workbench.visible(page.locator('.notification-toast', { hasText: 'exported brief.html' }), 'the notification of the export', 30_000);
      const html = fs.readFileSync(path.join(workbench.folder, 'brief.html'), 'utf8');
      assert.match(html, /<li id="fn1"><i>Joint Statement of the People&#39;s Republic of China and the Russian Federation on Deepening/);
      assert.match(html, /<mark class="broken"[^>]*>\[2023-JS §3\.99\]<\/mark>/);
      await workbench.shot('export-done');
    });
  });
});

declare function getComputedStyle(element: unknown): { readonly textDecorationLine: string };
declare const window: { readonly innerHeight: number };
