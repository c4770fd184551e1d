import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { ANN, BOB, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { rendered } from '../support/mount.js';
import { session, settle } from '../support/session.js';

/** Every button under `root`, through open shadow roots. */
function* buttons(root: ParentNode): Generator<HTMLButtonElement> {
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof HTMLButtonElement) yield el;
    if (el.shadowRoot) yield* buttons(el.shadowRoot);
  }
}

/** A button's accessible name as the kit gives it: aria-label, else its text. */
const nameOf = (b: HTMLButtonElement) => (b.getAttribute('aria-label') ?? b.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('accessible names (issue 12)', () => {
  it('every button in a working desktop has a name of its own: two chats, an offer, the queue, the records', async () => {
    const { engine } = makeEngine();
    acceptPicked(engine, 'agent-1', chat(ANN));
    acceptPicked(engine, 'agent-1', chat(BOB));
    engine.receive({ ...chat({ name: 'Dana Whit', email: 'dana@example.net', phone: '' }), queueId: 'q-backlog' });
    const { store } = await session(engine, 'agent-1');
    await store.setStatus('ready');
    engine.receive(chat({ name: 'Eve Stone', email: 'eve@example.net', phone: '' }));
    const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
    for (let i = 0; i < 6; i++) {
      await settle();
      await rendered(el);
      await new Promise((r) => setTimeout(r, 20));
    }
    // The customer's form open too, so both records' Save buttons are on screen.
    const customer = el.shadowRoot!.querySelector('care-customer')!;
    const open = customer.shadowRoot!.querySelector<HTMLButtonElement>('[part~=name]')!;
    if (open.getAttribute('aria-expanded') !== 'true') open.click();
    await rendered(customer);
    [...buttons(customer.shadowRoot!)].find((b) => nameOf(b) === 'Edit')!.click();
    for (let i = 0; i < 2; i++) {
      await settle();
      await rendered(el);
    }
    const names = [...buttons(el.shadowRoot!)].filter((b) => b.getClientRects().length).map(nameOf);
    expect(names.length, 'buttons on screen').to.be.greaterThan(15);
    expect(names).to.include.members(['Save request', 'Save customer']);
    const twice = names.filter((name, i) => names.indexOf(name) !== i);
    expect([...new Set(twice)], `buttons named alike among: ${names.join(' | ')}`).to.deep.equal([]);
  });
});
