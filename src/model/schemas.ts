/**
 * One schema per payload that crosses the transport port: the runtime check
 * of N4, and (through `Infer`) the types in `types.ts`. Documentation on a
 * field here is what editors show on the type's property.
 */
import { FIELD_MAX, TAG_MAX, UNITS_PER_CHAR_MAX, WRAP_UP_LIMIT_MAX_S } from './limits.js';
import { array, boolean, integer, nullable, number, object, oneOf, optional, string, variant } from './schema.js';

/** The longest id accepted. Ids are opaque, but an id of megabytes is not an id. */
export const ID_MAX = 256;

/**
 * The longest text accepted, in UTF-16 code units. The rules count
 * {@link FIELD_MAX} characters as the agent sees them (grapheme clusters,
 * N5), and the validation refuses text of more than
 * {@link UNITS_PER_CHAR_MAX} units per character (a family emoji is 11, a
 * Hangul syllable stored decomposed 3), so no record the rules allow is
 * refused, while a runaway field is.
 */
export const TEXT_MAX = UNITS_PER_CHAR_MAX * FIELD_MAX;

/** The longest tag accepted, with the same headroom over {@link TAG_MAX}. */
export const TAG_TEXT_MAX = UNITS_PER_CHAR_MAX * TAG_MAX;

/**
 * Times are epoch milliseconds from 2000 to 2200. No contact-centre record
 * predates 2000, and the bound catches a backend that sends seconds (today
 * in seconds reads as January 1970); the upper bound catches microseconds
 * and garbage such as 1e20, and stays far inside the range where `Date` and
 * `Intl.DateTimeFormat` work (±8.64e15) while leaving decades for deadlines
 * and fast-running simulated clocks. Fractions of a millisecond are allowed:
 * the engine's own clocks make them (a sped-up `SystemClock`, the
 * simulator's timers on a `VirtualClock`), and they display the same.
 */
export const TIME_MIN = Date.UTC(2000, 0, 1);
/** The latest time accepted; see {@link TIME_MIN}. */
export const TIME_MAX = Date.UTC(2200, 0, 1);

const id = string(1, ID_MAX, 'not an id');
const text = string(0, TEXT_MAX, `not text of at most ${TEXT_MAX} units`);
const time = number(TIME_MIN, TIME_MAX, 'not a time');
const version = integer(0, Number.MAX_SAFE_INTEGER, 'not a version');

export const mediaTypeSchema = oneOf('chat', 'call', 'email', 'sms');
export const requestStatusSchema = oneOf('open', 'resolved', 'closed');
export const chatSenderSchema = oneOf('customer', 'agent', 'system');
export const routingModeSchema = oneOf('pick', 'push');
export const taskStateSchema = oneOf('queued', 'offered', 'accepted', 'closed');
export const agentStatusSchema = oneOf('ready', 'not-ready');
export const statusReasonSchema = oneOf('manual', 'offer-timeout', 'signed-in');
export const revokeReasonSchema = oneOf('timeout', 'withdrawn', 'declined');

/** The fields every stored entity carries (R6). */
export const versionedShape = {
  id,
  /** Bumped by the backend on every change; stale writes are refused as conflicts. */
  version,
  /** When the entity last changed. */
  updatedAt: time,
  /** The agent who made the last change, if an agent made it. */
  updatedBy: optional(id),
};

/** Contact details as a task or a customer record knows them. */
export const contactFieldsShape = { name: text, email: text, phone: text };
/** The editable text of a request. */
export const requestFieldsShape = { title: text, description: text };

export const customerSchema = object({ ...versionedShape, ...contactFieldsShape, createdAt: time });

export const careRequestSchema = object({
  ...versionedShape,
  ...requestFieldsShape,
  customerId: id,
  status: requestStatusSchema,
  createdAt: time,
  /** When the request was resolved or closed (R8). */
  completedAt: optional(time),
});

export const callInfoSchema = object({
  /** The number the customer called from. */
  from: text,
  /** When the call was connected to an agent, if it was. */
  connectedAt: optional(time),
  /** When the call ended, if it has. */
  endedAt: optional(time),
});

export const activitySchema = object({
  ...versionedShape,
  /** Null while the customer is not yet created (a new customer). */
  customerId: nullable(id),
  /** Null until the activity is attached to a request (R4, R29). */
  requestId: nullable(id),
  media: mediaTypeSchema,
  tags: array(string(0, TAG_TEXT_MAX, `not a tag of at most ${TAG_TEXT_MAX} units`)),
  startedAt: time,
  endedAt: optional(time),
  /** Short text that says what the interaction was about (e.g. a chat's first line). */
  summary: text,
  call: optional(callInfoSchema),
});

