import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareQueue } from '../../src/elements/care-queue/care-queue.js';
import { loadLanguage } from '../../src/i18n/localize.js';
import { ANN, BOB, STRANGER, MINUTE, call, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, partText, rendered, shadow } from '../support/mount.js';
import { current, session } from '../support/session.js';

async function setup() {
  const { engine, clock } = makeEngine();
  const { store } = await session(engine, 'agent-1');
  const el = await mount<CareQueue>(store, html`<care-queue></care-queue>`, 'care-queue');
  return { engine, clock, store, el };
}

function items(el: HTMLElement, list = "[part='list']"): string[] {
  return [...shadow(el).querySelectorAll(`${list} > li`)].map((li) => li.querySelector('button')!.textContent!.replace(/\s+/g, ' ').trim());
}

describe('care-queue', () => {
  it('is accessible empty, with tasks, with a preview and with work in progress', async () => {
    const { el, engine, store } = await setup();
    await expect(el).to.be.accessible();
    const task = engine.receive(chat(ANN, 'q-backlog'));
    engine.receive(call(STRANGER, 'q-backlog'));
    await rendered(el);
    await expect(el).to.be.accessible();
    button(el, /Ann Lee/).click();
    await rendered(el);
    await expect(el).to.be.accessible();
    await store.accept(task.id);
    await rendered(el);
    await expect(el).to.be.accessible();
  });

  it('R26 pick-queue tasks are listed oldest first with medium, name and waiting time', async () => {
    const { el, engine, clock } = await setup();
    engine.receive(chat(ANN, 'q-backlog'));
    clock.advance(2 * MINUTE);
    engine.receive(call(BOB, 'q-backlog'));
    await rendered(el);
    expect(items(el)).to.deep.equal(['Chat: Ann Lee waiting 2:00', 'Call: Bob Novák waiting 0:00']);
    expect(shadow(el).querySelector('#queue-heading')!.textContent).to.contain('2 tasks waiting');
  });

  it('R1 R4 R25 selecting a task previews customer, the request it will join and the activity, read-only', async () => {
    const { el, engine } = await setup();
    engine.receive(chat(ANN, 'q-backlog'));
    await rendered(el);
    const selected = nextEvent(el, 'care-task-select');
    button(el, /Ann Lee/).click();
    expect((await selected).task?.contact.email).to.equal('ann@example.com');
    await rendered(el);
    const preview = partText(el, 'preview');
    expect(preview).to.contain('Ann Lee');
    expect(preview).to.contain('ann@example.com');
    expect(preview).to.contain('Will join the open request “Refund for May invoice”.');
    expect(preview).to.contain('Hello, I need help');
    expect(preview).to.contain('Preview only');
    expect(shadow(el).querySelector("[part='preview'] input, [part='preview'] textarea")).to.equal(null);
  });

  it('R1 R27 a new customer’s task previews what the contact told us', async () => {
    const { el, engine } = await setup();
    engine.receive(chat(STRANGER, 'q-backlog'));
    await rendered(el);
    button(el, /Dana Whit/).click();
    await rendered(el);
    expect(partText(el, 'preview')).to.contain('Dana Whit (New customer (not created yet))');
    expect(partText(el, 'preview')).to.contain('Will start a new request.');
  });

  it('R3 R14 Accept moves the task to in progress and announces it', async () => {
    const { el, engine } = await setup();
    const task = engine.receive(chat(ANN, 'q-backlog'));
    await rendered(el);
    const accepted = nextEvent(el, 'care-task-accepted');
    button(el, 'Accept: Chat from Ann Lee').click();
    expect((await accepted).task.id).to.equal(task.id);
    await rendered(el);
    expect(partText(el, 'empty')).to.equal('The queue is empty.');
    expect(items(el, "[part~='in-progress']")).to.deep.equal(['Chat: Ann Lee for 0:00']);
    expect(shadow(el).querySelector("[part~='in-progress'] button")!.getAttribute('aria-current')).to.equal('true');
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.equal('Accepted: Chat with Ann Lee.');
  });

  it('R5 a second call is refused with a clear message and stays queued; a chat is accepted', async () => {
    const { el, engine } = await setup();
    engine.receive(call(ANN, 'q-backlog'));
    engine.receive(call(BOB, 'q-backlog'));
    engine.receive(chat(STRANGER, 'q-backlog'));
    await rendered(el);
    button(el, 'Accept: Call from Ann Lee').click();
    await rendered(el);
    button(el, 'Accept: Call from Bob Novák').click();
    await rendered(el);
    expect(partText(el, 'error')).to.equal('You are already on a call. Finish it before taking another.');
    expect(shadow(el).querySelector("[part='error']")!.getAttribute('role')).to.equal('alert');
    expect(items(el)).to.have.length(2);
    button(el, 'Accept: Chat from Dana Whit').click();
    await rendered(el);
    expect(items(el, "[part~='in-progress']")).to.have.length(2);
    expect(shadow(el).querySelector("[part='error']")).to.equal(null);
  });

  it('R5 the refusal of a second call is shown in the agent’s language', async () => {
    const { engine } = makeEngine();
    const { store } = await session(engine, 'agent-1');
    const el = await mount<CareQueue>(store, html`<div lang="cs"><care-queue></care-queue></div>`, 'care-queue');
    // Czech is fetched the first time an element meets it.
    await loadLanguage('cs');
    engine.receive(call(ANN, 'q-backlog'));
    engine.receive(call(BOB, 'q-backlog'));
    await rendered(el);
    button(el, 'Přijmout: Hovor – Ann Lee').click();
    await rendered(el);
    button(el, 'Přijmout: Hovor – Bob Novák').click();
    await rendered(el);
    expect(partText(el, 'error')).to.equal('Už máte probíhající hovor. Dokončete ho, než přijmete další.');
  });

  it('R14 opening an in-progress task makes it the active one', async () => {
    const { el, engine, store } = await setup();
    const first = engine.receive(chat(ANN, 'q-backlog'));
    const second = engine.receive(chat(BOB, 'q-backlog'));
    await store.accept(first.id);
    await store.accept(second.id);
    await rendered(el);
    expect(current(store.activeTask$)?.id).to.equal(second.id);
    button(el, /Ann Lee for/).click();
    await rendered(el);
    expect(current(store.activeTask$)?.id).to.equal(first.id);
  });

  it('works by keyboard: Tab to a task, Enter previews, Tab and Enter accepts', async () => {
    const { el, engine } = await setup();
    const task = engine.receive(chat(ANN, 'q-backlog'));
    await rendered(el);
    button(el, /Ann Lee/).focus();
    await sendKeys({ press: 'Enter' });
    await rendered(el);
    expect(partText(el, 'preview')).to.contain('Ann Lee');
    const accepted = nextEvent(el, 'care-task-accepted');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    expect((await accepted).task.id).to.equal(task.id);
  });

  it('a cancelled accept never reaches the backend', async () => {
    const { el, engine } = await setup();
    const task = engine.receive(chat(ANN, 'q-backlog'));
    await rendered(el);
    el.addEventListener('care-task-accept', (e) => e.preventDefault(), { once: true });
    button(el, 'Accept: Chat from Ann Lee').click();
    await rendered(el);
    expect(engine.getTask(task.id).state).to.equal('queued');
  });

  it('names render as text, never as HTML', async () => {
    const { el, engine } = await setup();
    engine.receive(chat({ name: '<img src=x onerror=alert(1)>', email: 'x@example.com', phone: '' }, 'q-backlog'));
    await rendered(el);
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect(items(el)[0]).to.contain('<img src=x onerror=alert(1)>');
  });
});
