/**
 * The store's figures with `?n=` tasks in the agent's pick queue: how long
 * one keystroke in a request title takes to reach the DOM, and how long one
 * colleague's accept takes to reach the queue. scripts/bench.mjs drives this
 * page in headless Chromium on the production build.
 */
import '../src/define.js';
import { countNodes } from './count-nodes.js';
import { VirtualClock } from '../src/engine/clock.js';
import { CareEngine } from '../src/engine/engine.js';
import type { SeedData } from '../src/engine/seed.js';
import type { Agent } from '../src/model/types.js';
import { CareStore } from '../src/state/store.js';
import { MemoryTransport } from '../src/transport/memory.js';

const DAY = 86_400_000;
const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 10_000);
const samples = Number(params.get('samples') ?? 60);
const clock = new VirtualClock();
const now = clock.now();

function agent(id: string, name: string): Agent {
  return { id, name, version: 1, updatedAt: now, status: 'not-ready', statusReason: 'signed-in', statusSince: now, queueIds: ['q-pick'] };
}

function seed(): SeedData {
  return {
    queues: [{ id: 'q-pick', name: 'Backlog', routing: 'pick', media: ['chat', 'call'] }],
    agents: [agent('agent-1', 'Bench'), agent('agent-2', 'Colleague')],
    customers: [{ id: 'cust-1', version: 1, name: 'Ann Lee', email: 'ann@example.com', phone: '', createdAt: now - 300 * DAY, updatedAt: now - DAY }],
    requests: [{ id: 'req-1', version: 1, customerId: 'cust-1', title: 'Router keeps dropping', description: '', status: 'open', createdAt: now - DAY, updatedAt: now - DAY }],
    activities: [],
    comments: [],
    transcripts: [],
  };
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Resolves after every microtask queued so far (Lit's updates among them) has run, without a timer's clamp. */
function drained(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

async function run(): Promise<void> {
  const engine = new CareEngine({ clock, seed: seed() });
  const own = engine.receive({ media: 'chat', contact: { name: 'Ann Lee', email: 'ann@example.com', phone: '' }, opening: 'Hi', queueId: 'q-pick' });
  engine.acceptTask('agent-1', own.id);
  const queued = [];
  for (let i = 0; i < n; i++) {
    queued.push(engine.receive({ media: 'chat', contact: { name: `Customer ${i}`, email: `c${i}@example.com`, phone: '' }, opening: 'Hello', queueId: 'q-pick' }));
    clock.advance(1000);
  }
  const store = new CareStore(new MemoryTransport(engine, { agentId: 'agent-1' }));
  await store.connect();
  const stage = document.getElementById('stage')!;
  stage.innerHTML = '<care-provider><care-queue></care-queue><care-request request-id="req-1"></care-request></care-provider>';
  (stage.querySelector('care-provider') as HTMLElement & { store: CareStore }).store = store;
  const request = stage.querySelector('care-request')!;
  const queue = stage.querySelector('care-queue')!;
  let title: HTMLInputElement | null = null;
  for (let i = 0; i < 500 && !title; i++) {
    await drained();
    title = request.shadowRoot?.querySelector<HTMLInputElement>('input') ?? null;
  }
  if (!title) throw new Error('the request title field did not render');
  await new Promise((r) => setTimeout(r, 50));

  // Timers here are coarse (0.1 ms), so each figure is a batch's mean; scripts/bench.mjs takes the median over pages.
  let t0 = performance.now();
  for (let i = 0; i < samples; i++) {
    title.value = `Router keeps dropping ${i}`;
    title.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await drained();
  }
  const keystrokeMs = (performance.now() - t0) / samples;
  const changes = Math.min(samples, queued.length);
  // ?profile: a profiler attached over CDP gets the task changes alone (console.profile).
  const profiling = params.has('profile');
  if (profiling) console.profile('task changes');
  t0 = performance.now();
  // A colleague takes the oldest task (R26), as they do: every row on screen moves up one. The clock stops
  // once the queue's DOM shows the change, after the virtualizer's own layout frame.
  for (let i = 0; i < changes; i++) {
    const taken = queued[i]!.id;
    engine.acceptTask('agent-2', taken);
    await drained();
    while (queue.shadowRoot?.querySelector(`[data-task="${taken}"]`)) await frame();
  }
  const taskChangeMs = (performance.now() - t0) / changes;
  if (profiling) console.profileEnd('task changes');
  const idle = performance.now();
  await drained();
  const drainMs = performance.now() - idle;
  Object.assign(window, { benchResult: { tasks: n, keystrokeMs, taskChangeMs, drainMs, queueNodes: countNodes(stage.querySelector('care-queue')!) } });
}

run().catch((error: unknown) => Object.assign(window, { benchResult: { error: String(error) } }));
