/**
 * N4 fuzz: a deliberately lying adapter (MemoryTransport with `validated:
 * false`, one reply or event corrupted per case) under a mounted
 * care-desktop, while every store command runs. Counts uncaught errors
 * (window `error`, `unhandledrejection`), commands that threw instead of
 * resolving, and spinners left spinning: all must be 0.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { CareError } from '../../src/model/errors.js';
import { TIME_MAX, TIME_MIN } from '../../src/model/schemas.js';
import type { CareStore } from '../../src/state/store.js';
import { CareStore as Store } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import type { CareEventListener, CareTransport } from '../../src/transport/port.js';
import { ANN, BOB, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { settle } from '../support/session.js';

const bad = <T>(value: unknown) => async (): Promise<T> => value as T;
const reject = (value: unknown) => async (): Promise<never> => Promise.reject(value);
const LONG = 'x'.repeat(100_000);
const comment = { id: 'c1', activityId: 'a', authorId: 'agent-2', authorName: 'Soo-ah', text: 'hi', createdAt: Date.UTC(2026, 0, 1) };
const message = { id: 'm1', activityId: 'a', from: 'customer', authorName: 'Ann', text: 'hi', at: Date.UTC(2026, 0, 1) };

type Case = { name: string; reply?: Partial<Record<keyof CareTransport, unknown>>; event?: unknown };

/** The 32 malformed payloads of issue 11 (replies, errors' fields, conflicts and pushed events). */
const CASES: Case[] = [
  { name: 'connect answers null', reply: { connect: bad(null) } },
  { name: 'connect answers a session whose agent is null', reply: { connect: bad({ agent: null, queues: [], tasks: [], now: Date.now() }) } },
  { name: 'connect answers a task received at 1e20', reply: { connect: bad({ agent: { id: 'agent-1', name: 'A', version: 1, updatedAt: Date.now(), status: 'ready', statusReason: 'manual', statusSince: Date.now(), queueIds: [] }, queues: [], tasks: [{ id: 't' , receivedAt: 1e20 }], now: Date.now() }) } },
  { name: 'acceptTask answers null', reply: { acceptTask: bad(null) } },
  { name: 'acceptTask answers a task in state "flying"', reply: { acceptTask: bad({ id: 't', state: 'flying' }) } },
  { name: 'closeTask answers a string', reply: { closeTask: bad('ok') } },
  { name: 'setStatus answers an agent of version -1', reply: { setStatus: bad({ id: 'agent-1', version: -1 }) } },
  { name: 'getCustomer answers a name that is a number', reply: { getCustomer: bad({ id: 'cust-ann', version: 1, name: 42 }) } },
  { name: 'getJourney answers requests: null', reply: { getJourney: bad({ customer: {}, requests: null, activities: [] }) } },
  { name: 'getJourney answers an activity started at NaN', reply: { getJourney: bad({ customer: { id: 'cust-ann' }, requests: [], activities: [{ startedAt: Number.NaN }] }) } },
  { name: 'getRequest answers status "weird"', reply: { getRequest: bad({ id: 'r', status: 'weird' }) } },
  { name: 'getActivity answers tags [null]', reply: { getActivity: bad({ id: 'a', tags: [null] }) } },
  { name: 'getComments answers null', reply: { getComments: bad(null) } },
  { name: 'getComments answers a comment dated 1e20', reply: { getComments: bad([{ ...comment, createdAt: 1e20 }]) } },
  { name: 'getTranscript answers a chat line dated 1e20', reply: { getTranscript: bad([{ ...message, at: 1e20 }]) } },
  { name: 'getTranscript answers undefined', reply: { getTranscript: bad(undefined) } },
  { name: 'searchCustomers answers an object', reply: { searchCustomers: bad({}) } },
  { name: 'createCustomer answers an empty id', reply: { createCustomer: bad({ id: '' }) } },
  { name: 'updateCustomer answers {}', reply: { updateCustomer: bad({}) } },
  { name: 'createRequest answers a title of 100,000 characters', reply: { createRequest: bad({ id: 'r', title: LONG }) } },
  { name: 'updateRequest fails with a conflict whose current record is malformed', reply: { updateRequest: reject(new CareError({ kind: 'conflict', message: 'x', conflict: { entity: 'request', id: 'req-ann-newer', expectedVersion: 1, actualVersion: 2, current: { version: 'two' } } })) } },
  { name: 'updateRequest fails with a conflict on an unknown kind', reply: { updateRequest: reject(new CareError({ kind: 'conflict', message: 'x', conflict: { entity: 'planet' as never, id: 'x', expectedVersion: 1, actualVersion: 2, current: {} } })) } },
  { name: 'addTag fails with null (an error with no fields)', reply: { addTag: reject(null) } },
  { name: 'addComment answers authorName null', reply: { addComment: bad({ ...comment, authorName: null }) } },
  { name: 'moveActivity answers activity: null', reply: { moveActivity: bad({ activity: null, request: {} }) } },
  { name: 'sendChatMessage answers from "alien"', reply: { sendChatMessage: bad({ ...message, from: 'alien' }) } },
  { name: 'event: null', event: null },
  { name: 'event of an unknown type', event: { type: 'meteor' } },
  { name: 'event: task-offered with task null', event: { type: 'task-offered', task: null } },
  { name: 'event: a chat line dated 1e20', event: { type: 'chat-message', message: { ...message, at: 1e20 } } },
  { name: 'event: entity-changed of kind "planet"', event: { type: 'entity-changed', change: { kind: 'planet', value: {} } } },
  { name: 'event: agent-changed with version NaN', event: { type: 'agent-changed', agent: { id: 'agent-1', version: Number.NaN } } },
];

