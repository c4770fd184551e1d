import { CareError } from '../model/errors.js';
import { MAX_CONCURRENT_CALLS, SUMMARY_MAX } from '../model/limits.js';
import { WRAP_UP_MESSAGES, displayName, wrapUpOf, wrapUpRefusal } from '../model/rules.js';
import { validateComment } from '../model/validation.js';
import { assertValid } from './permissions.js';
import type { Activity, ContactFields, Id, MediaType, Task, WrapUp } from '../model/types.js';
import { capped, truncate } from '../model/text.js';
import type { EngineContext } from './context.js';
import type { TaskCause } from './events.js';

/** A contact arriving at the desk: a new chat or call (from the simulator or a test). */
export interface InboundTask {
  media: Extract<MediaType, 'chat' | 'call'>;
  contact: ContactFields;
  /** The customer's first chat line, or what the call is about. */
  opening: string;
  /** Defaults to the push queue of the medium. */
  queueId?: Id;
  /**
   * Push routing offers it to this agent first when they are Ready and free
   * (a customer's own agent, or the demo's "push to me"); else as usual.
   */
  preferredAgentId?: Id;
}

/** A task's life: it arrives, is accepted and is closed (R3, R4, R5, R11). */
export class Tasks {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * A new chat or call arrives. The customer is matched by email or phone;
   * an unknown contact is a new customer (R27). The activity waits without a
   * request until the task is accepted (R4).
   */
  receive(inbound: InboundTask): Task {
    const { records } = this.ctx;
    const queueId = inbound.queueId ?? this.defaultQueue(inbound.media);
    const queue = records.queues.get(queueId);
    if (!queue) throw CareError.notFound('queue', queueId);
    // What arrives from outside is held to the limits every other text keeps (R23), so no record exceeds its schema.
    const contact = {
      name: capped(inbound.contact.name),
      email: capped(inbound.contact.email),
      phone: capped(inbound.contact.phone),
    };
    const opening = capped(inbound.opening);
    const customer = this.ctx.customers.match(contact);
    const now = this.ctx.now();
    const activity: Activity = {
      id: records.newId('act'),
      version: 1,
      updatedAt: now,
      customerId: customer?.id ?? null,
      requestId: null,
      media: inbound.media,
      tags: [],
      startedAt: now,
      summary: truncate(opening, SUMMARY_MAX),
    };
    if (inbound.media === 'call') activity.call = { from: contact.phone };
    records.activities.set(activity.id, activity);
    const task: Task = {
      id: records.newId('task'),
      version: 1,
      updatedAt: now,
      queueId,
      routing: queue.routing,
      media: inbound.media,
      state: 'queued',
      customerId: customer?.id ?? null,
      contact,
      activityId: activity.id,
      receivedAt: now,
    };
    if (activity.summary) task.preview = activity.summary;
    records.tasks.set(task.id, task);
    if (inbound.media === 'chat') {
      this.ctx.activities.appendMessage(activity.id, 'customer', displayName(customer ?? contact), opening);
    }
    this.ctx.emit({ type: 'activity', activity });
    this.ctx.emit({ type: 'task', task, cause: 'received' });
    if (inbound.preferredAgentId) this.ctx.routing.prefer(task.id, inbound.preferredAgentId);
    this.ctx.routing.route();
    return task;
  }

