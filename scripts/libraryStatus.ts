/**
 * The library's instrument relations (`scripts/libraryStatus.json`), for the library build:
 *
 * - `libraryStatusFrontMatter(data, id)`: the front matter keys to add to a built instrument (its authentic
 *   file only: `ID.md`, not `ID.zh.md`), e.g. UNCLOS's `supersedes`;
 * - `libraryStatusDocuments(data)`: the amending instruments as corpus files of their own, metadata only
 *   (the Kampala amendments, the Charter's amendments), to write beside the treaties;
 * - `checkLibraryStatus(data, ids)`: what is wrong with the data itself (a fact without a source, a value the
 *   corpus format refuses, an id the library does not write);
 * - `statusRelations(data)`: the relations it states, for the README's table.
 *
 * Every fact carries its source in the JSON; `library/README.md` should list them (`libraryStatusSources`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderDocument } from '../server/src/import/render';
import type { FrontMatterValue } from '../server/src/import/types';
import { parseCorpusDocument } from '../server/src/service/corpusParser';

/** Where the data lives. */
export const LIBRARY_STATUS_PATH = path.join(__dirname, 'libraryStatus.json');

/** Facts about one instrument, each key of `front_matter` with its source in `sources`. */
export interface StatusEntry {
  /** The instrument's title, to match it when the build gives it another id. */
  readonly title: string;
  readonly front_matter: Readonly<Record<string, FrontMatterValue>>;
  /** Key of `front_matter` → where the fact comes from. */
  readonly sources: Readonly<Record<string, string>>;
}

/** An amending instrument the library holds as a document of its own. */
export interface StatusDocument extends StatusEntry {
  /** The file name to write it under. */
  readonly file: string;
}

/** The whole data file. */
export interface LibraryStatus {
  /** Facts to merge into the front matter of built instruments, by id. */
  readonly instruments: Readonly<Record<string, StatusEntry>>;
  /** Amending instruments to write as metadata-only corpus files, by id. */
  readonly documents: Readonly<Record<string, StatusDocument>>;
}

/** Reads the data file (or the given text). */
export function readLibraryStatus(text = fs.readFileSync(LIBRARY_STATUS_PATH, 'utf8')): LibraryStatus {
  const data = JSON.parse(text) as Partial<LibraryStatus>;
  return { instruments: data.instruments ?? {}, documents: data.documents ?? {} };
}

/**
 * The keys to add to a built instrument's front matter (empty when the data says nothing of it). They go
 * after the keys the build writes; a key the build already writes is the build's to decide, and is left out.
 */
export function libraryStatusFrontMatter(data: LibraryStatus, id: string, written: Readonly<Record<string, unknown>> = {}): Record<string, FrontMatterValue> {
  const entry = data.instruments[id];
  const merged: Record<string, FrontMatterValue> = {};
  for (const [key, value] of Object.entries(entry?.front_matter ?? {})) {
    if (written[key] === undefined) {
      merged[key] = value;
    }
  }
  return merged;
}

/** The amending instruments as corpus files: front matter only, for they have no clean text (see each `text` key). */
export function libraryStatusDocuments(data: LibraryStatus): { id: string; fileName: string; content: string }[] {
  return Object.entries(data.documents)
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([id, document]) => ({
      id,
      fileName: document.file,
      content: renderDocument(id, { title: document.title, frontMatter: { ...document.front_matter, language: 'en', source: 'scripts/libraryStatus.json' }, preamble: [], line: 1 }),
    }));
}

/** Every fact with its source, for `library/README.md`: `id`, key, value, source. */
export function libraryStatusSources(data: LibraryStatus): { id: string; key: string; value: string; source: string }[] {
  const rows: { id: string; key: string; value: string; source: string }[] = [];
  for (const [id, entry] of [...Object.entries(data.instruments), ...Object.entries(data.documents)]) {
    for (const [key, value] of Object.entries(entry.front_matter)) {
      const source = sourceOf(entry, key);
      if (source !== undefined) {
        rows.push({ id, key, value: Array.isArray(value) ? value.join(', ') : String(value), source });
      }
    }
  }
  return rows;
}

/** Keys that are no facts (descriptions, the reason a text is missing), and companions sourced with their key. */
const UNSOURCED = new Set(['text', 'short_title', 'symbol', 'place']);

function sourceOf(entry: StatusEntry, key: string): string | undefined {
  if (UNSOURCED.has(key)) {
    return undefined;
  }
  // `supersedes_note` and `supersedes_provision` are parts of the `supersedes` fact.
  const base = /^(superseded_by|supersedes|amended_by|amends)_(note|provision|date)$/.exec(key)?.[1] ?? key;
  return entry.sources[base] ?? entry.sources[key] ?? '';
}

/** The relation keys whose values name instruments. */
const RELATION_KEYS = ['supersedes', 'superseded_by', 'amends', 'amended_by'] as const;

/** One relation the data states: `holder`'s front matter key `key` names `id`. */
export interface StatusRelation {
  readonly holder: string;
  readonly key: (typeof RELATION_KEYS)[number];
  readonly id: string;
}

/** Every relation the data states, on either side, in the data's order. */
export function statusRelations(data: LibraryStatus): StatusRelation[] {
  const relations: StatusRelation[] = [];
  for (const [holder, entry] of [...Object.entries(data.instruments), ...Object.entries(data.documents)]) {
    for (const key of RELATION_KEYS) {
      const value: unknown = entry.front_matter[key];
      for (const named of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
        const id = typeof named === 'string' ? named.split(' ')[0] : (named as { id?: unknown } | null)?.id;
        if (typeof id === 'string') {
          relations.push({ holder, key, id });
        }
      }
    }
  }
  return relations;
}

/**
 * What is wrong with the data: facts without a source, and values the corpus format refuses; given the ids of
 * the library's instruments, also an entry or a relation that names an id the library does not write (the ids
 * are the build's, scripts/libraryInstruments.ts: one place).
 */
export function checkLibraryStatus(data: LibraryStatus, libraryIds?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (libraryIds !== undefined) {
    for (const id of Object.keys(data.instruments)) {
      if (!libraryIds.has(id)) {
        problems.push(`${id}: not an instrument of the library (scripts/libraryInstruments.ts); its facts would go nowhere`);
      }
    }
    for (const id of Object.keys(data.documents)) {
      if (libraryIds.has(id)) {
        problems.push(`${id}: a document of libraryStatus.json has the id of an instrument of the library`);
      }
    }
    for (const relation of statusRelations(data)) {
      if (!libraryIds.has(relation.id) && data.documents[relation.id] === undefined) {
        problems.push(`${relation.holder}: ${relation.key} names ${relation.id}, which the library does not hold`);
      }
    }
  }
  const entries: [string, StatusEntry][] = [...Object.entries(data.instruments), ...Object.entries(data.documents)];
  for (const [id, entry] of entries) {
    for (const key of Object.keys(entry.front_matter)) {
      if (sourceOf(entry, key) === '') {
        problems.push(`${id}: ${key} has no source`);
      }
    }
    // The values, written as the build writes them, must read without a corpus-error of their own.
    const content = renderDocument(id, { title: entry.title, frontMatter: entry.front_matter, preamble: [], line: 1 });
    for (const problem of parseCorpusDocument(content).problems) {
      if (problem.code === undefined) {
        problems.push(`${id}: ${problem.message}`);
      }
    }
  }
  return problems;
}
