import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareActivity } from '../../src/elements/care-activity/care-activity.js';
import { loadLanguage, translate } from '../../src/i18n/localize.js';
import { CareError } from '../../src/model/errors.js';
import type { Task } from '../../src/model/types.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, partText, rendered, shadow } from '../support/mount.js';
import { session } from '../support/session.js';

type Engine = ReturnType<typeof makeEngine>['engine'];

/** A session where agent-1 works on a chat with Ann, unless `accept` says otherwise. */
async function setup(activityId?: string, accept: (engine: Engine) => Task | null = (engine) => acceptPicked(engine, 'agent-1', chat(ANN))) {
  const { engine, clock } = makeEngine();
  const { store, transport } = await session(engine, 'agent-1');
  const task = accept(engine);
  const el = await mount<CareActivity>(
    store,
    activityId ? html`<care-activity activity-id=${activityId}></care-activity>` : html`<care-activity></care-activity>`,
    'care-activity',
  );
  return { engine, clock, store, transport, el, task };
}

const input = (el: HTMLElement) => shadow(el).querySelector<HTMLInputElement>('#tag-input');
const tags = (el: HTMLElement) => [...shadow(el).querySelectorAll("[part~='tag'] > span")].map((span) => span.textContent ?? '');
const removeButtons = (el: HTMLElement) => shadow(el).querySelectorAll("[part~='remove-button']");
/** Compared here, not in expect(): a failed expect() on DOM nodes serialises them and can stall the runner. */
const hasFocus = (el: HTMLElement, target: Element | null) => target !== null && shadow(el).activeElement === target;
const fieldError = (el: HTMLElement) => shadow(el).querySelector<HTMLElement>('#tag-error');

/** Types into the tag field through the real keyboard. */
async function type(el: HTMLElement, text: string): Promise<void> {
  input(el)!.focus();
  await sendKeys({ type: text });
  await rendered(el);
}

/** Fills the tag field at once, as a paste would. */
async function fill(el: HTMLElement, text: string): Promise<void> {
  const field = input(el)!;
  field.focus();
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await rendered(el);
}

async function press(el: HTMLElement, key: string): Promise<void> {
  await sendKeys({ press: key });
  await rendered(el);
}

