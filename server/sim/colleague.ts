/**
 * A colleague the simulation plays: signs in over the protocol (B6) like a
 * person at the desk, goes Ready, accepts the offers it gets and now and
 * then picks a queued task, then works it: answers the chat on topic, saves
 * a change to the request or customer, tags and comments, and closes it.
 * It looks at its session every two seconds rather than holding an event
 * stream: a simulator needs nothing faster.
 */
import { randomUUID } from 'node:crypto';
import { fill, type Fill } from '../../src/engine/people.js';
import * as P from '../../src/engine/phrases.js';
import type { Random } from '../../src/engine/random.js';
import type { Activity, Agent, CareRequest, Customer, Queue, SessionSnapshot, Task } from '../../src/model/types.js';
import { ProtocolError, seg, type Api } from './api.js';
import { describe, type SimChat } from './customers.js';
import { quote, say } from './log.js';

const SECOND = 1000;

export class Colleague {
  private api: Api;
  private name: string;
  private stopped = false;
  private readonly handled = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The queues this colleague serves, from its last session snapshot. */
  queues: Queue[] = [];
  acted = 0;

  constructor(
    readonly login: string,
    private readonly password: string,
    api: Api,
    private readonly rng: Random,
    private readonly chats: ReadonlyMap<string, SimChat>,
  ) {
    this.api = api;
    this.name = login;
  }

  /** Signs in and goes Ready; rejects when the login is refused. */
  async start(): Promise<void> {
    const { agent, token } = await this.api.post<{ agent: { id: string; name: string }; token: string }>('/sign-in', {
      login: this.login,
      password: this.password,
    });
    this.api = this.api.withToken(token);
    this.name = agent.name;
    say(this.name, `signed in as ${agent.id}`);
    await this.ready();
    this.loop();
  }

  /** Goes Not Ready and signs out. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.api.put('/agent/status', { status: 'not-ready' }).catch(() => undefined);
    await this.api.post('/sign-out').catch(() => undefined);
    say(this.name, 'went Not Ready and signed out');
  }

  /** Customers this colleague can find (for contacts from known customers). */
  search(query: string): Promise<Customer[]> {
    return this.api.get<Customer[]>(`/customers?q=${seg(query)}`);
  }

  private async ready(): Promise<void> {
    const agent = await this.api.put<Agent>('/agent/status', { status: 'ready' });
    say(this.name, `is ${agent.status === 'ready' ? 'Ready' : agent.status}`);
  }

  private loop(): void {
    this.timer = setTimeout(() => {
      void this.look().finally(() => {
        if (!this.stopped) this.loop();
      });
    }, 2 * SECOND);
  }

  /** Looks at the session: takes offers, sometimes picks, works what it accepted. */
  private async look(): Promise<void> {
    let session: SessionSnapshot;
    try {
      session = await this.api.get<SessionSnapshot>('/session');
    } catch (error) {
      say(this.name, `cannot see the session: ${describe(error)}`);
      return;
    }
    this.queues = session.queues;
    // An offer left to time out (R13) set it Not Ready; a colleague comes back.
    if (session.agent.status !== 'ready' && session.agent.statusReason === 'offer-timeout' && this.rng.chance(0.3)) await this.ready().catch(() => undefined);
    const mine = session.tasks.filter((t) => t.state === 'accepted' && t.acceptedBy === session.agent.id);
    for (const task of session.tasks) {
      if (this.handled.has(task.id)) continue;
      if (task.state === 'offered' && task.offeredTo === session.agent.id) {
        this.handled.add(task.id);
        void this.later(this.rng.int(2, 8) * SECOND, () => this.accept(task));
      } else if (task.state === 'accepted' && task.acceptedBy === session.agent.id) {
        this.handled.add(task.id);
        void this.work(task);
      } else if (task.state === 'queued' && task.routing === 'pick' && mine.length < 2 && this.rng.chance(0.08)) {
        this.handled.add(task.id);
        void this.accept(task);
      }
    }
  }

  private async accept(task: Task): Promise<void> {
    const accepted = await this.act(`accept ${task.id}`, () => this.api.post<Task>(`/tasks/${seg(task.id)}/accept`));
    if (!accepted) return;
    say(this.name, `accepted ${task.id} (${task.media}${task.routing === 'pick' ? ', picked from the queue' : ''})`);
    void this.work(accepted);
  }