/** The memory adapter, unvouched, with the case's reply replaced and its event pushed on demand. */
function lying(memory: MemoryTransport, c: Case, validated = false): { transport: CareTransport; push: () => void } {
  let listener: CareEventListener | undefined;
  const transport = Object.assign(Object.create(memory) as MemoryTransport, {
    validated,
    ...c.reply,
    subscribe: (l: CareEventListener) => {
      listener = l;
      const off = memory.subscribe(l);
      return () => (off(), (listener = undefined));
    },
  }) as CareTransport;
  return { transport, push: () => (Array.isArray(c.event) ? c.event : [c.event]).forEach((e) => listener?.(e as never)) };
}

/** Every command once, each awaited; a command that throws instead of resolving is counted. */
async function exercise(store: CareStore, backlogTaskId: string): Promise<number> {
  let threw = 0;
  const run = async (command: () => Promise<unknown>) => {
    try {
      await command();
    } catch {
      threw++;
    }
  };
  const activityId = store.snapshot.tasks.get(store.snapshot.activeTaskId ?? '')?.activityId ?? 'act-ann-2';
  await run(() => store.setStatus('ready'));
  await run(() => store.accept(backlogTaskId));
  await run(() => store.searchCustomers('Ann'));
  await run(() => store.addTag(activityId, 'urgent'));
  await run(() => store.removeTag(activityId, 'urgent'));
  await run(() => store.addComment(activityId, 'Called back'));
  await run(() => store.sendMessage(activityId, 'Hello'));
  store.editRequest('req-ann-newer', { title: 'Refund, second try' });
  await run(() => store.saveRequest('req-ann-newer'));
  store.editCustomer('cust-ann', { phone: '+1 555 0100 222' });
  await run(() => store.saveCustomer('cust-ann'));
  await run(() => store.createRequest('cust-ann', { title: 'New problem', description: '' }));
  await run(() => store.moveActivity('act-ann-loose', { requestId: 'req-ann-older' }));
  await run(() => store.moveActivityToCustomer('act-ann-loose', 'cust-bob'));
  const newTask = store.snapshot.taskLists.accepted.find((t) => t.customerId === null);
  if (newTask) await run(() => store.createCustomer(newTask.id));
  await run(() => store.close(backlogTaskId, 'discard'));
  return threw;
}

