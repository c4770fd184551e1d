/**
 * The private cluster of a data folder (B7): started with server/db/cluster.ts
 * when it is not running, reused when another instance already started it.
 * Which port it runs on is read from PostgreSQL's own `postmaster.pid`, so
 * a second instance finds the first one's cluster whatever port it took.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findPgBin, freePort, startCluster } from '../db/cluster.js';
import { alive, clusterDir } from './data-folder.js';

const run = promisify(execFile);

/** The port `npm run server` prefers for its cluster, so `psql -p 54329` finds it. */
export const DEFAULT_PG_PORT = 54329;

export interface PrivateCluster {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** True when this process started it; false when it found it running. */
  readonly started: boolean;
}

/** The pid and port of the cluster running in `dir`, if one is. */
export function runningCluster(dir: string): { pid: number; port: number } | undefined {
  const file = join(dir, 'data', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0 || !alive(pid)) return undefined;
  return { pid, port };
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** `wanted`, or the default when it is free, else any free port. */
async function choosePort(wanted: number | undefined): Promise<number> {
  if (wanted !== undefined) return wanted;
  return (await listening(DEFAULT_PG_PORT)) ? freePort() : DEFAULT_PG_PORT;
}

/**
 * Reuses the cluster running in the data folder, or starts it (made with
 * initdb the first time). Call it while holding the folder's lock.
 */
export async function openPrivateCluster(dataDir: string, port?: number): Promise<PrivateCluster> {
  const dir = clusterDir(dataDir);
  const running = runningCluster(dir);
  if (running && (await listening(running.port))) {
    return { url: urlOf(running.port), port: running.port, dir, started: false };
  }
  await assertReachable(dataDir);
  const cluster = await startCluster(dir, await choosePort(port));
  return { url: cluster.url, port: cluster.port, dir, started: true };
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * As root, the cluster runs as the postgres user, who must be able to pass
 * through every folder above the data folder (a home folder often forbids
 * it). Says so plainly instead of initdb's "Permission denied".
 */
async function assertReachable(dataDir: string): Promise<void> {
  if (!asRoot) return;
  mkdirSync(dataDir, { recursive: true });
  try {
    await run('runuser', ['-u', 'postgres', '--', 'test', '-x', dataDir]);
  } catch {
    throw new Error(`the postgres user cannot reach ${dataDir}: let it pass (chmod o+x on each folder above it) or set CARE_DATA_DIR to a folder it can reach, e.g. /var/tmp/care-data`);
  }
}

const urlOf = (port: number) => `postgres://postgres@127.0.0.1:${port}/care`;

/** Stops the cluster in `dir` cleanly (as the postgres user when root, as cluster.ts starts it). */
export async function stopPrivateCluster(dir: string): Promise<void> {
  const pgCtl = join(findPgBin(), 'pg_ctl');
  const args = ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop'];
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', pgCtl, ...args]);
  else await run(pgCtl, args);
}

/** The command a person runs to stop the cluster by hand. */
export function stopCommand(dir: string): string {
  const pgCtl = (() => {
    try {
      return join(findPgBin(), 'pg_ctl');
    } catch {
      return 'pg_ctl';
    }
  })();
  return `${asRoot ? 'runuser -u postgres -- ' : ''}${pgCtl} -D ${join(dir, 'data')} -m fast stop`;
}
