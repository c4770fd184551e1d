import { expect } from '@open-wc/testing';
import type { CareEngine } from '../../src/engine/engine.js';
import { CareStore } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import { shareAcrossTabs, type TabSharedTransport } from '../../src/transport/tabs.js';
import { chat, makeEngine, ANN, BOB } from '../support/fixtures.js';
import { settle, until } from '../support/session.js';

/**
 * Tabs are simulated in one page: each has its own TabSharedTransport and
 * store, and they meet on the browser's real Web Locks and BroadcastChannel
 * under a name no other test uses.
 */
let sessions = 0;

function world() {
  const { engine, clock } = makeEngine();
  const name = `tabs-test ${++sessions} ${Math.random()}`;
  const made: MemoryTransport[] = [];
  let streams = 0;
  const tabs: { transport: TabSharedTransport; store: CareStore; lifecycle: EventTarget }[] = [];
  const make = () => {
    const inner = new MemoryTransport(engine, { agentId: 'agent-1' });
    const subscribe = inner.subscribe.bind(inner);
    inner.subscribe = (listener) => {
      streams++;
      const stop = subscribe(listener);
      return () => (streams--, stop());
    };
    made.push(inner);
    return inner;
  };
  async function openTab() {
    const lifecycle = new EventTarget();
    const transport = shareAcrossTabs(make, { name, validated: true, lifecycle });
    const store = new CareStore(transport, { now: () => engine.now() });
    const tab = { transport, store, lifecycle };
    tabs.push(tab);
    const connected = await store.connect();
    if (!connected.ok) throw connected.error;
    return tab;
  }
  function closeTab(tab: (typeof tabs)[number]) {
    tab.store.dispose();
    tab.transport.close();
    tabs.splice(tabs.indexOf(tab), 1);
  }
  const leaders = () => tabs.filter((tab) => tab.transport.leads());
  const done = () => [...tabs].forEach(closeTab);
  return { engine, clock, made, streams: () => streams, openTab, closeTab, leaders, done };
}

async function offer(engine: CareEngine, contact = ANN) {
  engine.setStatus('agent-1', 'ready');
  return engine.receive(chat(contact));
}

describe('care-kit/tabs: one agent, several tabs, one session (N2)', () => {
  it('N2 three tabs hold one link: one transport made, one event stream, and every tab sees the offer', async () => {
    const w = world();
    const tabs = [await w.openTab(), await w.openTab(), await w.openTab()];
    expect(w.made, 'transports made').to.have.length(1);
    expect(w.streams(), 'event streams open').to.equal(1);
    expect(w.leaders()).to.have.length(1);

    const task = await offer(w.engine);
    for (const tab of tabs) {
      const offers = await until(tab.store.offers$, (list) => list.length === 1);
      expect(offers[0]!.id).to.equal(task.id);
      expect(tab.store.snapshot.agent?.status).to.equal('ready');
    }
    w.done();
  });

  it('N2 one ring: exactly one tab rings for an offer, the one holding the link', async () => {
    const w = world();
    const tabs = [await w.openTab(), await w.openTab()];
    expect(tabs.map((tab) => tab.store.ringsHere)).to.deep.equal([true, false]);
    w.done();
  });

  it('N2 a follower tab’s commands go through the leader, and every tab shows the result', async () => {
    const w = world();
    const leader = await w.openTab();
    const follower = await w.openTab();
    const set = await follower.store.setStatus('ready');
    expect(set.ok).to.equal(true);
    expect(w.engine.getAgent('agent-1').status).to.equal('ready');
    await until(leader.store.status$, (status) => status === 'ready');

    const task = await offer(w.engine, BOB);
    await until(follower.store.offers$, (list) => list.length === 1);
    const accepted = await follower.store.accept(task.id);
    expect(accepted.ok, 'accepted from the follower').to.equal(true);
    await until(leader.store.inProgress$, (list) => list.some((t) => t.id === task.id));
    expect(w.made, 'still one transport').to.have.length(1);
    w.done();
  });

  it('N2 when the leader tab closes, the next tab takes the link, answers the call that waited and catches up', async () => {
    const w = world();
    const first = await w.openTab();
    const second = await w.openTab();
    const third = await w.openTab();
    w.closeTab(first);
    // While no tab holds the link: a task queues (its event reaches no one) and a follower calls.
    const queued = w.engine.receive(chat(BOB, 'q-backlog'));
    const set = third.store.setStatus('ready');
    expect((await set).ok, 'the call made during the handover is answered').to.equal(true);
    for (const tab of [second, third]) await until(tab.store.queue$, (list) => list.some((t) => t.id === queued.id));
    expect(w.leaders().map((tab) => tab === second), "the next tab leads").to.deep.equal([true]);
    expect(w.made, 'the new leader made its own link').to.have.length(2);
    expect(w.streams(), 'still one stream').to.equal(1);
    await until(second.store.status$, (status) => status === 'ready');
    w.done();
  });

  it('N2 a frozen leader hands the link on and follows when it resumes', async () => {
    const w = world();
    const first = await w.openTab();
    const second = await w.openTab();
    first.lifecycle.dispatchEvent(new Event('freeze'));
    await until(second.store.connection$, () => second.transport.leads());
    expect(first.transport.leads()).to.equal(false);
    expect(w.streams()).to.equal(1);

    first.lifecycle.dispatchEvent(new Event('resume'));
    await settle();
    const set = await first.store.setStatus('ready');
    expect(set.ok, 'the resumed tab works through the new leader').to.equal(true);
    expect(w.leaders().map((tab) => tab === second)).to.deep.equal([true]);
    await until(second.store.status$, (status) => status === 'ready');
    w.done();
  });

  it('N2 a tab that cannot make its link lets the lock go, so another tab leads', async () => {
    const { engine } = makeEngine();
    const name = `tabs-test broken ${Math.random()}`;
    let attempts = 0;
    const broken = shareAcrossTabs(() => {
      attempts++;
      throw new Error('no backend configured');
    }, { name, validated: true, lifecycle: new EventTarget() });
    const first = new CareStore(broken, { now: () => engine.now() });
    const failed = await first.connect();
    expect(failed.ok, 'the tab that failed says so').to.equal(false);
    const working = shareAcrossTabs(() => new MemoryTransport(engine, { agentId: 'agent-1' }), { name, validated: true, lifecycle: new EventTarget() });
    const second = new CareStore(working, { now: () => engine.now() });
    expect((await second.connect()).ok, 'the next tab leads').to.equal(true);
    expect(working.leads()).to.equal(true);
    expect(attempts).to.equal(1);
    [first, second].forEach((store) => store.dispose());
    [broken, working].forEach((transport) => transport.close());
  });

  it('N4 a message on the channel that does not fit is ignored, and the tabs go on working', async () => {
    const w = world();
    const leader = await w.openTab();
    const follower = await w.openTab();
    const channel = new BroadcastChannel(`care-kit ${(leader.transport as unknown as { options: { name: string } }).options.name}`);
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    for (const junk of [null, 1, 'x', { t: 'call', op: 'dropDatabase', from: 'x', id: 1, args: [], signalAt: 0 }, { t: 'reply', to: 'x', id: 1, ok: false, error: 7 }, { t: 'event' }]) {
      channel.postMessage(junk);
    }
    await settle();
    const set = await follower.store.setStatus('ready');
    expect(set.ok).to.equal(true);
    expect(errors).to.deep.equal([]);
    window.removeEventListener('error', onError);
    channel.close();
    w.done();
  });
});
