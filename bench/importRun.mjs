// Shared by the import benchmarks (importLaws.mjs, importNlTreaties.mjs): runs `pinpoint import` on a folder
// into a folder, capturing the summary and the progress, reads every written corpus file back with the core's
// parser, and counts what the parser finds: corpus-errors apart from warnings (`label-sequence`: a gap or a
// repeat in the source's own numbering, which the importer keeps as printed).
import * as fs from 'node:fs';
import * as path from 'node:path';

const { run } = await import('../server/src/cli/import.ts');
const { parseCorpusDocument } = await import('../server/src/service/corpusParser.ts');

/** Runs the import; resolves to its exit code, summary text, standard error and wall-clock seconds. */
export async function runImport(sourceDirectory, outDirectory) {
  const summary = [];
  const errors = [];
  const started = process.hrtime.bigint();
  const code = await run([sourceDirectory, '--out', outDirectory], {
    out: (text) => summary.push(text),
    err: (text) => errors.push(text),
    interactive: false,
  });
  return { code, text: summary.join(''), errors, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Parses every written file; calls `visit(name, document)` for each and returns the names and the seconds taken. */
export function readBack(outDirectory, visit) {
  const written = fs.readdirSync(outDirectory).filter((name) => name.endsWith('.md'));
  const started = process.hrtime.bigint();
  for (const name of written) {
    visit(name, parseCorpusDocument(fs.readFileSync(path.join(outDirectory, name), 'utf8')));
  }
  return { written, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Counts the problems of read-back documents: errors (corpus-errors) and warnings (label-sequence), with examples. */
export function problemTally() {
  const tally = { errors: 0, warnings: 0, errorExamples: [], warningExamples: [] };
  tally.add = (name, document) => {
    for (const problem of document.problems) {
      const warning = problem.code === 'label-sequence';
      tally[warning ? 'warnings' : 'errors']++;
      const examples = warning ? tally.warningExamples : tally.errorExamples;
      if (examples.length < 3) {
        examples.push(`${name}: ${problem.message}`);
      }
    }
  };
  tally.describe = () =>
    `${tally.errors} corpus-errors, ${tally.warnings} label-sequence warnings${[...tally.errorExamples, ...tally.warningExamples].map((example) => `\n  ${example}`).join('')}`;
  return tally;
}
