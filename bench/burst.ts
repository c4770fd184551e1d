/**
 * N4's burst figure: `?n=` offer events pushed at once (as a backend
 * replaying a backlog does) to a store, alone and under a mounted
 * care-desktop, timed until the state holds them and until the desktop has
 * rendered them. `?checked` makes the adapter unvouched, so every event is
 * also checked against its schema. scripts/bench.mjs drives this page.
 */
import '../src/define.js';
import { VirtualClock } from '../src/engine/clock.js';
import { CareEngine } from '../src/engine/engine.js';
import type { SeedData } from '../src/engine/seed.js';
import type { Agent, Task } from '../src/model/types.js';
import { CareStore } from '../src/state/store.js';
import { MemoryTransport } from '../src/transport/memory.js';
import type { CareEvent, CareTransport } from '../src/transport/port.js';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 10_000);
const clock = new VirtualClock();
const now = clock.now();

const agent: Agent = { id: 'agent-1', name: 'Bench', version: 1, updatedAt: now, status: 'ready', statusReason: 'manual', statusSince: now, queueIds: ['q-push'] };
const seed: SeedData = {
  queues: [{ id: 'q-push', name: 'Chat', routing: 'push', media: ['chat'] }],
  agents: [agent],
  customers: [],
  requests: [],
  activities: [],
  comments: [],
  transcripts: [],
};

function offer(i: number): Task {
  return {
    id: `t-${i}`, version: 1, updatedAt: now, queueId: 'q-push', routing: 'push', media: 'chat', state: 'offered', customerId: null,
    contact: { name: `Customer ${i}`, email: '', phone: '' }, activityId: `a-${i}`, receivedAt: now, offeredTo: 'agent-1', offeredAt: now + i,
  };
}

function frame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function run(): Promise<void> {
  const memory = new MemoryTransport(new CareEngine({ clock, seed }), { agentId: 'agent-1' });
  let deliver: ((event: CareEvent) => void) | undefined;
  const transport: CareTransport = Object.assign(Object.create(memory) as MemoryTransport, {
    validated: !params.has('checked'),
    subscribe: (listener: (event: CareEvent) => void) => {
      deliver = listener;
      return () => (deliver = undefined);
    },
  });
  const events: CareEvent[] = Array.from({ length: n }, (_, i) => ({ type: 'task-offered', task: offer(i) }));

  // The store alone.
  const alone = new CareStore(transport);
  await alone.connect();
  let t0 = performance.now();
  for (const event of events) deliver!(event);
  await Promise.resolve();
  if (alone.snapshot.taskLists.offered.length !== n) throw new Error('the store did not take every offer');
  const storeMs = performance.now() - t0;
  alone.dispose();

  // The same burst under a mounted desktop, until it has rendered (the frame after the state change).
  const store = new CareStore(transport);
  await store.connect();
  const stage = document.getElementById('stage')!;
  const desktop = document.createElement('care-desktop') as HTMLElement & { store: CareStore; updateComplete: Promise<boolean> };
  desktop.store = store;
  stage.append(desktop);
  await frame();
  t0 = performance.now();
  for (const event of events) deliver!(event);
  await Promise.resolve();
  await frame();
  const desktopMs = performance.now() - t0;
  const status = desktop.shadowRoot?.querySelector('care-agent-status');
  const offersShown = status?.shadowRoot?.querySelectorAll('[part~=offer]').length ?? 0;
  Object.assign(window, { benchResult: { events: n, storeMs, desktopMs, offersShown } });
}

run().catch((error: unknown) => Object.assign(window, { benchResult: { error: String(error) } }));
