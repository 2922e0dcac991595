/**
 * `pinpoint publish`: loads corpus folders into a team corpus in PostgreSQL. Each folder is one corpus, named
 * by the folder's name; publishing it again makes the database's copy equal to the folder: new files are
 * added, a file whose content hash changed replaces its old version, files gone from the folder are removed,
 * unchanged files are not touched. Everything is written in one transaction, so readers see the corpus before
 * or after, never half of it, and the servers that listen are told on commit (NOTIFY).
 *
 * A file with a `corpus-error` (the same check as `pinpoint check`, and a duplicate of a document already
 * published in another corpus) is reported and not published; its earlier version, if any, stays.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { ClientBase } from 'pg';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { CORPUS_WALK_LIMITS, pathToUri, readText, walkMarkdown } from '../nodeHost';
import { CorpusDocument, parseCorpusDocument, readHeader } from '../service/corpusParser';
import { createLanguageService } from '../service/languageService';
import { foldText } from '../service/searchIndex';
import { grantReader, migrate, NOTIFY_CHANNEL } from './schema';

/** A problem of one file, located as `check` prints it. */
export interface FileProblem {
  readonly file: string;
  readonly line: number;
  readonly character: number;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
}

/** What happened to one corpus (one folder). */
export interface CorpusOutcome {
  readonly name: string;
  readonly folder: string;
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  /** Markdown files that are not corpus files (no front matter id): not published. */
  notCorpus: number;
}

/** What a publish did. */
export interface PublishOutcome {
  readonly corpora: CorpusOutcome[];
  /** Problems of files: errors (not published) and warnings (published). */
  readonly problems: FileProblem[];
  /** Notes for the user (the reader role, migrations). */
  readonly notes: string[];
  /** Bytes of corpus text read. */
  readonly bytes: number;
  /** Files whose text was written to the database (added or changed). */
  readonly written: number;
}

/** One corpus file to publish. */
interface Candidate {
  readonly corpus: string;
  readonly file: string;
  /** Its path in the corpus folder, with `/`. */
  readonly relativePath: string;
  readonly seq: number;
  readonly hash: string;
  readonly id: string;
  readonly language: string;
  bad: boolean;
}

/** The folder name a corpus is published under. */
export function corpusNameOf(folder: string): string {
  return path.basename(path.resolve(folder));
}

