import { expect } from '@open-wc/testing';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { session, until } from '../support/session.js';

describe('CareStore: nothing lost (N3, N6)', () => {
  it('N3 a lost answer pressed three times makes 1 comment, 1 chat line, 1 request (0 duplicates)', async () => {
    const { engine } = makeEngine();
    const a = await session(engine, 'agent-1');
    const task = await a.store.accept(engine.receive(chat(ANN, 'q-backlog')).id);
    if (!task.ok) throw task.error;
    const activityId = task.value.activityId;
    const comments = engine.getComments(activityId).length;
    const lines = engine.getTranscript(activityId).length;
    const requests = engine.getJourney('cust-ann').requests.length;

    // Every answer is lost on the way back: the engine did the work, the store hears `network`.
    a.transport.loseAnswer = () => true;
    for (let press = 0; press < 3; press++) {
      expect((await a.store.addComment(activityId, 'Refund sent')).ok).to.equal(false);
      expect((await a.store.sendMessage(activityId, 'Your refund is on its way')).ok).to.equal(false);
      expect((await a.store.createRequest('cust-ann', { title: 'Second charge', description: '' })).ok).to.equal(false);
    }
    a.transport.loseAnswer = undefined;
    // The fourth press gets through and is answered with the first result, not a fourth append.
    expect((await a.store.addComment(activityId, 'Refund sent')).ok).to.equal(true);
    expect((await a.store.sendMessage(activityId, 'Your refund is on its way')).ok).to.equal(true);
    expect((await a.store.createRequest('cust-ann', { title: 'Second charge', description: '' })).ok).to.equal(true);

    const duplicates =
      engine.getComments(activityId).length - comments - 1 +
      (engine.getTranscript(activityId).length - lines - 1) +
      (engine.getJourney('cust-ann').requests.length - requests - 1);
    console.log(`N3 duplicates after lost answers, each pressed 4 times: ${duplicates}`);
    expect(duplicates).to.equal(0);
    const shown = await until(a.store.comments$(activityId), (c) => c.status === 'ready');
    expect(shown.status === 'ready' && shown.value.filter((c) => c.text === 'Refund sent').length).to.equal(1);
  });

  it('N3 the same text sent again after a success is a new comment (a key lives for one command only)', async () => {
    const { engine } = makeEngine();
    const a = await session(engine, 'agent-1');
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const before = engine.getComments(task.activityId).length;
    await a.store.addComment(task.activityId, 'Noted');
    await a.store.addComment(task.activityId, 'Noted');
    expect(engine.getComments(task.activityId).length).to.equal(before + 2);
  });

  it('N6 two agents move one activity at once: the second is told, with where it is now, and the first move stands', async () => {
    const { engine } = makeEngine();
    const mine = acceptPicked(engine, 'agent-1', chat(ANN));
    acceptPicked(engine, 'agent-2', chat(ANN));
    const a = await session(engine, 'agent-1', { latency: 20 });
    await until(a.store.activity$(mine.activityId), (x) => x.status === 'ready');
    // Agent 1's move is on the wire when agent 2's lands first.
    const moving = a.store.moveActivity(mine.activityId, { newRequest: { title: 'Moved by Alex', description: '' } });
    const first = engine.moveActivity('agent-2', mine.activityId, { newRequest: { title: 'Moved by Soo-ah', description: '' } });
    const result = await moving;
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error.kind).to.equal('conflict');
    expect(result.error.conflict?.changedBy?.name).to.equal('Soo-ah Park');
    expect((result.error.conflict?.current as { requestId: string }).requestId).to.equal(first.request.id);
    expect(engine.getActivity(mine.activityId).requestId).to.equal(first.request.id);
    expect(engine.getJourney('cust-ann').requests.some((r) => r.title === 'Moved by Alex')).to.equal(false);
  });
});
