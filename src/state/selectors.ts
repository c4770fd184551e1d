/**
 * Pure selectors over {@link CareState}. Each is memoised on the slices it
 * reads, so a state change elsewhere (a keystroke in a draft) costs a few
 * reference comparisons, never a filter or a sort.
 */
import { isTaskVisibleTo } from '../model/rules.js';
import type { CareRequest, Activity, Id, Journey, Task } from '../model/types.js';
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
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

const byTime =
  <T>(time: (item: T) => number) =>
  (a: T, b: T) =>
    time(a) - time(b);

/** The visible tasks split by state, each list in the order its pane shows it. */
export interface TaskLists {
  /** Queued, oldest first (R1, R26). */
  queued: readonly Task[];
  /** Offered to this agent, oldest offer first (R12, R13). */
  offered: readonly Task[];
  /** Accepted, in the order accepted (R14). */
  accepted: readonly Task[];
}

/** One pass over the tasks for all three lists; a list that did not change keeps its old array. */
export function taskListsSelector(): (s: CareState) => TaskLists {
  let previous: TaskLists = { queued: [], offered: [], accepted: [] };
  return memoOn([(s: CareState) => s.tasks], (tasks) => {
    const queued: Task[] = [];
    const offered: Task[] = [];
    const accepted: Task[] = [];
    for (const task of Object.values(tasks)) {
      if (task.state === 'queued') queued.push(task);
      else if (task.state === 'offered') offered.push(task);
      else if (task.state === 'accepted') accepted.push(task);
    }
    queued.sort(byTime((t) => t.receivedAt));
    offered.sort(byTime((t) => t.offeredAt ?? t.receivedAt));
    accepted.sort(byTime((t) => t.acceptedAt ?? 0));
    previous = {
      queued: sameItems(previous.queued, queued) ? previous.queued : queued,
      offered: sameItems(previous.offered, offered) ? previous.offered : offered,
      accepted: sameItems(previous.accepted, accepted) ? previous.accepted : accepted,
    };
    return previous;
  });
}

/** The task the desktop shows: the one being previewed (R1), else the active one. */
export function shownTask(s: CareState): Task | null {
  const id = s.selectedTaskId ?? s.activeTaskId;
  return id ? (s.tasks[id] ?? null) : null;
}

/** Whether the agent may change this customer's records now: only with a task of theirs in progress (R25). */
export function canEdit(s: CareState, customerId: Id | null): boolean {
  if (!customerId || !s.agent) return false;
  const agentId = s.agent.id;
  return Object.values(s.tasks).some((t) => t.state === 'accepted' && t.acceptedBy === agentId && t.customerId === customerId);
}

/** The accepted task accepted first, to show when the active one goes. */
export function firstAccepted(tasks: Readonly<Record<Id, Task>>): Id | null {
  let first: Task | undefined;
  for (const task of Object.values(tasks)) {
    if (task.state === 'accepted' && (!first || (task.acceptedAt ?? 0) < (first.acceptedAt ?? 0))) first = task;
  }
  return first?.id ?? null;
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
      Object.values(requests).filter((r) => r.customerId === customerId).sort(byTime((r) => r.createdAt)),
      Object.values(activities).filter((a) => a.customerId === customerId).sort(byTime((a) => a.startedAt)),
    ],
  );
  return (s) => {
    const customer = s.customers[customerId];
    // Partly known (a customer loaded on its own) is not a journey: wait for the journey's own load.
    if (!customer || s.loads.journey[customerId]?.status !== 'ready') return undefined;
    const [requests, activities] = lists(s);
    if (last && last.customer === customer && sameItems(last.requests, requests) && sameItems(last.activities, activities)) return last;
    last = { customer, requests, activities };
    return last;
  };
}
