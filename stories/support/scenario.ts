/**
 * Stories run on the embedded engine, on a VirtualClock: time moves only
 * when a story (or the scenario bar) says so, and the seeded world is the
 * same on every load, so a story looks the same every time it opens.
 *
 * A {@link Scenario} is one engine, one MemoryTransport and one CareStore for
 * the agent at the desk. Its methods set the scene the way it would happen:
 * the world acts on the engine (contacts arrive, customers write, colleagues
 * edit, time passes), the agent acts through the store (Ready, Accept, send,
 * edit), and the backend can be made slow or failing.
 *
 * The named scenarios at the end are what the element stories share:
 *
 * ```ts
 * export const BusyQueue: Story = { loaders: [scenario(busyQueue)] };
 * // render: (_, context) => html`<care-provider .store=${sceneOf(context).store}>…`
 * ```
 */
import type { Args, Loader, StoryContext } from '@storybook/web-components-vite';
import { filter, firstValueFrom, timeout, type Observable } from 'rxjs';
import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import { createSeed, type SeedData } from '../../src/engine/seed.js';
import { Simulator, type ColleagueEdit } from '../../src/engine/simulator.js';
import { CareError } from '../../src/model/errors.js';
import { FIELD_MAX, TAG_MAX } from '../../src/model/limits.js';
import type { Activity, CareRequest, ContactFields, Customer, Id, Task } from '../../src/model/types.js';
import { CareStore } from '../../src/state/store.js';
import type { Loadable, Result } from '../../src/state/types.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import type { TransportOperation } from '../../src/transport/port.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Someone the seeded world does not know: their contact makes a new customer (R27). */
export const STRANGER: ContactFields = { name: 'Dana Whitfield', email: 'dana.whitfield@example.net', phone: '+1 555 0199 000' };

export interface ScenarioOptions {
  /** The agent at the desk (default `agent-1`, Alex Morgan). */
  agentId?: Id;
  /** Seed of the generated world and of the simulated traffic (default 1). */
  seed?: number;
  /** A world of the story's own instead of the generated one. */
  data?: SeedData;
}

export class Scenario {
  readonly clock = new VirtualClock();
  readonly engine: CareEngine;
  readonly transport: MemoryTransport;
  readonly store: CareStore;
  readonly agentId: Id;
  /** Brings in realistic contacts and plays colleagues. Never started: nothing happens unless asked. */
  readonly simulator: Simulator;

  constructor(options: ScenarioOptions = {}) {
    const seed = options.seed ?? 1;
    this.agentId = options.agentId ?? 'agent-1';
    this.engine = new CareEngine({ clock: this.clock, seed: options.data ?? createSeed({ now: this.clock.now(), seed }) });
    this.transport = new MemoryTransport(this.engine, { agentId: this.agentId });
    // Countdowns and durations read the virtual clock, not the wall clock.
    this.store = new CareStore(this.transport, { now: () => this.clock.now() });
    this.simulator = new Simulator(this.engine, { people: [this.agentId], seed });
  }

  /** The known customer with an open request and the longest history: the one the stories talk to. */
  get returning(): Customer {
    let best: { customer: Customer; activities: number } | undefined;
    for (const customer of this.engine.listCustomers()) {
      const journey = this.engine.getJourney(customer.id);
      if (!customer.name || !customer.email || !journey.requests.some((r) => r.status === 'open')) continue;
      if (!best || journey.activities.length > best.activities) best = { customer, activities: journey.activities.length };
    }
    if (!best) throw new Error('The world has no customer with an open request.');
    return best.customer;
  }

  async connect(): Promise<this> {
    must(await this.store.connect());
    return this;
  }

  // ── The world ─────────────────────────────────────────────────────────

  /** A chat or call comes in; `pick` puts it in the pick queue instead of pushing it to a Ready agent. */
  arrive(media: 'chat' | 'call', contact: ContactFields, opening: string, pick = false): Task {
    const queue = pick ? this.engine.listQueues().find((q) => q.routing === 'pick') : undefined;
    if (pick && !queue) throw new Error('The world has no pick queue.');
    return this.engine.receive({ media, contact, opening, ...(queue ? { queueId: queue.id } : {}) });
  }

  /** `count` contacts from the seeded world, a minute or so apart, as the simulator would bring them. */
  async arriveMany(count: number, pick: boolean): Promise<void> {
    for (let i = 0; i < count; i++) {
      this.simulator.arrive(i % 3 === 2 ? 'call' : 'chat', pick);
      this.clock.advance(40 * SECOND + (i % 4) * 25 * SECOND);
    }
    await settle();
  }

  customerSays(task: Task, text: string): void {
    this.engine.customerSays(task.activityId, text);
  }

