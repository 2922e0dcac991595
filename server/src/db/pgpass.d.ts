/** The `pgpass` module (no types of its own): looks a password up in ~/.pgpass (or $PGPASSFILE) as libpq does. */
declare module 'pgpass' {
  function pgpass(connection: { host?: string; port?: number | string; database?: string; user?: string }, callback: (password: string | undefined) => void): void;
  export = pgpass;
}
