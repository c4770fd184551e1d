import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareCommunication } from '../../src/elements/care-communication/care-communication.js';
import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import { ANN, START, acceptPicked, chat, fixtureSeed } from '../support/fixtures.js';
import { mount, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

const CANNED = [
  { id: 'c-hello', title: 'Greeting', text: 'Hello {customer}, this is {agent}. How can I help?' },
  { id: 'c-refund', title: 'Refund timing', text: 'A refund reaches your account within 5 working days.' },
  { id: 'c-bye', title: 'Goodbye', text: 'Thank you for contacting us, {customer}.' },
];

async function setup() {
  const engine = new CareEngine({ clock: new VirtualClock(START), seed: { ...fixtureSeed(), cannedResponses: CANNED } });
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
  const { store, transport } = await session(engine, 'agent-1');
  const el = await mount<CareCommunication>(store, html`<care-communication></care-communication>`, 'care-communication');
  await settled(el);
  return { engine, store, transport, task, el };
}

async function settled(el: HTMLElement): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await settle();
    await rendered(el);
  }
}

const box = (el: HTMLElement) => shadow(el).querySelector('textarea')!;
const options = (el: HTMLElement) => [...shadow(el).querySelectorAll('[part=canned] [role=option]')].map((o) => o.querySelector('strong')!.textContent);

describe('care-communication canned responses (X7)', () => {
  it('X7 / lists the canned responses; typing narrows them; Down and Enter put one in with the names filled in, unsent', async () => {
    const { el, engine, store, task } = await setup();
    box(el).focus();
    await sendKeys({ type: '/' });
    await settled(el);
    expect(options(el)).to.deep.equal(['Greeting', 'Refund timing', 'Goodbye']);
    expect(box(el).getAttribute('aria-activedescendant')).to.equal('canned-0');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'thank' });
    await settled(el);
    expect(options(el), 'narrowed by title or text').to.deep.equal(['Goodbye']);
    await sendKeys({ press: 'Backspace' });
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Backspace' });
    await settled(el);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await settled(el);
    expect(box(el).getAttribute('aria-activedescendant')).to.equal('canned-2');
    const lines = engine.getTranscript(task.activityId).length;
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(box(el).value).to.equal('Thank you for contacting us, Ann Lee.');
    expect(engine.getTranscript(task.activityId).length, 'Enter chose; nothing was sent').to.equal(lines);
    expect(shadow(el).querySelector('[part=canned]')).to.equal(null);
    expect(store.unsentText('message', task.id)).to.equal('Thank you for contacting us, Ann Lee.');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(engine.getTranscript(task.activityId).at(-1)!.text).to.equal('Thank you for contacting us, Ann Lee.');
  });

  it('X7 both placeholders are filled; Escape closes the list and keeps the text; a slash later in a line is text', async () => {
    const { el } = await setup();
    box(el).focus();
    await sendKeys({ type: '/greet' });
    await settled(el);
    await sendKeys({ press: 'Escape' });
    await settled(el);
    expect(shadow(el).querySelector('[part=canned]')).to.equal(null);
    expect(box(el).value).to.equal('/greet');
    await sendKeys({ type: 'x' });
    await settled(el);
    await sendKeys({ press: 'Backspace' });
    await settled(el);
    shadow(el).querySelector<HTMLElement>('[part=canned] [role=option]')!.click();
    await settled(el);
    expect(box(el).value).to.equal('Hello Ann Lee, this is Alex Morgan. How can I help?');
    box(el).value = '';
    await sendKeys({ type: 'and/or' });
    await settled(el);
    expect(shadow(el).querySelector('[part=canned]')).to.equal(null);
  });
});
