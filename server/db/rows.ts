/**
 * Rows to protocol records and back: the one place that knows both the
 * column names and the model's field names. Each `*_COLUMNS` list is what a
 * `SELECT` needs for the matching `to*` function. Optional fields are left
 * out rather than set to null, as the schemas expect.
 */
import type { Activity, Agent, CareRequest, ChatMessage, Comment, Customer, Queue, Task } from '../../src/model/types.js';

type Row = Record<string, unknown>;
const str = (v: unknown) => v as string;
const num = (v: unknown) => v as number;
function opt<T extends object, K extends keyof T>(target: T, key: K, value: unknown): void {
  if (value !== null && value !== undefined) target[key] = value as T[K];
}

export const CUSTOMER_COLUMNS = 'c.id, c.version, c.name, c.email, c.phone, c.created_at, c.updated_at, c.updated_by';
export function toCustomer(r: Row): Customer {
  const c: Customer = {
    id: str(r.id),
    version: num(r.version),
    name: str(r.name),
    email: str(r.email),
    phone: str(r.phone),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
  opt(c, 'updatedBy', r.updated_by);
  return c;
}

export const REQUEST_COLUMNS =
  'r.id, r.version, r.customer_id, r.title, r.description, r.status, r.created_at, r.updated_at, r.updated_by, r.completed_at';
export function toRequest(r: Row): CareRequest {
  const q: CareRequest = {
    id: str(r.id),
    version: num(r.version),
    customerId: str(r.customer_id),
    title: str(r.title),
    description: str(r.description),
    status: r.status as CareRequest['status'],
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
  opt(q, 'updatedBy', r.updated_by);
  opt(q, 'completedAt', r.completed_at);
  return q;
}

/** Tags come along as an array aggregated in insertion order. */
export const ACTIVITY_COLUMNS = `a.id, a.version, a.customer_id, a.request_id, a.media, a.summary, a.started_at, a.ended_at,
  a.call_from, a.call_connected_at, a.call_ended_at, a.updated_at, a.updated_by,
  coalesce((SELECT array_agg(t.tag ORDER BY t.position) FROM activity_tags t WHERE t.activity_id = a.id), '{}') AS tags`;
export function toActivity(r: Row): Activity {
  const a: Activity = {
    id: str(r.id),
    version: num(r.version),
    customerId: (r.customer_id as string | null) ?? null,
    requestId: (r.request_id as string | null) ?? null,
    media: r.media as Activity['media'],
    tags: r.tags as string[],
    startedAt: num(r.started_at),
    summary: str(r.summary),
    updatedAt: num(r.updated_at),
  };
  opt(a, 'updatedBy', r.updated_by);
  opt(a, 'endedAt', r.ended_at);
  if (r.media === 'call') {
    const call: NonNullable<Activity['call']> = { from: (r.call_from as string | null) ?? '' };
    opt(call, 'connectedAt', r.call_connected_at);
    opt(call, 'endedAt', r.call_ended_at);
    a.call = call;
  }
  return a;
}

export const TASK_COLUMNS = `k.id, k.version, k.queue_id, k.routing, k.media, k.state, k.customer_id, k.contact_name, k.contact_email,
  k.contact_phone, k.activity_id, k.received_at, k.offered_to, k.offered_at, k.accepted_by, k.accepted_at, k.closed_at,
  k.updated_at, k.updated_by, k.wrap_up_code, k.wrap_up_note, k.wrap_up_started_at, k.wrap_up_until, (SELECT a.summary FROM activities a WHERE a.id = k.activity_id) AS preview`;
export function toTask(r: Row): Task {
  const t: Task = {
    id: str(r.id),
    version: num(r.version),
    queueId: str(r.queue_id),
    routing: r.routing as Task['routing'],
    media: r.media as Task['media'],
    state: r.state as Task['state'],
    customerId: (r.customer_id as string | null) ?? null,
    contact: { name: str(r.contact_name), email: str(r.contact_email), phone: str(r.contact_phone) },
    activityId: str(r.activity_id),
    receivedAt: num(r.received_at),
    updatedAt: num(r.updated_at),
  };
  opt(t, 'updatedBy', r.updated_by);
  if (r.preview) t.preview = str(r.preview);
  if (r.wrap_up_code != null || r.wrap_up_note != null) t.wrapUp = { code: str(r.wrap_up_code ?? ''), note: str(r.wrap_up_note ?? '') };
  opt(t, 'offeredTo', r.offered_to);
  opt(t, 'offeredAt', r.offered_at);
  opt(t, 'acceptedBy', r.accepted_by);
  opt(t, 'acceptedAt', r.accepted_at);
  opt(t, 'closedAt', r.closed_at);
  opt(t, 'wrapUpStartedAt', r.wrap_up_started_at);
  opt(t, 'wrapUpUntil', r.wrap_up_until);
  return t;
}

export const AGENT_COLUMNS = `g.id, g.name, g.status, g.status_reason, g.status_since, g.not_ready_reason, g.version, g.updated_at,
  coalesce((SELECT array_agg(aq.queue_id ORDER BY aq.queue_id) FROM agent_queues aq WHERE aq.agent_id = g.id), '{}') AS queue_ids`;
export function toAgent(r: Row): Agent {
  return {
    id: str(r.id),
    name: str(r.name),
    version: num(r.version),
    updatedAt: num(r.updated_at),
    status: r.status as Agent['status'],
    statusReason: r.status_reason as Agent['statusReason'],
    statusSince: num(r.status_since),
    ...(r.not_ready_reason ? { notReadyReason: str(r.not_ready_reason) } : {}),
    queueIds: r.queue_ids as string[],
  };
}

export function toQueue(r: Row): Queue {
  const queue: Queue = { id: str(r.id), name: str(r.name), routing: r.routing as Queue['routing'], media: r.media as Queue['media'] };
  if (r.wrap_up) queue.wrapUp = r.wrap_up as NonNullable<Queue['wrapUp']>;
  return queue;
}

export const COMMENT_COLUMNS = 'm.id, m.activity_id, m.author_id, m.author_name, m.text, m.created_at';
export function toComment(r: Row): Comment {
  return {
    id: str(r.id),
    activityId: str(r.activity_id),
    authorId: str(r.author_id),
    authorName: str(r.author_name),
    text: str(r.text),
    createdAt: num(r.created_at),
  };
}

export const MESSAGE_COLUMNS = 'm.id, m.activity_id, m.sender, m.author_name, m.text, m.at';
export function toMessage(r: Row): ChatMessage {
  return {
    id: str(r.id),
    activityId: str(r.activity_id),
    from: r.sender as ChatMessage['from'],
    authorName: str(r.author_name),
    text: str(r.text),
    at: num(r.at),
  };
}
