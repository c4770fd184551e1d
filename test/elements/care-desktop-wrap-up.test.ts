import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import { ANN, START, acceptPicked, call, fixtureSeed } from '../support/fixtures.js';
import { button, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

/** The fixture's world, with the pick queue asking for a wrap-up code (X6). */
async function setup(required = true, limitSeconds?: number) {
  const seed = fixtureSeed();
  const rule = { codes: ['Resolved', 'Follow-up'], required, ...(limitSeconds ? { limitSeconds } : {}) };
  seed.queues = seed.queues.map((q) => (q.id === 'q-backlog' ? { ...q, wrapUp: rule } : q));
  const clock = new VirtualClock(START);
  const engine = new CareEngine({ clock, seed });
  const task = acceptPicked(engine, 'agent-1', call(ANN));
  const { store } = await session(engine, 'agent-1');
  const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
  await settled(el);
  return { engine, store, el, task, clock };
}

async function settled(el: CareDesktop): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await settle();
    await rendered(el);
  }
}

const dialog = (el: CareDesktop) => shadow(el).querySelector('dialog')!;

describe('care-desktop wrap-up (X6)', () => {
  it('X6 Close asks for the queue’s wrap-up: a required code holds Close back; chosen by keyboard with a note, both stay on the task', async () => {
    const { el, engine, task } = await setup();
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    expect(dialog(el).querySelector('h2')!.textContent).to.equal('Wrap up Ann Lee');
    const close = button(el, 'Close with wrap-up');
    expect(close.disabled, 'no code yet').to.equal(true);
    await expect(el).to.be.accessible();
    const select = dialog(el).querySelector('select')!;
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    select.dispatchEvent(new Event('change'));
    dialog(el).querySelector('textarea')!.focus();
    await sendKeys({ type: 'Call back Monday' });
    await rendered(el);
    expect(button(el, 'Close with wrap-up').disabled).to.equal(false);
    button(el, 'Close with wrap-up').click();
    await settled(el);
    expect(engine.getTask(task.id).state).to.equal('closed');
    expect(engine.getTask(task.id).wrapUp).to.deep.equal({ code: 'Follow-up', note: 'Call back Monday' });
  });

  it('X6 an optional wrap-up can be skipped: Close goes with no code and the task keeps none', async () => {
    const { el, engine, task } = await setup(false);
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    button(el, 'Close with wrap-up').click();
    await settled(el);
    expect(engine.getTask(task.id).state).to.equal('closed');
    expect(engine.getTask(task.id).wrapUp).to.equal(undefined);
  });

  it('X6 Close ends the call and starts the wrap-up; its time left shows in the prompt and, after Cancel, in the task bar instead of Transfer', async () => {
    const { el, engine, task, clock } = await setup(true, 120);
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    const activity = engine.getActivity(task.activityId);
    expect(activity.call?.endedAt, 'the call hung up at Close').to.equal(START);
    expect(engine.getTask(task.id).state, 'the task is still the agent’s').to.equal('accepted');
    expect(dialog(el).querySelector('[role=timer]')!.textContent).to.equal('2:00 left; then the task closes by itself without a wrap-up.');
    await expect(el).to.be.accessible();
    button(el, 'Cancel').click();
    clock.advance(30_000);
    el.requestUpdate();
    await settled(el);
    const bar = shadow(el).querySelector('[part=task-bar]')!;
    expect(bar.querySelector('[part=wrap-up-time]')!.textContent).to.equal('Wrap-up: 1:30 left');
    expect(bar.querySelector('[data-transfer-open]'), 'no transfer once the call ended').to.equal(null);
    const queue = shadow(el).querySelector('care-queue')!;
    queue.requestUpdate();
    await rendered(queue);
    expect(shadow(queue).querySelector(`[data-task="${task.id}"] .when`)!.textContent, 'the in-progress row counts down too').to.equal('Wrap-up: 1:30 left');
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    expect(dialog(el).querySelector('[role=timer]')!.textContent).to.contain('1:30 left');
    expect(engine.getActivity(task.activityId).call?.endedAt, 'Close again does not end it again').to.equal(START);
  });

  it('X6 a wrap-up left past its time limit closes by itself: the prompt goes and a notice names the customer', async () => {
    const { el, engine, task, clock } = await setup(true, 120);
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    expect(dialog(el).open).to.equal(true);
    clock.advance(119_000);
    await settled(el);
    expect(engine.getTask(task.id).state, 'a second before the limit').to.equal('accepted');
    clock.advance(1000);
    await settled(el);
    expect(engine.getTask(task.id).state).to.equal('closed');
    expect(engine.getTask(task.id).wrapUp).to.equal(undefined);
    expect(shadow(el).querySelector('dialog[open]'), 'the prompt is gone').to.equal(null);
    const notice = shadow(el).querySelector('[part=notices]')!.textContent!;
    expect(notice).to.contain('The wrap-up time for Ann Lee ran out, so the task closed without a wrap-up.');
    await expect(el).to.be.accessible();
  });
});
