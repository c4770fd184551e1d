/**
 * Where the database connections spend the run, sampled from
 * pg_stat_activity every 100 ms: running, waiting for a lock (the event
 * counter row, a record), waiting on the WAL, or idle inside a transaction
 * (waiting for the instance's next statement: a busy Node event loop shows
 * here). Averaged, it says how many connections were in each state.
 */
import type { Db } from '../../server/db/pool.js';

export class PgWaits {
  private readonly totals = new Map<string, number>();
  private samples = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), 100);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    try {
      const rows = await this.db.rows<{ what: string; n: number }>(
        `SELECT CASE
                  WHEN state = 'idle in transaction' THEN 'idle in transaction (waiting for the instance)'
                  WHEN wait_event_type = 'Lock' THEN 'waiting for a lock: ' || wait_event
                  WHEN wait_event_type IS NOT NULL THEN 'waiting: ' || wait_event_type || '/' || wait_event
                  ELSE 'running'
                END AS what, count(*)::int AS n
         FROM pg_stat_activity
         WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
           AND state <> 'idle' AND query NOT LIKE 'LISTEN%'
         GROUP BY 1`,
      );
      this.samples++;
      for (const { what, n } of rows) this.totals.set(what, (this.totals.get(what) ?? 0) + n);
    } catch {
      // the database is restarting (chaos): skip this sample
    }
  }

  /** Average connections in each state, busiest first. */
  summary(): string {
    if (!this.samples) return 'no samples';
    return [...this.totals]
      .sort((a, b) => b[1] - a[1])
      .map(([what, n]) => `${(n / this.samples).toFixed(2)} ${what}`)
      .join('; ');
  }
}
