import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareJourney } from '../../src/elements/care-journey/care-journey.js';
import type { TemplateResult } from 'lit';
import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import { loadLanguage, translate } from '../../src/i18n/localize.js';
import { CareError } from '../../src/model/errors.js';
import type { Activity } from '../../src/model/types.js';
import { ANN, BOB, DAY, START, acceptPicked, chat, fixtureSeed, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, rendered, shadow } from '../support/mount.js';
import { current, session, settle } from '../support/session.js';
import { pressShiftTab } from '../support/keys.js';
import { clearDatabase } from '../../src/state/persist/database.js';

async function working(content: TemplateResult = html`<care-journey></care-journey>`) {
  const { engine, clock } = makeEngine();
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
  const { store, transport } = await session(engine, 'agent-1');
  const el = await mount<CareJourney>(store, content, 'care-journey');
  await settled(el);
  return { engine, clock, store, transport, task, el };
}

/** Bob's journey of `count` extra activities (all in his closed request) plus his own oldest one, “Cannot log in”. */
async function longJourney(count: number, content: TemplateResult, prepare: (engine: CareEngine) => void = () => {}) {
  const seed = fixtureSeed();
  const activities: Activity[] = Array.from({ length: count }, (_, n) => ({
    id: `bulk-${n}`,
    version: 1,
    updatedAt: START - 2 * DAY,
    customerId: 'cust-bob',
    requestId: 'req-bob-closed',
    media: n % 3 ? 'chat' : 'call',
    tags: [],
    startedAt: START - 59 * DAY + n * 1000,
    summary: `Contact ${n}`,
  }));
  const clock = new VirtualClock(START);
  const engine = new CareEngine({ clock, seed: { ...seed, activities: [...seed.activities, ...activities] } });
  prepare(engine);
  const { store } = await session(engine, 'agent-1');
  const el = await mount<CareJourney>(store, content, 'care-journey');
  await settled(el);
  return { engine, store, el };
}

/** Lets the store load and the virtualizer lay out its rows. */
async function settled(el: HTMLElement): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await settle();
    await rendered(el);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
}

