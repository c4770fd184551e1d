/**
 * Shape checks for what a transport hands the store. A host's adapter may
 * pass on whatever its backend sent; the store checks before trusting it,
 * so a malformed payload becomes a clear error instead of a broken screen.
 */
import type { Activity, Agent, CareRequest, ChatMessage, Comment, Customer, Task } from '../model/types.js';
import type { CareEvent, SessionSnapshot } from './port.js';

type Check = (value: unknown) => boolean;

const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const strOrNull: Check = (v) => v === null || typeof v === 'string';
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const arrayOf =
  (check: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return false;
    for (const item of v) if (!check(item)) return false;
    return true;
  };

function shape(fields: Record<string, Check>): Check {
  // Journeys bring thousands of records: keep the per-record work to a plain loop.
  const entries = Object.entries(fields);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const [key, check] of entries) if (!check(record[key])) return false;
    return true;
  };
}

const versioned = { id: str, version: num, updatedAt: num, updatedBy: optional(str) };
const media = oneOf('chat', 'call', 'email', 'sms');

const isCustomerShape = shape({ ...versioned, name: str, email: str, phone: str, createdAt: num });
const isRequestShape = shape({
  ...versioned,
  customerId: str,
  title: str,
  description: str,
  status: oneOf('open', 'resolved', 'closed'),
  createdAt: num,
  completedAt: optional(num),
});
const isActivityShape = shape({
  ...versioned,
  customerId: strOrNull,
  requestId: strOrNull,
  media,
  tags: arrayOf(str),
  startedAt: num,
  endedAt: optional(num),
  summary: str,
});
const isTaskShape = shape({
  ...versioned,
  queueId: str,
  routing: oneOf('pick', 'push'),
  media,
  state: oneOf('queued', 'offered', 'accepted', 'closed'),
  customerId: strOrNull,
  contact: shape({ name: str, email: str, phone: str }),
  activityId: str,
  receivedAt: num,
  offeredTo: optional(str),
  offeredAt: optional(num),
  acceptedBy: optional(str),
});
const isAgentShape = shape({
  ...versioned,
  name: str,
  status: oneOf('ready', 'not-ready'),
  statusReason: str,
  statusSince: num,
  queueIds: arrayOf(str),
});
const isCommentShape = shape({ id: str, activityId: str, authorId: str, authorName: str, text: str, createdAt: num });
const isMessageShape = shape({ id: str, activityId: str, from: oneOf('customer', 'agent', 'system'), authorName: str, text: str, at: num });
const isQueueShape = shape({ id: str, name: str, routing: oneOf('pick', 'push'), media: arrayOf(media) });
const isAgentRef = shape({ id: str, name: str });

export const isCustomer = isCustomerShape as (v: unknown) => v is Customer;
export const isCareRequest = isRequestShape as (v: unknown) => v is CareRequest;
export const isActivity = isActivityShape as (v: unknown) => v is Activity;
export const isTask = isTaskShape as (v: unknown) => v is Task;
export const isAgent = isAgentShape as (v: unknown) => v is Agent;
export const isComment = isCommentShape as (v: unknown) => v is Comment;
export const isChatMessage = isMessageShape as (v: unknown) => v is ChatMessage;

const changeChecks: Record<string, Check> = {
  customer: isCustomerShape,
  request: isRequestShape,
  activity: isActivityShape,
};

const eventChecks: Record<CareEvent['type'], Check> = {
  'task-offered': shape({ task: isTaskShape }),
  'task-revoked': shape({ task: isTaskShape, reason: oneOf('timeout', 'withdrawn') }),
  'task-changed': shape({ task: isTaskShape }),
  'agent-changed': shape({ agent: isAgentShape }),
  'entity-changed': (v) => {
    const e = v as { change?: { kind?: unknown; value?: unknown }; changedBy?: unknown };
    const check = typeof e.change?.kind === 'string' ? changeChecks[e.change.kind] : undefined;
    return !!check && check(e.change?.value) && optional(isAgentRef)(e.changedBy);
  },
  'comment-added': shape({ comment: isCommentShape }),
  'chat-message': shape({ message: isMessageShape }),
  connection: shape({ online: bool }),
};

/** Whether `value` is a well-formed {@link CareEvent}. */
export function isCareEvent(value: unknown): value is CareEvent {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  const check = typeof type === 'string' ? eventChecks[type as CareEvent['type']] : undefined;
  return !!check && check(value);
}

/** Whether `value` is a well-formed {@link SessionSnapshot}. */
export const isSessionSnapshot = shape({
  agent: isAgentShape,
  queues: arrayOf(isQueueShape),
  tasks: arrayOf(isTaskShape),
  now: num,
}) as (v: unknown) => v is SessionSnapshot;

/** Whether `value` is a well-formed journey. */
export const isJourney = shape({
  customer: isCustomerShape,
  requests: arrayOf(isRequestShape),
  activities: arrayOf(isActivityShape),
}) as (v: unknown) => v is { customer: Customer; requests: CareRequest[]; activities: Activity[] };
