// "Pinpoint: Import into Corpus…" as a user runs it, in the real VS Code (code-server, driven from headless
// Chromium) with the packaged extension: from the explorer's context menu, on a scanned newspaper text and on an
// Akoma Ntoso file. It checks the corpus files written and that a brief citing them, broken before, resolves.
// Screenshots of each step go to test-output/e2e/. Run with `npm run test:editor`, or alone with
// `node --import tsx --test test/e2e/importCommand.test.ts`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../scripts/codeServer.mjs';
import { Workbench } from './workbench';

const SCANNED = '2023-03-21-cn-ru-joint-statements.raw.txt';
const AKOMA_NTOSO = 'informal-trading.xml';
const COMMAND = 'Import into Corpus…';
const BRIEF_LINE = 'A trader in eThekwini must also comply with any other applicable law [2014-ETH-IT §5.1.2].';

describe('Pinpoint: Import into Corpus…, from the explorer', { timeout: 300_000 }, () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.launch({
      fixture: 'import',
      // Only what the user imports: the brief's citations resolve to nothing before.
      settings: { 'pinpoint.corpus.includeBuiltIn': false, 'pinpoint.corpus.includeLibrary': false },
      copies: {
        [SCANNED]: path.join(repoRoot, 'corpus', 'source', SCANNED),
        [AKOMA_NTOSO]: path.join(repoRoot, 'test', 'fixtures', 'import', 'akn', 'informal-trading-3.0.xml'),
      },
    });
  });

  after(async () => {
    await workbench?.close();
  });

  /**
   * Answers the command's questions: the output folder (the first of pinpoint.corpus.paths), then the ids, after
   * checking that the question says what the file holds and proposes `proposed`; `ids` replaces the proposal
   * (undefined keeps it).
   */
  async function answerQuestions(expected: { prompt: RegExp; proposed: string }, ids: string | undefined, shot: string): Promise<void> {
    const { page } = workbench;
    const widget = page.locator('.quick-input-widget');
    await workbench.visible(widget.filter({ hasText: 'output folder' }), 'the question for the output folder');
    const first = await workbench.visible(widget.locator('.quick-input-list .monaco-list-row').first(), 'the first choice of output folder');
    assert.match(((await first.textContent()) ?? '').replace(/\s+/g, ' ').trim(), /^corpus ?the first of pinpoint\.corpus\.paths$/, await first.getAttribute('aria-label') ?? '');
    await workbench.shot(`${shot}-folder`);
    await page.keyboard.press('Enter');
    await workbench.visible(widget.filter({ hasText: 'document id' }), 'the question for the document ids');
    const input = widget.locator('input');
    assert.equal(await input.inputValue(), expected.proposed, 'the proposed ids');
    assert.match((await widget.innerText()).replace(/\s+/g, ' '), expected.prompt);
    if (ids !== undefined) {
      await input.fill(ids);
    }
    await workbench.shot(`${shot}-ids`);
    await page.keyboard.press('Enter');
  }

  test('the brief cites documents that are not in the corpus yet', async () => {
    await workbench.step('import-brief-before', async () => {
      await workbench.openFromExplorer('brief.md');
      await workbench.visible(workbench.page.locator('.editor-instance .squiggly-error').nth(1), 'two error squiggles', 120_000);
      await workbench.shot('import-brief-before');
    });
  });

  test('importing the scanned text writes both joint statements into corpus/, exactly as the built-in corpus', async () => {
    await workbench.step('import-scanned', async () => {
      await workbench.explorerContextMenu(SCANNED, COMMAND);
      await answerQuestions({ prompt: /2 documents, in this order: “中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明”, “中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明”/, proposed: '2023-ECON, 2023-JS' }, undefined, 'import-scanned');
      await workbench.visible(workbench.page.locator('.notification-toast', { hasText: 'Pinpoint imported 2 files into corpus' }), 'the notification of the import');
      const output = workbench.page.locator('.output-view, .panel .monaco-editor', { hasText: 'Wrote 2 files' }).first();
      await workbench.visible(output, 'the summary in the Pinpoint Import output');
      await workbench.shot('import-scanned-done');
      for (const id of ['2023-ECON', '2023-JS']) {
        const written = fs.readFileSync(path.join(workbench.folder, 'corpus', `${id}.md`), 'utf8');
        assert.equal(written, fs.readFileSync(path.join(repoRoot, 'corpus', `${id}.md`), 'utf8'), `corpus/${id}.md is what npm run corpus writes`);
      }
    });
  });

  test('importing the Akoma Ntoso file writes the by-law with the id given', async () => {
    await workbench.step('import-akn', async () => {
      await workbench.explorerContextMenu(AKOMA_NTOSO, COMMAND);
      await answerQuestions({ prompt: /One document: “eThekwini Municipality: Informal Trading By-law, 2014”/, proposed: '2014-ETH-IT-20160101' }, '2014-ETH-IT', 'import-akn');
      await workbench.visible(workbench.page.locator('.notification-toast', { hasText: 'Pinpoint imported 1 file into corpus' }), 'the notification of the import');
      await workbench.shot('import-akn-done');
      const written = fs.readFileSync(path.join(workbench.folder, 'corpus', '2014-ETH-IT.md'), 'utf8');
      assert.match(written, /^---\nid: 2014-ETH-IT\ntitle: "eThekwini Municipality: Informal Trading By-law, 2014"\n/);
      assert.match(written, /\n## 5\. Freedom to engage in informal trading\n/);
      assert.match(written, /\n- \(b\) any other applicable law; and\n/);
    });
  });

  test('the brief’s citations now resolve, and a hover shows the imported clause', async () => {
    const { page } = workbench;
    await workbench.step('import-brief-after', async () => {
      await workbench.activateTab('brief.md');
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached', timeout: 30_000 });
      const hover = await workbench.hoverAt(BRIEF_LINE, '5.1.2', 'any other applicable law');
      const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
      assert.match(text, /2014-ETH-IT/);
      assert.match(text, /Informal Trading By-law/);
      await workbench.shot('import-brief-after');
    });
  });
});
