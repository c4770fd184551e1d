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
import { countNodes } from './count-nodes.js';
import { VirtualClock } from '../src/engine/clock.js';
import { CareEngine } from '../src/engine/engine.js';
import type { SeedData } from '../src/engine/seed.js';
import type { Activity, CareRequest } from '../src/model/types.js';
import { CareStore } from '../src/state/store.js';
import { MemoryTransport } from '../src/transport/memory.js';

const DAY = 86_400_000;
const params = new URLSearchParams(location.search);
let profiling = false;
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
  const floor = async () => {
    const el = document.createElement('bench-floor') as BenchFloor;
    el.items = activities;
    return timeFirstRows(() => (stage.replaceChildren(el), el));
  };
  const session = await connected(engine);
  const journey = () => measureJourney(session, stage);
  // Cold: first in the page; ?first=floor mounts the floor first, else the journey, so each one's cold
  // figure comes from a page where it went first and paid for the page's first Lit and virtualizer work.
  const floorFirst = params.get('first') === 'floor';
  let floorCold: number;
  let cold: Measured;
  if (floorFirst) [floorCold, cold] = [await floor(), await journey()];
  else [cold, floorCold] = [await journey(), await floor()];
  // Warm: mounted again in the same page and session, as when the agent comes back to the customer.
  // ?profile: a profiler attached over CDP gets this first render alone (console.profile).
  profiling = params.has('profile');
  const warm = await journey();
  profiling = false;
  const floorWarm = await floor();
  // Reload: mounted again over a fresh session, so the journey comes through the transport once more.
  const fresh = await connected(engine);
  const reload = await measureJourney(fresh, stage);
  fresh.dispose();
  session.dispose();
  Object.assign(window, {
    benchResult: { ...cold, floorColdMs: floorCold, floorWarmMs: floorWarm, warmRenderMs: warm.firstRenderMs, reloadRenderMs: reload.firstRenderMs, floorFirst },
  });
}

async function connected(engine: CareEngine): Promise<CareStore> {
  const store = new CareStore(new MemoryTransport(engine, { agentId: 'agent-1' }));
  await store.connect();
  return store;
}

interface Measured {
  activities: number;
  firstRenderMs: number;
  rows: number;
  nodes: number;
}

/** Mounts care-journey over `store` and times its first rows. */
async function measureJourney(store: CareStore, stage: HTMLElement): Promise<Measured> {
  stage.replaceChildren();
  const before = countNodes(document.body);
  if (profiling) console.profile('first render');
  const started = performance.now();
  stage.innerHTML = '<care-provider><care-journey customer-id="cust-long"></care-journey></care-provider>';
  (stage.querySelector('care-provider') as HTMLElement & { store: CareStore }).store = store;
  const journey = stage.querySelector('care-journey')!;
  const firstRender = (await rowsIn(journey)) - started;
  if (profiling) console.profileEnd('first render');
  await frame();
  await frame();
  const rows = journey.shadowRoot!.querySelectorAll('[role=listitem]').length;
  const nodes = countNodes(document.body) - before;
  stage.replaceChildren();
  return { activities: n, firstRenderMs: Math.round(firstRender * 10) / 10, rows, nodes };
}

run().catch((error: unknown) => Object.assign(window, { benchResult: { error: String(error) } }));
