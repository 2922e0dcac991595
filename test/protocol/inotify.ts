/** What the protocol tests read of a server process's file watches. */
import * as fs from 'node:fs';

/**
 * How many inotify watches a process holds (Linux: the `inotify wd:` lines of its descriptors' fdinfo);
 * undefined on other systems, where watches are not inotify's.
 */
export function inotifyWatches(pid: number): number | undefined {
  if (process.platform !== 'linux') {
    return undefined;
  }
  let count = 0;
  for (const descriptor of fs.readdirSync(`/proc/${pid}/fdinfo`)) {
    try {
      count += (fs.readFileSync(`/proc/${pid}/fdinfo/${descriptor}`, 'utf8').match(/^inotify wd:/gm) ?? []).length;
    } catch {
      // The descriptor closed meanwhile.
    }
  }
  return count;
}
