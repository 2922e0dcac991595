/**
 * The schema of a team corpus in PostgreSQL, and its migrations. Everything lives in the schema `pinpoint`;
 * `pinpoint.pinpoint_schema` records which migrations ran. `pinpoint publish` applies the missing ones in
 * order (each in the publishing transaction's own savepoint-free transaction, before any data is written);
 * the language server only reads, and refuses a database whose schema is newer than it knows.
 *
 * NOTE: a migration is never edited once released: a change of schema is a new entry at the end of
 * `MIGRATIONS`, and ARCHITECTURE.md ("The team corpus in PostgreSQL") describes the current tables.
 */
import type { ClientBase } from 'pg';

/** The schema version this Pinpoint writes and reads. */
export const SCHEMA_VERSION = 1;

/** The channel `publish` notifies on commit; servers LISTEN to it. */
export const NOTIFY_CHANNEL = 'pinpoint_corpus';

/** The role that may read the team corpus and nothing else (`GRANT pinpoint_reader TO alice`). */
export const READER_ROLE = 'pinpoint_reader';

/**
 * The migrations, in order: the n-th brings the schema to version n. `%TRGM%` stands for the schema that holds
 * the `pg_trgm` extension (its operator class `gin_trgm_ops`), wherever the database already had it.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE pinpoint.corpora (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    position integer NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE pinpoint.documents (
    id text PRIMARY KEY
  );
  CREATE TABLE pinpoint.versions (
    id bigserial PRIMARY KEY,
    corpus_id integer NOT NULL REFERENCES pinpoint.corpora ON DELETE CASCADE,
    path text NOT NULL,
    seq integer NOT NULL,
    document_id text NOT NULL REFERENCES pinpoint.documents,
    language text NOT NULL,
    authentic boolean NOT NULL,
    title text,
    aliases text[] NOT NULL,
    related text[] NOT NULL,
    front_matter jsonb NOT NULL,
    content_hash text NOT NULL,
    source text NOT NULL,
    clause_count integer NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (corpus_id, path)
  );
  CREATE INDEX versions_document ON pinpoint.versions (document_id);
  CREATE TABLE pinpoint.clauses (
    version_id bigint NOT NULL REFERENCES pinpoint.versions ON DELETE CASCADE,
    ordinal integer NOT NULL,
    key text NOT NULL,
    kind text NOT NULL,
    label text,
    label_key text,
    annex text,
    parent integer NOT NULL,
    path integer[] NOT NULL,
    text text NOT NULL,
    raw text NOT NULL,
    folded text NOT NULL,
    PRIMARY KEY (version_id, ordinal)
  );
  -- The pairs of adjacent characters within runs of non-ASCII characters (Chinese, Japanese, Korean text…):
  -- each run's pairs at even offsets, then at odd ones. Text in ASCII has none, and costs nothing to index.
  CREATE FUNCTION pinpoint.bigrams(folded text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
      SELECT ARRAY(
        SELECT pair[1] FROM regexp_matches(folded, '[^\\x01-\\x7f]+', 'g') AS run,
          LATERAL (SELECT regexp_matches(run[1], '..', 'g') UNION ALL SELECT regexp_matches(substr(run[1], 2), '..', 'g')) AS pairs(pair))
    $$;
  CREATE INDEX clauses_trigrams ON pinpoint.clauses USING gin (folded %TRGM%.gin_trgm_ops);
  CREATE INDEX clauses_bigrams ON pinpoint.clauses USING gin ((pinpoint.bigrams(folded)) COLLATE "C");
  `,
];

/** The schema version of a database: 0 when it holds no team corpus yet. */
export async function schemaVersionOf(client: ClientBase): Promise<number> {
  const exists = await client.query<{ present: boolean }>("SELECT to_regclass('pinpoint.pinpoint_schema') IS NOT NULL AS present");
  if (!exists.rows[0]?.present) {
    return 0;
  }
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM pinpoint.pinpoint_schema');
  return result.rows[0]?.version ?? 0;
}

/** Why a database's schema cannot be read by this Pinpoint, or undefined when it can. */
export function schemaProblem(version: number): string | undefined {
  if (version === 0) {
    return 'it holds no team corpus yet (run pinpoint publish DIR --database URI)';
  }
  if (version > SCHEMA_VERSION) {
    return `its team corpus has schema version ${version}, newer than this Pinpoint reads (${SCHEMA_VERSION}): update Pinpoint`;
  }
  if (version < SCHEMA_VERSION) {
    return `its team corpus has schema version ${version}, older than this Pinpoint reads (${SCHEMA_VERSION}): publish again with this Pinpoint to migrate it`;
  }
  return undefined;
}

/**
 * Brings a database's schema to `SCHEMA_VERSION` in one transaction (the caller's client, outside any
 * transaction): creates the schema and `pg_trgm` when absent, runs the missing migrations, records them.
 * Returns the versions applied; throws with a message for a schema newer than this Pinpoint knows.
 */
export async function migrate(client: ClientBase, pinpointVersion: string): Promise<number[]> {
  await client.query('BEGIN');
  try {
    // One publisher migrates at a time; the others wait here and then find nothing to do.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('pinpoint.migrate'))");
    await client.query('CREATE SCHEMA IF NOT EXISTS pinpoint');
    await client.query('CREATE TABLE IF NOT EXISTS pinpoint.pinpoint_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), pinpoint_version text NOT NULL)');
    const current = await schemaVersionOf(client);
    if (current > SCHEMA_VERSION) {
      throw new Error(`the database's team corpus has schema version ${current}, newer than this Pinpoint writes (${SCHEMA_VERSION}): update Pinpoint before publishing`);
    }
    const applied: number[] = [];
    if (current < SCHEMA_VERSION) {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA pinpoint');
      const trgm = await client.query<{ schema: string }>("SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'pg_trgm'");
      const trgmSchema = trgm.rows[0]?.schema ?? 'pinpoint';
      for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
        // NOTE: the schema name comes from the catalog, already quoted as an identifier (regnamespace output).
        await client.query(MIGRATIONS[version - 1].replace(/%TRGM%/g, trgmSchema));
        await client.query('INSERT INTO pinpoint.pinpoint_schema (version, pinpoint_version) VALUES ($1, $2)', [version, pinpointVersion]);
        applied.push(version);
      }
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Lets the reader role read the team corpus and nothing more: creates `pinpoint_reader` (a role that cannot
 * log in; users are granted it) when the publisher may create roles, and grants it `USAGE` on the schema and
 * `SELECT` on its tables. Returns a sentence for the user when the role could not be created.
 */
export async function grantReader(client: ClientBase): Promise<string | undefined> {
  const role = await client.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS present', [READER_ROLE]);
  if (!role.rows[0]?.present) {
    try {
      await client.query(`CREATE ROLE ${READER_ROLE} NOLOGIN`);
    } catch (error) {
      return `could not create the role ${READER_ROLE} (${error instanceof Error ? error.message : String(error)}): ask an administrator to run CREATE ROLE ${READER_ROLE} NOLOGIN; GRANT USAGE ON SCHEMA pinpoint TO ${READER_ROLE}; GRANT SELECT ON ALL TABLES IN SCHEMA pinpoint TO ${READER_ROLE}; then GRANT ${READER_ROLE} TO each user`;
    }
  }
  await client.query(`GRANT USAGE ON SCHEMA pinpoint TO ${READER_ROLE}`);
  await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA pinpoint TO ${READER_ROLE}`);
  await client.query(`GRANT EXECUTE ON FUNCTION pinpoint.bigrams(text) TO ${READER_ROLE}`);
  return undefined;
}
