import { CareError } from '../model/errors.js';
import { mostRecentOpenRequest } from '../model/rules.js';
import type { Id } from '../model/types.js';
import type { TimerHandle } from './clock.js';
import type { CareEngine } from './engine.js';
import type { EngineEvent } from './events.js';
import { TOPICS } from './phrases.js';
import { Random } from './random.js';
import { createInboundContact, customerFollowUp } from './traffic.js';

export interface SimulatorOptions {
  /** Seed of the simulator's randomness (default 7). */
  seed?: number;
  /** Agents driven by people; every other agent is a simulated colleague. Default `['agent-1']`. */
  people?: Id[];
  /** Mean time between new chats and calls, in ms (default 40 s). */
  meanArrivalMs?: number;
  /** Share of arrivals that go to the pick queue instead of being pushed (default 0.25). */
  pickShare?: number;
  /** Stop bringing in contacts while this many tasks wait (default 10). */
  maxWaiting?: number;
  /**
   * Chance that, after a person accepts a task, a colleague soon edits the
   * same customer or request (R6's conflict, in the demo). Default 0.5.
   */
  colleagueEditChance?: number;
  /** Tasks to put in the pick queue at start when it is empty, so a new user has work at once (default 0). */
  pickAtStart?: number;
}

/** What a colleague changes in {@link Simulator.colleagueEdit}. */
export type ColleagueEdit = 'request' | 'customer';

const SECOND = 1000;

/** Where a colleague takes a case: the request's title says its state, replaced (never appended) on each edit. */
const STAGES = [' — escalated to second line', ' — waiting for the customer', ' — replacement sent'];

/** The title with the next stage in place of the one it had. */
function progressed(title: string): string {
  const stage = STAGES.find((s) => title.endsWith(s));
  const base = stage ? title.slice(0, -stage.length) : title;
  return base + STAGES[(stage ? STAGES.indexOf(stage) + 1 : 0) % STAGES.length];
}

/**
 * Makes the embedded engine feel alive: customers start chats and calls,
 * keep typing in running chats, and simulated colleagues go Ready, accept
 * their offers, answer and close. Runs on the engine's clock, so a
 * VirtualClock drives it in tests and stories without real waiting.
 */