  /** Time passes: offers count down (R13), requests near auto-close (R18). */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await settle();
  }

  /** A simulated colleague takes a contact from the customer and changes their phone or open request's title (R6). */
  async colleagueEdits(customerId: Id, what: ColleagueEdit): Promise<string> {
    const name = this.simulator.colleagueEdit(customerId, what);
    if (!name) throw new Error(`No colleague could edit the ${what} of ${customerId}.`);
    await settle();
    return name;
  }

  // ── The agent, through the store as the elements would ────────────────

  async goReady(): Promise<void> {
    must(await this.store.setStatus('ready'));
  }

  async accept(task: Task): Promise<Task> {
    return must(await this.store.accept(task.id));
  }

  preview(task: Task): void {
    this.store.selectTask(task.id);
  }

  async say(task: Task, text: string): Promise<void> {
    must(await this.store.sendMessage(task.activityId, text));
  }

  /** Waits until a store Observable has loaded and returns its value. */
  loaded<T>(source: Observable<Loadable<T>>): Promise<T> {
    return firstValueFrom(
      source.pipe(
        filter((l) => l.status !== 'loading'),
        timeout(5000),
      ),
    ).then((l) => {
      if (l.status === 'error') throw l.error;
      return (l as Extract<Loadable<T>, { status: 'ready' }>).value;
    });
  }

  /**
   * A finished activity of the customer with comments and tags, the newest
   * such; with `settled`, one whose request is resolved or closed (R28).
   */
  notedActivity(customerId: Id, settled = false): Activity {
    const journey = this.engine.getJourney(customerId);
    const open = new Set(journey.requests.filter((r) => r.status === 'open').map((r) => r.id));
    const noted = journey.activities.filter(
      (a) =>
        a.endedAt !== undefined &&
        a.tags.length > 0 &&
        this.engine.getComments(a.id).length > 0 &&
        (!settled || (a.requestId !== null && !open.has(a.requestId))),
    );
    const activity = noted[noted.length - 1];
    if (!activity) throw new Error(`${customerId} has no such activity.`);
    return activity;
  }

  /** The customer's newest closed request (R28: read-only). */
  closedRequest(customerId: Id): CareRequest {
    const closed = this.engine.getJourney(customerId).requests.filter((r) => r.status === 'closed');
    const request = closed[closed.length - 1];
    if (!request) throw new Error(`${customerId} has no closed request.`);
    return request;
  }

  /** The request the task's activity was filed in (R4). */
  async requestOf(task: Task): Promise<CareRequest> {
    const activity: Activity = await this.loaded(this.store.activity$(task.activityId));
    if (!activity.requestId) throw new Error('The activity is not in a request.');
    return this.loaded(this.store.request$(activity.requestId));
  }

  // ── The backend ───────────────────────────────────────────────────────

  /** Every call from now on (or only `operations`) fails as an unreachable service would. */
  failing(operations?: readonly TransportOperation[]): void {
    this.transport.failure = (operation) =>
      !operations || operations.includes(operation) ? CareError.network('The service is not answering (a simulated outage).') : undefined;
  }

  /** Every call from now on takes `ms` (default 3 s). */
  slow(ms = 3000): void {
    this.transport.latency = ms;
  }

  dispose(): void {
    this.simulator.stop();
    this.store.dispose();
    this.engine.dispose();
  }
}

