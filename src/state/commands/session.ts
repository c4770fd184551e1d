/** Signing in, status, and which task and activity the desktop shows (R1, R3, R12). */
import { CareError } from '../../model/errors.js';
import type { Agent, AgentStatus, CannedResponse, Id, Task, TransferTarget, TransferTargets } from '../../model/types.js';
import type { StoreParts } from '../parts.js';
import { firstAccepted } from '../selectors.js';
import { Table } from '../table.js';
import { taskListsOf } from '../task-lists.js';
import { withAgent, withTask } from '../transitions.js';
import { withSeen, withoutAttentionOf } from '../attention.js';
import type { Result } from '../types.js';

/** Events are checked as they come, so the checks must be at hand before listening; a store disposed meanwhile must not listen. */
export async function prepare(parts: StoreParts): Promise<Result<true>> {
  const { caller, container } = parts;
  container.patch({ connection: 'connecting', connectionError: null });
  const ready = await caller.prepare();
  if (container.disposed) return { ok: false, error: CareError.aborted() };
  if (!ready.ok) {
    container.patch({ connection: 'offline', connectionError: ready.error });
    return ready;
  }
  return { ok: true, value: true };
}

export async function connect(parts: StoreParts): Promise<Result<Agent>> {
  const { container, caller, transport } = parts;
  container.patch({ connection: 'connecting', connectionError: null });
  const result = await caller.run('connect', (signal) => transport.connect(signal));
  if (!result.ok) {
    container.patch({ connection: 'offline', connectionError: result.error });
    return result;
  }
  const snapshot = result.value;
  parts.syncClock(snapshot.now);
  const tasks = Table.of(snapshot.tasks);
  const taskLists = taskListsOf(snapshot.tasks);
  container.update((s) => ({
    ...s,
    connection: 'online',
    connectionError: null,
    agent: snapshot.agent,
    queues: snapshot.queues,
    tasks,
    taskLists,
    activeTaskId: s.activeTaskId && tasks.get(s.activeTaskId)?.state === 'accepted' ? s.activeTaskId : firstAccepted(taskLists),
    selectedTaskId: s.selectedTaskId && tasks.has(s.selectedTaskId) ? s.selectedTaskId : null,
  }));
  return { ok: true, value: snapshot.agent };
}

export async function setStatus(parts: StoreParts, status: AgentStatus, reason?: string): Promise<Result<Agent>> {
  const { container, caller, transport } = parts;
  const before = container.value.agent;
  if (!before) return { ok: false, error: CareError.refused('invalid-state', 'Not signed in yet.') };
  const { notReadyReason: _, ...rest } = before;
  container.patch({ agent: { ...rest, status, statusReason: 'manual', ...(status === 'not-ready' && reason ? { notReadyReason: reason } : {}) } });
  const result = await caller.run('setStatus', (signal) => transport.setStatus(status, signal, reason));
  if (result.ok) {
    const agent = result.value;
    container.update((s) => withAgent(s, agent));
  } else {
    container.update((s) => (s.agent?.version === before.version ? { ...s, agent: before } : s));
  }
  return result;
}

export function selectTask(parts: StoreParts, taskId: Id | null): void {
  parts.container.patch({ selectedTaskId: taskId, selectedActivityId: null });
}

export function activateTask(parts: StoreParts, taskId: Id): void {
  const { container } = parts;
  if (container.value.tasks.get(taskId)?.state === 'accepted') {
    container.update((s) => withSeen({ ...s, activeTaskId: taskId, selectedActivityId: null }, s.looking ? taskId : null));
  }
}

/** X1: whether the agent is looking at the desk; looking again reads the active task's lines. */
export function setLooking(parts: StoreParts, looking: boolean): void {
  parts.container.update((s) => (s.looking === looking ? s : withSeen({ ...s, looking }, looking ? s.activeTaskId : null)));
}

export function selectActivity(parts: StoreParts, activityId: Id | null): void {
  parts.container.patch({ selectedActivityId: activityId });
}

export async function accept(parts: StoreParts, taskId: Id): Promise<Result<Task>> {
  const { container, caller, transport } = parts;
  const result = await caller.run('acceptTask', (signal) => transport.acceptTask(taskId, signal));
  if (result.ok) {
    const task = result.value;
    container.update((s) => {
      const next = withTask(s, task);
      return withSeen(
        { ...next, activeTaskId: task.id, selectedTaskId: next.selectedTaskId === taskId ? null : next.selectedTaskId, selectedActivityId: null },
        next.looking ? task.id : null,
      );
    });
  }
  return result;
}

/** X2: declines an offer; it leaves this agent's offers and goes on to the next agent. */
export async function decline(parts: StoreParts, taskId: Id): Promise<Result<Task>> {
  const { container, caller, transport } = parts;
  const result = await caller.run('declineTask', (signal) => transport.declineTask(taskId, signal));
  if (result.ok) container.update((s) => withTask(s, result.value));
  return result;
}

export function dismissNotice(parts: StoreParts, id: number): void {
  parts.container.update((s) => ({ ...s, notices: s.notices.filter((n) => n.id !== id) }));
}

/** X7: the canned responses, asked for once per session (again after a failure). */
const canned = new WeakMap<StoreParts, Promise<Result<CannedResponse[]>>>();
export function cannedResponses(parts: StoreParts): Promise<Result<CannedResponse[]>> {
  let pending = canned.get(parts);
  if (!pending) {
    pending = parts.caller.run('getCannedResponses', (signal) => parts.transport.getCannedResponses(signal));
    canned.set(parts, pending);
    void pending.then((result) => result.ok || canned.delete(parts));
  }
  return pending;
}

/** X5: the queues and agents a task can be transferred to. */
export function transferTargets(parts: StoreParts): Promise<Result<TransferTargets>> {
  return parts.caller.run('getTransferTargets', (signal) => parts.transport.getTransferTargets(signal));
}

/** X5: the task leaves this agent; the desk shows the next task in progress. */
export async function transfer(parts: StoreParts, taskId: Id, target: TransferTarget, note: string): Promise<Result<Task>> {
  const { container, caller, transport } = parts;
  const result = await caller.run('transferTask', (signal) => transport.transferTask(taskId, target, note, signal));
  if (result.ok) container.update((s) => withoutAttentionOf(withTask(s, result.value), taskId));
  return result;
}
