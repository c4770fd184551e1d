/**
 * Domain types of Care Kit. Plain data only: every value here can cross a
 * transport as JSON. Times are epoch milliseconds.
 *
 * Every payload type is inferred from its schema in `schemas.ts`, so the
 * type and the runtime check (N4) cannot drift apart.
 */
import type { Infer, InferShape } from './schema.js';
import type {
  activitySchema,
  agentRefSchema,
  agentSchema,
  agentStatusSchema,
  callInfoSchema,
  careEventSchema,
  cannedResponseSchema,
  wrapUpSchema,
  wrapUpRuleSchema,
  transferTargetsSchema,
  careRequestSchema,
  chatMessageSchema,
  chatSenderSchema,
  commentSchema,
  contactFieldsShape,
  customerSchema,
  entityChangeSchema,
  journeySchema,
  mediaTypeSchema,
  queueSchema,
  requestFieldsShape,
  requestStatusSchema,
  revokeReasonSchema,
  routingModeSchema,
  sessionSnapshotSchema,
  statusReasonSchema,
  taskSchema,
  taskStateSchema,
  versionedShape,
} from './schemas.js';

/** Identifier of any entity. Opaque to the kit. */
export type Id = string;

/** Every stored entity carries a version so concurrent edits are detected (R6). */
export type Versioned = InferShape<typeof versionedShape>;

/** Contact details as a task or a customer record knows them. */
export type ContactFields = InferShape<typeof contactFieldsShape>;

/** A customer record (R17). */
export type Customer = Infer<typeof customerSchema>;

/** Request states (R28). Resolved and closed requests are read-only. */
export type RequestStatus = Infer<typeof requestStatusSchema>;

/** The editable text of a request (R6, R7, R18). */
export type RequestFields = InferShape<typeof requestFieldsShape>;

/** One customer problem; holds activities. Named to avoid the DOM's `Request`. */
export type CareRequest = Infer<typeof careRequestSchema>;

/** Media of an activity. Chat and call today; the rest are reserved. */
export type MediaType = Infer<typeof mediaTypeSchema>;

/** Call details for a call activity (R15). */
export type CallInfo = Infer<typeof callInfoSchema>;

/** One interaction with a customer on one medium (R19). */
export type Activity = Infer<typeof activitySchema>;

/** A note on one activity (R20). */
export type Comment = Infer<typeof commentSchema>;

/** Who wrote a chat message. */
export type ChatSender = Infer<typeof chatSenderSchema>;

/** One line of a chat transcript (R15). */
export type ChatMessage = Infer<typeof chatMessageSchema>;

/** How a queue hands out its tasks (R26). */
export type RoutingMode = Infer<typeof routingModeSchema>;

/** X7: a reply written once for agents to send, searched by typing `/` in the chat composer. */
export type CannedResponse = Infer<typeof cannedResponseSchema>;

/** X5: a queue (it waits there, or is offered as the queue routes) or an agent (offered to them at once). */
export type TransferTarget = { queueId: Id } | { agentId: Id };

/** X5: the queues and agents a task can be transferred to. */
export type TransferTargets = Infer<typeof transferTargetsSchema>;

/** X6: what a queue asks at Close. */
export type WrapUpRule = Infer<typeof wrapUpRuleSchema>;

/** X6: a disposition code from the queue's list and a note, given when a task is closed. */
export type WrapUp = Infer<typeof wrapUpSchema>;

/** A queue of tasks. */
export type Queue = Infer<typeof queueSchema>;

/**
 * Task states: waiting in a queue, offered to one agent (push routing),
 * accepted by an agent (in progress, R14), or closed (R11).
 */
export type TaskState = Infer<typeof taskStateSchema>;

/** A unit of work: an incoming chat or call from a customer. */
export type Task = Infer<typeof taskSchema>;

/** Agent status (R12). */
export type AgentStatus = Infer<typeof agentStatusSchema>;

/** Why the status last changed; `offer-timeout` is R13's automatic change. */
export type StatusReason = Infer<typeof statusReasonSchema>;

/** An agent working in the desktop. */
export type Agent = Infer<typeof agentSchema>;

/** A customer's journey: all requests and activities, in time order (R16). */
export type Journey = Infer<typeof journeySchema>;

/** Where an activity can be moved within a journey (R29). */
export type MoveTarget = { requestId: Id } | { newRequest: RequestFields };

/** Changes an agent may make to a request: its text, resolving it (R28), or reopening a resolved one (X9; closed is final). */
export interface RequestPatch extends Partial<RequestFields> {
  status?: 'resolved' | 'open';
}

/** Who made a change; R6's warning names them. */
export type AgentRef = Infer<typeof agentRefSchema>;

/** Kinds of entity that carry versions and can conflict. */
export type EntityKind = 'customer' | 'request' | 'activity' | 'task' | 'agent';

/** What an agent sees on connecting (or signing in to the engine): its queues, the tasks it can see, the backend's clock (R13). */
export type SessionSnapshot = Infer<typeof sessionSnapshotSchema>;

/** A change to a versioned record, with its new version inside `value`. */
export type EntityChange = Infer<typeof entityChangeSchema>;

/** Why an offer was taken back. `timeout` is R13. */
export type RevokeReason = Infer<typeof revokeReasonSchema>;

/**
 * What a backend pushes to a connected agent. Everything is plain JSON.
 * - `task-offered`: a push task is offered to this agent (R12, R26);
 * - `task-revoked`: an offer was taken back (R13 timeout, or the agent went Not Ready);
 * - `task-changed`: a task this agent sees appeared, changed or left its view
 *   (another agent took it, it was closed …);
 * - `agent-changed`: this agent's status changed, e.g. to Not Ready after R13;
 * - `entity-changed`: a customer, request or activity changed, by whom (R6);
 * - `comment-added`, `chat-message`: new comments (R20) and chat lines (R15);
 * - `connection`: the link to the backend dropped or came back.
 */
export type CareEvent = Infer<typeof careEventSchema>;
