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
  // Every acceptance is announced with the task's state. A task may pass from one agent to another (X5's transfer),
  // but only after it was announced as left (no acceptedBy); a change of holder without that is a double acceptance.
  const changes = await db.rows<{ id: string; seq: string; by: string | null }>(
    `SELECT payload->'task'->>'id' AS id, seq, payload->'task'->>'acceptedBy' AS by FROM events
     WHERE payload->>'type' IN ('task-changed', 'task-offered') ORDER BY seq`,
  );
  const holder = new Map<string, string | null>();
  const twice: { id: string; agents: string[] }[] = [];
  for (const { id, by } of changes) {
    const was = holder.get(id) ?? null;
    if (was && by && was !== by) twice.push({ id, agents: [was, by] });
    holder.set(id, by);
  }
  assert.deepEqual(twice, [], 'B2: no task accepted by two agents at once');
  const [log] = await db.rows<{ counter: number; n: number; first: number | null; last: number | null }>(
    'SELECT (SELECT seq FROM event_counter) AS counter, count(*)::int AS n, min(seq) AS first, max(seq) AS last FROM events',
  );
  if (log!.n > 0) {
    assert.equal(log!.last, log!.counter, 'B4: the counter names the newest event');
    assert.equal(log!.last! - log!.first! + 1, log!.n, 'B4: sequence numbers have no gaps');
  }
}
