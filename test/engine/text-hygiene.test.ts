import { expect } from '@open-wc/testing';
import { CareError } from '../../src/model/errors.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { session } from '../support/session.js';

function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (thrown) {
    return thrown instanceof CareError ? (thrown.issues?.[0]?.code ?? thrown.kind) : String(thrown);
  }
  return undefined;
}

describe('N5 text hygiene in the engine and the store', () => {
  it('N5 R9 the engine takes vip and v\\u200Bip as one tag', () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    engine.addTag('agent-1', task.activityId, 'vip');
    expect(refusal(() => engine.addTag('agent-1', task.activityId, 'v\u200Bip'))).to.equal('duplicate');
    expect(refusal(() => engine.addTag('agent-1', task.activityId, 'VIP\u200D'))).to.equal('duplicate');
    expect(engine.getActivity(task.activityId).tags).to.deep.equal(['vip']);
    // Removing by any of its forms finds it.
    engine.removeTag('agent-1', task.activityId, 'V\u200Bip');
    expect(engine.getActivity(task.activityId).tags).to.deep.equal([]);
  });

  it('N5 the engine refuses invisible-only tags, comments and titles, and stores text in NFC', () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const customerId = task.customerId!;
    expect(refusal(() => engine.addTag('agent-1', task.activityId, '\u200B'))).to.equal('invisible');
    expect(refusal(() => engine.addComment('agent-1', task.activityId, '\u2066\u2069'))).to.equal('invisible');
    expect(refusal(() => engine.createRequest('agent-1', customerId, { title: '\u3164', description: '' }))).to.equal('invisible');
    expect(engine.addComment('agent-1', task.activityId, 'cafe\u0301').text).to.equal('café');
    expect(engine.createRequest('agent-1', customerId, { title: '한글'.normalize('NFD'), description: '' }).title).to.equal('한글');
  });

  it('N5 R9 the store checks first: v\\u200Bip is refused as a duplicate of vip before anything is sent; invisible comments too', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    await store.activity$(task.activityId).subscribe().unsubscribe();
    await new Promise((r) => setTimeout(r, 0));
    expect((await store.addTag(task.activityId, 'vip')).ok).to.equal(true);
    let sent = 0;
    const addTag = transport.addTag;
    transport.addTag = (...args) => (sent++, addTag(...args));
    const twin = await store.addTag(task.activityId, 'v\u200Bip');
    expect(!twin.ok && twin.error.issues?.[0]?.code).to.equal('duplicate');
    expect(sent).to.equal(0);
    const blank = await store.addComment(task.activityId, '\u200B\u200B');
    expect(!blank.ok && blank.error.issues?.[0]?.code).to.equal('invisible');
    const composed = await store.addComment(task.activityId, 'cafe\u0301');
    expect(composed.ok && composed.value.text).to.equal('café');
  });
});
