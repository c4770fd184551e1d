import { AUTO_CLOSE_MS } from './limits.js';
import type { Activity, Agent, CareRequest, ContactFields, RevokeReason, Task, WrapUp, WrapUpRule } from './types.js';

/** The English fallback when a customer has nothing to be named by (R24). */
export const UNKNOWN_CUSTOMER = 'Unknown customer';

/**
 * A customer's display name: name, else email, else phone, else null (R24).
 * Null lets a UI put "Unknown customer" in the agent's own language.
 */
export function displayNameOrNull(contact: Partial<ContactFields> | null | undefined): string | null {
  for (const value of [contact?.name, contact?.email, contact?.phone]) {
    const trimmed = value?.trim();
    if (trimmed) return trimmed;
  }
  return null;
}

/** A customer's display name with the English fallback (R24). */
export function displayName(contact: Partial<ContactFields> | null | undefined, unknown = UNKNOWN_CUSTOMER): string {
  return displayNameOrNull(contact) ?? unknown;
}

/** Resolved and closed requests are read-only (R28). */
export function isReadOnly(request: Pick<CareRequest, 'status'>): boolean {
  return request.status !== 'open';
}

/** Why a request cannot change (R28): a resolved one can be reopened, a closed one is final (X9). */
export function readOnlyMessage(status: CareRequest['status']): string {
  return status === 'resolved' ? 'This request is resolved: reopen it to change it.' : 'This request is closed and can no longer be changed.';
}

/**
 * The request a newly accepted activity joins: the customer's most recent
 * open request, or undefined when a new one must be made (R4).
 * "Most recent" is the latest created; ties go to the later update.
 */
export function mostRecentOpenRequest(requests: readonly CareRequest[]): CareRequest | undefined {
  let best: CareRequest | undefined;
  for (const request of requests) {
    if (request.status !== 'open') continue;
    if (
      !best ||
      request.createdAt > best.createdAt ||
      (request.createdAt === best.createdAt && request.updatedAt > best.updatedAt)
    ) {
      best = request;
    }
  }
  return best;
}

/** When the request or any of its activities last changed (R18). */
export function lastTouched(request: CareRequest, activities: readonly Activity[]): number {
  let last = request.updatedAt;
  for (const activity of activities) {
    if (activity.requestId === request.id && activity.updatedAt > last) last = activity.updatedAt;
  }
  return last;
}

/** When an open request will close by itself, or undefined if it is not open (R18). */
export function autoCloseAt(request: CareRequest, activities: readonly Activity[]): number | undefined {
  return request.status === 'open' ? lastTouched(request, activities) + AUTO_CLOSE_MS : undefined;
}

/** Why a move is refused (R29). */
export type MoveRefusal = 'source-closed' | 'target-closed' | 'same-request' | 'other-customer';

/**
 * Whether an activity may move from its request (if any) to `target` (R29):
 * never into a closed or resolved request, never out of one, only within
 * the same customer's journey.
 */
export function moveRefusal(
  activity: Pick<Activity, 'requestId' | 'customerId'>,
  source: Pick<CareRequest, 'status'> | undefined,
  target: Pick<CareRequest, 'id' | 'status' | 'customerId'> | undefined,
): MoveRefusal | undefined {
  if (source && isReadOnly(source)) return 'source-closed';
  if (!target) return undefined;
  if (isReadOnly(target)) return 'target-closed';
  if (target.id === activity.requestId) return 'same-request';
  if (activity.customerId !== null && target.customerId !== activity.customerId) return 'other-customer';
  return undefined;
}

/** Whether a task belongs in an agent's view: its pick queues, its offers, its own work (R1, R14, R26). */
export function isTaskVisibleTo(task: Task, agent: Pick<Agent, 'id' | 'queueIds'>): boolean {
  if (task.state === 'closed') return false;
  if (task.state === 'accepted') return task.acceptedBy === agent.id;
  if (task.state === 'offered') return task.offeredTo === agent.id;
  return task.routing === 'pick' && agent.queueIds.includes(task.queueId);
}

/** X7: a canned response's text with `{customer}` and `{agent}` filled in; other braces stay as written. */
export function fillPlaceholders(text: string, names: { customer: string; agent: string }): string {
  return text.replace(/\{(customer|agent)\}/g, (_, key: 'customer' | 'agent') => names[key]);
}

/** What the agent an offer was taken from is told: R13's timeout, withdrawn (Not Ready, a call taken, an outage) or their own decline (X2). */
export function revokeReasonOf(cause: string): RevokeReason | undefined {
  if (cause === 'offer-timeout') return 'timeout';
  return cause === 'withdrawn' || cause === 'declined' ? cause : undefined;
}

/** X6: why a wrap-up does not do for `queue`'s rule, or undefined when it does: a code from the list, required or not. */
export function wrapUpRefusal(rule: WrapUpRule | undefined, wrapUp: WrapUp | undefined): 'wrap-up-required' | 'unknown-code' | undefined {
  if (!rule) return undefined;
  const code = wrapUp?.code.trim() ?? '';
  if (!code) return rule.required ? 'wrap-up-required' : undefined;
  return rule.codes.includes(code) ? undefined : 'unknown-code';
}

/** X6: the wrap-up as stored: trimmed, the note composed; none when empty. Throws nothing: callers check `wrapUpRefusal` first. */
export function wrapUpOf(wrapUp: WrapUp | undefined): WrapUp | undefined {
  const code = wrapUp?.code.trim() ?? '';
  const note = wrapUp?.note.normalize('NFC').trim() ?? '';
  return code || note ? { code, note } : undefined;
}

/** X6: why wrap-up cannot start on a queue without a wrap-up rule (both backends say it). */
export const NO_WRAP_UP = 'This queue asks for no wrap-up: close the task instead.';

/** X6: why a task in wrap-up cannot be transferred (both backends say it). */
export const WRAP_UP_ENDED = 'This interaction has ended: wrap it up and close it.';

/** X6: the backend's words for a wrap-up refused (both backends say the same). */
export const WRAP_UP_MESSAGES = {
  'wrap-up-required': 'This queue asks for a wrap-up code before the task closes.',
  'unknown-code': "That wrap-up code is not one of this queue's.",
} as const;