function rows(el: HTMLElement): string[] {
  return [...shadow(el).querySelectorAll("[role='listitem']")].map((row) => {
    const main = row.querySelector('.main');
    const clone = (main ?? row).cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[aria-hidden=true]').forEach((hidden) => hidden.remove());
    return (main?.getAttribute('aria-label') ?? clone.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

function moveHandle(el: HTMLElement, activityId: string): HTMLButtonElement | null {
  return shadow(el).querySelector<HTMLButtonElement>(`[data-move="${activityId}"]`);
}

/** A control's accessible name: its aria-label, else its text without what is hidden from assistive technology. */
function nameOf(element: Element | null | undefined): string {
  if (!element) return '(nothing)';
  const label = element.getAttribute('aria-label');
  if (label) return label;
  const clone = element.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('[aria-hidden=true]').forEach((hidden) => hidden.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const list = (el: HTMLElement) => shadow(el).querySelector<HTMLElement>('[part=list]')!;
/** The name of what has focus in the journey. */
const focusedName = (el: HTMLElement) => nameOf(shadow(el).activeElement);
const focusInList = (el: HTMLElement) => list(el).contains(shadow(el).activeElement);
/** What Tab can reach in the list, by name (the list itself as “(list)”). */
function tabStops(el: HTMLElement): string[] {
  const stops = [...list(el).querySelectorAll<HTMLElement>('button')].filter((b) => b.tabIndex >= 0).map(nameOf);
  return list(el).getAttribute('tabindex') === '0' ? ['(list)', ...stops] : stops;
}
/** Every node of the element's shadow tree. */
const nodeCount = (el: HTMLElement) => shadow(el).querySelectorAll('*').length;

async function press(el: HTMLElement, key: string): Promise<void> {
  await sendKeys({ press: key });
  await settled(el);
}

async function shiftTab(el: HTMLElement): Promise<void> {
  await pressShiftTab();
  await settled(el);
}

/**
 * Waits frame by frame until `test` holds: a virtualised list lays rows out
 * over a few frames after a jump. Fails after `frames` frames.
 */
async function until(test: () => boolean, what: () => string, frames = 120): Promise<void> {
  for (let n = 0; n < frames; n++) {
    if (test()) return;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
  throw new Error(`never ${what()}`);
}

/**
 * The Move dialog and the add form fetch their code the first time one of
 * them opens: waits until `selector` shows, then lets the element settle.
 */
async function shown(el: HTMLElement, selector: 'dialog' | "[part='add-form']"): Promise<void> {
  await waitUntil(() => shadow(el).querySelector(selector), `${selector} never showed`, { timeout: 5000 });
  await settled(el);
}

const HELLO = /^Chat, .+: Hello, I need help \(this task\)$/;

describe('care-journey', () => {
  it('is accessible with the journey, the add form and the move dialog', async () => {
    const { el, task } = await working();
    await expect(el).to.be.accessible();
    button(el, 'Add request').click();
    await shown(el, "[part='add-form']");
    await expect(el).to.be.accessible();
    moveHandle(el, task.activityId)!.click();
    await shown(el, 'dialog');
    await expect(el).to.be.accessible();
  });

  it('R16 lists every request and activity of the customer in time order, newest first', async () => {
    const { el } = await working();
    const list = rows(el);
    expect(list[0]).to.equal('Not in a request');
    expect(list[1]).to.match(/^Call, .+: Dropped call$/);
    expect(list[2]).to.match(/^Request: Refund for May invoice, Open, created /);
    expect(list[3]).to.match(/^Chat, .+: Hello, I need help \(this task\)$/);
    expect(list[4]).to.match(/^Chat, .+: I was charged twice$/);
    expect(list[5]).to.match(/^Request: Router keeps dropping, Open/);
    expect(list.at(-2)).to.match(/^Request: Old delivery question, Closed/);
    expect(list.at(-1)).to.match(/^Call, .+: Where is my parcel\?$/);
  });

  it('R2 focusing an activity or a request shows its information', async () => {
    const { el } = await working();
    const activityButton = [...shadow(el).querySelectorAll<HTMLButtonElement>('.activity .main')].find((b) => b.textContent!.includes('I was charged twice'))!;
    activityButton.focus();
    await settled(el);
    const info = shadow(el).querySelector<HTMLElement>("[part='info']")!;
    expect(info.matches(':popover-open')).to.equal(true);
    expect(info.textContent).to.contain('billing');
    expect(info.textContent).to.contain('Refund for May invoice');
    const requestButton = [...shadow(el).querySelectorAll<HTMLButtonElement>('.request .main')].find((b) => b.textContent!.includes('Old delivery question'))!;
    requestButton.focus();
    await settled(el);
    expect(info.textContent).to.contain('Closed');
    expect(info.textContent).to.contain('Completed');
    requestButton.blur();
    await settled(el);
    expect(info.matches(':popover-open')).to.equal(false);
  });

  it('R16 choosing an activity focuses it for the details panes', async () => {
    const { el, store } = await working();
    const selected = nextEvent(el, 'care-activity-select');
    button(el, /I was charged twice/).click();
    expect((await selected).activityId).to.equal('act-ann-2');
    expect(current(store.focusedActivityId$)).to.equal('act-ann-2');
  });

  it('R29 by keyboard: Move opens a dialog of open requests; choosing one moves the activity', async () => {
    const { el, engine, task } = await working();
    const handle = moveHandle(el, task.activityId)!;
    handle.focus();
    await sendKeys({ press: 'Enter' });
    await shown(el, 'dialog');
    const dialog = shadow(el).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    const targets = [...dialog.querySelectorAll(':scope > section:first-of-type button')].map((b) => b.textContent!.trim());
    expect(targets).to.deep.equal(['To “Router keeps dropping”']);
    const moved = nextEvent(el, 'care-activity-moved');
    button(el, 'To “Router keeps dropping”').click();
    expect((await moved).activity.requestId).to.equal('req-ann-older');
    expect(engine.getActivity(task.activityId).requestId).to.equal('req-ann-older');
    await settled(el);
    expect(shadow(el).querySelector('dialog')).to.equal(null);
    expect(shadow(el).activeElement).to.equal(moveHandle(el, task.activityId));
  });

  it('R29 an activity of a closed request has no Move handle; closed requests are never targets', async () => {
    const { el } = await working();
    expect(moveHandle(el, 'act-ann-old')).to.equal(null);
    moveHandle(el, 'act-ann-1')!.click();
    await shown(el, 'dialog');
    const labels = [...shadow(el).querySelectorAll('dialog button')].map((b) => b.textContent!.trim());
    expect(labels).to.include('To “Refund for May invoice”');
    expect(labels).not.to.include('To “Old delivery question”');
  });

  it('R29 an activity without a request can be moved into one', async () => {
    const { el, engine } = await working();
    moveHandle(el, 'act-ann-loose')!.click();
    await shown(el, 'dialog');
    button(el, 'To “Router keeps dropping”').click();
    await settled(el);
    expect(engine.getActivity('act-ann-loose').requestId).to.equal('req-ann-older');
    expect(rows(el)[0]).to.match(/^Request: Refund/);
  });

  it('R29 moves to a new request from the dialog', async () => {
    const { el, engine, task } = await working();
    moveHandle(el, task.activityId)!.click();
    await shown(el, 'dialog');
    const title = shadow(el).querySelector<HTMLInputElement>('#move-new-title')!;
    title.value = 'SIM swap';
    button(el, 'Move to a new request').click();
    await settled(el);
    const request = engine.getRequest(engine.getActivity(task.activityId).requestId!);
    expect(request).to.include({ title: 'SIM swap', status: 'open' });
  });

  it('R29 by drag and drop onto another open request; a closed request refuses the drop', async () => {
    const { el, engine, task } = await working();
    const data = new DataTransfer();
    moveHandle(el, task.activityId)!.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true, composed: true }));
    await settled(el);
    const requestRow = (title: string) =>
      [...shadow(el).querySelectorAll<HTMLElement>("[part='request']")].find((r) => r.textContent!.includes(title))!;
    const closedOver = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true, composed: true });
    requestRow('Old delivery question').dispatchEvent(closedOver);
    expect(closedOver.defaultPrevented, 'closed request accepts no drop').to.equal(false);
    const openOver = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true, composed: true });
    requestRow('Router keeps dropping').dispatchEvent(openOver);
    expect(openOver.defaultPrevented).to.equal(true);
    requestRow('Router keeps dropping').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
    await settled(el);
    expect(engine.getActivity(task.activityId).requestId).to.equal('req-ann-older');
  });

  it('R21 R29 dropping an activity with no summary on “new request” opens the Move dialog to ask for a title', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', { media: 'call', contact: ANN, opening: '' });
    const { store } = await session(engine, 'agent-1');
    const el = await mount<CareJourney>(store, html`<care-journey></care-journey>`, 'care-journey');
    await settled(el);
    const before = engine.getActivity(task.activityId).requestId;
    const data = new DataTransfer();
    moveHandle(el, task.activityId)!.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true, composed: true }));
    await settled(el);
    const zone = shadow(el).querySelector<HTMLElement>("[part='drop-new']")!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
    await shown(el, 'dialog');
    expect(shadow(el).querySelector('#move-new-title'), 'the title field of the Move dialog').to.not.equal(null);
    expect(engine.getActivity(task.activityId).requestId).to.equal(before);
    expect(shadow(el).querySelector("[part='error']")).to.equal(null);
  });

  it('R29 moves an activity matched to the wrong customer to another customer found by search', async () => {
    const { el, engine, task } = await working();
    moveHandle(el, task.activityId)!.click();
    await shown(el, 'dialog');
    const query = shadow(el).querySelector<HTMLInputElement>('#move-search')!;
    query.value = 'Novák';
    button(el, 'Search').click();
    await settled(el);
    button(el, /^To Bob Novák/).click();
    await settled(el);
    expect(engine.getActivity(task.activityId).customerId).to.equal('cust-bob');
    expect(engine.getTask(task.id).customerId).to.equal('cust-bob');
  });

  it('R21 Add request creates a new open request for a new problem', async () => {
    const { el, engine } = await working();
    button(el, 'Add request').click();
    await shown(el, "[part='add-form']");
    shadow(el).querySelector<HTMLInputElement>('#add-title')!.value = 'New SIM card';
    shadow(el).querySelector<HTMLTextAreaElement>('#add-description')!.value = 'Phone lost abroad';
    const created = nextEvent(el, 'care-request-created');
    button(el, 'Add').click();
    const request = (await created).request;
    expect(request).to.include({ title: 'New SIM card', description: 'Phone lost abroad', status: 'open' });
    expect(engine.getJourney('cust-ann').requests.map((r) => r.id)).to.include(request.id);
  });

  it('N1 a request half added survives a reload: the form opens again with its title and description; Add clears it', async () => {
    await clearDatabase();
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const first = (await session(engine, 'agent-1', { persist: true })).store;
    const before = await mount<CareJourney>(first, html`<care-journey></care-journey>`, 'care-journey');
    await settled(before);
    button(before, 'Add request').click();
    await shown(before, "[part='add-form']");
    const type = (el: HTMLElement, selector: string, text: string) => {
      const field = shadow(el).querySelector<HTMLInputElement>(selector)!;
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    type(before, '#add-title', 'Roaming charges');
    type(before, '#add-description', 'Billed in Vienna though at home');
    expect(first.closeCheck(task.id).unsentTexts.map((u) => u.kind), 'Close asks about it').to.deep.equal(['requestTitle', 'requestDescription']);
    await new Promise((r) => setTimeout(r, 400)); // written 150 ms after the last key
    before.remove();
    first.dispose();

    const store = (await session(engine, 'agent-1', { persist: true })).store;
    const el = await mount<CareJourney>(store, html`<care-journey></care-journey>`, 'care-journey');
    await waitUntil(() => store.unsentText('requestTitle', 'cust-ann'), 'the text never came back', { timeout: 3000 });
    await settled(el);
    el.requestUpdate();
    await shown(el, "[part='add-form']");
    expect(shadow(el).querySelector<HTMLInputElement>('#add-title')!.value).to.equal('Roaming charges');
    expect(shadow(el).querySelector<HTMLTextAreaElement>('#add-description')!.value).to.equal('Billed in Vienna though at home');
    const created = nextEvent(el, 'care-request-created');
    button(el, 'Add').click();
    expect((await created).request.title).to.equal('Roaming charges');
    expect(store.hasUnsaved(), 'nothing left unsaved').to.equal(false);
    store.dispose();
  });

  it('R25 a previewed customer’s journey is read-only: no Move, no Add request', async () => {
    const { engine } = makeEngine();
    const task = engine.receive(chat(BOB, 'q-backlog'));
    const { store } = await session(engine, 'agent-1');
    store.selectTask(task.id);
    const el = await mount<CareJourney>(store, html`<care-journey></care-journey>`, 'care-journey');
    await settled(el);
    expect(rows(el).some((r) => r.startsWith('Request: Password reset'))).to.equal(true);
    expect(shadow(el).querySelector("[part='handle']")).to.equal(null);
    expect(() => button(el, 'Add request')).to.throw();
    await expect(el).to.be.accessible();
  });

  it('renders a 2,000-activity journey with a bounded number of rows in the DOM', async () => {
    const { el } = await longJourney(2000, html`<care-journey customer-id="cust-bob"></care-journey>`);
    const rendered = shadow(el).querySelectorAll("[role='listitem']").length;
    expect(rendered).to.be.greaterThan(5);
    expect(rendered).to.be.lessThan(120);
  });

  describe('roving focus', () => {
    it('the list is one Tab stop: the current activity, then its Move handle, then out', async () => {
      const { el, task } = await working(html`<care-journey></care-journey><button>After</button>`);
      const stops = tabStops(el);
      expect(stops, stops.join(' | ')).to.have.length(2);
      expect(stops[0]).to.match(HELLO);
      expect(stops[1]).to.match(/^Move the Chat of /);
      button(el, 'Add request').focus();
      await press(el, 'Tab');
      expect(focusedName(el)).to.match(HELLO);
      await press(el, 'Tab');
      expect(shadow(el).activeElement === moveHandle(el, task.activityId), focusedName(el)).to.equal(true);
      await press(el, 'Tab');
      expect(focusInList(el), 'Tab leaves the list').to.equal(false);
      expect(document.activeElement?.textContent).to.equal('After');
      await shiftTab(el);
      expect(focusedName(el)).to.match(/^Move the Chat of /);
      await shiftTab(el);
      expect(focusedName(el)).to.match(HELLO);
      await shiftTab(el);
      expect(focusedName(el), 'Shift+Tab leaves the list').to.equal('Add request');
    });

    it('R2 Down, Up, Home and End move between requests and activities; focus shows the row, Escape hides it', async () => {
      const { el } = await working();
      button(el, 'Add request').focus();
      await press(el, 'Tab');
      expect(focusedName(el)).to.match(HELLO);
      await press(el, 'ArrowDown');
      expect(focusedName(el)).to.match(/: I was charged twice$/);
      const info = shadow(el).querySelector<HTMLElement>("[part='info']")!;
      expect(info.matches(':popover-open'), 'R2 the focused row shows its information').to.equal(true);
      expect(info.textContent).to.contain('billing');
      await press(el, 'Escape');
      expect(info.matches(':popover-open'), 'Escape hides it').to.equal(false);
      expect(focusedName(el), 'and focus stays').to.match(/: I was charged twice$/);
      expect(tabStops(el)).to.have.length(2);
      expect(tabStops(el)[0]).to.match(/: I was charged twice$/);
      await press(el, 'ArrowUp');
      expect(focusedName(el)).to.match(HELLO);
      await press(el, 'ArrowUp');
      expect(focusedName(el)).to.match(/^Request: Refund for May invoice, Open/);
      expect(tabStops(el), 'a request row is one stop').to.have.length(1);
      await press(el, 'ArrowUp');
      expect(focusedName(el), 'the “not in a request” label is skipped').to.match(/: Dropped call$/);
      await press(el, 'ArrowUp');
      expect(focusedName(el), 'Up stops at the first row').to.match(/: Dropped call$/);
      await press(el, 'End');
      expect(focusedName(el)).to.match(/: Where is my parcel\?$/);
      await press(el, 'ArrowDown');
      expect(focusedName(el), 'Down stops at the last row').to.match(/: Where is my parcel\?$/);
      expect(tabStops(el), 'an activity of a closed request has no handle').to.have.length(1);
      await press(el, 'Home');
      expect(focusedName(el)).to.match(/: Dropped call$/);
      expect(tabStops(el)).to.have.length(2);
    });

    it('clicking a row makes it the Tab stop', async () => {
      const { el } = await working();
      [...list(el).querySelectorAll<HTMLButtonElement>('.main')].find((b) => /: I was charged twice$/.test(nameOf(b)))!.click();
      await settled(el);
      expect(tabStops(el)[0]).to.match(/: I was charged twice$/);
      expect(tabStops(el)).to.have.length(2);
    });

    it('R29 Tab from an activity reaches its Move handle; Enter opens the Move dialog, Escape returns to the handle', async () => {
      const { el, task } = await working();
      button(el, 'Add request').focus();
      await press(el, 'Tab');
      await press(el, 'Tab');
      expect(focusedName(el)).to.match(/^Move the Chat of /);
      await press(el, 'Enter');
      await shown(el, 'dialog');
      const dialog = shadow(el).querySelector('dialog')!;
      expect(dialog.open).to.equal(true);
      expect(dialog.contains(shadow(el).activeElement)).to.equal(true);
      await press(el, 'Escape');
      expect(shadow(el).querySelector('dialog')).to.equal(null);
      expect(shadow(el).activeElement === moveHandle(el, task.activityId), focusedName(el)).to.equal(true);
    });

    it('when the active row leaves the journey, the nearest row takes the Tab stop and focus', async () => {
      const { el, store, task } = await working(html`<care-journey customer-id="cust-ann"></care-journey>`);
      button(el, 'Add request').focus();
      await press(el, 'Tab');
      expect(focusedName(el)).to.match(HELLO);
      // Moved to another customer (here through the store, as the Move dialog does).
      const result = await store.moveActivityToCustomer(task.activityId, 'cust-bob');
      expect(result.ok).to.equal(true);
      await settled(el);
      expect(rows(el).some((row) => HELLO.test(row))).to.equal(false);
      expect(focusedName(el)).to.match(/: I was charged twice$/);
      // The task's activity went with it, so Ann's journey is read-only now: no Move handles.
      expect(tabStops(el)).to.deep.equal([focusedName(el)]);
    });

    it('End in a 10,000-activity journey reaches and focuses the last activity; the DOM stays small', async () => {
      const { el } = await longJourney(10_000, html`<button>Before</button><care-journey customer-id="cust-bob"></care-journey>`);
      const before = nodeCount(el);
      expect(before).to.be.lessThan(2000);
      // The first row is the stop of a journey without a focused or current activity.
      expect(tabStops(el)).to.have.length(1);
      expect(tabStops(el)[0]).to.match(/^Request: Password reset, Closed, created /);
      document.querySelector<HTMLButtonElement>('care-provider > button')!.focus();
      await press(el, 'Tab');
      expect(focusedName(el)).to.match(/^Request: Password reset/);
      await press(el, 'ArrowDown');
      expect(focusedName(el)).to.match(/: Contact 9999$/);
      await sendKeys({ press: 'End' });
      await until(() => /: Cannot log in$/.test(focusedName(el)), () => `focused the last activity; focus is on “${focusedName(el)}”`);
      expect(tabStops(el)).to.deep.equal([focusedName(el)]);
      expect(shadow(el).querySelectorAll("[role='listitem']").length).to.be.lessThan(120);
      expect(nodeCount(el), `${nodeCount(el)} nodes after End, ${before} before`).to.be.lessThan(2000);
      await press(el, 'ArrowUp');
      expect(focusedName(el)).to.match(/: Contact 0$/);
      await sendKeys({ press: 'Home' });
      await until(() => /^Request: Password reset/.test(focusedName(el)), () => `focused the first row; focus is on “${focusedName(el)}”`);
    });

    it('after a move to another customer through the Move dialog, focus goes to the row that took its place', async () => {
      const { el } = await working(html`<care-journey customer-id="cust-ann"></care-journey>`);
      button(el, 'Add request').focus();
      await press(el, 'Tab');
      await press(el, 'Tab');
      await press(el, 'Enter');
      await shown(el, 'dialog');
      shadow(el).querySelector<HTMLInputElement>('#move-search')!.value = 'Novák';
      button(el, 'Search').click();
      await settled(el);
      button(el, /^To Bob Novák/).click();
      await settled(el);
      expect(shadow(el).querySelector('dialog')).to.equal(null);
      expect(rows(el).some((row) => HELLO.test(row))).to.equal(false);
      expect(focusedName(el)).to.match(/: I was charged twice$/);
    });

    it('in a 10,000-activity journey too, the row nearest to one that left takes focus', async () => {
      let activityId = '';
      const { el, store } = await longJourney(10_000, html`<care-journey customer-id="cust-bob"></care-journey>`, (engine) => {
        activityId = acceptPicked(engine, 'agent-1', chat(BOB)).activityId;
      });
      button(el, 'Add request').focus();
      await press(el, 'Tab');
      expect(focusedName(el), 'the current activity is the stop').to.match(/\(this task\)$/);
      const result = await store.moveActivityToCustomer(activityId, 'cust-ann');
      expect(result.ok).to.equal(true);
      await until(() => /^Request: Password reset/.test(focusedName(el)), () => `focus went to the nearest row; it is on “${focusedName(el)}”`);
      expect(tabStops(el)).to.deep.equal([focusedName(el)]);
    });

    it('with the active row scrolled out, Tab still reaches the list and goes on to the row; Shift+Tab leaves', async () => {
      const { el } = await longJourney(10_000, html`<button>Before</button><care-journey customer-id="cust-bob"></care-journey><button>After</button>`);
      const [before, after] = [...document.querySelectorAll<HTMLButtonElement>('care-provider > button')];
      before!.focus();
      await press(el, 'Tab');
      await press(el, 'Tab');
      expect(document.activeElement === after, 'one stop: the first row, then out').to.equal(true);
      list(el).scrollTop = list(el).scrollHeight;
      await until(() => list(el).getAttribute('tabindex') === '0', () => `the list became a stop; stops: ${tabStops(el).join(' | ')}`);
      expect(tabStops(el)).to.deep.equal(['(list)']);
      await expect(el).to.be.accessible();
      await shiftTab(el);
      await until(() => /^Request: Password reset/.test(focusedName(el)), () => `focus went on to the active row; it is on “${focusedName(el)}”`);
      expect(list(el).getAttribute('tabindex'), 'the list is no stop while its row is there').to.equal('-1');
      await shiftTab(el);
      expect(document.activeElement === before, 'Shift+Tab leaves the list').to.equal(true);
    });
    it('with the active activity scrolled out, Shift+Tab from after the list lands on its Move handle, the last stop of the row', async () => {
      const { el } = await longJourney(10_000, html`<button>Before</button><care-journey customer-id="cust-bob"></care-journey><button>After</button>`, (engine) => {
        acceptPicked(engine, 'agent-1', chat(BOB));
      });
      const after = [...document.querySelectorAll<HTMLButtonElement>('care-provider > button')][1]!;
      list(el).scrollTop = list(el).scrollHeight;
      await until(() => list(el).getAttribute('tabindex') === '0', () => `the list became a stop; stops: ${tabStops(el).join(' | ')}`);
      after.focus();
      await shiftTab(el);
      await until(() => /^Move the Chat of /.test(focusedName(el)), () => `focus went on to the current activity’s Move handle; it is on “${focusedName(el)}”`);
      await shiftTab(el);
      expect(focusedName(el), 'then the row itself').to.match(/\(this task\)$/);
    });
  });

  describe('errors follow the language', () => {
    it('a refused drop and a missing title read Czech after lang changes from en to cs', async () => {
      const { el, transport, task } = await working(html`<div lang="en"><care-journey></care-journey></div>`);
      const wrapper = el.parentElement!;
      transport.failure = (operation) => (operation === 'moveActivity' ? CareError.refused('target-closed', 'Closed, in English from the backend.') : undefined);
      const data = new DataTransfer();
      moveHandle(el, task.activityId)!.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true, composed: true }));
      await settled(el);
      const target = [...shadow(el).querySelectorAll<HTMLElement>("[part='request']")].find((r) => r.textContent!.includes('Router keeps dropping'))!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
      await settled(el);
      const error = () => shadow(el).querySelector("[part='error']")?.textContent?.trim();
      expect(error()).to.equal(translate('en', 'error.refused.target-closed'));
      button(el, 'Add request').click();
      await shown(el, "[part='add-form']");
      shadow(el).querySelector<HTMLInputElement>('#add-title')!.value = '   ';
      button(el, 'Add').click();
      await settled(el);
      const formError = () => shadow(el).querySelector("[part='add-form'] [role='alert']")?.textContent?.trim();
      expect(formError()).to.equal('Title is required.');

      await loadLanguage('cs');
      wrapper.setAttribute('lang', 'cs');
      await settled(el);
      expect(error()).to.equal(translate('cs', 'error.refused.target-closed'));
      expect(formError()).to.equal(translate('cs', 'issue.required', { field: translate('cs', 'error.field.title') }));
      expect(formError()).to.not.equal('Title is required.');
    });

    it('the Move dialog’s error on a failing backend reads Czech after lang changes from en to cs', async () => {
      const { el, transport, task } = await working(html`<div lang="en"><care-journey></care-journey></div>`);
      transport.failure = (operation) => (operation === 'moveActivity' ? CareError.network() : undefined);
      moveHandle(el, task.activityId)!.click();
      await shown(el, 'dialog');
      button(el, 'To “Router keeps dropping”').click();
      await settled(el);
      const error = () => shadow(el).querySelector("dialog [role='alert']")?.textContent?.trim();
      expect(error()).to.equal(translate('en', 'error.network'));
      await loadLanguage('cs');
      el.parentElement!.setAttribute('lang', 'cs');
      await settled(el);
      expect(error()).to.equal(translate('cs', 'error.network'));
    });
  });
});