describe('care-activity', () => {
  it('is accessible editable, read-only, and with a refused tag', async () => {
    const editable = await setup('act-ann-2');
    await expect(editable.el).to.be.accessible();

    await fill(editable.el, 'Billing');
    await press(editable.el, 'Enter');
    expect(fieldError(editable.el)).to.not.equal(null);
    await expect(editable.el).to.be.accessible();

    const closed = await setup('act-ann-old');
    expect(input(closed.el)).to.equal(null);
    await expect(closed.el).to.be.accessible();
  });

  it('R19 shows the medium, times, summary and tags of an activity', async () => {
    const { el, engine } = await setup('act-ann-2');
    const activity = engine.getActivity('act-ann-2');
    expect(shadow(el).querySelector('h2')?.textContent).to.equal('Activity details');
    const details = partText(el, 'details');
    expect(details).to.contain('Media Chat');
    expect(details).to.contain('Summary I was charged twice');
    expect(details).to.contain('Duration 10:00');
    expect(shadow(el).querySelector("[part~='details'] svg[aria-hidden='true']"), 'media icon').to.not.equal(null);
    const times = [...shadow(el).querySelectorAll("[part~='details'] time")].map((t) => t.getAttribute('datetime'));
    expect(times).to.deep.equal([new Date(activity.startedAt).toISOString(), new Date(activity.endedAt!).toISOString(), 'PT600S']);
    expect(tags(el)).to.deep.equal(['billing']);
    expect(button(el, 'Remove tag billing')).to.exist;
  });

  it('R19 without activity-id it follows the focused activity', async () => {
    const { el, store } = await setup();
    expect(partText(el, 'details')).to.contain('Hello, I need help');
    expect(partText(el, 'empty')).to.equal('No tags yet.');
    store.selectActivity('act-ann-2');
    await rendered(el);
    expect(tags(el)).to.deep.equal(['billing']);
    store.selectActivity(null);
    await rendered(el);
    expect(tags(el)).to.deep.equal([]);
  });

  it('shows "No activity selected." when nothing is focused', async () => {
    const { el } = await setup(undefined, () => null);
    expect(partText(el, 'empty')).to.equal('No activity selected.');
    await expect(el).to.be.accessible();
  });

  it('R9 Enter turns the typed text into a tag and fires care-tag-added', async () => {
    const { el, engine, task } = await setup();
    expect(shadow(el).querySelector('label[for=tag-input]')?.textContent).to.equal('Add a tag');
    await type(el, 'Refund');
    const added = nextEvent(el, 'care-tag-added');
    await press(el, 'Enter');
    const event = await added;
    expect(event.tag).to.equal('Refund');
    expect(event.activity.tags).to.deep.equal(['Refund']);
    expect(event.bubbles && event.composed).to.equal(true);
    await rendered(el);
    expect(tags(el)).to.deep.equal(['Refund']);
    expect(input(el)!.value).to.equal('');
    expect(hasFocus(el, input(el))).to.equal(true);
    expect(engine.getActivity(task!.activityId).tags).to.deep.equal(['Refund']);
  });

  it('R9 Tab with text adds the tag and keeps focus; Tab in an empty field moves on', async () => {
    const { el, engine, task } = await setup();
    await type(el, 'Router');
    await press(el, 'Tab');
    await rendered(el);
    expect(tags(el)).to.deep.equal(['Router']);
    expect(input(el)!.value).to.equal('');
    expect(hasFocus(el, input(el)), 'focus stays in the field for the next tag').to.equal(true);

    await type(el, 'Outage');
    await press(el, 'Tab');
    await rendered(el);
    expect(tags(el)).to.deep.equal(['Router', 'Outage']);
    expect(hasFocus(el, input(el))).to.equal(true);

    await press(el, 'Tab');
    expect(hasFocus(el, input(el)), 'an empty field lets Tab move on').to.equal(false);
    expect(engine.getActivity(task!.activityId).tags).to.deep.equal(['Router', 'Outage']);
  });

  it('R9 a tag of 51 characters is refused with the text kept; 50 is fine', async () => {
    const { el, engine, task } = await setup();
    const long = 'x'.repeat(51);
    await type(el, long);
    await press(el, 'Tab');
    const error = fieldError(el)!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('at most 50 characters').and.contain('51');
    expect(hasFocus(el, input(el)), 'Tab on a refused tag keeps focus to show why').to.equal(true);
    expect(input(el)!.value).to.equal(long);
    expect(input(el)!.getAttribute('aria-invalid')).to.equal('true');
    expect(input(el)!.getAttribute('aria-describedby')).to.contain('tag-error');
    expect(tags(el)).to.deep.equal([]);

    await press(el, 'Enter');
    expect(fieldError(el)?.textContent).to.contain('at most 50 characters');
    expect(input(el)!.value).to.equal(long);
    expect(tags(el)).to.deep.equal([]);

    await press(el, 'Tab');
    expect(hasFocus(el, input(el)), 'Tab again on the same refused text leaves: no keyboard trap').to.equal(false);
    expect(input(el)!.value, 'and the text is still kept').to.equal(long);
    expect(engine.getActivity(task!.activityId).tags).to.deep.equal([]);

    input(el)!.focus();
    await press(el, 'Backspace');
    expect(fieldError(el), 'fixing the text clears the message').to.equal(null);
    expect(input(el)!.getAttribute('aria-invalid')).to.equal('false');
    await press(el, 'Enter');
    expect(tags(el)).to.deep.equal(['x'.repeat(50)]);
    expect(engine.getActivity(task!.activityId).tags).to.deep.equal(['x'.repeat(50)]);
  });

  it("R9 a duplicate differing only in case or spacing ('Billing' vs 'billing') is refused", async () => {
    const { el, engine } = await setup('act-ann-2');
    await type(el, 'Billing');
    await press(el, 'Enter');
    expect(fieldError(el)?.textContent).to.contain('already has the tag “billing”');
    expect(input(el)!.value).to.equal('Billing');
    expect(input(el)!.getAttribute('aria-invalid')).to.equal('true');

    await fill(el, '  BILLING ');
    await press(el, 'Enter');
    expect(fieldError(el)?.textContent).to.contain('already has the tag “billing”');
    expect(input(el)!.value).to.equal('  BILLING ');
    expect(tags(el)).to.deep.equal(['billing']);
    expect(engine.getActivity('act-ann-2').tags).to.deep.equal(['billing']);
  });

  it('R9 a tag is removed by keyboard, focus moves to the next tag, and care-tag-removed fires', async () => {
    const { el, engine } = await setup('act-ann-2');
    await type(el, 'refund');
    await press(el, 'Enter');
    expect(tags(el)).to.deep.equal(['billing', 'refund']);

    button(el, 'Remove tag billing').focus();
    const removed = nextEvent(el, 'care-tag-removed');
    await press(el, 'Enter');
    const event = await removed;
    expect(event.tag).to.equal('billing');
    expect(event.activity.tags).to.deep.equal(['refund']);
    await rendered(el);
    expect(tags(el)).to.deep.equal(['refund']);
    expect(hasFocus(el, button(el, 'Remove tag refund'))).to.equal(true);

    await press(el, ' ');
    await rendered(el);
    expect(tags(el)).to.deep.equal([]);
    expect(hasFocus(el, input(el)), 'the last tag gone, focus goes to the field').to.equal(true);
    expect(engine.getActivity('act-ann-2').tags).to.deep.equal([]);
    expect(shadow(el).querySelector('[role=status]')?.textContent).to.equal('Tag “refund” removed.');
  });

  it('R25 a previewed pick-queue task is read-only', async () => {
    const { el, engine, store } = await setup(undefined, () => null);
    const queued = engine.receive({ ...chat(ANN), queueId: 'q-backlog' });
    store.selectTask(queued.id);
    await rendered(el);
    expect(partText(el, 'details')).to.contain('Hello, I need help');
    expect(input(el)).to.equal(null);
    expect(partText(el, 'note')).to.equal('Read-only: tags can be changed only while a task for this customer is in progress.');
    await expect(el).to.be.accessible();

    store.selectActivity('act-ann-2');
    await rendered(el);
    expect(tags(el)).to.deep.equal(['billing']);
    expect(removeButtons(el)).to.have.length(0);
    expect(input(el)).to.equal(null);
  });

  it('R25 tags of another customer than the one in progress are read-only', async () => {
    const { el } = await setup('act-bob-old', (engine) => acceptPicked(engine, 'agent-1', chat(ANN)));
    await rendered(el);
    expect(input(el)).to.equal(null);
    expect(partText(el, 'note')).to.contain('in progress');
  });

  it('R28 an activity of a closed request is read-only for tags, even with its customer in progress', async () => {
    const { el } = await setup('act-ann-old');
    await rendered(el);
    expect(tags(el)).to.deep.equal(['delivery']);
    expect(removeButtons(el)).to.have.length(0);
    expect(input(el)).to.equal(null);
    expect(partText(el, 'note')).to.equal('Read-only: this activity belongs to a closed request.');
  });

  it('R9 HTML and script in a tag show as text and create no element', async () => {
    const { el } = await setup();
    const win = window as Window & { carePwned?: number };
    const img = '<img src=x onerror="window.carePwned=1">';
    const script = '<script>window.carePwned=2</script>';
    await fill(el, img);
    await press(el, 'Enter');
    await fill(el, script);
    await press(el, 'Enter');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tags(el)).to.deep.equal([img, script]);
    expect(partText(el, 'list')).to.contain(img).and.contain(script);
    expect(shadow(el).querySelector('img, script')).to.equal(null);
    expect(button(el, `Remove tag ${img}`)).to.exist;
    expect(win.carePwned).to.equal(undefined);
  });

  it('a tag the backend refuses disappears again, says why, and the text is back in the field', async () => {
    const { el, engine, transport, task } = await setup();
    transport.latency = 20;
    transport.failure = (operation) => (operation === 'addTag' ? CareError.network('The service is unavailable.') : undefined);
    await type(el, 'Urgent');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(tags(el), 'shown at once').to.deep.equal(['Urgent']);
    expect(input(el)!.value).to.equal('');

    await new Promise((resolve) => setTimeout(resolve, 60));
    await rendered(el);
    expect(tags(el)).to.deep.equal([]);
    expect(fieldError(el)?.textContent).to.equal('The tag “Urgent” was not added. The service could not be reached. Nothing you typed was lost; try again. (The service is unavailable.)');
    expect(fieldError(el)?.getAttribute('role')).to.equal('alert');
    expect(input(el)!.value).to.equal('Urgent');
    expect(input(el)!.getAttribute('aria-describedby')).to.contain('tag-error');
    await expect(el).to.be.accessible();

    transport.latency = 0;
    transport.failure = undefined;
    input(el)!.focus();
    await press(el, 'Enter');
    expect(fieldError(el)).to.equal(null);
    expect(tags(el)).to.deep.equal(['Urgent']);
    expect(engine.getActivity(task!.activityId).tags).to.deep.equal(['Urgent']);
  });

  it('a failed removal puts the tag back and says why', async () => {
    const { el, transport } = await setup('act-ann-2');
    transport.failure = (operation) => (operation === 'removeTag' ? CareError.network('The service is unavailable.') : undefined);
    button(el, 'Remove tag billing').click();
    await rendered(el);
    expect(tags(el)).to.deep.equal(['billing']);
    expect(partText(el, 'error')).to.equal('The tag “billing” was not removed. The service could not be reached. Nothing you typed was lost; try again. (The service is unavailable.)');
  });

  it('tag errors follow the language: a refused tag and a failed removal read Czech after lang changes from en to cs', async () => {
    const { engine } = makeEngine();
    const { store, transport } = await session(engine, 'agent-1');
    acceptPicked(engine, 'agent-1', chat(ANN));
    const el = await mount<CareActivity>(store, html`<div lang="en"><care-activity activity-id="act-ann-2"></care-activity></div>`, 'care-activity');
    await fill(el, 'Billing');
    await press(el, 'Enter');
    expect(fieldError(el)?.textContent).to.equal(translate('en', 'activity.tagDuplicate', { tag: 'billing' }));
    transport.failure = (operation) => (operation === 'removeTag' ? CareError.network() : undefined);
    button(el, 'Remove tag billing').click();
    await rendered(el);
    const removeError = () => shadow(el).querySelector("[part~='tags'] > [part~='error']")?.textContent;
    expect(removeError()).to.equal(`${translate('en', 'activity.tagRemoveFailed', { tag: 'billing' })} ${translate('en', 'error.network')}`);

    await loadLanguage('cs');
    el.parentElement!.setAttribute('lang', 'cs');
    await rendered(el);
    expect(fieldError(el)?.textContent).to.equal(translate('cs', 'activity.tagDuplicate', { tag: 'billing' }));
    expect(removeError()).to.equal(`${translate('cs', 'activity.tagRemoveFailed', { tag: 'billing' })} ${translate('cs', 'error.network')}`);
    expect(translate('cs', 'error.network')).to.not.equal(translate('en', 'error.network'));
  });

  it('an activity that failed to load says so and Retry loads it', async () => {
    const { engine } = makeEngine();
    const { store, transport } = await session(engine, 'agent-1');
    transport.failure = (operation) => (operation === 'getActivity' ? CareError.network('The service is unavailable.') : undefined);
    const el = await mount<CareActivity>(store, html`<care-activity activity-id="act-ann-2"></care-activity>`, 'care-activity');
    expect(partText(el, 'error')).to.equal('The activity could not be loaded. The service could not be reached. Nothing you typed was lost; try again. (The service is unavailable.) Retry');
    await expect(el).to.be.accessible();

    transport.failure = undefined;
    button(el, 'Retry').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='error']")).to.equal(null);
    expect(tags(el)).to.deep.equal(['billing']);
  });

  it('typed tag text survives switching activities and re-adding the element', async () => {
    const { el, store, task } = await setup();
    await type(el, 'half');
    store.selectActivity('act-ann-2');
    await rendered(el);
    expect(input(el)!.value).to.equal('');
    store.selectActivity(task!.activityId);
    await rendered(el);
    expect(input(el)!.value).to.equal('half');
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await rendered(el);
    expect(input(el)!.value).to.equal('half');
  });

  it('without a provider it says so instead of rendering nothing', async () => {
    const el = await fixture<CareActivity>(html`<care-activity></care-activity>`);
    expect(partText(el, 'error')).to.contain('Not connected');
  });
});
