/**
 * N6's rules for what a store may let go (see eviction.ts): pure, loaded
 * the first time a task leaves the agent's hands.
 */
import type { Id } from '../model/types.js';
import { shownTask } from './selectors.js';
import type { CareState, ResourceKind } from './types.js';

/** Whether a view is watching a resource now (`kind:id`, as the store's views name them). */
export type Watched = (key: string) => boolean;

/** The customers whose records must stay: open tasks', drafts', unsent text's and the outbox's, and `recent`. */
function neededCustomers(s: CareState, recent: Iterable<Id>): Set<Id> {
  const keep = new Set<Id>(recent);
  const ofActivity = (id: Id) => s.activities.get(id)?.customerId;
  for (const task of s.tasks.values()) if (task.state !== 'closed' && task.customerId) keep.add(task.customerId);
  for (const id of Object.keys(s.drafts.customer)) keep.add(id);
  for (const id of Object.keys(s.drafts.request)) {
    const customerId = s.requests.get(id)?.customerId;
    if (customerId) keep.add(customerId);
  }
  for (const kind of ['requestTitle', 'requestDescription'] as const) for (const id of Object.keys(s.unsent[kind])) keep.add(id);
  for (const kind of ['comment', 'tag'] as const) {
    for (const id of Object.keys(s.unsent[kind])) {
      const customerId = ofActivity(id);
      if (customerId) keep.add(customerId);
    }
  }
  for (const item of s.outbox) {
    // A save waiting keeps its draft, and so its customer, above.
    const customerId = item.op === 'createRequest' ? item.customerId : item.op === 'save' ? undefined : ofActivity(item.activityId);
    if (customerId) keep.add(customerId);
  }
  return keep;
}

/** `s` without what no one needs (see the module comment); the same object when nothing goes. */
export function withoutUnneeded(s: CareState, recent: Iterable<Id>, watched: Watched): CareState {
  const keep = neededCustomers(s, recent);
  const shown = shownTask(s);
  // Activities of open tasks (a new contact's has no customer yet) and those with text or items waiting stay.
  const liveActivities = new Set<Id>();
  for (const task of s.tasks.values()) if (task.state !== 'closed') liveActivities.add(task.activityId);
  for (const kind of ['comment', 'tag'] as const) for (const id of Object.keys(s.unsent[kind])) liveActivities.add(id);
  for (const item of s.outbox) if (item.op !== 'createRequest' && item.op !== 'save') liveActivities.add(item.activityId);

  const customerGoes = (id: Id) => !keep.has(id) && !watched(`customer:${id}`) && !watched(`journey:${id}`);
  const activityGoes = (id: Id, customerId: Id | null) =>
    !liveActivities.has(id) && (customerId === null || customerGoes(customerId)) &&
    !watched(`activity:${id}`) && !watched(`comments:${id}`) && !watched(`transcript:${id}`);

  const customers = new Map(s.customers);
  const requests = new Map(s.requests);
  const activities = new Map(s.activities);
  const gone: Record<ResourceKind, Id[]> = { customer: [], journey: [], request: [], activity: [], comments: [], transcript: [] };
  for (const id of s.customers.keys()) if (customerGoes(id)) (customers.delete(id), gone.customer.push(id));
  for (const id of Object.keys(s.loads.journey)) if (customerGoes(id)) gone.journey.push(id);
  for (const [id, request] of s.requests) {
    if (customerGoes(request.customerId) && !watched(`request:${id}`) && !s.drafts.request[id]) (requests.delete(id), gone.request.push(id));
  }
  for (const [id, activity] of s.activities) if (activityGoes(id, activity.customerId)) (activities.delete(id), gone.activity.push(id));
  // Lists of activities never loaded as records (a transcript shown on its own) follow their task.
  const listGoes = (id: Id) => !s.activities.has(id) ? activityGoes(id, null) : gone.activity.includes(id);
  const comments = { ...s.comments };
  const transcripts = { ...s.transcripts };
  for (const id of Object.keys(s.comments)) if (listGoes(id)) (delete comments[id], gone.comments.push(id));
  for (const id of Object.keys(s.transcripts)) if (listGoes(id)) (delete transcripts[id], gone.transcript.push(id));
  const closed = new Map<Id, undefined>();
  for (const task of s.tasks.values()) if (task.state === 'closed' && task.id !== shown?.id) closed.set(task.id, undefined);
  const tasks = s.tasks.withAll(closed);

  const count = Object.values(gone).reduce((n, ids) => n + ids.length, 0);
  if (!count && tasks === s.tasks) return s;
  const loads = { ...s.loads };
  for (const kind of Object.keys(gone) as ResourceKind[]) {
    if (!gone[kind].length) continue;
    const table = { ...loads[kind] };
    for (const id of gone[kind]) delete table[id];
    loads[kind] = table;
  }
  return { ...s, customers, requests, activities, comments, transcripts, loads, tasks };
}

