import { expect, fixture, html } from '@open-wc/testing';
import { mount } from '../../examples/plain-html/main.js';
import type { ExampleHandles } from '../../examples/shared/session.js';
import { CareTaskAcceptedEvent } from '../../src/events.js';
import { STRANGER, chat } from '../support/fixtures.js';
import { acceptInQueue, chatArrives, expectOneRecord, find, knownCustomer, online, shows, testOptions } from '../support/examples.js';

/** The body of the example's own index.html, without its script: the test works on the page integrators read. */
async function page(): Promise<HTMLElement> {
  const response = await fetch(new URL('../../examples/plain-html/index.html', import.meta.url));
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  doc.querySelectorAll('script').forEach((script) => script.remove());
  const root = await fixture<HTMLElement>(html`<div></div>`);
  root.innerHTML = doc.body.innerHTML;
  return root;
}

const notice = (root: HTMLElement) => root.querySelector('[data-crm-notice]')?.textContent ?? '';

describe('examples/plain-html', () => {
  let example: ExampleHandles | undefined;
  let root: HTMLElement;

  beforeEach(async () => {
    root = await page();
    example = mount(root, testOptions());
    await online(example.store);
  });

  afterEach(() => {
    example?.unmount();
    example = undefined;
  });

  it('places the widgets over the CRM page under one care-provider, and is accessible', async () => {
    const providers = root.querySelectorAll('care-provider');
    expect(providers.length).to.equal(1);
    expect(providers[0]!.store).to.equal(example!.store);
    expect(root.querySelector('header care-agent-status')).to.exist;
    expect(root.querySelector('header care-queue')).to.exist;
    expect(root.querySelector('main care-customer')).to.exist;
    expect(root.querySelector('main care-request')).to.exist;
    expect(root.querySelector('aside care-journey')).to.exist;
    await expect(root).to.be.accessible();
  });

  it('R3 Accept in the top bar’s queue pops the CRM record in the page’s own header', async () => {
    const { engine } = example!;
    const customer = knownCustomer(engine);
    const task = chatArrives(engine, customer);
    expect(notice(root)).to.equal('No customer record open.');
    await acceptInQueue(await find(root, 'care-queue'), customer);
    await shows(() => notice(root), `CRM record opened for ${customer.name}`, 'the CRM header');
    await expectOneRecord(root, engine, task, customer);
  });

  it('a contact the CRM does not know is said to have no record yet', async () => {
    const { engine } = example!;
    engine.receive(chat(STRANGER, 'q-backlog'));
    await acceptInQueue(await find(root, 'care-queue'), STRANGER);
    await shows(() => notice(root), 'New contact Dana Whit: no CRM record yet', 'the CRM header');
  });

  it('unmount stops listening: the header no longer changes', async () => {
    const { engine } = example!;
    const task = chatArrives(engine, knownCustomer(engine));
    example!.unmount();
    example = undefined;
    root.querySelector('care-queue')!.dispatchEvent(new CareTaskAcceptedEvent(task));
    expect(notice(root)).to.equal('No customer record open.');
  });
});