function must<T>(result: Result<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

/** Lets the store's promise chains and the transport's answers run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function contactOf(customer: Customer): ContactFields {
  return { name: customer.name, email: customer.email, phone: customer.phone };
}

// ── Loading a scenario into a story ──────────────────────────────────────

/** The scenario of each story canvas, so a re-render (an args change) throws the previous one away. */
const current = new WeakMap<HTMLElement, Scenario>();

/**
 * A story loader that builds a scenario before the story renders; the story
 * reads it with {@link sceneOf}. `.storybook/preview.ts` disposes of it when
 * the story goes away.
 */
export function scenario<TArgs = Args>(build: () => Promise<Scenario>): Loader<TArgs> {
  return async ({ canvasElement }) => {
    current.get(canvasElement)?.dispose();
    const scene = await build();
    current.set(canvasElement, scene);
    return { scenario: scene };
  };
}

/** The scenario a story's loader built. */
export function sceneOf(context: Pick<StoryContext, 'loaded'>): Scenario {
  const scene: unknown = context.loaded['scenario'];
  if (!(scene instanceof Scenario)) throw new Error('This story has no scenario: add `loaders: [scenario(…)]`.');
  return scene;
}

// ── Named scenarios ─────────────────────────────────────────────────────

/** Signed in, Not Ready, nothing waiting. */
export function empty(): Promise<Scenario> {
  return new Scenario().connect();
}

/** A dozen chats and calls wait in the pick queue, the oldest for a quarter of an hour (R26). */
export async function busyQueue(): Promise<Scenario> {
  const s = await new Scenario().connect();
  await s.arriveMany(12, true);
  return s;
}

/** Ready, with a pushed chat offered `elapsed` ago: the countdown shows what is left of 15 minutes (R12, R13). */
export async function offerCountingDown(elapsed = 11 * MINUTE): Promise<Scenario> {
  const s = await new Scenario().connect();
  await s.goReady();
  s.arrive('chat', contactOf(s.returning), 'Hello again, is there any news on my request?');
  await s.advance(elapsed);
  return s;
}

/** Ready with an offer in its last 30 seconds: the countdown turns urgent. */
export function offerAboutToExpire(): Promise<Scenario> {
  return offerCountingDown(14 * MINUTE + 30 * SECOND);
}

/** An offer ran out: the backend turned the agent Not Ready and the desk says why (R13). */
export async function offerTimedOut(): Promise<Scenario> {
  const s = await offerCountingDown(0);
  await s.advance(15 * MINUTE);
  return s;
}

/** The returning customer's chat, accepted a few minutes ago, with a short exchange (R3, R4, R15). */
export async function chatInProgress(): Promise<Scenario> {
  const s = await new Scenario().connect();
  const task = s.arrive('chat', contactOf(s.returning), 'Hello again, is there any news on my request?', true);
  await s.advance(2 * MINUTE);
  await s.accept(task);
  await s.advance(30 * SECOND);
  await s.say(task, 'Hello, thanks for waiting. Let me see where things stand.');
  await s.advance(MINUTE);
  s.customerSays(task, 'Thanks. I have been waiting three days now and need it before the weekend.');
  await s.advance(45 * SECOND);
  return s;
}

/** A call from a known customer, connected 4 minutes 12 seconds ago (R15's call information). */
export async function callInProgress(): Promise<Scenario> {
  const s = await new Scenario().connect();
  const task = s.arrive('call', contactOf(s.returning), 'Calling to chase the open request.', true);
  await s.advance(40 * SECOND);
  await s.accept(task);
  await s.advance(4 * MINUTE + 12 * SECOND);
  return s;
}

/** On a call, with another call waiting in the queue: accepting it is refused (R5). */
export async function secondCallWaiting(): Promise<Scenario> {
  const s = await callInProgress();
  s.arrive('call', STRANGER, 'Calling about an order that never arrived.', true);
  await s.advance(20 * SECOND);
  return s;
}

/** A chat from someone unknown: the customer form is prefilled from the chat, with Create (R27). */
export async function newCustomerChat(): Promise<Scenario> {
  const s = await new Scenario().connect();
  const task = s.arrive('chat', STRANGER, 'Hi, I would like to open an account for my small business.', true);
  await s.advance(MINUTE);
  await s.accept(task);
  return s;
}

/** A queued chat selected for a read-only preview, not accepted (R1, R25). */
export async function previewing(): Promise<Scenario> {
  const s = await new Scenario().connect();
  await s.arriveMany(3, true);
  const task = s.arrive('chat', contactOf(s.returning), 'Any news on my request? I am still waiting.', true);
  await s.advance(3 * MINUTE);
  s.preview(task);
  return s;
}

/**
 * R6: the agent is editing the request title and the customer's phone when a
 * colleague saves both. The warnings name the colleague; Load brings their
 * version in and the agent's text can be restored.
 */
export async function conflictWarning(): Promise<Scenario> {
  const s = await chatInProgress();
  const task = activeTask(s);
  const customerId = task.customerId as Id;
  const request = await s.requestOf(task);
  await s.loaded(s.store.customer$(customerId));
  s.store.editRequest(request.id, { title: `${request.title}: customer chased twice, needs it by Friday` });
  s.store.editCustomer(customerId, { phone: '+420 777 000 111' });
  await s.colleagueEdits(customerId, 'request');
  await s.colleagueEdits(customerId, 'customer');
  return s;
}

/**
 * R7, R23: a description of 2,001 characters and an email that is not one,
 * both kept as typed with Save disabled. Stories add a 51-character tag and
 * over-long chat and comment text through the fields themselves (see play.ts).
 */
export async function validationErrors(): Promise<Scenario> {
  const s = await chatInProgress();
  const task = activeTask(s);
  const customerId = task.customerId as Id;
  const request = await s.requestOf(task);
  const customer = await s.loaded(s.store.customer$(customerId));
  s.store.editRequest(request.id, { description: overLimit(FIELD_MAX + 1) });
  // The address with its domain not typed yet.
  s.store.editCustomer(customerId, { email: `${customer.email.split('@')[0]}@` });
  return s;
}

/** Text for the limits: `count` characters of plausible prose. */
export function overLimit(count: number): string {
  const sentence = 'The customer got in touch again about this request and asked when it will be settled. ';
  return sentence.repeat(Math.ceil(count / sentence.length)).slice(0, count);
}

/** A tag one character over the limit (R9). */
export const LONG_TAG = 'waiting-for-the-courier-to-confirm-'.repeat(2).slice(0, TAG_MAX + 1);

/** A chat in progress, then the service stops answering: every load and command fails with a network error. */
export async function backendFailing(): Promise<Scenario> {
  const s = await chatInProgress();
  await loadWhatTheDeskShows(s);
  s.failing();
  return s;
}

/** A chat in progress, then every call takes 3 seconds: loading and pending states stay on screen. */
export async function backendSlow(): Promise<Scenario> {
  const s = await chatInProgress();
  await loadWhatTheDeskShows(s);
  s.slow(3000);
  return s;
}

/**
 * Loads the records of the task in progress before the backend breaks, as a
 * desk that had been working would have them: what is known stays on screen.
 */
async function loadWhatTheDeskShows(s: Scenario): Promise<void> {
  const task = activeTask(s);
  const ready = <T>(source: Observable<Loadable<T>>) =>
    firstValueFrom(source.pipe(filter((l) => l.status !== 'loading'), timeout(2000)));
  const activity = await ready(s.store.activity$(task.activityId));
  await Promise.all([ready(s.store.comments$(task.activityId)), ready(s.store.transcript$(task.activityId))]);
  if (task.customerId) await Promise.all([ready(s.store.journey$(task.customerId)), ready(s.store.customer$(task.customerId))]);
  const requestId = activity.status === 'ready' ? activity.value.requestId : null;
  if (requestId) await ready(s.store.request$(requestId));
}

/** Signed in, then the link drops: the desk says so and keeps unsaved work (MemoryTransport.setOnline). */
export async function offline(): Promise<Scenario> {
  const s = await chatInProgress();
  s.transport.setOnline(false);
  await settle();
  return s;
}

/** A customer with `activities` activities over five years calls in, and the call is accepted (R16). */
export async function longJourney(activities = 5000): Promise<Scenario> {
  const clock = new VirtualClock();
  const data = createSeed({ now: clock.now(), customers: 8 });
  const customer = addLongJourney(data, clock.now(), activities);
  const s = await new Scenario({ data }).connect();
  const task = s.arrive('call', contactOf(customer), 'Calling about my account, again.', true);
  await s.advance(30 * SECOND);
  await s.accept(task);
  return s;
}

/** Adds one customer whose history holds `count` activities, five per request; the newest request is open. */
function addLongJourney(data: SeedData, now: number, count: number): Customer {
  const customer: Customer = { id: 'cust-long', version: 1, name: 'Morgan Longhurst', email: 'morgan.longhurst@example.com', phone: '+1 555 0142 777', createdAt: now - 5 * 365 * DAY, updatedAt: now - DAY };
  data.customers.push(customer);
  const requests = Math.ceil(count / 5);
  const step = Math.floor((5 * 365 * DAY) / requests);
  for (let r = 0; r < requests; r++) {
    const createdAt = customer.createdAt + r * step;
    const open = r === requests - 1;
    const request: CareRequest = { id: `req-long-${r}`, version: 1, customerId: customer.id, title: `Question ${r + 1} about the account`, description: '', status: open ? 'open' : 'closed', createdAt, updatedAt: createdAt };
    if (!open) request.completedAt = createdAt + 5 * DAY;
    data.requests.push(request);
    for (let a = 0; a < 5 && r * 5 + a < count; a++) {
      const startedAt = createdAt + a * 3 * HOUR;
      const media = a % 3 === 1 ? 'call' : 'chat';
      data.activities.push({ id: `act-long-${r}-${a}`, version: 1, updatedAt: startedAt, customerId: customer.id, requestId: request.id, media, tags: a === 0 ? ['account'] : [], startedAt, endedAt: startedAt + 7 * MINUTE, summary: `Contact ${r * 5 + a + 1}: follow-up on question ${r + 1}` });
    }
  }
  return customer;
}

/** The task in progress on screen. */
export function activeTask(s: Scenario): Task {
  const id = s.store.snapshot.activeTaskId;
  const task = id ? s.store.snapshot.tasks.get(id) : undefined;
  if (!task) throw new Error('No task in progress.');
  return task;
}
