/**
 * Start-up and shut-down steps on the database that `npm run server` takes
 * around the instance: wait until it answers, seed the demo data once, and
 * count who else is connected before stopping a private cluster.
 */
import { createSeed } from '../../src/engine/seed.js';
import type { Db } from '../db/pool.js';
import { isEmpty, loadSeed } from '../db/seed.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A one-line reason from a connection error (pg's and Node's errors both carry a message and often a code). */
export function reason(error: unknown): string {
  const e = error as { code?: string | number; message?: string; stderr?: string };
  const message = e?.message?.split('\n')[0] ?? String(error);
  // A command that failed (initdb, pg_ctl) says why on its stderr.
  const said = typeof e?.stderr === 'string' ? e.stderr.trim().split('\n').slice(-3).join(' / ') : '';
  if (said) return `${message}: ${said}`;
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${message} (${e.code})` : message;
}

/**
 * Resolves once the database answers `SELECT 1`. While it does not, says so
 * on one line per attempt and tries again, backing off to 10 s: a database
 * that comes up later is waited for, not reported with a stack.
 */
export async function waitForDatabase(db: Db, where: string, signal?: AbortSignal): Promise<void> {
  for (let attempt = 1, delay = 1000; ; attempt++) {
    try {
      await db.rows('SELECT 1');
      if (attempt > 1) console.log(`The database at ${where} answers now.`);
      return;
    } catch (error) {
      if (signal?.aborted) throw error;
      console.log(`The database at ${where} does not answer yet: ${reason(error)}. Trying again in ${Math.round(delay / 1000)} s (Ctrl-C to give up).`);
      await sleep(delay);
      delay = Math.min(delay * 2, 10_000);
    }
  }
}

/** "seed" in ASCII: the advisory lock instances take turns on to seed an empty database once. */
const SEED_LOCK = 0x73656564;

/**
 * Loads the demo seed when the database has no agents yet. Instances starting
 * at once take turns on an advisory lock, so exactly one seeds.
 * Resolves true when this call seeded.
 */
export async function seedIfEmpty(db: Db, password: string, now = Date.now()): Promise<boolean> {
  const client = await db.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
    if (!(await isEmpty(db))) return false;
    await loadSeed(db, createSeed({ now }), { password });
    return true;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** The agents who can sign in (their id is their login), for the start-up message. */
export async function logins(db: Db): Promise<{ id: string; name: string }[]> {
  return db.rows<{ id: string; name: string }>('SELECT id, name FROM agents ORDER BY id');
}

/**
 * Sessions on the database other than this process's own (told apart by
 * `application_name`): another instance, a bench, a psql. A private cluster
 * is stopped only when this is zero.
 */
export async function otherClients(db: Db, ownApplicationName: string): Promise<number> {
  const rows = await db.rows<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND coalesce(application_name, '') <> $1`,
    [ownApplicationName],
  );
  return rows[0]!.n;
}

/** `url` with `application_name` set, so this process's own sessions can be told apart. */
export function withApplicationName(url: string, name: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.searchParams.has('application_name')) parsed.searchParams.set('application_name', name);
    return parsed.toString();
  } catch {
    // Not a URL (a keyword/value string): leave it as it is; the count then includes our own idle sessions, which only makes stopping rarer.
    return url;
  }
}
