/**
 * N4: a burst of events applied as one state change. Runs of task events
 * (a flood of offers, a queue refilling) are folded together, so the task
 * table and lists are copied once per burst instead of once per event and
 * 10,000 events stay linear; any other event goes through {@link reduce}.
 */
import type { Task } from '../model/types.js';
import type { CareEvent } from '../transport/port.js';
import { reduce } from './reducer.js';
import { firstAccepted, visibleTo } from './selectors.js';
import { withListedAll } from './task-lists.js';
import { type NoticeEnv, withNotice } from './transitions.js';
import type { CareState } from './types.js';

type TaskEvent = Extract<CareEvent, { type: 'task-offered' | 'task-changed' | 'task-revoked' }>;

const isTaskEvent = (event: CareEvent): event is TaskEvent =>
  event.type === 'task-offered' || event.type === 'task-changed' || event.type === 'task-revoked';

/** The state after `events`, in order; the same as reducing them one by one, with less copying. */
export function reduceAll(s: CareState, events: readonly CareEvent[], env: NoticeEnv): CareState {
  let next = s;
  for (let i = 0; i < events.length; ) {
    const event = events[i]!;
    if (!isTaskEvent(event)) {
      next = reduce(next, event, env);
      i++;
      continue;
    }
    let end = i;
    while (end < events.length && isTaskEvent(events[end]!)) end++;
    next = end - i === 1 ? reduce(next, event, env) : withTaskEvents(next, events.slice(i, end) as TaskEvent[], env);
    i = end;
  }
  return next;
}

/** Many task events at once: what `withTask` does for each, with one copy of the table and of each list touched. */
function withTaskEvents(s: CareState, events: readonly TaskEvent[], env: NoticeEnv): CareState {
  // The newest state of each task this burst touched: a Task, or undefined once it left the agent's view.
  const changed = new Map<string, Task | undefined>();
  let next = s;
  for (const event of events) {
    const { task } = event;
    const known = changed.has(task.id) ? changed.get(task.id) : s.tasks.get(task.id);
    if (!(known && known.version > task.version)) {
      const visible = visibleTo(s, task);
      if (visible) changed.set(task.id, task);
      else if (known) changed.set(task.id, undefined);
    }
    if (event.type === 'task-revoked') {
      next =
        event.reason === 'timeout'
          ? withNotice(next, env, 'warning', 'offer-timeout', 'The offer was not accepted within 15 minutes, so your status is now Not Ready.')
          : withNotice(next, env, 'info', 'offer-withdrawn', 'An offer was withdrawn.');
    }
  }
  if (!changed.size) return next;
  const tasks = s.tasks.withAll(changed);
  const taskLists = withListedAll(s.taskLists, [...changed].map(([id, after]) => [s.tasks.get(id), after] as const));
  let { activeTaskId, selectedTaskId } = s;
  if (!activeTaskId || tasks.get(activeTaskId)?.state !== 'accepted') activeTaskId = firstAccepted(taskLists);
  if (selectedTaskId && !tasks.has(selectedTaskId)) selectedTaskId = null;
  const focusMoved = activeTaskId !== s.activeTaskId || selectedTaskId !== s.selectedTaskId;
  return { ...next, tasks, taskLists, activeTaskId, selectedTaskId, selectedActivityId: focusMoved ? null : s.selectedActivityId };
}
