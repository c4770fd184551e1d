import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { loadLanguage } from '../../src/i18n/index.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

async function setup() {
  const { engine } = makeEngine();
  const { store } = await session(engine, 'agent-1');
  const el = await fixture<CareDesktop>(html`<care-desktop .store=${store}></care-desktop>`);
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
  await store.connect();
  await settled(el);
  return { engine, store, el, task };
}

async function settled(el: CareDesktop): Promise<void> {
  await settle();
  await rendered(el);
  for (const child of shadow(el).querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('care-agent-status, care-queue, care-communication')) {
    await child.updateComplete;
  }
  await rendered(el);
}

const dialog = (el: CareDesktop) => shadow(el).querySelector('dialog');

describe('care-desktop Close and text not sent', () => {
  it('X8 R11 a chat line typed and not sent: Close asks, Cancel keeps it, Discard and close ends the chat', async () => {
    const { el, engine, store, task } = await setup();
    const pane = shadow(el).querySelector('care-communication')!;
    pane.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'Let me check that' });
    await settled(el);
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    expect(dialog(el)!.querySelector('h2')!.textContent).to.equal('Text not sent');
    expect(dialog(el)!.querySelector('#prompt-body')!.textContent).to.equal('Text typed for Ann Lee is not sent yet: a chat line. Closing discards it.');
    expect(shadow(el).activeElement?.textContent?.trim(), 'Cancel is the default').to.equal('Cancel');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(dialog(el)).to.equal(null);
    expect(engine.getTask(task.id).state).to.equal('accepted');
    expect(store.unsentText('message', task.id)).to.equal('Let me check that');
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    button(el, 'Discard and close').click();
    await settled(el);
    expect(engine.getTask(task.id).state).to.equal('closed');
    expect(store.unsentText('message', task.id)).to.equal('');
  });

  it('X8 unsaved changes and an unsent comment and tag: the prompt names the text it would discard', async () => {
    const { el, store, task } = await setup();
    store.customer$('cust-ann').subscribe();
    await settle();
    store.editCustomer('cust-ann', { name: 'Ann Lee-Park' });
    store.setUnsentText('comment', task.activityId, 'Called the courier');
    store.setUnsentText('tag', task.activityId, 'courie');
    await settled(el);
    button(el, 'Close the interaction with Ann Lee').click();
    await settled(el);
    expect(dialog(el)!.querySelector('h2')!.textContent).to.equal('Unsaved changes');
    expect(dialog(el)!.querySelector('#prompt-body')!.textContent).to.contain('Text not sent is discarded too: a comment and a tag.');
  });

  it('X8 the prompt speaks the agent’s language (cs)', async () => {
    const { el, store, task } = await setup();
    await loadLanguage('cs');
    el.lang = 'cs';
    store.setUnsentText('message', task.id, 'Hned to ověřím');
    await settled(el);
    shadow(el).querySelector<HTMLButtonElement>('[data-close]')!.click();
    await settled(el);
    expect(dialog(el)!.querySelector('h2')!.textContent).to.equal('Neodeslaný text');
    expect(dialog(el)!.querySelector('#prompt-body')!.textContent).to.contain('zpráva v chatu');
  });
});
