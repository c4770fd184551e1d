import { expect } from '@open-wc/testing';
import type { Task } from '../../src/model/types.js';
import { initialState } from '../../src/state/container.js';
import { reduce } from '../../src/state/reducer.js';
import { Table } from '../../src/state/table.js';
import { taskListsOf, withListed } from '../../src/state/task-lists.js';
import type { CareState } from '../../src/state/types.js';
import { ANN, BOB, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { current, session, until } from '../support/session.js';

const ENV = { now: 1_000, maxNotices: 20 };

function task(id: string, receivedAt: number, state: Task['state'] = 'queued'): Task {
  return {
    id,
    version: 1,
    media: 'chat',
    queueId: 'q-backlog',
    routing: 'pick',
    state,
    receivedAt,
    contact: { name: id, email: '', phone: '' },
    customerId: null,
    activityId: `act-${id}`,
  } as Task;
}

describe('the store\'s parts', () => {
  it('R6 a keystroke in a draft re-emits only that draft: the queue, the journey and other drafts stay silent', async () => {
    const { engine } = makeEngine();
    const t = acceptPicked(engine, 'agent-1', chat(ANN));
    for (let i = 0; i < 50; i++) engine.receive(chat(BOB));
    const { store } = await session(engine, 'agent-1');
    await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
    const counts = { queue: 0, journey: 0, other: 0, mine: 0, inProgress: 0 };
    const subs = [
      store.queue$.subscribe(() => counts.queue++),
      store.inProgress$.subscribe(() => counts.inProgress++),
      store.journey$('cust-ann').subscribe(() => counts.journey++),
      store.requestDraft$('req-ann-older').subscribe(() => counts.other++),
      store.requestDraft$('req-ann-newer').subscribe(() => counts.mine++),
    ];
    for (const title of ['R', 'Re', 'Ref', 'Refu']) store.editRequest('req-ann-newer', { title });
    subs.forEach((s) => s.unsubscribe());
    expect(counts).to.deep.equal({ queue: 1, inProgress: 1, journey: 1, other: 1, mine: 5 });
    expect(current(store.requestDraft$('req-ann-newer'))?.values.title).to.equal('Refu');
    expect(t.state).to.equal('accepted');
  });

  it('R1 R14 the task lists follow one task at a time: a change moves one entry, a list it does not touch keeps its array', () => {
    const lists = taskListsOf([task('b', 20), task('a', 10), task('c', 5, 'accepted')]);
    expect(lists.queued.map((t) => t.id)).to.deep.equal(['a', 'b']);
    expect(lists.accepted.map((t) => t.id)).to.deep.equal(['c']);
    const added = withListed(lists, undefined, task('d', 15));
    expect(added.queued.map((t) => t.id)).to.deep.equal(['a', 'd', 'b']);
    expect(added.accepted).to.equal(lists.accepted);
    // A tie goes after the tasks it ties with, as a stable sort would put it.
    expect(withListed(added, undefined, task('e', 15)).queued.map((t) => t.id)).to.deep.equal(['a', 'd', 'e', 'b']);
    const taken = withListed(added, task('d', 15), { ...task('d', 15, 'accepted'), acceptedAt: 30, version: 2 });
    expect(taken.queued.map((t) => t.id)).to.deep.equal(['a', 'b']);
    expect(taken.accepted.map((t) => t.id)).to.deep.equal(['c', 'd']);
    expect(taken.offered).to.equal(lists.offered);
    expect(withListed(taken, taken.accepted[1], undefined).accepted.map((t) => t.id)).to.deep.equal(['c']);
  });

  it('R1 a colleague taking a queued task leaves the queue in order through the store, the in-progress list untouched', () => {
    let s: CareState = { ...initialState(), agent: { id: 'agent-1', name: 'A', version: 1, updatedAt: 0, status: 'ready', statusReason: 'manual', statusSince: 0, queueIds: ['q-backlog'] } };
    for (const [id, at] of [['b', 20], ['a', 10], ['c', 30]] as const) s = reduce(s, { type: 'task-changed', task: task(id, at) }, ENV);
    expect(s.taskLists.queued.map((t) => t.id)).to.deep.equal(['a', 'b', 'c']);
    const accepted = s.taskLists.accepted;
    const taken = { ...task('b', 20, 'accepted'), version: 2, acceptedBy: 'agent-2', acceptedAt: 40 };
    s = reduce(s, { type: 'task-changed', task: taken }, ENV);
    expect(s.taskLists.queued.map((t) => t.id)).to.deep.equal(['a', 'c']);
    expect(s.tasks.has('b')).to.equal(false);
    expect(s.taskLists.accepted).to.equal(accepted);
  });

  it('R16 a journey watched again after everyone left comes back as the same object, nothing rebuilt', async () => {
    const { engine } = makeEngine();
    acceptPicked(engine, 'agent-1', chat(ANN));
    const { store } = await session(engine, 'agent-1');
    const first = await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
    const again = current(store.journey$('cust-ann'));
    expect(again.status === 'ready' && first.status === 'ready' && again.value === first.value).to.equal(true);
    // A change to the journey gives a new object, as before.
    store.editRequest('req-ann-newer', { title: 'x' });
    await store.saveRequest('req-ann-newer');
    const changed = current(store.journey$('cust-ann'));
    expect(changed.status === 'ready' && first.status === 'ready' && changed.value !== first.value).to.equal(true);
  });

  it('R1 the task table is immutable: every copy answers as of its own change, across folds of its overlay', () => {
    let table = Table.of([task('a', 1)]);
    const versions = [table];
    for (let n = 0; n < 100; n++) {
      table = n % 3 === 2 ? table.delete(`t${n - 1}`) : table.set(task(`t${n}`, n));
      versions.push(table);
    }
    // Each version still holds exactly what it held when it was made.
    expect(versions[1]!.has('t0')).to.equal(true);
    expect(versions[1]!.has('t1')).to.equal(false);
    expect(versions[3]!.has('t1')).to.equal(false);
    expect(versions[2]!.has('t1')).to.equal(true);
    const ids = [...table].map((t) => t.id);
    expect(ids.length).to.equal(table.size);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(table.has('a')).to.equal(true);
    expect(table.delete('nothing')).to.equal(table);
    expect(table.set({ ...task('a', 1), version: 2 }).get('a')?.version).to.equal(2);
    expect(table.get('a')?.version).to.equal(1);
  });

  it('R6 the agent’s own tag on the activity does not swallow a colleague’s conflicting change to its request', async () => {
    const { engine } = makeEngine();
    const mine = acceptPicked(engine, 'agent-1', chat(ANN));
    acceptPicked(engine, 'agent-2', chat(ANN));
    const { store: a } = await session(engine, 'agent-1');
    const { store: b } = await session(engine, 'agent-2');
    await until(a.journey$('cust-ann'), (j) => j.status === 'ready');
    await until(b.journey$('cust-ann'), (j) => j.status === 'ready');
    const requestId = engine.getActivity(mine.activityId).requestId!;
    a.editRequest(requestId, { title: 'My title' });
    b.editRequest(requestId, { title: 'Their title' });
    expect((await b.saveRequest(requestId)).ok).to.equal(true);
    expect(current(a.requestDraft$(requestId))?.conflict).to.not.equal(undefined);
    const versionBefore = engine.getRequest(requestId).version;
    expect((await a.addTag(mine.activityId, 'billing')).ok).to.equal(true);
    expect(engine.getRequest(requestId).version, 'the tag touched the request').to.be.greaterThan(versionBefore);
    const view = current(a.requestDraft$(requestId))!;
    expect(view.conflict?.changedBy?.name).to.equal('Soo-ah Park');
    expect(view.conflict?.current.title).to.equal('Their title');
    const saved = await a.saveRequest(requestId);
    expect(!saved.ok && saved.error.kind).to.equal('conflict');
    expect(engine.getRequest(requestId).title).to.equal('Their title');
    a.loadTheirs('request', requestId);
    expect(current(a.requestDraft$(requestId))?.values.title).to.equal('Their title');
  });

  it('R13 the reducer is pure: an offer timeout gives a new state with a notice and leaves the old one untouched', () => {
    const offered = task('a', 10, 'offered');
    const before: CareState = { ...initialState(), tasks: Table.of([offered]), taskLists: taskListsOf([offered]) };
    const frozen = JSON.stringify({ ...before, tasks: [...before.tasks] });
    const after = reduce(before, { type: 'task-revoked', task: { ...task('a', 10), version: 2 }, reason: 'timeout' }, ENV);
    expect(JSON.stringify({ ...before, tasks: [...before.tasks] })).to.equal(frozen);
    expect(after.tasks.get('a')?.state).to.equal('queued');
    expect(after.taskLists.queued.map((t) => t.id)).to.deep.equal(['a']);
    expect(after.taskLists.offered).to.deep.equal([]);
    expect(after.notices.map((n) => [n.code, n.id, n.at])).to.deep.equal([['offer-timeout', 1, 1_000]]);
    expect(after.noticeSeq).to.equal(2);
    // An event about nothing the session shows changes nothing: the same object comes back.
    const same = reduce(after, { type: 'chat-message', message: { id: 'm', activityId: 'nowhere', from: 'customer', authorName: 'Ann', text: 'hi', at: 5 } }, ENV);
    expect(same).to.equal(after);
  });

  it('R21 the store refuses a new request without a title, also for a move to a new request, before the backend hears of it', async () => {
    const { engine } = makeEngine();
    const t = acceptPicked(engine, 'agent-1', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
    let sent = 0;
    transport.failure = () => {
      sent++;
      return undefined;
    };
    const created = await store.createRequest('cust-ann', { title: '   ', description: 'Details' });
    expect(!created.ok && created.error.issues[0]).to.include({ field: 'title', code: 'required' });
    const moved = await store.moveActivity(t.activityId, { newRequest: { title: '', description: '' } });
    expect(!moved.ok && moved.error.issues[0]).to.include({ field: 'title', code: 'required' });
    expect(sent).to.equal(0);
  });

  it('X8 unsent chat, comment and tag text are store drafts that Close can see, and sending takes off only what was sent', async () => {
    const { engine } = makeEngine();
    const t = acceptPicked(engine, 'agent-1', chat(ANN));
    const { store } = await session(engine, 'agent-1');
    expect(store.closeCheck(t.id).unsentTexts).to.deep.equal([]);
    store.setUnsentText('message', t.id, 'Hello Ann, one moment');
    store.setUnsentText('comment', t.activityId, 'Called back');
    store.setUnsentText('tag', t.activityId, 'vi');
    expect(store.closeCheck(t.id).unsentTexts).to.deep.equal([
      { kind: 'message', id: t.id },
      { kind: 'comment', id: t.activityId },
      { kind: 'tag', id: t.activityId },
    ]);
    store.consumeUnsentText('message', t.id, 'Hello Ann, ');
    expect(store.unsentText('message', t.id)).to.equal('one moment');
    store.setUnsentText('tag', t.activityId, '');
    store.consumeUnsentText('comment', t.activityId, 'Called back');
    expect(store.closeCheck(t.id).unsentTexts).to.deep.equal([{ kind: 'message', id: t.id }]);
    // Closing ends the interaction: its composers' text goes with it, so closed tasks do not pile up in the state.
    store.setUnsentText('tag', t.activityId, 'vi');
    expect((await store.close(t.id)).ok).to.equal(true);
    expect(store.snapshot.unsent).to.deep.equal({ message: {}, comment: {}, tag: {}, requestTitle: {}, requestDescription: {} });
  });

  it('R1 a task updated in the queue keeps its place among tasks received at the same moment', () => {
    const lists = taskListsOf([task('a', 10), task('b', 10), task('c', 10)]);
    const updated = withListed(lists, lists.queued[0], { ...task('a', 10), version: 2 });
    expect(updated.queued.map((t) => t.id)).to.deep.equal(['a', 'b', 'c']);
    expect(updated.queued[0]?.version).to.equal(2);
    expect(updated.accepted).to.equal(lists.accepted);
    // The same version again changes nothing, so no pane re-renders.
    expect(withListed(updated, updated.queued[0], updated.queued[0])).to.equal(updated);
  });
});
