/**
 * `pinpoint toa BRIEF.md [--corpus DIR]… [--no-builtin]`: prints the brief's table of authorities, the same
 * marked section that the editor command inserts, with the brief's line numbers as they are. Problems of
 * the brief's citations go to standard error; the exit status is as `check`'s.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToUri } from '../nodeHost';
import { parseCommandArguments } from './args';
import { reportBriefErrors } from './check';
import { corpusRoots, loadCorpora, openBrief } from './workspace';

export const TOA_USAGE = `usage: pinpoint toa BRIEF.md [--corpus DIR]… [--no-builtin]

Prints the brief's table of authorities: every cited document and clause in corpus order, with the lines
that cite it, between <!-- pinpoint:toa --> and <!-- /pinpoint:toa --> (paste it into the brief, or use the
editor's "Pinpoint: Insert or Update Table of Authorities"). The corpora are those of 'pinpoint check'.
Exit status: 1 if the brief has citation errors (listed on standard error), 0 otherwise, 2 for bad usage.`;

/** Runs `toa`; returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArguments('toa', argv, { flags: ['no-builtin'], repeatable: ['corpus'] }, TOA_USAGE);
  if ('exitCode' in parsed) {
    return parsed.exitCode;
  }
  if (parsed.positional.length !== 1) {
    process.stderr.write(`pinpoint toa: give exactly one brief\n\n${TOA_USAGE}\n`);
    return 2;
  }
  const corpusArgs = parsed.repeated.get('corpus') ?? [];
  for (const corpus of corpusArgs) {
    if (!fs.existsSync(corpus)) {
      process.stderr.write(`pinpoint toa: corpus folder ${corpus} does not exist\n`);
      return 2;
    }
  }
  const file = path.resolve(parsed.positional[0]);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    process.stderr.write(`pinpoint toa: ${parsed.positional[0]} is not a file\n`);
    return 2;
  }
  const workspace = loadCorpora(corpusRoots(corpusArgs, parsed.flags.has('no-builtin')));
  for (const warning of workspace.warnings) {
    process.stderr.write(`pinpoint: warning: ${warning}\n`);
  }
  if (workspace.service.index.get(pathToUri(file))) {
    process.stderr.write(`pinpoint toa: ${parsed.positional[0]} is a corpus file, not a brief\n`);
    return 2;
  }
  const document = openBrief(file, (warning) => process.stderr.write(`pinpoint: warning: ${warning}\n`));
  if ('error' in document) {
    process.stderr.write(`pinpoint toa: ${document.error}\n`);
    return 2;
  }
  const scope = workspace.roots;
  const { table } = workspace.service.tableOfAuthorities(document, scope, path.basename(file), { linesAsIs: true });
  process.stdout.write(`${table.markdown}\n`);
  const errors = reportBriefErrors(workspace.service, document, scope, file);
  return errors > 0 ? 1 : 0;
}
