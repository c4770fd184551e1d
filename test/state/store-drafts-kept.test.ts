import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { clearDatabase } from '../../src/state/persist/database.js';
import type { CareStore } from '../../src/state/store.js';
import { ANN, STRANGER, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { current, session, until } from '../support/session.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reload: the old page's store is gone, a new one signs the same agent in over the same backend. */
async function reload(old: CareStore, engine: Parameters<typeof session>[0]) {
  await pause(400); // the keeper writes 150 ms after the last key
  old.dispose();
  const next = await session(engine, 'agent-1', { persist: true });
  await until(next.store.notices$, (notices) => notices.some((n) => n.code === 'drafts-restored'));
  return next.store;
}

describe('CareStore: unsaved work survives a reload (N1)', () => {
  beforeEach(() => clearDatabase());

  it('N1 six things typed and not saved are all back after a reload (6 of 6)', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const requestId = engine.getActivity(task.activityId).requestId!;
    const first = (await session(engine, 'agent-1', { persist: true })).store;
    await until(first.request$(requestId), (r) => r.status === 'ready');
    await until(first.customer$('cust-ann'), (c) => c.status === 'ready');
    first.editRequest(requestId, { title: 'Refund for May and June', description: 'Charged twice in both months' });
    first.editCustomer('cust-ann', { name: 'Ann Lee-Park' });
    first.setUnsentText('message', task.id, 'Let me check that for');
    first.setUnsentText('comment', task.activityId, 'Customer prefers email');
    first.setUnsentText('tag', task.activityId, 'refu');

    const store = await reload(first, engine);
    await until(store.request$(requestId), (r) => r.status === 'ready');
    await until(store.customer$('cust-ann'), (c) => c.status === 'ready');
    const request = await until(store.requestDraft$(requestId), (d) => d !== null);
    const customer = await until(store.customerDraft$('cust-ann'), (d) => d !== null);
    const back = [
      request?.values.title === 'Refund for May and June',
      request?.values.description === 'Charged twice in both months',
      customer?.values.name === 'Ann Lee-Park',
      store.unsentText('message', task.id) === 'Let me check that for',
      store.unsentText('comment', task.activityId) === 'Customer prefers email',
      store.unsentText('tag', task.activityId) === 'refu',
    ].filter(Boolean).length;
    console.log(`N1 drafts restored after a reload: ${back} of 6`);
    expect(back).to.equal(6);
    expect(request?.conflict).to.equal(undefined);
    expect(store.hasUnsaved()).to.equal(true);
    store.dispose();
  });

  it('N1 a new customer’s form typed but not created is back after a reload', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(STRANGER));
    const first = (await session(engine, 'agent-1', { persist: true })).store;
    first.editNewCustomer(task.id, { name: 'Jana Nováková' });
    const store = await reload(first, engine);
    expect(current(store.newCustomer$(task.id))?.name).to.equal('Jana Nováková');
    store.dispose();
  });

  it('N1 R6 a restored draft whose record a colleague changed meanwhile shows the conflict, not a silent overwrite', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    acceptPicked(engine, 'agent-2', chat(ANN));
    const requestId = engine.getActivity(task.activityId).requestId!;
    const first = (await session(engine, 'agent-1', { persist: true })).store;
    await until(first.request$(requestId), (r) => r.status === 'ready');
    first.editRequest(requestId, { title: 'Mine' });
    await pause(400);
    first.dispose();
    engine.updateRequest('agent-2', requestId, engine.getRequest(requestId).version, { title: 'Theirs' });
    const store = (await session(engine, 'agent-1', { persist: true })).store;
    await until(store.request$(requestId), (r) => r.status === 'ready');
    const view = await until(store.requestDraft$(requestId), (d) => d?.values.title === 'Mine');
    expect(view?.conflict?.current.title).to.equal('Theirs');
    expect((await store.saveRequest(requestId)).ok).to.equal(false);
    expect(engine.getRequest(requestId).title).to.equal('Theirs');
    store.dispose();
  });

  it('N1 Discard and Save clear what was kept: nothing comes back after the next reload', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const requestId = engine.getActivity(task.activityId).requestId!;
    const first = (await session(engine, 'agent-1', { persist: true })).store;
    await until(first.request$(requestId), (r) => r.status === 'ready');
    await until(first.customer$('cust-ann'), (c) => c.status === 'ready');
    first.editRequest(requestId, { title: 'Saved title' });
    first.editCustomer('cust-ann', { name: 'Dropped' });
    expect((await first.saveRequest(requestId)).ok).to.equal(true);
    first.discard('customer', 'cust-ann');
    await pause(400);
    first.dispose();
    const store = (await session(engine, 'agent-1', { persist: true })).store;
    await pause(200);
    expect(store.snapshot.notices.some((n) => n.code === 'drafts-restored')).to.equal(false);
    expect(store.hasUnsaved()).to.equal(false);
    store.dispose();
  });

  it('N1 the page asks before unloading only while something is unsaved', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const { store } = await session(engine, 'agent-1');
    await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave(), 'nothing typed').to.equal(false);
    store.setUnsentText('comment', task.activityId, 'Half a thought');
    expect(leave(), 'an unsent comment').to.equal(true);
    store.setUnsentText('comment', task.activityId, '');
    expect(leave(), 'the comment cleared').to.equal(false);
  });
});