export class Simulator {
  private readonly rng: Random;
  private readonly people: Set<Id>;
  private readonly meanArrivalMs: number;
  private readonly pickShare: number;
  private readonly maxWaiting: number;
  private readonly colleagueEditChance: number;
  private readonly pickAtStart: number;
  private readonly timers = new Set<TimerHandle>();
  /** Running chats: the topic the customer is talking about and how many lines they have typed. */
  private readonly chats = new Map<Id, { topic: string; lines: number }>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly engine: CareEngine,
    options: SimulatorOptions = {},
  ) {
    this.rng = new Random(options.seed ?? 7);
    this.people = new Set(options.people ?? ['agent-1']);
    this.meanArrivalMs = options.meanArrivalMs ?? 40 * SECOND;
    this.pickShare = options.pickShare ?? 0.25;
    this.maxWaiting = options.maxWaiting ?? 10;
    this.colleagueEditChance = options.colleagueEditChance ?? 0.5;
    this.pickAtStart = options.pickAtStart ?? 0;
  }

  /** Starts the traffic and the colleagues. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.engine.subscribe((event) => this.observe(event));
    for (const agent of this.engine.listAgents()) {
      if (this.people.has(agent.id)) continue;
      this.after(this.rng.int(3, 20) * SECOND, () => this.engine.setStatus(agent.id, 'ready'));
    }
    const picking = this.pickQueue();
    const waiting = this.engine.listTasks().some((t) => t.state === 'queued' && t.queueId === picking);
    if (!waiting) for (let i = 0; i < this.pickAtStart; i++) this.arrive(i % 3 === 2 ? 'call' : 'chat', true);
    this.scheduleArrival(this.rng.int(2, 6) * SECOND);
  }

  /** Stops everything it scheduled. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of this.timers) this.engine.clock.clearTimeout(timer);
    this.timers.clear();
  }

  /**
   * Brings in one chat or call now (for a "new contact" button in a demo);
   * a pushed one goes to `preferredAgentId` first when they are Ready and free.
   */
  arrive(media: 'chat' | 'call' = this.rng.chance(0.65) ? 'chat' : 'call', pick = this.rng.chance(this.pickShare), preferredAgentId?: Id): Id {
    const inbound = createInboundContact(this.rng, this.engine.listCustomers(), media);
    const task = this.engine.receive({
      media,
      contact: inbound.contact,
      opening: inbound.opening,
      ...(pick ? { queueId: this.pickQueue() } : {}),
      ...(preferredAgentId ? { preferredAgentId } : {}),
    });
    if (media === 'chat') this.chats.set(task.activityId, { topic: inbound.topic, lines: 1 });
    return task.id;
  }

  private pickQueue(): Id | undefined {
    return this.engine.listQueues().find((q) => q.routing === 'pick')?.id;
  }

  private scheduleArrival(delay: number): void {
    this.after(delay, () => {
      if (this.countWaiting() < this.maxWaiting) this.arrive();
      // Exponential gaps look like real traffic: mostly short, now and then a lull.
      const gap = -Math.log(1 - this.rng.next()) * this.meanArrivalMs;
      this.scheduleArrival(Math.min(Math.max(gap, 3 * SECOND), 4 * this.meanArrivalMs));
    });
  }

  private countWaiting(): number {
    return this.engine.listTasks().filter((t) => t.state === 'queued' || t.state === 'offered').length;
  }

  private observe(event: EngineEvent): void {
    if (event.type !== 'task') return;
    const { task, cause } = event;
    if (cause === 'offered' && task.offeredTo && !this.people.has(task.offeredTo)) {
      const colleague = task.offeredTo;
      this.after(this.rng.int(4, 30) * SECOND, () => this.tryAccept(colleague, task.id));
    }
    if (cause === 'accepted' && task.media === 'chat') this.scheduleCustomerLine(task.activityId);
    if (cause === 'accepted' && task.acceptedBy && !this.people.has(task.acceptedBy)) {
      const colleague = task.acceptedBy;
      if (task.media === 'chat') this.scheduleReply(colleague, task.activityId, 0);
      this.after(this.rng.int(60, 300) * SECOND, () => this.tryClose(colleague, task.id));
    }
    if (cause === 'closed') this.chats.delete(task.activityId);
    const customerId = task.customerId;
    if (cause === 'accepted' && customerId && task.acceptedBy && this.people.has(task.acceptedBy) && this.rng.chance(this.colleagueEditChance)) {
      const what: ColleagueEdit = this.rng.chance(0.5) ? 'request' : 'customer';
      this.after(this.rng.int(45, 120) * SECOND, () => this.colleagueEdit(customerId, what));
    }
  }

  /**
   * A colleague gets a contact from the same customer, takes it (so R25 lets
   * them edit), and changes the customer's phone or their most recent open
   * request's title: what a person at the desk sees as R6's warning if they
   * are editing it. Returns the colleague's name, or null if nobody could.
   */
  colleagueEdit(customerId: Id, what: ColleagueEdit): string | null {
    const colleague = this.engine.listAgents().find((a) => !this.people.has(a.id));
    const queueId = this.pickQueue();
    if (!colleague || !queueId) return null;
    const customer = this.engine.getCustomer(customerId);
    // A colleague already on a contact with this customer edits from it: pressing again adds no activity to the journey.
    const holding = this.engine.listTasks().find((t) => t.state === 'accepted' && t.acceptedBy === colleague.id && t.customerId === customerId);
    const task =
      holding ??
      this.engine.receive({
        media: 'chat',
        contact: { name: customer.name, email: customer.email, phone: customer.phone },
        opening: 'Just checking how my case is going.',
        queueId,
      });
    if (!holding && (task.customerId !== customerId || !this.quietly(() => this.engine.acceptTask(colleague.id, task.id)))) {
      this.quietly(() => this.engine.closeTask(colleague.id, task.id));
      return null;
    }
    const edited = this.quietly(() => {
      if (what === 'customer') {
        const phone = `+1 555 01${this.rng.int(10, 99)} ${this.rng.int(100, 999)}`;
        this.engine.updateCustomer(colleague.id, customerId, customer.version, { phone });
        return;
      }
      const request = mostRecentOpenRequest(this.engine.getJourney(customerId).requests);
      if (!request) throw CareError.refused('invalid-state', 'no open request');
      this.engine.updateRequest(colleague.id, request.id, request.version, { title: progressed(request.title) });
    });
    if (!holding) this.after(this.rng.int(20, 60) * SECOND, () => this.tryClose(colleague.id, task.id));
    return edited ? colleague.name : null;
  }

  private scheduleCustomerLine(activityId: Id): void {
    const chat = this.chats.get(activityId);
    if (!chat) return;
    this.after(this.rng.int(15, 50) * SECOND, () => {
      const line = customerFollowUp(this.rng, chat.topic, chat.lines);
      if (!line || !this.chats.has(activityId)) return;
      chat.lines++;
      if (this.quietly(() => this.engine.customerSays(activityId, line))) this.scheduleCustomerLine(activityId);
    });
  }

  private scheduleReply(colleague: Id, activityId: Id, index: number): void {
    const chat = this.chats.get(activityId);
    const topic = TOPICS.find((t) => t.key === chat?.topic);
    const reply = topic?.agentReplies[index];
    if (!reply) return;
    this.after(this.rng.int(10, 40) * SECOND, () => {
      if (this.quietly(() => this.engine.sendChatMessage(colleague, activityId, reply))) {
        this.scheduleReply(colleague, activityId, index + 1);
      }
    });
  }

  private tryAccept(colleague: Id, taskId: Id): void {
    this.quietly(() => this.engine.acceptTask(colleague, taskId));
  }

  /** A colleague closes, wrapping up with one of the queue's codes where it asks (X6). */
  private tryClose(colleague: Id, taskId: Id): void {
    const queueId = this.engine.listTasks().find((t) => t.id === taskId)?.queueId;
    const codes = this.engine.listQueues().find((q) => q.id === queueId)?.wrapUp?.codes ?? [];
    const wrapUp = codes.length ? { code: this.rng.pick(codes), note: '' } : undefined;
    this.quietly(() => this.engine.closeTask(colleague, taskId, wrapUp));
  }

  /** Runs an engine command whose preconditions may have lapsed meanwhile (the task moved on); reports success. */
  private quietly(command: () => unknown): boolean {
    try {
      command();
      return true;
    } catch (error) {
      if (error instanceof CareError) return false;
      throw error;
    }
  }

  private after(ms: number, run: () => void): void {
    const timer = this.engine.clock.setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }
}
