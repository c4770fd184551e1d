/** Reads: any signed-in agent may read (previews are R1, R2). Journeys are oldest first (R16). */
import { isTaskVisibleTo } from '../../src/model/rules.js';
import type { Activity, CannedResponse, ChatMessage, Comment, Id, Journey, SessionSnapshot } from '../../src/model/types.js';
import type { Tx } from '../db/pool.js';
import { ACTIVITY_COLUMNS, COMMENT_COLUMNS, MESSAGE_COLUMNS, REQUEST_COLUMNS, TASK_COLUMNS, toActivity, toComment, toMessage, toQueue, toRequest, toTask } from '../db/rows.js';
import * as records from './records.js';

type Row = Record<string, unknown>;

/** The agent, its queues, the tasks it can see and the database's clock, read in one snapshot. */
export async function snapshot(tx: Tx, agentId: Id): Promise<SessionSnapshot> {
  const agent = await records.agent(tx, agentId);
  const queues = await tx.rows('SELECT id, name, routing, media, wrap_up FROM queues WHERE id = ANY($1) ORDER BY id', [agent.queueIds]);
  const tasks = await tx.rows(
    `SELECT ${TASK_COLUMNS} FROM tasks k
     WHERE (k.state = 'accepted' AND k.accepted_by = $1) OR (k.state = 'offered' AND k.offered_to = $1)
        OR (k.state = 'queued' AND k.routing = 'pick' AND k.queue_id = ANY($2))
     ORDER BY k.received_at, k.id`,
    [agentId, agent.queueIds],
  );
  return {
    agent,
    queues: queues.map((r) => toQueue(r as Row)),
    // The model's rule has the last word on visibility, so the server and the engine cannot drift apart.
    tasks: tasks.map((r) => toTask(r as Row)).filter((t) => isTaskVisibleTo(t, agent)),
    now: tx.now,
  };
}

export async function journey(tx: Tx, customerId: Id): Promise<Journey> {
  const customer = await records.customer(tx, customerId);
  const requests = await tx.rows(`SELECT ${REQUEST_COLUMNS} FROM requests r WHERE r.customer_id = $1 ORDER BY r.created_at, r.id`, [customerId]);
  const activities = await tx.rows(`SELECT ${ACTIVITY_COLUMNS} FROM activities a WHERE a.customer_id = $1 ORDER BY a.started_at, a.id`, [customerId]);
  return { customer, requests: requests.map((r) => toRequest(r as Row)), activities: activities.map((r) => toActivity(r as Row) as Activity) };
}

export async function comments(tx: Tx, activityId: Id): Promise<Comment[]> {
  await records.activity(tx, activityId);
  const rows = await tx.rows(`SELECT ${COMMENT_COLUMNS} FROM comments m WHERE m.activity_id = $1 ORDER BY m.position`, [activityId]);
  return rows.map((r) => toComment(r as Row));
}

export async function transcript(tx: Tx, activityId: Id): Promise<ChatMessage[]> {
  await records.activity(tx, activityId);
  const rows = await tx.rows(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages m WHERE m.activity_id = $1 ORDER BY m.position`, [activityId]);
  return rows.map((r) => toMessage(r as Row));
}

/** X7: the canned responses, in the order agents see them. */
export async function cannedResponses(tx: Tx): Promise<CannedResponse[]> {
  return tx.rows<CannedResponse>('SELECT id, title, text FROM canned_responses ORDER BY position, id');
}
