/**
 * The bench's contact centre: a private PostgreSQL cluster in a temporary
 * folder, migrated, with the demo seed plus N bench agents and 3·N bench
 * customers inserted in SQL. Every bench agent shares one scrypt hash
 * (hashed once, not N times) and serves the pick queue plus one push queue.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeed } from '../../src/engine/seed.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { SESSION_MS } from '../../server/auth/sessions.js';
import { startCluster, type Cluster } from '../../server/db/cluster.js';
import { migrate } from '../../server/db/migrate.js';
import { Db } from '../../server/db/pool.js';
import { loadSeed } from '../../server/db/seed.js';

export const PASSWORD = 'care-demo';
export const PICK_QUEUE = 'q-backlog';

export interface BenchAgentRow {
  id: string;
  queueIds: string[];
}

export interface World {
  cluster: Cluster;
  /** The bench's own connection, for setup and the final checks. */
  db: Db;
  agents: BenchAgentRow[];
  customers: number;
  /** Removes the cluster and its folder. */
  close(): Promise<void>;
}

export async function makeWorld(agentCount: number): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'care-bench-pg-'));
  const cluster = await startCluster(dir);
  const db = new Db({ connectionString: cluster.url, max: 4 });
  const close = async () => {
    await db.close().catch(() => undefined);
    await cluster.stop('immediate').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrate(db);
    const now = Date.now();
    await loadSeed(db, createSeed({ now }), { password: PASSWORD });
    const hash = await hashPassword(PASSWORD);
    const customers = agentCount * 3;
    await db.tx(async (tx) => {
      await tx.rows(
        `INSERT INTO agents (id, name, login, password_hash, status, status_reason, status_since, idle_since, version, updated_at)
         SELECT 'bench-' || n, 'Bench agent ' || n, 'bench-' || n, $1, 'not-ready', 'signed-in', $2, $2, 1, $2
         FROM generate_series(1, $3::int) AS n`,
        [hash, now, agentCount],
      );
      await tx.rows(
        `INSERT INTO agent_queues (agent_id, queue_id)
         SELECT 'bench-' || n, q FROM generate_series(1, $1::int) AS n,
           LATERAL unnest(ARRAY[$2::text, CASE WHEN n % 2 = 1 THEN 'q-chat' ELSE 'q-calls' END]) AS q`,
        [agentCount, PICK_QUEUE],
      );
      await tx.rows(
        `INSERT INTO customers (id, name, email, phone, created_at, updated_at)
         SELECT 'bench-cust-' || n, 'Bench customer ' || n, 'bench-cust-' || n || '@bench.invalid', '', $1, $1
         FROM generate_series(1, $2::int) AS n`,
        [now, customers],
      );
    });
    const agents = Array.from({ length: agentCount }, (_, i) => ({
      id: `bench-${i + 1}`,
      queueIds: [PICK_QUEUE, (i + 1) % 2 === 1 ? 'q-chat' : 'q-calls'],
    }));
    return { cluster, db, agents, customers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The email of bench customer `n` (1-based), which inbound contacts carry so R27 matches them. */
export const customerEmail = (n: number) => `bench-cust-${n}@bench.invalid`;

/**
 * Opens sessions for agents without scrypt: random tokens whose SHA-256 is
 * stored, exactly what POST /sign-in stores (server/auth/sessions.ts). The
 * bench says so in its output; a token the server does not recognise fails
 * the run with 401s at once.
 */
export async function insertSessions(db: Db, agentIds: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map(agentIds.map((id) => [id, randomBytes(32).toString('base64url')]));
  const hashes = [...tokens.values()].map((token) => createHash('sha256').update(token).digest('base64url'));
  await db.rows(
    `INSERT INTO sessions (token_hash, agent_id, created_at, expires_at)
     SELECT h, a, care_now_ms(), care_now_ms() + $3::bigint FROM unnest($1::text[], $2::text[]) AS s(h, a)`,
    [hashes, [...tokens.keys()], SESSION_MS],
  );
  return tokens;
}
