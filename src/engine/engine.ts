import { SEARCH_RESULTS_MAX } from '../model/limits.js';
import { isTaskVisibleTo } from '../model/rules.js';
import type {
  Activity,
  CannedResponse,
  Agent,
  AgentStatus,
  CareRequest,
  ChatMessage,
  Comment,
  ContactFields,
  Customer,
  Id,
  Journey,
  MoveTarget,
  Queue,
  RequestFields,
  RequestPatch,
  SessionSnapshot,
  Task,
  TransferTarget,
  TransferTargets,
  WrapUp,
} from '../model/types.js';
import type { Clock } from './clock.js';
import { SystemClock } from './clock.js';
import { EngineContext } from './context.js';
import type { EngineListener } from './events.js';
import { clone, copyActivity } from './records.js';
import { Replays } from './replays.js';
import { Transfers } from './transfers.js';
import type { SeedData } from './seed.js';
import type { InboundTask } from './tasks.js';

export type { InboundTask } from './tasks.js';

export interface EngineOptions {
  /** Where time comes from; a {@link VirtualClock} in tests. Defaults to real time. */
  clock?: Clock;
  /** Data to start with (see createSeed). Without it the engine starts empty, with no queues. */
  seed?: SeedData;
}

/**
 * The embedded backend: holds the data and enforces the rules a real backend
 * would (R3–R5, R12, R13, R18, R21, R25, R26, R28, R29, versions for R6).
 * Several agents share one engine and hear each other's changes through
 * {@link CareEngine.subscribe}. No DOM, no globals but the clock it is given.
 * A thin facade: the parts in context.ts do the work; everything returned is a copy.
 */
