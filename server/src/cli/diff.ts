/**
 * `pinpoint diff OLD.md NEW.md [--format text|html|docx] [--out FILE]`: the redline between two drafts of a
 * treaty, clause by clause (an extension of spec.md §5).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readText } from '../nodeHost';
import { compareDrafts, hasChanges, redlineHtml, redlineText } from '../service/redline';
import { parseCommandArguments } from './args';

export const DIFF_USAGE = `usage: pinpoint diff OLD.md NEW.md [--format text|html|docx] [--out FILE]

Compares two drafts of a treaty clause by clause, by their articles, paragraphs and items, and shows what was
inserted, deleted, moved or renumbered and which words changed: as text ([-deleted-]{+inserted+}), as an
HTML page, or as a Word document (docx needs --out FILE, or standard output that is not a terminal).
Exit status: 0 when the drafts are the same, 1 when they differ, 2 for bad usage.`;

/** Runs `diff`; returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArguments('diff', argv, { options: ['format', 'out'] }, DIFF_USAGE);
  if ('exitCode' in parsed) {
    return parsed.exitCode;
  }
  if (parsed.positional.length !== 2) {
    process.stderr.write(`pinpoint diff: give two drafts, the earlier first\n\n${DIFF_USAGE}\n`);
    return 2;
  }
  const format = parsed.options.get('format') ?? 'text';
  if (!['text', 'html', 'docx'].includes(format)) {
    process.stderr.write(`pinpoint diff: unknown format '${format}': use text, html or docx\n`);
    return 2;
  }
  const out = parsed.options.get('out');
  if (format === 'docx' && out === undefined && process.stdout.isTTY) {
    process.stderr.write('pinpoint diff: a Word document is binary: write it to a file with --out FILE.docx\n');
    return 2;
  }
  const texts: string[] = [];
  for (const file of parsed.positional) {
    if (!fs.existsSync(file)) {
      process.stderr.write(`pinpoint diff: ${file} does not exist\n`);
      return 2;
    }
    const read = readText(file);
    if ('error' in read) {
      process.stderr.write(`pinpoint diff: ${read.error}\n`);
      return 2;
    }
    texts.push(read.text);
  }
  const names = { old: path.basename(parsed.positional[0]), new: path.basename(parsed.positional[1]) };
  const redline = compareDrafts(texts[0], texts[1]);
  let output: string | Buffer;
  if (format === 'docx') {
    output = await (await import('./redlineDocx')).redlineDocx(redline, names);
  } else {
    output = format === 'html' ? redlineHtml(redline, names) : redlineText(redline, names);
  }
  if (out !== undefined) {
    try {
      fs.writeFileSync(out, output);
    } catch (error) {
      process.stderr.write(`pinpoint diff: cannot write ${out}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  } else {
    process.stdout.write(output);
  }
  return hasChanges(redline) ? 1 : 0;
}
