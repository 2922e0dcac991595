/**
 * The index cache: what a warm start needs to know of each corpus file without reading it (its header),
 * keyed by the file's size and modification time. One JSON file per corpus root, in a cache folder that is
 * never inside the user's workspace. A cache that does not parse, is of another version or root, or whose
 * entries are malformed is ignored as a whole; an entry whose file changed is ignored and the file is read.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentHeader } from './service/corpusParser';

const VERSION = 4;

/** A file's identity for the cache. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

type Entry = [relativePath: string, size: number, mtimeMs: number, isCorpus: boolean, id: string | null, title: string | null, language: string, authentic: boolean, aliases: string[], related: string[]];

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
  return path.join(directory, `index-${hash}.json`);
}

function checksumOf(entries: readonly Entry[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    value.length === 10 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'number' &&
    typeof value[2] === 'number' &&
    typeof value[3] === 'boolean' &&
    (value[4] === null || typeof value[4] === 'string') &&
    (value[5] === null || typeof value[5] === 'string') &&
    typeof value[6] === 'string' &&
    typeof value[7] === 'boolean' &&
    Array.isArray(value[8]) &&
    value[8].every((alias: unknown) => typeof alias === 'string') &&
    Array.isArray(value[9]) &&
    value[9].every((id: unknown) => typeof id === 'string')
  );
}

/** The cached headers of a root, by absolute path with their stamps; empty when there is no usable cache. */
export function readIndexCache(directory: string, root: string): Map<string, { stamp: FileStamp; header: DocumentHeader }> {
  const result = new Map<string, { stamp: FileStamp; header: DocumentHeader }>();
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(cacheFile(directory, root), 'utf8'));
  } catch {
    return result;
  }
  if (!data || typeof data !== 'object') {
    return result;
  }
  const record = data as { version?: unknown; root?: unknown; checksum?: unknown; entries?: unknown };
  if (record.version !== VERSION || record.root !== root || !Array.isArray(record.entries) || !record.entries.every(isEntry)) {
    return result;
  }
  // A damaged cache (a partial write, a changed byte) is ignored as a whole.
  if (record.checksum !== checksumOf(record.entries as Entry[])) {
    return result;
  }
  for (const [relativePath, size, mtimeMs, isCorpus, id, title, language, authentic, aliases, related] of record.entries as Entry[]) {
    result.set(path.join(root, relativePath), {
      stamp: { size, mtimeMs },
      header: { isCorpus, id: id ?? undefined, title: title ?? undefined, language, authentic, aliases, related },
    });
  }
  return result;
}

/** Writes a root's headers (atomically: a temporary file renamed over the old one). Failures are returned, not thrown. */
export function writeIndexCache(
  directory: string,
  root: string,
  files: ReadonlyMap<string, { stamp: FileStamp; header: DocumentHeader }>,
): string | undefined {
  const entries: Entry[] = [];
  for (const [filePath, { stamp, header }] of files) {
    entries.push([path.relative(root, filePath), stamp.size, stamp.mtimeMs, header.isCorpus, header.id ?? null, header.title ?? null, header.language, header.authentic, [...header.aliases], [...header.related]]);
  }
  const target = cacheFile(directory, root);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify({ version: VERSION, root, checksum: checksumOf(entries), entries }));
    fs.renameSync(temporary, target);
    return undefined;
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing more to clean up.
    }
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
