/**
 * Reading files that the user did not vouch for, shared by the command line (`check`, `import`) and meant for
 * the server's reader too: only regular files, never more than a limit, and text decoded from what its
 * bytes say (a byte-order mark) rather than assumed.
 *
 * A named pipe called `law.txt` would block a plain read for good, and `/dev/zero` would be read without end;
 * a brief saved by PowerShell 5 is UTF-16 with a byte-order mark, and one from an old editor is Latin-1.
 */
import * as fs from 'node:fs';

/** The largest file read by default (a treaty is a few megabytes; this is far beyond any). */
export const MAX_READ_BYTES = 256 * 1024 * 1024;

/** What a file system entry that is not a regular file is, in words. */
export function describeKind(stat: fs.Stats): string {
  if (stat.isDirectory()) {
    return 'a folder';
  }
  if (stat.isFIFO()) {
    return 'a named pipe';
  }
  if (stat.isSocket()) {
    return 'a socket';
  }
  if (stat.isCharacterDevice() || stat.isBlockDevice()) {
    return 'a device';
  }
  return 'not a regular file';
}

/** A short description of a Node error, for messages. */
export function describeFileError(error: unknown): string {
  const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : undefined;
  const known: Record<string, string> = {
    ENOENT: 'it does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ELOOP: 'too many symbolic links',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
  };
  return code !== undefined ? (known[code] ?? code) : error instanceof Error ? error.message : String(error);
}

/**
 * Reads a regular file's bytes, at most `maxBytes`, with its size and modification time when opened; anything
 * else (a folder, a pipe, a device, a file that is or grows too large) is an error in words. Never blocks on a
 * pipe and never reads without end.
 */
export function readRegularFile(filePath: string, maxBytes = MAX_READ_BYTES): { bytes: Buffer; stamp: { size: number; mtimeMs: number } } | { error: string } {
  let descriptor: number | undefined;
  try {
    // NOTE: opened without blocking and checked before reading: opening a pipe for reading would otherwise
    // wait for a writer, and a device reports no size.
    descriptor = fs.openSync(filePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(descriptor);
    if (!stat.isFile()) {
      return { error: `${filePath} is ${describeKind(stat)}, not a text file` };
    }
    const tooLarge = (): { error: string } => ({ error: `${filePath} is too large to read (more than ${Math.round(maxBytes / 1048576)} MB)` });
    if (stat.size > maxBytes) {
      return tooLarge();
    }
    // NOTE: read in a loop up to one byte past the limit, not `readFileSync`: a file that grows while it is
    // read (a log, a file being written) must still stop at the limit. The buffer is the size the file had
    // plus one byte, so a file that does not change is read into it whole, with no copy.
    let buffer = Buffer.allocUnsafe(Math.min(stat.size + 1, maxBytes + 1));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(larger, 0, 0, total);
        buffer = larger;
      }
      const read = fs.readSync(descriptor, buffer, total, buffer.length - total, null);
      if (read === 0) {
        break;
      }
      total += read;
      if (total > maxBytes) {
        return tooLarge();
      }
    }
    // The size and modification time the file had when it was opened, before it was read (a file written
    // meanwhile then differs from its stamp at the next start, and is read again).
    return { bytes: buffer.subarray(0, total), stamp: { size: stat.size, mtimeMs: stat.mtimeMs } };
  } catch (error) {
    return { error: `cannot read ${filePath}: ${describeFileError(error)}` };
  } finally {
    if (descriptor !== undefined) {
      try {
        fs.closeSync(descriptor);
      } catch {
        // Nothing more can be done about a descriptor that does not close.
      }
    }
  }
}

/** The encodings a text file is read in. */
export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

/** Decoded text, the encoding it was read in, and a warning when that was a guess the user should fix. */
export type DecodedText = { readonly text: string; readonly encoding: TextEncodingName; readonly warning?: string } | { readonly error: string };

function decode(encoding: string, bytes: Uint8Array, fatal: boolean): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a text file: UTF-8, or UTF-16 (little or big endian) when a byte-order mark says so; the mark is
 * dropped. Bytes that are not UTF-8 and carry no mark are read as Windows-1252 (Latin-1) with a warning.
 * What cannot be text (NUL bytes without a UTF-16 mark, UTF-32, broken UTF-16) is an error. `name` is the
 * file's name for the messages.
 */
export function decodeText(bytes: Uint8Array, name: string): DecodedText {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    return { error: `${name} is UTF-32, which is not supported: save it as UTF-8` };
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const littleEndian = b0 === 0xff;
    const encoding: TextEncodingName = littleEndian ? 'UTF-16LE' : 'UTF-16BE';
    const body = bytes.subarray(2);
    let text: string | undefined;
    if (body.length % 2 === 0) {
      // NOTE: big endian is swapped into little endian here rather than asking for `utf-16be`, which Node
      // builds without full ICU do not know.
      const units = littleEndian ? body : swapPairs(body);
      text = decode('utf-16le', units, true);
    }
    return text === undefined ? { error: `${name} starts with a ${encoding} byte-order mark but is not valid ${encoding}` } : { text, encoding };
  }
  const hasUtf8Mark = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
  const body = hasUtf8Mark ? bytes.subarray(3) : bytes;
  if (!hasUtf8Mark && body.includes(0)) {
    return { error: `${name} is not a text file: it contains NUL bytes (binary data, or UTF-16 without a byte-order mark)` };
  }
  const utf8 = decode('utf-8', body, true);
  if (utf8 !== undefined) {
    return { text: utf8, encoding: 'UTF-8' };
  }
  if (hasUtf8Mark) {
    return { text: decode('utf-8', body, false) ?? '', encoding: 'UTF-8', warning: `${name} starts with a UTF-8 byte-order mark but is not valid UTF-8: the invalid bytes read as U+FFFD` };
  }
  const latin = decode('windows-1252', body, false) ?? Buffer.from(body).toString('latin1');
  return { text: latin, encoding: 'Windows-1252', warning: `${name} is not valid UTF-8: it was read as Latin-1 (Windows-1252); save it as UTF-8` };
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length);
  for (let index = 0; index + 1 < bytes.length; index += 2) {
    swapped[index] = bytes[index + 1];
    swapped[index + 1] = bytes[index];
  }
  return swapped;
}

/** Reads and decodes a text file (see {@link readRegularFile} and {@link decodeText}). */
export function readTextFile(filePath: string, maxBytes = MAX_READ_BYTES): DecodedText {
  const read = readRegularFile(filePath, maxBytes);
  return 'error' in read ? read : decodeText(read.bytes, filePath);
}
