/** Tags, comments, moves and chat (R9, R15, R16, R20, R29), and the text of composers not sent yet (X8). */
import { CareError } from '../../model/errors.js';
import type { Activity, CareRequest, ChatMessage, Comment, Customer, Id, MoveTarget } from '../../model/types.js';
import { normaliseTag, validateComment, validateMessage, validateNewRequest, validateTag } from '../../model/validation.js';
import { nfc, nfcFields } from '../../model/text.js';
import type { StoreParts } from '../parts.js';
import { withComments, withEntity, withMessage, withRecord } from '../transitions.js';
import { waitsForLink, type OutboxCommand } from '../outbox.js';
import type { Result, UnsentKind } from '../types.js';


export async function addTag(parts: StoreParts, activityId: Id, text: string): Promise<Result<Activity>> {
  const activity = parts.container.value.activities.get(activityId);
  if (!activity) return { ok: false, error: CareError.notFound('activity', activityId) };
  const issues = validateTag(text, activity.tags);
  if (issues.length) return { ok: false, error: CareError.validation(issues) };
  const tag = normaliseTag(text);
  const { transport } = parts;
  return optimistic(parts, 'addTag', activityId, tag, (a) => ({ ...a, tags: [...a.tags, tag] }), (signal) => transport.addTag(activityId, tag, signal));
}

export function removeTag(parts: StoreParts, activityId: Id, tag: string): Promise<Result<Activity>> {
  const { transport } = parts;
  return optimistic(parts, 'removeTag', activityId, tag, (a) => ({ ...a, tags: a.tags.filter((t) => t !== tag) }), (signal) =>
    transport.removeTag(activityId, tag, signal),
  );
}

/** Shown at once as pending; removed again if refused. */
export async function addComment(parts: StoreParts, activityId: Id, text: string): Promise<Result<Comment>> {
  text = nfc(text); // N5: the agent's text enters composed
  const issues = validateComment(text);
  if (issues.length) return { ok: false, error: CareError.validation(issues) };
  const { container, caller, transport } = parts;
  const agent = container.value.agent;
  const pending: Comment = {
    id: parts.pendingId(),
    activityId,
    authorId: agent?.id ?? '',
    authorName: agent?.name ?? '',
    text,
    createdAt: parts.now(),
  };
  container.update((s) => withComments(s, activityId, (list) => [...list, pending]));
  // Sending the same text again after a lost answer is the same comment: same key, one comment (N3).
  const result = await queueable(parts, `comment ${activityId} ${text}`, { op: 'addComment', activityId, text }, (key) =>
    caller.run('addComment', (signal) => transport.addComment(activityId, text, signal, key)),
  );
  container.update((s) =>
    withComments(s, activityId, (list) => {
      const rest = list.filter((c) => c.id !== pending.id);
      return result.ok && !rest.some((c) => c.id === result.value.id) ? [...rest, result.value] : rest;
    }),
  );
  return result;
}

/** A move to an existing request shows at once and rolls back if refused; a new request needs a title (R21). */
export async function moveActivity(parts: StoreParts, activityId: Id, target: MoveTarget): Promise<Result<{ activity: Activity; request: CareRequest }>> {
  const { container, caller, transport } = parts;
  const before = container.value.activities.get(activityId);
  if ('newRequest' in target) {
    target = { newRequest: nfcFields(target.newRequest) }; // N5
    const issues = validateNewRequest(target.newRequest);
    if (issues.length) return { ok: false, error: CareError.validation(issues) };
  } else if (before) {
    put(parts, { ...before, requestId: target.requestId });
  }
  // N6: the move names the version the agent saw, so a colleague's move meanwhile comes back as a conflict.
  const result = await caller.run('moveActivity', (signal) => transport.moveActivity(activityId, target, signal, before?.version));
  if (result.ok) {
    const env = parts.noticeEnv();
    const { request, activity } = result.value;
    container.update((s) => withEntity(withEntity(s, env, { kind: 'request', value: request }), env, { kind: 'activity', value: activity }));
  } else if (before) {
    rollback(parts, before);
  }
  return result;
}

export async function moveActivityToCustomer(parts: StoreParts, activityId: Id, customerId: Id): Promise<Result<Activity>> {
  const { caller, transport } = parts;
  const version = parts.container.value.activities.get(activityId)?.version;
  const result = await caller.run('moveActivityToCustomer', (signal) => transport.moveActivityToCustomer(activityId, customerId, signal, version));
  if (result.ok) parts.take({ kind: 'activity', value: result.value });
  return result;
}