/** Elements still saying "Loading…" anywhere in the desktop's shadow trees. */
function spinners(root: ParentNode): number {
  let n = 0;
  for (const el of root.querySelectorAll('*')) {
    if (el.getAttribute('aria-busy') === 'true' || (el.getAttribute('role') === 'status' && el.textContent?.trim() === 'Loading…')) n++;
    if (el.shadowRoot) n += spinners(el.shadowRoot);
  }
  return n;
}

describe('N4 fuzz: malformed payloads from an adapter that does not vouch for them', () => {
  it(`N4 ${CASES.length} malformed payloads through the store and a mounted care-desktop: 0 uncaught errors, 0 throwing commands, 0 frozen spinners`, async function () {
    this.timeout(60_000);
    expect(CASES.length).to.be.at.least(32);
    let uncaught = 0;
    const failures: string[] = [];
    const onError = () => uncaught++;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    let threw = 0;
    let frozen = 0;
    try {
      for (const c of CASES) {
        const before = uncaught;
        const { engine } = makeEngine();
        acceptPicked(engine, 'agent-1', chat(ANN));
        acceptPicked(engine, 'agent-1', chat({ name: '', email: 'new@example.com', phone: '' }));
        const backlog = engine.receive({ ...chat(BOB), queueId: 'q-backlog' });
        const { transport, push } = lying(new MemoryTransport(engine, { agentId: 'agent-1' }), c);
        const store = new Store(transport);
        const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
        let t = 0;
        await store.connect().catch(() => t++);
        await settle();
        push();
        t += await exercise(store, backlog.id);
        await settle();
        await settle();
        const f = spinners(el.shadowRoot!);
        threw += t;
        frozen += f;
        if (uncaught > before || t || f) failures.push(`${c.name}: ${uncaught - before} uncaught, ${t} threw, ${f} spinning`);
        el.remove();
        store.dispose();
      }
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
    console.log(`N4 fuzz: ${CASES.length} malformed payloads → ${uncaught} uncaught errors, ${threw} commands threw, ${frozen} frozen spinners`);
    expect(failures).to.deep.equal([]);
    expect(uncaught + threw + frozen).to.equal(0);
  });
});

describe('N4 extreme but legal payloads from an adapter that vouches for them', () => {
  it('N4 dates at the edges, text at its longest, hundreds of tags and thousands of offers: 0 uncaught errors', async function () {
    this.timeout(30_000);
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const activity = engine.getActivity(task.activityId);
    const huge = `\u202E${'אב ✓ 👨‍👩‍👧‍👦'.repeat(700)}`;
    const offers = Array.from({ length: 5000 }, (_, i) => ({
      type: 'task-offered',
      task: { ...task, id: `t-${i}`, state: 'offered', acceptedBy: undefined, offeredTo: 'agent-1', offeredAt: i % 2 ? TIME_MIN : TIME_MAX, receivedAt: TIME_MIN, contact: { name: huge, email: '', phone: '' } },
    }));
    const events = [
      { type: 'chat-message', message: { ...message, activityId: task.activityId, authorName: huge, text: huge, at: TIME_MAX } },
      { type: 'comment-added', comment: { ...comment, activityId: task.activityId, authorName: huge, text: huge, createdAt: TIME_MIN } },
      { type: 'entity-changed', change: { kind: 'activity', value: { ...activity, version: 99, tags: Array.from({ length: 500 }, (_, i) => `${huge.slice(0, 40)}${i}`) } } },
      { type: 'agent-changed', agent: { ...engine.snapshot('agent-1').agent, version: 99, name: huge, statusSince: TIME_MIN } },
      ...offers,
    ];
    let uncaught = 0;
    const onError = () => uncaught++;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const { transport, push } = lying(new MemoryTransport(engine, { agentId: 'agent-1' }), { name: 'extremes', event: events }, true);
      const store = new Store(transport);
      const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
      await store.connect();
      await settle();
      push();
      await settle();
      await settle();
      expect(spinners(el.shadowRoot!)).to.equal(0);
      el.remove();
      store.dispose();
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
    console.log(`N4 extremes from a vouching adapter: ${uncaught} uncaught errors`);
    expect(uncaught).to.equal(0);
  });
});
