// Helpers shared by the benchmark scripts.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function percentile(values, fraction) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** The `.md` files under a folder, sorted. */
export function markdownFiles(root) {
  const files = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) files.push(full);
    }
  };
  walk(root);
  return files.sort();
}

/**
 * `distinct` documents spread evenly over `files` (those with an id and articles), with their text: the
 * documents the cliff's brief and the peer's cite.
 */
export function cliffTargets(files, distinct) {
  const targets = [];
  const step = files.length / distinct;
  for (let index = 0; index < distinct; index++) {
    const text = fs.readFileSync(files[Math.floor(index * step)], 'utf8');
    const id = /^id: (\S+)$/m.exec(text)?.[1];
    const sections = (text.match(/^## /gm) ?? []).length;
    if (id && sections > 0) targets.push({ id, sections, text });
  }
  return targets;
}

/** The article a cliff citation names: each in turn, and every fiftieth one past the last (a planted error). */
export function cliffArticle(target, index) {
  return index % 50 === 49 ? target.sections + 1 : 1 + (index % target.sections);
}
