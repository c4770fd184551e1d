/**
 * The data folder `npm run server` keeps its state in (B7): the private
 * PostgreSQL cluster (`pg/`), the inbound secret, a start-up lock and a
 * register of the instances that use the folder. Instances on one machine
 * and one folder find each other here, so the second one reuses the first
 * one's cluster and the last one to leave is the one that stops it.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Where the cluster of a data folder lives. */
export const clusterDir = (dataDir: string): string => join(dataDir, 'pg');

/** Whether a process with this id is alive (signal 0 tests without sending). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while holding the folder's lock, so two instances never start
 * (or one starts while another stops) the cluster at once. A lock left by a
 * process that died is taken over.
 */
export async function withFolderLock<T>(dataDir: string, work: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'cluster.lock');
  const deadline = Date.now() + timeoutMs;
  for (let told = false; ; ) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readText(file));
      if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${file} is held by process ${holder}; remove it if that process is not a Care server.`);
      if (!told) console.log(`Waiting for process ${holder}, which is starting or stopping the database in ${dataDir} …`);
      told = true;
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(file, { force: true });
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

/** The register of live instances on a data folder: one empty file per process id. */
export class InstanceRegister {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'instances');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Adds this process. */
  enter(): void {
    writeFileSync(join(this.dir, String(process.pid)), '');
  }

  /** Removes this process. */
  leave(): void {
    rmSync(join(this.dir, String(process.pid)), { force: true });
  }

  /** Other processes still registered and alive; entries of dead ones are swept. */
  others(): number[] {
    const pids: number[] = [];
    for (const name of readdirSync(this.dir)) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      if (alive(pid)) pids.push(pid);
      else rmSync(join(this.dir, name), { force: true });
    }
    return pids;
  }
}
