/**
 * N4: pushed events wait here and are applied together, one state change
 * per burst (per microtask), however many arrive: 10,000 offers make one
 * emission and one render, not 10,000. Each event is checked first when
 * the adapter does not vouch for its payloads; a bad one becomes a notice.
 * Task events (a flood of offers, a queue refilling) are folded together,
 * so the task table and lists are copied once per burst instead of once
 * per event and 10,000 events stay linear.
 */
import { CareError } from '../model/errors.js';
import type { CareEvent } from '../transport/port.js';
import { alertsBetween } from './attention.js';
import { reduce } from './reducer.js';
import type { Caller } from './call.js';
import type { StateContainer } from './container.js';
import type { StoreParts } from './parts.js';
import { type NoticeEnv, noteTask, withNotice, withRevokeNotice, withTasks, withWrapUpNotice } from './transitions.js';
import type { Task } from '../model/types.js';
import type { CareState } from './types.js';

/**
 * Makes the store's event listener: it queues each event and applies the
 * queue at the end of the current task, or sooner when someone reads or
 * changes the state (the container's `drain`), so nothing is seen stale.
 * `onOnline` runs after a burst that held `connection: online`.
 */
export function inbox(container: StateContainer, caller: Caller, parts: StoreParts, onOnline: () => void): (event: unknown) => void {
  let queue: unknown[] = [];
  // Whether the session's own change was under way as the burst arrived: its echo is its own (N2).
  let writing = false;
  const flush = (): void => {
    if (!queue.length) return;
    const raw = queue;
    queue = [];
    const events: CareEvent[] = [];
    const refused: CareError[] = [];
    for (const event of raw) {
      const checked = caller.checkEvent(event);
      if (checked instanceof CareError) refused.push(checked);
      else events.push(checked);
    }
    parts.loader.overhear(events);
    const env = { ...parts.noticeEnv(), writing: writing || caller.writing };
    writing = false;
    const before = container.value;
    container.update((s) => {
      const next = safely(s, events, env, refused);
      // One notice per burst is enough for the agent; the integrator finds the first problem in its detail.
      if (!refused.length) return next;
      const error = CareError.network('The service sent an update this version of Care Kit cannot read; it was ignored.', refused[0]!.detail);
      return withNotice(next, env, 'error', 'protocol', error.message, error);
    });
    const messages = events.flatMap((e) => (e.type === 'chat-message' ? [e.message] : []));
    for (const alert of alertsBetween(before, container.value, messages)) parts.alerts.next(alert);
    if (events.some((e) => e.type === 'connection' && e.online)) onOnline();
  };
  container.drain = flush;
  return (event) => {
    if (container.disposed) return;
    if (!queue.length) queueMicrotask(flush);
    queue.push(event);
    writing ||= caller.writing;
  };
}

/**
 * The burst applied; should an event the adapter vouched for still break
 * the reducer, the others are applied one by one and the broken one is
 * reported like an unreadable event, never thrown at the page (N4).
 */
function safely(s: CareState, events: readonly CareEvent[], env: NoticeEnv, refused: CareError[]): CareState {
  try {
    return reduceAll(s, events, env);
  } catch {
    return events.reduce((next, event) => {
      try {
        return reduceAll(next, [event], env);
      } catch (thrown) {
        refused.push(CareError.network(undefined, String(thrown)));
        return next;
      }
    }, s);
  }
}

/** The state after `events`, in order: the same as reducing them one by one, with the task changes of each run of task events made at once. */
export function reduceAll(s: CareState, events: readonly CareEvent[], env: NoticeEnv): CareState {
  // Tasks noted but not yet in `next`: `noteTask` reads them on top of next's table, as `withTask` one by one would.
  const changed = new Map<string, Task | undefined>();
  let next = s;
  for (const event of events) {
    if (event.type === 'task-offered' || event.type === 'task-changed' || event.type === 'task-revoked') {
      if (event.type === 'task-changed') next = withWrapUpNotice(next, env, event.task);
      noteTask(next, changed, event.task);
      if (event.type === 'task-revoked') next = withRevokeNotice(next, env, event.reason, event.task);
    } else {
      next = reduce(withTasks(next, changed), event, env);
      changed.clear();
    }
  }
  return withTasks(next, changed);
}
