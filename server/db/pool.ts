/**
 * The database handle every part of the server uses: a pg Pool, and `tx()`,
 * which runs work in one transaction and retries it when PostgreSQL reports
 * a serialization failure or a deadlock (both are safe to retry: nothing
 * was committed). Parameterised SQL only (B6).
 */
import pg from 'pg';

/** A connection inside a transaction; the only way domain code reaches SQL. */
export interface Tx {
  /** Runs one parameterised statement and returns its rows. */
  rows<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs one parameterised statement and returns its first row, if any. */
  one<R extends object>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** The database's clock, once per transaction (B3), in epoch ms. */
  readonly now: number;
}

const RETRYABLE = new Set(['40001', '40P01']);

export interface DbOptions {
  connectionString: string;
  /** Connections this instance may hold (default 10). */
  max?: number;
}

export class Db {
  readonly pool: pg.Pool;

  constructor(options: DbOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5_000,
      // A broken query must not hold a connection forever.
      statement_timeout: 10_000,
      idle_in_transaction_session_timeout: 15_000,
    });
    // A connection that dies while idle (the database restarted) is dropped and replaced; never an uncaught error.
    this.pool.on('error', () => undefined);
  }

  /** Runs `work` in a transaction at `isolation`, retrying on serialization failures and deadlocks. */
  async tx<T>(work: (tx: Tx) => Promise<T>, isolation: 'read committed' | 'repeatable read' = 'read committed'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      // A checked-out client has no error listener of the pool's: a connection lost between two statements would be an uncaught 'error' that kills the process. The next statement fails instead.
      const lost = () => (broken = true);
      client.on('error', lost);
      try {
        // One round trip for both: every round trip waits for this instance's event loop, and a busy one makes each slow.
        const begun = (await client.query(
          `BEGIN ISOLATION LEVEL ${isolation === 'read committed' ? 'READ COMMITTED' : 'REPEATABLE READ'}; SELECT care_now_ms() AS now`,
        )) as unknown as pg.QueryResult<{ now: string }>[];
        const tx = wrap(client, Number(begun[1]!.rows[0]!.now));
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken = (await rollback(client)) || broken;
        if (attempt < 5 && RETRYABLE.has((error as { code?: string }).code ?? '')) {
          await sleep(attempt * 5 + Math.random() * 10);
          continue;
        }
        throw error;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    }
  }

  /** One statement outside a transaction (reads, health checks). */
  async rows<R extends object>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const { rows } = await this.pool.query<R & pg.QueryResultRow>(named(sql, params as unknown[]));
    return rows;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const names = new Map<string, string>();
function named(sql: string, values: unknown[]): pg.QueryConfig {
  if (sql.length > 4000 || !values.length) return { text: sql, values };
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `care${names.size}`));
  return { name, text: sql, values };
}

function wrap(client: pg.PoolClient, now: number): Tx {
  const rows = async <R extends object>(sql: string, params: readonly unknown[] = []): Promise<R[]> =>
    (await client.query<R & pg.QueryResultRow>(named(sql, params as unknown[]))).rows;
  const one = async <R extends object>(sql: string, params?: readonly unknown[]): Promise<R | undefined> => (await rows<R>(sql, params))[0];
  return { rows, one, now };
}

/** Rolls back; true when the connection itself is broken and must not go back to the pool. */
async function rollback(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return false;
  } catch {
    return true;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** bigint columns arrive as strings from pg; times and counters here fit a double exactly. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