/** A file's content hash, as `versions.content_hash` holds it. */
export function contentHash(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Checks the folders and publishes them through `client` (connected, not in a transaction). Throws on a
 * database error (nothing is then published); corpus problems come back in the outcome.
 */
export async function publishFolders(client: ClientBase, folders: readonly string[], options: { pinpointVersion: string; log?: (line: string) => void }): Promise<PublishOutcome> {
  const log = options.log ?? (() => undefined);
  const roots = folders.map((folder) => path.resolve(folder));
  const problems: FileProblem[] = [];
  const notes: string[] = [];
  const corpora: CorpusOutcome[] = roots.map((folder) => ({ name: corpusNameOf(folder), folder, added: 0, changed: 0, unchanged: 0, removed: 0, notCorpus: 0 }));

  // 1. Read and check every file with the core, as `pinpoint check` does (the index keeps only headers; a
  // file's text is read again when its clauses are needed).
  const service = createLanguageService({ loadCorpusText: (uri) => readTextOf(uri) });
  const candidates: Candidate[] = [];
  let bytes = 0;
  const fileOf = new Map<string, string>();
  function readTextOf(uri: string): string | undefined {
    const file = fileOf.get(uri);
    const read = file === undefined ? undefined : readText(file);
    return read && 'text' in read ? read.text : undefined;
  }
  for (const [position, root] of roots.entries()) {
    const walk = walkMarkdown(root, CORPUS_WALK_LIMITS);
    for (const warning of walk.warnings) {
      problems.push({ file: root, line: 1, character: 1, severity: 'error', code: 'corpus-error', message: warning });
    }
    if (walk.capped !== undefined) {
      throw new Error(`${root}: ${walk.capped}; nothing was published, since the files beyond it would be removed from the team corpus`);
    }
    let seq = 0;
    for (const file of walk.files) {
      const read = readText(file);
      if ('error' in read) {
        problems.push({ file, line: 1, character: 1, severity: 'error', code: 'corpus-error', message: read.error });
        continue;
      }
      const uri = pathToUri(file);
      fileOf.set(uri, file);
      if (!service.setCorpusFile(uri, root, read.text)) {
        corpora[position].notCorpus++;
        continue;
      }
      bytes += Buffer.byteLength(read.text, 'utf8');
      const header = service.index.get(uri)?.header;
      candidates.push({
        corpus: corpora[position].name,
        file,
        relativePath: path.relative(root, file).split(path.sep).join('/'),
        seq: seq++,
        hash: contentHash(read.text),
        id: header?.id ?? '',
        language: header?.language ?? '',
        bad: header?.id === undefined,
      });
    }
  }
  for (const candidate of candidates) {
    for (const diagnostic of service.corpusDiagnostics(pathToUri(candidate.file), roots)) {
      const error = diagnostic.severity === DiagnosticSeverity.Error;
      candidate.bad ||= error;
      problems.push({
        file: candidate.file,
        line: diagnostic.range.start.line + 1,
        character: diagnostic.range.start.character + 1,
        severity: error ? 'error' : 'warning',
        code: String(diagnostic.code),
        message: diagnostic.message,
      });
    }
  }
  log(`checked ${candidates.length} corpus files (${(bytes / 1048576).toFixed(1)} MB)`);

  // 2. The schema, then the reader role (outside the data transaction: creating a role may be refused).
  const applied = await migrate(client, options.pinpointVersion);
  if (applied.length > 0) {
    notes.push(`the database's team corpus schema was brought to version ${applied[applied.length - 1]}`);
  }
  try {
    const refusal = await grantReader(client);
    if (refusal) {
      notes.push(refusal);
    }
  } catch (error) {
    notes.push(`could not grant the reader role its rights (${error instanceof Error ? error.message : String(error)}): the owner of the pinpoint schema can run GRANT SELECT ON ALL TABLES IN SCHEMA pinpoint TO pinpoint_reader`);
  }

  // 3. The data, in one transaction.
  let written = 0;
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('pinpoint.publish'))");
    const corpusIds = new Map<string, number>();
    for (const corpus of corpora) {
      const row = await client.query<{ id: number }>(
        `INSERT INTO pinpoint.corpora (name, position) VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM pinpoint.corpora))
         ON CONFLICT (name) DO UPDATE SET published_at = now() RETURNING id`,
        [corpus.name],
      );
      corpusIds.set(corpus.name, row.rows[0].id);
    }
    // A document published by another corpus, in the same language, is a duplicate: the file is refused.
    const others = await client.query<{ document_id: string; language: string; name: string; path: string }>(
      `SELECT v.document_id, v.language, c.name, v.path FROM pinpoint.versions v JOIN pinpoint.corpora c ON c.id = v.corpus_id WHERE NOT (v.corpus_id = ANY($1::int[]))`,
      [[...corpusIds.values()]],
    );
    const elsewhere = new Map(others.rows.map((row) => [`${row.document_id}\n${row.language}`, `${row.name}/${row.path}`]));
    for (const candidate of candidates) {
      const taken = candidate.bad ? undefined : elsewhere.get(`${candidate.id}\n${candidate.language}`);
      if (taken !== undefined) {
        candidate.bad = true;
        problems.push({
          file: candidate.file,
          line: 1,
          character: 1,
          severity: 'error',
          code: 'corpus-error',
          message: `duplicate id ${candidate.id}${candidate.language ? ` (language ${candidate.language})` : ''}: the team corpus already has it from ${taken}`,
        });
      }
    }
    for (const corpus of corpora) {
      const corpusId = corpusIds.get(corpus.name) as number;
      const existing = await client.query<{ id: string; path: string; content_hash: string; seq: number }>('SELECT id, path, content_hash, seq FROM pinpoint.versions WHERE corpus_id = $1', [corpusId]);
      const before = new Map(existing.rows.map((row) => [row.path, row]));
      const present = new Set<string>();
      for (const candidate of candidates.filter((entry) => entry.corpus === corpus.name)) {
        present.add(candidate.relativePath);
        const old = before.get(candidate.relativePath);
        if (candidate.bad) {
          continue; // reported; an earlier version stays
        }
        if (old && old.content_hash === candidate.hash) {
          corpus.unchanged++;
          if (old.seq !== candidate.seq) {
            await client.query('UPDATE pinpoint.versions SET seq = $1 WHERE id = $2', [candidate.seq, old.id]);
          }
          continue;
        }
        const read = readText(candidate.file);
        if ('error' in read || contentHash(read.text) !== candidate.hash) {
          throw new Error(`${candidate.file} changed while it was being published: publish again`);
        }
        if (old) {
          await client.query('DELETE FROM pinpoint.versions WHERE id = $1', [old.id]);
          corpus.changed++;
        } else {
          corpus.added++;
        }
        await insertVersion(client, corpusId, candidate, read.text, parseCorpusDocument(read.text));
        written++;
      }
      const gone = existing.rows.filter((row) => !present.has(row.path)).map((row) => row.id);
      if (gone.length > 0) {
        await client.query('DELETE FROM pinpoint.versions WHERE id = ANY($1::bigint[])', [gone]);
        corpus.removed += gone.length;
      }
    }
    await client.query('DELETE FROM pinpoint.documents d WHERE NOT EXISTS (SELECT 1 FROM pinpoint.versions v WHERE v.document_id = d.id)');
    const payload = JSON.stringify({ corpora: corpora.map((corpus) => corpus.name), changed: corpora.reduce((sum, corpus) => sum + corpus.added + corpus.changed + corpus.removed, 0) });
    await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, payload]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { corpora, problems, notes, bytes, written };
}

