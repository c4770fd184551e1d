import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareCustomer } from '../../src/elements/care-customer/care-customer.js';
import { acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

/** Ann writes from her work address and another phone: R27 finds no match, so the task has no customer. */
const ANN_AT_WORK = { name: 'Ann Lee', email: 'ann.lee@work.example', phone: '+1 555 0100 999' };

async function setup() {
  const { engine } = makeEngine();
  const task = acceptPicked(engine, 'agent-1', chat(ANN_AT_WORK));
  const { store } = await session(engine, 'agent-1');
  const el = await mount<CareCustomer>(store, html`<care-customer></care-customer>`, 'care-customer');
  await settled(el);
  return { engine, store, task, el };
}

async function settled(el: HTMLElement): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await settle();
    await rendered(el);
  }
}

const matches = (el: HTMLElement) => [...shadow(el).querySelectorAll('[part=matches] li .who')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

describe('care-customer linking a new contact (X4)', () => {
  it('X4 customers like the new contact are suggested before Create; Link files the chat with Ann instead of a duplicate', async () => {
    const { el, engine, task } = await setup();
    expect(task.customerId, 'R27 found no match').to.equal(null);
    expect(matches(el)[0]).to.contain('Ann Lee');
    await expect(el).to.be.accessible();
    const customers = engine.listCustomers().length;
    const linked = nextEvent(el, 'care-customer-linked');
    button(el, 'Link this contact to Ann Lee').click();
    expect((await linked).customer.id).to.equal('cust-ann');
    await settled(el);
    expect(engine.getTask(task.id).customerId).to.equal('cust-ann');
    expect(engine.getActivity(task.activityId).requestId, 'R4 it joins her most recent open request').to.equal('req-ann-newer');
    expect(engine.listCustomers().length, 'no duplicate').to.equal(customers);
    expect(shadow(el).querySelector('[part=link]'), 'the form gives way to her record').to.equal(null);
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('Linked to Ann Lee.');
  });

  it('X4 a search by keyboard finds a customer not suggested; no match says so', async () => {
    const { el, engine, task } = await setup();
    const input = shadow(el).querySelector<HTMLInputElement>('#link-search')!;
    input.focus();
    await sendKeys({ type: 'nobody-like-this' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(shadow(el).querySelector('[part=link]')!.textContent).to.contain('No customer matches “nobody-like-this”.');
    input.select();
    await sendKeys({ type: 'bob@' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    button(el, 'Link this contact to Bob Novák').click();
    await settled(el);
    expect(engine.getTask(task.id).customerId).to.equal('cust-bob');
  });
});
