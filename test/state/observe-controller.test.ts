import { ContextProvider, consume } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { BehaviorSubject } from 'rxjs';
import { careStoreContext } from '../../src/state/context.js';
import { ObserveController } from '../../src/state/observe-controller.js';
import type { CareStore } from '../../src/state/store.js';
import { makeEngine } from '../support/fixtures.js';
import { counted } from '../support/observables.js';
import { session } from '../support/session.js';

class ObserveProbe extends LitElement {
  readonly watch = new ObserveController<string>(this);
  override render() {
    return html`<span>${this.watch.value ?? '…'}</span>`;
  }
}
customElements.define('observe-probe', ObserveProbe);

class StoreProbe extends LitElement {
  @consume({ context: careStoreContext, subscribe: true })
  store: CareStore | undefined;
}
customElements.define('store-probe', StoreProbe);

describe('ObserveController', () => {
  it('subscribes on connect, renders each value and unsubscribes on disconnect', async () => {
    const subject = new BehaviorSubject('one');
    const { source, stats } = counted(subject);
    const el = await fixture<ObserveProbe>(html`<observe-probe></observe-probe>`);
    el.watch.source = source;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('one');
    subject.next('two');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('two');
    el.remove();
    expect(stats.live).to.equal(0);
  });

  it('reconnecting subscribes exactly once again', async () => {
    const subject = new BehaviorSubject('x');
    const { source, stats } = counted(subject);
    const el = await fixture<ObserveProbe>(html`<observe-probe></observe-probe>`);
    el.watch.source = source;
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    el.remove();
    parent.append(el);
    expect(stats.live).to.equal(1);
    expect(stats.total).to.equal(3);
  });

  it('switching the source drops the old subscription', async () => {
    const a = counted(new BehaviorSubject('a'));
    const b = counted(new BehaviorSubject('b'));
    const el = await fixture<ObserveProbe>(html`<observe-probe></observe-probe>`);
    el.watch.source = a.source;
    el.watch.source = b.source;
    await el.updateComplete;
    expect(a.stats.live).to.equal(0);
    expect(b.stats.live).to.equal(1);
    expect(el.shadowRoot!.textContent).to.equal('b');
  });
});

describe('careStoreContext', () => {
  it('hands the same store to every element under one provider', async () => {
    const { engine } = makeEngine();
    const { store } = await session(engine, 'agent-1');
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: careStoreContext, initialValue: store });
    host.innerHTML = '<section><store-probe></store-probe></section><store-probe></store-probe>';
    const probes = [...host.querySelectorAll<StoreProbe>('store-probe')];
    expect(probes.map((p) => p.store)).to.deep.equal([store, store]);
  });
});
