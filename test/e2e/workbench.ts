// Drives a real VS Code workbench (code-server, with the packaged extension installed as a user would) from
// headless Chromium, for the user-level tests. Every wait is on something the editor shows, with a bound.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  createProfile,
  ensureChromium,
  ensureCodeServer,
  installExtension,
  repoRoot,
  startCodeServer,
  stopServer,
} from '../../scripts/codeServer.mjs';

// NOTE: the functions passed to `page.evaluate` run in the browser. The project compiles without the DOM
// library (it would let server code use browser globals), so these few declarations stand in for it.
/** An element or text node of the page, as far as the page functions below use it. */
interface PageNode {
  readonly textContent: string | null;
  readonly parentElement: PageNode | null;
  readonly style: { readonly top: string };
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): Iterable<PageNode> & ArrayLike<PageNode>;
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  createTreeWalker(root: PageNode, whatToShow: number): { nextNode(): PageNode | null };
  createRange(): {
    setStart(node: PageNode, offset: number): void;
    setEnd(node: PageNode, offset: number): void;
    getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  };
  elementFromPoint(x: number, y: number): PageNode | null;
};
declare const NodeFilter: { readonly SHOW_TEXT: number };
declare function getComputedStyle(element: PageNode): { readonly color: string };

/** Where screenshots go (gitignored). */
export const outputDir = path.resolve(process.env.PINPOINT_TEST_OUTPUT ?? path.join(repoRoot, 'test-output'), 'e2e');

/** How to open the workbench. */
export interface LaunchOptions {
  /** A fixture folder under test/fixtures/workspaces; it is copied, so every run starts clean. */
  readonly fixture: string;
  /** User settings on top of the quiet defaults. */
  readonly settings?: Record<string, unknown>;
  /** More files for the copied folder: path in the folder → absolute path of the file to copy there. */
  readonly copies?: Record<string, string>;
}

/** The packaged extension: $PINPOINT_VSIX, or a fresh `npm run package`. */
export function packagedExtension(): string {
  const given = process.env.PINPOINT_VSIX;
  if (given) {
    return path.resolve(given);
  }
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
  }
  return path.join(repoRoot, 'pinpoint.vsix');
}

