/**
 * Pure selectors over {@link CareState}. Each is memoised on the slices it
 * reads, so a state change elsewhere (a keystroke in a draft) costs a few
 * reference comparisons, never a filter or a sort.
 */
import { isTaskVisibleTo } from '../model/rules.js';
import type { Activity, Agent, CareRequest, ContactFields, Id, Journey, Task } from '../model/types.js';
import type { TaskLists } from './task-lists.js';
import type { CareState } from './types.js';

/**
 * `project` applied to the slices `inputs` pick, re-run only when one of
 * them is a different object than last time.
 */
export function memoOn<S, A, R>(inputs: [(s: S) => A], project: (a: A) => R): (s: S) => R;
export function memoOn<S, A, B, R>(inputs: [(s: S) => A, (s: S) => B], project: (a: A, b: B) => R): (s: S) => R;
export function memoOn<S, R>(inputs: ((s: S) => unknown)[], project: (...slices: unknown[]) => R): (s: S) => R {
  let last: { slices: unknown[]; result: R } | undefined;
  return (s) => {
    const slices = inputs.map((pick) => pick(s));
    if (last && slices.every((slice, i) => slice === last!.slices[i])) return last.result;
    last = { slices, result: project(...slices) };
    return last.result;
  };
}

/** Whether two lists hold the same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((item, i) => item === b[i]));
}

/** A comparator: oldest first by `time`. */
export const byTime =
  <T>(time: (item: T) => number) =>
  (a: T, b: T) =>
    time(a) - time(b);

/** The task the desktop shows: the one being previewed (R1), else the active one. */
export function shownTask(s: CareState): Task | null {
  const id = s.selectedTaskId ?? s.activeTaskId;
  return id ? (s.tasks.get(id) ?? null) : null;
}

/** Whether the agent may change this customer's records now: only with a task of theirs in progress (R25). */
export function canEdit(accepted: readonly Task[], agent: Agent | null, customerId: Id | null): boolean {
  return !!customerId && !!agent && accepted.some((t) => t.acceptedBy === agent.id && t.customerId === customerId);
}

/** The accepted task accepted first, to show when the active one goes. */
export function firstAccepted(lists: TaskLists): Id | null {
  return lists.accepted[0]?.id ?? null;
}

/** Whether the agent still sees a task (their queues, their offers, their own). */
export function visibleTo(s: CareState, task: Task): boolean {
  return s.agent ? isTaskVisibleTo(task, s.agent) : true;
}

/**
 * A customer's journey once its own load is done, in time order (R16).
 * Hands out the same object while nothing in it changed, so nothing re-renders.
 */
export function journeySelector(customerId: Id): (s: CareState) => Journey | undefined {
  let last: Journey | undefined;
  const lists = memoOn(
    [(s: CareState) => s.requests, (s: CareState) => s.activities],
    (requests, activities): [CareRequest[], Activity[]] => [
      inTimeOrder(requests.values(), customerId, (r) => r.createdAt),
      inTimeOrder(activities.values(), customerId, (a) => a.startedAt),
    ],
  );
  return (s) => {
    const customer = s.customers.get(customerId);
    // Partly known (a customer loaded on its own) is not a journey: wait for the journey's own load.
    if (!customer || s.loads.journey[customerId]?.status !== 'ready') return undefined;
    const [requests, activities] = lists(s);
    if (last && last.customer === customer && sameItems(last.requests, requests) && sameItems(last.activities, activities)) return last;
    last = { customer, requests, activities };
    return last;
  };
}

/** The customer's records oldest first; the sort is skipped when they are in order already, as a journey arrives. */
function inTimeOrder<T extends { customerId: Id | null }>(records: Iterable<T>, customerId: Id, time: (record: T) => number): T[] {
  const out: T[] = [];
  let sorted = true;
  for (const record of records) {
    if (record.customerId !== customerId) continue;
    if (sorted && out.length && time(out[out.length - 1]!) > time(record)) sorted = false;
    out.push(record);
  }
  return sorted ? out : out.sort(byTime(time));
}

/** The new-customer form of a task, prefilled from what the task knows (R27); null once it has a customer. */
export function newCustomerForm(s: CareState, taskId: Id): ContactFields | null {
  const task = s.tasks.get(taskId);
  if (!task || task.customerId !== null) return null;
  return s.newCustomers[taskId] ?? task.contact;
}