/** X4: files a new contact's task and activity with an existing customer instead of creating one; the new-customer form goes. */
export async function linkCustomer(parts: StoreParts, taskId: Id, customerId: Id): Promise<Result<Activity>> {
  const task = parts.container.value.tasks.get(taskId);
  if (!task) return { ok: false, error: CareError.notFound('task', taskId) };
  const result = await moveActivityToCustomer(parts, task.activityId, customerId);
  if (result.ok) {
    parts.container.update((s) => {
      if (!(taskId in s.newCustomers)) return s;
      const { [taskId]: _, ...newCustomers } = s.newCustomers;
      return { ...s, newCustomers };
    });
  }
  return result;
}

export function searchCustomers(parts: StoreParts, query: string): Promise<Result<Customer[]>> {
  const { caller, transport } = parts;
  return caller.run('searchCustomers', (signal) => transport.searchCustomers(query, signal));
}

export async function sendMessage(parts: StoreParts, activityId: Id, text: string): Promise<Result<ChatMessage>> {
  text = nfc(text); // N5
  const issues = validateMessage(text);
  if (issues.length) return { ok: false, error: CareError.validation(issues) };
  const { container, caller, transport } = parts;
  const result = await queueable(parts, `message ${activityId} ${text}`, { op: 'sendChatMessage', activityId, text }, (key) =>
    caller.run('sendChatMessage', (signal) => transport.sendChatMessage(activityId, text, signal, key)),
  );
  if (result.ok) {
    const message = result.value;
    container.update((s) => withMessage(s, message));
  }
  return result;
}

/**
 * Sends an append with its command's key; when the link is down it goes to
 * the outbox instead, and the caller hears so (`isQueued`) and can clear its
 * composer: the outbox sends it when the link is back (N3).
 */
export async function queueable<T>(parts: StoreParts, scope: string, command: OutboxCommand, send: (key: string) => Promise<Result<T>>): Promise<Result<T>> {
  const key = parts.intents.key(scope);
  const result = await send(key);
  // The key stays the command's until the outbox has sent it, so pressing Send again is still the same command.
  if (!result.ok && waitsForLink(result.error, parts.container.value)) return { ok: false, error: parts.outbox.queue(command, key, scope) };
  parts.intents.settle(scope, result);
  return result;
}

/** Keeps what a composer holds (X8); empty text forgets it. */
export function setUnsent(parts: StoreParts, kind: UnsentKind, id: Id, text: string): void {
  parts.container.update((s) => {
    if ((s.unsent[kind][id] ?? '') === text) return s;
    const table = { ...s.unsent[kind] };
    if (text) table[id] = text;
    else delete table[id];
    return { ...s, unsent: { ...s.unsent, [kind]: table } };
  });
}

/**
 * Takes `sent` off the front of the kept text once the backend accepted
 * it. The field stays editable while a send is under way, so anything
 * typed after the sent text is kept.
 */
export function consumeUnsent(parts: StoreParts, kind: UnsentKind, id: Id, sent: string): void {
  const now = parts.container.value.unsent[kind][id] ?? '';
  setUnsent(parts, kind, id, now.startsWith(sent) ? now.slice(sent.length) : now);
}

async function optimistic(parts: StoreParts, operation: 'addTag' | 'removeTag', activityId: Id, tag: string, change: (a: Activity) => Activity, send: (signal: AbortSignal) => Promise<Activity>): Promise<Result<Activity>> {
  const before = parts.container.value.activities.get(activityId);
  if (!before) return { ok: false, error: CareError.notFound('activity', activityId) };
  put(parts, change(before));
  const result = await parts.caller.run(operation, send);
  if (result.ok) parts.take({ kind: 'activity', value: result.value });
  // Offline: the change stays shown and waits in the outbox (N3).
  else if (waitsForLink(result.error, parts.container.value)) return { ok: false, error: parts.outbox.queue({ op: operation, activityId, tag }, `${operation} ${activityId} ${tag}`) };
  else rollback(parts, before);
  return result;
}

/** Shows a change before the backend confirms it. */
function put(parts: StoreParts, activity: Activity): void {
  parts.container.update((s) => withRecord(s, 'activity', activity));
}

/** Puts an activity back as it was, unless a newer version arrived meanwhile. */
function rollback(parts: StoreParts, before: Activity): void {
  parts.container.update((s) => {
    const now = s.activities.get(before.id);
    return now && now.version > before.version ? s : withRecord(s, 'activity', before);
  });
}
