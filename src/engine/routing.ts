import { CareError } from '../model/errors.js';
import { DECLINE_COOLDOWN_MS, MAX_CONCURRENT_CALLS, OFFER_TIMEOUT_MS, STATUS_REASON_MAX } from '../model/limits.js';
import { label } from '../model/text.js';
import type { Agent, AgentStatus, Id, Task } from '../model/types.js';
import type { TimerHandle } from './clock.js';
import type { EngineContext } from './context.js';
import type { TaskCause } from './events.js';

/** Agent status and push routing: who is offered which task, and R13's offer timeout (R5, R12, R13, R26). */
export class Routing {
  private readonly offerTimers = new Map<Id, TimerHandle>();
  /** Last time each agent was offered or finished a task: push routing favours the longest idle. */
  private readonly idleSince = new Map<Id, number>();
  /** When each agent's link last dropped, and whether it is down now (N3: an outage is no R13 fault). */
  private readonly linkLost = new Map<Id, { at: number; down: boolean }>();
  /** Who declined which task, and when (X2): not offered it again until the cool-down passes. */
  private readonly declines = new Map<Id, Map<Id, number>>();
  private readonly declineTimers = new Set<TimerHandle>();
  /** The agent a task should be offered to first, while it waits (see InboundTask.preferredAgentId). */
  private readonly preferred = new Map<Id, Id>();

  constructor(private readonly ctx: EngineContext) {}

  /**
   * Sets Ready or Not Ready (R12), Not Ready with the agent's reason (X3):
   * another reason is a new status, its timer starting again. Going Not Ready
   * withdraws a pending offer.
   */
  setStatus(agentId: Id, status: AgentStatus, reason = ''): Agent {
    const agent = this.ctx.records.agent(agentId);
    const note = status === 'not-ready' ? label(reason, STATUS_REASON_MAX) : '';
    if (agent.status === status && (agent.notReadyReason ?? '') === note) return agent;
    const wasReady = agent.status === 'ready';
    this.changeStatus(agent, status, 'manual', note);
    if (status === 'not-ready' && wasReady) {
      for (const task of this.ctx.records.tasks.values()) {
        if (task.state === 'offered' && task.offeredTo === agentId) this.requeue(task, 'withdrawn');
      }
    }
    this.route();
    return agent;
  }

  /**
   * Offers queued push tasks to Ready agents, oldest task first, longest idle
   * agent first; one pending offer per agent; never a second call (R5, R12, R26).
   */
  route(): void {
    const queued = [...this.ctx.records.tasks.values()]
      .filter((t) => t.state === 'queued' && t.routing === 'push')
      .sort((a, b) => a.receivedAt - b.receivedAt);
    for (const task of queued) {
      const agent = this.pickAgentFor(task);
      if (agent) this.offer(task, agent);
    }
  }

  /**
   * X2: the agent declines a task offered to them. It goes back to its queue
   * and on to the next agent at once; the agent stays Ready and is not
   * offered it again for {@link DECLINE_COOLDOWN_MS}.
   */
  decline(agentId: Id, taskId: Id): Task {
    const task = this.ctx.records.task(taskId);
    if (task.state !== 'offered' || task.offeredTo !== agentId) throw CareError.refused('not-offered', 'This task is not offered to you.');
    const declined = this.declines.get(taskId) ?? new Map<Id, number>();
    const at = this.ctx.now();
    declined.set(agentId, at);
    this.declines.set(taskId, declined);
    this.requeue(task, 'declined', agentId);
    // When the cool-down ends nobody else may have taken it: route again so it is not left waiting.
    const timer = this.ctx.clock.setTimeout(() => {
      this.declineTimers.delete(timer);
      if (declined.get(agentId) === at) declined.delete(agentId);
      if (!declined.size) this.declines.delete(taskId);
      this.route();
    }, DECLINE_COOLDOWN_MS);
    this.declineTimers.add(timer);
    this.route();
    return task;
  }

  /**
   * The agent took a call (R5): a call still offered to them can no longer be
   * accepted, so it goes on to another agent now instead of ringing until
   * R13 turns them Not Ready.
   */
  withdrawCallOffers(agentId: Id): void {
    for (const task of this.ctx.records.tasks.values()) {
      if (task.state === 'offered' && task.offeredTo === agentId && task.media === 'call') this.requeue(task, 'withdrawn');
    }
  }

  /** Offers `taskId` to `agentId` first whenever it is routed while they are Ready and free. */
  prefer(taskId: Id, agentId: Id): void {
    this.preferred.set(taskId, agentId);
  }

  /** The agent just finished a task: it waits from now for its next offer. */
  markIdle(agentId: Id): void {
    this.idleSince.set(agentId, this.ctx.now());
  }

  /** Calls the agent has accepted and not closed (R5). */
  callsInProgress(agentId: Id): number {
    let calls = 0;
    for (const task of this.ctx.records.tasks.values()) {
      if (task.state === 'accepted' && task.acceptedBy === agentId && task.media === 'call') calls++;
    }
    return calls;
  }

