import { CareError, type ConflictDetail } from '../model/errors.js';
import { AUTO_CLOSE_MS, MAX_CONCURRENT_CALLS, OFFER_TIMEOUT_MS } from '../model/limits.js';
import { displayName, isReadOnly, isTaskVisibleTo, lastTouched, mostRecentOpenRequest, moveRefusal } from '../model/rules.js';
import type {
  Activity,
  Agent,
  AgentRef,
  AgentStatus,
  CareRequest,
  ChatMessage,
  ChatSender,
  Comment,
  ContactFields,
  Customer,
  EntityKind,
  Id,
  Journey,
  MediaType,
  MoveTarget,
  Queue,
  RequestFields,
  RequestPatch,
  Task,
  Versioned,
} from '../model/types.js';
import {
  validateComment,
  validateCustomerFields,
  validateRequestFields,
  validateTag,
  validateMessage,
  normaliseTag,
  tagKey,
  type ValidationIssue,
} from '../model/validation.js';
import type { Clock, TimerHandle } from './clock.js';
import { SystemClock } from './clock.js';
import type { EngineEvent, EngineListener, TaskCause } from './events.js';
import type { SeedData } from './seed.js';

/** A contact arriving at the desk: a new chat or call (from the simulator or a test). */
export interface InboundTask {
  media: Extract<MediaType, 'chat' | 'call'>;
  contact: ContactFields;
  /** The customer's first chat line, or what the call is about. */
  opening: string;
  /** Defaults to the push queue of the medium. */
  queueId?: Id;
}

/** What an agent sees on sign-in. */
export interface AgentSnapshot {
  agent: Agent;
  queues: Queue[];
  /** Tasks visible to the agent: queued in its pick queues, offered to it, accepted by it. */
  tasks: Task[];
  now: number;
}

export interface EngineOptions {
  /** Where time comes from; a {@link VirtualClock} in tests. Defaults to real time. */
  clock?: Clock;
  /** Data to start with (see createSeed). Without it the engine starts empty, with no queues. */
  seed?: SeedData;
}

let idCounter = 0;

/**
 * The embedded backend: holds the data and enforces every rule a real
 * backend would (R3–R5, R12, R13, R18, R25, R26, R28, R29, versions for R6).
 * Several agents share one engine, so one agent's change reaches the others
 * through {@link CareEngine.subscribe}. Plain TypeScript: no DOM, no globals
 * but the clock it is given.
 */
