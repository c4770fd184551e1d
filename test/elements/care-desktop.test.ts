import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import { ANN, STRANGER, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, nextEvent, rendered, shadow } from '../support/mount.js';
import { current, session, settle } from '../support/session.js';

async function setup() {
  const { engine, clock } = makeEngine();
  const { store, transport } = await session(engine, 'agent-1');
  const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
  await rendered(el);
  return { engine, clock, store, transport, el };
}

/** An element inside the desktop's shadow root. */
function inner<T extends HTMLElement>(el: CareDesktop, selector: string): T {
  const found = shadow(el).querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in the desktop`);
  return found;
}

async function settled(el: CareDesktop): Promise<void> {
  await rendered(el);
  for (const child of shadow(el).querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('care-agent-status, care-queue, care-communication')) {
    await child.updateComplete;
  }
  await rendered(el);
}

describe('care-desktop', () => {
  it('is accessible with nothing open and with a chat in progress', async () => {
    const { el, engine } = await setup();
    await expect(el).to.be.accessible();
    acceptPicked(engine, 'agent-1', chat(ANN));
    await settle();
    const { store } = await session(engine, 'agent-1');
    const live = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
    await settled(live);
    await expect(live).to.be.accessible();
  });

  it('composes status, queue, communication and the customer record, each replaceable by a slot', async () => {
    const { el, engine, store } = await setup();
    acceptPicked(engine, 'agent-1', chat(ANN));
    await store.connect();
    await settled(el);
    for (const tag of ['care-agent-status', 'care-queue', 'care-communication', 'care-journey', 'care-customer', 'care-request', 'care-activity', 'care-comments']) {
      expect(shadow(el).querySelector(tag), tag).to.exist;
    }
    const slots = [...shadow(el).querySelectorAll('slot[name]')].map((s) => s.getAttribute('name'));
    expect(slots).to.include.members(['brand', 'journey', 'customer', 'request', 'activity', 'comments']);
  });

  it('provides its store to elements inside it, and can make one from a transport', async () => {
    const { engine } = makeEngine();
    const transport = new MemoryTransport(engine, { agentId: 'agent-1' });
    const el = await fixture<CareDesktop>(html`<care-desktop .transport=${transport}></care-desktop>`);
    await settled(el);
    const status = inner<HTMLElement>(el, 'care-agent-status');
    expect(shadow(status).textContent).to.contain('Not Ready');
    expect(el.store?.connection).to.equal('online');
  });

  it('R3 R15 an accepted chat opens in the communication pane, and the host page hears care-task-accepted', async () => {
    const { el, engine } = await setup();
    const heard = nextEvent(document, 'care-task-accepted');
    const task = engine.receive(chat(ANN, 'q-backlog'));
    await settled(el);
    button(inner(el, 'care-queue'), 'Accept: Chat from Ann Lee').click();
    expect((await heard).task.id).to.equal(task.id);
    await settled(el);
    expect(button(el, 'Close the interaction with Ann Lee')).to.exist;
    expect(inner(el, 'care-communication').getAttribute('task-id')).to.equal(task.id);
  });

  it('R11 Close with nothing unsaved ends the interaction at once', async () => {
    const { el, engine, store } = await setup();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    await store.connect();
    await settled(el);
    const closed = nextEvent(el, 'care-task-closed');
    button(el, 'Close the interaction with Ann Lee').click();
    expect((await closed).task.id).to.equal(task.id);
    expect(engine.getTask(task.id).state).to.equal('closed');
    await settled(el);
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.equal('Closed the interaction with Ann Lee.');
  });

  it('R11 a customer not yet created: the prompt offers Create, close without creating, or Cancel', async () => {
    const { el, engine, store } = await setup();
    const task = acceptPicked(engine, 'agent-1', chat(STRANGER));
    await store.connect();
    await settled(el);
    const close = button(el, 'Close the interaction with Dana Whit');
    close.focus();
    close.click();
    await settled(el);
    const dialog = inner<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('h2')!.textContent).to.equal('Customer not created');
    await expect(el).to.be.accessible();
    button(el, 'Cancel').click();
    await settled(el);
    expect(shadow(el).querySelector('dialog')).to.equal(null);
    expect(engine.getTask(task.id).state).to.equal('accepted');
    expect(shadow(el).activeElement?.textContent?.trim()).to.equal('Close');
    close.click();
    await settled(el);
    button(el, 'Close without creating').click();
    await settled(el);
    expect(engine.getTask(task.id)).to.include({ state: 'closed', customerId: null });
  });

  it('R11 R27 Create and close creates the customer from what the task knew', async () => {
    const { el, engine, store } = await setup();
    const task = acceptPicked(engine, 'agent-1', chat(STRANGER));
    await store.connect();
    await settled(el);
    button(el, 'Close the interaction with Dana Whit').click();
    await settled(el);
    button(el, 'Create and close').click();
    await settled(el);
    const closed = engine.getTask(task.id);
    expect(closed.state).to.equal('closed');
    expect(engine.getCustomer(closed.customerId!).email).to.equal(STRANGER.email);
  });

  it('R11 unsaved customer changes: Save and close saves them; Escape cancels', async () => {
    const { el, engine, store } = await setup();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    await store.connect();
    await settle();
    store.customer$('cust-ann').subscribe();
    await settle();
    store.editCustomer('cust-ann', { name: 'Ann Lee-Park' });
    await settled(el);
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    expect(inner(el, 'dialog').querySelector('h2')!.textContent).to.equal('Unsaved changes');
    await sendKeys({ press: 'Escape' });
    await settled(el);
    expect(shadow(el).querySelector('dialog')).to.equal(null);
    expect(engine.getTask(task.id).state).to.equal('accepted');
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    button(el, 'Save and close').click();
    await settled(el);
    expect(engine.getCustomer('cust-ann').name).to.equal('Ann Lee-Park');
    expect(engine.getTask(task.id).state).to.equal('closed');
  });

  it('R11 Save and close and Create and close tell the host what they saved, as the panes would', async () => {
    const { el, engine, store } = await setup();
    acceptPicked(engine, 'agent-1', chat(ANN));
    acceptPicked(engine, 'agent-1', chat(STRANGER));
    await store.connect();
    store.customer$('cust-ann').subscribe();
    await settle();
    store.editCustomer('cust-ann', { name: 'Ann Lee-Park' });
    await settled(el);
    const heard: string[] = [];
    for (const type of ['care-customer-saved', 'care-customer-created', 'care-request-saved', 'care-task-closed'] as const) {
      el.addEventListener(type, () => heard.push(type));
    }
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    button(el, 'Save and close').click();
    await settled(el);
    expect(heard).to.deep.equal(['care-customer-saved', 'care-task-closed']);
    heard.length = 0;
    button(el, 'Close the interaction with Dana Whit').click();
    await settled(el);
    button(el, 'Create and close').click();
    await settled(el);
    expect(heard).to.deep.equal(['care-customer-created', 'care-task-closed']);
  });

  it('R11 a failed save keeps the prompt open with the reason and closes nothing', async () => {
    const { el, engine, store } = await setup();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    await store.connect();
    store.customer$('cust-ann').subscribe();
    await settle();
    store.editCustomer('cust-ann', { email: 'not an email' });
    await settled(el);
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    button(el, 'Save and close').click();
    await settled(el);
    expect(inner(el, 'dialog').querySelector('[role=alert]')!.textContent).to.contain('Email must look like');
    expect(engine.getTask(task.id).state).to.equal('accepted');
    expect(current(store.customerDraft$('cust-ann'))?.values.email).to.equal('not an email');
  });

  it('a cancelled care-task-close keeps the interaction open', async () => {
    const { el, engine, store } = await setup();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    await store.connect();
    await settled(el);
    el.addEventListener('care-task-close', (e) => e.preventDefault(), { once: true });
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    expect(engine.getTask(task.id).state).to.equal('accepted');
  });

  it('R13 the timeout notice appears in the desktop’s notifications', async () => {
    const { el, engine, clock, store } = await setup();
    await store.setStatus('ready');
    engine.receive(chat(ANN));
    clock.advance(15 * 60 * 1000);
    await settled(el);
    const notices = shadow(el).querySelector("[part='notices']")!.textContent!;
    expect(notices).to.contain('within 15 minutes');
  });
});
