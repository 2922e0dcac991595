// Benchmark: imports the whole Laws/ statute collection (../shared/corpora/Laws, 3,475 Markdown files) into a
// temporary folder with `pinpoint import`, prints the time and throughput, what was imported and what was
// skipped and why, then reads every written file back with the core's corpus parser and counts corpus-errors
// (a duplicate section number would be one) apart from label-sequence warnings (gaps in the statutes' own
// numbering, kept as printed). It fails on an import failure or a corpus-error, not on a warning. Not a unit
// test: run it with `npm run bench`.
// Usage: node --import tsx bench/importLaws.mjs [LAWS_DIR]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
// NOTE: required, not imported: as a CommonJS module (tsx compiles it) the helper knows its own folder.
const { sharedFolderOrDefault } = createRequire(import.meta.url)('../scripts/sharedFolder.ts');

const lawsDirectory = process.argv[2] ?? path.join(sharedFolderOrDefault(), 'corpora', 'Laws');
if (!fs.existsSync(lawsDirectory)) {
  console.error(`importLaws: ${lawsDirectory} does not exist`);
  process.exit(1);
}
const { runImport, readBack, problemTally } = await import('./importRun.mjs');

/** Total size of the Markdown files under a folder. */
function sourceBytes(folder) {
  let total = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      total += sourceBytes(full);
    } else if (entry.name.endsWith('.md')) {
      total += fs.statSync(full).size;
    }
  }
  return total;
}

const outDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-bench-laws-'));
try {
  const bytes = sourceBytes(lawsDirectory);
  const { code, text, errors, seconds } = await runImport(lawsDirectory, outDirectory);

  let clauses = 0;
  const problems = problemTally();
  const { written, seconds: parseSeconds } = readBack(outDirectory, (name, document) => {
    clauses += document.clauses.length;
    problems.add(name, document);
  });

  const skippedSection = /\nSkipped files by reason:\n([\s\S]*?)(?:\n\n|$)/.exec(text)?.[1] ?? /\nSkipped files \(\d+\):\n([\s\S]*?)(?:\n\n|$)/.exec(text)?.[1] ?? '  none\n';
  const guesses = Number(/Guesses to review \((\d+)\)/.exec(text)?.[1] ?? 0);
  const notImported = Number(/Not imported \((\d+)\)/.exec(text)?.[1] ?? 0);
  console.log(text.split('\n')[0]);
  console.log(`exit code: ${code}`);
  console.log(`time: ${seconds.toFixed(2)} s for ${(bytes / 1e6).toFixed(1)} MB: ${(written.length / seconds).toFixed(0)} documents/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s, ${(clauses / seconds).toFixed(0)} clauses/s`);
  console.log(`documents written: ${written.length}, clauses (sections, paragraphs, items): ${clauses}`);
  console.log(`guesses to review: ${guesses}; parts not imported: ${notImported}`);
  console.log(`skipped files, by reason:\n${skippedSection.trimEnd()}`);
  console.log(`read back with the core's parser in ${parseSeconds.toFixed(2)} s: ${problems.describe()}`);
  if (errors.length > 0) {
    console.log(`stderr: ${errors.join('').trim().split('\n').slice(-3).join(' | ')}`);
  }
  process.exitCode = code === 0 && problems.errors === 0 ? 0 : 1;
} finally {
  fs.rmSync(outDirectory, { recursive: true, force: true });
}