/** Writes one file: its version row and its clauses. */
async function insertVersion(client: ClientBase, corpusId: number, candidate: Candidate, text: string, document: CorpusDocument): Promise<void> {
  // The header as the server's index reads it from the file (readHeader), so that headers loaded at start-up
  // and headers read from the text agree.
  const header = readHeader(text);
  await client.query('INSERT INTO pinpoint.documents (id) VALUES ($1) ON CONFLICT DO NOTHING', [candidate.id]);
  const row = await client.query<{ id: string }>(
    `INSERT INTO pinpoint.versions (corpus_id, path, seq, document_id, language, authentic, title, aliases, related, front_matter, content_hash, source, clause_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13) RETURNING id`,
    [
      corpusId,
      candidate.relativePath,
      candidate.seq,
      candidate.id,
      header.language,
      header.authentic,
      header.title ?? null,
      header.aliases,
      header.related,
      JSON.stringify(document.meta, jsonSafe),
      candidate.hash,
      text,
      document.clauses.length,
    ],
  );
  const versionId = row.rows[0].id;
  const clauses = document.clauses;
  if (clauses.length === 0) {
    return;
  }
  const raws = clauses.map((clause) => text.slice(clause.span.start, clause.span.end));
  await client.query(
    `INSERT INTO pinpoint.clauses (version_id, ordinal, key, kind, label, label_key, annex, parent, path, text, raw, folded)
     SELECT $1, ordinal, key, kind, label, label_key, annex, parent, path::int[], text, raw, folded
     FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[])
       AS t(ordinal, key, kind, label, label_key, annex, parent, path, text, raw, folded)`,
    [
      versionId,
      clauses.map((clause) => clause.ordinal),
      clauses.map((clause) => clause.key),
      clauses.map((clause) => clause.kind),
      clauses.map((clause) => clause.label ?? null),
      clauses.map((clause) => clause.labelKey ?? null),
      clauses.map((clause) => clause.annex ?? null),
      clauses.map((clause) => clause.parent),
      clauses.map((clause) => `{${clause.path.join(',')}}`),
      clauses.map((clause) => clause.text),
      raws,
      raws.map((raw) => foldText(raw)),
    ],
  );
}

/** Front matter as JSON: values JSON cannot hold become strings. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  return value;
}
