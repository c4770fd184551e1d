import { CareError } from '../model/errors.js';
import { NO_WRAP_UP } from '../model/rules.js';
import type { Id, Task } from '../model/types.js';
import type { TimerHandle } from './clock.js';
import type { EngineContext } from './context.js';

/**
 * After-contact work (X6): where a task's queue asks for a wrap-up, the
 * agent ends the interaction first and then has the queue's time limit to
 * give the code and note; past it the task closes without them, so an agent
 * is never held out of routing by a form left open.
 */
export class WrapUps {
  private readonly timers = new Map<Id, TimerHandle>();

  constructor(private readonly ctx: EngineContext) {}

  /**
   * Ends the interaction of the agent's task and starts its wrap-up. The
   * task stays the agent's (`accepted`) until Close. Starting again is a
   * no-op, so a retried request changes nothing.
   */
  start(agentId: Id, taskId: Id): Task {
    const task = this.ctx.permissions.ownTask(agentId, taskId);
    const rule = this.ctx.records.queues.get(task.queueId)?.wrapUp;
    if (!rule) throw CareError.refused('invalid-state', NO_WRAP_UP);
    if (task.wrapUpStartedAt !== undefined) return task;
    const now = this.ctx.now();
    task.wrapUpStartedAt = now;
    if (rule.limitSeconds !== undefined) task.wrapUpUntil = now + rule.limitSeconds * 1000;
    this.ctx.bump(task, agentId);
    this.ctx.tasks.end(this.ctx.records.activity(task.activityId), agentId);
    this.ctx.emit({ type: 'task', task, cause: 'wrap-up' });
    this.schedule(task);
    return task;
  }

  /** Arms the time limit of every task in wrap-up (after loading a seed); one already past closes now. */
  scheduleAll(): void {
    for (const task of this.ctx.records.tasks.values()) {
      if (task.state === 'accepted' && task.wrapUpUntil !== undefined) this.schedule(task);
    }
  }

  /** The task closed: its time limit no longer applies. */
  forget(taskId: Id): void {
    const timer = this.timers.get(taskId);
    if (timer !== undefined) this.ctx.clock.clearTimeout(timer);
    this.timers.delete(taskId);
  }

  dispose(): void {
    for (const timer of this.timers.values()) this.ctx.clock.clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(task: Task): void {
    if (task.wrapUpUntil === undefined) return;
    this.forget(task.id);
    const delay = Math.max(0, task.wrapUpUntil - this.ctx.now());
    this.timers.set(task.id, this.ctx.clock.setTimeout(() => this.expire(task.id), delay));
  }

  private expire(taskId: Id): void {
    this.timers.delete(taskId);
    const task = this.ctx.records.tasks.get(taskId);
    if (task?.state === 'accepted' && task.wrapUpUntil !== undefined) this.ctx.tasks.finish(task, 'wrap-up-timeout');
  }
}
