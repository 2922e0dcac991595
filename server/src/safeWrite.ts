/**
 * Writing a new file into a folder that someone else may have prepared: `pinpoint import --out DIR` and the
 * editor's "Import into Corpus…" command write corpus files through it.
 *
 * A symbolic link planted where a corpus file will go (`out/1969-VCLT.md -> ../outside/planted.txt`) must not
 * make the write land outside the folder: a new file is created exclusively (`wx`, which refuses an existing
 * name, a dangling link included), and a file or link that is replaced is replaced as a directory entry (a
 * temporary file renamed over it), so the link itself goes and its target is never opened.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeKind, describeFileError } from './safeRead';

/** What is at a path where a file is to be written, seen without following a link. */
export type ExistingEntry = 'none' | 'file' | 'symbolic link' | { readonly other: string };

/** What is at `target`, without following a symbolic link there. */
export function existingEntry(target: string): ExistingEntry {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return 'none';
    }
    throw error;
  }
  if (stat.isSymbolicLink()) {
    return 'symbolic link';
  }
  return stat.isFile() ? 'file' : { other: describeKind(stat) };
}

/** Why {@link writeFileSafely} did not write: something is there, or the write failed (in words, after the path). */
export type NotWritten = { readonly written: false; readonly existing?: 'file' | 'symbolic link'; readonly reason: string };

/** The outcome of {@link writeFileSafely}: written (and what it replaced), or why not. */
export type SafeWriteOutcome = { readonly written: true; readonly replaced?: 'file' | 'symbolic link' } | NotWritten;

/**
 * Writes `content` to `target`. Without `replace`, only when nothing is there (not even a dangling link).
 * With `replace`, an existing file or symbolic link is replaced by the new file (a link is replaced, its
 * target left alone); a folder or any other kind of entry never is. Reasons read after the path
 * (`exists`, `is a symbolic link`, `is a folder, not a file`).
 */
export function writeFileSafely(target: string, content: string | Uint8Array, options: { readonly replace?: boolean } = {}): SafeWriteOutcome {
  let existing: ExistingEntry;
  try {
    existing = existingEntry(target);
  } catch (error) {
    return { written: false, reason: `cannot be looked at: ${describeFileError(error)}` };
  }
  if (typeof existing === 'object') {
    return { written: false, reason: `is ${existing.other}, not a file` };
  }
  if (existing !== 'none' && !options.replace) {
    return { written: false, existing, reason: existing === 'symbolic link' ? 'is a symbolic link' : 'exists' };
  }
  if (existing === 'none') {
    try {
      fs.writeFileSync(target, content, { flag: 'wx' });
      return { written: true };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { written: false, reason: code === 'EEXIST' ? 'appeared while it was being written' : `cannot be written: ${describeFileError(error)}` };
    }
  }
  // Replace the entry itself: write a new file beside it, then rename it over the old name.
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temporary, content, { flag: 'wx' });
    fs.renameSync(temporary, target);
    return { written: true, replaced: existing };
  } catch (error) {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // It was never created, or is already gone.
    }
    return { written: false, reason: `cannot be written: ${describeFileError(error)}` };
  }
}
