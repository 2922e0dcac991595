/**
 * The shared folder of test corpora and docs (`../shared` beside the repository; a worktree in
 * `…/wt/NAME` reaches it as `../../shared`). Undefined when neither exists: callers then skip with a
 * message, as CONTRIBUTING.md asks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository's root folder. */
export const repositoryRoot = path.join(__dirname, '..');

/** The shared folder, or undefined when it is absent. */
export function sharedFolder(): string | undefined {
  for (const candidate of [path.join(repositoryRoot, '..', 'shared'), path.join(repositoryRoot, '..', '..', 'shared')]) {
    if (fs.existsSync(path.join(candidate, 'corpora'))) {
      return candidate;
    }
  }
  return undefined;
}

/** The shared folder, or where it would be beside the repository (for messages that name what is missing). */
export function sharedFolderOrDefault(): string {
  return sharedFolder() ?? path.join(repositoryRoot, '..', 'shared');
}
