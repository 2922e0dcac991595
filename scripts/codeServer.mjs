// Installs and drives a real VS Code (the workbench inside the npm package `code-server`) for `npm start` and
// the editor test suites. VS Code's own download is out of reach on our machines; code-server's is not.
//
// Usage: node scripts/codeServer.mjs [--chromium]   installs code-server (and Debian's Chromium) if missing and
//                                                   prints where they are.
//
// The install is idempotent and goes to a cache folder outside the work tree, shared by every clone:
// $PINPOINT_EDITOR_CACHE, else $XDG_CACHE_HOME/pinpoint-editor, else ~/.cache/pinpoint-editor.
// It never reads standard input, so it runs in CI and from scripts as root.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The newest code-server whose `engines` accepts Node 20; it bundles VS Code 1.100.3. */
export const codeServerVersion = '4.100.3';

/** The @vscode/ripgrep version code-server's VS Code pins, and the ripgrep build its post-install fetches. */
const ripgrepPackageVersions = ['1.15.11'];
const ripgrepAsset = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** The folder under which code-server is installed. */
export function editorCacheRoot() {
  if (process.env.PINPOINT_EDITOR_CACHE) {
    return path.resolve(process.env.PINPOINT_EDITOR_CACHE);
  }
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'pinpoint-editor');
}

/**
 * Paths of an installed code-server.
 * @typedef {object} CodeServerInstall
 * @property {string} root the folder holding `node_modules/code-server`
 * @property {string} entry code-server's command line entry point (run it with `node`)
 * @property {string} vscodeServerMain the bundled VS Code server (`out/server-main.js`)
 * @property {string} vscodeVersion the bundled VS Code's version, e.g. 1.100.3
 */

/** @returns {CodeServerInstall} */
function installPaths(root) {
  const packageDir = path.join(root, 'node_modules', 'code-server');
  const entry = path.join(packageDir, 'out', 'node', 'entry.js');
  const vscodeServerMain = path.join(packageDir, 'lib', 'vscode', 'out', 'server-main.js');
  let vscodeVersion = '';
  try {
    vscodeVersion = JSON.parse(fs.readFileSync(path.join(packageDir, 'lib', 'vscode', 'package.json'), 'utf8')).version;
  } catch {
    // Not installed yet.
  }
  return { root, entry, vscodeServerMain, vscodeVersion };
}

function log(message) {
  process.stderr.write(`[editor] ${message}\n`);
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function debianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

let aptUpdated = false;

/**
 * Installs Debian packages that are missing, when we are root and have apt; otherwise says what is missing.
 * @param {string[]} names
 */
export function ensureDebianPackages(names) {
  const missing = names.filter((name) => !debianPackageInstalled(name));
  if (missing.length === 0) {
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !commandExists('apt-get')) {
    log(`missing Debian packages: ${missing.join(' ')} (install them with: sudo apt-get install -y ${missing.join(' ')})`);
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('apt-get update');
    run('apt-get', ['update', '-q'], { env });
    aptUpdated = true;
  }
  log(`apt-get install ${missing.join(' ')}`);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  }
}

/**
 * Seeds @vscode/ripgrep's download cache with Debian's `rg`: its post-install would fetch a binary from the
 * internet, which is out of reach here.
 * @param {string} tmpDir the TMPDIR the install will run with
 */