  /** The offer is settled (accepted): its R13 timeout no longer applies. */
  clearOfferTimer(taskId: Id): void {
    this.preferred.delete(taskId);
    const timer = this.offerTimers.get(taskId);
    if (timer !== undefined) this.ctx.clock.clearTimeout(timer);
    this.offerTimers.delete(taskId);
  }

  dispose(): void {
    for (const timer of [...this.offerTimers.values(), ...this.declineTimers]) this.ctx.clock.clearTimeout(timer);
    this.offerTimers.clear();
    this.declineTimers.clear();
  }

  private changeStatus(agent: Agent, status: AgentStatus, reason: Agent['statusReason'], note = ''): void {
    agent.status = status;
    agent.statusReason = reason;
    if (note) agent.notReadyReason = note;
    else delete agent.notReadyReason;
    agent.statusSince = this.ctx.now();
    this.ctx.bump(agent);
    if (status === 'ready') this.markIdle(agent.id);
    this.ctx.emit({ type: 'agent', agent });
  }

  private pickAgentFor(task: Task): Agent | undefined {
    let best: Agent | undefined;
    const preferred = this.preferred.get(task.id);
    for (const agent of this.ctx.records.agents.values()) {
      if (agent.status !== 'ready' || !agent.queueIds.includes(task.queueId)) continue;
      if (this.linkLost.get(agent.id)?.down) continue;
      if (this.hasPendingOffer(agent.id) || this.declinedLately(task.id, agent.id)) continue;
      if (task.media === 'call' && this.callsInProgress(agent.id) >= MAX_CONCURRENT_CALLS) continue;
      if (agent.id === preferred) return agent;
      if (!best || this.idle(agent) < this.idle(best)) best = agent;
    }
    return best;
  }

  private idle(agent: Agent): number {
    return this.idleSince.get(agent.id) ?? agent.statusSince;
  }

  private declinedLately(taskId: Id, agentId: Id): boolean {
    const at = this.declines.get(taskId)?.get(agentId);
    return at !== undefined && this.ctx.now() - at < DECLINE_COOLDOWN_MS;
  }

  hasPendingOffer(agentId: Id): boolean {
    for (const task of this.ctx.records.tasks.values()) {
      if (task.state === 'offered' && task.offeredTo === agentId) return true;
    }
    return false;
  }

  /** X5: offers a task to this agent now (a transfer to them), with R13's timer as any offer. */
  offerTo(task: Task, agent: Agent): void {
    this.offer(task, agent);
  }

  private offer(task: Task, agent: Agent): void {
    task.state = 'offered';
    task.offeredTo = agent.id;
    task.offeredAt = this.ctx.now();
    this.ctx.bump(task);
    this.markIdle(agent.id);
    const timer = this.ctx.clock.setTimeout(() => this.offerTimedOut(task.id, agent.id), OFFER_TIMEOUT_MS);
    this.offerTimers.set(task.id, timer);
    this.ctx.emit({ type: 'task', task, cause: 'offered' });
  }

  /** After a restore: offers made before have no timer any more, so they go back to the queue and are offered anew. */
  resume(): void {
    for (const task of this.ctx.records.tasks.values()) {
      if (task.state === 'offered') {
        task.state = 'queued';
        delete task.offeredTo;
        delete task.offeredAt;
      }
    }
    this.route();
  }

  /**
   * The agent's link to the backend dropped (`false`) or came back. While it
   * is down nothing is offered to them, and an offer that expires when the
   * link was down at any time since it was made goes on without R13's
   * penalty: the agent never had the whole 15 minutes to see it (N3).
   */
  setLink(agentId: Id, up: boolean): void {
    if (up) {
      const lost = this.linkLost.get(agentId);
      if (lost) lost.down = false;
      this.route();
    } else {
      this.linkLost.set(agentId, { at: this.ctx.now(), down: true });
    }
  }

  /** R13: not accepted within 15 minutes: the agent turns Not Ready and the task goes back, unless their link failed meanwhile. */
  private offerTimedOut(taskId: Id, agentId: Id): void {
    this.offerTimers.delete(taskId);
    const task = this.ctx.records.tasks.get(taskId);
    if (!task || task.state !== 'offered' || task.offeredTo !== agentId) return;
    const lost = this.linkLost.get(agentId);
    const outage = lost !== undefined && (lost.down || lost.at >= (task.offeredAt ?? 0));
    this.requeue(task, outage ? 'withdrawn' : 'offer-timeout');
    const agent = this.ctx.records.agent(agentId);
    if (agent.status === 'ready' && !outage) this.changeStatus(agent, 'not-ready', 'offer-timeout');
    this.route();
  }

  private requeue(task: Task, cause: TaskCause, by?: Id): void {
    this.clearOfferTimer(task.id);
    task.state = 'queued';
    delete task.offeredTo;
    delete task.offeredAt;
    this.ctx.bump(task, by);
    this.ctx.emit({ type: 'task', task, cause });
  }
}
