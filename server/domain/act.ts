/**
 * Runs one change in one transaction and appends its events before COMMIT,
 * so a change and its announcement are committed together or not at all
 * (B4). With an idempotency key, a retried append answers what the first
 * try answered and changes nothing (N3).
 */
import { CareError } from '../../src/model/errors.js';
import type { AgentRef } from '../../src/model/types.js';
import type { Db } from '../db/pool.js';
import { Change } from './change.js';

export async function act<T>(db: Db, actor: AgentRef | undefined, work: (c: Change) => Promise<T>): Promise<T> {
  return db.tx(async (tx) => {
    const c = new Change(tx, actor);
    const result = await work(c);
    await c.commit();
    return result;
  });
}

/** `act`, remembered under the agent's key: the same key again returns the stored answer. `operation` names the operation and its target record. */
export async function actOnce<T>(db: Db, actor: AgentRef, key: string | undefined, operation: string, work: (c: Change) => Promise<T>): Promise<T> {
  if (!key) return act(db, actor, work);
  return db.tx(async (tx) => {
    // Two retries racing with one key take turns; the second then finds the first's answer.
    await tx.rows('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [actor.id, key]);
    const done = await tx.one<{ operation: string; response: T }>(
      'SELECT operation, response FROM idempotency_keys WHERE agent_id = $1 AND key = $2',
      [actor.id, key],
    );
    if (done && done.operation === operation) return done.response;
    // A key names one append: the same key on another operation or record is a client bug, not a retry.
    if (done) throw new CareError({ kind: 'validation', message: 'This request reuses the key of a different one.', issues: [{ field: 'idempotencyKey', code: 'duplicate', message: 'Already used for another request.' }] });
    const c = new Change(tx, actor);
    const result = await work(c);
    await tx.rows(
      'INSERT INTO idempotency_keys (agent_id, key, operation, response, created_at) VALUES ($1, $2, $3, $4, $5)',
      [actor.id, key, operation, JSON.stringify(result), tx.now],
    );
    await c.commit();
    return result;
  });
}
