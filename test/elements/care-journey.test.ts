import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareJourney } from '../../src/elements/care-journey/care-journey.js';
import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import type { Activity } from '../../src/model/types.js';
import { ANN, BOB, DAY, START, acceptPicked, chat, fixtureSeed, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, rendered, shadow } from '../support/mount.js';
import { current, session, settle } from '../support/session.js';

async function working() {
  const { engine, clock } = makeEngine();
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
  const { store } = await session(engine, 'agent-1');
  const el = await mount<CareJourney>(store, html`<care-journey></care-journey>`, 'care-journey');
  await settled(el);
  return { engine, clock, store, task, el };
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

describe('care-journey', () => {
  it('is accessible with the journey, the add form and the move dialog', async () => {
    const { el, task } = await working();
    await expect(el).to.be.accessible();
    button(el, 'Add request').click();
    await settled(el);
    await expect(el).to.be.accessible();
    moveHandle(el, task.activityId)!.click();
    await settled(el);
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
    await settled(el);
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
    await settled(el);
    const labels = [...shadow(el).querySelectorAll('dialog button')].map((b) => b.textContent!.trim());
    expect(labels).to.include('To “Refund for May invoice”');
    expect(labels).not.to.include('To “Old delivery question”');
  });

  it('R29 an activity without a request can be moved into one', async () => {
    const { el, engine } = await working();
    moveHandle(el, 'act-ann-loose')!.click();
    await settled(el);
    button(el, 'To “Router keeps dropping”').click();
    await settled(el);
    expect(engine.getActivity('act-ann-loose').requestId).to.equal('req-ann-older');
    expect(rows(el)[0]).to.match(/^Request: Refund/);
  });

  it('R29 moves to a new request from the dialog', async () => {
    const { el, engine, task } = await working();
    moveHandle(el, task.activityId)!.click();
    await settled(el);
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

  it('R29 moves an activity matched to the wrong customer to another customer found by search', async () => {
    const { el, engine, task } = await working();
    moveHandle(el, task.activityId)!.click();
    await settled(el);
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
    await settled(el);
    shadow(el).querySelector<HTMLInputElement>('#add-title')!.value = 'New SIM card';
    shadow(el).querySelector<HTMLTextAreaElement>('#add-description')!.value = 'Phone lost abroad';
    const created = nextEvent(el, 'care-request-created');
    button(el, 'Add').click();
    const request = (await created).request;
    expect(request).to.include({ title: 'New SIM card', description: 'Phone lost abroad', status: 'open' });
    expect(engine.getJourney('cust-ann').requests.map((r) => r.id)).to.include(request.id);
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
    const seed = fixtureSeed();
    const activities: Activity[] = Array.from({ length: 2000 }, (_, n) => ({
      id: `bulk-${n}`,
      version: 1,
      updatedAt: START - 2 * DAY,
      customerId: 'cust-bob',
      requestId: 'req-bob-closed',
      media: n % 3 ? 'chat' : 'call',
      tags: [],
      startedAt: START - 60 * DAY + n * 1000,
      summary: `Contact ${n}`,
    }));
    const clock = new VirtualClock(START);
    const engine = new CareEngine({ clock, seed: { ...seed, activities: [...seed.activities, ...activities] } });
    const { store } = await session(engine, 'agent-1');
    const el = await mount<CareJourney>(store, html`<care-journey customer-id="cust-bob"></care-journey>`, 'care-journey');
    await settled(el);
    const rendered = shadow(el).querySelectorAll("[role='listitem']").length;
    expect(rendered).to.be.greaterThan(5);
    expect(rendered).to.be.lessThan(120);
  });
});
