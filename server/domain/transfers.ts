/**
 * X5 in SQL: an agent hands a task in progress on, to a queue (it waits and
 * is routed there) or to an agent (offered to them at once, with R13's
 * deadline). Mirrors src/engine/transfers.ts; the note goes first as the
 * agent's comment, so a refused note leaves the task where it was.
 */
import { CareError } from '../../src/model/errors.js';
import { MAX_CONCURRENT_CALLS, OFFER_TIMEOUT_MS } from '../../src/model/limits.js';
import { WRAP_UP_ENDED } from '../../src/model/rules.js';
import { nfc } from '../../src/model/text.js';
import type { Id, Task, TransferTarget, TransferTargets } from '../../src/model/types.js';
import type { Tx } from '../db/pool.js';
import { TASK_COLUMNS, toQueue, toTask } from '../db/rows.js';
import { ownTask } from './access.js';
import type { Change } from './change.js';
import { addComment } from './messages.js';
import * as records from './records.js';
import { markIdle, routeQueues } from './routing.js';

/** Every queue, and the other agents with their status. */
export async function targets(tx: Tx, agentId: Id): Promise<TransferTargets> {
  const queues = await tx.rows('SELECT id, name, routing, media, wrap_up FROM queues ORDER BY name, id');
  const agents = await tx.rows<{ id: string; name: string; status: 'ready' | 'not-ready' }>(
    'SELECT id, name, status FROM agents WHERE id <> $1 ORDER BY name, id',
    [agentId],
  );
  return { queues: queues.map((q) => toQueue(q as Record<string, unknown>)), agents };
}

export async function transfer(c: Change, taskId: Id, target: TransferTarget, note: string): Promise<Task> {
  const agentId = c.by!;
  const before = await ownTask(c.tx, agentId, taskId);
  if (before.wrapUpStartedAt !== undefined) throw CareError.refused('invalid-state', WRAP_UP_ENDED);
  const text = nfc(note).trim();
  const to = 'agentId' in target ? await available(c, before, target.agentId) : undefined;
  const queue = 'queueId' in target ? await c.tx.one<{ id: string; name: string; routing: string; media: string[] }>('SELECT id, name, routing, media FROM queues WHERE id = $1', [target.queueId]) : undefined;
  if ('queueId' in target && !queue) throw CareError.notFound('queue', target.queueId);
  if (queue && !queue.media.includes(before.media)) throw CareError.refused('invalid-state', `The ${queue.name} queue does not take this medium.`);
  if (text) await addComment(c, before.activityId, text);
  const row = to
    ? await c.tx.one(
        `UPDATE tasks k SET state = 'offered', offered_to = $2, offered_at = $3, offer_deadline = $3 + $4::bigint, accepted_by = NULL,
           accepted_at = NULL, version = version + 1, updated_at = $3, updated_by = $5
         WHERE k.id = $1 RETURNING ${TASK_COLUMNS}`,
        [taskId, to, c.now, OFFER_TIMEOUT_MS, agentId],
      )
    : await c.tx.one(
        `UPDATE tasks k SET state = 'queued', queue_id = $2, routing = $3, accepted_by = NULL, accepted_at = NULL,
           version = version + 1, updated_at = $4, updated_by = $5
         WHERE k.id = $1 RETURNING ${TASK_COLUMNS}`,
        [taskId, queue!.id, queue!.routing, c.now, agentId],
      );
  const task = toTask(row as Record<string, unknown>);
  c.task(task, to ? 'offered' : 'transferred', before);
  await markIdle(c, agentId);
  if (to) await markIdle(c, to);
  const me = await records.agent(c.tx, agentId);
  await routeQueues(c, [...new Set([task.queueId, ...(me.status === 'ready' ? me.queueIds : [])])]);
  return task;
}

/** The agent a task goes to directly, locked: another agent, Ready, with no offer pending and, for a call, none in progress. */
async function available(c: Change, task: Task, targetId: Id): Promise<Id> {
  const agent = await records.agent(c.tx, targetId, 'lock');
  const offered = await c.tx.one("SELECT 1 FROM tasks WHERE state = 'offered' AND offered_to = $1 LIMIT 1", [targetId]);
  const calls = task.media === 'call'
    ? (await c.tx.one<{ n: number }>("SELECT count(*)::int AS n FROM tasks WHERE state = 'accepted' AND accepted_by = $1 AND media = 'call'", [targetId]))!.n
    : 0;
  if (agent.id === c.by || agent.status !== 'ready' || offered || calls >= MAX_CONCURRENT_CALLS) {
    throw CareError.refused('agent-unavailable', `${agent.name} cannot take it now.`);
  }
  return agent.id;
}
