import { expect, fixture, html } from '@open-wc/testing';
import { mount } from '../../examples/vue/main.js';
import type { ExampleHandles } from '../../examples/shared/session.js';
import { acceptInQueue, chatArrives, expectOneRecord, find, knownCustomer, online, shows, testOptions } from '../support/examples.js';

const lastAccepted = (root: HTMLElement) => root.querySelector('[data-last-accepted]')?.textContent ?? '';

describe('examples/vue', () => {
  let example: ExampleHandles | undefined;
  let root: HTMLElement;

  beforeEach(async () => {
    root = await fixture<HTMLElement>(html`<div></div>`);
    example = mount(root, testOptions());
    await online(example.store);
  });

  afterEach(() => {
    example?.unmount();
    example = undefined;
  });

  it('is accessible, with the store bound to care-provider as a DOM property (.store)', async () => {
    const provider = await find<HTMLElementTagNameMap['care-provider']>(root, 'care-provider');
    expect(provider.store).to.equal(example!.store);
    expect(provider.hasAttribute('store')).to.equal(false);
    await find(root, 'care-journey');
    await expect(root).to.be.accessible();
  });

  it('R3 Accept in the queue reaches @care-task-accepted, whose reactive text the header renders', async () => {
    const { engine } = example!;
    const customer = knownCustomer(engine);
    const task = chatArrives(engine, customer);
    await shows(() => lastAccepted(root), 'Nothing accepted yet.', 'the header');
    await acceptInQueue(await find(root, 'care-queue'), customer);
    await shows(() => lastAccepted(root), `Last accepted: ${customer.name}`, 'the header');
    expect(engine.getTask(task.id).state).to.equal('accepted');
    await expectOneRecord(root, engine, task, customer);
  });

  it('unmount removes the elements and stops the session', async () => {
    await find(root, 'care-queue');
    example!.unmount();
    example = undefined;
    expect(root.querySelector('care-provider')).to.equal(null);
  });
});
