// `npm run test:editor`: the tests that need a real VS Code.
//
// 1. installs code-server and Debian's Chromium when missing (scripts/codeServer.mjs);
// 2. packages the extension (`npm run package` → pinpoint.vsix, which also builds dist/);
// 3. runs the extension tests (test/suite) through @vscode/test-electron's `runTests`, once in a single-folder
//    workspace and once in a multi-root one. `runTests` starts test/suite/vscodeShim.mjs as its "VS Code":
//    the VS Code server inside code-server, in headless Chromium. Set PINPOINT_VSCODE_EXECUTABLE to a desktop
//    VS Code to run the same suites there;
// 4. runs the user-level browser tests (test/e2e) against code-server with the .vsix installed.
//
// Options: --suite (only the extension tests), --e2e (only the browser tests).
// Screenshots and logs go to test-output/ (gitignored). Prints `N passed, N failed` last.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { ensureChromium, ensureCodeServer, repoRoot } from '../scripts/codeServer.mjs';

const only = process.argv.includes('--suite') ? 'suite' : process.argv.includes('--e2e') ? 'e2e' : 'all';
const outputDir = path.resolve(process.env.PINPOINT_TEST_OUTPUT ?? path.join(repoRoot, 'test-output'));
const timings = [];
const totals = { passed: 0, failed: 0 };

async function timed(name, action) {
  const started = Date.now();
  try {
    return await action();
  } finally {
    timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

function log(message) {
  console.log(`[editor-tests] ${message}`);
}

/** Builds the extension and packages it, as `npm run package` does for users. */
function packageExtension() {
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stdout.write(result.stdout + result.stderr);
    throw new Error('npm run package failed');
  }
  const vsix = path.join(repoRoot, 'pinpoint.vsix');
  const entries = zipEntries(fs.readFileSync(vsix));
  for (const required of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/docxWriter.js', 'extension/corpus/2023-JS.md', 'extension/corpus/2023-ECON.md', 'extension/syntaxes/pinpoint.tmLanguage.json', 'extension/media/preview.css', 'extension/media/previewScript.js']) {
    if (!entries.includes(required)) {
      throw new Error(`pinpoint.vsix lacks ${required}; it holds:\n${entries.join('\n')}`);
    }
  }
  // The seed the built-in corpus is generated from is a source file, not something the extension reads.
  const unwanted = entries.filter((entry) => entry.startsWith('extension/corpus/source/') || entry.startsWith('extension/test/'));
  if (unwanted.length > 0) {
    throw new Error(`pinpoint.vsix holds files it does not need: ${unwanted.join(', ')}`);
  }
  return vsix;
}

/** The file names in a zip archive, read from its central directory (no unzip needed). */
function zipEntries(zip) {
  // NOTE: the end-of-central-directory record is the last 22 bytes unless the archive has a comment.
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) {
    end--;
  }
  if (end < 0) {
    throw new Error('not a zip archive');
  }
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names = [];
  for (let index = 0; index < count; index++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Bundles the suites' entry points for the extension host (which loads plain CommonJS). */
async function bundleSuites() {
  const outdir = path.join(repoRoot, 'out', 'test', 'suite');
  await esbuild.build({
    entryPoints: { singleFolder: 'test/suite/singleFolder.ts', multiRoot: 'test/suite/multiRoot.ts' },
    absWorkingDir: repoRoot,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outdir;
}

/** Runs one suite entry point in one workspace through `runTests`. */
async function runSuite(name, entry, workspace, scratch) {
  const resultsFile = path.join(scratch, `${name}.json`);
  const executable = process.env.PINPOINT_VSCODE_EXECUTABLE ?? path.join(repoRoot, 'test', 'suite', 'vscodeShim.mjs');
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: entry,
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(scratch, name, 'user')}`,
        `--extensions-dir=${path.join(scratch, name, 'ext')}`,
        '--disable-extensions',
      ],
      extensionTestsEnv: { PINPOINT_SUITE_RESULTS: resultsFile, PINPOINT_TEST_OUTPUT: outputDir },
    });
  } catch (error) {
    log(`${name}: ${error instanceof Error ? error.message : error}`);
  }
  const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 1 };
  if (!fs.existsSync(resultsFile)) {
    log(`${name}: the suite did not report results (it crashed or timed out)`);
  }
  totals.passed += results.passed;
  totals.failed += results.failed;
}

/** Runs the browser tests with node's test runner and adds its counts. */
function runBrowserTests(vsix) {
  return new Promise((resolve) => {
    const files = fs.readdirSync(path.join(repoRoot, 'test', 'e2e')).filter((file) => file.endsWith('.test.ts')).map((file) => path.join('test', 'e2e', file));
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PINPOINT_VSIX: vsix, PINPOINT_TEST_OUTPUT: outputDir },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => {
      const count = (label) => Number(new RegExp(`^\\S+ ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
      const passed = count('pass');
      const failed = count('fail') + count('cancelled');
      totals.passed += passed;
      totals.failed += failed === 0 && code !== 0 ? 1 : failed;
      resolve();
    });
  });
}

async function main() {
  const started = Date.now();
  // Screenshots of an earlier run would mislead.
  fs.rmSync(path.join(outputDir, 'e2e'), { recursive: true, force: true });
  for (const file of fs.existsSync(outputDir) ? fs.readdirSync(outputDir) : []) {
    if (file.startsWith('suite-failure-')) {
      fs.rmSync(path.join(outputDir, file));
    }
  }
  await timed('install', async () => {
    await ensureCodeServer();
    ensureChromium();
  });
  const vsix = await timed('package', async () => packageExtension());
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-editor-tests-'));
  const workspaces = path.join(scratch, 'workspaces');
  // Copies, so edits and settings written by the tests never touch the fixtures.
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspaces'), workspaces, { recursive: true });

  if (only !== 'e2e') {
    const outdir = await timed('bundle suites', bundleSuites);
    await timed('suite: single folder', () => runSuite('single', path.join(outdir, 'singleFolder.js'), path.join(workspaces, 'single'), scratch));
    await timed('suite: multi-root', () => runSuite('multi', path.join(outdir, 'multiRoot.js'), path.join(workspaces, 'multi', 'multi.code-workspace'), scratch));
  }
  if (only !== 'suite') {
    await timed('browser tests', () => runBrowserTests(vsix));
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  log(`times: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`screenshots: ${path.join(outputDir, 'e2e')}`);
  console.log(`editor: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log("editor: 0 passed, 1 failed");
  process.exit(1);
});