/** Monaco renders spaces as no-break spaces. */
function plain(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** `text` as a regular expression that matches it literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A workbench in a browser page, and what it takes to close it. */
export class Workbench {
  readonly #context: BrowserContext;
  readonly #closeServer: () => Promise<void>;
  readonly #scratch: string;
  /** The copied workspace folder. */
  readonly folder: string;
  /** The page showing the workbench. */
  readonly page: Page;
  #shots = 0;
  #failed = false;

  private constructor(context: BrowserContext, page: Page, closeServer: () => Promise<void>, scratch: string, folder: string) {
    this.#context = context;
    this.page = page;
    this.#closeServer = closeServer;
    this.#scratch = scratch;
    this.folder = folder;
  }

  /** Starts code-server with the extension installed from its package, and opens the fixture folder. */
  static async launch(options: LaunchOptions): Promise<Workbench> {
    const install = await ensureCodeServer();
    const executablePath = ensureChromium();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-e2e-'));
    const folder = path.join(scratch, options.fixture);
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspaces', options.fixture), folder, { recursive: true });
    for (const [relative, source] of Object.entries(options.copies ?? {})) {
      fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
      fs.copyFileSync(source, path.join(folder, relative));
    }
    const profile = createProfile(path.join(scratch, 'profile'), {
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.fontSize': 14,
      ...options.settings,
    });
    installExtension(install, profile, packagedExtension());
    const server = await startCodeServer(install, profile, { logFile: path.join(scratch, 'code-server.log') });
    return Workbench.open(`${server.url}/?folder=${encodeURIComponent(folder)}`, {
      executablePath,
      scratch,
      folder,
      close: () => stopServer(server.child),
    });
  }

  /**
   * Opens a workbench that is already served at `url` in a fresh headless Chromium profile under `scratch`
   * (removed on close, after `close` has run).
   */
  static async open(url: string, options: { executablePath?: string; scratch: string; folder: string; close: () => Promise<void> }): Promise<Workbench> {
    const context = await chromium.launchPersistentContext(path.join(options.scratch, 'chromium'), {
      executablePath: options.executablePath ?? ensureChromium(),
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const workbench = new Workbench(context, page, options.close, options.scratch, options.folder);
    await page.goto(url);
    await workbench.visible(page.locator('.monaco-workbench'), 'the workbench', 60_000);
    await workbench.visible(page.locator('.explorer-folders-view .monaco-list-row').first(), 'the explorer', 60_000);
    return workbench;
  }

  /** Waits until the locator is visible. */
  async visible(locator: Locator, what: string, timeoutMs = 20_000): Promise<Locator> {
    try {
      await locator.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw new Error(`${what} did not show within ${timeoutMs} ms`);
    }
    return locator;
  }

  /** Saves a screenshot of the page under the output folder and returns its path. */
  async shot(name: string): Promise<string> {
    fs.mkdirSync(outputDir, { recursive: true });
    this.#shots++;
    const file = path.join(outputDir, `${String(this.#shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Runs one step of a scenario; when it fails, the error says what the editor showed: a screenshot and the
   * text of the suggest widget, the hover, the Problems panel and the notifications.
   */
  async step<T>(name: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      this.#failed = true;
      fs.mkdirSync(outputDir, { recursive: true });
      const file = path.join(outputDir, `failure-${name}.png`);
      await this.page.screenshot({ path: file }).catch(() => undefined);
      const shown = await this.describe();
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${name}: ${message}\n  screenshot: ${file}\n${shown}`, { cause: error });
    }
  }

  /** The text of the widgets a user would be looking at. */
  async describe(): Promise<string> {
    const texts = async (selector: string): Promise<string> =>
      plain((await this.page.locator(selector).allInnerTexts().catch(() => [] as string[])).join(' | ')).slice(0, 2000);
    return [
      `  suggest widget: ${await texts('.editor-widget.suggest-widget.visible .monaco-list-row')}`,
      `  hover: ${await texts('.monaco-hover:not(.hidden)')}`,
      `  problems: ${await texts('.markers-panel .monaco-list-row')}`,
      `  notifications: ${await texts('.notification-toast')}`,
      `  status bar: ${await texts('.statusbar-item')}`,
      `  current line: ${JSON.stringify(await this.currentLine().catch(() => '?'))}`,
    ].join('\n');
  }

  /** Clicks a file in the explorer and waits for its editor tab. */
  async openFromExplorer(name: string): Promise<void> {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await this.visible(row, `${name} in the explorer`);
    await row.click();
    await this.visible(this.page.locator('.tabs-container .tab.active', { hasText: name }), `the ${name} tab`);
    // NOTE: click the first line, not the middle of the text area: while the layout settles, a click there can
    // land past the last line and scroll the document out of view.
    const firstLine = this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').first();
    await this.visible(firstLine, 'the editor text');
    await firstLine.click();
    await this.page.keyboard.press('Control+Home');
  }

  /** Right-clicks a file in the explorer and chooses an entry of its context menu, as a user would. */
  async explorerContextMenu(name: string, entry: string): Promise<void> {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await this.visible(row, `${name} in the explorer`);
    await row.click({ button: 'right' });
    const item = this.page.locator('.context-view .monaco-menu .action-item', { hasText: entry }).first();
    await this.visible(item, `${JSON.stringify(entry)} in the context menu of ${name}`);
    await item.click();
    // A click that lands while the menu is still being laid out is lost (the menu stays open with the entry
    // highlighted, as CI once showed): the entry is then chosen with the keyboard, as a user would.
    const menu = this.page.locator('.context-view .monaco-menu');
    try {
      await menu.waitFor({ state: 'hidden', timeout: 3_000 });
    } catch {
      if (await menu.isVisible()) {
        await item.hover();
        await this.page.keyboard.press('Enter');
      }
      await menu.waitFor({ state: 'hidden', timeout: 10_000 });
    }
  }

  /** Activates an open editor tab. */
  async activateTab(name: string): Promise<void> {
    // The tab whose name is exactly `name`: "Preview brief.md" also contains "brief.md", and each editor group
    // has an active tab.
    const named = (tabs: Locator): Locator => tabs.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) }).first();
    await named(this.page.locator('.tabs-container .tab')).click();
    await this.visible(named(this.page.locator('.tabs-container .tab.active')), `the ${name} tab`);
  }

  /** The text of the line the cursor is on in the focused editor. */
  async currentLine(): Promise<string> {
    const text = await this.page.evaluate(() => {
      const editor = document.querySelector('.monaco-editor.focused') ?? document.querySelector('.editor-group-container.active .monaco-editor');
      const highlight = editor?.querySelector('.view-overlays .current-line')?.parentElement;
      if (!editor || !highlight) {
        return undefined;
      }
      const top = highlight.style.top;
      const line = Array.from(editor.querySelectorAll('.view-lines .view-line')).find((candidate) => candidate.style.top === top);
      return line?.textContent ?? undefined;
    });
    if (text === undefined) {
      throw new Error('no current line in the focused editor');
    }
    return plain(text);
  }

  /** Waits until the cursor's line satisfies `accept`. */
  async waitForCurrentLine(what: string, accept: (line: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let line = '';
    for (let attempt = 0; ; attempt++) {
      line = await this.currentLine().catch(() => '');
      if (accept(line)) {
        return line;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; the cursor's line is ${JSON.stringify(line)}`);
      }
      await this.page.waitForTimeout(Math.min(25 * 2 ** attempt, 250));
    }
  }

  /**
   * Types `text` at the end of the document and checks the line reads `expected` (a form with an
   * auto-closed bracket is accepted too). Headless Chromium very occasionally doubles typed text: the line is
   * then cleared and typed again, a bounded number of times.
   */
  async typeAtEnd(text: string, accept: (line: string) => boolean): Promise<string> {
    let line = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.keyboard.press('Control+End');
      await this.page.keyboard.type(text);
      try {
        return await this.waitForCurrentLine(`the typed line ${JSON.stringify(text)}`, accept, 3000);
      } catch {
        line = await this.currentLine().catch(() => '');
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('End');
        await this.page.keyboard.press('Shift+Home');
        await this.page.keyboard.press('Backspace');
      }
    }
    throw new Error(`typing ${JSON.stringify(text)} left the line ${JSON.stringify(line)}`);
  }

  /**
   * The screen position of the middle of `fragment` inside the first editor line containing `lineText`, found
   * through the text nodes Monaco renders.
   */
  async pointAt(lineText: string, fragment: string): Promise<{ x: number; y: number }> {
    const point = await this.page.evaluate(
      // NOTE: no named functions in here: tsx would wrap them in a helper (`__name`) the page does not have.
      ({ lineText, fragment }) => {
        const editor = document.querySelector('.editor-group-container.active .monaco-editor');
        const line = Array.from(editor?.querySelectorAll('.view-lines .view-line') ?? []).find((candidate) => (candidate.textContent ?? '').replace(/\u00a0/g, ' ').includes(lineText));
        if (!line) {
          return undefined;
        }
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes: PageNode[] = [];
        let full = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push(node);
          full += (node.textContent ?? '').replace(/\u00a0/g, ' ');
        }
        const start = full.indexOf(lineText) + lineText.indexOf(fragment);
        const middle = start + Math.floor(fragment.length / 2);
        let offset = 0;
        for (const node of nodes) {
          const length = node.textContent?.length ?? 0;
          if (middle < offset + length) {
            const range = document.createRange();
            range.setStart(node, middle - offset);
            range.setEnd(node, middle - offset + 1);
            const rect = range.getBoundingClientRect();
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
          }
          offset += length;
        }
        return undefined;
      },
      { lineText, fragment },
    );
    if (!point) {
      throw new Error(`${JSON.stringify(fragment)} of the line ${JSON.stringify(lineText)} is not on screen`);
    }
    return point;
  }

  /**
   * Points the mouse at `fragment` of the line containing `lineText` until a hover showing `expected` appears
   * (moving away and back between tries, so that the hover is asked for afresh); returns it.
   */
  async hoverAt(lineText: string, fragment: string, expected: string): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: expected });
    for (let tries = 0; ; tries++) {
      await this.page.mouse.move(5, 5);
      const point = await this.pointAt(lineText, fragment);
      await this.page.mouse.move(point.x, point.y, { steps: 4 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 5000 });
        return hover;
      } catch (error) {
        if (tries >= 3) {
          throw error;
        }
      }
    }
  }

  /** The computed colour of the text at `fragment` in the line containing `lineText`. */
  async colourAt(lineText: string, fragment: string): Promise<string> {
    const point = await this.pointAt(lineText, fragment);
    return this.page.evaluate(({ x, y }) => {
      const element = document.elementFromPoint(x, y);
      return element ? getComputedStyle(element).color : '';
    }, point);
  }

  /** Runs a command from the Command Palette by its title, as a user would. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await this.visible(input, 'the Command Palette');
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await this.visible(row, `the command ${JSON.stringify(title)}`);
    await this.page.keyboard.press('Enter');
  }

  /** Closes the browser and the server, and removes the copied folder and profile. */
  async close(): Promise<void> {
    // Leaving the page first lets the server end this window's extension host at once.
    await this.page.goto('about:blank').catch(() => undefined);
    await this.#context.close().catch(() => undefined);
    await this.#closeServer();
    if (this.#failed) {
      // Keep what the server and the extension host logged (the Pinpoint output channel is among them).
      const logs = path.join(outputDir, 'logs');
      fs.mkdirSync(logs, { recursive: true });
      for (const [from, to] of [['code-server.log', 'code-server.log'], [path.join('profile', 'user', 'logs'), 'vscode']] as const) {
        if (fs.existsSync(path.join(this.#scratch, from))) {
          fs.cpSync(path.join(this.#scratch, from), path.join(logs, to), { recursive: true });
        }
      }
      console.log(`logs of the failed session: ${logs}`);
    }
    fs.rmSync(this.#scratch, { recursive: true, force: true });
  }
}
