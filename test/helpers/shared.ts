/**
 * The project's own test data beside the repository (`../shared/`: large corpora under `corpora/`, the raw
 * seed under `seed/`). Only this project's machines (and `.ci/run` there) have it; a fresh clone does not.
 * A test that needs it runs when it is present and, when it is absent, is skipped with one line saying why:
 *
 * ```ts
 * describe('the starter library against its dataset', needsShared('corpora/open-treaties/data'), () => { … });
 * ```
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedFolderOrDefault } from '../../scripts/sharedFolder';

/** The repository root. */
export const REPOSITORY = path.join(__dirname, '..', '..');
/** `../shared/` beside the repository (or beside its parent, for a git worktree in a folder of worktrees). */
export const SHARED = sharedFolderOrDefault();

/** The absolute path of `relative` under `../shared/`, or undefined when it is not there. */
export function sharedPath(relative: string): string | undefined {
  const full = path.join(SHARED, relative);
  return fs.existsSync(full) ? full : undefined;
}

/**
 * Options for `describe`/`it`/`test` of node:test: none when every `../shared/<relative>` exists, else `skip`
 * with the reason (the paths that are missing), which the test reporter prints on the test's line.
 */
export function needsShared(...relative: string[]): { skip?: string } {
  const missing = relative.filter((entry) => sharedPath(entry) === undefined);
  return missing.length > 0 ? { skip: `needs ${missing.map((entry) => `../shared/${entry}`).join(' and ')}, which only this project's machines have (absent here)` } : {};
}