export class CareEngine {
  readonly clock: Clock;
  private readonly queues = new Map<Id, Queue>();
  private readonly agents = new Map<Id, Agent>();
  private readonly customers = new Map<Id, Customer>();
  private readonly requests = new Map<Id, CareRequest>();
  private readonly activities = new Map<Id, Activity>();
  private readonly comments = new Map<Id, Comment[]>();
  private readonly transcripts = new Map<Id, ChatMessage[]>();
  private readonly tasks = new Map<Id, Task>();
  private readonly listeners = new Set<EngineListener>();
  private readonly offerTimers = new Map<Id, TimerHandle>();
  private readonly closeTimers = new Map<Id, TimerHandle>();
  /** Last time each agent was offered or finished a task: push routing favours the longest idle. */
  private readonly idleSince = new Map<Id, number>();
  private readonly prefix = `e${++idCounter}`;
  private nextId = 1;

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    if (options.seed) this.load(options.seed);
  }

  // ── Events ────────────────────────────────────────────────────────────

  /** Listens to every change. Returns the function that stops listening. */
  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: EngineEvent): void {
    const copy = structuredClone(event);
    for (const listener of [...this.listeners]) listener(copy);
  }

  // ── Queries (any agent may read: previews are R1, R2) ─────────────────

  now(): number {
    return this.clock.now();
  }

  /** The agent, its queues and the tasks it can see. */
  snapshot(agentId: Id): AgentSnapshot {
    const agent = this.agent(agentId);
    return clone({
      agent,
      queues: agent.queueIds.map((id) => this.queues.get(id)).filter(isDefined),
      tasks: [...this.tasks.values()].filter((t) => isTaskVisibleTo(t, agent)),
      now: this.now(),
    });
  }

  getAgent(agentId: Id): Agent {
    return clone(this.agent(agentId));
  }

  listAgents(): Agent[] {
    return clone([...this.agents.values()]);
  }

  listQueues(): Queue[] {
    return clone([...this.queues.values()]);
  }

  /** Every task not yet closed (tools, demos and the simulator). */
  listTasks(): Task[] {
    return clone([...this.tasks.values()].filter((t) => t.state !== 'closed'));
  }

  getTask(taskId: Id): Task {
    return clone(this.task(taskId));
  }

  /** Every customer (the simulator picks returning customers from them). */
  listCustomers(): Customer[] {
    return clone([...this.customers.values()]);
  }

  getCustomer(customerId: Id): Customer {
    return clone(this.customer(customerId));
  }

  getRequest(requestId: Id): CareRequest {
    return clone(this.request(requestId));
  }

  getActivity(activityId: Id): Activity {
    return clone(this.activity(activityId));
  }

  /** A customer's requests and activities, oldest first (R16). */
  getJourney(customerId: Id): Journey {
    const customer = this.customer(customerId);
    const requests = [...this.requests.values()]
      .filter((r) => r.customerId === customerId)
      .sort((a, b) => a.createdAt - b.createdAt);
    const activities = [...this.activities.values()]
      .filter((a) => a.customerId === customerId)
      .sort((a, b) => a.startedAt - b.startedAt);
    // Journeys can hold thousands of activities: copy them by hand, several times faster than structuredClone.
    return { customer: clone(customer), requests: requests.map((r) => ({ ...r })), activities: activities.map(copyActivity) };
  }

  /** Comments of an activity, oldest first (R20). */
  getComments(activityId: Id): Comment[] {
    this.activity(activityId);
    return clone(this.comments.get(activityId) ?? []);
  }

  /** The chat transcript of an activity, oldest first (R15). */
  getTranscript(activityId: Id): ChatMessage[] {
    this.activity(activityId);
    return clone(this.transcripts.get(activityId) ?? []);
  }

  /** Customers whose name, email or phone contains `query` (R29's "search for one"). */
  searchCustomers(query: string, limit = 20): Customer[] {
    const needle = query.trim().toLocaleLowerCase();
    const digits = query.replace(/\D/g, '');
    if (!needle) return [];
    const hits = [...this.customers.values()].filter(
      (c) =>
        c.name.toLocaleLowerCase().includes(needle) ||
        c.email.toLocaleLowerCase().includes(needle) ||
        (digits.length >= 3 && c.phone.replace(/\D/g, '').includes(digits)),
    );
    return clone(hits.slice(0, limit));
  }

  // ── Agent status and routing (R12, R13, R26) ──────────────────────────

  /** Sets Ready or Not Ready (R12). Going Not Ready withdraws a pending offer. */
  setStatus(agentId: Id, status: AgentStatus): Agent {
    const agent = this.agent(agentId);
    if (agent.status !== status) {
      this.changeStatus(agent, status, 'manual');
      if (status === 'not-ready') {
        for (const task of this.tasks.values()) {
          if (task.state === 'offered' && task.offeredTo === agentId) this.requeue(task, 'withdrawn');
        }
      }
      this.route();
    }
    return clone(agent);
  }

  private changeStatus(agent: Agent, status: AgentStatus, reason: Agent['statusReason']): void {
    agent.status = status;
    agent.statusReason = reason;
    agent.statusSince = this.now();
    this.bump(agent);
    if (status === 'ready') this.idleSince.set(agent.id, this.now());
    this.emit({ type: 'agent', agent });
  }

  /**
   * Offers queued push tasks to Ready agents, oldest task first, longest idle
   * agent first; one pending offer per agent; never a second call (R5, R12, R26).
   */
  private route(): void {
    const queued = [...this.tasks.values()]
      .filter((t) => t.state === 'queued' && t.routing === 'push')
      .sort((a, b) => a.receivedAt - b.receivedAt);
    for (const task of queued) {
      const agent = this.pickAgentFor(task);
      if (agent) this.offer(task, agent);
    }
  }

  private pickAgentFor(task: Task): Agent | undefined {
    let best: Agent | undefined;
    for (const agent of this.agents.values()) {
      if (agent.status !== 'ready' || !agent.queueIds.includes(task.queueId)) continue;
      if (this.hasPendingOffer(agent.id)) continue;
      if (task.media === 'call' && this.callsInProgress(agent.id) >= MAX_CONCURRENT_CALLS) continue;
      if (!best || this.idle(agent) < this.idle(best)) best = agent;
    }
    return best;
  }

  private idle(agent: Agent): number {
    return this.idleSince.get(agent.id) ?? agent.statusSince;
  }

  private hasPendingOffer(agentId: Id): boolean {
    for (const task of this.tasks.values()) {
      if (task.state === 'offered' && task.offeredTo === agentId) return true;
    }
    return false;
  }

  private callsInProgress(agentId: Id): number {
    let calls = 0;
    for (const task of this.tasks.values()) {
      if (task.state === 'accepted' && task.acceptedBy === agentId && task.media === 'call') calls++;
    }
    return calls;
  }

  private offer(task: Task, agent: Agent): void {
    task.state = 'offered';
    task.offeredTo = agent.id;
    task.offeredAt = this.now();
    this.bump(task);
    this.idleSince.set(agent.id, this.now());
    const timer = this.clock.setTimeout(() => this.offerTimedOut(task.id, agent.id), OFFER_TIMEOUT_MS);
    this.offerTimers.set(task.id, timer);
    this.emit({ type: 'task', task, cause: 'offered' });
  }

  /** R13: not accepted within 15 minutes: the agent turns Not Ready and the task goes back. */
  private offerTimedOut(taskId: Id, agentId: Id): void {
    this.offerTimers.delete(taskId);
    const task = this.tasks.get(taskId);
    if (!task || task.state !== 'offered' || task.offeredTo !== agentId) return;
    this.requeue(task, 'offer-timeout');
    const agent = this.agent(agentId);
    if (agent.status === 'ready') this.changeStatus(agent, 'not-ready', 'offer-timeout');
    this.route();
  }

  private requeue(task: Task, cause: TaskCause): void {
    this.clearOfferTimer(task.id);
    task.state = 'queued';
    delete task.offeredTo;
    delete task.offeredAt;
    this.bump(task);
    this.emit({ type: 'task', task, cause });
  }

  private clearOfferTimer(taskId: Id): void {
    const timer = this.offerTimers.get(taskId);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.offerTimers.delete(taskId);
  }

  // ── Tasks (R3, R4, R5, R11, R14) ──────────────────────────────────────

  /**
   * A new chat or call arrives. The customer is matched by email or phone;
   * an unknown contact is a new customer (R27). The activity waits without a
   * request until the task is accepted (R4).
   */
  receive(inbound: InboundTask): Task {
    const queueId = inbound.queueId ?? this.defaultQueue(inbound.media);
    const queue = this.queues.get(queueId);
    if (!queue) throw CareError.notFound('queue', queueId);
    const customer = this.matchCustomer(inbound.contact);
    const now = this.now();
    const activity: Activity = {
      id: this.newId('act'),
      version: 1,
      updatedAt: now,
      customerId: customer?.id ?? null,
      requestId: null,
      media: inbound.media,
      tags: [],
      startedAt: now,
      summary: truncate(inbound.opening, 120),
    };
    if (inbound.media === 'call') activity.call = { from: inbound.contact.phone };
    this.activities.set(activity.id, activity);
    const task: Task = {
      id: this.newId('task'),
      version: 1,
      updatedAt: now,
      queueId,
      routing: queue.routing,
      media: inbound.media,
      state: 'queued',
      customerId: customer?.id ?? null,
      contact: { ...inbound.contact },
      activityId: activity.id,
      receivedAt: now,
    };
    this.tasks.set(task.id, task);
    if (inbound.media === 'chat') {
      this.appendMessage(activity.id, 'customer', displayName(customer ?? inbound.contact), inbound.opening);
    }
    this.emit({ type: 'activity', activity });
    this.emit({ type: 'task', task, cause: 'received' });
    this.route();
    return clone(task);
  }

  private defaultQueue(media: MediaType): Id {
    for (const queue of this.queues.values()) {
      if (queue.routing === 'push' && queue.media.includes(media)) return queue.id;
    }
    for (const queue of this.queues.values()) {
      if (queue.media.includes(media)) return queue.id;
    }
    throw CareError.notFound('queue for', media);
  }

  private matchCustomer(contact: ContactFields): Customer | undefined {
    const email = contact.email.trim().toLocaleLowerCase();
    const phone = contact.phone.replace(/\D/g, '');
    for (const customer of this.customers.values()) {
      if (email && customer.email.trim().toLocaleLowerCase() === email) return customer;
      if (phone.length >= 5 && customer.phone.replace(/\D/g, '') === phone) return customer;
    }
    return undefined;
  }

  /**
   * Accepts a task (R3): a pick task from the queue, or a push task offered
   * to this agent. At most one call at a time (R5). The activity joins the
   * customer's most recent open request, or a new one (R4).
   */
  acceptTask(agentId: Id, taskId: Id): Task {
    const agent = this.agent(agentId);
    const task = this.task(taskId);
    if (task.state === 'accepted' || task.state === 'closed') {
      throw CareError.refused('already-taken', 'Another agent has already taken this task.');
    }
    if (task.routing === 'push' && (task.state !== 'offered' || task.offeredTo !== agentId)) {
      throw CareError.refused('not-offered', 'This task is not offered to you.');
    }
    if (task.routing === 'pick' && !agent.queueIds.includes(task.queueId)) {
      throw CareError.refused('not-offered', 'This task is in a queue you do not serve.');
    }
    if (task.media === 'call' && this.callsInProgress(agentId) >= MAX_CONCURRENT_CALLS) {
      throw CareError.refused('call-in-progress', 'You are already on a call. Finish it before taking another.');
    }
    this.clearOfferTimer(task.id);
    task.state = 'accepted';
    task.acceptedBy = agentId;
    task.acceptedAt = this.now();
    delete task.offeredTo;
    delete task.offeredAt;
    this.bump(task, agentId);

    const activity = this.activity(task.activityId);
    if (activity.call) activity.call.connectedAt = this.now();
    if (task.customerId !== null) this.attachToRequest(activity, task.customerId, agentId);
    else this.bump(activity, agentId);
    this.emit({ type: 'activity', activity, changedBy: this.ref(agentId) });
    this.emit({ type: 'task', task, cause: 'accepted' });
    this.route();
    return clone(task);
  }

  /** R4: the most recent open request, or a new request titled after the activity. */
  private attachToRequest(activity: Activity, customerId: Id, agentId: Id): void {
    const open = mostRecentOpenRequest(this.requestsOf(customerId));
    const request = open ?? this.insertRequest(customerId, { title: activity.summary, description: '' }, agentId);
    activity.requestId = request.id;
    activity.customerId = customerId;
    this.bump(activity, agentId);
    this.touchRequest(request, agentId);
  }

  /** Ends the interaction (R11). The desktop asks about unsaved changes before calling this. */
  closeTask(agentId: Id, taskId: Id): Task {
    const task = this.ownTask(agentId, taskId);
    task.state = 'closed';
    task.closedAt = this.now();
    this.bump(task, agentId);
    const activity = this.activity(task.activityId);
    activity.endedAt = this.now();
    if (activity.call) activity.call.endedAt = this.now();
    this.bump(activity, agentId);
    this.touchRequestOf(activity, agentId);
    this.idleSince.set(agentId, this.now());
    this.emit({ type: 'activity', activity, changedBy: this.ref(agentId) });
    this.emit({ type: 'task', task, cause: 'closed' });
    this.route();
    return clone(task);
  }

  private ownTask(agentId: Id, taskId: Id): Task {
    this.agent(agentId);
    const task = this.task(taskId);
    if (task.state !== 'accepted' || task.acceptedBy !== agentId) {
      throw CareError.refused('not-in-progress', 'This task is not in progress for you.');
    }
    return task;
  }

  // ── Customers (R10, R17, R25, R27) ────────────────────────────────────

  /**
   * Creates the customer of an in-progress task that has none (R10, R27);
   * the task's activity then joins a new request (R4).
   */
  createCustomer(agentId: Id, taskId: Id, fields: ContactFields): Customer {
    const task = this.ownTask(agentId, taskId);
    if (task.customerId !== null) throw CareError.refused('customer-exists', 'This task already has a customer.');
    this.validate(validateCustomerFields(fields));
    const now = this.now();
    const customer: Customer = {
      id: this.newId('cust'),
      version: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: agentId,
      name: fields.name.trim(),
      email: fields.email.trim(),
      phone: fields.phone.trim(),
    };
    this.customers.set(customer.id, customer);
    task.customerId = customer.id;
    this.bump(task, agentId);
    const activity = this.activity(task.activityId);
    this.attachToRequest(activity, customer.id, agentId);
    this.emit({ type: 'customer', customer, changedBy: this.ref(agentId) });
    this.emit({ type: 'activity', activity, changedBy: this.ref(agentId) });
    this.emit({ type: 'task', task, cause: 'accepted' });
    return clone(customer);
  }

  /** Saves customer fields; refused as a conflict if `expectedVersion` is stale (R6). */
  updateCustomer(agentId: Id, customerId: Id, expectedVersion: number, patch: Partial<ContactFields>): Customer {
    const customer = this.customer(customerId);
    this.assertCustomerInProgress(agentId, customerId);
    this.assertVersion('customer', customer, expectedVersion);
    this.validate(validateCustomerFields(patch));
    for (const key of ['name', 'email', 'phone'] as const) {
      const value = patch[key];
      if (value !== undefined) customer[key] = value.trim();
    }
    this.bump(customer, agentId);
    this.emit({ type: 'customer', customer, changedBy: this.ref(agentId) });
    return clone(customer);
  }

  // ── Requests (R6, R7, R18, R21, R23, R28) ─────────────────────────────

  /**
   * Adds a request for a new problem (R21). With `activityId`, that activity
   * moves into it (R29's "to a new request").
   */
  createRequest(agentId: Id, customerId: Id, fields: RequestFields, activityId?: Id): CareRequest {
    this.customer(customerId);
    this.assertCustomerInProgress(agentId, customerId);
    this.validate(validateRequestFields(fields));
    if (activityId !== undefined) {
      return this.moveActivity(agentId, activityId, { newRequest: fields }).request;
    }
    const request = this.insertRequest(customerId, fields, agentId);
    this.emit({ type: 'request', request, changedBy: this.ref(agentId) });
    return clone(request);
  }

  private insertRequest(customerId: Id, fields: RequestFields, agentId: Id): CareRequest {
    const now = this.now();
    const request: CareRequest = {
      id: this.newId('req'),
      version: 1,
      customerId,
      title: truncate(fields.title, 2000),
      description: fields.description,
      status: 'open',
      createdAt: now,
      updatedAt: now,
      updatedBy: agentId,
    };
    this.requests.set(request.id, request);
    this.scheduleAutoClose(request, now);
    return request;
  }

  /**
   * Saves a request's title or description, or resolves it. Refused when the
   * request is resolved or closed (R28), when the task is not in progress
   * (R25), and as a conflict when `expectedVersion` is stale (R6).
   */
  updateRequest(agentId: Id, requestId: Id, expectedVersion: number, patch: RequestPatch): CareRequest {
    const request = this.request(requestId);
    this.assertCustomerInProgress(agentId, request.customerId);
    this.assertVersion('request', request, expectedVersion);
    if (isReadOnly(request)) throw CareError.refused('read-only', `This request is ${request.status} and can no longer be changed.`);
    this.validate(validateRequestFields(patch));
    if (patch.title !== undefined) request.title = patch.title;
    if (patch.description !== undefined) request.description = patch.description;
    if (patch.status === 'resolved') {
      request.status = 'resolved';
      request.completedAt = this.now();
      this.cancelAutoClose(request.id);
      this.bump(request, agentId);
    } else {
      this.touchRequest(request, agentId);
    }
    this.emit({ type: 'request', request, changedBy: this.ref(agentId) });
    return clone(request);
  }

  /** R18: (re)starts the 5-day countdown from the latest change of the request or its activities. */
  private touchRequest(request: CareRequest, agentId?: Id): void {
    this.bump(request, agentId);
    if (request.status === 'open') this.scheduleAutoClose(request, request.updatedAt);
  }

  private touchRequestOf(activity: Activity, agentId: Id): void {
    const request = activity.requestId === null ? undefined : this.requests.get(activity.requestId);
    if (request && request.status === 'open') {
      this.touchRequest(request, agentId);
      this.emit({ type: 'request', request, changedBy: this.ref(agentId) });
    }
  }

  private scheduleAutoClose(request: CareRequest, touchedAt: number): void {
    this.cancelAutoClose(request.id);
    const delay = touchedAt + AUTO_CLOSE_MS - this.now();
    this.closeTimers.set(
      request.id,
      this.clock.setTimeout(() => this.autoClose(request.id), delay),
    );
  }

  private cancelAutoClose(requestId: Id): void {
    const timer = this.closeTimers.get(requestId);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.closeTimers.delete(requestId);
  }

  private autoClose(requestId: Id): void {
    this.closeTimers.delete(requestId);
    const request = this.requests.get(requestId);
    if (!request || request.status !== 'open') return;
    request.status = 'closed';
    request.completedAt = this.now();
    this.bump(request);
    delete request.updatedBy;
    this.emit({ type: 'request', request });
  }

  // ── Activities: tags, comments, moves, chat (R9, R15, R16, R19, R20, R29) ──

  /**
   * Adds a tag (R9): at most 50 characters, unique on the activity regardless
   * of case. Tags are a set, so concurrent tagging merges instead of conflicting.
   */
  addTag(agentId: Id, activityId: Id, text: string): Activity {
    const activity = this.editableActivity(agentId, activityId);
    this.validate(validateTag(text, activity.tags));
    activity.tags.push(normaliseTag(text));
    return this.activityChanged(activity, agentId);
  }

  /** Removes a tag (matched regardless of case). */
  removeTag(agentId: Id, activityId: Id, tag: string): Activity {
    const activity = this.editableActivity(agentId, activityId);
    const key = tagKey(tag);
    const before = activity.tags.length;
    activity.tags = activity.tags.filter((t) => tagKey(t) !== key);
    if (activity.tags.length === before) throw CareError.notFound('tag', tag);
    return this.activityChanged(activity, agentId);
  }

  private activityChanged(activity: Activity, agentId: Id): Activity {
    this.bump(activity, agentId);
    this.touchRequestOf(activity, agentId);
    this.emit({ type: 'activity', activity, changedBy: this.ref(agentId) });
    return clone(activity);
  }

  /**
   * Adds a comment to an activity (R20, R23). Comments are notes about the
   * interaction, so they may be added to any activity of the customer in
   * progress, even in a closed request; they do not reopen it.
   */
  addComment(agentId: Id, activityId: Id, text: string): Comment {
    const activity = this.activity(activityId);
    this.assertActivityInProgress(agentId, activity);
    this.validate(validateComment(text));
    const agent = this.agent(agentId);
    const comment: Comment = {
      id: this.newId('com'),
      activityId,
      authorId: agentId,
      authorName: agent.name,
      text,
      createdAt: this.now(),
    };
    const list = this.comments.get(activityId) ?? [];
    list.push(comment);
    this.comments.set(activityId, list);
    this.emit({ type: 'comment', comment });
    return clone(comment);
  }

  /**
   * Moves an activity to another open request of the same customer or to a
   * new request (R16, R29). Never into a closed or resolved request; an
   * activity of a closed request stays where it is; an activity without a
   * request can be moved into one.
   */
  moveActivity(agentId: Id, activityId: Id, target: MoveTarget): { activity: Activity; request: CareRequest } {
    const activity = this.activity(activityId);
    this.assertActivityInProgress(agentId, activity);
    if (activity.customerId === null) {
      throw CareError.refused('customer-required', 'Create the customer before filing this activity in a request.');
    }
    const source = activity.requestId === null ? undefined : this.request(activity.requestId);
    const existing = 'requestId' in target ? this.request(target.requestId) : undefined;
    const refusal = moveRefusal(activity, source, existing);
    if (refusal) throw CareError.refused(refusal, MOVE_MESSAGES[refusal]);
    let destination = existing;
    if (!destination && 'newRequest' in target) {
      this.validate(validateRequestFields(target.newRequest));
      destination = this.insertRequest(activity.customerId, target.newRequest, agentId);
    }
    if (!destination) throw CareError.refused('invalid-state', 'Say where the activity should go.');
    activity.requestId = destination.id;
    this.bump(activity, agentId);
    this.touchRequest(destination, agentId);
    if (source) {
      this.touchRequest(source, agentId);
      this.emit({ type: 'request', request: source, changedBy: this.ref(agentId) });
    }
    this.emit({ type: 'request', request: destination, changedBy: this.ref(agentId) });
    this.emit({ type: 'activity', activity, changedBy: this.ref(agentId) });
    return clone({ activity, request: destination });
  }

  /**
   * Moves an activity that was matched to the wrong customer (R29). It joins
   * the other customer's most recent open request or a new one (R4); an
   * in-progress task of that activity follows it.
   */
  moveActivityToCustomer(agentId: Id, activityId: Id, customerId: Id): Activity {
    const activity = this.activity(activityId);
    this.assertActivityInProgress(agentId, activity);
    const target = this.customer(customerId);
    if (activity.customerId === customerId) {
      throw CareError.refused('same-request', 'The activity already belongs to this customer.');
    }
    const source = activity.requestId === null ? undefined : this.request(activity.requestId);
    if (source && isReadOnly(source)) throw CareError.refused('source-closed', MOVE_MESSAGES['source-closed']);
    if (source) {
      this.touchRequest(source, agentId);
      this.emit({ type: 'request', request: source, changedBy: this.ref(agentId) });
    }
    this.attachToRequest(activity, target.id, agentId);
    for (const task of this.tasks.values()) {
      if (task.activityId === activityId && task.state !== 'closed') {
        task.customerId = target.id;
        this.bump(task, agentId);
        this.emit({ type: 'task', task, cause: 'reassigned' });
      }
    }
    const request = this.request(activity.requestId as Id);
    this.emit({ type: 'request', request, changedBy: this.ref(agentId) });
    this.emit({ type: 'activity', activity, changedBy: this.ref(agentId) });
    return clone(activity);
  }

  /** The agent writes in a chat it has accepted (R15). */
  sendChatMessage(agentId: Id, activityId: Id, text: string): ChatMessage {
    const task = [...this.tasks.values()].find((t) => t.activityId === activityId);
    if (!task || task.media !== 'chat') throw CareError.notFound('chat', activityId);
    this.ownTask(agentId, task.id);
    this.validate(validateMessage(text));
    return this.appendMessage(activityId, 'agent', this.agent(agentId).name, text);
  }

  /** The customer writes in a running chat (the simulator, or a test). */
  customerSays(activityId: Id, text: string): ChatMessage {
    const activity = this.activity(activityId);
    if (activity.media !== 'chat' || activity.endedAt !== undefined) {
      throw CareError.refused('invalid-state', 'This chat has ended.');
    }
    const customer = activity.customerId ? this.customers.get(activity.customerId) : undefined;
    const task = [...this.tasks.values()].find((t) => t.activityId === activityId);
    return this.appendMessage(activityId, 'customer', displayName(customer ?? task?.contact), truncate(text, 2000));
  }

  private appendMessage(activityId: Id, from: ChatSender, authorName: string, text: string): ChatMessage {
    const message: ChatMessage = { id: this.newId('msg'), activityId, from, authorName, text, at: this.now() };
    const list = this.transcripts.get(activityId) ?? [];
    list.push(message);
    this.transcripts.set(activityId, list);
    this.emit({ type: 'chat-message', message });
    return clone(message);
  }

  // ── Guards (R25, R28, R6) ─────────────────────────────────────────────

  /** R25: customer data changes only while one of the agent's tasks for that customer is in progress. */
  private assertCustomerInProgress(agentId: Id, customerId: Id): void {
    this.agent(agentId);
    for (const task of this.tasks.values()) {
      if (task.state === 'accepted' && task.acceptedBy === agentId && task.customerId === customerId) return;
    }
    throw CareError.refused('not-in-progress', 'Accept a task for this customer before changing their records.');
  }

  /** R25 for activities: the activity's customer is in progress, or it is the task's own activity. */
  private assertActivityInProgress(agentId: Id, activity: Activity): void {
    this.agent(agentId);
    for (const task of this.tasks.values()) {
      if (task.state !== 'accepted' || task.acceptedBy !== agentId) continue;
      if (task.activityId === activity.id) return;
      if (activity.customerId !== null && task.customerId === activity.customerId) return;
    }
    throw CareError.refused('not-in-progress', 'Accept a task for this customer before changing their records.');
  }

  private editableActivity(agentId: Id, activityId: Id): Activity {
    const activity = this.activity(activityId);
    this.assertActivityInProgress(agentId, activity);
    const request = activity.requestId === null ? undefined : this.requests.get(activity.requestId);
    if (request && isReadOnly(request)) {
      throw CareError.refused('read-only', `This activity belongs to a ${request.status} request and can no longer be changed.`);
    }
    return activity;
  }

  private assertVersion(kind: EntityKind, entity: Versioned, expectedVersion: number): void {
    if (entity.version === expectedVersion) return;
    const changer = entity.updatedBy ? this.agents.get(entity.updatedBy) : undefined;
    const conflict: ConflictDetail = {
      entity: kind,
      id: entity.id,
      expectedVersion,
      actualVersion: entity.version,
      current: clone(entity),
    };
    if (changer) conflict.changedBy = { id: changer.id, name: changer.name };
    throw new CareError({
      kind: 'conflict',
      conflict,
      message: changer
        ? `${changer.name} changed this ${kind} while you were editing it.`
        : `This ${kind} changed while you were editing it.`,
    });
  }

  private validate(issues: ValidationIssue[]): void {
    if (issues.length) throw CareError.validation(issues);
  }

  // ── Storage helpers ───────────────────────────────────────────────────

  private load(seed: SeedData): void {
    for (const queue of seed.queues) this.queues.set(queue.id, clone(queue));
    for (const agent of seed.agents) this.agents.set(agent.id, clone(agent));
    for (const customer of seed.customers) this.customers.set(customer.id, clone(customer));
    for (const request of seed.requests) this.requests.set(request.id, clone(request));
    for (const activity of seed.activities) this.activities.set(activity.id, clone(activity));
    for (const comment of seed.comments) {
      const list = this.comments.get(comment.activityId) ?? [];
      list.push(clone(comment));
      this.comments.set(comment.activityId, list);
    }
    for (const message of seed.transcripts) {
      const list = this.transcripts.get(message.activityId) ?? [];
      list.push(clone(message));
      this.transcripts.set(message.activityId, list);
    }
    const activities = [...this.activities.values()];
    for (const request of this.requests.values()) {
      if (request.status === 'open') this.scheduleAutoClose(request, lastTouched(request, activities));
    }
  }

  /** Adds a queue (hosts and tests that start without a seed). */
  addQueue(queue: Queue): void {
    this.queues.set(queue.id, clone(queue));
  }

  /** Adds an agent who can then sign in (hosts and tests that start without a seed). */
  addAgent(agent: Pick<Agent, 'id' | 'name' | 'queueIds'>): Agent {
    const now = this.now();
    const full: Agent = {
      ...clone(agent),
      version: 1,
      updatedAt: now,
      status: 'not-ready',
      statusReason: 'signed-in',
      statusSince: now,
    };
    this.agents.set(full.id, full);
    this.emit({ type: 'agent', agent: full });
    return clone(full);
  }

  /** Adds a customer directly (tests and hosts that bring their own data). */
  addCustomer(fields: ContactFields): Customer {
    const now = this.now();
    const customer: Customer = { id: this.newId('cust'), version: 1, createdAt: now, updatedAt: now, ...fields };
    this.customers.set(customer.id, customer);
    this.emit({ type: 'customer', customer });
    return clone(customer);
  }

  /** Stops every timer: call when throwing the engine away. */
  dispose(): void {
    for (const timer of [...this.offerTimers.values(), ...this.closeTimers.values()]) this.clock.clearTimeout(timer);
    this.offerTimers.clear();
    this.closeTimers.clear();
    this.listeners.clear();
  }

  private requestsOf(customerId: Id): CareRequest[] {
    return [...this.requests.values()].filter((r) => r.customerId === customerId);
  }

  private bump(entity: Versioned, agentId?: Id): void {
    entity.version += 1;
    entity.updatedAt = this.now();
    if (agentId) entity.updatedBy = agentId;
  }

  private ref(agentId: Id): AgentRef {
    return { id: agentId, name: this.agent(agentId).name };
  }

  private newId(kind: string): Id {
    return `${kind}-${this.prefix}-${this.nextId++}`;
  }

  private agent(id: Id): Agent {
    return this.get(this.agents, 'agent', id);
  }

  private task(id: Id): Task {
    return this.get(this.tasks, 'task', id);
  }

  private customer(id: Id): Customer {
    return this.get(this.customers, 'customer', id);
  }

  private request(id: Id): CareRequest {
    return this.get(this.requests, 'request', id);
  }

  private activity(id: Id): Activity {
    return this.get(this.activities, 'activity', id);
  }

  private get<T>(map: Map<Id, T>, kind: string, id: Id): T {
    const value = map.get(id);
    if (value === undefined) throw CareError.notFound(kind, id);
    return value;
  }
}

const MOVE_MESSAGES: Record<NonNullable<ReturnType<typeof moveRefusal>>, string> = {
  'source-closed': 'This activity belongs to a closed request and cannot be moved.',
  'target-closed': 'Activities cannot be moved into a closed or resolved request.',
  'same-request': 'The activity is already in this request.',
  'other-customer': 'That request belongs to another customer; use “Move to another customer”.',
};

function copyActivity(activity: Activity): Activity {
  const copy: Activity = { ...activity, tags: [...activity.tags] };
  if (activity.call) copy.call = { ...activity.call };
  return copy;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function truncate(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
