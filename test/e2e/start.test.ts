// `npm start` (scripts/start.mjs): the command line's verdict on the example briefs comes first, then VS Code
// serves examples/ with the extension installed from its package, and Ctrl+C (SIGTERM here) stops it.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../scripts/codeServer.mjs';
import { packagedExtension, Workbench } from './workbench';

/** Waits until the process has printed a line matching `pattern` on stdout, or fails when it exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number, seen: { stdout: string; stderr: string }): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = pattern.exec(seen.stdout);
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${seen.stdout}\n${seen.stderr}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`npm start printed no ${pattern} within ${timeoutMs} ms:\n${seen.stdout}\n${seen.stderr}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
    }
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

describe('npm start', { timeout: 240_000 }, () => {
  const seen = { stdout: '', stderr: '' };
  let child: ChildProcess;
  let address = '';
  let workbench: Workbench | undefined;
  let scratch = '';

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-start-'));
    child = spawn(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'start.mjs'), '--port', '0', '--vsix', packagedExtension(), '--profile', path.join(scratch, 'profile')],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      seen.stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      seen.stderr += chunk;
    });
    const match = await waitForOutput(child, /Pinpoint is running in VS Code \S+ at (http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/, 180_000, seen);
    address = match[1]!;
  });

  after(async () => {
    const stopped = new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) {
        resolve(child.exitCode);
      } else {
        child.once('exit', resolve);
      }
    });
    const closeServer = async (): Promise<void> => {
      child.kill('SIGTERM');
      assert.equal(await stopped, 0, 'npm start stops cleanly on SIGTERM');
    };
    if (workbench) {
      await workbench.close();
    }
    await closeServer();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('prints the check of the example briefs first, then the address', () => {
    const lines = seen.stdout.split('\n');
    assert.equal(lines[0], '$ pinpoint check examples', `the first line is the check:\n${seen.stdout}`);
    assert.match(seen.stdout, /briefs? checked/);
    assert.ok(seen.stdout.indexOf('briefs checked') < seen.stdout.indexOf('Pinpoint is running'), 'the check comes before the address');
    assert.ok(address.endsWith(`folder=${encodeURI(path.join(repoRoot, 'examples'))}`), address);
  });

  test('the served editor has the extension from the package: a broken example citation is underlined', async () => {
    workbench = await Workbench.open(address, { scratch: fs.mkdtempSync(path.join(scratch, 'browser-')), folder: path.join(repoRoot, 'examples'), close: async () => {} });
    const current = workbench;
    await current.step('start-editor', async () => {
      await current.openFromExplorer('broken-citations.md');
      await current.visible(current.page.locator('.editor-instance .squiggly-error').first(), 'an error squiggle in broken-citations.md', 60_000);
      await current.shot('npm-start');
    });
  });
});
