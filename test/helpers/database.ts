/**
 * PostgreSQL for the tests of the team corpus. Each suite starts a throwaway cluster of its own when PostgreSQL
 * is installed (scripts/postgresCluster.ts: initdb and pg_ctl in a temporary folder, as the unprivileged
 * `postgres` user when the tests run as root, as in CI), or uses the cluster `PINPOINT_TEST_DATABASE` names
 * (`node --import tsx scripts/postgresCluster.ts start` prints one). Each suite works in a database of its own,
 * so that the suites that node's runner starts side by side do not meet. Where there is no PostgreSQL, a suite
 * is skipped with one line saying why:
 *
 * ```ts
 * describe('publish', needsDatabase(), () => { before(async () => (database = await testDatabase())); … });
 * ```
 */
import * as crypto from 'node:crypto';
import { Client } from 'pg';
import { Cluster, startCluster, whyNoCluster } from '../../scripts/postgresCluster';

/** Why the database suites cannot run here, or undefined when they can. */
export function whyNoDatabase(): string | undefined {
  if (process.env['PINPOINT_TEST_DATABASE']) {
    return undefined;
  }
  const reason = whyNoCluster();
  return reason ? `needs PostgreSQL: PINPOINT_TEST_DATABASE is not set and ${reason}` : undefined;
}

/** Options for `describe`/`it` of node:test: `skip` with the reason where no PostgreSQL can be had. */
export function needsDatabase(): { skip?: string } {
  const reason = whyNoDatabase();
  return reason ? { skip: reason } : {};
}

/** Options for a suite that stops and starts its own cluster (it needs PostgreSQL installed here). */
export function needsOwnCluster(): { skip?: string } {
  const reason = whyNoCluster();
  return reason ? { skip: `needs PostgreSQL installed to start and stop a cluster of its own: ${reason}` } : {};
}

/** A database of one suite's own: its URI, and `drop()` to remove it (and the suite's own cluster, if any). */
export interface TestDatabase {
  readonly uri: string;
  /** Runs SQL as the cluster's superuser in this database (to check what `publish` wrote, or to break things). */
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/** Creates an empty database for a suite, in the cluster of `PINPOINT_TEST_DATABASE` or in one started now. */
export async function testDatabase(cluster?: Cluster): Promise<TestDatabase> {
  let own: Cluster | undefined;
  let base = cluster?.uri ?? process.env['PINPOINT_TEST_DATABASE'];
  if (!base) {
    own = await startCluster();
    base = own.uri;
  }
  const name = `pinpoint_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  const uri = url.toString();
  return {
    uri,
    async query<R extends object>(text: string, values?: unknown[]): Promise<R[]> {
      const client = new Client({ connectionString: uri });
      await client.connect();
      try {
        return (await client.query<R>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      if (own) {
        own.remove();
        return;
      }
      const client = new Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
