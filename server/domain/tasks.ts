/**
 * A task's life in SQL: it arrives, is accepted and is closed (R3, R4, R5,
 * R11, R27). Mirrors src/engine/tasks.ts; accepting is a conditional update
 * on the state the task was read in, so two agents never both take it (B2).
 */
import { CareError } from '../../src/model/errors.js';
import { MAX_CONCURRENT_CALLS, SUMMARY_MAX } from '../../src/model/limits.js';
import { WRAP_UP_MESSAGES, displayName, wrapUpOf, wrapUpRefusal } from '../../src/model/rules.js';
import { validateComment } from '../../src/model/validation.js';
import { capped, truncate } from '../../src/model/text.js';
import type { ContactFields, Id, Task, WrapUp, WrapUpRule } from '../../src/model/types.js';
import type { InboundBody } from '../../src/model/commands.js';
import { TASK_COLUMNS, toTask } from '../db/rows.js';
import { assertValid, ownTask } from './access.js';
import type { Change } from './change.js';
import { appendMessage } from './messages.js';
import * as records from './records.js';
import { attachActivity, touchRequestOf } from './requests.js';
import { markIdle, routeQueues, withdrawCallOffers } from './routing.js';

/** A new chat or call arrives; the customer is matched by email or phone (R27); it waits without a request (R4). */
export async function receive(c: Change, inbound: InboundBody): Promise<Task> {
  const queue = await queueFor(c, inbound.media, inbound.queueId);
  const contact: ContactFields = { name: capped(inbound.contact.name), email: capped(inbound.contact.email), phone: capped(inbound.contact.phone) };
  const opening = capped(inbound.opening);
  const customer = await matchCustomer(c, contact);
  const activityId = await records.newId(c.tx, 'act');
  await c.tx.rows(
    `INSERT INTO activities (id, customer_id, media, summary, started_at, call_from, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $5)`,
    [activityId, customer?.id ?? null, inbound.media, truncate(opening, SUMMARY_MAX), c.now, inbound.media === 'call' ? contact.phone : null],
  );
  const taskId = await records.newId(c.tx, 'task');
  const row = await c.tx.one(
    `INSERT INTO tasks AS k (id, queue_id, routing, media, state, customer_id, contact_name, contact_email, contact_phone,
       activity_id, received_at, updated_at)
     VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7, $8, $9, $10, $10) RETURNING ${TASK_COLUMNS}`,
    [taskId, queue.id, queue.routing, inbound.media, customer?.id ?? null, contact.name, contact.email, contact.phone, activityId, c.now],
  );
  const task = toTask(row as Record<string, unknown>);
  if (inbound.media === 'chat') await appendMessage(c, activityId, 'customer', displayName(customer ?? contact), opening);
  c.entity({ kind: 'activity', value: await records.activity(c.tx, activityId) });
  c.task(task, 'received');
  await routeQueues(c, [queue.id]);
  return task;
}

/** Accepts a queued pick task or a task offered to this agent (R3), never a second call (R5), filing it (R4). */
export async function accept(c: Change, taskId: Id): Promise<Task> {
  const agentId = c.by!;
  const before = await records.task(c.tx, taskId, 'lock');
  if (before.state === 'accepted' || before.state === 'closed') {
    throw CareError.refused('already-taken', 'Another agent has already taken this task.');
  }
  if (before.routing === 'push' && (before.state !== 'offered' || before.offeredTo !== agentId)) {
    throw CareError.refused('not-offered', 'This task is not offered to you.');
  }
  const agent = await records.agent(c.tx, agentId);
  if (before.routing === 'pick' && !agent.queueIds.includes(before.queueId)) {
    throw CareError.refused('not-offered', 'This task is in a queue you do not serve.');
  }
  if (before.media === 'call') {
    // Two calls accepted at once by one agent would both count none in progress; they take turns here, so the second sees the first (R5).
    await c.tx.rows("SELECT pg_advisory_xact_lock(hashtext('care-calls'), hashtext($1))", [agentId]);
    const calls = await c.tx.one<{ n: number }>(
      "SELECT count(*)::int AS n FROM tasks WHERE state = 'accepted' AND accepted_by = $1 AND media = 'call'",
      [agentId],
    );
    if (calls!.n >= MAX_CONCURRENT_CALLS) throw CareError.refused('call-in-progress', 'You are already on a call. Finish it before taking another.');
  }
  const row = await c.tx.one(
    `UPDATE tasks k SET state = 'accepted', accepted_by = $2, accepted_at = $3, offered_to = NULL, offered_at = NULL,
       offer_deadline = NULL, version = version + 1, updated_at = $3, updated_by = $2
     WHERE k.id = $1 AND k.state = $4 RETURNING ${TASK_COLUMNS}`,
    [taskId, agentId, c.now, before.state],
  );
  if (!row) throw CareError.refused('already-taken', 'Another agent has already taken this task.');
  const task = toTask(row as Record<string, unknown>);
  if (task.media === 'call') await withdrawCallOffers(c, agentId);
  if (task.customerId !== null) {
    await records.setActivity(c, task.activityId, { callConnected: true });
    const current = await records.activity(c.tx, task.activityId, 'lock');
    // A transferred task's activity keeps the open request it is in (X5); otherwise it is filed now (R4).
    const filed = current.requestId !== null && (await records.request(c.tx, current.requestId)).status === 'open';
    if (filed) {
      c.entity({ kind: 'activity', value: current });
    } else {
      const { activity, request } = await attachActivity(c, current, task.customerId);
      c.entity({ kind: 'request', value: request });
      c.entity({ kind: 'activity', value: activity });
    }
  } else {
    c.entity({ kind: 'activity', value: await records.setActivity(c, task.activityId, { callConnected: true }) });
  }
  c.task(task, 'accepted', before);
  // Push routing offers only to Ready agents: a Not Ready agent's accept frees nothing to route.
  if (agent.status === 'ready') await routeQueues(c, agent.queueIds);
  return task;
}

