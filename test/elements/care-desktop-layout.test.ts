import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { acceptPicked, call, makeEngine } from '../support/fixtures.js';
import { rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

/** Every element under `root`, through open shadow roots. */
function* everything(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* everything(el.shadowRoot);
  }
}

/** Whether something around `el` clips it (an ellipsis box): what lies beyond is not shown. */
function clipped(el: Element): boolean {
  for (let e: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null); e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
    if (['hidden', 'clip'].includes(getComputedStyle(e).overflowX)) return true;
  }
  return false;
}

describe('care-desktop layout (X10)', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  it('X10 at 1366×768 a new caller with a long address and customers like them keeps every column inside the desk', async () => {
    await setViewport({ width: 1366, height: 768 });
    const { engine } = makeEngine();
    // A customer like the caller whose suggestion row is long: it must end in an ellipsis, not widen the column.
    engine.addCustomer({ name: 'Ann Lee', email: 'ann.lee.from.the.regional.office.in.brno@subsidiary-of-example.com', phone: '+420 601 999 998 777' });
    acceptPicked(engine, 'agent-1', call({ name: 'Ann Lee', email: 'ann.lee.at.the.regional.office@subsidiary-of-example.com', phone: '+1 555 0100 999' }));
    const { store } = await session(engine, 'agent-1');
    const el = await fixture<CareDesktop>(html`<care-desktop .store=${store} style="display:block;width:1366px"></care-desktop>`);
    for (let i = 0; i < 6; i++) {
      await settle();
      await rendered(el);
      await new Promise((r) => setTimeout(r, 20));
    }
    const customer = shadow(el).querySelector('care-customer')!;
    expect(customer.shadowRoot!.querySelector('[part=matches]'), 'customers like the caller are suggested').to.not.equal(null);
    const right = el.getBoundingClientRect().right;
    const outside = [...everything(shadow(el))]
      .filter((e) => e.getClientRects().length && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > right + 1 && !clipped(e))
      .map((e) => `${e.localName}${e.getAttribute('part') ? `[part=${e.getAttribute('part')}]` : ''} ends at ${Math.round(e.getBoundingClientRect().right)}`);
    expect(outside, `the desk ends at ${Math.round(right)}`).to.deep.equal([]);
  });
});
