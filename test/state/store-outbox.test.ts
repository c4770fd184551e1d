import { expect } from '@open-wc/testing';
import { CareError } from '../../src/model/errors.js';
import { backoff, isQueued } from '../../src/state/outbox.js';
import { clearDatabase } from '../../src/state/persist/database.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { current, session, settle, until } from '../support/session.js';

describe('CareStore: the outbox (N3)', () => {
  beforeEach(() => clearDatabase());

  it('N3 five things sent while offline wait, then go once each and in order when the link is back (5 of 5)', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    const comments = engine.getComments(task.activityId).length;
    const lines = engine.getTranscript(task.activityId).length;
    const requests = engine.getJourney('cust-ann').requests.length;
    transport.setOnline(false);
    await settle();
    const results = [
      await store.addComment(task.activityId, 'First note'),
      await store.sendMessage(task.activityId, 'One moment please'),
      await store.addComment(task.activityId, 'Second note'),
      await store.createRequest('cust-ann', { title: 'Broken lid', description: '' }),
      await store.sendMessage(task.activityId, 'Thank you for waiting'),
    ];
    expect(results.every((r) => !r.ok && isQueued(r.error))).to.equal(true);
    expect(current(store.outbox$).map((i) => i.state)).to.deep.equal(['waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
    expect(store.hasUnsaved(), 'the leave prompt guards the outbox').to.equal(true);

    transport.setOnline(true);
    await until(store.outbox$, (items) => items.length === 0);
    const newComments = engine.getComments(task.activityId).slice(comments).map((c) => c.text);
    const newLines = engine.getTranscript(task.activityId).slice(lines).map((m) => m.text);
    const newRequests = engine.getJourney('cust-ann').requests.length - requests;
    const applied = newComments.length + newLines.length + newRequests;
    console.log(`N3 commands made offline and applied after reconnect: ${applied} of 5`);
    expect(newComments).to.deep.equal(['First note', 'Second note']);
    expect(newLines).to.deep.equal(['One moment please', 'Thank you for waiting']);
    expect(newRequests).to.equal(1);
  });

  it('N3 the outbox survives a reload and is sent by the next page', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const first = await session(engine, 'agent-1', { persist: true });
    first.transport.setOnline(false);
    await settle();
    await first.store.addComment(task.activityId, 'Typed on the train');
    await new Promise((resolve) => setTimeout(resolve, 400));
    first.store.dispose();
    const before = engine.getComments(task.activityId).length;
    const next = await session(engine, 'agent-1', { persist: true });
    await until(next.store.notices$, (n) => n.some((x) => x.code === 'drafts-restored'));
    await until(next.store.outbox$, (items) => items.length === 0);
    expect(engine.getComments(task.activityId).slice(before).map((c) => c.text)).to.deep.equal(['Typed on the train']);
    next.store.dispose();
  });

  it('N3 what the backend refuses when the link is back fails visibly with the reason; Discard drops it', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    transport.setOnline(false);
    await settle();
    await store.addComment(task.activityId, 'After the close');
    engine.closeTask('agent-1', task.id);
    transport.failure = (op) => (op === 'addComment' ? CareError.refused('not-in-progress', 'Not in progress.') : undefined);
    transport.setOnline(true);
    const [failed] = await until(store.outbox$, (items) => items[0]?.state === 'failed');
    expect(failed?.error?.kind).to.equal('refused');
    store.discardOutbox(failed!.key);
    expect(current(store.outbox$)).to.deep.equal([]);
  });

  it('N3 R6 a save made offline waits and is made when the link is back; one a colleague overtook meanwhile is a visible conflict', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    acceptPicked(engine, 'agent-2', chat(ANN));
    const requestId = engine.getActivity(task.activityId).requestId!;
    const { store, transport } = await session(engine, 'agent-1');
    await until(store.request$(requestId), (r) => r.status === 'ready');
    await until(store.customer$('cust-ann'), (c) => c.status === 'ready');
    transport.setOnline(false);
    await settle();
    store.editRequest(requestId, { title: 'Saved while offline' });
    store.editCustomer('cust-ann', { phone: '+1 555 0100 222' });
    const saves = [await store.saveRequest(requestId), await store.saveCustomer('cust-ann')];
    expect(saves.every((r) => !r.ok && isQueued(r.error)), 'both wait').to.equal(true);
    expect(current(store.outbox$).map((i) => i.op === 'save' && `${i.kind} ${i.label}`)).to.deep.equal(['request Saved while offline', 'customer Ann Lee']);
    expect(current(store.requestDraft$(requestId))?.values.title, 'the draft stays as typed').to.equal('Saved while offline');
    // Meanwhile a colleague changes the customer's phone.
    const ann = engine.getCustomer('cust-ann');
    engine.updateCustomer('agent-2', 'cust-ann', ann.version, { phone: '+1 555 0100 333' });

    transport.setOnline(true);
    await until(store.outbox$, (items) => items.length === 0);
    expect(engine.getRequest(requestId).title, 'the request was saved').to.equal('Saved while offline');
    const customer = current(store.customerDraft$('cust-ann'))!;
    expect(customer.conflict?.current.phone, 'the customer save is R6’s conflict, in its editor').to.equal('+1 555 0100 333');
    expect(customer.values.phone, 'with the agent’s text kept').to.equal('+1 555 0100 222');
    expect(engine.getCustomer('cust-ann').phone).to.equal('+1 555 0100 333');
  });

  it('N3 R9 tags added and removed offline stay as shown and are made when the link is back; one refused then is taken back', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    await until(store.activity$(task.activityId), (a) => a.status === 'ready');
    expect((await store.addTag(task.activityId, 'billing')).ok).to.equal(true);
    transport.setOnline(false);
    await settle();
    const offline = [await store.addTag(task.activityId, 'refund'), await store.removeTag(task.activityId, 'billing'), await store.addTag(task.activityId, 'vip')];
    expect(offline.every((r) => !r.ok && isQueued(r.error))).to.equal(true);
    expect(store.snapshot.activities.get(task.activityId)!.tags, 'shown as the agent left them').to.deep.equal(['refund', 'vip']);
    // Meanwhile a colleague's rule forbids 'vip' here: the backend will refuse it.
    const addTag = transport.addTag.bind(transport);
    transport.addTag = (id, tag, signal) => (tag === 'vip' ? Promise.reject(CareError.refused('read-only', 'Closed meanwhile.')) : addTag(id, tag, signal));

    transport.setOnline(true);
    await until(store.outbox$, (items) => items.every((i) => i.state === 'failed'));
    expect(engine.getActivity(task.activityId).tags, 'made on the backend').to.deep.equal(['refund']);
    expect(store.snapshot.activities.get(task.activityId)!.tags, 'the refused one taken back').to.deep.equal(['refund']);
    expect(current(store.outbox$).map((i) => [i.op, i.state])).to.deep.equal([['addTag', 'failed']]);
  });

  it('N3 retries back off from 1 s, doubling to 30 s, spread ±30%', () => {
    expect(backoff(0, () => 0.5)).to.equal(1000);
    expect(backoff(3, () => 0.5)).to.equal(8000);
    expect(backoff(10, () => 0.5)).to.equal(30_000);
    expect(backoff(0, () => 0)).to.equal(700);
    expect(backoff(0, () => 1)).to.be.closeTo(1300, 1e-6);
  });
});
