/**
 * After-contact work in SQL (X6): mirrors src/engine/wrap-up.ts. The time
 * limit is a column, so any instance's sweeper closes a task whose wrap-up
 * ran out, the one that started it killed or not (B3).
 */
import { CareError } from '../../src/model/errors.js';
import { NO_WRAP_UP } from '../../src/model/rules.js';
import type { Id, Task, WrapUpRule } from '../../src/model/types.js';
import { TASK_COLUMNS, toTask } from '../db/rows.js';
import { ownTask } from './access.js';
import type { Change } from './change.js';
import * as records from './records.js';
import { finish } from './tasks.js';

/** Ends the interaction of the agent's task and starts its queue's wrap-up; again, it changes nothing. */
export async function startWrapUp(c: Change, taskId: Id): Promise<Task> {
  const before = await ownTask(c.tx, c.by!, taskId);
  const queue = await c.tx.one<{ wrap_up: WrapUpRule | null }>('SELECT wrap_up FROM queues WHERE id = $1', [before.queueId]);
  const rule = queue?.wrap_up;
  if (!rule) throw CareError.refused('invalid-state', NO_WRAP_UP);
  if (before.wrapUpStartedAt !== undefined) return before;
  const until = rule.limitSeconds === undefined ? null : c.now + rule.limitSeconds * 1000;
  const row = await c.tx.one(
    `UPDATE tasks k SET wrap_up_started_at = $2, wrap_up_until = $3, version = version + 1, updated_at = $2, updated_by = $4
     WHERE k.id = $1 RETURNING ${TASK_COLUMNS}`,
    [taskId, c.now, until, c.by],
  );
  const task = toTask(row as Record<string, unknown>);
  c.entity({ kind: 'activity', value: await records.setActivity(c, task.activityId, { ended: true }) });
  c.task(task, 'wrap-up', before);
  return task;
}

/** Closes tasks whose wrap-up time ran out, a batch at a time, shared among instances by SKIP LOCKED; how many it closed. */
export async function closeExpiredWrapUps(c: Change, limit = 50): Promise<number> {
  const due = await c.tx.rows(
    `SELECT ${TASK_COLUMNS} FROM tasks k WHERE k.state = 'accepted' AND k.wrap_up_until <= $1
     ORDER BY k.wrap_up_until LIMIT $2 FOR UPDATE OF k SKIP LOCKED`,
    [c.now, limit],
  );
  let closed = 0;
  for (const row of due) {
    const task = toTask(row as Record<string, unknown>);
    // The agent's own transactions lock the agent before their tasks: waiting here could deadlock, so such a task waits for the next sweep.
    const agent = await c.tx.one('SELECT 1 FROM agents WHERE id = $1 FOR UPDATE SKIP LOCKED', [task.acceptedBy]);
    if (!agent) continue;
    await finish(c, task, 'wrap-up-timeout');
    closed++;
  }
  return closed;
}
