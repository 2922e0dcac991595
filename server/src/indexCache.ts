/**
 * The index cache: what a warm start needs to know of each corpus file without reading it: its header and,
 * once the file was parsed, its clause skeleton (so that citations resolve with no file read at all), keyed
 * by the file's size and modification time. One binary file per corpus root, in a cache folder that is never
 * inside the user's workspace.
 *
 * Layout: the skeletons' bytes (`Skeleton.encode`, written a batch at a time), then a JSON part (version, root,
 * the entries column by column, each skeleton's offset, length and CRC-32), then a trailer: the magic `PPIC`,
 * the JSON part's length and its SHA-256. A cache that does not parse, is of another version or root, or whose
 * JSON part does not match its checksum is ignored as a whole; a skeleton whose bytes do not match its CRC is ignored alone
 * (the file is parsed again); an entry whose file changed is ignored and the file is read.
 *
 * NOTE: skeletons are read lazily, on the first citation of their document, from the cache file kept open: a
 * warm start on 35,000 files reads the entries, then the skeletons of what the open briefs cite (a few KB
 * each), not the 37 bytes per clause of the whole corpus.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { DocumentHeader } from './service/corpusParser';
import { decodeSkeleton, Skeleton } from './service/skeleton';

const VERSION = 7;
const MAGIC = 0x43495050; // 'PPIC', little-endian
/** The trailer: the magic, the JSON part's length and its SHA-256. */
const TRAILER_BYTES = 8 + 32;

/** A file's identity for the cache. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/** What the cache knows of one file. */
export interface CachedFile {
  readonly stamp: FileStamp;
  readonly header: DocumentHeader;
  /** Decodes the file's skeleton (undefined when the cache has none, or its bytes are damaged). */
  readonly skeleton?: () => Skeleton | undefined;
}

/** What is written for one file: its stamp, header and skeleton when known. */
export interface FileToCache {
  readonly stamp: FileStamp;
  readonly header: DocumentHeader;
  /**
   * The skeleton, asked for when its batch is written: after a warm start most skeletons are still in the old
   * cache file, and reading them all before the first batch held the server for two seconds.
   */
  readonly skeleton?: () => Skeleton | undefined;
}

/** The entries of a cache, column by column (one JSON array per field: parsed several times faster than rows). */
interface Columns {
  readonly paths: string[];
  readonly sizes: number[];
  readonly mtimes: number[];
  /** 1: a corpus file; 2: authentic. */
  readonly flags: number[];
  readonly ids: (string | null)[];
  readonly titles: (string | null)[];
  readonly languages: string[];
  /** Aliases and related ids: 0 for none (most files). */
  readonly aliases: (string[] | 0)[];
  readonly related: (string[] | 0)[];
  /** Each skeleton's offset in the skeletons' bytes, its length (0: none) and CRC-32. */
  readonly offsets: number[];
  readonly lengths: number[];
  readonly crcs: number[];
}

const COLUMNS: readonly (keyof Columns)[] = ['paths', 'sizes', 'mtimes', 'flags', 'ids', 'titles', 'languages', 'aliases', 'related', 'offsets', 'lengths', 'crcs'];

/** What the index cache knows of a root's files. */
export interface CachedFiles {
  readonly size: number;
  /** What the cache knows of a file (by absolute path). */
  get(filePath: string): CachedFile | undefined;
  /** Each file with the id its header has. */
  ids(): IterableIterator<[filePath: string, id: string]>;
}

/** No cache. */
export const NO_CACHED_FILES: CachedFiles = { size: 0, get: () => undefined, *ids() {} };

