import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { rendered, shadow } from '../support/mount.js';
import { session, settle, until } from '../support/session.js';

describe('care-desktop: the outbox on screen (N3)', () => {
  it('N3 what waits for the link is listed with its state and a Discard button, and leaves the list once sent', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
    transport.setOnline(false);
    await settle();
    await store.addComment(task.activityId, 'Written offline');
    await rendered(el);
    const root = shadow(el);
    const list = root.querySelector('[part="outbox"]');
    expect(list?.querySelector('h2')?.textContent).to.equal('Waiting to be sent');
    expect(list?.getAttribute('aria-labelledby')).to.equal('outbox-heading');
    const item = list?.querySelector('li');
    expect(item?.textContent).to.include('Written offline');
    expect(item?.textContent).to.include('Waiting for the connection');
    expect(item?.querySelector('button')?.getAttribute('aria-label')).to.equal('Discard: Comment');
    expect(root.querySelector('[part="notice"].warning')?.textContent).to.include('goes by itself when the connection is back');

    transport.setOnline(true);
    await until(store.outbox$, (items) => items.length === 0);
    await rendered(el);
    expect(shadow(el).querySelector('[part="outbox"]')).to.equal(null);
    expect(engine.getComments(task.activityId).map((c) => c.text)).to.include('Written offline');
  });
});
