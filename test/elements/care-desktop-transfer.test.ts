import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

async function setup() {
  const { engine } = makeEngine();
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
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

async function opened(el: CareDesktop): Promise<HTMLDialogElement> {
  for (let i = 0; i < 40; i++) {
    const dialog = shadow(el).querySelector<HTMLDialogElement>('dialog[data-transfer]');
    if (dialog?.open && dialog.querySelector('optgroup')) return dialog;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the Transfer dialog did not open');
}

describe('care-desktop Transfer (X5)', () => {
  it('X5 by keyboard: Transfer lists queues and agents, a Not Ready agent cannot be chosen; to a queue with a note, the task leaves the desk', async () => {
    const { el, engine, task } = await setup();
    engine.setStatus('agent-2', 'not-ready');
    button(el, 'Transfer the interaction with Ann Lee').click();
    const dialog = await opened(el);
    await rendered(el);
    const select = dialog.querySelector('select')!;
    expect(shadow(el).activeElement, 'focus on the choice').to.equal(select);
    const agents = [...dialog.querySelectorAll<HTMLOptionElement>('optgroup:last-of-type option')];
    expect(agents.find((o) => o.text === 'Soo-ah Park (Not Ready)')?.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    select.value = 'q:q-backlog';
    select.dispatchEvent(new Event('change'));
    dialog.querySelector('textarea')!.focus();
    await sendKeys({ type: 'Wants a callback on Monday' });
    await rendered(el);
    button(el, 'Transfer now').click();
    await settled(el);
    expect(engine.getTask(task.id).state).to.equal('queued');
    expect(engine.getTask(task.id).queueId).to.equal('q-backlog');
    expect(engine.getComments(task.activityId).map((c) => c.text)).to.deep.equal(['Wants a callback on Monday']);
    expect(shadow(el).querySelector('dialog[data-transfer]')).to.equal(null);
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('Transferred Ann Lee to Backlog.');
  });

  it('X5 a refused transfer keeps the dialog and the note, and says why; Cancel returns to Transfer', async () => {
    const { el, engine, task } = await setup();
    engine.setStatus('agent-2', 'ready');
    button(el, 'Transfer the interaction with Ann Lee').click();
    const dialog = await opened(el);
    const select = dialog.querySelector('select')!;
    select.value = 'a:agent-2';
    select.dispatchEvent(new Event('change'));
    const note = dialog.querySelector('textarea')!;
    note.value = 'VIP';
    note.dispatchEvent(new Event('input'));
    // Meanwhile agent-2 went Not Ready.
    engine.setStatus('agent-2', 'not-ready');
    await rendered(el);
    button(el, 'Transfer now').click();
    await settled(el);
    expect(dialog.querySelector('[role=alert]')!.textContent).to.contain('cannot take it now');
    expect(dialog.querySelector('textarea')!.value).to.equal('VIP');
    expect(engine.getTask(task.id).state).to.equal('accepted');
    button(el, 'Cancel').click();
    await settled(el);
    expect(shadow(el).activeElement?.getAttribute('aria-label')).to.equal('Transfer the interaction with Ann Lee');
  });
});
