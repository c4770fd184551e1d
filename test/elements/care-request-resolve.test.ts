import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareRequestElement } from '../../src/elements/care-request/care-request.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

async function working() {
  const { engine } = makeEngine();
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
  const { store } = await session(engine, 'agent-1');
  const el = await mount<CareRequestElement>(store, html`<care-request></care-request>`, 'care-request');
  await settle();
  await rendered(el);
  return { engine, store, task, el };
}

const active = (el: HTMLElement) => shadow(el).activeElement as HTMLElement | null;
const title = (el: HTMLElement) => shadow(el).querySelector<HTMLInputElement>('#title')!;

async function settled(el: HTMLElement): Promise<void> {
  await settle();
  await rendered(el);
}

describe('care-request resolve and reopen', () => {
  it('X9 Resolve asks first: Escape keeps the request open and focus returns to Resolve', async () => {
    const { el, engine } = await working();
    button(el, 'Mark as resolved').focus();
    await sendKeys({ press: 'Enter' });
    await rendered(el);
    expect(shadow(el).querySelector('[part=confirm]')!.textContent).to.contain('Resolve “Refund for May invoice”? It becomes read-only until it is reopened.');
    expect(active(el)?.textContent?.trim(), 'focus on the answer').to.equal('Resolve request');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await rendered(el);
    expect(shadow(el).querySelector('[part=confirm]')).to.equal(null);
    expect(active(el)?.textContent?.trim()).to.equal('Mark as resolved');
    expect(engine.getRequest('req-ann-newer').status).to.equal('open');
  });

  it('X9 a resolved request is reopened by keyboard: open again, editable, focus in the title', async () => {
    const { el, engine } = await working();
    button(el, 'Mark as resolved').click();
    await rendered(el);
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(engine.getRequest('req-ann-newer').status).to.equal('resolved');
    expect(title(el).readOnly).to.equal(true);
    expect(active(el)?.textContent?.trim(), 'focus on Reopen').to.equal('Reopen request');
    const saved = nextEvent(el, 'care-request-saved');
    await sendKeys({ press: 'Enter' });
    expect((await saved).request.status).to.equal('open');
    await settled(el);
    expect(engine.getRequest('req-ann-newer').status).to.equal('open');
    expect(title(el).readOnly).to.equal(false);
    expect(active(el)?.id).to.equal('title');
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('Request reopened.');
  });

  it('X9 a closed request offers no Reopen', async () => {
    const { el, store } = await working();
    store.selectActivity('act-ann-old');
    el.requestId = 'req-ann-closed';
    await settled(el);
    expect(title(el).readOnly).to.equal(true);
    expect([...shadow(el).querySelectorAll('button')].map((b) => b.textContent!.trim())).not.to.include('Reopen request');
  });

  it('focus goes to the saved status after Save, not to the page', async () => {
    const { el } = await working();
    title(el).focus();
    await sendKeys({ type: ' (paid)' });
    await rendered(el);
    button(el, 'Save request').focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(active(el)?.getAttribute('part')).to.equal('saved');
    expect(active(el)?.textContent).to.equal('Request saved.');
  });
});