  /**
   * Accepts a task (R3): a pick task from the queue, or a push task offered
   * to this agent. At most one call at a time (R5). The activity joins the
   * customer's most recent open request, or a new one (R4).
   */
  accept(agentId: Id, taskId: Id): Task {
    const agent = this.ctx.records.agent(agentId);
    const task = this.ctx.records.task(taskId);
    if (task.state === 'accepted' || task.state === 'closed') {
      throw CareError.refused('already-taken', 'Another agent has already taken this task.');
    }
    if (task.routing === 'push' && (task.state !== 'offered' || task.offeredTo !== agentId)) {
      throw CareError.refused('not-offered', 'This task is not offered to you.');
    }
    if (task.routing === 'pick' && !agent.queueIds.includes(task.queueId)) {
      throw CareError.refused('not-offered', 'This task is in a queue you do not serve.');
    }
    if (task.media === 'call' && this.ctx.routing.callsInProgress(agentId) >= MAX_CONCURRENT_CALLS) {
      throw CareError.refused('call-in-progress', 'You are already on a call. Finish it before taking another.');
    }
    this.ctx.routing.clearOfferTimer(task.id);
    task.state = 'accepted';
    task.acceptedBy = agentId;
    task.acceptedAt = this.ctx.now();
    delete task.offeredTo;
    delete task.offeredAt;
    this.ctx.bump(task, agentId);
    if (task.media === 'call') this.ctx.routing.withdrawCallOffers(agentId);

    const activity = this.ctx.records.activity(task.activityId);
    if (activity.call) activity.call.connectedAt = this.ctx.now();
    // A transferred task's activity keeps the open request it is in (X5); otherwise it is filed now (R4).
    const filed = activity.requestId !== null && this.ctx.records.requests.get(activity.requestId)?.status === 'open';
    if (task.customerId !== null && !filed) this.ctx.requests.attach(activity, task.customerId, agentId);
    else this.ctx.bump(activity, agentId);
    this.ctx.emit({ type: 'activity', activity, changedBy: this.ctx.ref(agentId) });
    this.ctx.emit({ type: 'task', task, cause: 'accepted' });
    this.ctx.routing.route();
    return task;
  }

  /**
   * Ends the interaction (R11). The desktop asks about unsaved changes before
   * calling this. Where the queue asks for a wrap-up (X6), the code must be
   * one of its list (and given, if required); code and note are kept on the task.
   */
  close(agentId: Id, taskId: Id, wrapUp?: WrapUp): Task {
    const task = this.ctx.permissions.ownTask(agentId, taskId);
    const refusal = wrapUpRefusal(this.ctx.records.queues.get(task.queueId)?.wrapUp, wrapUp);
    if (refusal) throw CareError.refused('wrap-up-required', WRAP_UP_MESSAGES[refusal]);
    if (wrapUp?.note) assertValid(validateComment(wrapUp.note));
    const kept = wrapUpOf(wrapUp);
    if (kept) task.wrapUp = kept;
    return this.finish(task, 'closed', agentId);
  }

  /**
   * The task ends: by the agent's Close, or by the backend when its wrap-up
   * time runs out (X6, no agent and no wrap-up). The interaction ends with
   * it unless wrap-up ended it before.
   */
  finish(task: Task, cause: Extract<TaskCause, 'closed' | 'wrap-up-timeout'>, agentId?: Id): Task {
    const now = this.ctx.now();
    this.ctx.wrapUps.forget(task.id);
    task.state = 'closed';
    task.closedAt = now;
    this.ctx.bump(task, agentId);
    const activity = this.ctx.records.activity(task.activityId);
    this.end(activity, agentId);
    if (task.acceptedBy) {
      this.ctx.requests.touchOf(activity, agentId ?? task.acceptedBy);
      this.ctx.routing.markIdle(task.acceptedBy);
    }
    this.ctx.emit({ type: 'task', task, cause });
    this.ctx.routing.route();
    return task;
  }

  /** The interaction is over (a call hangs up, a chat takes no more lines); once only. */
  end(activity: Activity, agentId?: Id): void {
    if (activity.endedAt !== undefined) return;
    activity.endedAt = this.ctx.now();
    if (activity.call) activity.call.endedAt = activity.endedAt;
    this.ctx.bump(activity, agentId);
    this.ctx.emit({ type: 'activity', activity, ...(agentId ? { changedBy: this.ctx.ref(agentId) } : {}) });
  }

  /** The push queue of the medium, else any queue that takes it. */
  private defaultQueue(media: MediaType): Id {
    const queues = [...this.ctx.records.queues.values()];
    const queue = queues.find((q) => q.routing === 'push' && q.media.includes(media)) ?? queues.find((q) => q.media.includes(media));
    if (!queue) throw CareError.notFound('queue for', media);
    return queue.id;
  }
}
