/**
 * N4 for replies: what each port method must resolve with, and the checks
 * that turn a malformed reply from an adapter that does not vouch for its
 * payloads (`validated` is not true) into a clear `network` error naming
 * what was wrong, instead of a broken screen. Pure functions; the store's
 * call wrapper applies them.
 */
import { CareError } from '../model/errors.js';
import { array, describeProblem, type Problem, type Schema } from '../model/schema.js';
import {
  activitySchema,
  agentSchema,
  careEventSchema,
  cannedResponseSchema,
  careRequestSchema,
  chatMessageSchema,
  commentSchema,
  customerSchema,
  journeySchema,
  movedActivitySchema,
  sessionSnapshotSchema,
  taskSchema,
  transferTargetsSchema,
} from '../model/schemas.js';
import type { Activity, Agent, CareEvent, CareRequest, Customer, EntityKind, Task } from '../model/types.js';
import type { CareTransport } from '../transport/port.js';

/** The port methods that resolve with a reply (all but `subscribe`). */
export type ReplyOperation = {
  [K in keyof CareTransport]-?: CareTransport[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof CareTransport];

/** What the port method `Op` resolves with. */
export type Reply<Op extends ReplyOperation> = Awaited<ReturnType<CareTransport[Op]>>;

/** The record a conflict on an entity of kind `K` carries as `current` (R6). */
export type ConflictRecord<K extends EntityKind> = { customer: Customer; request: CareRequest; activity: Activity; task: Task; agent: Agent }[K];

/** For each port method, the schema of its reply. Typed against the port, so the two cannot drift. */
export const REPLY_SCHEMAS: { readonly [Op in ReplyOperation]: Schema<Reply<Op>> } = {
  connect: sessionSnapshotSchema,
  setStatus: agentSchema,
  acceptTask: taskSchema,
  declineTask: taskSchema,
  getTransferTargets: transferTargetsSchema,
  transferTask: taskSchema,
  startWrapUp: taskSchema,
  closeTask: taskSchema,
  getCustomer: customerSchema,
  getJourney: journeySchema,
  getRequest: careRequestSchema,
  getActivity: activitySchema,
  getComments: array(commentSchema),
  getTranscript: array(chatMessageSchema),
  searchCustomers: array(customerSchema),
  getCannedResponses: array(cannedResponseSchema),
  createCustomer: customerSchema,
  updateCustomer: customerSchema,
  createRequest: careRequestSchema,
  updateRequest: careRequestSchema,
  addTag: activitySchema,
  removeTag: activitySchema,
  addComment: commentSchema,
  moveActivity: movedActivitySchema,
  moveActivityToCustomer: activitySchema,
  sendChatMessage: chatMessageSchema,
};

// How a message names each reply.
const REPLY_NOUNS: Record<ReplyOperation, string> = {
  connect: 'a session',
  setStatus: 'an agent',
  acceptTask: 'a task',
  declineTask: 'a task',
  getTransferTargets: 'transfer targets',
  transferTask: 'a task',
  startWrapUp: 'a task',
  closeTask: 'a task',
  getCustomer: 'a customer',
  getJourney: 'a journey',
  getRequest: 'a request',
  getActivity: 'an activity',
  getComments: 'a comment list',
  getTranscript: 'a chat transcript',
  searchCustomers: 'a customer list',
  getCannedResponses: 'a list of canned responses',
  createCustomer: 'a customer',
  updateCustomer: 'a customer',
  createRequest: 'a request',
  updateRequest: 'a request',
  addTag: 'an activity',
  removeTag: 'an activity',
  addComment: 'a comment',
  moveActivity: 'a moved activity',
  moveActivityToCustomer: 'an activity',
  sendChatMessage: 'a chat message',
};

/** For each kind of entity, the schema of the record a conflict on it carries. */
export const CONFLICT_SCHEMAS: { readonly [K in EntityKind]: Schema<ConflictRecord<K>> } = {
  customer: customerSchema,
  request: careRequestSchema,
  activity: activitySchema,
  task: taskSchema,
  agent: agentSchema,
};

// The agent reads the message; the integrator finds where the payload broke in `detail`.
const unreadable = (what: string, problem: Problem): CareError =>
  CareError.network(`The service sent ${what} this version of Care Kit cannot read.`, describeProblem(problem));

/**
 * The reply of port method `operation`, typed, or a `network` error: “The
 * service sent a comment list this version of Care Kit cannot read.”, with
 * `detail` saying where, e.g. “at [3].createdAt: not a time”.
 */
export function checkReply<Op extends ReplyOperation>(operation: Op, value: unknown): Reply<Op> | CareError {
  const problem = REPLY_SCHEMAS[operation](value);
  return problem ? unreadable(REPLY_NOUNS[operation], problem) : (value as Reply<Op>);
}

/**
 * The record inside a conflict (`CareError.conflict.current`, R6), typed, or
 * a `network` error saying what was wrong. `kind` is the conflict's
 * `entity`; it comes from the wire too, so an unknown kind is an error.
 */
export function checkConflictCurrent<K extends EntityKind>(kind: K, value: unknown): ConflictRecord<K> | CareError {
  if (!Object.hasOwn(CONFLICT_SCHEMAS, kind)) {
    return unreadable('a conflicting record', { path: ['entity'], message: `not one of ${Object.keys(CONFLICT_SCHEMAS).join(', ')}` });
  }
  const problem = (CONFLICT_SCHEMAS[kind] as Schema<ConflictRecord<K>>)(value);
  return problem ? unreadable(`a conflicting ${kind}`, problem) : (value as ConflictRecord<K>);
}

/** A pushed event, typed, or a `network` error saying what was wrong (e.g. an unknown `type`). */
export function checkEvent(value: unknown): CareEvent | CareError {
  const problem = careEventSchema(value);
  return problem ? unreadable('an event', problem) : (value as CareEvent);
}
