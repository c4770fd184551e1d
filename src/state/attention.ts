/**
 * X1: what needs the agent's attention in the tasks they hold: customer
 * lines not yet seen, and since when the customer has waited for a reply;
 * and the alerts a burst of events brings (a new offer, a new line in a task
 * the agent is not looking at). Counted from pushed events, so a background
 * chat counts even though its transcript is not loaded.
 */
import type { ChatMessage, Id, Task } from '../model/types.js';
import type { CareState, TaskAttention } from './types.js';

/**
 * Something the host may ring, notify or show in the tab title for (X1).
 * Lines that come together are one alert: `message` is the latest, `count` how many.
 */
export type CareAlert = { kind: 'offer'; task: Task } | { kind: 'message'; task: Task; message: ChatMessage; count: number };

const NONE: TaskAttention = { unread: 0, waitingSince: null, lastId: null, lastAt: 0 };

/** The state after a chat line in one of the agent's tasks: unread and waiting follow it. */
export function withChatAttention(s: CareState, message: ChatMessage): CareState {
  if (message.from === 'system') return s;
  const task = s.taskLists.accepted.find((t) => t.activityId === message.activityId);
  if (!task) return s;
  const before = s.attention[task.id] ?? NONE;
  // A line heard twice (a resync replays what the stream already brought) counts once.
  if (message.id === before.lastId || message.at < before.lastAt) return s;
  const seen = s.looking && s.activeTaskId === task.id;
  const after: TaskAttention =
    message.from === 'customer'
      ? { unread: before.unread + (seen ? 0 : 1), waitingSince: before.waitingSince ?? message.at, lastId: message.id, lastAt: message.at }
      : { ...before, waitingSince: null, lastId: message.id, lastAt: message.at };
  return { ...s, attention: { ...s.attention, [task.id]: after } };
}

/** The agent sees the task now: its lines are read. */
export function withSeen(s: CareState, taskId: Id | null): CareState {
  const known = taskId ? s.attention[taskId] : undefined;
  if (!taskId || !known?.unread) return s;
  return { ...s, attention: { ...s.attention, [taskId]: { ...known, unread: 0 } } };
}

/** The state without what the tasks no longer held needed. */
export function withoutAttentionOf(s: CareState, taskId: Id): CareState {
  if (!(taskId in s.attention)) return s;
  const { [taskId]: _, ...rest } = s.attention;
  return { ...s, attention: rest };
}

/** The alerts from `before` to `after`: offers that were not there, and lines that raised a task's unread count. */
export function alertsBetween(before: CareState, after: CareState, messages: readonly ChatMessage[]): CareAlert[] {
  const alerts: CareAlert[] = [];
  for (const task of after.taskLists.offered) {
    if (before.tasks.get(task.id)?.state !== 'offered') alerts.push({ kind: 'offer', task });
  }
  if (after.attention === before.attention) return alerts;
  for (const task of after.taskLists.accepted) {
    const was = before.attention[task.id]?.unread ?? 0;
    const now = after.attention[task.id]?.unread ?? 0;
    if (now <= was) continue;
    const message = [...messages].reverse().find((m) => m.activityId === task.activityId && m.from === 'customer');
    if (message) alerts.push({ kind: 'message', task, message, count: now - was });
  }
  return alerts;
}
