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
async function setup(required = true) {
  const seed = fixtureSeed();
  seed.queues = seed.queues.map((q) => (q.id === 'q-backlog' ? { ...q, wrapUp: { codes: ['Resolved', 'Follow-up'], required } } : q));
  const engine = new CareEngine({ clock: new VirtualClock(START), seed });
  const task = acceptPicked(engine, 'agent-1', call(ANN));
  const { store } = await session(engine, 'agent-1');
  const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
  await settled(el);
  return { engine, store, el, task };
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
});