function isStringList(value: unknown): boolean {
  return value === 0 || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/** True when the columns are all there, of one length and of their types. */
function areColumns(value: unknown): value is Columns {
  if (!value || typeof value !== 'object') {
    return false;
  }
  const columns = value as Record<string, unknown>;
  const paths = columns['paths'];
  if (!Array.isArray(paths)) {
    return false;
  }
  const length = paths.length;
  if (!COLUMNS.every((name) => Array.isArray(columns[name]) && (columns[name] as unknown[]).length === length)) {
    return false;
  }
  const c = value as Columns;
  for (let index = 0; index < length; index++) {
    if (
      typeof c.paths[index] !== 'string' ||
      typeof c.sizes[index] !== 'number' ||
      typeof c.mtimes[index] !== 'number' ||
      !Number.isInteger(c.flags[index]) ||
      (c.ids[index] !== null && typeof c.ids[index] !== 'string') ||
      (c.titles[index] !== null && typeof c.titles[index] !== 'string') ||
      typeof c.languages[index] !== 'string' ||
      !isStringList(c.aliases[index]) ||
      !isStringList(c.related[index]) ||
      !Number.isInteger(c.offsets[index]) ||
      !Number.isInteger(c.lengths[index]) ||
      !Number.isInteger(c.crcs[index])
    ) {
      return false;
    }
  }
  return true;
}

/** The default cache folder: `$XDG_CACHE_HOME/pinpoint`, else `~/.cache/pinpoint`. */
export function defaultCacheDirectory(): string {
  const base = process.env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
  return path.join(base, 'pinpoint');
}

/**
 * Where the language server keeps its index cache, from its command line and environment:
 * `--cache-directory=DIR` (or `--cache-directory DIR`), else `$PINPOINT_CACHE_DIRECTORY`, else the default;
 * `--no-index-cache` (or an empty value) turns the cache off (undefined).
 * NOTE: never from settings: `initializationOptions` and `workspace/configuration` can carry a repository's own
 * `.vscode/settings.json`, and the cache folder is where the server creates folders and writes files.
 */
export function cacheDirectoryOf(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  if (argv.includes('--no-index-cache')) {
    return undefined;
  }
  let given: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument.startsWith('--cache-directory=')) {
      given = argument.slice('--cache-directory='.length);
    } else if (argument === '--cache-directory' && index + 1 < argv.length) {
      given = argv[++index];
    }
  }
  given ??= env['PINPOINT_CACHE_DIRECTORY'];
  if (given === undefined) {
    return defaultCacheDirectory();
  }
  return given.trim() === '' ? undefined : path.resolve(given);
}

function cacheFile(directory: string, root: string): string {
  const hash = crypto.createHash('sha256').update(root).digest('hex').slice(0, 24);
  return path.join(directory, `index-${hash}.bin`);
}

/** CRC-32 of some bytes (`zlib.crc32`, Node 20.15 and later; 0 where it is missing, which checks nothing). */
function crcOf(bytes: Uint8Array): number {
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  return crc32 ? crc32(bytes) : 0;
}


/** The open cache file of each root, whose skeletons are read when first needed (closed when read again). */
const openCaches = new Map<string, { fd: number; open: boolean }>();

/** Reads `length` bytes at `position` of a file, or undefined when it cannot. */
function readAt(fd: number, position: number, length: number): Uint8Array | undefined {
  const bytes = new Uint8Array(length);
  try {
    let done = 0;
    while (done < length) {
      const read = fs.readSync(fd, bytes, done, length - done, position + done);
      if (read === 0) {
        return undefined;
      }
      done += read;
    }
    return bytes;
  } catch {
    return undefined;
  }
}

/**
 * The cached files of a root; none when there is no usable cache. Only the entries are read now; each skeleton
 * is read from the cache file (kept open) when its document is first cited.
 */
export function readIndexCache(directory: string, root: string): CachedFiles {
  const file = cacheFile(directory, root);
  const previous = openCaches.get(file);
  if (previous) {
    previous.open = false;
    openCaches.delete(file);
    fs.closeSync(previous.fd);
  }
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return NO_CACHED_FILES;
  }
  const handle = { fd, open: true };
  const close = (): CachedFiles => {
    handle.open = false;
    fs.closeSync(fd);
    return NO_CACHED_FILES;
  };
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
  } catch {
    return close();
  }
  const trailer = size >= TRAILER_BYTES ? readAt(fd, size - TRAILER_BYTES, TRAILER_BYTES) : undefined;
  if (!trailer) {
    return close();
  }
  const view = new DataView(trailer.buffer);
  const jsonLength = view.getUint32(4, true);
  const jsonStart = size - TRAILER_BYTES - jsonLength;
  const json = view.getUint32(0, true) === MAGIC && jsonStart >= 0 ? readAt(fd, jsonStart, jsonLength) : undefined;
  // A damaged cache (a partial write, a changed byte) is ignored as a whole.
  if (!json || Buffer.compare(crypto.createHash('sha256').update(json).digest(), trailer.subarray(8, TRAILER_BYTES)) !== 0) {
    return close();
  }
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.length).toString('utf8'));
  } catch {
    return close();
  }
  const record = (data && typeof data === 'object' ? data : {}) as { version?: unknown; root?: unknown; columns?: unknown };
  if (record.version !== VERSION || record.root !== root || !areColumns(record.columns)) {
    return close();
  }
  const columns = record.columns;
  openCaches.set(file, handle);
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const positions = new Map<string, number>();
  columns.paths.forEach((relativePath, index) => positions.set(prefix + relativePath, index));
  const entryAt = (index: number): CachedFile => {
    const offset = columns.offsets[index];
    const length = columns.lengths[index];
    const crc = columns.crcs[index];
    const aliases = columns.aliases[index];
    const related = columns.related[index];
    return {
      stamp: { size: columns.sizes[index], mtimeMs: columns.mtimes[index] },
      header: {
        isCorpus: (columns.flags[index] & 1) !== 0,
        id: columns.ids[index] ?? undefined,
        title: columns.titles[index] ?? undefined,
        language: columns.languages[index],
        authentic: (columns.flags[index] & 2) !== 0,
        aliases: aliases === 0 ? [] : aliases,
        related: related === 0 ? [] : related,
      },
      skeleton:
        length > 0 && offset >= 0
          ? () => {
              const encoded = handle.open && offset + length <= jsonStart ? readAt(fd, offset, length) : undefined;
              return encoded && crcOf(encoded) === crc ? decodeSkeleton(encoded) : undefined;
            }
          : undefined,
    };
  };
  return {
    size: positions.size,
    get: (filePath) => {
      const index = positions.get(filePath);
      return index === undefined ? undefined : entryAt(index);
    },
    *ids() {
      for (let index = 0; index < columns.paths.length; index++) {
        const id = columns.ids[index];
        if (id !== null && (columns.flags[index] & 1) !== 0) {
          yield [prefix + columns.paths[index], id];
        }
      }
    },
  };
}

