/**
 * The bodies a client sends to a backend for each port method: what the
 * reference server checks before it touches the database (B1, N4), with the
 * same schema kit and limits as the payloads in `schemas.ts`. Lengths here
 * are the wire's (UTF-16 units, with room for NFD and emoji); the rules'
 * character counts are judged by `validation.ts`.
 */
import { agentStatusSchema, contactFieldsShape, ID_MAX, requestFieldsShape, TAG_TEXT_MAX, TEXT_MAX } from './schemas.js';
import { integer, object, oneOf, optional, string, type Infer, type Schema } from './schema.js';
import type { MoveTarget } from './types.js';

const id = string(1, ID_MAX, 'not an id');
const text = string(0, TEXT_MAX, `not text of at most ${TEXT_MAX} units`);
const optionalText = optional(text);

/** A client's key for an append, so a retry answers what the first try did (N3). */
export const IDEMPOTENCY_KEY_MAX = 128;
const idempotencyKey = optional(string(8, IDEMPOTENCY_KEY_MAX, 'not an idempotency key'));

export const setStatusBody = object({ status: agentStatusSchema, reason: optional(string(0, 400, 'not a reason of at most 400 units')) });
export const createCustomerBody = object({ fields: object(contactFieldsShape), idempotencyKey });
export const updateCustomerBody = object({
  expectedVersion: integer(0, Number.MAX_SAFE_INTEGER, 'not a version'),
  patch: object({ name: optionalText, email: optionalText, phone: optionalText }),
});
export const createRequestBody = object({ fields: object(requestFieldsShape), idempotencyKey });
export const updateRequestBody = object({
  expectedVersion: integer(0, Number.MAX_SAFE_INTEGER, 'not a version'),
  patch: object({ title: optionalText, description: optionalText, status: optional(oneOf('resolved', 'open')) }),
});
export const tagBody = object({ tag: string(0, TAG_TEXT_MAX, `not text of at most ${TAG_TEXT_MAX} units`) });
export const textBody = object({ text, idempotencyKey });
const toRequest = object({ requestId: id });
const toNewRequest = object({ newRequest: object(requestFieldsShape) });
/** `{ requestId }` or `{ newRequest: { title, description } }` (R16, R21, R29). */
const moveTarget: Schema<MoveTarget> = (v) =>
  typeof v === 'object' && v !== null && 'requestId' in v ? toRequest(v) : toNewRequest(v);

export const moveBody = object({
  target: moveTarget,
  /** The activity's version the move was based on (N6); a stale one conflicts. */
  expectedVersion: optional(integer(0, Number.MAX_SAFE_INTEGER, 'not a version')),
  idempotencyKey,
});
/** X6: a close may carry the agent's wrap-up. */
export const closeBody = object({ wrapUp: optional(object({ code: text, note: text })) });

/** X5: `{ queueId }` or `{ agentId }`, and the note for whoever takes it next. */
export const transferBody = object({
  target: (v: unknown) => (typeof v === 'object' && v !== null && 'agentId' in v ? object({ agentId: id })(v) : object({ queueId: id })(v)),
  note: text,
});

export const moveToCustomerBody = object({
  customerId: id,
  expectedVersion: optional(integer(0, Number.MAX_SAFE_INTEGER, 'not a version')),
});

/** Signing in (B6): a login and a password, both short. */
export const signInBody = object({ login: string(1, 200, 'not a login'), password: string(1, 1000, 'not a password') });

/** A chat or call arriving from outside, at the inbound endpoint (B6). */
export const inboundBody = object({
  media: oneOf('chat', 'call'),
  contact: object(contactFieldsShape),
  opening: text,
  queueId: optional(id),
});

/** A customer's chat line, at the inbound endpoint. */
export const customerLineBody = object({ activityId: id, text });

export type InboundBody = Infer<typeof inboundBody>;