  /** Works one accepted task through to its close. */
  private async work(task: Task): Promise<void> {
    const chat = this.chats.get(task.activityId);
    const topic = P.TOPICS.find((t) => t.key === chat?.topic);
    const values: Fill = { ...(chat?.values ?? {}), agent: this.name.split(' ')[0] ?? this.name };
    if (task.media === 'chat' && (await this.later(this.rng.int(3, 8) * SECOND))) {
      await this.reply(task, fill(this.rng.pick(P.AGENT_GREETINGS), values));
    }
    let customerId = task.customerId;
    if (!customerId && (await this.later(this.rng.int(3, 8) * SECOND))) customerId = await this.createCustomer(task);
    if (customerId && (await this.later(this.rng.int(5, 15) * SECOND))) await this.changeField(task, customerId);
    if (topic && (await this.later(this.rng.int(3, 10) * SECOND))) {
      const tag = this.rng.pick(topic.tags);
      const done = await this.act(`tag ${task.activityId}`, () => this.api.post<Activity>(`/activities/${seg(task.activityId)}/tags`, { tag }));
      if (done) say(this.name, `tagged ${task.activityId} "${tag}"`);
    }
    for (const line of topic?.agentReplies ?? []) {
      if (task.media !== 'chat' || !(await this.later(this.rng.int(8, 20) * SECOND))) break;
      await this.reply(task, fill(line, values));
    }
    if (await this.later(this.rng.int(3, 10) * SECOND)) {
      const text = this.rng.pick(P.COMMENTS);
      const done = await this.act(`comment on ${task.activityId}`, () =>
        this.api.post(`/activities/${seg(task.activityId)}/comments`, { text, idempotencyKey: randomUUID() }));
      if (done) say(this.name, `commented on ${task.activityId}: ${quote(text)}`);
    }
    if (task.media === 'chat' && (await this.later(this.rng.int(5, 10) * SECOND))) await this.reply(task, this.rng.pick(P.AGENT_CLOSINGS));
    if (await this.later(this.rng.int(5, 20) * SECOND)) {
      const closed = await this.act(`close ${task.id}`, () => this.api.post<Task>(`/tasks/${seg(task.id)}/close`));
      if (closed) say(this.name, `closed ${task.id}`);
    }
  }

  private async reply(task: Task, text: string): Promise<void> {
    const sent = await this.act(`chat in ${task.activityId}`, () =>
      this.api.post(`/activities/${seg(task.activityId)}/messages`, { text, idempotencyKey: randomUUID() }));
    if (sent) say(this.name, `writes in ${task.activityId}: ${quote(text)}`);
  }

  /** A new customer from what the contact told us (R10). */
  private async createCustomer(task: Task): Promise<string | null> {
    const fields = { ...task.contact, name: task.contact.name || 'Unnamed customer' };
    const customer = await this.act(`create the customer of ${task.id}`, () =>
      this.api.post<Customer>(`/tasks/${seg(task.id)}/customer`, { fields }));
    if (customer) say(this.name, `created customer ${customer.id} (${customer.name})`);
    return customer?.id ?? null;
  }

  /** Saves one change with the version it read (R6): the request's description, or else the customer's phone. */
  private async changeField(task: Task, customerId: string): Promise<void> {
    const activity = await this.act('read the activity', () => this.api.get<Activity>(`/activities/${seg(task.activityId)}`));
    const request = activity?.requestId
      ? await this.act('read the request', () => this.api.get<CareRequest>(`/requests/${seg(activity.requestId!)}`))
      : null;
    if (request && request.status === 'open') {
      const note = ` Checked by ${this.name}.`;
      const description = (request.description + note).length <= 2000 ? request.description + note : note.trim();
      const saved = await this.act(`save ${request.id}`, () =>
        this.api.patch<CareRequest>(`/requests/${seg(request.id)}`, { expectedVersion: request.version, patch: { description } }));
      if (saved) say(this.name, `saved the description of ${request.id} (version ${saved.version})`);
      return;
    }
    const customer = await this.act('read the customer', () => this.api.get<Customer>(`/customers/${seg(customerId)}`));
    if (!customer) return;
    const phone = `+1 555 01${this.rng.int(10, 99)} ${this.rng.int(100, 999)}`;
    const saved = await this.act(`save ${customer.id}`, () =>
      this.api.patch<Customer>(`/customers/${seg(customer.id)}`, { expectedVersion: customer.version, patch: { phone } }));
    if (saved) say(this.name, `saved the phone of ${customer.id} (version ${saved.version})`);
  }

  /** Runs one call; a refusal or conflict is logged (the task moved on), not thrown. */
  private async act<T>(what: string, call: () => Promise<T>): Promise<T | null> {
    if (this.stopped) return null;
    try {
      const result = await call();
      this.acted++;
      return result;
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      say(this.name, `could not ${what}: ${describe(error)}`);
      return null;
    }
  }

  /** Waits `ms` (then runs `then`); resolves false when the colleague stopped meanwhile. */
  private async later(ms: number, then?: () => Promise<unknown>): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (this.stopped) return false;
    if (then) await then();
    return true;
  }
}
