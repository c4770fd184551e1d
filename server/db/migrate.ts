/**
 * Versioned migrations: each file in ./migrations runs once, in order, in
 * its own transaction, recorded in `schema_migrations`. An advisory lock
 * makes several instances starting at once take turns, so exactly one
 * applies each migration (B7).
 */
import type { Db } from './pool.js';
import schema001 from './migrations/001_schema.sql';
import signInFailures002 from './migrations/002_sign_in_failures.sql';
import tasksByCustomer003 from './migrations/003_tasks_by_customer.sql';
import eventsNumbered004 from './migrations/004_events_numbered_at_commit.sql';
import agentLinks005 from './migrations/005_agent_links.sql';
import taskDeclines006 from './migrations/006_task_declines.sql';
import notReadyReasons007 from './migrations/007_not_ready_reasons.sql';
import cannedResponses008 from './migrations/008_canned_responses.sql';
import wrapUp009 from './migrations/009_wrap_up.sql';
import wrapUpLimit010 from './migrations/010_wrap_up_limit.sql';

/** Every migration, oldest first. A new one is appended here with the next number; none is ever edited. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: '001_schema', sql: schema001 },
  { version: 2, name: '002_sign_in_failures', sql: signInFailures002 },
  { version: 3, name: '003_tasks_by_customer', sql: tasksByCustomer003 },
  { version: 4, name: '004_events_numbered_at_commit', sql: eventsNumbered004 },
  { version: 5, name: '005_agent_links', sql: agentLinks005 },
  { version: 6, name: '006_task_declines', sql: taskDeclines006 },
  { version: 7, name: '007_not_ready_reasons', sql: notReadyReasons007 },
  { version: 8, name: '008_canned_responses', sql: cannedResponses008 },
  { version: 9, name: '009_wrap_up', sql: wrapUp009 },
  { version: 10, name: '010_wrap_up_limit', sql: wrapUpLimit010 },
];

const LOCK = 0x63617265; // "care"

/** Applies what is missing; returns the versions it applied. */
export async function migrate(db: Db): Promise<number[]> {
  const client = await db.pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
        applied.push(migration.version);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
