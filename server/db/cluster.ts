/**
 * A private PostgreSQL cluster from Debian's binaries (B7): `initdb` and
 * `pg_ctl` run as the postgres user in a data folder the server owns, on a
 * port of its own, listening on 127.0.0.1 and a socket in that folder. Used
 * by `npm run server` when no DATABASE_URL is given, and by every test.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian puts PostgreSQL's server binaries; the newest version wins. */
export function findPgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = join(base, version, 'bin');
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  throw new Error('PostgreSQL is not installed: run `apt-get install -y postgresql`, or set DATABASE_URL to an existing database.');
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  /** A connection string for the cluster's `care` database. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Starts it again after `stop` (a restart keeps every committed write). */
  start(): Promise<void>;
  /** `fast` shuts down cleanly; `immediate` is a crash, as a killed machine would. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
}

/** Whether this process must hand PostgreSQL's commands to the postgres user (it refuses to run as root). */
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

async function pg(bin: string, command: string, args: string[]): Promise<void> {
  const file = join(bin, command);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', file, ...args]);
  else await run(file, args);
}

/**
 * Opens the cluster in `dir` (made with initdb when the folder has none),
 * starts it on `port` (a free one by default) and makes the `care` database.
 */
export async function startCluster(dir: string, port?: number): Promise<Cluster> {
  const bin = findPgBin();
  const data = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  if (asRoot) chownSync(dir, uid('postgres'), gid('postgres'));
  if (!existsSync(join(data, 'PG_VERSION'))) {
    await pg(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  const chosen = port ?? (await freePort());
  const options = `-p ${chosen} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on`;
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${chosen}/care`,
    port: chosen,
    dir,
    start: () => pg(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']),
    stop: (mode = 'fast') => pg(bin, 'pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
  };
  await cluster.start();
  await run(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(chosen), '-U', 'postgres', '-d', 'postgres', '-tAc',
    "SELECT 1 FROM pg_database WHERE datname = 'care'"]).then(async ({ stdout }) => {
    if (stdout.trim() !== '1') {
      await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(chosen), '-U', 'postgres', 'care']);
    }
  });
  return cluster;
}

/** The numeric user and group ids of a system user, for handing it the cluster's folder. */
function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}
function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}
