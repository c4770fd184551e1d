import { expect } from '@open-wc/testing';
import { CareEngine } from '../../src/engine/engine.js';
import { VirtualClock } from '../../src/engine/clock.js';
import { ANN, START, acceptPicked, call, chat, fixtureSeed, makeEngine } from '../support/fixtures.js';

describe('CareEngine: saved and restored (N1, the demo across reloads)', () => {
  it('N1 an engine started from another’s exported data carries on: tasks in progress, comments, chat, ids that never repeat', () => {
    const { engine, clock } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const comment = engine.addComment('agent-1', task.activityId, 'Refund approved');
    engine.sendChatMessage('agent-1', task.activityId, 'Your refund is approved');
    const data = JSON.parse(JSON.stringify(engine.exportData())) as ReturnType<CareEngine['exportData']>;

    const again = new CareEngine({ clock, seed: data });
    expect(again.getTask(task.id).state).to.equal('accepted');
    expect(again.getTask(task.id).acceptedBy).to.equal('agent-1');
    expect(again.getComments(task.activityId).map((c) => c.id)).to.include(comment.id);
    expect(again.getTranscript(task.activityId).map((m) => m.text)).to.include('Your refund is approved');
    const next = again.addComment('agent-1', task.activityId, 'After the reload');
    const ids = new Set(again.getComments(task.activityId).map((c) => c.id));
    expect(ids.size).to.equal(again.getComments(task.activityId).length);
    expect(next.id).to.not.equal(comment.id);
  });

  it('N1 an offer pending when the data was saved is offered anew, with a fresh R13 countdown', () => {
    const { engine, clock } = makeEngine();
    engine.setStatus('agent-1', 'ready');
    const task = engine.receive(chat(ANN, 'q-chat'));
    expect(engine.getTask(task.id).state).to.equal('offered');
    clock.advance(10 * 60_000);
    const again = new CareEngine({ clock, seed: engine.exportData() });
    const offered = again.getTask(task.id);
    expect(offered.state).to.equal('offered');
    expect(offered.offeredAt).to.equal(clock.now());
  });

  it('X6 a task in wrap-up when the data was saved still closes by itself at its deadline, not later', () => {
    const seed = fixtureSeed();
    seed.queues = seed.queues.map((q) => (q.id === 'q-backlog' ? { ...q, wrapUp: { codes: ['Resolved'], required: true, limitSeconds: 60 } } : q));
    const clock = new VirtualClock(START);
    const engine = new CareEngine({ clock, seed });
    const task = acceptPicked(engine, 'agent-1', call(ANN));
    const wrapping = engine.startWrapUp('agent-1', task.id);
    expect(wrapping.wrapUpUntil).to.equal(START + 60_000);
    clock.advance(20_000);
    const data = JSON.parse(JSON.stringify(engine.exportData())) as ReturnType<CareEngine['exportData']>;
    engine.dispose();
    const again = new CareEngine({ clock, seed: data });
    clock.advance(39_000);
    expect(again.getTask(task.id).state).to.equal('accepted');
    clock.advance(1000);
    expect(again.getTask(task.id).state).to.equal('closed');
    expect(again.getTask(task.id).closedAt).to.equal(START + 60_000);
  });
});
