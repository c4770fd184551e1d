/**
 * Forced colours (Windows High Contrast). This file runs only in the
 * `forced-colors` group of web-test-runner.config.mjs, whose launchers turn
 * forced colours on: Chromium through CDP media emulation (its light palette),
 * Firefox ESR through `browser.display.document_color_use: 2` with Windows'
 * High Contrast Black palette. Forced colours drop backgrounds,
 * tints and box-shadows (the focus ring), so each test checks, by computed
 * style on the composed desktop, that what the agent needs is still drawn.
 *
 * Every setup first asserts that forced colours are really on: if the
 * emulation stops working, every test here fails instead of passing for the
 * wrong reason. System colours are read from probe elements, never written
 * down: each browser has its own palette.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import type { CareEngine } from '../../src/engine/engine.js';
import { ANN, BOB, MINUTE, STRANGER, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';
import { OFFER_TIMEOUT_MS } from '../../src/model/limits.js';
import { pressShiftTab } from '../support/keys.js';

function expectForcedColors(): void {
  expect(matchMedia('(forced-colors: active)').matches, '(forced-colors: active) matches: run this file through `web-test-runner --group forced-colors`').to.equal(true);
}

/** The desktop for agent-1 after `before` ran on the engine; the store connects after it, as on a reload. */
async function setup(before: (engine: CareEngine) => void = () => {}) {
  expectForcedColors();
  const { engine, clock } = makeEngine();
  before(engine);
  const { store } = await session(engine, 'agent-1');
  const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
  await settled(el);
  return { engine, clock, store, el };
}

/** A chat with Ann accepted: composer, customer, journey with its current activity. */
const working = () => setup((engine) => void acceptPicked(engine, 'agent-1', chat(ANN)));

type Updating = HTMLElement & { updateComplete?: Promise<unknown> };

/** Lets the store settle, every element re-render and the journey's virtualizer lay out its rows. */
async function settled(el: CareDesktop): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await rendered(el);
    for (const child of parts(el)) await (child as Updating).updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
  await settle();
}

/** The care-* elements inside the desktop. */
function parts(el: CareDesktop): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('*')].filter((e) => e.localName.startsWith('care-'));
}

function part(el: CareDesktop, tag: string): HTMLElement {
  const found = shadow(el).querySelector<HTMLElement>(tag);
  if (!found) throw new Error(`no ${tag}`);
  return found;
}

/** Every element matching `selector` in the desktop's shadow root and its care-* elements' roots. */
function everywhere<T extends Element>(el: CareDesktop, selector: string): T[] {
  return [shadow(el), ...parts(el).map(shadow)].flatMap((root) => [...root.querySelectorAll<T>(selector)]);
}

/** The computed value of `property` on a probe styled `property: value` (a system colour, resolved as this browser paints it). */
function systemColor(value: string, property: 'color' | 'background-color' = 'color'): string {
  const probe = document.createElement('span');
  probe.style.setProperty(property, value);
  document.body.append(probe);
  const resolved = getComputedStyle(probe).getPropertyValue(property);
  probe.remove();
  return resolved;
}

const style = (e: Element) => getComputedStyle(e);
const TRANSPARENT = ['transparent', 'rgba(0, 0, 0, 0)'];

