import { CareError } from '../model/errors.js';
import { WRAP_UP_ENDED } from '../model/rules.js';
import { MAX_CONCURRENT_CALLS } from '../model/limits.js';
import { nfc } from '../model/text.js';
import type { Id, Task, TransferTarget, TransferTargets } from '../model/types.js';
import type { EngineContext } from './context.js';

/**
 * X5: an agent hands a task in progress on, to a queue (it waits there and
 * is routed as any task of that queue) or to an agent (offered to them at
 * once, with R13's 15 minutes; if they let it go it waits in its queue). The
 * note, if any, goes on the activity as the agent's comment (R20), so
 * whoever takes it next reads why. The activity keeps its request.
 */
export class Transfers {
  constructor(private readonly ctx: EngineContext) {}

  /** Every queue, and the other agents with their status. */
  targets(agentId: Id): TransferTargets {
    this.ctx.records.agent(agentId);
    return {
      queues: [...this.ctx.records.queues.values()],
      agents: [...this.ctx.records.agents.values()].filter((a) => a.id !== agentId).map((a) => ({ id: a.id, name: a.name, status: a.status })),
    };
  }

  transfer(agentId: Id, taskId: Id, target: TransferTarget, note: string): Task {
    const task = this.ctx.permissions.ownTask(agentId, taskId);
    if (task.wrapUpStartedAt !== undefined) throw CareError.refused('invalid-state', WRAP_UP_ENDED);
    const text = nfc(note).trim();
    const to = 'agentId' in target ? this.available(agentId, task, target.agentId) : undefined;
    const queue = 'queueId' in target ? this.ctx.records.queues.get(target.queueId) : undefined;
    if ('queueId' in target && !queue) throw CareError.notFound('queue', target.queueId);
    if (queue && !queue.media.includes(task.media)) throw CareError.refused('invalid-state', `The ${queue.name} queue does not take this medium.`);
    // The note first: a note the rules refuse (too long, R28) stops the transfer, so nothing is half done.
    if (text) this.ctx.activities.addComment(agentId, task.activityId, text);
    task.state = 'queued';
    delete task.acceptedBy;
    delete task.acceptedAt;
    if (queue) {
      task.queueId = queue.id;
      task.routing = queue.routing;
    }
    this.ctx.bump(task, agentId);
    this.ctx.routing.markIdle(agentId);
    if (to) this.ctx.routing.offerTo(task, to);
    else this.ctx.emit({ type: 'task', task, cause: 'transferred' });
    this.ctx.routing.route();
    return task;
  }

  /** The agent a task goes to directly: another agent, Ready, with no offer pending and, for a call, none in progress. */
  private available(agentId: Id, task: Task, targetId: Id) {
    const agent = this.ctx.records.agent(targetId);
    const busy =
      agent.id === agentId ||
      agent.status !== 'ready' ||
      this.ctx.routing.hasPendingOffer(agent.id) ||
      (task.media === 'call' && this.ctx.routing.callsInProgress(agent.id) >= MAX_CONCURRENT_CALLS);
    if (busy) throw CareError.refused('agent-unavailable', `${agent.name} cannot take it now.`);
    return agent;
  }
}
