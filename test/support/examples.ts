/**
 * Drives the framework examples as an agent would: a known customer's chat
 * arrives in the pick queue, and the agent accepts it with the Accept button
 * of the example's own care-queue.
 */
import { waitUntil } from '@open-wc/testing';
import { VirtualClock } from '../../src/engine/clock.js';
import type { CareEngine } from '../../src/engine/engine.js';
import { displayName } from '../../src/model/rules.js';
import type { ContactFields, Customer, Task } from '../../src/model/types.js';
import type { CareStore } from '../../src/state/store.js';
import type { ExampleOptions } from '../../examples/shared/session.js';
import { START } from './fixtures.js';
import { button, shadow } from './mount.js';
import { until } from './session.js';

/** Options for an example's `mount`: virtual time, no simulated traffic, no latency. */
export function testOptions(): ExampleOptions {
  return { clock: new VirtualClock(START), simulate: false, latency: 0 };
}

/** Waits until the example's store is connected. */
export async function online(store: CareStore): Promise<void> {
  await until(store.connection$, (state) => state === 'online');
}

/** A seeded customer with an open request: their chat joins that request (R4), so every widget has something to show. */
export function knownCustomer(engine: CareEngine): Customer {
  const customer = engine.listCustomers().find((c) => c.name.trim() && engine.getJourney(c.id).requests.some((r) => r.status === 'open'));
  if (!customer) throw new Error('the seed has no customer with an open request');
  return customer;
}

/** The customer's chat arrives in the pick queue. */
export function chatArrives(engine: CareEngine, customer: Customer): Task {
  const { name, email, phone } = customer;
  return engine.receive({ media: 'chat', contact: { name, email, phone }, opening: 'Hello, I need help', queueId: 'q-backlog' });
}

/** The first `selector` under `root`, once it is there (a framework may render later than mount returns). */
export async function find<T extends HTMLElement>(root: ParentNode, selector: string): Promise<T> {
  await waitUntil(() => root.querySelector(selector), `no ${selector}`, { timeout: 3000 });
  return root.querySelector<T>(selector)!;
}

/** Clicks Accept for the chat from `contact` in `queue` (inside its shadow root), once the queue shows it. */
export async function acceptInQueue(queue: HTMLElement, contact: ContactFields): Promise<void> {
  const name = `Accept: Chat from ${displayName(contact)}`;
  await waitUntil(() => [...shadow(queue).querySelectorAll('button')].some((b) => b.getAttribute('aria-label') === name), `no ${name} in the queue`, { timeout: 3000 });
  button(queue, name).click();
}

/** The text of an element's shadow root, whitespace collapsed. */
export function shadowText(el: HTMLElement): string {
  return (shadow(el).textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until `read()` returns text containing `expected`; fails with the last text seen. */
export async function shows(read: () => string, expected: string, what: string): Promise<void> {
  let last = '';
  await waitUntil(() => (last = read()).includes(expected), `${what} should show “${expected}”`, { timeout: 3000 }).catch(() => {
    throw new Error(`${what} should show “${expected}”, shows: “${last.slice(0, 300)}”`);
  });
}

/**
 * The widgets scattered over the example read one store: after the accept in
 * the queue, the customer, the request the chat joined (R4) and the journey
 * in the sidebar all show that customer.
 */
export async function expectOneRecord(root: ParentNode, engine: CareEngine, task: Task, customer: Customer): Promise<void> {
  const activity = engine.getActivity(task.activityId);
  const request = engine.getRequest(activity.requestId!);
  const journey = await find(root, 'care-journey');
  await shows(() => shadowText(journey), request.title, 'care-journey');
  await shows(() => shadowText(journey), 'this task', 'care-journey');
  const person = await find(root, 'care-customer');
  await shows(() => shadowText(person), customer.name, 'care-customer');
  const details = await find(root, 'care-request');
  await shows(() => shadow(details).querySelector('input')?.value ?? '', request.title, 'care-request’s title');
}