export const commentSchema = object({ id, activityId: id, authorId: id, authorName: text, text, createdAt: time });

export const chatMessageSchema = object({
  id,
  activityId: id,
  from: chatSenderSchema,
  /** Display name of the sender at the time of writing. */
  authorName: text,
  text,
  at: time,
});

/**
 * X6: what a queue asks of an agent closing one of its tasks: a disposition
 * code from its list (if `required`) and a note, given within `limitSeconds`
 * of the interaction's end (after-contact work); past it the backend closes
 * the task without them. No limit when absent.
 */
export const wrapUpRuleSchema = object({ codes: array(text), required: boolean, limitSeconds: optional(integer(1, WRAP_UP_LIMIT_MAX_S, 'not a wrap-up limit')) });

export const queueSchema = object({ id, name: text, routing: routingModeSchema, media: array(mediaTypeSchema), wrapUp: optional(wrapUpRuleSchema) });

/** X6: the agent's wrap-up of a closed task. */
export const wrapUpSchema = object({ code: text, note: text });

/** X5: where a task can be transferred: every queue, and the other agents with their status. */
export const transferTargetsSchema = object({
  queues: array(queueSchema),
  agents: array(object({ id, name: text, status: agentStatusSchema })),
});

/** X7: a reply the contact centre wrote once, for agents to send; `{customer}` and `{agent}` are filled in when used. */
export const cannedResponseSchema = object({ id, title: text, text });

export const taskSchema = object({
  ...versionedShape,
  queueId: id,
  routing: routingModeSchema,
  media: mediaTypeSchema,
  state: taskStateSchema,
  /** The matched customer, or null for a new customer (R27). */
  customerId: nullable(id),
  /** What the contact itself told us (name, email, phone from the chat or call). */
  contact: object(contactFieldsShape),
  /** The activity this task produces. */
  activityId: id,
  receivedAt: time,
  /** The customer's first words (a chat's opening line, what a call is about), shortened: the offer shows them (X2). */
  preview: optional(text),
  /** Push routing: the agent the task is offered to (R13). */
  offeredTo: optional(id),
  /** Push routing: since when the task is offered (R13). */
  offeredAt: optional(time),
  acceptedBy: optional(id),
  acceptedAt: optional(time),
  closedAt: optional(time),
  /** X6: the disposition code and note given at Close, where the queue asks for them. */
  wrapUp: optional(wrapUpSchema),
  /** X6: since when the interaction is over and the agent is wrapping up (the task is still theirs, `accepted`). */
  wrapUpStartedAt: optional(time),
  /** X6: when the backend closes the task if the agent has not (the queue's `limitSeconds` after `wrapUpStartedAt`). */
  wrapUpUntil: optional(time),
});

export const agentSchema = object({
  ...versionedShape,
  name: text,
  status: agentStatusSchema,
  statusReason: statusReasonSchema,
  statusSince: time,
  /** X3: why the agent is Not Ready, as they chose it from the host's list ("Lunch", "Training" …); absent when Ready. */
  notReadyReason: optional(text),
  /** Queues this agent serves. */
  queueIds: array(id),
});

export const agentRefSchema = object({ id, name: text });

export const journeySchema = object({
  customer: customerSchema,
  /** Oldest first. */
  requests: array(careRequestSchema),
  /** Oldest first; includes activities without a request. */
  activities: array(activitySchema),
});

export const sessionSnapshotSchema = object({
  agent: agentSchema,
  queues: array(queueSchema),
  /** Tasks queued in the agent's pick queues, offered to the agent, or accepted by it. */
  tasks: array(taskSchema),
  /** The backend's clock, so countdowns (R13) agree with it. */
  now: time,
});

export const entityChangeSchema = variant('kind', {
  customer: { value: customerSchema },
  request: { value: careRequestSchema },
  activity: { value: activitySchema },
});

export const careEventSchema = variant('type', {
  'task-offered': { task: taskSchema },
  'task-revoked': { task: taskSchema, reason: revokeReasonSchema },
  'task-changed': { task: taskSchema },
  'agent-changed': { agent: agentSchema },
  'entity-changed': { change: entityChangeSchema, changedBy: optional(agentRefSchema) },
  'comment-added': { comment: commentSchema },
  'chat-message': { message: chatMessageSchema },
  connection: { online: boolean },
});

/** What `moveActivity` resolves with (R16, R29). */
export const movedActivitySchema = object({ activity: activitySchema, request: careRequestSchema });
