/**
 * Renders one customer's journey of `?n=` activities and reports how long
 * the first render took and how many DOM nodes it made (shadow roots
 * included), beside a floor measured in the same page: the same activities
 * in a bare Lit element over @lit-labs/virtualizer with a trivial row.
 * Each is timed cold (first mount in the page) and warm (mounted again).
 * scripts/bench.mjs drives this page in headless Chromium.
 */
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { LitElement, html } from 'lit';
import '../src/define.js';
import { VirtualClock } from '../src/engine/clock.js';
import { CareEngine } from '../src/engine/engine.js';
import type { SeedData } from '../src/engine/seed.js';
import type { Activity, CareRequest } from '../src/model/types.js';
import { CareStore } from '../src/state/store.js';
import { MemoryTransport } from '../src/transport/memory.js';

const DAY = 86_400_000;
const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 10_000);
const clock = new VirtualClock();
const now = clock.now();

function journeySeed(activityCount: number): SeedData {
  const requests: CareRequest[] = [];
  const activities: Activity[] = [];
  const perRequest = 5;
  for (let r = 0; r * perRequest < activityCount; r++) {
    const createdAt = now - 900 * DAY + r * 60_000;
    requests.push({ id: `req-${r}`, version: 1, customerId: 'cust-long', title: `Request ${r}`, description: '', status: 'closed', createdAt, updatedAt: createdAt, completedAt: createdAt + 5 * DAY });
    for (let a = 0; a < perRequest && r * perRequest + a < activityCount; a++) {
      const startedAt = createdAt + a * 1000;
      activities.push({ id: `act-${r}-${a}`, version: 1, updatedAt: startedAt, customerId: 'cust-long', requestId: `req-${r}`, media: a % 2 ? 'call' : 'chat', tags: a % 3 ? [] : ['billing'], startedAt, endedAt: startedAt + 60_000, summary: `Contact ${r * perRequest + a}` });
    }
  }
  return {
    queues: [{ id: 'q', name: 'Chat', routing: 'push', media: ['chat'] }],
    agents: [{ id: 'agent-1', name: 'Bench', version: 1, updatedAt: now, status: 'not-ready', statusReason: 'signed-in', statusSince: now, queueIds: ['q'] }],
    customers: [{ id: 'cust-long', version: 1, name: 'Long Journey', email: 'long@example.com', phone: '', createdAt: now - 1000 * DAY, updatedAt: now }],
    requests,
    activities,
    comments: [],
    transcripts: [],
  };
}