export class CareEngine {
  readonly clock: Clock;
  private readonly ctx: EngineContext;
  private readonly replays = new Replays();
  private readonly transfers: Transfers;

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.ctx = new EngineContext(this.clock);
    this.transfers = new Transfers(this.ctx);
    if (options.seed) {
      this.ctx.records.load(options.seed);
      this.ctx.requests.scheduleAll();
      this.ctx.wrapUps.scheduleAll();
      this.ctx.routing.resume();
    }
  }

  /**
   * The engine's whole state as data: give it back as `seed` to a new engine
   * and it carries on (open tasks included; an offer made before becomes
   * queued again and is offered anew). The demo keeps it in IndexedDB so a
   * reload loses nothing saved (N1).
   */
  exportData(): Required<SeedData> {
    return this.ctx.records.export();
  }

  /** Listens to every change. Returns the function that stops listening. */
  subscribe(listener: EngineListener): () => void {
    return this.ctx.subscribe(listener);
  }

  now(): number {
    return this.ctx.now();
  }

  // ── Queries (any agent may read: previews are R1, R2) ─────────────────

  /** The agent, its queues and the tasks it can see. */
  snapshot(agentId: Id): SessionSnapshot {
    const { records } = this.ctx;
    const agent = records.agent(agentId);
    return clone({
      agent,
      queues: agent.queueIds.flatMap((id) => records.queues.get(id) ?? []),
      tasks: [...records.tasks.values()].filter((t) => isTaskVisibleTo(t, agent)),
      now: this.now(),
    });
  }

  getAgent(agentId: Id): Agent {
    return clone(this.ctx.records.agent(agentId));
  }

  listAgents(): Agent[] {
    return clone([...this.ctx.records.agents.values()]);
  }

  listQueues(): Queue[] {
    return clone([...this.ctx.records.queues.values()]);
  }

  /** Every task not yet closed (tools, demos and the simulator). */
  listTasks(): Task[] {
    return clone([...this.ctx.records.tasks.values()].filter((t) => t.state !== 'closed'));
  }

  getTask(taskId: Id): Task {
    return clone(this.ctx.records.task(taskId));
  }

  /** Every customer (the simulator picks returning customers from them). */
  listCustomers(): Customer[] {
    return clone([...this.ctx.records.customers.values()]);
  }

  getCustomer(customerId: Id): Customer {
    return clone(this.ctx.records.customer(customerId));
  }

  getRequest(requestId: Id): CareRequest {
    return clone(this.ctx.records.request(requestId));
  }

  getActivity(activityId: Id): Activity {
    return clone(this.ctx.records.activity(activityId));
  }

  /** A customer's requests and activities, oldest first (R16). */
  getJourney(customerId: Id): Journey {
    const { customer, requests, activities } = this.ctx.records.journey(customerId);
    // Copied by hand: journeys can hold thousands of activities.
    return { customer: clone(customer), requests: requests.map((r) => ({ ...r })), activities: activities.map(copyActivity) };
  }

  /** Comments of an activity, oldest first (R20). */
  getComments(activityId: Id): Comment[] {
    this.ctx.records.activity(activityId);
    return clone([...this.ctx.records.commentsOf(activityId)]);
  }

  /** The chat transcript of an activity, oldest first (R15). */
  getTranscript(activityId: Id): ChatMessage[] {
    this.ctx.records.activity(activityId);
    return clone([...this.ctx.records.transcriptOf(activityId)]);
  }

  /** Customers whose name, email or phone contains `query` (R29's "search for one"). */
  searchCustomers(query: string, limit = SEARCH_RESULTS_MAX): Customer[] {
    return clone(this.ctx.customers.search(query, limit));
  }

  /** X7: the canned responses, in the order agents see them. */
  getCannedResponses(): CannedResponse[] {
    return clone(this.ctx.records.canned);
  }

  // ── Status and tasks (R3, R4, R5, R11, R12, R13, R27) ─────────────────

  /** Sets Ready or Not Ready (R12), Not Ready with a reason (X3). Going Not Ready withdraws a pending offer. */
  setStatus(agentId: Id, status: AgentStatus, reason?: string): Agent {
    return clone(this.ctx.routing.setStatus(agentId, status, reason));
  }

  /** The agent's link dropped or came back: no offers while it is down, and no R13 penalty for an offer it could not see (N3). */
  setLink(agentId: Id, up: boolean): void {
    this.ctx.routing.setLink(agentId, up);
  }

  /** A new chat or call arrives; a known contact is matched to its customer (R27). */
  receive(inbound: InboundTask): Task {
    return clone(this.ctx.tasks.receive(inbound));
  }

  /** Accepts a pick task or an offered push task (R3, R5); its activity joins a request (R4). */
  acceptTask(agentId: Id, taskId: Id): Task {
    return clone(this.ctx.tasks.accept(agentId, taskId));
  }

  /** X5: where a task can be transferred: every queue, the other agents and their status. */
  getTransferTargets(agentId: Id): TransferTargets {
    return clone(this.transfers.targets(agentId));
  }

  /** X5: hands a task in progress on to a queue or an agent, the note as a comment on its activity. */
  transferTask(agentId: Id, taskId: Id, target: TransferTarget, note: string): Task {
    return clone(this.transfers.transfer(agentId, taskId, target, note));
  }

  /** X2: declines a task offered to the agent; it goes on to the next agent at once and the agent stays Ready. */
  declineTask(agentId: Id, taskId: Id): Task {
    return clone(this.ctx.routing.decline(agentId, taskId));
  }

  /** X6: ends the interaction and starts the queue's wrap-up; the task closes by itself when its time limit passes. */
  startWrapUp(agentId: Id, taskId: Id): Task {
    return clone(this.ctx.wrapUps.start(agentId, taskId));
  }

  /** Ends the interaction (R11). The desktop asks about unsaved changes before calling this. */
  closeTask(agentId: Id, taskId: Id, wrapUp?: WrapUp): Task {
    return clone(this.ctx.tasks.close(agentId, taskId, wrapUp));
  }

  // ── Records (R6, R7, R9, R10, R16, R20, R21, R23, R25, R28, R29) ──────

  /** Creates the customer of an in-progress task that has none (R10, R27). */
  createCustomer(agentId: Id, taskId: Id, fields: ContactFields, key?: string): Customer {
    return clone(this.replays.once(agentId, key, `createCustomer ${taskId}`, () => this.ctx.customers.create(agentId, taskId, fields)));
  }

  /** Saves customer fields; refused as a conflict if `expectedVersion` is stale (R6). */
  updateCustomer(agentId: Id, customerId: Id, expectedVersion: number, patch: Partial<ContactFields>): Customer {
    return clone(this.ctx.customers.update(agentId, customerId, expectedVersion, patch));
  }

  /**
   * Adds a request for a new problem; a blank title is a validation error (R21).
   * With `activityId`, that activity moves into it (R29's "to a new request").
   * A repeated idempotency `key` gets the first answer (N3), here and in every append.
   */
  createRequest(agentId: Id, customerId: Id, fields: RequestFields, activityId?: Id, key?: string): CareRequest {
    return clone(this.replays.once(agentId, key, `createRequest ${customerId}`, () => this.ctx.requests.create(agentId, customerId, fields, activityId)));
  }

  /** Saves a request's title or description, or resolves it (R6, R25, R28). */
  updateRequest(agentId: Id, requestId: Id, expectedVersion: number, patch: RequestPatch): CareRequest {
    return clone(this.ctx.requests.update(agentId, requestId, expectedVersion, patch));
  }

  /** Adds a tag (R9); concurrent tagging merges instead of conflicting. */
  addTag(agentId: Id, activityId: Id, text: string): Activity {
    return clone(this.ctx.activities.addTag(agentId, activityId, text));
  }

  /** Removes a tag (matched regardless of case). */
  removeTag(agentId: Id, activityId: Id, tag: string): Activity {
    return clone(this.ctx.activities.removeTag(agentId, activityId, tag));
  }

  /** Adds a comment to an activity of a customer in progress (R20, R23). */
  addComment(agentId: Id, activityId: Id, text: string, key?: string): Comment {
    return clone(this.replays.once(agentId, key, `addComment ${activityId}`, () => this.ctx.activities.addComment(agentId, activityId, text)));
  }

  /**
   * Moves an activity to another open request of its customer, or to a new
   * request, which needs a non-blank title (R16, R21, R29). With
   * `expectedVersion`, a move based on an older version is a conflict (N6).
   */
  moveActivity(agentId: Id, activityId: Id, target: MoveTarget, expectedVersion?: number): { activity: Activity; request: CareRequest } {
    return clone(this.ctx.activities.move(agentId, activityId, target, expectedVersion));
  }

  /** Moves an activity matched to the wrong customer, with its task (R29); a stale `expectedVersion` is a conflict (N6). */
  moveActivityToCustomer(agentId: Id, activityId: Id, customerId: Id, expectedVersion?: number): Activity {
    return clone(this.ctx.activities.moveToCustomer(agentId, activityId, customerId, expectedVersion));
  }

  /** The agent writes in a chat it has accepted (R15). */
  sendChatMessage(agentId: Id, activityId: Id, text: string, key?: string): ChatMessage {
    return clone(this.replays.once(agentId, key, `sendChatMessage ${activityId}`, () => this.ctx.activities.sendChatMessage(agentId, activityId, text)));
  }

  /** The customer writes in a running chat (the simulator, or a test). */
  customerSays(activityId: Id, text: string): ChatMessage {
    return clone(this.ctx.activities.customerSays(activityId, text));
  }

  // ── Setup (hosts and tests that start without a seed) ─────────────────

  /** Adds a queue. */
  addQueue(queue: Queue): void {
    this.ctx.records.queues.set(queue.id, clone(queue));
  }

  /** Adds an agent, Not Ready, who can then sign in. */
  addAgent(agent: Pick<Agent, 'id' | 'name' | 'queueIds'>): Agent {
    const now = this.now();
    const full: Agent = { ...clone(agent), version: 1, updatedAt: now, status: 'not-ready', statusReason: 'signed-in', statusSince: now };
    this.ctx.records.agents.set(full.id, full);
    this.ctx.emit({ type: 'agent', agent: full });
    return clone(full);
  }

  /** Adds a customer directly, without a task. */
  addCustomer(fields: ContactFields): Customer {
    return clone(this.ctx.customers.add(fields));
  }

  /** Stops every timer: call when throwing the engine away. */
  dispose(): void {
    this.ctx.dispose();
  }
}
