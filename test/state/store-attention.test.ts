import { expect } from '@open-wc/testing';
import type { CareAlert } from '../../src/state/attention.js';
import { ANN, BOB, MINUTE, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { current, session, settle } from '../support/session.js';

/** Agent 1 holds two chats, Ann's (accepted first) and Bob's (active, accepted last). */
async function twoChats() {
  const { engine, clock } = makeEngine();
  const ann = acceptPicked(engine, 'agent-1', chat(ANN));
  const bob = acceptPicked(engine, 'agent-1', chat(BOB));
  const { store } = await session(engine, 'agent-1');
  store.activateTask(bob.id);
  const alerts: CareAlert[] = [];
  store.alerts$.subscribe((alert) => alerts.push(alert));
  const attention = (id: string) => current(store.attention$)[id];
  return { engine, clock, store, ann, bob, alerts, attention };
}

describe('what needs the agent’s attention (X1)', () => {
  it('X1 lines in a background chat count as unread and alert; opening the chat reads them', async () => {
    const { engine, clock, store, ann, alerts, attention } = await twoChats();
    for (const line of ['Hello?', 'Are you there?', 'It is urgent', 'Please']) {
      engine.customerSays(ann.activityId, line);
      clock.advance(10_000);
    }
    await settle();
    expect(attention(ann.id)?.unread).to.equal(4);
    // Lines that come together ring once, naming the latest and how many.
    expect(alerts.map((a) => a.kind === 'message' && [a.message.text, a.count])).to.deep.equal([['Please', 4]]);
    engine.customerSays(ann.activityId, 'Hello again');
    await settle();
    expect(alerts.map((a) => a.kind === 'message' && [a.message.text, a.count])).to.deep.equal([['Please', 4], ['Hello again', 1]]);
    expect(attention(ann.id)?.unread).to.equal(5);
    store.activateTask(ann.id);
    expect(attention(ann.id)?.unread).to.equal(0);
  });

  it('X1 a line in the chat the agent looks at is read at once and does not alert; with the page hidden it counts', async () => {
    const { engine, store, bob, alerts, attention } = await twoChats();
    engine.customerSays(bob.activityId, 'Thanks!');
    await settle();
    expect(attention(bob.id)?.unread ?? 0).to.equal(0);
    expect(alerts).to.deep.equal([]);
    store.setLooking(false);
    engine.customerSays(bob.activityId, 'One more thing');
    await settle();
    expect(attention(bob.id)?.unread).to.equal(1);
    expect(alerts).to.have.length(1);
    store.setLooking(true);
    expect(attention(bob.id)?.unread).to.equal(0);
  });

  it('X1 waiting time runs from the customer’s first unanswered line and stops when the agent answers', async () => {
    const { engine, clock, store, ann, attention } = await twoChats();
    const first = engine.customerSays(ann.activityId, 'Hello?');
    clock.advance(MINUTE);
    engine.customerSays(ann.activityId, 'Anyone?');
    await settle();
    expect(attention(ann.id)?.waitingSince).to.equal(first.at);
    await store.sendMessage(ann.activityId, 'Sorry for the wait');
    await settle();
    expect(attention(ann.id)?.waitingSince).to.equal(null);
  });

  it('X1 a line heard twice counts once; a closed task leaves nothing behind', async () => {
    const { engine, store, ann, attention } = await twoChats();
    const line = engine.customerSays(ann.activityId, 'Hello?');
    await settle();
    // A resync replays what the stream brought.
    (store as unknown as { receive(e: unknown): void }).receive({ type: 'chat-message', message: line });
    await settle();
    expect(attention(ann.id)?.unread).to.equal(1);
    expect((await store.close(ann.id)).ok).to.equal(true);
    expect(attention(ann.id)).to.equal(undefined);
  });

  it('X1 a new offer alerts', async () => {
    const { engine, store, alerts } = await twoChats();
    await store.setStatus('ready');
    const offered = engine.receive(chat({ ...ANN, email: 'new@example.com', phone: '' }));
    await settle();
    expect(alerts.map((a) => [a.kind, a.task.id])).to.deep.equal([['offer', offered.id]]);
  });
});