/** The element that has focus, followed through shadow roots. */
function focused(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function nameOf(e: Element | null): string {
  return (e?.getAttribute('aria-label') ?? e?.getAttribute('id') ?? e?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Puts keyboard focus on `target` the way an agent would land on it: Tab away and Shift+Tab back. */
async function keyboardFocus(el: CareDesktop, target: HTMLElement): Promise<void> {
  target.focus();
  await sendKeys({ press: 'Tab' });
  await pressShiftTab();
  await settled(el);
  expect(focused() === target, `focus is on “${nameOf(focused())}”, not “${nameOf(target)}”`).to.equal(true);
  expect(target.matches(':focus-visible'), `“${nameOf(target)}” matches :focus-visible`).to.equal(true);
}

/** Focus is drawn as a real outline: box-shadow rings are dropped in forced colours. */
function expectOutline(target: Element): void {
  const s = style(target);
  const what = `“${nameOf(target)}” (${target.localName}) focused: outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
  expect(s.outlineStyle, what).to.not.equal('none');
  expect(parseFloat(s.outlineWidth), what).to.be.at.least(1);
  expect(TRANSPARENT, what).to.not.include(s.outlineColor);
}

/** Drawn as a selection: Highlight behind HighlightText, unlike its unselected neighbour. */
function expectSelection(selected: Element, unselected: Element, what: string): void {
  const on = style(selected);
  const off = style(unselected);
  expect(on.backgroundColor, `${what}: background is Highlight`).to.equal(systemColor('Highlight', 'background-color'));
  expect(on.color, `${what}: text is HighlightText`).to.equal(systemColor('HighlightText'));
  expect(off.backgroundColor, `${what}: the unselected one looks different`).to.not.equal(on.backgroundColor);
  for (const child of selected.querySelectorAll('*')) {
    if (child.matches('.visually-hidden, .visually-hidden *')) continue;
    expect(style(child).color, `${what}: “${nameOf(child)}” inside it is HighlightText`).to.equal(on.color);
  }
}

/** A border that shows: not none, at least 1px, not transparent. */
function border(e: Element): string {
  const s = style(e);
  return `${s.borderTopStyle} ${s.borderTopWidth} ${s.borderTopColor}`;
}

function expectBorder(e: Element, what: string): void {
  const s = style(e);
  expect(s.borderTopStyle, `${what}: ${border(e)}`).to.not.equal('none');
  expect(parseFloat(s.borderTopWidth), `${what}: ${border(e)}`).to.be.at.least(1);
  expect(TRANSPARENT, `${what}: ${border(e)}`).to.not.include(s.borderTopColor);
}

/** Sets a field's value at once and lets the element react, as a paste would. */
async function fill(el: CareDesktop, field: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settled(el);
}

/** The customer form of the shown task, opened for editing (R10). */
async function editCustomer(el: CareDesktop): Promise<HTMLElement> {
  const customer = part(el, 'care-customer');
  const name = shadow(customer).querySelector<HTMLButtonElement>("[part~='name']")!;
  if (name.getAttribute('aria-expanded') !== 'true') name.click();
  await settled(el);
  button(customer, 'Edit').click();
  await settled(el);
  return customer;
}

describe('forced colours (Windows High Contrast)', () => {
  it('forced colours are on in this browser: (forced-colors: active) matches, else nothing below means anything', () => {
    expectForcedColors();
    expect(systemColor('Highlight', 'background-color'), 'Highlight resolves to a colour').to.not.be.oneOf(['', ...TRANSPARENT]);
  });

  it('forced colours: keyboard focus on a button, the pressed button, a field and the message box is an outline, since the box-shadow ring vanishes (WCAG 2.4.7)', async () => {
    const { el } = await working();
    const status = part(el, 'care-agent-status');
    for (const name of ['Ready', 'Not Ready']) {
      const target = button(status, name);
      await keyboardFocus(el, target);
      expectOutline(target);
    }
    const textarea = shadow(part(el, 'care-communication')).querySelector<HTMLTextAreaElement>('textarea')!;
    await keyboardFocus(el, textarea);
    expectOutline(textarea);
    const customer = await editCustomer(el);
    const email = shadow(customer).querySelector<HTMLInputElement>('#email')!;
    await keyboardFocus(el, email);
    expectOutline(email);
  });

  it('forced colours: the pressed status button is drawn as a selection, apart from the unpressed one (R12)', async () => {
    const { el, engine } = await setup();
    const status = part(el, 'care-agent-status');
    expect(button(status, 'Not Ready').getAttribute('aria-pressed')).to.equal('true');
    expectSelection(button(status, 'Not Ready'), button(status, 'Ready'), 'Not Ready pressed');
    button(status, 'Ready').click();
    await settled(el);
    expect(engine.getAgent('agent-1').status).to.equal('ready');
    expectSelection(button(status, 'Ready'), button(status, 'Not Ready'), 'Ready pressed');
  });

  it('forced colours: the previewed queue task is drawn as a selection (R1), and so is the task in progress (R3)', async () => {
    const { el } = await setup((engine) => {
      engine.receive(chat(BOB, 'q-backlog'));
      engine.receive(chat(STRANGER, 'q-backlog'));
    });
    const queue = part(el, 'care-queue');
    const items = () => [...shadow(queue).querySelectorAll<HTMLButtonElement>('ul[data-list=queue] button[data-task]')];
    items()[0]!.click();
    await settled(el);
    expect(items()[0]!.getAttribute('aria-pressed')).to.equal('true');
    expectSelection(items()[0]!, items()[1]!, 'previewed task');

    button(queue, 'Accept: Chat from Bob Novák').click();
    await settled(el);
    const current = shadow(queue).querySelector<HTMLButtonElement>("ul[data-list=in-progress] button[aria-current='true']");
    expect(current, 'Bob’s chat is in progress and current').to.not.equal(null);
    expect(items()).to.have.length(1);
    expect(items()[0]!.getAttribute('aria-pressed')).to.equal('false');
    expectSelection(current!, items()[0]!, 'task in progress');
  });

  it('forced colours: the activity shown in the journey is drawn as a selection (R16)', async () => {
    const { el } = await working();
    const journey = part(el, 'care-journey');
    const activities = [...shadow(journey).querySelectorAll<HTMLButtonElement>("[part~='activity'] > button.main")];
    const pressed = activities.find((b) => b.getAttribute('aria-pressed') === 'true');
    const other = activities.find((b) => b.getAttribute('aria-pressed') !== 'true');
    expect(pressed, 'the current activity is pressed').to.not.equal(undefined);
    expect(other, 'another activity is listed').to.not.equal(undefined);
    expectSelection(pressed!, other!, 'shown activity');
  });

  it('forced colours: an invalid field has a border unlike a valid one, since the red border turns into text colour (R10, R23)', async () => {
    const { el } = await working();
    const customer = await editCustomer(el);
    const email = shadow(customer).querySelector<HTMLInputElement>('#email')!;
    const phone = shadow(customer).querySelector<HTMLInputElement>('#phone')!;
    await fill(el, email, 'ann(at)example');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(phone.getAttribute('aria-invalid')).to.equal('false');
    expectBorder(email, 'invalid email');
    expect(border(email), 'the invalid email is bordered unlike the valid phone').to.not.equal(border(phone));

    const communication = part(el, 'care-communication');
    const textarea = shadow(communication).querySelector<HTMLTextAreaElement>('textarea')!;
    await fill(el, textarea, 'Fine');
    const valid = border(textarea);
    await fill(el, textarea, 'x'.repeat(2001));
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expectBorder(textarea, 'message over the limit');
    expect(border(textarea), 'the message over the limit is bordered unlike a valid one').to.not.equal(valid);
  });

  it('forced colours: error and warning messages are bordered boxes, since their tints are dropped (R10, R23, R13)', async () => {
    const { el, engine, clock } = await working();
    const customer = await editCustomer(el);
    await fill(el, shadow(customer).querySelector<HTMLInputElement>('#email')!, 'ann(at)example');
    await fill(el, shadow(part(el, 'care-communication')).querySelector<HTMLTextAreaElement>('textarea')!, 'x'.repeat(2001));
    // R13: an offer not taken in time sets the agent Not Ready, with a warning why.
    const status = part(el, 'care-agent-status');
    button(status, 'Ready').click();
    await settled(el);
    engine.receive(chat(BOB));
    await settled(el);
    clock.advance(OFFER_TIMEOUT_MS + MINUTE);
    await settled(el);
    const errors = everywhere(el, '.error');
    const warnings = everywhere(el, '.warning');
    expect(errors.map((e) => e.getAttribute('part')), 'the email issue and the message limit').to.include.members(['issue', 'limit']);
    expect(warnings.map((e) => e.getAttribute('part')), 'the desktop’s notice and the status reason of the timed-out offer').to.include.members(['notice', 'reason']);
    for (const message of [...errors, ...warnings]) expectBorder(message, `${message.className} “${nameOf(message).slice(0, 40)}”`);
  });

  it('forced colours: media and request icons draw in currentColor, also inside a selected row', async () => {
    const { el } = await working();
    const icons = everywhere<SVGSVGElement>(el, 'svg');
    expect(icons.length, 'the desktop shows icons').to.be.at.least(3);
    const highlightText = systemColor('HighlightText');
    let selected = 0;
    for (const icon of icons) {
      const s = style(icon);
      const host = icon.parentElement!;
      const what = `icon in “${nameOf(host).slice(0, 40)}”`;
      expect(s.color, `${what} takes the text colour around it`).to.equal(style(host).color);
      expect(s.stroke, `${what} strokes in currentColor`).to.equal(s.color);
      for (const shape of icon.querySelectorAll('path')) expect(style(shape).stroke, `${what}: its path`).to.equal(s.color);
      if (icon.closest("button[aria-pressed='true'], button[aria-current='true']")) {
        selected += 1;
        expect(s.color, `${what} is HighlightText in a selected row`).to.equal(highlightText);
      }
    }
    expect(selected, 'an icon sits in a selected row').to.be.at.least(1);
  });

  it('forced colours: disabled buttons are GrayText, not a faded accent (R23, R10)', async () => {
    const { el } = await working();
    const communication = part(el, 'care-communication');
    const send = button(communication, 'Send');
    expect(send.disabled, 'Send waits for text').to.equal(true);
    const customer = await editCustomer(el);
    await fill(el, shadow(customer).querySelector<HTMLInputElement>('#email')!, 'ann(at)example');
    const save = button(customer, 'Save customer');
    expect(save.disabled, 'Save waits for a valid email').to.equal(true);
    const grayText = systemColor('GrayText');
    for (const disabled of [send, save]) {
      expect(style(disabled).color, `${nameOf(disabled)} text`).to.equal(grayText);
      expect(style(disabled).borderTopColor, `${nameOf(disabled)} border`).to.equal(grayText);
    }
    const enabled = button(customer, 'Cancel');
    expect(style(enabled).color, 'an enabled button is not GrayText').to.not.equal(grayText);
  });

  it('forced colours: an offer’s last minute is underlined, since its red is dropped (R13)', async () => {
    const { el, engine, clock } = await setup();
    const status = part(el, 'care-agent-status');
    button(status, 'Ready').click();
    await settled(el);
    engine.receive(chat(ANN));
    await settled(el);
    const countdown = () => shadow(status).querySelector("[part='countdown']")!;
    expect(style(countdown()).textDecorationLine).to.equal('none');
    clock.advance(OFFER_TIMEOUT_MS - 30_000);
    (status as HTMLElement & { requestUpdate(): void }).requestUpdate();
    await settled(el);
    expect(countdown().classList.contains('urgent')).to.equal(true);
    expect(style(countdown()).textDecorationLine).to.equal('underline');
  });

  it('forced colours: the desktop stays axe-clean idle, with a preview, with a chat and with form errors', async () => {
    const { el } = await setup((engine) => void engine.receive(chat(BOB, 'q-backlog')));
    await expect(el).to.be.accessible();
    const queue = part(el, 'care-queue');
    shadow(queue).querySelector<HTMLButtonElement>('ul[data-list=queue] button[data-task]')!.click();
    await settled(el);
    await expect(el).to.be.accessible();
    button(queue, 'Accept: Chat from Bob Novák').click();
    await settled(el);
    await expect(el).to.be.accessible();
    const customer = await editCustomer(el);
    await fill(el, shadow(customer).querySelector<HTMLInputElement>('#email')!, 'ann(at)example');
    await expect(el).to.be.accessible();
  });
});
