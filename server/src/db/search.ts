/**
 * Content search of the team corpus in SQL, with the same meaning and order as the in-memory search index
 * (`service/searchIndex.ts`): a clause matches when its folded text (`clauses.folded`: each character folded as
 * the index folds it, white space dropped) contains every folded part of the query; hits are ranked by tier
 * (the whole phrase first), by where the match starts in the clause's raw source, by that source's length, and
 * then in document order. SQL finds the candidates; the ranking is computed here, by the index's own functions.
 *
 * The indexes (ARCHITECTURE.md, "The team corpus in PostgreSQL"): a part of three characters or more is found
 * by `pg_trgm`'s GIN index on `folded`; a part of two characters outside ASCII (a Chinese word such as 洪水,
 * which has no trigram) by a GIN index of the pairs of such characters (`pinpoint.bigrams(folded)`); other parts
 * of two characters, and queries of single characters only, scan, and stop at the first few pages of matches.
 */
import type { ExternalHit } from '../service/corpusIndex';
import { foldedIndexOf, queryParts } from '../service/searchIndex';

/** What runs a query: a pool or a client of `pg`. */
export interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** The most query parts looked at (the words of a long query after the first ones only narrow it). */
const MAX_PARTS = 12;

/** The most candidates a database query returns: as the in-memory index's budget, bounded. */
export const MAX_CANDIDATES = 2_000;

/** A candidate clause as the query returns it. */
export interface CandidateRow {
  readonly version_id: string;
  readonly ordinal: number;
  readonly key: string;
  readonly raw: string;
}

/** A ranked hit, before it is tied to its document's URI. */
export interface RankedHit extends Omit<ExternalHit, 'uri'> {
  readonly versionId: string;
}

/** The statement and parameters that find the candidates of a query (undefined: the query has no part). */
export function candidateQuery(query: string, options: { versions?: readonly string[]; budget: number; limit: number }): { text: string; values: unknown[]; singleCharacters: boolean } | undefined {
  const parts = queryParts(query).slice(0, MAX_PARTS);
  if (parts.length === 0) {
    return undefined;
  }
  const values: unknown[] = [];
  const conditions: string[] = [];
  const parameter = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  for (const part of [...new Set(parts)]) {
    if (isIndexedPair(part)) {
      // The bigram index answers exactly; `folded` needs no other test.
      conditions.push(`pinpoint.bigrams(c.folded) @> ARRAY[${parameter(part)}::text COLLATE "C"]`);
    } else {
      conditions.push(`c.folded LIKE ${parameter(`%${escapeLike(part)}%`)}`);
    }
  }
  if (options.versions) {
    conditions.push(`c.version_id = ANY(${parameter(options.versions)}::bigint[])`);
  }
  const singleCharacters = parts.every((part) => part.length < 2);
  // A query of single characters cannot use an index: like the in-memory index, it stops at a few pages of hits.
  const limit = singleCharacters ? Math.min(options.limit * 4, options.budget) : options.budget;
  return {
    text: `SELECT c.version_id, c.ordinal, c.key, c.raw FROM pinpoint.clauses c WHERE ${conditions.join(' AND ')} LIMIT ${parameter(limit)}`,
    values,
    singleCharacters,
  };
}

/** True for two characters outside ASCII (a Chinese word such as 洪水): the pairs the bigram index holds. */
function isIndexedPair(part: string): boolean {
  const characters = Array.from(part);
  return characters.length === 2 && characters.every((character) => character.codePointAt(0)! > 0x7f);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Ranks candidate clauses as `SearchIndex.search` does: every part must occur (folded) in the raw source; tier 0
 * when the parts joined occur as one phrase; then by the position of the phrase (or of the first part), the raw
 * source's length, the document's order (`orderOf`) and the clause's ordinal. Returns at most `limit`.
 */
export function rankCandidates(query: string, rows: readonly CandidateRow[], orderOf: (versionId: string) => number | undefined, limit: number): { hits: RankedHit[]; more: boolean } {
  const parts = queryParts(query).slice(0, MAX_PARTS);
  const phrase = parts.join('');
  const ranked: (RankedHit & { order: number; length: number })[] = [];
  for (const row of rows) {
    const order = orderOf(String(row.version_id));
    if (order === undefined) {
      continue; // a version published after this server last read the headers: the next sync brings it
    }
    const raw = row.raw;
    let position = -1;
    let all = true;
    for (const part of parts) {
      const found = foldedIndexOf(raw, 0, raw.length, part);
      if (found < 0) {
        all = false;
        break;
      }
      if (position < 0) {
        position = found;
      }
    }
    if (!all) {
      continue;
    }
    const phrasePosition = parts.length > 1 ? foldedIndexOf(raw, 0, raw.length, phrase) : position;
    ranked.push({
      versionId: String(row.version_id),
      key: row.key,
      ordinal: row.ordinal,
      raw,
      tier: phrasePosition >= 0 ? 0 : 1,
      position: phrasePosition >= 0 ? phrasePosition : position,
      order,
      length: raw.length,
    });
  }
  ranked.sort((left, right) => left.tier - right.tier || left.position - right.position || left.length - right.length || left.order - right.order || left.ordinal - right.ordinal);
  return { hits: ranked.slice(0, limit).map(({ order: _order, length: _length, ...hit }) => hit), more: ranked.length > limit };
}

/** Runs a content search against the database: the candidates, ranked. */
export async function searchDatabase(
  database: Queryable,
  query: string,
  options: { versions?: readonly string[]; budget?: number; limit: number; orderOf: (versionId: string) => number | undefined },
): Promise<{ hits: RankedHit[]; incomplete: boolean }> {
  const budget = Math.min(options.budget ?? 1_500, MAX_CANDIDATES);
  const statement = candidateQuery(query, { versions: options.versions, budget, limit: options.limit });
  if (!statement) {
    return { hits: [], incomplete: false };
  }
  const result = await database.query<CandidateRow>(statement.text, statement.values);
  const cap = statement.values[statement.values.length - 1] as number;
  const { hits, more } = rankCandidates(query, result.rows, options.orderOf, options.limit);
  return { hits, incomplete: more || result.rows.length >= cap };
}