function countNodes(root: Node): number {
  let count = 0;
  const walk = (node: Node) => {
    count++;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return count;
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** The floor: what any virtualised list of these activities costs, with nothing of Care Kit's. */
class BenchFloor extends LitElement {
  static override properties = { items: { attribute: false } };
  items: Activity[] = [];
  override render() {
    return html`<div style="height: 600px; overflow: auto" role="list">
      ${virtualize({ items: this.items, renderItem: (a: Activity) => html`<div role="listitem">${a.summary}</div>` })}
    </div>`;
  }
}
customElements.define('bench-floor', BenchFloor);

/** Milliseconds from `mount()` until the element it mounted shows list items. */
async function timeFirstRows(mount: () => Element): Promise<number> {
  const started = performance.now();
  const host = mount();
  return Math.round(((await rowsIn(host)) - started) * 10) / 10;
}

/**
 * When `host`'s shadow root first holds a list item: a MutationObserver sees
 * the insertion itself, where polling once a frame would round every figure
 * up to the next 16.7 ms and hide a difference of a whole frame.
 */
function rowsIn(host: Element): Promise<number> {
  const hasRows = () => (host.shadowRoot?.querySelector('[role=listitem]') ?? null) !== null;
  return new Promise((resolve, reject) => {
    const done = (at: number) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(at);
    };
    const observer = new MutationObserver(() => {
      if (hasRows()) done(performance.now());
    });
    const timer = setTimeout(() => reject(new Error(`${host.localName} did not render within 10 s`)), 10_000);
    if (!host.shadowRoot) throw new Error(`${host.localName} has no shadow root once connected`);
    observer.observe(host.shadowRoot, { childList: true, subtree: true });
    if (hasRows()) done(performance.now());
  });
}

async function run(): Promise<void> {
  const engine = new CareEngine({ clock, seed: journeySeed(n) });
  const activities = engine.getJourney('cust-long').activities;
  const stage = document.getElementById('stage')!;
  const floor = () => {
    const el = document.createElement('bench-floor') as BenchFloor;
    el.items = activities;
    stage.replaceChildren(el);
    return el;
  };
  // ?first=floor mounts the floor first, else the journey: each one's cold figure comes from a page
  // where it went first, so each pays for the page's first Lit and virtualizer work. Warm: mounted again.
  const floorFirst = params.get('first') === 'floor';
  const journey = () => measureJourney(engine, stage);
  const floorTimed = async () => ({ firstRenderMs: await timeFirstRows(floor) });
  const order = floorFirst ? [floorTimed, journey] : [journey, floorTimed];
  const [a, b] = [await order[0]!(), await order[1]!()];
  // ?profile: a profiler attached over CDP gets the warm journey alone (console.profile).
  const profiling = params.has('profile');
  if (profiling) console.profile('warm');
  const a2 = await order[0]!();
  if (profiling) console.profileEnd('warm');
  const b2 = await order[1]!();
  const [measured, warm] = (floorFirst ? [b, b2] : [a, a2]) as [Awaited<ReturnType<typeof journey>>, Awaited<ReturnType<typeof journey>>];
  const [floorCold, floorWarm] = floorFirst ? [a.firstRenderMs, a2.firstRenderMs] : [b.firstRenderMs, b2.firstRenderMs];
  Object.assign(window, {
    benchResult: { ...measured, floorColdMs: floorCold, floorWarmMs: floorWarm, warmRenderMs: warm.firstRenderMs, floorFirst },
  });
}

/** Mounts care-journey over a fresh store of the engine and times its first rows. */
async function measureJourney(engine: CareEngine, stage: HTMLElement): Promise<{ activities: number; firstRenderMs: number; rows: number; nodes: number }> {
  const store = new CareStore(new MemoryTransport(engine, { agentId: 'agent-1' }));
  await store.connect();
  // ?manual waits for window.startBench(), so a profiler can cover the measured part only.
  if (new URLSearchParams(location.search).has('manual')) {
    await new Promise((resolve) => Object.assign(window, { startBench: resolve }));
  }
  if (new URLSearchParams(location.search).has('profile')) {
    const t0 = performance.now();
    engine.getJourney('cust-long');
    console.log(`engine.getJourney ${(performance.now() - t0).toFixed(1)} ms`);
  }
  stage.replaceChildren();
  const before = countNodes(document.body);
  const started = performance.now();
  stage.innerHTML = '<care-provider><care-journey customer-id="cust-long"></care-journey></care-provider>';
  (stage.querySelector('care-provider') as HTMLElement & { store: CareStore }).store = store;
  const journey = stage.querySelector('care-journey')!;
  let dataReady = 0;
  store.journey$('cust-long').subscribe((j) => {
    if (j.status === 'ready' && !dataReady) dataReady = performance.now() - started;
  });
  // First render: the first frame in which the list shows rows.
  const firstRender = (await rowsIn(journey)) - started;
  console.log(`data ready ${dataReady.toFixed(1)} ms, rows at ${firstRender.toFixed(1)} ms`);
  await frame();
  await frame();
  const rows = journey.shadowRoot!.querySelectorAll('[role=listitem]').length;
  const nodes = countNodes(document.body) - before;
  stage.replaceChildren();
  store.dispose();
  return { activities: n, firstRenderMs: Math.round(firstRender * 10) / 10, rows, nodes };
}

run().catch((error: unknown) => Object.assign(window, { benchResult: { error: String(error) } }));
