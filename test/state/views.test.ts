import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { Caller } from '../../src/state/call.js';
import { StateContainer } from '../../src/state/container.js';
import { Loader } from '../../src/state/loader.js';
import { Views } from '../../src/state/views.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import { ANN, BOB, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { session, settle } from '../support/session.js';

function views() {
  const { engine } = makeEngine();
  const container = new StateContainer();
  const loader = new Loader(container, new Caller(1000, true), new MemoryTransport(engine, { agentId: 'agent-1' }));
  return new Views(container, loader);
}

describe('the store’s views (N6)', () => {
  it('N6 a view is filed while someone watches it and let go when the last one leaves', () => {
    const v = views();
    const view = v.memo('task:t-1', () => v['container'].select((s) => s.tasks.get('t-1') ?? null));
    expect(v.watched('task:t-1'), 'asked for, not yet watched').to.equal(false);
    const one = view.subscribe();
    const two = v.memo('task:t-1', () => { throw new Error('made twice'); }).subscribe();
    expect(v.watched('task:t-1')).to.equal(true);
    one.unsubscribe();
    expect(v.watched('task:t-1'), 'one still watches').to.equal(true);
    two.unsubscribe();
    expect(v.watched('task:t-1')).to.equal(false);
    view.subscribe().unsubscribe();
    expect(v.watched('task:t-1'), 'watched again and left again').to.equal(false);
  });

  it('N6 a desktop working 20 chats holds no view of a closed task afterwards (each leaked one before)', async () => {
    const { engine } = makeEngine();
    const { store } = await session(engine, 'agent-1');
    await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
    const filed = () => [...(store as unknown as { views: { cache: Map<string, unknown> } }).views.cache.keys()].filter((key) => key.startsWith('task:'));
    for (let n = 0; n < 20; n++) {
      const task = acceptPicked(engine, 'agent-1', chat(n % 2 ? ANN : BOB));
      await settle();
      store.activateTask(task.id);
      await settle();
      expect((await store.close(task.id, 'discard')).ok).to.equal(true);
      await settle();
    }
    expect(filed()).to.deep.equal([]);
  });
});
