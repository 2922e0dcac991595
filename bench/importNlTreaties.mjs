// Benchmark: imports the whole Netherlands treaty database (../shared/corpora/nl-treaties, 1,384 files, every
// treaty a README.md) into a temporary folder with `pinpoint import`, prints the time and throughput and the
// import summary's counts (documents, guesses, lines not imported by reason, skipped files), then reads every
// written file back with the core's corpus parser and counts corpus-errors and label-sequence warnings (the
// dataset's own gaps show as the latter). Not a unit test: run it with `npm run bench`.
// Usage: node --import tsx bench/importNlTreaties.mjs [NL_TREATIES_DIR]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
// NOTE: required, not imported: as a CommonJS module (tsx compiles it) the helper knows its own folder.
const { sharedFolderOrDefault } = createRequire(import.meta.url)('../scripts/sharedFolder.ts');

const sourceDirectory = process.argv[2] ?? path.join(sharedFolderOrDefault(), 'corpora', 'nl-treaties');
if (!fs.existsSync(sourceDirectory)) {
  console.error(`importNlTreaties: ${sourceDirectory} does not exist`);
  process.exit(1);
}
const { runImport, readBack, problemTally } = await import('./importRun.mjs');

/** The README.md files under a folder and their total size. */
function sources(folder, found = { files: 0, bytes: 0 }) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      sources(full, found);
    } else if (entry.name === 'README.md') {
      found.files++;
      found.bytes += fs.statSync(full).size;
    }
  }
  return found;
}

const outDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-bench-nl-'));
try {
  const { files, bytes } = sources(sourceDirectory);
  const { code, text, errors, seconds } = await runImport(sourceDirectory, outDirectory);

  let clauses = 0;
  const problems = problemTally();
  const { written, seconds: parseSeconds } = readBack(outDirectory, (name, document) => {
    clauses += document.clauses.length;
    problems.add(name, document);
  });

  // The summary's "Not imported" lines, counted by reason (the text after `lines N–M: `).
  const notImported = /\nNot imported \((\d+)\):\n([\s\S]*?)(?:\n\n|\n?$)/.exec(text);
  const reasons = new Map();
  let lines = 0;
  for (const line of (notImported?.[2] ?? '').split('\n')) {
    const match = /:\d+: (?:lines? (\d+)(?:–(\d+))?: )?(.*)$/.exec(line);
    if (!match) {
      continue;
    }
    const reason = match[3].replace(/: “.*$/, '');
    const count = match[1] === undefined ? 1 : Number(match[2] ?? match[1]) - Number(match[1]) + 1;
    lines += count;
    reasons.set(reason, (reasons.get(reason) ?? 0) + count);
  }
  const guesses = Number(/Guesses to review \((\d+)\)/.exec(text)?.[1] ?? 0);
  const skippedFiles = Number(/Skipped files \((\d+)\)/.exec(text)?.[1] ?? 0);
  console.log(text.split('\n')[0]);
  console.log(`exit code: ${code}`);
  console.log(`time: ${seconds.toFixed(2)} s for ${files} files, ${(bytes / 1e6).toFixed(1)} MB: ${(files / seconds).toFixed(0)} files/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ${(clauses / seconds).toFixed(0)} clauses/s`);
  console.log(`documents written: ${written.length}, clauses (sections, paragraphs, items, annexes): ${clauses}`);
  console.log(`guesses to review: ${guesses}; skipped files: ${skippedFiles}`);
  console.log(`source lines not imported: ${lines}, by reason:`);
  for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${String(count).padStart(7)}  ${reason}`);
  }
  console.log(`read back with the core's parser in ${parseSeconds.toFixed(2)} s: ${problems.describe()}`);
  if (errors.length > 0) {
    console.log(`stderr: ${errors.join('').trim().split('\n').slice(-2).join(' | ')}`);
  }
  process.exitCode = code === 0 && written.length >= files ? 0 : 1;
} finally {
  fs.rmSync(outDirectory, { recursive: true, force: true });
}
