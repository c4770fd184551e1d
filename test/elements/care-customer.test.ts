import { expect, fixture, html } from '@open-wc/testing';
import { loadLanguage } from '../../src/i18n/localize.js';
import { sendKeys } from '@web/test-runner-commands';
import type { CareCustomer } from '../../src/elements/care-customer/care-customer.js';
import type { CareEngine } from '../../src/engine/engine.js';
import { FIELD_MAX } from '../../src/model/limits.js';
import { CareError } from '../../src/model/errors.js';
import type { Task } from '../../src/model/types.js';
import { ANN, BOB, STRANGER, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, partText, rendered, shadow } from '../support/mount.js';
import { current, session, until } from '../support/session.js';

/** One agent's session with `accept` run first, and the element following the shown task. */
async function setup(accept: (engine: CareEngine) => Task | null = (engine) => acceptPicked(engine, 'agent-1', chat(ANN))) {
  const { engine, clock } = makeEngine();
  const task = accept(engine);
  const { store, transport } = await session(engine, 'agent-1');
  const el = await mount<CareCustomer>(store, html`<care-customer></care-customer>`, 'care-customer');
  return { engine, clock, store, transport, el, task };
}

const input = (el: HTMLElement, id: 'name' | 'email' | 'phone') => shadow(el).querySelector<HTMLInputElement>(`#${id}`);
const nameButton = (el: HTMLElement) => shadow(el).querySelector<HTMLButtonElement>("[part~='name']")!;
const buttonNames = (el: HTMLElement) => [...shadow(el).querySelectorAll('button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());

/** The description of a field (its validation message), as a screen reader finds it. */
function describedBy(el: HTMLElement, field: HTMLInputElement): string {
  const ids = field.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => shadow(el).getElementById(id)?.textContent?.trim() ?? '').join(' ');
}

/** Clicks the name, then Edit. */
async function openForEdit(el: HTMLElement): Promise<void> {
  nameButton(el).click();
  await rendered(el);
  button(el, 'Edit').click();
  await rendered(el);
}

/** Types through the real keyboard at the end of a field. */
async function typeInto(el: HTMLElement, field: HTMLInputElement, text: string): Promise<void> {
  field.focus();
  field.setSelectionRange(field.value.length, field.value.length);
  await sendKeys({ type: text });
  await rendered(el);
}

/** Replaces a field's value at once, as a paste would: typing 2,001 keys is too slow for a test. */
async function fill(el: HTMLElement, field: HTMLInputElement, text: string): Promise<void> {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await rendered(el);
}

async function twoAgentsOnAnn() {
  const { engine } = makeEngine();
  acceptPicked(engine, 'agent-1', chat(ANN));
  acceptPicked(engine, 'agent-2', chat(ANN));
  const a = await session(engine, 'agent-1');
  const b = await session(engine, 'agent-2');
  await until(b.store.customer$('cust-ann'), (c) => c.status === 'ready');
  const el = await mount<CareCustomer>(a.store, html`<care-customer></care-customer>`, 'care-customer');
  return { engine, a: a.store, b: b.store, el };
}

describe('care-customer', () => {
  it('is accessible viewing, editing, with validation errors, with a conflict and for a new customer', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
    nameButton(el).click();
    await rendered(el);
    await expect(el).to.be.accessible();
    button(el, 'Edit').click();
    await rendered(el);
    await expect(el).to.be.accessible();
    await fill(el, input(el, 'email')!, 'not an email');
    await fill(el, input(el, 'phone')!, 'call me');
    await expect(el).to.be.accessible();

    const conflict = await twoAgentsOnAnn();
    await openForEdit(conflict.el);
    await fill(conflict.el, input(conflict.el, 'name')!, 'Ann Lee-Smith');
    conflict.b.editCustomer('cust-ann', { phone: '+1 555 0100 999' });
    await conflict.b.saveCustomer('cust-ann');
    await rendered(conflict.el);
    await expect(conflict.el).to.be.accessible();
    button(conflict.el, 'Load').click();
    await rendered(conflict.el);
    await expect(conflict.el).to.be.accessible();

    const created = await setup((engine) => acceptPicked(engine, 'agent-1', chat(STRANGER)));
    await expect(created.el).to.be.accessible();
  });

  it('R17 shows the shown task’s customer: name, email and phone', async () => {
    const { el } = await setup();
    expect(nameButton(el).textContent!.trim()).to.equal('Ann Lee');
    const details = partText(el, 'details');
    expect(details).to.contain('Name Ann Lee');
    expect(details).to.contain('Email ann@example.com');
    expect(details).to.contain('Phone +1 555 0100 111');
  });

  it('R17 customer-id shows that customer; read-only when no task of the agent is about them (R25)', async () => {
    const { engine } = makeEngine();
    acceptPicked(engine, 'agent-1', chat(ANN));
    const { store } = await session(engine, 'agent-1');
    const el = await mount<CareCustomer>(store, html`<care-customer customer-id="cust-bob"></care-customer>`, 'care-customer');
    expect(partText(el, 'details')).to.contain(`Email ${BOB.email}`);
    nameButton(el).click();
    await rendered(el);
    expect(buttonNames(el)).to.not.include('Edit');
    expect(partText(el, 'note')).to.contain('only while one of your tasks with them is in progress');
  });

  it('R24 a customer with only a phone is named by the phone; missing fields say "Not given"', async () => {
    const { el } = await setup((engine) => {
      engine.addCustomer({ name: '', email: '', phone: '+1 555 0100 777' });
      return acceptPicked(engine, 'agent-1', chat({ name: '', email: '', phone: '+1 555 0100 777' }));
    });
    expect(nameButton(el).textContent!.trim()).to.equal('+1 555 0100 777');
    expect(partText(el, 'details')).to.contain('Name Not given');
    expect(partText(el, 'details')).to.contain('Email Not given');
  });

  it('R24 a customer with nothing known is "Unknown customer", in the page’s language', async () => {
    const { el } = await setup((engine) => acceptPicked(engine, 'agent-1', chat({ name: '', email: '', phone: '' })));
    expect(nameButton(el).textContent!.trim()).to.equal('Unknown customer');
    el.setAttribute('lang', 'cs');
    // Czech is fetched the first time an element meets it.
    await loadLanguage('cs');
    await rendered(el);
    expect(nameButton(el).textContent!.trim()).to.equal('Neznámý zákazník');
  });

  it('R10 clicking the customer’s name opens the form, read-only with Edit', async () => {
    const { el } = await setup();
    expect(nameButton(el).getAttribute('aria-expanded')).to.equal('false');
    expect(shadow(el).querySelector("[part~='form']")).to.equal(null);
    nameButton(el).click();
    await rendered(el);
    expect(nameButton(el).getAttribute('aria-expanded')).to.equal('true');
    expect(shadow(el).querySelector("[part~='form']")?.getAttribute('aria-label')).to.equal('Customer information');
    expect(input(el, 'name')!.value).to.equal('Ann Lee');
    expect(input(el, 'name')!.readOnly).to.equal(true);
    expect(button(el, 'Edit')).to.exist;
  });

  it('R10 Edit and Save by keyboard save to the backend and fire care-customer-saved', async () => {
    const { el, engine, store } = await setup();
    nameButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await rendered(el);
    button(el, 'Edit').focus();
    await sendKeys({ press: 'Enter' });
    await rendered(el);
    const name = input(el, 'name')!;
    expect(shadow(el).activeElement, 'Edit moves focus into the form').to.equal(name);
    expect(name.readOnly).to.equal(false);
    name.setSelectionRange(name.value.length, name.value.length);
    await sendKeys({ type: '-Park' });
    await rendered(el);
    expect(current(store.customerDraft$('cust-ann'))?.values.name, 'kept in the store draft').to.equal('Ann Lee-Park');
    const saved = nextEvent(el, 'care-customer-saved');
    await sendKeys({ press: 'Enter' });
    const event = await saved;
    expect(event.customer.name).to.equal('Ann Lee-Park');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(engine.getCustomer('cust-ann').name).to.equal('Ann Lee-Park');
    await rendered(el);
    expect(input(el, 'name')!.readOnly).to.equal(true);
    expect(nameButton(el).textContent!.trim()).to.equal('Ann Lee-Park');
    expect(shadow(el).activeElement?.textContent?.trim()).to.equal('Edit');
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.equal('Saved the changes to Ann Lee-Park.');
  });

  it('R27 Cancel drops the changes and leaves the form', async () => {
    const { el, engine, store, task } = await setup();
    await openForEdit(el);
    await typeInto(el, input(el, 'email')!, '.uk');
    expect(store.closeCheck(task!.id).unsavedCustomer).to.equal(true);
    button(el, 'Cancel').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='form']")).to.equal(null);
    expect(partText(el, 'details')).to.contain('Email ann@example.com');
    expect(current(store.customerDraft$('cust-ann'))?.dirty).to.equal(false);
    expect(store.closeCheck(task!.id).unsavedCustomer).to.equal(false);
    expect(engine.getCustomer('cust-ann').email).to.equal(ANN.email);
    expect(shadow(el).activeElement).to.equal(nameButton(el));
  });

  it('R10 an invalid email or phone says what is wrong under the field; Save stays disabled and the text is kept', async () => {
    const { el, engine } = await setup();
    await openForEdit(el);
    const email = input(el, 'email')!;
    await fill(el, email, 'ann(at)example');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(el, email)).to.equal('Enter the email like name@example.com.');
    expect(button(el, 'Save customer').disabled).to.equal(true);

    const phone = input(el, 'phone')!;
    await fill(el, phone, 'call me later');
    expect(phone.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(el, phone)).to.contain('5 to 20 digits');
    expect(button(el, 'Save customer').disabled).to.equal(true);

    phone.focus();
    await sendKeys({ press: 'Enter' });
    await rendered(el);
    expect(engine.getCustomer('cust-ann')).to.include({ email: ANN.email, phone: ANN.phone });
    expect(input(el, 'email')!.value).to.equal('ann(at)example');
    expect(input(el, 'phone')!.value).to.equal('call me later');

    await fill(el, email, 'ann@example.co.uk');
    await fill(el, phone, '+1 555 0100 222');
    expect(email.getAttribute('aria-invalid')).to.equal('false');
    expect(email.hasAttribute('aria-describedby')).to.equal(false);
    expect(button(el, 'Save customer').disabled).to.equal(false);
  });

  it('R23 a 2,001-character name is refused with the text kept', async () => {
    const { el, engine } = await setup();
    await openForEdit(el);
    const name = input(el, 'name')!;
    const long = 'n'.repeat(FIELD_MAX + 1);
    await fill(el, name, long);
    expect(describedBy(el, name)).to.equal('Name is too long: at most 2,000 characters. Shorten it; your text is kept.');
    expect(button(el, 'Save customer').disabled).to.equal(true);
    expect(name.value).to.equal(long);
    expect(engine.getCustomer('cust-ann').name).to.equal(ANN.name);
    await fill(el, name, 'n'.repeat(FIELD_MAX));
    expect(shadow(el).querySelector("[part~='issue']")).to.equal(null);
    expect(button(el, 'Save customer').disabled).to.equal(false);
  });

  it('a failed save shows why and keeps the text; the next try saves it', async () => {
    const { el, engine, transport } = await setup();
    transport.failure = (operation) => (operation === 'updateCustomer' ? CareError.network('The service is unavailable.') : undefined);
    await openForEdit(el);
    await fill(el, input(el, 'phone')!, '+1 555 0100 222');
    button(el, 'Save customer').click();
    await rendered(el);
    expect(partText(el, 'error')).to.equal('Not saved; your text is kept. The service could not be reached. Nothing you typed was lost; try again. (The service is unavailable.)');
    expect(input(el, 'phone')!.value).to.equal('+1 555 0100 222');
    expect(engine.getCustomer('cust-ann').phone).to.equal(ANN.phone);

    transport.failure = undefined;
    button(el, 'Save customer').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='error']")).to.equal(null);
    expect(engine.getCustomer('cust-ann').phone).to.equal('+1 555 0100 222');
  });

  it('R6 another agent’s change while editing: the warning names them, Load brings it in, and “Restore my changes” brings mine back', async () => {
    const { engine, a, b, el } = await twoAgentsOnAnn();
    await openForEdit(el);
    await typeInto(el, input(el, 'name')!, '-Smith');

    b.editCustomer('cust-ann', { phone: '+1 555 0100 999' });
    expect((await b.saveCustomer('cust-ann')).ok).to.equal(true);
    await rendered(el);

    const warning = shadow(el).querySelector("[part~='conflict']")!;
    expect(warning.getAttribute('role')).to.equal('alert');
    expect(partText(el, 'conflict')).to.contain('Soo-ah Park changed this customer while you were editing.');
    expect(button(el, 'Save customer').disabled, 'a stale save would only be refused again').to.equal(true);
    expect(input(el, 'name')!.value).to.equal('Ann Lee-Smith');

    button(el, 'Load').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='conflict']")).to.equal(null);
    expect(input(el, 'phone')!.value).to.equal('+1 555 0100 999');
    expect(input(el, 'name')!.value).to.equal('Ann Lee');
    expect(partText(el, 'stash')).to.contain('Name: Ann Lee-Smith');
    expect(shadow(el).activeElement?.textContent?.trim()).to.equal('Restore my changes');

    button(el, 'Restore my changes').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='stash']")).to.equal(null);
    expect(input(el, 'name')!.value).to.equal('Ann Lee-Smith');
    expect(input(el, 'phone')!.value).to.equal('+1 555 0100 999');

    button(el, 'Save customer').click();
    await rendered(el);
    expect(engine.getCustomer('cust-ann')).to.include({ name: 'Ann Lee-Smith', phone: '+1 555 0100 999' });
    expect(current(a.customerDraft$('cust-ann'))?.dirty).to.equal(false);
  });

  it('R6 “Forget them” drops the put-aside changes only when the agent says so', async () => {
    const { b, a, el } = await twoAgentsOnAnn();
    await openForEdit(el);
    await fill(el, input(el, 'email')!, 'ann@mine.example');
    b.editCustomer('cust-ann', { email: 'ann@theirs.example' });
    await b.saveCustomer('cust-ann');
    await rendered(el);
    button(el, 'Load').click();
    await rendered(el);
    expect(partText(el, 'stash')).to.contain('Email: ann@mine.example');
    button(el, 'Forget them').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='stash']")).to.equal(null);
    expect(input(el, 'email')!.value).to.equal('ann@theirs.example');
    expect(current(a.customerDraft$('cust-ann'))?.stash).to.equal(undefined);
  });

  it('R11 unsaved changes live in the store: Close sees them, and they survive the element being re-added', async () => {
    const { el, store, task } = await setup();
    await openForEdit(el);
    await fill(el, input(el, 'name')!, 'Ann Lee-Park');
    expect(store.closeCheck(task!.id).unsavedCustomer).to.equal(true);

    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await rendered(el);
    expect(input(el, 'name')!.value).to.equal('Ann Lee-Park');

    const fresh = await mount<CareCustomer>(store, html`<care-customer></care-customer>`, 'care-customer');
    expect(input(fresh, 'name')!.value, 'a new element opens on the unsaved draft').to.equal('Ann Lee-Park');
    expect(input(fresh, 'name')!.readOnly).to.equal(false);
  });

  it('R27 a new customer’s form starts filled from the task; Create creates it and the element shows the customer', async () => {
    const { el, engine, task } = await setup((engine) => acceptPicked(engine, 'agent-1', chat(STRANGER)));
    expect(nameButton(el).textContent!.trim()).to.equal('Dana Whit');
    expect(partText(el, 'heading')).to.contain('New customer, not created yet');
    expect(input(el, 'name')!.value).to.equal(STRANGER.name);
    expect(input(el, 'email')!.value).to.equal(STRANGER.email);
    expect(input(el, 'phone')!.value).to.equal(STRANGER.phone);
    expect(input(el, 'name')!.readOnly).to.equal(false);

    await fill(el, input(el, 'name')!, 'Dana Whitfield');
    const created = nextEvent(el, 'care-customer-created');
    button(el, 'Create').click();
    const event = await created;
    expect(event.customer).to.include({ name: 'Dana Whitfield', email: STRANGER.email });
    const customerId = engine.getTask(task!.id).customerId;
    expect(customerId).to.equal(event.customer.id);
    expect(engine.getCustomer(customerId!).name).to.equal('Dana Whitfield');

    await rendered(el);
    expect(nameButton(el).textContent!.trim()).to.equal('Dana Whitfield');
    expect(partText(el, 'heading')).to.not.contain('not created');
    expect(button(el, 'Edit')).to.exist;
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.equal('Created the customer Dana Whitfield.');
  });

  it('R10 R27 an invalid new customer cannot be created; the text is kept', async () => {
    const { el, engine, task } = await setup((engine) => acceptPicked(engine, 'agent-1', chat(STRANGER)));
    const email = input(el, 'email')!;
    await fill(el, email, 'dana at example');
    expect(describedBy(el, email)).to.equal('Enter the email like name@example.com.');
    expect(button(el, 'Create').disabled).to.equal(true);
    email.focus();
    await sendKeys({ press: 'Enter' });
    await rendered(el);
    expect(engine.getTask(task!.id).customerId).to.equal(null);
    expect(input(el, 'email')!.value).to.equal('dana at example');
  });

  it('R25 a previewed task is read-only: no Edit, and it says why', async () => {
    const { el, engine, store } = await setup(() => null);
    expect(partText(el, 'empty')).to.equal('Open a task to see its customer here.');
    const queued = engine.receive(chat(ANN, 'q-backlog'));
    await rendered(el);
    store.selectTask(queued.id);
    await rendered(el);
    nameButton(el).click();
    await rendered(el);
    expect(buttonNames(el)).to.not.include('Edit');
    expect(input(el, 'name')!.readOnly).to.equal(true);
    expect(partText(el, 'note')).to.equal('Preview only — accept the task to change this customer.');
    await expect(el).to.be.accessible();
  });

  it('R25 R27 a previewed new customer’s form is read-only, without Create', async () => {
    const { el, engine, store } = await setup(() => null);
    const queued = engine.receive(chat(STRANGER, 'q-backlog'));
    await rendered(el);
    store.selectTask(queued.id);
    await rendered(el);
    expect(input(el, 'email')!.value).to.equal(STRANGER.email);
    expect(input(el, 'email')!.readOnly).to.equal(true);
    expect(buttonNames(el)).to.not.include('Create');
    expect(partText(el, 'note')).to.equal('Preview only — accept the task to change this customer.');
  });

  it('a customer that failed to load says so and Retry loads it', async () => {
    const { engine } = makeEngine();
    acceptPicked(engine, 'agent-1', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    transport.failure = (operation) => (operation === 'getCustomer' ? CareError.network('The service is unavailable.') : undefined);
    const el = await mount<CareCustomer>(store, html`<care-customer></care-customer>`, 'care-customer');
    expect(partText(el, 'error')).to.contain('The customer could not be loaded.');
    await expect(el).to.be.accessible();
    transport.failure = undefined;
    button(el, 'Retry').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='error']")).to.equal(null);
    expect(nameButton(el).textContent!.trim()).to.equal('Ann Lee');
  });

  it('names, emails and phones with HTML or script render as text', async () => {
    const win = window as Window & { carePwned?: number };
    const img = '<img src=x onerror="window.carePwned = 1">';
    const script = '<script>window.carePwned = 2</script>';
    const { el } = await setup((engine) => {
      engine.addCustomer({ name: img, email: 'x@example.com', phone: script });
      return acceptPicked(engine, 'agent-1', chat({ name: img, email: 'x@example.com', phone: '' }));
    });
    expect(nameButton(el).textContent!.trim()).to.equal(img);
    expect(partText(el, 'details')).to.contain(script);
    nameButton(el).click();
    await rendered(el);
    expect(input(el, 'name')!.value).to.equal(img);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shadow(el).querySelector('img, script')).to.equal(null);
    expect(win.carePwned).to.equal(undefined);
  });

  it('without a provider it says so instead of rendering nothing', async () => {
    const el = await fixture<CareCustomer>(html`<care-customer></care-customer>`);
    expect(partText(el, 'error')).to.contain('Not connected');
  });
});
