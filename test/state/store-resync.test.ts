import { expect } from '@open-wc/testing';
import { OFFER_TIMEOUT_MS } from '../../src/model/limits.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { current, session, settle, until } from '../support/session.js';

describe('CareStore: resync after outages (N3)', () => {
  it('N3 nine events pushed while the link was down are all shown after it comes back (0 lost)', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const colleague = acceptPicked(engine, 'agent-2', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    await until(store.transcript$(task.activityId), (t) => t.status === 'ready');
    await until(store.comments$(task.activityId), (c) => c.status === 'ready');
    await until(store.customer$('cust-ann'), (c) => c.status === 'ready');
    await until(store.journey$('cust-ann'), (j) => j.status === 'ready');

    transport.setOnline(false);
    await settle();
    const said = ['Are you there?', 'Hello?', 'My order number is 4411'].map((line) => engine.customerSays(task.activityId, line));
    const customer = engine.getCustomer('cust-ann');
    engine.updateCustomer('agent-2', 'cust-ann', customer.version, { phone: '+1 555 0199 000' });
    const comment = engine.addComment('agent-2', task.activityId, 'Customer called the hotline too');
    const request = engine.createRequest('agent-2', 'cust-ann', { title: 'Hotline follow-up', description: '' });
    engine.addTag('agent-2', task.activityId, 'urgent');
    engine.addComment('agent-2', colleague.activityId, 'Linked to the hotline call');
    const offered = engine.receive(chat(ANN, 'q-backlog'));
    transport.setOnline(true);
    await until(store.connection$, (c) => c === 'online');
    await settle();
    await settle();

    const s = store.snapshot;
    const lost = [
      ...said.filter((line) => !(s.transcripts[task.activityId] ?? []).some((m) => m.id === line.id)),
      ...(s.customers.get('cust-ann')?.phone === '+1 555 0199 000' ? [] : ['phone']),
      ...((s.comments[task.activityId] ?? []).some((c) => c.id === comment.id) ? [] : ['comment']),
      ...((current(store.journey$('cust-ann')) as { status: string; value?: { requests: { id: string }[] } }).value?.requests.some((r) => r.id === request.id) ? [] : ['request']),
      ...(s.activities.get(task.activityId)?.tags.includes('urgent') ? [] : ['tag']),
      ...(s.tasks.has(offered.id) ? [] : ['queued task']),
    ];
    console.log(`N3 events lost across an outage: ${lost.length} of 8 checked`);
    expect(lost).to.deep.equal([]);
  });

  it('N3 a chat line and a comment pushed while their lists load both appear', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    acceptPicked(engine, 'agent-2', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    // The answers are made at once and then take 30 ms to arrive: what is pushed meanwhile is not in them.
    const slow = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
      const answer = await call(...args);
      await new Promise((resolve) => setTimeout(resolve, 30));
      return answer;
    };
    transport.getTranscript = slow(transport.getTranscript);
    transport.getComments = slow(transport.getComments);
    const transcript = store.transcript$(task.activityId).subscribe();
    const comments = store.comments$(task.activityId).subscribe();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const line = engine.customerSays(task.activityId, 'Sent while you were loading');
    const note = engine.addComment('agent-2', task.activityId, 'Noted while loading');
    await until(store.transcript$(task.activityId), (t) => t.status === 'ready');
    await until(store.comments$(task.activityId), (c) => c.status === 'ready');
    await settle();
    expect((store.snapshot.transcripts[task.activityId] ?? []).map((m) => m.id)).to.include(line.id);
    expect((store.snapshot.comments[task.activityId] ?? []).map((c) => c.id)).to.include(note.id);
    transcript.unsubscribe();
    comments.unsubscribe();
  });

  it('N3 R13 an offer that expires while the agent’s link is down goes on without setting them Not Ready', async () => {
    const { engine, clock } = makeEngine();
    const { store, transport } = await session(engine, 'agent-1');
    await store.setStatus('ready');
    const task = engine.receive(chat(ANN, 'q-chat'));
    expect(engine.getTask(task.id).offeredTo).to.equal('agent-1');
    transport.setOnline(false);
    clock.advance(OFFER_TIMEOUT_MS);
    expect(engine.getTask(task.id).offeredTo).to.not.equal('agent-1');
    expect(engine.getAgent('agent-1').status).to.equal('ready');
    transport.setOnline(true);
    await until(store.status$, (s) => s === 'ready');
  });

  it('R13 with the link up, an expired offer still sets the agent Not Ready', async () => {
    const { engine, clock } = makeEngine();
    const { store } = await session(engine, 'agent-1');
    await store.setStatus('ready');
    const task = engine.receive(chat(ANN, 'q-chat'));
    expect(engine.getTask(task.id).offeredTo).to.equal('agent-1');
    clock.advance(OFFER_TIMEOUT_MS);
    expect(engine.getAgent('agent-1').status).to.equal('not-ready');
    expect(engine.getAgent('agent-1').statusReason).to.equal('offer-timeout');
  });
});
