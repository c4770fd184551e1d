/**
 * The visible tasks split by state, each list sorted as its pane shows it,
 * kept up to date one task at a time: a colleague's accept in a queue of
 * 10,000 moves one entry instead of filtering and sorting them all.
 */
import type { Task } from '../model/types.js';

/** The visible tasks split by state, each list in the order its pane shows it. */
export interface TaskLists {
  /** Queued, oldest first (R1, R26). */
  readonly queued: readonly Task[];
  /** Offered to this agent, oldest offer first (R12, R13). */
  readonly offered: readonly Task[];
  /** Accepted, in the order accepted (R14). */
  readonly accepted: readonly Task[];
}

type Listed = keyof TaskLists;

const SORT_KEY: { readonly [L in Listed]: (t: Task) => number } = {
  queued: (t) => t.receivedAt,
  offered: (t) => t.offeredAt ?? t.receivedAt,
  accepted: (t) => t.acceptedAt ?? 0,
};

export const NO_TASKS: TaskLists = { queued: [], offered: [], accepted: [] };

function listOf(task: Task | undefined): Listed | undefined {
  return task && task.state !== 'closed' ? task.state : undefined;
}

/** The lists of `tasks`, sorted once (on connect). */
export function taskListsOf(tasks: Iterable<Task>): TaskLists {
  const lists = { queued: [] as Task[], offered: [] as Task[], accepted: [] as Task[] };
  for (const task of tasks) {
    const list = listOf(task);
    if (list) lists[list].push(task);
  }
  for (const list of Object.keys(lists) as Listed[]) lists[list].sort((a, b) => SORT_KEY[list](a) - SORT_KEY[list](b));
  return lists;
}

/**
 * The lists after one task changed from `before` to `after` (either may be
 * undefined: a task appearing or leaving). A list the change does not touch
 * keeps its array, so its pane does not re-render.
 */
export function withListed(lists: TaskLists, before: Task | undefined, after: Task | undefined): TaskLists {
  return withListedAll(lists, [[before, after]]);
}

/**
 * The lists after many tasks changed at once (a burst of events, N4), each
 * from `before` to `after` (a task appearing or leaving has one undefined;
 * a task that keeps its list and place is replaced where it stands, so ties
 * keep their order; a list not touched keeps its array): every touched
 * list is rebuilt in one pass plus a sort of what joins it, so 10,000
 * offers cost O(n log n), not 10,000 copies of a growing list.
 */
export function withListedAll(lists: TaskLists, changes: Iterable<readonly [Task | undefined, Task | undefined]>): TaskLists {
  const edits = new Map<Listed, { replaced: Map<string, Task>; removed: Set<string>; added: Task[] }>();
  const editOf = (list: Listed) => {
    let edit = edits.get(list);
    if (!edit) edits.set(list, (edit = { replaced: new Map(), removed: new Set(), added: [] }));
    return edit;
  };
  for (const [before, after] of changes) {
    const from = listOf(before);
    const to = listOf(after);
    if (from && from === to && before && after && SORT_KEY[from](before) === SORT_KEY[from](after)) {
      if (before !== after) editOf(from).replaced.set(before.id, after);
      continue;
    }
    if (from && before) editOf(from).removed.add(before.id);
    if (to && after) editOf(to).added.push(after);
  }
  let next = lists;
  for (const [list, { replaced, removed, added }] of edits) {
    const key = SORT_KEY[list];
    // A stable sort, so tasks that tie on time keep the order they came in, as one-by-one insertion would.
    added.sort((a, b) => key(a) - key(b));
    const out: Task[] = [];
    let j = 0;
    for (const task of next[list]) {
      if (removed.has(task.id)) continue;
      const k = key(task);
      while (j < added.length && key(added[j]!) < k) out.push(added[j++]!);
      out.push(replaced.get(task.id) ?? task);
    }
    while (j < added.length) out.push(added[j++]!);
    next = { ...next, [list]: out };
  }
  return next;
}