/** Ends the interaction (R11): the activity ends, its open request is touched (R18), the agent is free again. */
export async function close(c: Change, taskId: Id, wrapUp?: WrapUp): Promise<Task> {
  const before = await ownTask(c.tx, c.by!, taskId);
  // X6: the queue's wrap-up rule, checked as the engine checks it.
  const queue = await c.tx.one<{ wrap_up: WrapUpRule | null }>('SELECT wrap_up FROM queues WHERE id = $1', [before.queueId]);
  const refusal = wrapUpRefusal(queue?.wrap_up ?? undefined, wrapUp);
  if (refusal) throw CareError.refused('wrap-up-required', WRAP_UP_MESSAGES[refusal]);
  if (wrapUp?.note) assertValid(validateComment(wrapUp.note));
  const kept = wrapUpOf(wrapUp);
  await c.tx.rows('UPDATE tasks SET wrap_up_code = $2, wrap_up_note = $3 WHERE id = $1', [taskId, kept?.code ?? null, kept?.note ?? null]);
  const task = await finish(c, before, 'closed');
  const agent = await records.agent(c.tx, c.by!);
  if (agent.status === 'ready') await routeQueues(c, agent.queueIds);
  return task;
}

/**
 * The task ends: the agent's Close, or its wrap-up time run out (X6, no
 * agent). The interaction ends with it unless wrap-up ended it before; the
 * caller holds the task's lock and routes.
 */
export async function finish(c: Change, before: Task, cause: 'closed' | 'wrap-up-timeout'): Promise<Task> {
  const row = await c.tx.one(
    `UPDATE tasks k SET state = 'closed', closed_at = $2, version = version + 1, updated_at = $2, updated_by = $3
     WHERE k.id = $1 RETURNING ${TASK_COLUMNS}`,
    [before.id, c.now, c.by ?? null],
  );
  const task = toTask(row as Record<string, unknown>);
  const activity = await records.setActivity(c, task.activityId, { ended: true });
  await touchRequestOf(c, activity);
  if (task.acceptedBy) await markIdle(c, task.acceptedBy);
  c.entity({ kind: 'activity', value: activity });
  c.task(task, cause, before);
  return task;
}

/** The queue a contact goes to: the one named, else the push queue of its medium, else any queue that takes it. */
async function queueFor(c: Change, media: string, queueId: Id | undefined): Promise<{ id: Id; routing: string }> {
  const row = queueId
    ? await c.tx.one<{ id: string; routing: string }>('SELECT id, routing FROM queues WHERE id = $1', [queueId])
    : await c.tx.one<{ id: string; routing: string }>(
        "SELECT id, routing FROM queues WHERE $1 = ANY(media) ORDER BY (routing = 'push') DESC, id LIMIT 1",
        [media],
      );
  if (!row) throw CareError.notFound(queueId ? 'queue' : 'queue for', queueId ?? media);
  return row;
}

/** R27: the known customer with this email, or these phone digits (at least five: fewer match too many). */
async function matchCustomer(c: Change, contact: ContactFields): Promise<{ id: Id; name: string; email: string; phone: string } | undefined> {
  const email = contact.email.trim().toLocaleLowerCase();
  const phone = contact.phone.replace(/\D/g, '');
  if (!email && phone.length < 5) return undefined;
  return c.tx.one(
    `SELECT id, name, email, phone FROM customers
     WHERE ($1 <> '' AND btrim(email) <> '' AND lower(btrim(email)) = $1)
        OR (length($2) >= 5 AND regexp_replace(phone, '\\D', '', 'g') = $2)
     ORDER BY ($1 <> '' AND lower(btrim(email)) = $1) DESC, created_at, id LIMIT 1`,
    [email, phone],
  );
}
