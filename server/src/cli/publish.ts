/**
 * `pinpoint publish DIR… --database URI`: loads corpus folders into a team corpus in PostgreSQL, which
 * language servers read when `pinpoint.corpus.database` names it. The work is in `db/publish.ts` (bundled
 * with the database driver in `dist/database.js`, loaded only here and by a server that has a database).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Client } from 'pg';
import { describeDatabaseError } from '../db/errors';
import { publishFolders } from '../db/publish';
import { parseDatabaseUri, redactDatabaseUri } from '../db/uri';
import { parseCommandArguments } from './args';
import { displayPath } from './check';

export const PUBLISH_USAGE = `usage: pinpoint publish DIR… --database URI

Publishes corpus folders into a PostgreSQL database that every member of a team reads through the setting
pinpoint.corpus.database. Each folder is one corpus, named by the folder's name; publishing it again makes the
database's copy equal to the folder (new files added, changed files replaced, removed files removed), in one
transaction, and tells the language servers that listen. Files with corpus errors are listed and not published.
URI: postgres://user@host:port/database (TLS options such as ?sslmode=verify-full pass through). The password
comes from PGPASSWORD or ~/.pgpass (or the URI). Publishing creates the schema pinpoint, and the role
pinpoint_reader that may only read it (grant it to each user: GRANT pinpoint_reader TO alice).
Exit status: 0 on success, 1 on a corpus or database error, 2 for bad usage.`;

/** Runs `publish`; returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArguments('publish', argv, { options: ['database'] }, PUBLISH_USAGE);
  if ('exitCode' in parsed) {
    return parsed.exitCode;
  }
  const uri = parsed.options.get('database');
  if (uri === undefined) {
    process.stderr.write(`pinpoint publish: --database URI is required\n\n${PUBLISH_USAGE}\n`);
    return 2;
  }
  const address = parseDatabaseUri(uri);
  if ('error' in address) {
    process.stderr.write(`pinpoint publish: --database: ${address.error}\n`);
    return 2;
  }
  if (parsed.positional.length === 0) {
    process.stderr.write(`pinpoint publish: give at least one corpus folder\n\n${PUBLISH_USAGE}\n`);
    return 2;
  }
  const names = new Map<string, string>();
  for (const folder of parsed.positional) {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
      process.stderr.write(`pinpoint publish: ${folder} is not a folder\n`);
      return 2;
    }
    const name = path.basename(path.resolve(folder));
    const earlier = names.get(name);
    if (earlier !== undefined) {
      process.stderr.write(`pinpoint publish: ${earlier} and ${folder} would both be published as the corpus '${name}': publish folders of different names\n`);
      return 2;
    }
    names.set(name, folder);
  }

  const shown = redactDatabaseUri(uri);
  const started = performance.now();
  let client: Client | undefined;
  try {
    // The driver is loaded here only (dist/database.js). No statement timeout: building indexes takes its time.
    const { newClient } = await import('../db/index');
    client = newClient({ uri, readOnly: false, statementTimeoutMs: 0, connectTimeoutMs: 10_000, applicationName: 'pinpoint publish' });
    await client.connect();
    const outcome = await publishFolders(client, parsed.positional, { pinpointVersion: '0.1.0', log: (line) => process.stderr.write(`pinpoint publish: ${line}\n`) });
    const seconds = (performance.now() - started) / 1000;
    for (const problem of outcome.problems) {
      process.stdout.write(`${displayPath(problem.file)}:${problem.line}:${problem.character}: ${problem.severity} ${problem.code}: ${problem.message}\n`);
    }
    const refused = outcome.problems.filter((problem) => problem.severity === 'error');
    for (const corpus of outcome.corpora) {
      const published = corpus.added + corpus.changed + corpus.unchanged;
      const others = corpus.notCorpus > 0 ? `; ${corpus.notCorpus === 1 ? '1 Markdown file is not a corpus file and was' : `${corpus.notCorpus} Markdown files are not corpus files and were`} left out` : '';
      process.stdout.write(
        `${corpus.name}: ${published} document${published === 1 ? '' : 's'} (${corpus.added} new, ${corpus.changed} changed, ${corpus.unchanged} unchanged, ${corpus.removed} removed)${others}\n`,
      );
    }
    for (const note of outcome.notes) {
      process.stdout.write(`note: ${note}\n`);
    }
    const files = new Set(refused.map((problem) => problem.file)).size;
    if (files > 0) {
      process.stdout.write(`${files} file${files === 1 ? ' was' : 's were'} not published because of the errors above (a version published before stays)\n`);
    }
    process.stdout.write(`published to ${shown} in ${seconds.toFixed(1)} s (${(outcome.bytes / 1048576 / Math.max(seconds, 0.001)).toFixed(1)} MB/s)\n`);
    return files > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`pinpoint publish: ${shown}: ${describeDatabaseError(error)}; nothing was published\n`);
    return 1;
  } finally {
    await client?.end().catch(() => undefined);
  }
}
