/**
 * Keyboard-only walk-throughs of the composed desktop. Every action is a real
 * key press through `sendKeys`; at most one `.focus()` per test puts the
 * keyboard near the controls under test, as an agent would by tabbing there.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { ANN, BOB, STRANGER, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';
import { pressShiftTab } from '../support/keys.js';

async function setup() {
  const { engine, clock } = makeEngine();
  const { store } = await session(engine, 'agent-1');
  const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
  await settled(el);
  return { engine, clock, store, el };
}

type Updating = HTMLElement & { updateComplete?: Promise<unknown> };

/** Lets the store settle and every element in the desktop re-render, twice (children render after parents). */
async function settled(el: CareDesktop): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await rendered(el);
    const all = [...shadow(el).querySelectorAll<Updating>('*')].filter((e) => e.localName.startsWith('care-'));
    for (const child of all) await child.updateComplete;
  }
  await settle();
}

/** The element that has focus, followed through shadow roots. */
function focused(): HTMLElement | null {
  let active = document.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

function nameOf(element: Element | null): string {
  return (element?.getAttribute('aria-label') ?? element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A care-* element in the desktop (one level of nesting is enough here). */
function part<T extends HTMLElement = HTMLElement>(el: CareDesktop, tag: string): T {
  const found = shadow(el).querySelector<T>(tag);
  if (!found) throw new Error(`no ${tag}`);
  return found;
}

async function press(el: CareDesktop, key: string): Promise<void> {
  await sendKeys({ press: key });
  await settled(el);
}

async function shiftTab(el: CareDesktop): Promise<void> {
  await pressShiftTab();
  await settled(el);
}

/** Presses Tab until `test` holds for the focused element; fails after `max` presses. */
async function tabTo(el: CareDesktop, test: (e: HTMLElement) => boolean, what: string, max = 40): Promise<HTMLElement> {
  const seen: string[] = [];
  for (let n = 0; n < max; n++) {
    await press(el, 'Tab');
    const now = focused();
    if (now && test(now)) return now;
    seen.push(`${now?.localName}:${nameOf(now).slice(0, 30)}`);
  }
  throw new Error(`Tab never reached ${what}; went through ${seen.join(' | ')}`);
}

/** Asserts that `expected` has focus; compares names, never elements (they do not serialise). */
function expectFocus(expected: Element | null | undefined, why = ''): void {
  const now = focused();
  expect(now === expected, `${why} focus is on “${nameOf(now)}” (${now?.localName}), not “${nameOf(expected ?? null)}”`).to.equal(true);
}

const named = (name: string | RegExp) => (e: HTMLElement) => (typeof name === 'string' ? nameOf(e) === name : name.test(nameOf(e)));

/** Waits for the desktop to put the cursor in the communication pane's composer (after Accept). */
async function composerFocused(el: CareDesktop): Promise<void> {
  const pane = part(el, 'care-communication');
  for (let i = 0; i < 40 && shadow(pane).activeElement?.localName !== 'textarea'; i++) await new Promise((r) => setTimeout(r, 25));
  expect(shadow(pane).activeElement?.localName, 'the cursor is in the chat composer').to.equal('textarea');
}

describe('keyboard-only walk-throughs', () => {
  it('R12 R3 goes Ready with the status buttons and accepts a pushed offer by keyboard', async () => {
    const { el, engine } = await setup();
    const status = part(el, 'care-agent-status');
    const first = shadow(status).querySelector<HTMLButtonElement>('button')!;
    first.focus();
    expect(nameOf(focused())).to.equal('Ready');
    await press(el, 'Enter');
    expect(engine.getAgent('agent-1').status).to.equal('ready');
    const task = engine.receive(chat(ANN));
    await settled(el);
    await tabTo(el, named(/^Accept: .*Ann Lee/), 'the offer’s Accept');
    await press(el, 'Enter');
    expect(engine.getTask(task.id).state).to.equal('accepted');
    await composerFocused(el);
  });

  it('R3 moves through the queue with arrows, one tab stop per list, and accepts with Tab then Enter', async () => {
    const { el, engine } = await setup();
    const bob = engine.receive(chat(BOB, 'q-backlog'));
    engine.receive(chat(STRANGER, 'q-backlog'));
    engine.receive(chat(ANN, 'q-backlog'));
    await settled(el);
    const queue = part(el, 'care-queue');
    const items = () => [...shadow(queue).querySelectorAll<HTMLElement>('ul[data-list=queue] button[data-task]')];
    const stops = () => [...shadow(queue).querySelectorAll<HTMLElement>('ul[data-list=queue] button')].filter((b) => b.tabIndex === 0);
    expect(stops().length, 'one task and its Accept in the tab order').to.equal(2);
    // From the status buttons, Tab enters the queue at its one stop.
    shadow(part(el, 'care-agent-status')).querySelectorAll<HTMLButtonElement>('button')[1]!.focus();
    await tabTo(el, (e) => e === items()[0], 'the first queued task');
    await press(el, 'ArrowDown');
    expectFocus(items()[1]);
    await press(el, 'End');
    expectFocus(items()[2]);
    await press(el, 'Home');
    expectFocus(items()[0]);
    await press(el, 'ArrowUp');
    expectFocus(items()[0]);
    await press(el, 'ArrowDown');
    expect(items().map((b) => b.tabIndex)).to.deep.equal([-1, 0, -1]);
    await press(el, 'ArrowUp');
    // Enter previews (R1), Tab reaches this task's Accept, Enter accepts (R3).
    await press(el, 'Enter');
    expect(items()[0]!.getAttribute('aria-pressed')).to.equal('true');
    await press(el, 'Tab');
    expect(nameOf(focused())).to.equal('Accept: Chat from Bob Novák');
    await press(el, 'Enter');
    expect(engine.getTask(bob.id).state).to.equal('accepted');
    // In the desktop the agent's next step is the conversation: the cursor goes to the composer.
    await composerFocused(el);
    const working = shadow(queue).querySelector<HTMLElement>(`ul[data-list=in-progress] button[data-task="${bob.id}"]`)!;
    working.focus();
    // The queue is still one stop: Shift+Tab goes back to the current task's Accept, not through every task.
    await shiftTab(el);
    expect(nameOf(focused())).to.match(/^Accept: Chat from /);
    await shiftTab(el);
    expect(items().filter((b) => b.tabIndex === 0).length).to.equal(1);
    expectFocus(items().find((b) => b.tabIndex === 0), 'Shift+Tab reaches the current task');
    await shiftTab(el);
    // X3: before the queue, the Not Ready reason list (the agent is Not Ready here), labelled Reason.
    const reason = focused() as HTMLSelectElement;
    expect(reason.tagName, 'and then leaves the queue').to.equal('SELECT');
    expect(reason.closest('label')!.querySelector('span')!.textContent).to.equal('Reason');
  });

  it('R15 writes in the chat and sends with Enter', async () => {
    const { el, engine, store } = await setup();
    acceptPicked(engine, 'agent-1', chat(ANN));
    await store.connect();
    await settled(el);
    shadow(el).querySelector<HTMLButtonElement>('[data-close]')!.focus();
    const box = await tabTo(el, (e) => e.localName === 'textarea', 'the message field');
    await sendKeys({ type: 'Let me check that for you' });
    await press(el, 'Enter');
    await settled(el);
    expect((box as HTMLTextAreaElement).value).to.equal('');
    expect(shadow(part(el, 'care-communication')).textContent).to.contain('Let me check that for you');
  });

  it('R9 adds a tag with Enter and removes it by keyboard', async () => {
    const { el, engine, store } = await setup();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    await store.connect();
    await settled(el);
    shadow(el).querySelector<HTMLButtonElement>('[data-close]')!.focus();
    const input = await tabTo(el, (e) => e.id === 'tag-input', 'the tag field', 80);
    await sendKeys({ type: 'vip' });
    await press(el, 'Enter');
    expect(engine.getActivity(task.activityId).tags).to.include('vip');
    expectFocus(input);
    await shiftTab(el);
    expect(nameOf(focused())).to.match(/vip/);
    await press(el, 'Enter');
    expect(engine.getActivity(task.activityId).tags).to.not.include('vip');
    expect(focused()?.localName, 'focus stays in the tags').to.not.equal('body');
  });

  it('R16 R29 moves through the journey with arrows, one tab stop, and moves an activity through the Move dialog', async () => {
    const { el, engine, store } = await setup();
    acceptPicked(engine, 'agent-1', chat(ANN));
    await store.connect();
    await settled(el);
    const journey = part(el, 'care-journey');
    const list = shadow(journey).querySelector<HTMLElement>('[part=list]')!;
    shadow(journey).querySelector<HTMLButtonElement>('[part=header] button')!.focus();
    expect(nameOf(focused())).to.equal('Add request');
    // One stop for the whole journey: the current activity, then its Move handle, then on to the customer.
    await press(el, 'Tab');
    expect(nameOf(focused())).to.match(/: Hello, I need help \(this task\)/);
    await press(el, 'Tab');
    expect(nameOf(focused())).to.match(/^Move the Chat of /);
    await press(el, 'Tab');
    expect(list.contains(focused()), 'Tab leaves the journey after one row').to.equal(false);
    await shiftTab(el);
    await shiftTab(el);
    expect(nameOf(focused())).to.match(/: Hello, I need help \(this task\)/);
    // Arrows walk the rows, requests and activities alike.
    await press(el, 'ArrowDown');
    expect(nameOf(focused())).to.match(/: I was charged twice/);
    await press(el, 'ArrowDown');
    expect(nameOf(focused())).to.match(/^Request: Router keeps dropping/);
    await press(el, 'ArrowDown');
    expect(nameOf(focused())).to.match(/: Router drops every hour/);
    await press(el, 'Tab');
    const handle = focused()!;
    expect(handle.dataset['move'], 'Tab reaches the row’s Move handle').to.equal('act-ann-1');
    await press(el, 'Enter');
    // The Move dialog fetches its code the first time it opens.
    await waitUntil(() => shadow(journey).querySelector('dialog'), 'the Move dialog never showed', { timeout: 5000 });
    await settled(el);
    const dialog = shadow(journey).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.contains(focused())).to.equal(true);
    if (nameOf(focused()) !== 'To “Refund for May invoice”') await tabTo(el, named('To “Refund for May invoice”'), 'the Refund request', 10);
    // Tab stays in the dialog all the way round.
    for (let n = 0; n < 12; n++) {
      await press(el, 'Tab');
      expect(dialog.contains(focused()), `Tab ${n + 1} stays in the Move dialog`).to.equal(true);
    }
    await tabTo(el, named('To “Refund for May invoice”'), 'the Refund request', 12);
    await press(el, 'Enter');
    expect(engine.getActivity('act-ann-1').requestId).to.equal('req-ann-newer');
    expect(shadow(journey).querySelector('dialog')).to.equal(null);
    expect(focused()?.dataset['move']).to.equal('act-ann-1');
    expect(handle.isConnected).to.equal(true);
  });

  it('R10 opens the customer form, edits and saves by keyboard', async () => {
    const { el, engine, store } = await setup();
    acceptPicked(engine, 'agent-1', chat(ANN));
    await store.connect();
    await settled(el);
    const customer = part(el, 'care-customer');
    shadow(el).querySelector<HTMLButtonElement>('[data-close]')!.focus();
    const name = await tabTo(el, (e) => e.getAttribute('part') === 'name' && shadow(customer).contains(e), 'the customer’s name', 80);
    if (name.getAttribute('aria-expanded') !== 'true') await press(el, 'Enter');
    expect(name.getAttribute('aria-expanded')).to.equal('true');
    await tabTo(el, named('Edit'), 'Edit', 10);
    await press(el, 'Enter');
    expect(focused()?.id, 'Edit puts the cursor in the name').to.equal('name');
    await press(el, 'End');
    await sendKeys({ type: '-Park' });
    await settled(el);
    await tabTo(el, named('Save customer'), 'Save customer', 10);
    await press(el, 'Enter');
    expect(engine.getCustomer('cust-ann').name).to.equal('Ann Lee-Park');
    expect(focused()?.localName).to.not.equal('body');
  });

  it('R11 Close asks about a customer not yet created; the dialog keeps focus, Escape returns to Close', async () => {
    const { el, engine, store } = await setup();
    const task = acceptPicked(engine, 'agent-1', chat(STRANGER));
    await store.connect();
    await settled(el);
    const close = shadow(el).querySelector<HTMLButtonElement>('[data-close]')!;
    close.focus();
    await press(el, 'Enter');
    const dialog = shadow(el).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(nameOf(focused())).to.equal('Create and close');
    for (let n = 0; n < 4; n++) {
      await press(el, 'Tab');
      expect(dialog.contains(focused()), `Tab ${n + 1} stays in the dialog (on ${nameOf(focused())})`).to.equal(true);
    }
    await shiftTab(el);
    expect(dialog.contains(focused())).to.equal(true);
    await press(el, 'Escape');
    expect(shadow(el).querySelector('dialog')).to.equal(null);
    expect(engine.getTask(task.id).state).to.equal('accepted');
    expectFocus(close);
    await press(el, 'Enter');
    await tabTo(el, named('Close without creating'), 'Close without creating', 4);
    await press(el, 'Enter');
    expect(engine.getTask(task.id)).to.include({ state: 'closed', customerId: null });
    expect(focused()?.localName).to.not.equal('body');
  });
});
