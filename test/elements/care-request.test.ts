import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareRequestElement } from '../../src/elements/care-request/care-request.js';
import { loadLanguage } from '../../src/i18n/localize.js';
import { FIELD_MAX } from '../../src/model/limits.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, partText, rendered, shadow } from '../support/mount.js';
import { session, settle, until } from '../support/session.js';

async function working(requestId?: string) {
  const { engine, clock } = makeEngine();
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
  const { store, transport } = await session(engine, 'agent-1');
  const el = await mount<CareRequestElement>(
    store,
    requestId ? html`<care-request request-id=${requestId}></care-request>` : html`<care-request></care-request>`,
    'care-request',
  );
  await settle();
  await rendered(el);
  return { engine, clock, store, transport, task, el };
}

function field(el: HTMLElement, id: 'title' | 'description'): HTMLInputElement | HTMLTextAreaElement {
  return shadow(el).querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
}

async function type(el: HTMLElement, id: 'title' | 'description', value: string): Promise<void> {
  const input = field(el, id);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await rendered(el);
}

describe('care-request', () => {
  it('is accessible while editing, read-only and in conflict', async () => {
    const { el } = await working();
    await expect(el).to.be.accessible();
    await type(el, 'title', 'x'.repeat(FIELD_MAX + 1));
    await expect(el).to.be.accessible();
    const closed = await working('req-ann-closed');
    await expect(closed.el).to.be.accessible();
  });

  it('R18 shows the title and description of the request of the activity in focus', async () => {
    const { el } = await working();
    expect(field(el, 'title').value).to.equal('Refund for May invoice');
    expect(field(el, 'description').value).to.equal('');
  });

  it('R8 the request icon shows status, created date and, for a closed request, the completed date', async () => {
    const open = await working();
    button(open.el, /^Request status and dates: Open$/).click();
    await rendered(open.el);
    const info = partText(open.el, 'info');
    expect(info).to.contain('Status Open');
    expect(info).to.contain('Created');
    expect(info).not.to.contain('Completed');
    const closed = await working('req-ann-closed');
    button(closed.el, /Closed$/).click();
    await rendered(closed.el);
    expect(partText(closed.el, 'info')).to.contain('Completed');
  });

  it('R18 an open request says when it closes by itself; a closed one does not', async () => {
    const open = await working();
    expect(partText(open.el, 'auto-close')).to.match(/^Closes automatically on .+ \(in \d+ days\)/);
    const closed = await working('req-ann-closed');
    expect(shadow(closed.el).querySelector("[part='auto-close']")).to.equal(null);
  });

  it('R6 editing and saving by keyboard stores the title and fires care-request-saved', async () => {
    const { el, engine } = await working();
    field(el, 'title').focus();
    field(el, 'title').select();
    await sendKeys({ type: 'Charged twice in May' });
    await rendered(el);
    const saved = nextEvent(el, 'care-request-saved');
    button(el, 'Save request').focus();
    await sendKeys({ press: 'Enter' });
    expect((await saved).request.title).to.equal('Charged twice in May');
    expect(engine.getRequest('req-ann-newer').title).to.equal('Charged twice in May');
  });

  it('R7 R23 2,001 characters: the counter and a clear message, Save disabled, the text kept', async () => {
    const { el } = await working();
    const text = 'd'.repeat(FIELD_MAX + 1);
    await type(el, 'description', text);
    expect(shadow(el).querySelector('#description-counter')!.textContent!.trim()).to.equal('2,001 of 2,000 characters');
    expect(shadow(el).querySelector('#description-issue')!.textContent).to.equal('Description is 2,001 characters; the limit is 2,000.');
    expect(field(el, 'description').getAttribute('aria-invalid')).to.equal('true');
    expect(button(el, 'Save request').disabled).to.equal(true);
    expect(field(el, 'description').value).to.equal(text);
  });

  it('R7 R23 2,001 characters in Korean: the field and the backend’s refusal speak Korean', async () => {
    const { engine } = makeEngine();
    acceptPicked(engine, 'agent-1', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    const el = await mount<CareRequestElement>(store, html`<div lang="ko"><care-request></care-request></div>`, 'care-request');
    // Korean is fetched the first time an element meets it.
    await loadLanguage('ko');
    await settle();
    await rendered(el);
    await type(el, 'description', 'd'.repeat(FIELD_MAX + 1));
    expect(shadow(el).querySelector('#description-issue')!.textContent).to.equal('설명: 2,001자 입력됨, 최대 2,000자까지 입력할 수 있습니다.');
    // A backend with a stricter check refuses text the kit let through; it says which limit, not how long the text was.
    const { CareError } = await import('../../src/model/errors.js');
    transport.failure = (op) =>
      op === 'updateRequest' ? CareError.validation([{ field: 'description', code: 'too-long', limit: 2000, message: 'Description is too long.' }]) : undefined;
    await type(el, 'description', 'short');
    button(el, '요청 저장').click();
    await settle();
    await rendered(el);
    expect(partText(el, 'error')).to.equal('설명: 너무 깁니다. 최대 2,000자까지 입력할 수 있습니다.');
  });

  it('R6 another agent’s change shows a warning naming them; Load brings it in; my text can be restored', async () => {
    const { el, engine } = await working();
    acceptPicked(engine, 'agent-2', chat(ANN));
    const other = await session(engine, 'agent-2');
    await until(other.store.journey$('cust-ann'), (j) => j.status === 'ready');
    await type(el, 'title', 'My careful title');
    other.store.editRequest('req-ann-newer', { title: 'Their title' });
    await other.store.saveRequest('req-ann-newer');
    await rendered(el);
    expect(partText(el, 'conflict')).to.contain('Soo-ah Park changed this request while you were editing it.');
    expect(field(el, 'title').value).to.equal('My careful title');
    await expect(el).to.be.accessible();
    button(el, 'Load their changes').click();
    await rendered(el);
    expect(field(el, 'title').value).to.equal('Their title');
    expect(partText(el, 'stash')).to.contain('Your text was put aside');
    button(el, 'Restore my text').click();
    await rendered(el);
    expect(field(el, 'title').value).to.equal('My careful title');
    button(el, 'Save request').click();
    await rendered(el);
    await settle();
    expect(engine.getRequest('req-ann-newer').title).to.equal('My careful title');
  });

  it('R28 a closed request is read-only, even with its customer in progress', async () => {
    const { el } = await working('req-ann-closed');
    expect(field(el, 'title').readOnly).to.equal(true);
    expect(partText(el, 'read-only')).to.equal('This request is closed and can no longer be changed.');
    expect(shadow(el).querySelector("[part='actions']")).to.equal(null);
  });

  it('R28 Mark as resolved, once confirmed, makes the request read-only', async () => {
    const { el, engine } = await working();
    button(el, 'Mark as resolved').click();
    await rendered(el);
    button(el, 'Resolve request').click();
    await rendered(el);
    await settle();
    await rendered(el);
    expect(engine.getRequest('req-ann-newer').status).to.equal('resolved');
    expect(field(el, 'title').readOnly).to.equal(true);
  });

  it('R25 a previewed task’s request is read-only', async () => {
    const { engine } = makeEngine();
    const task = engine.receive(chat(ANN, 'q-backlog'));
    const { store } = await session(engine, 'agent-1');
    store.selectTask(task.id);
    const el = await mount<CareRequestElement>(store, html`<care-request request-id="req-ann-newer"></care-request>`, 'care-request');
    await settle();
    await rendered(el);
    expect(field(el, 'title').readOnly).to.equal(true);
    expect(partText(el, 'read-only')).to.contain('Preview only');
  });

  it('a failed save keeps the text and says why', async () => {
    const { el, transport, engine } = await working();
    const { CareError } = await import('../../src/model/errors.js');
    transport.failure = (op) => (op === 'updateRequest' ? CareError.network('The service is down.') : undefined);
    await type(el, 'title', 'Kept');
    button(el, 'Save request').click();
    await settle();
    await rendered(el);
    expect(partText(el, 'error')).to.equal('The service could not be reached. Nothing you typed was lost; try again. (The service is down.)');
    expect(field(el, 'title').value).to.equal('Kept');
    expect(engine.getRequest('req-ann-newer').title).to.equal('Refund for May invoice');
  });
});
