/**
 * Database errors as sentences for the user: the `pg` driver's and PostgreSQL's errors by their codes, and
 * Pinpoint's own (`DatabaseProblem`), whose message is already one. Never with a password or a whole URI.
 */

/** A problem Pinpoint found itself (no password anywhere, a schema it cannot read): its message is for the user. */
export class DatabaseProblem extends Error {
  readonly pinpoint = true;
}

/** A database error as one sentence for the user (never with the password or the whole URI). */
export function describeDatabaseError(error: unknown): string {
  if (error && typeof error === 'object' && 'pinpoint' in error && error instanceof Error) {
    return error.message;
  }
  const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the database server running?)',
    ENOTFOUND: 'the host name does not resolve',
    ETIMEDOUT: 'the connection timed out',
    ECONNRESET: 'the connection was reset',
    EHOSTUNREACH: 'the host cannot be reached',
    '28P01': 'the password was refused',
    '28000': `the server refused the login (${message})`,
    '3D000': 'the database does not exist',
    '42501': `permission denied (${message})`,
    '57P01': 'the database server is shutting down',
    '57P03': 'the database server is starting up or shutting down',
    '57014': 'a query took too long and was cancelled (statement_timeout)',
  };
  if (code && known[code]) {
    return known[code];
  }
  if (/timeout/i.test(message)) {
    return `it did not answer in time (${message})`;
  }
  return message;
}