function seedRipgrepCache(tmpDir) {
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) {
    throw new Error('ripgrep (rg) is needed to install code-server here: apt-get install -y ripgrep');
  }
  const staging = fs.mkdtempSync(path.join(tmpDir, 'rg-'));
  fs.copyFileSync(fs.realpathSync(rg), path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  for (const version of ripgrepPackageVersions) {
    const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${version}`);
    fs.mkdirSync(cacheDir, { recursive: true });
    const archive = path.join(cacheDir, ripgrepAsset);
    if (!fs.existsSync(archive)) {
      run('tar', ['-czf', archive, '-C', staging, 'rg']);
    }
  }
  fs.rmSync(staging, { recursive: true, force: true });
}

/** Holds a lock folder while `action` runs, so two commands do not install into the same place at once. */
async function withLock(lockDir, action) {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') {
        throw error;
      }
      // NOTE: a lock left by a killed install is stale after 20 minutes (an install takes about 2).
      const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 20 * 60_000) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${lockDir}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await action();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Installs code-server into the cache folder unless it is there already.
 * @returns {Promise<CodeServerInstall>}
 */
export async function ensureCodeServer() {
  const cacheRoot = editorCacheRoot();
  const root = path.join(cacheRoot, `code-server-${codeServerVersion}`);
  const marker = path.join(root, 'installed.json');
  if (fs.existsSync(marker) && fs.existsSync(installPaths(root).vscodeServerMain)) {
    return installPaths(root);
  }
  fs.mkdirSync(cacheRoot, { recursive: true });
  return withLock(path.join(cacheRoot, `code-server-${codeServerVersion}.lock`), async () => {
    if (fs.existsSync(marker)) {
      return installPaths(root);
    }
    ensureDebianPackages(['libkrb5-dev', 'ripgrep']);
    const started = Date.now();
    log(`installing code-server@${codeServerVersion} into ${root} (about 2 minutes, 300 MB)`);
    // Install into a staging folder and rename it when complete, so an interrupted install leaves no half tree.
    const staging = `${root}.partial`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    fs.writeFileSync(
      path.join(staging, 'package.json'),
      JSON.stringify(
        {
          name: 'pinpoint-editor-cache',
          private: true,
          description: 'code-server for Pinpoint',
          // npm 11 asks for install scripts to be approved; code-server's post-install installs VS Code's modules.
          allowScripts: { 'code-server': true, argon2: true },
        },
        null,
        2,
      ),
    );
    const tmpDir = path.join(cacheRoot, 'tmp');
    fs.mkdirSync(tmpDir, { recursive: true });
    seedRipgrepCache(tmpDir);
    const env = {
      ...process.env,
      TMPDIR: tmpDir,
      // code-server refuses to install as root otherwise, and its post-install runs `npx node-gyp`.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
    };
    run('npm', ['install', '--no-save', '--omit=dev', '--no-package-lock', `code-server@${codeServerVersion}`], {
      cwd: staging,
      env,
    });
    const installed = installPaths(staging);
    if (!fs.existsSync(installed.vscodeServerMain)) {
      throw new Error(`code-server installed without ${installed.vscodeServerMain}`);
    }
    fs.rmSync(root, { recursive: true, force: true });
    fs.renameSync(staging, root);
    const result = installPaths(root);
    fs.writeFileSync(
      marker,
      JSON.stringify({ codeServer: codeServerVersion, vscode: result.vscodeVersion, node: process.version }, null, 2),
    );
    log(`code-server ${codeServerVersion} (VS Code ${result.vscodeVersion}) installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return result;
  });
}

/**
 * Makes sure Debian's Chromium (and fonts that render Chinese) are installed; returns the browser's path.
 * @returns {string}
 */
export function ensureChromium() {
  ensureDebianPackages(['chromium', 'fonts-noto-cjk']);
  const candidates = [process.env.PINPOINT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error('Chromium is needed for the editor tests: apt-get install -y chromium');
  }
  return found;
}

/** Returns a free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers 200, the process exits, or the time is up.
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} timeoutMs
 */
export async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = child.exitCode !== null;
  child.once('exit', () => {
    exited = true;
  });
  for (let attempt = 0; ; attempt++) {
    if (exited) {
      throw new Error(`the editor server exited (code ${child.exitCode}) before ${url} answered`);
    }
    const ok = await new Promise((resolve) => {
      const request = http.get(url, (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      });
      request.on('error', () => resolve(false));
      request.setTimeout(2000, () => {
        request.destroy();
        resolve(false);
      });
    });
    if (ok) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    }
    // Bounded back-off between polls of a server that is still starting.
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1000)));
  }
}

