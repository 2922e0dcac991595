/**
 * Names of a team corpus (a PostgreSQL database published with `pinpoint publish`) that need no database
 * driver: the corpus root a database is in the core's index, the URIs of its documents, and a connection URI
 * as it may be shown to a user (without its password). The language server loads the driver (`pg`, in the
 * bundle `dist/database.js`) only when a database is configured; everything here runs without it.
 */

/** The URI scheme of documents served from a database (`pinpoint-db://host:port/database/corpus/path`). */
export const DATABASE_SCHEME = 'pinpoint-db';

/** A connection URI read into its parts (undefined fields are absent from the URI). */
export interface DatabaseAddress {
  /** `host:port` or `host` (`localhost` when the URI names none: a Unix socket or libpq's default). */
  readonly authority: string;
  readonly database: string;
  readonly user: string | undefined;
  /** True when the URI carries a password (which must not sit in settings). */
  readonly hasPassword: boolean;
}

/** Reads a `postgres://` or `postgresql://` URI; a message says what is wrong with one that is not. */
export function parseDatabaseUri(uri: string): DatabaseAddress | { error: string } {
  const trimmed = uri.trim();
  if (!/^postgres(?:ql)?:\/\//i.test(trimmed)) {
    return { error: 'expected a PostgreSQL URI such as postgres://user@host/database' };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { error: 'expected a PostgreSQL URI such as postgres://user@host/database' };
  }
  let database: string;
  try {
    database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    return { error: 'the database name in the URI is not valid percent-encoding' };
  }
  if (database === '' || database.includes('/')) {
    return { error: 'the URI names no database: add it after the host, as in postgres://user@host/database' };
  }
  const host = url.hostname === '' ? 'localhost' : url.hostname.toLowerCase();
  return {
    authority: url.port ? `${host}:${url.port}` : host,
    database,
    user: url.username === '' ? undefined : safeDecode(url.username),
    hasPassword: url.password !== '',
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The connection URI without its password, as logs and messages show it.
 * NOTE: every message that names a database goes through this, never through the URI as configured.
 */
export function redactDatabaseUri(uri: string): string {
  try {
    const url = new URL(uri.trim());
    if (url.password !== '') {
      url.password = '';
    }
    // Query parameters may hold a password too (`?password=`): keep only their names.
    for (const key of [...url.searchParams.keys()]) {
      if (/pass|secret|key/i.test(key)) {
        url.searchParams.set(key, '…');
      }
    }
    return url.toString();
  } catch {
    return '(a database URI that does not parse)';
  }
}

/** The URI with its password removed, and whether it had one. */
export function withoutPassword(uri: string): { uri: string; hadPassword: boolean } {
  try {
    const url = new URL(uri.trim());
    if (url.password === '') {
      return { uri: uri.trim(), hadPassword: false };
    }
    url.password = '';
    return { uri: url.toString(), hadPassword: true };
  } catch {
    return { uri: uri.trim(), hadPassword: false };
  }
}

/**
 * The corpus root of a database in the core's index: `pinpoint-db://host:port/database`. The user and the
 * password are not part of it, so that every member of a team sees the same document URIs.
 */
export function databaseRootOf(address: DatabaseAddress): string {
  return `${DATABASE_SCHEME}://${address.authority}/${encodeSegment(address.database)}`;
}

/** True for the corpus root of a database, or the URI of one of its documents. */
export function isDatabaseUri(uri: string): boolean {
  return uri.startsWith(`${DATABASE_SCHEME}:`);
}

/** The URI of a published file: its database's root, its corpus's name, and its path in the corpus folder. */
export function databaseDocumentUri(root: string, corpus: string, relativePath: string): string {
  return `${root}/${encodeSegment(corpus)}/${relativePath.split('/').map(encodeSegment).join('/')}`;
}

/**
 * A database document URI in this module's own encoding, whatever encoding a client gave it (VS Code
 * percent-encodes characters that `encodeURIComponent` leaves, such as parentheses), so lookups agree.
 */
export function canonicalDatabaseUri(uri: string): string {
  const match = /^([a-z-]+):\/\/([^/]*)(\/.*)?$/i.exec(uri);
  if (!match || match[1].toLowerCase() !== DATABASE_SCHEME) {
    return uri;
  }
  const segments = (match[3] ?? '').split('/').slice(1).map((segment) => encodeSegment(safeDecode(segment)));
  return `${DATABASE_SCHEME}://${match[2].toLowerCase()}${segments.length > 0 ? `/${segments.join('/')}` : ''}`;
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Which stored password a database URI uses (its user, host, port and database): the key of VS Code's
 * SecretStorage entries and of the passwords the client hands the server.
 */
export function databasePasswordKey(uri: string): string {
  const address = parseDatabaseUri(withoutPassword(uri).uri);
  return 'error' in address ? uri.trim() : `${address.user ?? ''}@${address.authority}/${address.database}`;
}

/** The environment variable through which the VS Code client hands the server the passwords it keeps. */
export const PASSWORDS_VARIABLE = 'PINPOINT_DATABASE_PASSWORDS';
