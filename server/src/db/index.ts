/**
 * The PostgreSQL driver (`pg`) and how Pinpoint configures it: the entry of the bundle `dist/database.js`,
 * which the command line (`pinpoint publish`) and a language server with `pinpoint.corpus.database` load on
 * demand, so that nobody else parses the driver at start-up. Everything else about the team corpus imports
 * only `pg`'s types and lives in the main bundles.
 */
import { Client, Pool } from 'pg';
import { clientConfigOf, ConnectionSettings } from './connect';

export type { ConnectionSettings } from './connect';

/** A single connection (not connected yet). */
export function newClient(settings: ConnectionSettings): Client {
  return new Client(clientConfigOf(settings));
}

/** A pool of at most `max` connections. */
export function newPool(settings: ConnectionSettings, max: number): Pool {
  return new Pool({ ...clientConfigOf(settings), max, idleTimeoutMillis: 30_000 });
}