/** The user settings every private profile starts with: no prompts, no network, no trust dialog. */
export const quietUserSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * Creates a private profile, or reuses one: `DIR/user` with quiet user settings (written only when there are
 * none yet), `DIR/ext`, and `DIR/config.yaml`.
 * @param {string} dir
 * @param {Record<string, unknown>} [extraSettings]
 */
export function createProfile(dir, extraSettings = {}) {
  const userDir = path.join(dir, 'user');
  const extensionsDir = path.join(dir, 'ext');
  const configFile = path.join(dir, 'config.yaml');
  fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // A profile that exists keeps the user's own settings (npm start reuses its profile).
  const settingsFile = path.join(userDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify({ ...quietUserSettings, ...extraSettings }, null, 2));
  }
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  return { dir, userDir, extensionsDir, configFile };
}

/**
 * The arguments every code-server command gets: a private profile, and never the home folder's config.
 * @param {{ configFile: string, userDir: string, extensionsDir: string }} profile
 */
function profileArgs(profile) {
  return [
    '--config', profile.configFile,
    '--user-data-dir', profile.userDir,
    '--extensions-dir', profile.extensionsDir,
  ];
}

/**
 * Installs a packaged extension into a profile, as a user would.
 * @param {CodeServerInstall} install
 * @param {{ configFile: string, userDir: string, extensionsDir: string }} profile
 * @param {string} vsix
 */
export function installExtension(install, profile, vsix) {
  const result = spawnSync(
    process.execPath,
    [install.entry, ...profileArgs(profile), '--install-extension', path.resolve(vsix), '--force'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.status !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
    throw new Error(`installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * Starts code-server on 127.0.0.1 with a private profile and waits until it answers.
 * @param {CodeServerInstall} install
 * @param {{ configFile: string, userDir: string, extensionsDir: string }} profile
 * @param {{ port?: number, stdio?: 'inherit' | 'pipe', logFile?: string }} [options]
 */
export async function startCodeServer(install, profile, options = {}) {
  const port = options.port ?? (await freePort());
  const args = [
    install.entry,
    ...profileArgs(profile),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  const child = spawnLogged(args, options);
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, child);
  return { child, port, url: `http://127.0.0.1:${port}` };
}

/**
 * Starts the VS Code server bundled in code-server, which (unlike code-server itself) accepts an extension test
 * payload; `--enable-smoke-test-driver` makes its web client honour one.
 * @param {CodeServerInstall} install
 * @param {{ userDir: string, extensionsDir: string }} profile
 * @param {{ port?: number, stdio?: 'inherit' | 'pipe', logFile?: string }} [options]
 */
export async function startVsCodeServer(install, profile, options = {}) {
  const port = options.port ?? (await freePort());
  const args = [
    install.vscodeServerMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--user-data-dir', profile.userDir,
    '--extensions-dir', profile.extensionsDir,
  ];
  const child = spawnLogged(args, options);
  await waitForHttp(`http://127.0.0.1:${port}/version`, child);
  return { child, port, url: `http://127.0.0.1:${port}` };
}

function spawnLogged(args, options) {
  const toFile = options.logFile ? fs.openSync(options.logFile, 'a') : undefined;
  const stdio = toFile !== undefined ? ['ignore', toFile, toFile] : ['ignore', options.stdio ?? 'pipe', options.stdio ?? 'pipe'];
  const child = spawn(process.execPath, args, { stdio, env: { ...process.env, VSCODE_CLI: undefined } });
  if (toFile !== undefined) {
    fs.closeSync(toFile);
  }
  if (stdio[1] === 'pipe') {
    // Drain the pipes so a chatty server never blocks on a full buffer.
    child.stdout?.resume();
    child.stderr?.resume();
  }
  return child;
}

/**
 * Ends a server we started and waits for it to go.
 * @param {import('node:child_process').ChildProcess} child
 */
export async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** The work tree this script belongs to. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  ensureCodeServer().then(
    (install) => {
      console.log(`code-server ${codeServerVersion} (VS Code ${install.vscodeVersion}): ${install.root}`);
      if (process.argv.includes('--chromium')) {
        console.log(`chromium: ${ensureChromium()}`);
      }
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
