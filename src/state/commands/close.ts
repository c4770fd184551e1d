/** The end of an interaction (R11): what must be asked, and the close itself. */
import { CareError } from '../../model/errors.js';
import type { Id, Task, WrapUp } from '../../model/types.js';
import type { StoreParts } from '../parts.js';
import { effectiveEdits } from '../drafts.js';
import { recordOf, withTask } from '../transitions.js';
import { withoutAttentionOf } from '../attention.js';
import type { CareState, DraftKind, DraftRecordByKind, Result, UnsentKey } from '../types.js';
import { createCustomer, discard, restoreMine, saveCustomer, saveRequest } from './records.js';

/** What Close needs to ask first (R11). */
export interface CloseCheck {
  /** The customer has unsaved changes: Save or Discard. */
  unsavedCustomer: boolean;
  /** The customer was never created: Create, or close without creating. */
  customerNotCreated: boolean;
  /** Requests of the customer with unsaved changes (typed, or put aside by Load). */
  unsavedRequests: Id[];
  /** Composers of the task holding text not sent yet: its chat line, comments and tags of its customer's activities (X8). */
  unsentTexts: UnsentKey[];
}

/** How to settle R11's prompt when closing. */
export type CloseResolution = 'save' | 'discard';

function unsaved(s: CareState, kind: DraftKind, id: Id): boolean {
  const draft = s.drafts[kind][id];
  const saved = recordOf(s, kind, id) as DraftRecordByKind[typeof kind] | undefined;
  return !!draft && !!saved && (!!draft.stash || Object.keys(effectiveEdits(kind, saved, draft.values)).length > 0);
}

export function closeCheck(parts: StoreParts, taskId: Id): CloseCheck {
  const s = parts.container.value;
  const task = s.tasks.get(taskId);
  const none: CloseCheck = { unsavedCustomer: false, customerNotCreated: false, unsavedRequests: [], unsentTexts: [] };
  if (!task) return none;
  const unsentTexts = unsentOf(s, task);
  if (task.customerId === null) return { ...none, customerNotCreated: true, unsentTexts };
  const customerId = task.customerId;
  const unsavedRequests = [...s.requests.values()]
    .filter((r) => r.customerId === customerId && unsaved(s, 'request', r.id))
    .map((r) => r.id);
  return { unsavedCustomer: unsaved(s, 'customer', customerId), customerNotCreated: false, unsavedRequests, unsentTexts };
}

/** X6: ends the interaction and starts the queue's wrap-up; the task stays in progress until closed or its time runs out. */
export async function startWrapUp(parts: StoreParts, taskId: Id): Promise<Result<Task>> {
  const result = await parts.caller.run('startWrapUp', (signal) => parts.transport.startWrapUp(taskId, signal));
  if (result.ok) parts.container.update((s) => withTask(s, result.value));
  return result;
}

export async function close(parts: StoreParts, taskId: Id, resolution?: CloseResolution, wrapUp?: WrapUp): Promise<Result<Task>> {
  const { container, caller, transport } = parts;
  const check = closeCheck(parts, taskId);
  const task = container.value.tasks.get(taskId);
  const pending = check.unsavedCustomer || check.customerNotCreated || check.unsavedRequests.length > 0;
  if (pending && !resolution) {
    const message = check.customerNotCreated ? 'Create the customer, or close without creating it.' : 'Save or discard the unsaved changes first.';
    return { ok: false, error: CareError.refused('unsaved-changes', message) };
  }
  if (task && resolution === 'save') {
    const saved = await saveFirst(parts, taskId, task.customerId, check);
    if (saved && !saved.ok) return saved;
  }
  const result = await caller.run('closeTask', (signal) => transport.closeTask(taskId, signal, wrapUp));
  if (!result.ok) return result;
  const closed = result.value;
  container.update((s) => withTask(s, closed));
  if (task?.customerId && resolution === 'discard') {
    discard(parts, 'customer', task.customerId);
    for (const id of check.unsavedRequests) discard(parts, 'request', id);
  }
  container.update((s) => {
    const { [taskId]: _, ...newCustomers } = s.newCustomers;
    return withoutAttentionOf(withoutUnsent({ ...s, newCustomers }, task), taskId);
  });
  return result;
}

/** R11's Save: creates or saves the customer, then each request; the first failure stops the close. */
async function saveFirst(parts: StoreParts, taskId: Id, customerId: Id | null, check: CloseCheck): Promise<Result<unknown> | undefined> {
  if (check.customerNotCreated) return createCustomer(parts, taskId);
  const saves: [DraftKind, Id][] = [
    ...(check.unsavedCustomer && customerId ? [['customer', customerId] as [DraftKind, Id]] : []),
    ...check.unsavedRequests.map((id) => ['request', id] as [DraftKind, Id]),
  ];
  for (const [kind, id] of saves) {
    // Text put aside by Load is what the agent asked to keep: saving it means saving it over theirs.
    if (parts.container.value.drafts[kind][id]?.stash) restoreMine(parts, kind, id);
    const result = kind === 'customer' ? await saveCustomer(parts, id) : await saveRequest(parts, id);
    if (!result.ok) return result;
  }
  return undefined;
}

/** The task's composers that hold text: its own chat line, comments and tags of its customer's activities, a request being added. */
function unsentOf(s: CareState, task: Task): UnsentKey[] {
  const out: UnsentKey[] = [];
  if (s.unsent.message[task.id]) out.push({ kind: 'message', id: task.id });
  if (task.customerId !== null) {
    for (const kind of ['requestTitle', 'requestDescription'] as const) if (s.unsent[kind][task.customerId]) out.push({ kind, id: task.customerId });
  }
  const ofTask = (activityId: Id) =>
    activityId === task.activityId || (task.customerId !== null && s.activities.get(activityId)?.customerId === task.customerId);
  for (const kind of ['comment', 'tag'] as const) {
    for (const id of Object.keys(s.unsent[kind])) if (ofTask(id)) out.push({ kind, id });
  }
  return out;
}

/** The state without the composers' text of a closed task: its chat line, the comment and tag of its own activity, a request being added. */
function withoutUnsent(s: CareState, task: Task | undefined): CareState {
  if (!task) return s;
  const drop = (table: Readonly<Record<Id, string>>, id: Id) => {
    if (!(id in table)) return table;
    const { [id]: _, ...rest } = table;
    return rest;
  };
  // A request being added stays while another task of the agent's for the customer is in progress.
  const another = s.taskLists.accepted.some((t) => t.id !== task.id && t.customerId === task.customerId);
  const customer = another ? '' : (task.customerId ?? '');
  const unsent = {
    message: drop(s.unsent.message, task.id),
    comment: drop(s.unsent.comment, task.activityId),
    tag: drop(s.unsent.tag, task.activityId),
    requestTitle: drop(s.unsent.requestTitle, customer),
    requestDescription: drop(s.unsent.requestDescription, customer),
  };
  const same = (Object.keys(unsent) as (keyof typeof unsent)[]).every((kind) => unsent[kind] === s.unsent[kind]);
  return same ? s : { ...s, unsent };
}
