/**
 * N6's heap figure: an 8-hour shift on the virtual clock. A chat arrives
 * every 4 minutes (two in three from the 40 seeded customers, the rest
 * from new contacts); the agent accepts it, the customer and the agent
 * exchange ten lines each, the agent comments, then closes it. The used heap is sampled after a full
 * garbage collection at the start of every hour. `?mode=engine` runs the
 * same traffic on the engine alone, the control: the backend in the page
 * keeps what it is told (as a database would), so the kit's own growth is
 * the difference. `?mode=store` adds a store whose views come and go as an
 * element's would, `?mode=desktop` a mounted care-desktop. `?keep=` is the
 * store's `keepCustomers` (Infinity: nothing evicted, as before N6).
 * scripts/bench.mjs drives this page (it launches Chromium with --expose-gc).
 */
import '../src/define.js';
import type { Subscription } from 'rxjs';
import { VirtualClock } from '../src/engine/clock.js';
import { CareEngine } from '../src/engine/engine.js';
import { createSeed } from '../src/engine/seed.js';
import type { ContactFields } from '../src/model/types.js';
import { CareStore } from '../src/state/store.js';
import { MemoryTransport } from '../src/transport/memory.js';

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'store';
const keep = Number(params.get('keep') ?? 20);
const HOURS = 8;
const EVERY_MS = 4 * 60_000;
const LINES = 10;
const said = (n: number, line: number) => `Contact ${n}, line ${line}: my order has not arrived and the tracking page shows nothing new since Monday.`;
const answer = (n: number, line: number) => `Reply ${line} to contact ${n}: thank you, I am checking the courier's records for your parcel now.`;
const clock = new VirtualClock(Date.UTC(2026, 10, 23, 8));
const seed = createSeed({ now: clock.now() });
const engine = new CareEngine({ clock, seed });
const win = window as unknown as { gc?: () => void; benchResult?: unknown };

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function usedMb(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await settle();
    win.gc?.();
  }
  return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1024 / 1024;
}

/** Least squares slope of `ys`, one every half hour (MB per hour). */
function slope(ys: number[]): number {
  const n = ys.length;
  const mx = (n + 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, i) => {
    num += (i + 1 - mx) * (y - my);
    den += (i + 1 - mx) ** 2;
  });
  return (num / den) * 2;
}

function contactOf(n: number): ContactFields {
  const known = seed.customers[n % seed.customers.length]!;
  return n % 3 ? { name: known.name, email: known.email, phone: known.phone } : { name: `Walk-in ${n}`, email: `walkin${n}@example.net`, phone: '' };
}

async function contact(store: CareStore | null, n: number): Promise<void> {
  const task = engine.receive({ media: 'chat', contact: contactOf(n), opening: `Hello, this is contact ${n}.`, queueId: 'q-backlog' });
  if (!store) {
    engine.acceptTask('agent-1', task.id);
    // With idempotency keys, as the store sends them: the engine remembers answers to keys (up to 10,000).
    for (let line = 0; line < LINES; line++) {
      engine.customerSays(task.activityId, said(n, line));
      engine.sendChatMessage('agent-1', task.activityId, answer(n, line), crypto.randomUUID());
    }
    engine.addComment('agent-1', task.activityId, `Helped with contact ${n}.`, crypto.randomUUID());
    engine.closeTask('agent-1', task.id);
    return;
  }
  await store.accept(task.id);
  store.activateTask(task.id);
  // Without a desktop, what its elements would watch while the task is on screen.
  const watching: Subscription[] = [];
  if (mode === 'store') {
    const accepted = store.snapshot.tasks.get(task.id)!;
    if (accepted.customerId) watching.push(store.journey$(accepted.customerId).subscribe(), store.customer$(accepted.customerId).subscribe());
    watching.push(store.transcript$(task.activityId).subscribe(), store.comments$(task.activityId).subscribe(), store.activity$(task.activityId).subscribe());
  }
  await settle();
  for (let line = 0; line < LINES; line++) {
    engine.customerSays(task.activityId, said(n, line));
    await store.sendMessage(task.activityId, answer(n, line));
  }
  await store.addComment(task.activityId, `Helped with contact ${n}.`);
  if (mode === 'desktop') await frame();
  await store.close(task.id, 'discard');
  for (const s of watching) s.unsubscribe();
  if (mode === 'desktop') await frame();
}

async function run(): Promise<void> {
  let store: CareStore | null = null;
  if (mode !== 'engine') {
    store = new CareStore(new MemoryTransport(engine, { agentId: 'agent-1' }), { now: () => clock.now(), keepCustomers: keep });
    await store.connect();
    if (mode === 'desktop') {
      const desktop = document.createElement('care-desktop') as HTMLElement & { store: CareStore };
      desktop.store = store;
      document.getElementById('stage')!.append(desktop);
      await frame();
    }
  }
  // A sample every half hour after the first (the first hour warms caches and compiles code).
  const samples: number[] = [];
  let n = 0;
  for (let half = 0; half <= 2 * HOURS; half++) {
    if (half >= 2) samples.push(await usedMb());
    if (half === 2 * HOURS) break;
    for (let t = 0; t < 30 * 60_000; t += EVERY_MS) {
      await contact(store, n++);
      clock.advance(EVERY_MS);
    }
  }
  const state = store?.snapshot;
  win.benchResult = {
    slopeMbPerHour: slope(samples),
    // Hours 4 to 8: once the kept customers are all loaded, what still grows grows for good.
    steadyMbPerHour: slope(samples.slice(samples.length - 9)),
    samples,
    contacts: n,
    customersHeld: state?.customers.size ?? 0,
    activitiesHeld: state?.activities.size ?? 0,
    transcriptsHeld: state ? Object.keys(state.transcripts).length : 0,
  };
}

run().catch((error: unknown) => (win.benchResult = { error: String(error) }));
