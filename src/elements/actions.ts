/**
 * User intents shared by several elements. Each announces the intent
 * (cancelable), runs the store command and announces the outcome, so every
 * element that offers "Accept" behaves the same.
 */
import { CareTaskAcceptEvent, CareTaskAcceptedEvent } from '../events.js';
import type { Task } from '../model/types.js';
import type { CareStore } from '../state/store.js';
import type { Result } from '../state/types.js';

/** Accepts `task` from `source` (R3); null when a listener cancelled it. */
export async function acceptTask(source: HTMLElement, store: CareStore, task: Task): Promise<Result<Task> | null> {
  if (!source.dispatchEvent(new CareTaskAcceptEvent(task))) return null;
  const result = await store.accept(task.id);
  if (result.ok) source.dispatchEvent(new CareTaskAcceptedEvent(result.value));
  return result;
}
