/**
 * Agent status and push routing in SQL (R5, R12, R13, R26; B2, B3). A
 * queue is routed under its own advisory lock, so two instances never offer
 * one task twice; agents are picked longest idle first with `SKIP LOCKED`,
 * so routing never waits on an agent another transaction is changing; and
 * the partial unique indexes (one pending offer, one call per agent) hold
 * even if all of that were wrong.
 */
import { CareError } from '../../src/model/errors.js';
import { DECLINE_COOLDOWN_MS, MAX_CONCURRENT_CALLS, OFFER_TIMEOUT_MS, STATUS_REASON_MAX } from '../../src/model/limits.js';
import { label } from '../../src/model/text.js';
import type { Agent, AgentStatus, Id, StatusReason, Task } from '../../src/model/types.js';
import { AGENT_COLUMNS, TASK_COLUMNS, toAgent, toTask } from '../db/rows.js';
import { toAgent as audienceOf, type Change } from './change.js';
import { LINK_DOWN } from './links.js';
import * as records from './records.js';

/**
 * Sets Ready or Not Ready (R12), Not Ready with the agent's reason (X3):
 * another reason is a new status. Going Not Ready withdraws a pending offer;
 * going Ready may bring one.
 */
export async function setStatus(c: Change, agentId: Id, status: AgentStatus, reason = ''): Promise<Agent> {
  const agent = await records.agent(c.tx, agentId, 'lock');
  const note = status === 'not-ready' ? label(reason, STATUS_REASON_MAX) : '';
  if (agent.status === status && (agent.notReadyReason ?? '') === note) return agent;
  const changed = await changeStatus(c, agentId, status, 'manual', note);
  if (status === 'not-ready' && agent.status === 'ready') {
    const offers = await c.tx.rows(`SELECT ${TASK_COLUMNS} FROM tasks k WHERE k.state = 'offered' AND k.offered_to = $1 FOR UPDATE OF k`, [agentId]);
    for (const row of offers) await requeue(c, toTask(row as Record<string, unknown>), 'withdrawn');
  }
  await routeQueues(c, agent.queueIds);
  return changed;
}

/**
 * X2: the agent declines a task offered to them. It goes back to its queue
 * and on to the next agent at once; the agent stays Ready and is not offered
 * it again for the cool-down (the sweep routes it after that).
 */
export async function decline(c: Change, taskId: Id): Promise<Task> {
  const agentId = c.by!;
  const before = await records.task(c.tx, taskId, 'lock');
  if (before.state !== 'offered' || before.offeredTo !== agentId) throw CareError.refused('not-offered', 'This task is not offered to you.');
  await c.tx.rows(
    `INSERT INTO task_declines (task_id, agent_id, declined_at) VALUES ($1, $2, $3)
     ON CONFLICT (task_id, agent_id) DO UPDATE SET declined_at = EXCLUDED.declined_at`,
    [taskId, agentId, c.now],
  );
  const task = await requeue(c, before, 'declined');
  await routeQueues(c, [task.queueId]);
  return task;
}

/** R5: the agent took a call, so a call still offered to them goes on to another agent now instead of ringing into R13. */
export async function withdrawCallOffers(c: Change, agentId: Id): Promise<void> {
  const offers = await c.tx.rows(
    `SELECT ${TASK_COLUMNS} FROM tasks k WHERE k.state = 'offered' AND k.offered_to = $1 AND k.media = 'call' FOR UPDATE OF k`,
    [agentId],
  );
  for (const row of offers) await requeue(c, toTask(row as Record<string, unknown>), 'withdrawn');
}

async function changeStatus(c: Change, agentId: Id, status: AgentStatus, reason: StatusReason, note = ''): Promise<Agent> {
  const row = await c.tx.one(
    `UPDATE agents g SET status = $2, status_reason = $3, status_since = $4, version = version + 1, updated_at = $4,
       idle_since = CASE WHEN $2 = 'ready' THEN $4 ELSE idle_since END, not_ready_reason = NULLIF($5, '')
     WHERE g.id = $1 RETURNING ${AGENT_COLUMNS}`,
    [agentId, status, reason, c.now, note],
  );
  const agent = toAgent(row as Record<string, unknown>);
  c.emit({ type: 'agent-changed', agent }, [audienceOf(agentId)]);
  return agent;
}

/** The agent finished or was offered a task: it waits from now for its next offer (R26's longest idle). */
export async function markIdle(c: Change, agentId: Id): Promise<void> {
  await c.tx.rows('UPDATE agents SET idle_since = $2 WHERE id = $1', [agentId, c.now]);
}

/** Routes each push queue, in a fixed order so two transactions never wait on each other's queue locks. */
export async function routeQueues(c: Change, queueIds: readonly Id[]): Promise<void> {
  const push = await c.tx.rows<{ id: string }>("SELECT id FROM queues WHERE id = ANY($1) AND routing = 'push' ORDER BY id", [queueIds]);
  for (const { id } of push) await routeQueue(c, id);
}

