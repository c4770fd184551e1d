/**
 * `--profile`: PostgreSQL's side of the profile. Loads pg_stat_statements
 * (a restart of the bench's own cluster, before the instances start) and,
 * after the run, lists the statements that took the most time, planning
 * included.
 */
import type { Cluster } from '../../server/db/cluster.js';
import type { Db } from '../../server/db/pool.js';

export async function enableStatements(db: Db, cluster: Cluster): Promise<void> {
  await db.rows("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
  await cluster.stop('fast'); // the pool drops its dead connections and opens new ones
  await cluster.start();
  await db.rows("ALTER SYSTEM SET pg_stat_statements.track_planning = 'on'");
  await db.rows('SELECT pg_reload_conf()');
}

export async function resetStatements(db: Db): Promise<void> {
  await db.rows('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await db.rows('SELECT pg_stat_statements_reset()');
}

export async function topStatements(db: Db, limit = 15): Promise<string> {
  const rows = await db.rows<{ calls: number; exec: number; plan: number; query: string }>(
    `SELECT calls::float8 AS calls, total_exec_time AS exec, total_plan_time AS plan, query FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
    [limit],
  );
  const [total] = await db.rows<{ t: number; calls: number }>(
    'SELECT sum(total_exec_time + total_plan_time) AS t, sum(calls)::float8 AS calls FROM pg_stat_statements',
  );
  const lines = rows.map((r) => {
    const text = r.query.replace(/\s+/g, ' ').slice(0, 110);
    return `  ${((100 * (r.exec + r.plan)) / (total!.t || 1)).toFixed(1).padStart(5)}%  ${String(r.calls).padStart(7)} calls  ` +
      `exec ${(r.exec / r.calls).toFixed(3)} ms  plan ${(r.plan / r.calls).toFixed(3)} ms  ${text}`;
  });
  return [`PostgreSQL statements (${total!.calls} calls, ${((total!.t ?? 0) / 1000).toFixed(1)} s exec+plan), top ${limit}:`, ...lines].join('\n');
}
