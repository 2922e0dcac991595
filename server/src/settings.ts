/**
 * Pinpoint's settings (spec.md §4): defaults, and the key-by-key merge of `initializationOptions` and
 * `workspace/configuration`.
 */

/** The `pinpoint` settings section. */
export interface PinpointSettings {
  readonly corpus: {
    /** Corpus folders; relative paths are taken from each workspace folder. */
    readonly paths: readonly string[];
    /** Also load the corpus shipped with the extension. */
    readonly includeBuiltIn: boolean;
    /** Also load the starter library of multilateral treaties shipped with the extension. */
    readonly includeLibrary: boolean;
    /** A PostgreSQL URI whose published corpora are loaded beside the folders (`pinpoint publish`), or null. */
    readonly database: string | null;
  };
  /** Preferred languages of hover and completion, in order, e.g. `["en", "zh"]`. */
  readonly languages: readonly string[];
  readonly status: {
    /** Warn (`instrument-status`) on citations of instruments not in force at the brief's date. */
    readonly check: boolean;
  };
}

export const defaultSettings: PinpointSettings = Object.freeze({
  corpus: Object.freeze({ paths: Object.freeze(['corpus']), includeBuiltIn: true, includeLibrary: true, database: null }),
  languages: Object.freeze([]),
  status: Object.freeze({ check: true }),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Merges settings objects key by key, later ones winning; values of the wrong type are ignored (and named
 * in `problems`), so a typo in settings never breaks the server.
 */
export function mergeSettings(layers: readonly unknown[], problems: string[] = []): PinpointSettings {
  let paths: readonly string[] = defaultSettings.corpus.paths;
  let includeBuiltIn = defaultSettings.corpus.includeBuiltIn;
  let includeLibrary = defaultSettings.corpus.includeLibrary;
  let database = defaultSettings.corpus.database;
  let languages: readonly string[] = defaultSettings.languages;
  let statusCheck = defaultSettings.status.check;
  for (const layer of layers) {
    if (layer === undefined || layer === null) {
      continue;
    }
    if (!isRecord(layer)) {
      problems.push('settings: expected an object for the pinpoint section');
      continue;
    }
    languages = readStringList(layer['languages'], languages, 'pinpoint.languages must be a list of language codes such as ["en", "zh"]', problems);
    const status = layer['status'];
    if (isRecord(status)) {
      statusCheck = readBoolean(status['check'], statusCheck, 'pinpoint.status.check', problems);
    } else if (status !== undefined && status !== null) {
      problems.push('settings: pinpoint.status must be an object such as { "check": true }');
    }
    const corpus = layer['corpus'];
    if (corpus === undefined || corpus === null) {
      continue;
    }
    if (!isRecord(corpus)) {
      problems.push('settings: pinpoint.corpus must be an object');
      continue;
    }
    paths = readStringList(corpus['paths'], paths, 'pinpoint.corpus.paths must be a list of folder paths', problems);
    includeBuiltIn = readBoolean(corpus['includeBuiltIn'], includeBuiltIn, 'pinpoint.corpus.includeBuiltIn', problems);
    includeLibrary = readBoolean(corpus['includeLibrary'], includeLibrary, 'pinpoint.corpus.includeLibrary', problems);
    database = readDatabase(corpus['database'], database, problems);
  }
  return { corpus: { paths, includeBuiltIn, includeLibrary, database }, languages, status: { check: statusCheck } };
}

/** A list of strings (a single string counts as a list of one); `current` when absent or of another type. */
function readStringList(value: unknown, current: readonly string[], complaint: string, problems: string[]): readonly string[] {
  if (value === undefined || value === null) {
    return current;
  }
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
    return value as string[];
  }
  if (typeof value === 'string') {
    return [value];
  }
  problems.push(`settings: ${complaint}`);
  return current;
}

/**
 * A database URI; `current` when absent (or null, the default, as for the other settings) or of another type;
 * an empty string turns a database named by an earlier layer off.
 */
function readDatabase(value: unknown, current: string | null, problems: string[]): string | null {
  if (value === undefined || value === null) {
    return current;
  }
  if (typeof value === 'string' && value.trim() === '') {
    return null;
  }
  if (typeof value === 'string') {
    return value.trim();
  }
  problems.push('settings: pinpoint.corpus.database must be a PostgreSQL URI such as "postgres://user@host/database", or null');
  return current;
}

/** A boolean; `current` when absent or of another type. */
function readBoolean(value: unknown, current: boolean, name: string, problems: string[]): boolean {
  if (value === undefined || value === null) {
    return current;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  problems.push(`settings: ${name} must be true or false`);
  return current;
}