/** Offers a queue's waiting tasks, oldest first, each to the longest-idle Ready agent free to take it (R5, R12, R26). */
async function routeQueue(c: Change, queueId: Id): Promise<void> {
  await c.tx.rows("SELECT pg_advisory_xact_lock(hashtext('care-queue'), hashtext($1))", [queueId]);
  const waiting = await c.tx.rows(
    `SELECT ${TASK_COLUMNS} FROM tasks k WHERE k.queue_id = $1 AND k.state = 'queued' AND k.routing = 'push'
     ORDER BY k.received_at, k.id LIMIT 50 FOR UPDATE OF k SKIP LOCKED`,
    [queueId],
  );
  for (const row of waiting) {
    const task = toTask(row as Record<string, unknown>);
    const agentId = await freeAgent(c, queueId, task);
    if (!agentId) break;
    await offer(c, task, agentId);
  }
}

/** The longest-idle Ready agent of the queue free to take a task of this medium, locked; none when there is none. */
async function freeAgent(c: Change, queueId: Id, task: Task): Promise<Id | undefined> {
  const passed: Id[] = [];
  for (;;) {
    const agent = await c.tx.one<{ id: string }>(
      `SELECT g.id FROM agents g JOIN agent_queues aq ON aq.agent_id = g.id AND aq.queue_id = $1
       WHERE g.status = 'ready' AND g.id <> ALL($4::text[]) AND NOT ${LINK_DOWN}
         AND NOT EXISTS (SELECT 1 FROM tasks o WHERE o.state = 'offered' AND o.offered_to = g.id)
         AND ($2 <> 'call' OR (SELECT count(*) FROM tasks o WHERE o.state = 'accepted' AND o.accepted_by = g.id AND o.media = 'call') < $3)
         AND NOT EXISTS (SELECT 1 FROM task_declines d WHERE d.task_id = $5 AND d.agent_id = g.id AND d.declined_at > $6::bigint)
       ORDER BY g.idle_since, g.id LIMIT 1 FOR UPDATE OF g SKIP LOCKED`,
      [queueId, task.media, MAX_CONCURRENT_CALLS, passed, task.id, c.now - DECLINE_COOLDOWN_MS],
    );
    if (!agent) return undefined;
    // Another queue's routing may have offered this agent a task and committed after the query above took its snapshot (the
    // row lock then re-checks the agent's row, not the subquery). Every offer locks its agent first, so now that the lock is
    // ours a fresh statement sees every offer made to it; without this the second offer would break the one-offer index.
    const offered = await c.tx.one('SELECT 1 FROM tasks WHERE state = $2 AND offered_to = $1 LIMIT 1', [agent.id, 'offered']);
    if (!offered) return agent.id;
    passed.push(agent.id);
  }
}

async function offer(c: Change, before: Task, agentId: Id): Promise<void> {
  const row = await c.tx.one(
    `UPDATE tasks k SET state = 'offered', offered_to = $2, offered_at = $3, offer_deadline = $3 + $4::bigint,
       version = version + 1, updated_at = $3, updated_by = NULL
     WHERE k.id = $1 AND k.state = 'queued' RETURNING ${TASK_COLUMNS}`,
    [before.id, agentId, c.now, OFFER_TIMEOUT_MS],
  );
  if (!row) return;
  await markIdle(c, agentId);
  c.task(toTask(row as Record<string, unknown>), 'offered', before);
}

/** An offer taken back: the task waits in its queue again. */
export async function requeue(c: Change, before: Task, cause: 'withdrawn' | 'offer-timeout' | 'declined'): Promise<Task> {
  const row = await c.tx.one(
    `UPDATE tasks k SET state = 'queued', offered_to = NULL, offered_at = NULL, offer_deadline = NULL,
       version = version + 1, updated_at = $2, updated_by = $3
     WHERE k.id = $1 RETURNING ${TASK_COLUMNS}`,
    [before.id, c.now, cause === 'declined' ? c.by : null],
  );
  const task = toTask(row as Record<string, unknown>);
  c.task(task, cause, before);
  return task;
}

/**
 * R13 (B3): offers past their deadline on the database clock go back to
 * their queue and their agent turns Not Ready, unless the agent's link was
 * down meanwhile (N3). Rows another instance is already expiring are
 * skipped, so each offer times out exactly once.
 */
export async function expireOffers(c: Change, limit = 50): Promise<number> {
  const due = await c.tx.rows(
    `SELECT ${TASK_COLUMNS} FROM tasks k WHERE k.state = 'offered' AND k.offer_deadline <= $1
     ORDER BY k.offer_deadline LIMIT $2 FOR UPDATE OF k SKIP LOCKED`,
    [c.now, limit],
  );
  const queues = new Set<Id>();
  let expired = 0;
  for (const row of due) {
    const task = toTask(row as Record<string, unknown>);
    // The agent's own transaction (a status change) locks the agent before its offers; waiting here could deadlock with it, so such an offer waits for the next sweep.
    // N3: an agent whose link went at any time since the offer never had the whole 15 minutes to see it.
    const agent = await c.tx.one<{ status: string; outage: boolean }>(
      `SELECT g.status, (g.link_lost_at >= $2::bigint OR ${LINK_DOWN}) IS TRUE AS outage FROM agents g WHERE g.id = $1 FOR UPDATE OF g SKIP LOCKED`,
      [task.offeredTo, task.offeredAt ?? 0],
    );
    if (!agent) continue;
    await requeue(c, task, agent.outage ? 'withdrawn' : 'offer-timeout');
    queues.add(task.queueId);
    if (agent.status === 'ready' && !agent.outage) await changeStatus(c, task.offeredTo!, 'not-ready', 'offer-timeout');
    expired++;
  }
  await routeQueues(c, [...queues]);
  return expired;
}
