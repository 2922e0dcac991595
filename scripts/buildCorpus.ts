/**
 * Regenerates the built-in corpus (corpus/2023-ECON.md, corpus/2023-JS.md) from the scanned seed text with
 * the importer, so the corpus is generated, never edited by hand. Run: `npm run corpus`
 * (node --import tsx scripts/buildCorpus.ts).
 * test/unit/importScannedText.test.ts checks that the committed files are exactly what this writes.
 *
 * The seed is vendored beside the corpus, in corpus/source/ (kept out of the .vsix by .vscodeignore), so a
 * clone holds everything the corpus and its tests need. It is a copy of
 * ../shared/seed/2023-03-21-cn-ru-joint-statements.raw.txt (spec.md §3); a test checks the two agree where
 * ../shared exists.
 */
import * as path from 'node:path';
import { run } from '../server/src/cli/import';

/** The seed: the scanned newspaper text of the two joint statements of 21 March 2023. */
export const seedPath = path.join(__dirname, '..', 'corpus', 'source', '2023-03-21-cn-ru-joint-statements.raw.txt');
/** The seed holds the economic statement first, then the general one. */
export const seedIds = ['2023-ECON', '2023-JS'];

if (require.main === module) {
  void run([path.relative(process.cwd(), seedPath), '--out', path.relative(process.cwd(), path.join(__dirname, '..', 'corpus')), '--id', seedIds.join(','), '--force']).then((code) => {
    process.exitCode = code;
  });
}