/**
 * Writes a root's files (atomically: a temporary file renamed over the old one), yielding to the event loop
 * while the skeletons are encoded (`between`: what to await between batches, the event loop's next turn by
 * default). Failures are returned, not thrown.
 */
export async function writeIndexCache(
  directory: string,
  root: string,
  files: ReadonlyMap<string, FileToCache>,
  between: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<string | undefined> {
  const columns: Columns = { paths: [], sizes: [], mtimes: [], flags: [], ids: [], titles: [], languages: [], aliases: [], related: [], offsets: [], lengths: [], crcs: [] };
  const target = cacheFile(directory, root);
  const temporary = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  let handle: fs.promises.FileHandle | undefined;
  try {
    await fs.promises.mkdir(directory, { recursive: true });
    handle = await fs.promises.open(temporary, 'wx');
    // The skeletons are encoded and written a batch at a time: the cache of a large corpus is never whole in memory.
    let batch: Uint8Array[] = [];
    let offset = 0;
    let count = 0;
    for (const [filePath, { stamp, header, skeleton }] of files) {
      const encoded = skeleton?.()?.encode();
      columns.paths.push(path.relative(root, filePath));
      columns.sizes.push(stamp.size);
      columns.mtimes.push(stamp.mtimeMs);
      columns.flags.push((header.isCorpus ? 1 : 0) | (header.authentic ? 2 : 0));
      columns.ids.push(header.id ?? null);
      columns.titles.push(header.title ?? null);
      columns.languages.push(header.language);
      columns.aliases.push(header.aliases.length > 0 ? [...header.aliases] : 0);
      columns.related.push(header.related.length > 0 ? [...header.related] : 0);
      columns.offsets.push(encoded ? offset : 0);
      columns.lengths.push(encoded ? encoded.length : 0);
      columns.crcs.push(encoded ? crcOf(encoded) : 0);
      if (encoded) {
        batch.push(encoded);
        offset += encoded.length;
      }
      if (++count % 500 === 0) {
        await handle.writev(batch);
        batch = [];
        await between();
      }
    }
    const json = Buffer.from(JSON.stringify({ version: VERSION, root, columns }), 'utf8');
    const trailer = Buffer.alloc(TRAILER_BYTES);
    trailer.writeUInt32LE(MAGIC, 0);
    trailer.writeUInt32LE(json.length, 4);
    crypto.createHash('sha256').update(json).digest().copy(trailer, 8);
    await handle.writev([...batch, json, trailer]);
    await handle.close();
    handle = undefined;
    await fs.promises.rename(temporary, target);
    // The JSON cache of earlier versions goes.
    await fs.promises.rm(target.replace(/\.bin$/, '.json'), { force: true });
    return undefined;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
    return String(error);
  }
}

/** The stamp of a file, or undefined when it cannot be read. */
export function stampOf(filePath: string): FileStamp | undefined {
  try {
    const stat = fs.statSync(filePath);
    return stat.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}
