import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { current, session, settle, until } from '../support/session.js';

async function twoAgentsEditing() {
  const { engine } = makeEngine();
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
  acceptPicked(engine, 'agent-2', chat(ANN));
  const a = await session(engine, 'agent-1');
  const b = (await session(engine, 'agent-2')).store;
  for (const store of [a.store, b]) await until(store.journey$('cust-ann'), (j) => j.status === 'ready');
  a.store.editRequest('req-ann-newer', { title: 'Mine' });
  b.editRequest('req-ann-newer', { title: 'Theirs' });
  expect((await b.saveRequest('req-ann-newer')).ok).to.equal(true);
  const codes = () => current(a.store.notices$).map((n) => n.code);
  expect(codes()).to.include('conflict');
  return { engine, task, store: a.store, transport: a.transport, codes };
}

describe('notices that settle themselves (X11)', () => {
  it('X11 R6 the conflict notice goes once Load settles the conflict', async () => {
    const { store, codes } = await twoAgentsEditing();
    store.loadTheirs('request', 'req-ann-newer');
    expect(codes()).to.not.include('conflict');
  });

  it('X11 R11 the conflict notice goes when the task closes', async () => {
    const { store, task, codes } = await twoAgentsEditing();
    expect((await store.close(task.id, 'discard')).ok).to.equal(true);
    expect(codes()).to.not.include('conflict');
  });

  it('X11 the link lost twice is one notice, and its return replaces it', async () => {
    const { engine } = makeEngine();
    const { store, transport } = await session(engine, 'agent-1');
    const codes = () => current(store.notices$).map((n) => n.code);
    transport.setOnline(false);
    transport.setOnline(true);
    transport.setOnline(false);
    await settle();
    expect(codes().filter((c) => c === 'connection-lost')).to.have.length(1);
    expect(codes()).to.not.include('connection-restored');
    transport.setOnline(true);
    await settle();
    expect(codes()).to.deep.equal(['connection-restored']);
  });

  it('X11 a withdrawn offer names its customer', async () => {
    const { engine } = makeEngine();
    const { store } = await session(engine, 'agent-1');
    const desktop = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
    engine.setStatus('agent-1', 'ready');
    engine.receive(chat(ANN));
    await until(store.offers$, (offers) => offers.length === 1);
    engine.setStatus('agent-1', 'not-ready');
    await until(store.notices$, (notices) => notices.some((n) => n.code === 'offer-withdrawn'));
    await desktop.updateComplete;
    const text = [...desktop.shadowRoot!.querySelectorAll("[part~='notice']")].map((p) => p.textContent?.replace(/\s+/g, ' ').trim());
    expect(text).to.include('The offer from Ann Lee was withdrawn. ×');
  });
});
