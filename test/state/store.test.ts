import { expect } from '@open-wc/testing';
import { CareError } from '../../src/model/errors.js';
import { FIELD_MAX, OFFER_TIMEOUT_MS } from '../../src/model/limits.js';
import type { Journey } from '../../src/model/types.js';
import { CareStore } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import type { CareEvent, CareEventListener, CareTransport } from '../../src/transport/port.js';
import { ANN, BOB, STRANGER, acceptPicked, call, chat, makeEngine } from '../support/fixtures.js';
import { current, session, settle, until } from '../support/session.js';

describe('CareStore', () => {
  describe('connecting and the queue (R1, R3, R12, R14, R26)', () => {
    it('connects and shows the agent, its queues and the pick queue', async () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN, 'q-backlog'));
      const { store } = await session(engine, 'agent-1');
      expect(store.connection).to.equal('online');
      expect(current(store.agent$)?.name).to.equal('Alex Morgan');
      expect(current(store.queues$).map((q) => q.id)).to.deep.equal(['q-chat', 'q-calls', 'q-backlog']);
      expect(current(store.queue$).map((t) => t.id)).to.deep.equal([task.id]);
    });

    it('R26 a task arriving in a pick queue appears in the queue of every agent', async () => {
      const { engine } = makeEngine();
      const a = await session(engine, 'agent-1');
      const b = await session(engine, 'agent-2');
      const task = engine.receive(chat(ANN, 'q-backlog'));
      expect(current(a.store.queue$).map((t) => t.id)).to.deep.equal([task.id]);
      expect(current(b.store.queue$).map((t) => t.id)).to.deep.equal([task.id]);
    });

    it('R1 selecting a queued task previews its customer and journey without accepting it', async () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN, 'q-backlog'));
      const { store } = await session(engine, 'agent-1');
      store.selectTask(task.id);
      expect(current(store.selectedTask$)?.id).to.equal(task.id);
      const journey = await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
      expect(journey.status === 'ready' && journey.value.requests.map((r) => r.title)).to.include('Refund for May invoice');
      expect(engine.getTask(task.id).state).to.equal('queued');
    });

    it('R3 R14 accepting moves the task to in progress, makes it active and takes it out of the other agent’s queue', async () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN, 'q-backlog'));
      const a = await session(engine, 'agent-1');
      const b = await session(engine, 'agent-2');
      a.store.selectTask(task.id);
      const result = await a.store.accept(task.id);
      expect(result.ok).to.equal(true);
      expect(current(a.store.inProgress$).map((t) => t.id)).to.deep.equal([task.id]);
      expect(current(a.store.queue$)).to.deep.equal([]);
      expect(current(a.store.activeTask$)?.id).to.equal(task.id);
      expect(current(a.store.selectedTask$)).to.equal(null);
      expect(current(b.store.queue$)).to.deep.equal([]);
    });

    it('R4 the accepted activity shows up in the loaded journey under the most recent open request', async () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN, 'q-backlog'));
      const { store } = await session(engine, 'agent-1');
      await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
      await store.accept(task.id);
      const journey = current(store.journey$('cust-ann')) as { status: 'ready'; value: Journey };
      const activity = journey.value.activities.find((x) => x.id === task.activityId);
      expect(activity?.requestId).to.equal('req-ann-newer');
    });

    it('R5 a second call is refused with a clear message and stays in the queue', async () => {
      const { engine } = makeEngine();
      const { store } = await session(engine, 'agent-1');
      const first = engine.receive(call(ANN, 'q-backlog'));
      const second = engine.receive(call(BOB, 'q-backlog'));
      expect((await store.accept(first.id)).ok).to.equal(true);
      const refused = await store.accept(second.id);
      expect(refused.ok).to.equal(false);
      if (refused.ok) return;
      expect(refused.error.reason).to.equal('call-in-progress');
      expect(refused.error.message).to.match(/already on a call/);
      expect(current(store.queue$).map((t) => t.id)).to.deep.equal([second.id]);
    });

    it('R12 going Ready brings a push offer; Not Ready brings none', async () => {
      const { engine } = makeEngine();
      const { store } = await session(engine, 'agent-1');
      const task = engine.receive(chat(ANN));
      expect(current(store.offers$)).to.deep.equal([]);
      await store.setStatus('ready');
      expect(current(store.status$)).to.equal('ready');
      expect(current(store.offers$).map((t) => t.id)).to.deep.equal([task.id]);
    });

    it('R13 an offer left for 15 minutes turns the agent Not Ready and tells them why', async () => {
      const { engine, clock } = makeEngine();
      const { store } = await session(engine, 'agent-1');
      await store.setStatus('ready');
      engine.receive(chat(ANN));
      clock.advance(OFFER_TIMEOUT_MS);
      expect(current(store.offers$)).to.deep.equal([]);
      expect(current(store.status$)).to.equal('not-ready');
      expect(current(store.agent$)?.statusReason).to.equal('offer-timeout');
      expect(current(store.notices$).map((n) => n.code)).to.include('offer-timeout');
    });

    it('R12 a status change the backend refuses is rolled back with the error', async () => {
      const { engine } = makeEngine();
      const { store, transport } = await session(engine, 'agent-1');
      transport.failure = (op) => (op === 'setStatus' ? CareError.network() : undefined);
      const pending = store.setStatus('ready');
      expect(current(store.status$)).to.equal('ready');
      const result = await pending;
      expect(result.ok).to.equal(false);
      expect(current(store.status$)).to.equal('not-ready');
    });
  });

  describe('focus and editability (R16, R25)', () => {
    it('R25 the records of a previewed task are read-only; accepting makes them editable', async () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN, 'q-backlog'));
      const { store } = await session(engine, 'agent-1');
      store.selectTask(task.id);
      expect(current(store.focusedCustomerId$)).to.equal('cust-ann');
      expect(current(store.canEdit$('cust-ann'))).to.equal(false);
      await store.accept(task.id);
      expect(current(store.canEdit$('cust-ann'))).to.equal(true);
      expect(current(store.canEdit$('cust-bob'))).to.equal(false);
      expect(current(store.canEdit$(null))).to.equal(false);
    });

    it('R16 picking an activity in the journey focuses it until another task is shown', async () => {
      const { engine } = makeEngine();
      const first = acceptPicked(engine, 'agent-1', chat(ANN));
      const second = acceptPicked(engine, 'agent-1', chat(BOB));
      const { store } = await session(engine, 'agent-1');
      store.activateTask(first.id);
      expect(current(store.focusedActivityId$)).to.equal(first.activityId);
      store.selectActivity('act-ann-1');
      expect(current(store.focusedActivityId$)).to.equal('act-ann-1');
      store.activateTask(second.id);
      expect(current(store.focusedActivityId$)).to.equal(second.activityId);
    });
  });

  describe('drafts and conflicts (R6)', () => {
    async function twoAgentsOnAnn() {
      const { engine, clock } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      acceptPicked(engine, 'agent-2', chat(ANN));
      const a = await session(engine, 'agent-1');
      const b = await session(engine, 'agent-2');
      await until(a.store.journey$('cust-ann'), (j) => j.status === 'ready');
      await until(b.store.journey$('cust-ann'), (j) => j.status === 'ready');
      return { engine, clock, a: a.store, b: b.store };
    }

    it('R6 a remote change to a request being edited shows a conflict naming the other agent; the draft is kept', async () => {
      const { a, b } = await twoAgentsOnAnn();
      a.editRequest('req-ann-newer', { title: 'My title' });
      b.editRequest('req-ann-newer', { title: 'Their title' });
      expect((await b.saveRequest('req-ann-newer')).ok).to.equal(true);
      const view = current(a.requestDraft$('req-ann-newer'))!;
      expect(view.conflict?.changedBy?.name).to.equal('Soo-ah Park');
      expect(view.conflict?.current.title).to.equal('Their title');
      expect(view.values.title).to.equal('My title');
      expect(view.saved.title).to.equal('Their title');
      expect(current(a.notices$).map((n) => n.code)).to.include('conflict');
    });

    it('R6 a stale save is refused as a conflict and the agent’s draft survives', async () => {
      const { engine, a } = await twoAgentsOnAnn();
      a.editRequest('req-ann-newer', { description: 'Mine, long and careful' });
      // The other agent's save reaches the backend but not (yet) this session.
      const base = engine.getRequest('req-ann-newer');
      engine.updateRequest('agent-2', base.id, base.version, { description: 'Theirs' });
      const result = await a.saveRequest('req-ann-newer');
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.error.kind).to.equal('conflict');
      const view = current(a.requestDraft$('req-ann-newer'))!;
      expect(view.values.description).to.equal('Mine, long and careful');
      expect(view.conflict?.current.description).to.equal('Theirs');
      expect(engine.getRequest('req-ann-newer').description).to.equal('Theirs');
    });

    it('R6 Load brings in the other agent’s change and keeps the agent’s own text recoverable', async () => {
      const { engine, a, b } = await twoAgentsOnAnn();
      a.editCustomer('cust-ann', { name: 'Ann Lee-Smith' });
      b.editCustomer('cust-ann', { phone: '+1 555 0100 999' });
      await b.saveCustomer('cust-ann');
      expect(current(a.customerDraft$('cust-ann'))?.conflict).to.not.equal(undefined);
      a.loadTheirs('customer', 'cust-ann');
      let view = current(a.customerDraft$('cust-ann'))!;
      expect(view.conflict).to.equal(undefined);
      expect(view.values).to.deep.equal({ name: 'Ann Lee', email: 'ann@example.com', phone: '+1 555 0100 999' });
      expect(view.stash).to.deep.equal({ name: 'Ann Lee-Smith' });
      a.restoreMine('customer', 'cust-ann');
      view = current(a.customerDraft$('cust-ann'))!;
      expect(view.values.name).to.equal('Ann Lee-Smith');
      expect(view.values.phone).to.equal('+1 555 0100 999');
      const saved = await a.saveCustomer('cust-ann');
      expect(saved.ok).to.equal(true);
      expect(engine.getCustomer('cust-ann')).to.include({ name: 'Ann Lee-Smith', phone: '+1 555 0100 999' });
      expect(current(a.customerDraft$('cust-ann'))?.dirty).to.equal(false);
    });

    it('R6 a change that touches none of the edited fields (a colleague’s tag) does not block the save', async () => {
      const { engine, a } = await twoAgentsOnAnn();
      a.editRequest('req-ann-newer', { title: 'Double charge' });
      const other = engine.snapshot('agent-2').tasks[0]!;
      engine.addTag('agent-2', other.activityId, 'billing-2');
      expect(current(a.requestDraft$('req-ann-newer'))?.conflict).to.equal(undefined);
      const result = await a.saveRequest('req-ann-newer');
      expect(result.ok, result.ok ? '' : result.error.message).to.equal(true);
      expect(engine.getRequest('req-ann-newer').title).to.equal('Double charge');
    });

    it('R6 text typed while a save is under way is kept as unsaved', async () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      const { store, transport } = await session(engine, 'agent-1');
      await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
      transport.latency = 20;
      store.editRequest('req-ann-newer', { title: 'First' });
      const saving = store.saveRequest('req-ann-newer');
      store.editRequest('req-ann-newer', { title: 'First, then more' });
      await saving;
      const view = current(store.requestDraft$('req-ann-newer'))!;
      expect(view.saved.title).to.equal('First');
      expect(view.values.title).to.equal('First, then more');
      expect(view.dirty).to.equal(true);
    });

    it('R7 R23 a 2,001-character description is flagged while typing and never sent', async () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      const { store, transport } = await session(engine, 'agent-1');
      await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
      const calls: string[] = [];
      transport.failure = (op) => {
        calls.push(op);
        return undefined;
      };
      const text = 'd'.repeat(FIELD_MAX + 1);
      store.editRequest('req-ann-newer', { description: text });
      const view = current(store.requestDraft$('req-ann-newer'))!;
      expect(view.issues[0]).to.include({ field: 'description', code: 'too-long', limit: FIELD_MAX });
      const result = await store.saveRequest('req-ann-newer');
      expect(result.ok).to.equal(false);
      expect(calls).to.deep.equal([]);
      expect(current(store.requestDraft$('req-ann-newer'))?.values.description).to.equal(text);
    });
  });

  describe('activities (R9, R15, R20, R29)', () => {
    async function working() {
      const { engine, clock } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      const s = await session(engine, 'agent-1');
      await until(s.store.journey$('cust-ann'), (j) => j.status === 'ready');
      return { engine, clock, task, ...s };
    }

    it('R9 a duplicate tag differing only in case is refused before reaching the backend', async () => {
      const { store, transport, task } = await working();
      expect((await store.addTag(task.activityId, 'Refund')).ok).to.equal(true);
      let sent = 0;
      transport.failure = () => {
        sent++;
        return undefined;
      };
      const dup = await store.addTag(task.activityId, 'refund');
      expect(dup.ok).to.equal(false);
      if (dup.ok) return;
      expect(dup.error.issues[0]?.code).to.equal('duplicate');
      const long = await store.addTag(task.activityId, 'x'.repeat(51));
      expect(!long.ok && long.error.issues[0]?.code).to.equal('too-long');
      expect(sent).to.equal(0);
    });

    it('R9 a tag shows at once and is rolled back with a clear error when the backend fails', async () => {
      const { store, transport, task } = await working();
      transport.latency = 10;
      transport.failure = (op) => (op === 'addTag' ? CareError.network('The service is down.') : undefined);
      const pending = store.addTag(task.activityId, 'vip');
      const during = current(store.activity$(task.activityId));
      expect(during.status === 'ready' && during.value.tags).to.deep.equal(['vip']);
      const result = await pending;
      expect(!result.ok && result.error.message).to.equal('The service is down.');
      const after = current(store.activity$(task.activityId));
      expect(after.status === 'ready' && after.value.tags).to.deep.equal([]);
    });

    it('R20 a comment shows at once and stays once saved; comments are per activity', async () => {
      const { store, task } = await working();
      await until(store.comments$(task.activityId), (c) => c.status === 'ready');
      const pending = store.addComment(task.activityId, 'Called back at 5pm');
      const during = current(store.comments$(task.activityId));
      expect(during.status === 'ready' && during.value.map((c) => c.text)).to.deep.equal(['Called back at 5pm']);
      expect((await pending).ok).to.equal(true);
      const after = current(store.comments$(task.activityId));
      expect(after.status === 'ready' && after.value.map((c) => c.id.startsWith('pending'))).to.deep.equal([false]);
      const other = await until(store.comments$('act-ann-1'), (c) => c.status === 'ready');
      expect(other.status === 'ready' && other.value).to.deep.equal([]);
    });

    it('R15 customer chat lines arrive in the transcript as the backend sends them', async () => {
      const { engine, store, task } = await working();
      await until(store.transcript$(task.activityId), (t) => t.status === 'ready');
      engine.customerSays(task.activityId, 'Still there?');
      await store.sendMessage(task.activityId, 'Yes!');
      const t = current(store.transcript$(task.activityId));
      expect(t.status === 'ready' && t.value.map((m) => m.text)).to.deep.equal(['Hello, I need help', 'Still there?', 'Yes!']);
    });

    it('R29 a move into a closed request is refused and rolled back', async () => {
      const { store, task } = await working();
      const result = await store.moveActivity(task.activityId, { requestId: 'req-ann-closed' });
      expect(!result.ok && result.error.reason).to.equal('target-closed');
      const a = current(store.activity$(task.activityId));
      expect(a.status === 'ready' && a.value.requestId).to.equal('req-ann-newer');
    });

    it('R29 a move to a new request files the activity there', async () => {
      const { store, task } = await working();
      const result = await store.moveActivity(task.activityId, { newRequest: { title: 'Separate', description: '' } });
      expect(result.ok).to.equal(true);
      const journey = current(store.journey$('cust-ann'));
      const req = journey.status === 'ready' ? journey.value.requests.find((r) => r.title === 'Separate') : undefined;
      const a = current(store.activity$(task.activityId));
      expect(a.status === 'ready' && a.value.requestId).to.equal(req?.id);
    });
  });

  describe('customers and closing (R10, R11, R27)', () => {
    it('R27 a new customer’s form starts with what the task knows; Create files the activity', async () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(STRANGER, 'q-backlog'));
      const { store } = await session(engine, 'agent-1');
      await store.accept(task.id);
      expect(current(store.newCustomer$(task.id))).to.deep.equal(STRANGER);
      store.editNewCustomer(task.id, { name: 'Dana Whitfield' });
      const created = await store.createCustomer(task.id);
      expect(created.ok).to.equal(true);
      if (!created.ok) return;
      expect(created.value.name).to.equal('Dana Whitfield');
      expect(current(store.activeTask$)?.customerId).to.equal(created.value.id);
      expect(current(store.newCustomer$(task.id))).to.equal(null);
    });

    it('R11 Close with unsaved customer changes asks first; Discard closes and drops them', async () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      const { store } = await session(engine, 'agent-1');
      await until(store.customer$('cust-ann'), (c) => c.status === 'ready');
      store.editCustomer('cust-ann', { name: 'Annie' });
      expect(store.closeCheck(task.id)).to.deep.equal({ unsavedCustomer: true, customerNotCreated: false, unsavedRequests: [], unsentTexts: [] });
      const asked = await store.close(task.id);
      expect(!asked.ok && asked.error.reason).to.equal('unsaved-changes');
      expect(engine.getTask(task.id).state).to.equal('accepted');
      expect((await store.close(task.id, 'discard')).ok).to.equal(true);
      expect(engine.getCustomer('cust-ann').name).to.equal('Ann Lee');
      expect(current(store.inProgress$)).to.deep.equal([]);
    });

    it('R11 an unsaved request title counts too: Close asks, and Save saves it before closing', async () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      const { store } = await session(engine, 'agent-1');
      await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
      store.editRequest('req-ann-newer', { title: 'Typed but not saved' });
      expect(store.closeCheck(task.id).unsavedRequests).to.deep.equal(['req-ann-newer']);
      const asked = await store.close(task.id);
      expect(!asked.ok && asked.error.reason).to.equal('unsaved-changes');
      expect((await store.close(task.id, 'save')).ok).to.equal(true);
      expect(engine.getRequest('req-ann-newer').title).to.equal('Typed but not saved');
    });

    it('R6 R11 text put aside by Load is not dropped silently on Close', async () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      acceptPicked(engine, 'agent-2', chat(ANN));
      const { store } = await session(engine, 'agent-1');
      await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
      store.editRequest('req-ann-newer', { title: 'Mine' });
      const base = engine.getRequest('req-ann-newer');
      engine.updateRequest('agent-2', base.id, base.version, { title: 'Theirs' });
      await settle();
      store.loadTheirs('request', 'req-ann-newer');
      expect(store.closeCheck(task.id).unsavedRequests).to.deep.equal(['req-ann-newer']);
      expect((await store.close(task.id, 'discard')).ok).to.equal(true);
      expect(engine.getRequest('req-ann-newer').title).to.equal('Theirs');
    });

    it('R11 Close with Save saves the customer first', async () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      const { store } = await session(engine, 'agent-1');
      await until(store.customer$('cust-ann'), (c) => c.status === 'ready');
      store.editCustomer('cust-ann', { name: 'Annie' });
      expect((await store.close(task.id, 'save')).ok).to.equal(true);
      expect(engine.getCustomer('cust-ann').name).to.equal('Annie');
      expect(engine.getTask(task.id).state).to.equal('closed');
    });

    it('R11 a customer not created: Create on close, or close without creating', async () => {
      const { engine } = makeEngine();
      const t1 = acceptPicked(engine, 'agent-1', chat(STRANGER));
      const t2 = acceptPicked(engine, 'agent-1', chat({ name: '', email: 'new@example.com', phone: '' }));
      const { store } = await session(engine, 'agent-1');
      expect(store.closeCheck(t1.id).customerNotCreated).to.equal(true);
      expect((await store.close(t1.id, 'save')).ok).to.equal(true);
      expect(engine.getTask(t1.id).customerId).to.not.equal(null);
      expect((await store.close(t2.id, 'discard')).ok).to.equal(true);
      expect(engine.getTask(t2.id)).to.include({ state: 'closed', customerId: null });
    });

    it('R10 an invalid email stops Save with a clear message and keeps the text', async () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      const { store } = await session(engine, 'agent-1');
      await until(store.customer$('cust-ann'), (c) => c.status === 'ready');
      store.editCustomer('cust-ann', { email: 'ann at example' });
      const result = await store.saveCustomer('cust-ann');
      expect(!result.ok && result.error.issues[0]?.code).to.equal('invalid-email');
      expect(current(store.customerDraft$('cust-ann'))?.values.email).to.equal('ann at example');
    });
  });

  describe('a failing, slow or malformed backend', () => {
    it('a malformed event is ignored with a clear notice', async () => {
      const { engine } = makeEngine();
      const memory = new MemoryTransport(engine, { agentId: 'agent-1' });
      const listeners: CareEventListener[] = [];
      // A host adapter that does not vouch for its payloads, over the memory one.
      const transport: CareTransport = Object.assign(Object.create(memory) as MemoryTransport, {
        validated: false,
        subscribe: (listener: CareEventListener) => {
          listeners.push(listener);
          return memory.subscribe(listener);
        },
      });
      const store = new CareStore(transport);
      await store.connect();
      const before = store.snapshot.tasks;
      for (const deliver of listeners) deliver({ type: 'task-changed', task: { id: 42 } } as unknown as CareEvent);
      expect(store.snapshot.tasks).to.equal(before);
      expect(current(store.notices$).map((n) => n.code)).to.deep.equal(['protocol']);
    });

    it('a malformed journey from an adapter that does not vouch for its payloads is a clear error', async () => {
      const { engine } = makeEngine();
      const memory = new MemoryTransport(engine, { agentId: 'agent-1' });
      const transport: CareTransport = Object.assign(Object.create(memory) as MemoryTransport, {
        validated: false,
        getJourney: async () => ({ customer: { id: 'cust-ann' }, requests: 'nope', activities: [] }) as unknown as Journey,
      });
      const store = new CareStore(transport);
      await store.connect();
      const journey = await until(store.journey$('cust-ann'), (j) => j.status !== 'loading');
      expect(journey.status === 'error' && journey.error.message).to.equal('The service sent a journey this version of Care Kit cannot read.');
    });

    it('a slow backend times out with a network error; the draft is kept', async () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      const { store, transport } = await session(engine, 'agent-1', { timeoutMs: 30 });
      await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
      transport.latency = 1000;
      store.editRequest('req-ann-newer', { title: 'Slow one' });
      const result = await store.saveRequest('req-ann-newer');
      expect(!result.ok && result.error.kind).to.equal('network');
      expect(!result.ok && result.error.message).to.match(/did not answer in time/);
      const view = current(store.requestDraft$('req-ann-newer'))!;
      expect(view.values.title).to.equal('Slow one');
      expect(view.saving).to.equal(false);
    });

    it('X11 losing the connection is reported, reconnecting resyncs the queue and the restored notice replaces the lost one', async () => {
      const { engine } = makeEngine();
      const { store, transport } = await session(engine, 'agent-1');
      transport.setOnline(false);
      expect(store.connection).to.equal('offline');
      const task = engine.receive(chat(BOB, 'q-backlog'));
      const failed = await store.accept(task.id);
      expect(!failed.ok && failed.error.kind).to.equal('network');
      transport.setOnline(true);
      await until(store.connection$, (c) => c === 'online');
      expect(current(store.queue$).map((t) => t.id)).to.deep.equal([task.id]);
      // X11: the restored notice settles the lost one instead of stacking under it.
      const codes = current(store.notices$).map((n) => n.code);
      expect(codes).to.include('connection-restored');
      expect(codes).not.to.include('connection-lost');
    });

    it('a failed load is shown as an error and can be retried', async () => {
      const { engine } = makeEngine();
      const { store, transport } = await session(engine, 'agent-1');
      transport.failure = (op) => (op === 'getJourney' ? CareError.network('Down for maintenance.') : undefined);
      const failed = await until(store.journey$('cust-bob'), (j) => j.status !== 'loading');
      expect(failed.status === 'error' && failed.error.message).to.equal('Down for maintenance.');
      transport.failure = undefined;
      await store.retry({ kind: 'journey', id: 'cust-bob' });
      expect(current(store.journey$('cust-bob')).status).to.equal('ready');
    });

    it('dispose cancels calls in flight', async () => {
      const { engine } = makeEngine();
      const { store, transport } = await session(engine, 'agent-1');
      transport.latency = 50;
      const pending = store.setStatus('ready');
      store.dispose();
      const result = await pending;
      expect(!result.ok && result.error.kind).to.equal('aborted');
      await settle();
      expect(engine.getAgent('agent-1').status).to.equal('not-ready');
    });
  });
});
