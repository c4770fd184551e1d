/**
 * User intents shared by several elements. Each announces the intent
 * (cancelable), runs the store command and announces the outcome, so every
 * element that offers "Accept" behaves the same.
 */
import { CareTaskAcceptEvent, CareTaskAcceptedEvent } from '../events.js';
import type { Task } from '../model/types.js';
import type { CareStore } from '../state/store.js';
import type { Result } from '../state/types.js';

/** Accepts under way, per store, so a double click (or two elements offering the same Accept) sends one. */
const accepting = new WeakMap<CareStore, Set<string>>();

/** Accepts `task` from `source` (R3); null when a listener cancelled it or it is already being accepted. */
export async function acceptTask(source: HTMLElement, store: CareStore, task: Task): Promise<Result<Task> | null> {
  const pending = accepting.get(store) ?? new Set<string>();
  accepting.set(store, pending);
  if (pending.has(task.id) || !source.dispatchEvent(new CareTaskAcceptEvent(task))) return null;
  pending.add(task.id);
  try {
    const result = await store.accept(task.id);
    if (result.ok) source.dispatchEvent(new CareTaskAcceptedEvent(result.value));
    return result;
  } finally {
    pending.delete(task.id);
  }
}
