/**
 * A throwaway PostgreSQL cluster for tests and benchmarks (as ../shared/docs/e2e.md §5 describes): Debian's
 * `postgresql` package, `initdb` and `pg_ctl` in a temporary folder, on 127.0.0.1 and a random free port. As
 * root, the cluster runs as the unprivileged `postgres` user (through `su`); otherwise as the current user.
 *
 *   node --import tsx scripts/postgresCluster.ts start      prints `export` lines (PINPOINT_TEST_DATABASE, PINPOINT_TEST_CLUSTER)
 *   node --import tsx scripts/postgresCluster.ts stop DIR   stops the cluster started in DIR and removes DIR
 *
 * Tests import `startCluster` to get a cluster of their own (one they may stop and start again).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** A cluster started by `startCluster`. */
export interface Cluster {
  readonly folder: string;
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:PORT/pinpoint` (trust authentication, on 127.0.0.1 only). */
  readonly uri: string;
  /** Starts it again after `stop` (same port and data). */
  start(): void;
  /** Stops it (fast shutdown: connections are cut). */
  stop(): void;
  /** Stops it if it runs, and removes its folder. */
  remove(): void;
}

/** The newest installed PostgreSQL `bin` folder, or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) {
    return undefined;
  }
  const versions = fs
    .readdirSync(base)
    .filter((entry) => fs.existsSync(path.join(base, entry, 'bin', 'pg_ctl')))
    .sort((left, right) => Number(left) - Number(right));
  return versions.length > 0 ? path.join(base, versions[versions.length - 1], 'bin') : undefined;
}

/** Why no cluster can be started here, or undefined when one can. */
export function whyNoCluster(): string | undefined {
  if (!postgresBin()) {
    return 'PostgreSQL is not installed (Debian: apt-get install postgresql)';
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) {
    return 'running as root, and there is no postgres user to run the cluster as';
  }
  return undefined;
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program, as `postgres` when this process is root. */
function runAs(program: string, args: readonly string[]): string {
  const bin = postgresBin() as string;
  const command = path.join(bin, program);
  if (process.getuid?.() === 0) {
    const quoted = [command, ...args].map((part) => `'${String(part).replace(/'/g, `'\\''`)}'`).join(' ');
    return execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', quoted], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  }
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

/**
 * Starts a cluster in a new temporary folder with one database, `pinpoint`. Returns its URI (user `postgres`,
 * trust authentication on 127.0.0.1 only) and `stop()`, `start()` (again, same port) and `remove()`.
 */
export async function startCluster(): Promise<Cluster> {
  const reason = whyNoCluster();
  if (reason) {
    throw new Error(reason);
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-pg-'));
  if (process.getuid?.() === 0) {
    execFileSync('chown', ['postgres', folder]);
  }
  const port = await freePort();
  const data = path.join(folder, 'data');
  runAs('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  fs.writeFileSync(path.join(folder, 'port'), String(port));
  const cluster: Cluster = {
    folder,
    port,
    uri: `postgres://postgres@127.0.0.1:${port}/pinpoint`,
    start() {
      runAs('pg_ctl', ['-D', data, '-o', `-k ${folder} -p ${port} -c listen_addresses=127.0.0.1`, '-l', path.join(folder, 'log'), '-w', 'start']);
    },
    stop() {
      runAs('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    remove() {
      try {
        cluster.stop();
      } catch {
        // Already stopped.
      }
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
  cluster.start();
  runAs('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'pinpoint']);
  return cluster;
}

/** Stops the cluster started in `folder` (by `start` of the command line) and removes the folder. */
export function stopCluster(folder: string): void {
  if (!fs.existsSync(path.join(folder, 'data'))) {
    return;
  }
  try {
    runAs('pg_ctl', ['-D', path.join(folder, 'data'), '-m', 'fast', '-w', 'stop']);
  } catch {
    // Already stopped.
  }
  fs.rmSync(folder, { recursive: true, force: true });
}

if (require.main === module) {
  const [command, folder] = process.argv.slice(2);
  if (command === 'start') {
    startCluster().then(
      (cluster) => process.stdout.write(`export PINPOINT_TEST_DATABASE='${cluster.uri}'\nexport PINPOINT_TEST_CLUSTER='${cluster.folder}'\n`),
      (error: unknown) => {
        process.stderr.write(`postgresCluster: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  } else if (command === 'stop' && folder) {
    stopCluster(folder);
  } else {
    process.stderr.write('usage: node --import tsx scripts/postgresCluster.ts start | stop DIR\n');
    process.exitCode = 2;
  }
}
