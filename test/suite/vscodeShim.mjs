#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's `runTests` starts, for machines where
// VS Code cannot be downloaded. It takes the desktop command line (`--extensionDevelopmentPath=`,
// `--extensionTestsPath=`, `--user-data-dir=`, `--extensions-dir=`, a folder or a `.code-workspace` file),
// starts the VS Code server bundled in code-server, opens the workbench in headless Chromium with an extension
// test payload, prints the extension host's console, and exits with the suite's exit code.
//
// On a desktop with VS Code, test/run-editor-tests.mjs passes VS Code's own executable to `runTests` instead
// (PINPOINT_VSCODE_EXECUTABLE) and the same suites run the usual way.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import {
  createProfile,
  ensureChromium,
  ensureCodeServer,
  repoRoot,
  startVsCodeServer,
  stopServer,
} from '../../scripts/codeServer.mjs';

/**
 * Workbench messages that say nothing about the tests: connection chatter, the closed network (no extension
 * gallery), and shutdown. PINPOINT_SHIM_VERBOSE=1 shows them.
 */
const workbenchNoise = new RegExp(
  [
    '^Resolving connection token', '^Resolved connection token', '^Creating a socket', '^Updating additional builtin extensions cache',
    '^ChatSessionStore', '^\\[lifecycle\\]', '^\\[Service Worker\\]', 'ENOTFOUND', '^Unload veto', '^Canceled$',
    "^Unable to read file '.*/\\.vscode/(tasks|launch)\\.json'",
  ].join('|'),
);
const verbose = process.env.PINPOINT_SHIM_VERBOSE === '1';
const timeoutMs = Number(process.env.PINPOINT_SUITE_TIMEOUT_MS ?? 300_000);
const outputDir = path.resolve(process.env.PINPOINT_TEST_OUTPUT ?? path.join(repoRoot, 'test-output'));

/** Parses the desktop command line that `runTests` builds. */
function parseArgs(argv) {
  const options = { developmentPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, target: undefined };
  for (const arg of argv) {
    const [key, ...rest] = arg.split('=');
    const value = rest.join('=');
    if (key === '--extensionDevelopmentPath') {
      options.developmentPaths.push(path.resolve(value));
    } else if (key === '--extensionTestsPath') {
      options.testsPath = path.resolve(value);
    } else if (key === '--user-data-dir') {
      options.userDataDir = path.resolve(value);
    } else if (key === '--extensions-dir') {
      options.extensionsDir = path.resolve(value);
    } else if (!arg.startsWith('-')) {
      options.target = path.resolve(arg);
    }
    // Other desktop flags (--no-sandbox, --disable-updates, --skip-welcome, ...) mean nothing here.
  }
  return options;
}

function remoteUri(authority, absolutePath) {
  return `vscode-remote://${authority}${absolutePath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.testsPath || options.developmentPaths.length === 0) {
    console.error('usage: vscodeShim --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER|FILE.code-workspace]');
    return 2;
  }
  const install = await ensureCodeServer();
  const chromiumPath = ensureChromium();

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-suite-'));
  const profile = createProfile(options.userDataDir ? path.dirname(options.userDataDir) : scratch);
  const userDir = options.userDataDir ?? profile.userDir;
  const extensionsDir = options.extensionsDir ?? profile.extensionsDir;
  // createProfile wrote settings under DIR/user; make sure the directory runTests named has them too.
  if (userDir !== profile.userDir) {
    fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
    const settingsFile = path.join(userDir, 'User', 'settings.json');
    if (!fs.existsSync(settingsFile)) {
      fs.copyFileSync(path.join(profile.userDir, 'User', 'settings.json'), settingsFile);
    }
  }
  fs.mkdirSync(extensionsDir, { recursive: true });

  const serverLog = path.join(scratch, 'server.log');
  const server = await startVsCodeServer(install, { userDir, extensionsDir }, { logFile: serverLog });
  const authority = `127.0.0.1:${server.port}`;
  const payload = [
    ...options.developmentPaths.map((developmentPath) => ['extensionDevelopmentPath', remoteUri(authority, developmentPath)]),
    ['extensionTestsPath', remoteUri(authority, options.testsPath)],
  ];
  const query = new URLSearchParams();
  if (options.target?.endsWith('.code-workspace')) {
    query.set('workspace', options.target);
  } else if (options.target) {
    query.set('folder', options.target);
  } else {
    query.set('ew', 'true');
  }
  query.set('payload', JSON.stringify(payload));
  const url = `${server.url}/?${query.toString()}`;

  const context = await chromium.launchPersistentContext(path.join(scratch, 'chromium'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let exitCode = 1;
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    /** @type {(code: number) => void} */
    let finish = () => {};
    const finished = new Promise((resolve) => {
      finish = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
      if (verbose || !workbenchNoise.test(text)) {
        (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    page.on('pageerror', (error) => process.stderr.write(`[workbench] ${error.message}\n`));
    await page.goto(url);
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      console.error(`[shim] the extension tests did not finish within ${timeoutMs} ms`);
      exitCode = 1;
    } else {
      exitCode = result;
    }
    if (exitCode !== 0) {
      fs.mkdirSync(outputDir, { recursive: true });
      const shot = path.join(outputDir, `suite-failure-${path.basename(options.testsPath, '.js')}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      const notifications = await page.locator('.notifications-toasts, .notification-toast').allInnerTexts().catch(() => []);
      console.error(`[shim] the editor at failure: ${shot}`);
      if (notifications.length > 0) {
        console.error(`[shim] notifications: ${notifications.join(' | ')}`);
      }
      console.error(`[shim] server log: ${serverLog}`);
    }
  } finally {
    // Leaving the page first lets the server end this window's extension host at once.
    await page.goto('about:blank').catch(() => undefined);
    await context.close().catch(() => undefined);
    await stopServer(server.child);
    if (exitCode === 0) {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
