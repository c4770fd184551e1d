/**
 * SQL invariants checked after every scenario (B2, B4): they read the
 * database, not the server's answers, so a bug that answers well but
 * stores badly still fails.
 */
import assert from 'node:assert/strict';
import type { Db } from '../../../server/db/pool.js';

export async function checkInvariants(db: Db): Promise<void> {
  const offers = await db.rows<{ offered_to: string; n: number }>(
    "SELECT offered_to, count(*)::int AS n FROM tasks WHERE state = 'offered' GROUP BY offered_to HAVING count(*) > 1",
  );
  assert.deepEqual(offers, [], 'B2: at most one pending offer per agent');
  const calls = await db.rows<{ accepted_by: string; n: number }>(
    "SELECT accepted_by, count(*)::int AS n FROM tasks WHERE state = 'accepted' AND media = 'call' GROUP BY accepted_by HAVING count(*) > 1",
  );
  assert.deepEqual(calls, [], 'R5: at most one call in progress per agent');
  // Every acceptance is announced with the task's state; a task accepted twice would show two different agents.
  const twice = await db.rows<{ id: string; agents: string[] }>(
    `SELECT payload->'task'->>'id' AS id, array_agg(DISTINCT payload->'task'->>'acceptedBy') AS agents FROM events
     WHERE payload->>'type' = 'task-changed' AND payload->'task'->>'acceptedBy' IS NOT NULL
     GROUP BY payload->'task'->>'id' HAVING count(DISTINCT payload->'task'->>'acceptedBy') > 1`,
  );
  assert.deepEqual(twice, [], 'B2: no task accepted by two agents');
  const [log] = await db.rows<{ counter: number; n: number; first: number | null; last: number | null }>(
    'SELECT (SELECT seq FROM event_counter) AS counter, count(*)::int AS n, min(seq) AS first, max(seq) AS last FROM events',
  );
  if (log!.n > 0) {
    assert.equal(log!.last, log!.counter, 'B4: the counter names the newest event');
    assert.equal(log!.last! - log!.first! + 1, log!.n, 'B4: sequence numbers have no gaps');
  }
}
