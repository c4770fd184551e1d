import { expect } from '@open-wc/testing';
import type { Task } from '../../src/model/types.js';
import { CareStore } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import type { CareEvent, CareTransport } from '../../src/transport/port.js';
import { START, makeEngine } from '../support/fixtures.js';
import { current } from '../support/session.js';

/** The memory adapter with its event stream in the test's hands (and, unless `validated`, checked by the store). */
function controlled(validated: boolean): { transport: CareTransport; deliver: (event: CareEvent) => void } {
  const { engine } = makeEngine();
  const memory = new MemoryTransport(engine, { agentId: 'agent-1' });
  let listener: ((event: CareEvent) => void) | undefined;
  const transport = Object.assign(Object.create(memory) as MemoryTransport, {
    validated,
    subscribe: (l: (event: CareEvent) => void) => {
      listener = l;
      return () => (listener = undefined);
    },
  });
  return { transport, deliver: (event) => listener?.(event) };
}

function offer(i: number, version = 1, offeredTo: string | null = 'agent-1'): Task {
  // Offer times deliberately out of order (a stride through 1,000 slots), so the list must really be sorted.
  const offeredAt = START + ((i * 7919) % 1000) * 1000;
  const task: Task = {
    id: `t-${i}`,
    version,
    updatedAt: START,
    queueId: 'q-chat',
    routing: 'push',
    media: 'chat',
    state: offeredTo ? 'offered' : 'queued',
    customerId: null,
    contact: { name: `Customer ${i}`, email: '', phone: '' },
    activityId: `a-${i}`,
    receivedAt: START,
  };
  if (offeredTo) Object.assign(task, { offeredTo, offeredAt });
  return task;
}

/** 10,000 events: 8,000 offers, 1,000 of them offered again (a newer version), 1,000 withdrawn. */
function burst(): CareEvent[] {
  const events: CareEvent[] = [];
  for (let i = 0; i < 8000; i++) events.push({ type: 'task-offered', task: offer(i) });
  for (let i = 0; i < 1000; i++) events.push({ type: 'task-changed', task: { ...offer(i, 2), contact: { name: `Renamed ${i}`, email: '', phone: '' } } });
  for (let i = 1000; i < 2000; i++) events.push({ type: 'task-revoked', task: offer(i, 2, null), reason: 'withdrawn' });
  return events;
}

function expectedOffers(): string[] {
  const kept: { id: string; at: number; order: number }[] = [];
  for (let i = 0; i < 8000; i++) if (i < 1000 || i >= 2000) kept.push({ id: `t-${i}`, at: offer(i).offeredAt!, order: i });
  return kept.sort((a, b) => a.at - b.at || a.order - b.order).map((t) => t.id);
}

for (const validated of [true, false]) {
  describe(`N4 event bursts are applied in batches (${validated ? 'a vouching adapter' : 'every event checked'})`, () => {
    it('N4 10,000 events arriving at once make one state emission, and the final state is right', async () => {
      const { transport, deliver } = controlled(validated);
      const store = new CareStore(transport);
      await store.connect();
      let emissions = 0;
      const subscription = store.state$.subscribe(() => emissions++);
      emissions = 0;
      const events = burst();
      const t0 = performance.now();
      for (const event of events) deliver(event);
      await Promise.resolve();
      const ms = performance.now() - t0;
      subscription.unsubscribe();
      console.log(`N4 ${events.length} events (validated ${validated}): ${emissions} state emission(s), ${ms.toFixed(0)} ms`);
      expect(emissions).to.equal(1);
      const offers = current(store.offers$);
      expect(offers.map((t) => t.id)).to.deep.equal(expectedOffers());
      expect(offers.find((t) => t.id === 't-5')?.contact.name).to.equal('Renamed 5');
      expect(store.snapshot.tasks.has('t-1500')).to.equal(false);
      // One notice per withdrawn offer, the store keeping its most recent 20.
      expect(store.snapshot.notices.length).to.equal(20);
      expect(store.snapshot.notices.every((n) => n.code === 'offer-withdrawn')).to.equal(true);
    });
  });
}

describe('N4 batching keeps events in order with everything else', () => {
  it('N4 events delivered over ten tasks make at most ten emissions; a read between them sees every event so far', async () => {
    const { transport, deliver } = controlled(true);
    const store = new CareStore(transport);
    await store.connect();
    let emissions = 0;
    const subscription = store.state$.subscribe(() => emissions++);
    emissions = 0;
    const events = burst();
    for (let chunk = 0; chunk < 10; chunk++) {
      for (const event of events.slice(chunk * 1000, (chunk + 1) * 1000)) deliver(event);
      // A synchronous read (a command starting, a snapshot) sees the events before it: nothing stale.
      if (chunk === 0) expect(store.snapshot.taskLists.offered.length).to.equal(1000);
      await new Promise((r) => setTimeout(r, 0));
    }
    subscription.unsubscribe();
    expect(emissions).to.be.at.most(10);
    expect(current(store.offers$).map((t) => t.id)).to.deep.equal(expectedOffers());
  });

  it('N4 an older version arriving later in the same burst does not win', async () => {
    const { transport, deliver } = controlled(true);
    const store = new CareStore(transport);
    await store.connect();
    deliver({ type: 'task-offered', task: { ...offer(1, 3), contact: { name: 'Newest', email: '', phone: '' } } });
    deliver({ type: 'task-offered', task: offer(2) });
    deliver({ type: 'task-changed', task: offer(1, 2) });
    await Promise.resolve();
    expect(current(store.offers$).find((t) => t.id === 't-1')?.contact.name).to.equal('Newest');
    expect(current(store.offers$).length).to.equal(2);
  });
});
