/**
 * How Pinpoint connects to PostgreSQL: the `pg` client's configuration from a connection URI. TLS options
 * (`sslmode`, `sslrootcert`, …) pass through with libpq's meaning; the password comes, in order, from the
 * caller (VS Code's SecretStorage, through the client), from the URI (the command line only: the server
 * strips it from settings), from `PGPASSWORD`, or from `~/.pgpass` (`$PGPASSFILE`), as libpq looks it up.
 * Every connection has a statement timeout on the server and a query timeout in the client, and a reader's
 * session is read-only (`default_transaction_read_only`).
 */
import type { ClientConfig } from 'pg';
import { parse, toClientConfig } from 'pg-connection-string';
import pgpass from 'pgpass';
import { DatabaseProblem } from './errors';

/** How to connect. */
export interface ConnectionSettings {
  /** The connection URI (`postgres://user@host:port/database?sslmode=…`). */
  readonly uri: string;
  /** A password given by the caller (VS Code's SecretStorage); looked up as libpq does when absent. */
  readonly password?: string;
  /** True for a reader (the language server): every transaction is read-only. */
  readonly readOnly: boolean;
  /** The server-side `statement_timeout`, and the client-side query timeout (a little longer); 0: none. */
  readonly statementTimeoutMs: number;
  /** How long a connection attempt may take. */
  readonly connectTimeoutMs: number;
  /** `application_name`, as `pg_stat_activity` shows it. */
  readonly applicationName: string;
}


/** The `pg` configuration of a connection. */
export function clientConfigOf(settings: ConnectionSettings): ClientConfig {
  // NOTE: libpq's meaning of sslmode (require: encrypted; verify-full: also the certificate and host name),
  // which is what PostgreSQL's documentation and every other client give it.
  const config = toClientConfig(parse(settings.uri, { useLibpqCompat: true }));
  const uriPassword = typeof config.password === 'string' && config.password !== '' ? config.password : undefined;
  const extraOptions = typeof config.options === 'string' && config.options.trim() !== '' ? `${config.options.trim()} ` : '';
  return {
    ...config,
    // NOTE: pg calls this with the connection's parameters (its types declare no argument).
    password: (async (parameters: PasswordLookup) =>
      settings.password ?? uriPassword ?? (process.env['PGPASSWORD'] || undefined) ?? (await passwordFromPgpass(parameters)) ?? refuse(parameters)) as () => Promise<string>,
    options: `${extraOptions}-c statement_timeout=${settings.statementTimeoutMs}${settings.readOnly ? ' -c default_transaction_read_only=on' : ''}`,
    query_timeout: settings.statementTimeoutMs > 0 ? settings.statementTimeoutMs + 1_000 : undefined,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    application_name: settings.applicationName,
    keepAlive: true,
  };
}

/** What a password is looked up by. */
interface PasswordLookup {
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly user?: string;
}

function passwordFromPgpass(parameters: PasswordLookup): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      pgpass(parameters, (password) => resolve(password === undefined || password === '' ? undefined : password));
    } catch {
      resolve(undefined);
    }
  });
}

function refuse(parameters: { user?: string }): never {
  throw new DatabaseProblem(
    `the database asks for a password for ${parameters.user ?? 'this user'}, and none was found: set PGPASSWORD, add a line to ~/.pgpass, or in VS Code run "Pinpoint: Set Database Password"`,
  );
}
