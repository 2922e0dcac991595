// `npm start`: checks the example briefs, then opens Pinpoint in a real VS Code.
//
// 1. builds the extension and prints `pinpoint check examples` (the command line front end's verdict);
// 2. packages the extension (`npm run package` → pinpoint.vsix) and installs it, as a user would, into a
//    private code-server profile under .vscode-test/start/ (gitignored);
// 3. serves VS Code on 127.0.0.1 with examples/ open and prints the address. Ctrl+C stops it.
//
// Options: --port N (default $PORT or 8080, or any free port when that one is taken; 0 for any free port),
//          --vsix FILE (install this package instead of building one), --folder DIR (instead of examples/),
//          --profile DIR (instead of .vscode-test/start).
// The first run installs code-server into a cache folder outside the work tree (about 1 minute).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  createProfile,
  ensureCodeServer,
  freePort,
  installExtension,
  repoRoot,
  startCodeServer,
  stopServer,
} from './codeServer.mjs';

function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  if (index !== -1) {
    return process.argv[index + 1];
  }
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

function step(message) {
  process.stderr.write(`[start] ${message}\n`);
}

/** Runs an npm script quietly; prints its output only when it fails. */
function npmRun(script) {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`npm run ${script} failed (exit ${result.status})`);
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort() {
  const requested = option('port') ?? process.env.PORT ?? '8080';
  const port = Number(requested);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`bad port: ${requested}`);
  }
  if (port !== 0 && (await portIsFree(port))) {
    return port;
  }
  if (port !== 0) {
    step(`port ${port} is taken; using a free one`);
  }
  return freePort();
}

async function main() {
  const folder = path.resolve(option('folder') ?? path.join(repoRoot, 'examples'));

  // The main job's result comes first: the command line's verdict on the example briefs.
  npmRun('build');
  console.log(`$ pinpoint check ${path.relative(repoRoot, folder) || '.'}`);
  const check = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'pinpoint.js'), 'check', folder], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  console.log(`(pinpoint check exited with ${check.status ?? check.signal})\n`);

  let vsix = option('vsix');
  if (vsix) {
    vsix = path.resolve(vsix);
  } else {
    step('packaging the extension (npm run package)');
    npmRun('package');
    vsix = path.join(repoRoot, 'pinpoint.vsix');
  }
  if (!fs.existsSync(vsix)) {
    throw new Error(`no package at ${vsix}`);
  }

  const install = await ensureCodeServer();
  const profileDir = path.resolve(option('profile') ?? path.join(repoRoot, '.vscode-test', 'start'));
  const profile = createProfile(profileDir);
  step(`installing ${path.basename(vsix)} into ${path.relative(repoRoot, profile.extensionsDir)}`);
  installExtension(install, profile, vsix);

  const port = await choosePort();
  const server = await startCodeServer(install, profile, { port, logFile: path.join(profileDir, 'code-server.log') });
  const address = `${server.url}/?folder=${encodeURI(folder)}`;
  console.log(`Pinpoint is running in VS Code ${install.vscodeVersion} at ${address}`);
  console.log('Open a brief in examples/ and type [2023-JS §3. to try it. Press Ctrl+C to stop.');

  const onServerExit = (code) => {
    step(`code-server exited (${code}); its log is ${path.join(profileDir, 'code-server.log')}`);
    process.exit(code ?? 1);
  };
  const stop = async () => {
    server.child.off('exit', onServerExit);
    await stopServer(server.child);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  server.child.once('exit', onServerExit);
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
