import { expect } from '@open-wc/testing';
import { CareError } from '../../src/model/errors.js';
import { OFFER_TIMEOUT_MS } from '../../src/model/limits.js';
import { isCareEvent, isSessionSnapshot } from '../../src/transport/guards.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import type { CareEvent } from '../../src/transport/port.js';
import { ANN, BOB, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { rejected } from '../support/expect-error.js';

function listen(transport: MemoryTransport): CareEvent[] {
  const events: CareEvent[] = [];
  transport.subscribe((e) => events.push(e));
  return events;
}

const signal = () => new AbortController().signal;

describe('MemoryTransport', () => {
  it('R12 R26 each agent hears only its own offers', async () => {
    const { engine } = makeEngine();
    const one = new MemoryTransport(engine, { agentId: 'agent-1' });
    const two = new MemoryTransport(engine, { agentId: 'agent-2' });
    const heardOne = listen(one);
    const heardTwo = listen(two);
    await one.setStatus('ready', signal());
    const task = engine.receive(chat(ANN));
    expect(heardOne.filter((e) => e.type === 'task-offered').map((e) => 'task' in e && e.task.id)).to.deep.equal([task.id]);
    expect(heardTwo.some((e) => e.type.startsWith('task'))).to.equal(false);
  });

  it('R13 a timed-out offer arrives as task-revoked (timeout) and the status change as agent-changed', async () => {
    const { engine, clock } = makeEngine();
    const one = new MemoryTransport(engine, { agentId: 'agent-1' });
    const heard = listen(one);
    await one.setStatus('ready', signal());
    engine.receive(chat(ANN));
    clock.advance(OFFER_TIMEOUT_MS);
    const revoked = heard.find((e) => e.type === 'task-revoked');
    expect(revoked && revoked.type === 'task-revoked' && revoked.reason).to.equal('timeout');
    const status = heard.filter((e) => e.type === 'agent-changed').at(-1);
    expect(status && status.type === 'agent-changed' && status.agent.statusReason).to.equal('offer-timeout');
  });

  it('R3 a pick task taken by another agent leaves this agent’s view with task-changed', async () => {
    const { engine } = makeEngine();
    const one = new MemoryTransport(engine, { agentId: 'agent-1' });
    await one.connect(signal());
    const heard = listen(one);
    const task = engine.receive(chat(ANN, 'q-backlog'));
    engine.acceptTask('agent-2', task.id);
    const changes = heard.filter((e): e is Extract<CareEvent, { type: 'task-changed' }> => e.type === 'task-changed');
    expect(changes.map((e) => e.task.state)).to.deep.equal(['queued', 'accepted']);
  });

  it('R6 entity changes carry the new version and who made them', async () => {
    const { engine } = makeEngine();
    acceptPicked(engine, 'agent-2', chat(ANN));
    const one = new MemoryTransport(engine, { agentId: 'agent-1' });
    const heard = listen(one);
    engine.updateCustomer('agent-2', 'cust-ann', 1, { name: 'Ann B.' });
    const change = heard.at(-1);
    expect(change?.type).to.equal('entity-changed');
    if (change?.type !== 'entity-changed') return;
    expect(change.change.kind).to.equal('customer');
    expect(change.change.value.version).to.equal(2);
    expect(change.changedBy).to.deep.equal({ id: 'agent-2', name: 'Soo-ah Park' });
  });

  it('honours an AbortSignal before and during the call; an aborted call changes nothing', async () => {
    const { engine } = makeEngine();
    const one = new MemoryTransport(engine, { agentId: 'agent-1', latency: 30 });
    const before = new AbortController();
    before.abort();
    expect((await rejected(one.setStatus('ready', before.signal))).kind).to.equal('aborted');
    const during = new AbortController();
    const pending = one.setStatus('ready', during.signal);
    during.abort();
    expect((await rejected(pending)).kind).to.equal('aborted');
    expect(engine.getAgent('agent-1').status).to.equal('not-ready');
  });

  it('passes on the engine’s typed refusals and injected failures', async () => {
    const { engine } = makeEngine();
    const one = new MemoryTransport(engine, { agentId: 'agent-1' });
    const task = engine.receive(chat(ANN));
    const refused = await rejected(one.acceptTask(task.id, signal()));
    expect(refused.reason).to.equal('not-offered');
    one.failure = (op) => (op === 'getJourney' ? new CareError({ kind: 'auth', message: 'Signed out.' }) : undefined);
    expect((await rejected(one.getJourney('cust-ann', signal()))).kind).to.equal('auth');
    expect((await one.getCustomer('cust-ann', signal())).name).to.equal('Ann Lee');
  });

  it('offline: every call fails with a network error and the link change is announced', async () => {
    const { engine } = makeEngine();
    const one = new MemoryTransport(engine, { agentId: 'agent-1' });
    const heard = listen(one);
    one.setOnline(false);
    expect((await rejected(one.getCustomer('cust-bob', signal()))).kind).to.equal('network');
    one.setOnline(true);
    expect(heard.filter((e) => e.type === 'connection')).to.deep.equal([
      { type: 'connection', online: false },
      { type: 'connection', online: true },
    ]);
    expect((await one.getCustomer('cust-bob', signal())).name).to.equal('Bob Novák');
  });

  it('hands out copies: changing a result does not change the backend', async () => {
    const { engine } = makeEngine();
    const one = new MemoryTransport(engine, { agentId: 'agent-1' });
    const customer = await one.getCustomer('cust-ann', signal());
    customer.name = 'Mallory';
    expect(engine.getCustomer('cust-ann').name).to.equal('Ann Lee');
  });

  it('every event and snapshot it produces passes the payload guards', async () => {
    const { engine, clock } = makeEngine();
    const one = new MemoryTransport(engine, { agentId: 'agent-1' });
    const heard = listen(one);
    expect(isSessionSnapshot(await one.connect(signal()))).to.equal(true);
    await one.setStatus('ready', signal());
    const task = engine.receive(chat(BOB));
    await one.acceptTask(task.id, signal());
    await one.addTag(task.activityId, 'vip', signal());
    await one.addComment(task.activityId, 'note', signal());
    await one.sendChatMessage(task.activityId, 'hi', signal());
    engine.receive(chat(ANN));
    clock.advance(OFFER_TIMEOUT_MS);
    one.setOnline(false);
    expect(new Set(heard.map((e) => e.type))).to.have.all.keys(
      'agent-changed', 'task-offered', 'task-changed', 'task-revoked', 'entity-changed', 'comment-added', 'chat-message', 'connection',
    );
    expect(heard.filter((e) => !isCareEvent(e))).to.deep.equal([]);
  });
});

describe('payload guards', () => {
  it('reject malformed events', () => {
    expect(isCareEvent(null)).to.equal(false);
    expect(isCareEvent({ type: 'nope' })).to.equal(false);
    expect(isCareEvent({ type: 'task-offered', task: { id: 1 } })).to.equal(false);
    expect(isCareEvent({ type: 'entity-changed', change: { kind: 'customer', value: { id: 'c' } } })).to.equal(false);
    expect(isCareEvent({ type: 'entity-changed', change: { kind: 'planet', value: {} } })).to.equal(false);
    expect(isCareEvent({ type: 'connection', online: 'yes' })).to.equal(false);
    expect(isCareEvent({ type: 'connection', online: true })).to.equal(true);
  });
});
