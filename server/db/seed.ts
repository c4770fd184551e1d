/**
 * Loads seed data (the demo's `createSeed`, or the contract's `contractSeed`)
 * into an empty database: the reference server's equivalent of
 * `new CareEngine({ seed })`. Every agent gets the given password (hashed),
 * and its id as its login. Open requests get their R18 deadline from when
 * they or their activities last changed.
 */
import { AUTO_CLOSE_MS } from '../../src/model/limits.js';
import { lastTouched } from '../../src/model/rules.js';
import type { SeedData } from '../../src/engine/seed.js';
import { tagKey } from '../../src/model/validation.js';
import { hashPassword } from '../auth/passwords.js';
import type { Db, Tx } from './pool.js';

/** Tables that hold the contact centre's data, children first: what a reset empties. */
const DATA_TABLES = [
  'agent_streams', 'idempotency_keys', 'sign_in_failures', 'sessions', 'events', 'chat_messages', 'comments', 'activity_tags', 'task_declines', 'canned_responses', 'tasks',
  'activities', 'requests', 'customers', 'agent_queues', 'agents', 'queues',
];

export interface SeedOptions {
  /** The password of every seeded agent. */
  password: string;
}

/** Whether the database holds no agents yet (a fresh one, to seed). */
export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await db.rows<{ n: number }>('SELECT count(*)::int AS n FROM agents');
  return rows[0]!.n === 0;
}

/** Loads `seed` into the database in one transaction. */
export async function loadSeed(db: Db, seed: SeedData, options: SeedOptions): Promise<void> {
  const hash = await hashPassword(options.password);
  await db.tx((tx) => insertSeed(tx, seed, hash));
}

/** Empties every data table and loads `seed`: for tests and the demo's reset only. */
export async function resetTo(db: Db, seed: SeedData, options: SeedOptions): Promise<void> {
  const hash = await hashPassword(options.password);
  await db.tx(async (tx) => {
    await tx.rows(`TRUNCATE ${DATA_TABLES.join(', ')}`);
    // The event counter keeps counting: every instance's hub and every client cursor stay valid (a cursor into the emptied log gets a reset).
    await tx.rows('UPDATE care_settings SET clock_offset_ms = 0');
    await insertSeed(tx, seed, hash);
  });
}

async function insertSeed(tx: Tx, seed: SeedData, passwordHash: string): Promise<void> {
  for (const q of seed.queues) {
    await tx.rows('INSERT INTO queues (id, name, routing, media, wrap_up) VALUES ($1, $2, $3, $4, $5)', [q.id, q.name, q.routing, q.media, q.wrapUp ?? null]);
  }
  for (const g of seed.agents) {
    await tx.rows(
      `INSERT INTO agents (id, name, login, password_hash, status, status_reason, status_since, idle_since, version, updated_at)
       VALUES ($1, $2, $1, $3, $4, $5, $6, $6, $7, $8)`,
      [g.id, g.name, passwordHash, g.status, g.statusReason, g.statusSince, g.version, g.updatedAt],
    );
    for (const queueId of g.queueIds) {
      await tx.rows('INSERT INTO agent_queues (agent_id, queue_id) VALUES ($1, $2)', [g.id, queueId]);
    }
  }
  await insertMany(tx, 'customers', ['id', 'version', 'name', 'email', 'phone', 'created_at', 'updated_at', 'updated_by'],
    seed.customers.map((c) => [c.id, c.version, c.name, c.email, c.phone, c.createdAt, c.updatedAt, c.updatedBy ?? null]));
  await insertMany(tx, 'requests',
    ['id', 'version', 'customer_id', 'title', 'description', 'status', 'created_at', 'updated_at', 'updated_by', 'completed_at', 'auto_close_at'],
    seed.requests.map((r) => [
      r.id, r.version, r.customerId, r.title, r.description, r.status, r.createdAt, r.updatedAt, r.updatedBy ?? null,
      r.completedAt ?? null, r.status === 'open' ? lastTouched(r, seed.activities) + AUTO_CLOSE_MS : null,
    ]));
  await insertMany(tx, 'activities',
    ['id', 'version', 'customer_id', 'request_id', 'media', 'summary', 'started_at', 'ended_at', 'call_from',
      'call_connected_at', 'call_ended_at', 'updated_at', 'updated_by'],
    seed.activities.map((a) => [
      a.id, a.version, a.customerId, a.requestId, a.media, a.summary, a.startedAt, a.endedAt ?? null, a.call?.from ?? null,
      a.call?.connectedAt ?? null, a.call?.endedAt ?? null, a.updatedAt, a.updatedBy ?? null,
    ]));
  await insertMany(tx, 'activity_tags', ['activity_id', 'tag', 'tag_key'],
    seed.activities.flatMap((a) => a.tags.map((tag) => [a.id, tag, tagKey(tag)])));
  await insertMany(tx, 'comments', ['id', 'activity_id', 'author_id', 'author_name', 'text', 'created_at'],
    seed.comments.map((c) => [c.id, c.activityId, c.authorId, c.authorName, c.text, c.createdAt]));
  await insertMany(tx, 'chat_messages', ['id', 'activity_id', 'sender', 'author_name', 'text', 'at'],
    seed.transcripts.map((m) => [m.id, m.activityId, m.from, m.authorName, m.text, m.at]));
  await insertMany(tx, 'canned_responses', ['id', 'position', 'title', 'text'],
    (seed.cannedResponses ?? []).map((c, position) => [c.id, position, c.title, c.text]));
}

/** Inserts rows in batches, with one parameter per value. */
async function insertMany(tx: Tx, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const batch = Math.floor(60_000 / columns.length);
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const values = slice.map((_, i) => `(${columns.map((__, j) => `$${i * columns.length + j + 1}`).join(', ')})`);
    await tx.rows(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, slice.flat());
  }
}
