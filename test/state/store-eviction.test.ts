import { expect } from '@open-wc/testing';
import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import { createSeed } from '../../src/engine/seed.js';
import type { CareStore } from '../../src/state/store.js';
import { MINUTE, START } from '../support/fixtures.js';
import { session, until } from '../support/session.js';

const pause = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** An engine with the demo's 40 customers and a store that keeps `keep` of them. */
async function shift(keep: number) {
  const clock = new VirtualClock(START);
  const seed = createSeed({ now: clock.now() });
  const engine = new CareEngine({ clock, seed });
  const { store } = await session(engine, 'agent-1', { keepCustomers: keep });
  return { engine, clock, seed, store };
}

/** One chat from customer `n` of the seed: accepted, shown, answered, closed. */
async function chatWith(w: Awaited<ReturnType<typeof shift>>, n: number) {
  const customer = w.seed.customers[n]!;
  const task = w.engine.receive({ media: 'chat', contact: { name: customer.name, email: customer.email, phone: customer.phone }, opening: 'Hello', queueId: 'q-backlog' });
  expect((await w.store.accept(task.id)).ok).to.equal(true);
  w.store.activateTask(task.id);
  const views = [w.store.journey$(customer.id).subscribe(), w.store.transcript$(task.activityId).subscribe(), w.store.comments$(task.activityId).subscribe()];
  await until(w.store.journey$(customer.id), (j) => j.status === 'ready');
  await w.store.sendMessage(task.activityId, 'One moment please.');
  expect((await w.store.close(task.id, 'discard')).ok).to.equal(true);
  views.forEach((view) => view.unsubscribe());
  w.clock.advance(4 * MINUTE);
  await pause();
  return { customer, task };
}

function held(store: CareStore) {
  const s = store.snapshot;
  return { customers: s.customers.size, transcripts: Object.keys(s.transcripts).length, closedTasks: [...s.tasks.values()].filter((t) => t.state === 'closed').length };
}

describe('CareStore over a shift (N6)', () => {
  it('N6 after 30 chats with 30 customers the store holds the 5 it keeps, not all 30', async () => {
    const w = await shift(5);
    for (let n = 0; n < 30; n++) await chatWith(w, n);
    await pause();
    const now = held(w.store);
    console.log(`N6 after 30 chats: ${now.customers} customers, ${now.transcripts} transcripts, ${now.closedTasks} closed tasks held (keepCustomers 5)`);
    expect(now.customers).to.be.at.most(5);
    expect(now.transcripts).to.be.at.most(6);
    expect(now.closedTasks).to.be.at.most(1);
  });

  it('N6 with keepCustomers Infinity nothing is let go (as before)', async () => {
    const w = await shift(Infinity);
    for (let n = 0; n < 8; n++) await chatWith(w, n);
    expect(held(w.store).customers).to.equal(8);
  });

  it('N6 a customer evicted is loaded again when shown again', async () => {
    const w = await shift(2);
    const { customer } = await chatWith(w, 0);
    for (let n = 1; n < 5; n++) await chatWith(w, n);
    expect(w.store.snapshot.customers.has(customer.id), 'let go').to.equal(false);
    const journey = await until(w.store.journey$(customer.id), (j) => j.status === 'ready');
    expect(journey.status === 'ready' && journey.value.customer.id).to.equal(customer.id);
  });

  it('N6 a customer with unsent text, and one a view is watching, are never let go', async () => {
    const w = await shift(1);
    const first = w.seed.customers[0]!;
    const second = w.seed.customers[1]!;
    // A comment half typed on an earlier activity of the first customer's outlives their chat (X8).
    const task = w.engine.receive({ media: 'chat', contact: { name: first.name, email: first.email, phone: first.phone }, opening: 'Hi', queueId: 'q-backlog' });
    await w.store.accept(task.id);
    const journey = await until(w.store.journey$(first.id), (j) => j.status === 'ready');
    const earlier = journey.status === 'ready' ? journey.value.activities.find((a) => a.id !== task.activityId)!.id : '';
    w.store.setUnsentText('comment', earlier, 'Still typing this');
    expect((await w.store.close(task.id, 'discard')).ok).to.equal(true);
    // The second customer's record stays on screen (a pinned customer card) the whole time.
    const pinned = w.store.customer$(second.id).subscribe();
    await until(w.store.customer$(second.id), (c) => c.status === 'ready');
    for (let n = 2; n < 6; n++) await chatWith(w, n);
    expect(w.store.unsentText('comment', earlier)).to.equal('Still typing this');
    expect(w.store.snapshot.activities.has(earlier), 'the activity with unsent text').to.equal(true);
    expect(w.store.snapshot.customers.has(first.id), 'and its customer').to.equal(true);
    expect(w.store.snapshot.customers.has(second.id), 'the customer a view shows').to.equal(true);
    pinned.unsubscribe();
  });
});
