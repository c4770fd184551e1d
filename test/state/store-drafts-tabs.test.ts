import { expect } from '@open-wc/testing';
import { clearDatabase, database } from '../../src/state/persist/database.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { session, until } from '../support/session.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two tabs of one agent, each with its own store keeping drafts. */
async function twoTabs() {
  const { engine } = makeEngine();
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
  const requestId = engine.getActivity(task.activityId).requestId!;
  const one = (await session(engine, 'agent-1', { persist: true })).store;
  const two = (await session(engine, 'agent-1', { persist: true })).store;
  for (const store of [one, two]) await until(store.request$(requestId), (r) => r.status === 'ready');
  await pause(50); // both keepers listening
  return { engine, task, requestId, one, two, done: () => [one, two].forEach((s) => s.dispose()) };
}

describe('CareStore: one set of drafts across the agent’s tabs (N2)', () => {
  beforeEach(() => clearDatabase());

  it('N2 what is typed in one tab shows in the other, and Save in one clears it in both', async () => {
    const { requestId, task, one, two, done } = await twoTabs();
    one.editRequest(requestId, { title: 'Typed in tab one' });
    one.setUnsentText('comment', task.activityId, 'Half a comment');
    const mirrored = await until(two.requestDraft$(requestId), (d) => d?.values.title === 'Typed in tab one');
    expect(mirrored?.dirty).to.equal(true);
    await until(two.state$, () => two.unsentText('comment', task.activityId) === 'Half a comment');

    expect((await two.saveRequest(requestId)).ok, 'saved from the other tab').to.equal(true);
    await until(one.requestDraft$(requestId), (d) => d !== null && !d.dirty);
    expect(one.hasUnsaved(), 'the comment is still unsent').to.equal(true);
    two.setUnsentText('comment', task.activityId, '');
    await until(one.state$, () => !one.hasUnsaved());
    done();
  });

  it('N2 N1 a tab with nothing typed never wipes another tab’s kept drafts', async () => {
    const { requestId, one, two, done } = await twoTabs();
    one.editRequest(requestId, { title: 'Only in tab one' });
    await pause(400);
    // The other tab changes state (its agent goes Ready): it writes what it keeps, which must still hold tab one's draft.
    expect((await two.setStatus('ready')).ok).to.equal(true);
    await pause(400);
    const kept = (await (await database()).get('drafts', 'agent-1')) as { drafts: { request: Record<string, { values: { title?: string } }> } } | undefined;
    expect(kept?.drafts.request[requestId]?.values.title).to.equal('Only in tab one');
    done();
  });
});
