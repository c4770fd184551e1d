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

/** `count` chats waiting in the pick queue, received before the session connects, the virtualizer's rows laid out. */
async function queueOf(count: number) {
  const { engine } = makeEngine();
  for (let n = 0; n < count; n++) engine.receive(chat({ name: `Customer ${n}`, email: `customer${n}@example.com`, phone: '' }, 'q-backlog'));
  const { store } = await session(engine, 'agent-1');
  const el = await mount<CareQueue>(store, html`<care-queue></care-queue>`, 'care-queue');
  await settled(el);
  return { engine, store, el };
}

async function settled(el: HTMLElement): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await rendered(el);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
}

/** Waits frame by frame until `test` holds (a virtualised list lays rows out over a few frames after a jump). */
async function until(test: () => boolean, what: () => string, frames = 120): Promise<void> {
  for (let n = 0; n < frames; n++) {
    if (test()) return;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
  throw new Error(`never ${what()}`);
}

/** Every element of the shadow tree. */
const nodeCount = (el: HTMLElement) => shadow(el).querySelectorAll('*').length;

/** The node count once the virtualizer stopped changing the DOM (the same for 10 frames). */
async function steadyNodeCount(el: HTMLElement): Promise<number> {
  let count = nodeCount(el);
  for (let same = 0, n = 0; same < 10 && n < 300; n++) {
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const now = nodeCount(el);
    same = now === count ? same + 1 : 0;
    count = now;
  }
  return count;
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

  it('R1 the preview quotes the customer’s first words the way the agent’s language does', async () => {
    const { engine } = makeEngine();
    const { store } = await session(engine, 'agent-1');
    const el = await mount<CareQueue>(store, html`<div lang="cs"><care-queue></care-queue></div>`, 'care-queue');
    await loadLanguage('cs');
    engine.receive(chat(ANN, 'q-backlog'));
    await rendered(el);
    button(el, /Ann Lee/).click();
    for (let n = 0; n < 20 && !partText(el, 'preview').includes('„'); n++) await rendered(el);
    expect(partText(el, 'preview')).to.contain('„Hello, I need help“');
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

  it('R1 a key a row already handled (its default prevented) does not also move through the queue', async () => {
    const { el, engine } = await setup();
    engine.receive(chat(ANN, 'q-backlog'));
    engine.receive(chat(BOB, 'q-backlog'));
    await rendered(el);
    const first = button(el, /Ann Lee/);
    first.focus();
    first.addEventListener('keydown', (event) => event.preventDefault(), { once: true });
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(el).activeElement).to.equal(first);
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(el).activeElement?.textContent).to.contain('Bob');
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

  it('R26 a queue of 10,000 tasks has as many DOM nodes as one of 100 (virtualised)', async () => {
    const small = await queueOf(100);
    const atHundred = await steadyNodeCount(small.el);
    expect(shadow(small.el).querySelectorAll('ul[data-list=queue] > li').length, 'rows of 100').to.be.lessThan(100);
    small.el.closest('care-provider')!.remove();
    const { el } = await queueOf(10_000);
    expect(shadow(el).querySelector('#queue-heading')!.textContent).to.contain('10,000 tasks waiting');
    const atTenThousand = await steadyNodeCount(el);
    expect(atTenThousand, `nodes at 10,000; ${atHundred} at 100`).to.equal(atHundred);
  });

  it('R26 a queue that shrinks back to a plain list shows every row in a list with no virtualizer left in it', async () => {
    const { engine, el } = await queueOf(61);
    const list = () => shadow(el).querySelector<HTMLElement>('ul[data-list=queue]')!;
    await until(() => list().classList.contains('virtual') && !!list().querySelector('[virtualizer-sizer]'), () => 'virtualised at 61 tasks');
    const oldest = shadow(el).querySelector<HTMLButtonElement>('ul[data-list=queue] button[data-task]')!.dataset['task']!;
    engine.acceptTask('agent-2', oldest);
    await settled(el);
    expect(list().classList.contains('virtual')).to.equal(false);
    expect(list().querySelector('[virtualizer-sizer]'), 'the virtualizer’s sizer').to.equal(null);
    expect(list().getAttribute('style') ?? '', 'inline styles the virtualizer set').to.equal('');
    expect(list().querySelectorAll(':scope > li').length).to.equal(60);
  });

  it('R26 End in a 10,000-task queue focuses the last task, whose row says it is 10,000 of 10,000', async () => {
    const { el } = await queueOf(10_000);
    const focusedTask = () => shadow(el).activeElement?.closest('li') ?? null;
    const first = shadow(el).querySelector<HTMLButtonElement>('ul[data-list=queue] button[data-task]')!;
    first.focus();
    expect(focusedTask()!.getAttribute('aria-posinset')).to.equal('1');
    expect(focusedTask()!.getAttribute('aria-setsize')).to.equal('10000');
    await sendKeys({ press: 'End' });
    await until(() => /Customer 9999\b/.test(focusedTask()?.textContent ?? ''), () => `focused the last task; focus is on “${focusedTask()?.textContent?.trim()}”`);
    expect(focusedTask()!.getAttribute('aria-setsize')).to.equal('10000');
    expect(focusedTask()!.getAttribute('aria-posinset')).to.equal('10000');
    expect(shadow(el).querySelectorAll('ul[data-list=queue] > li').length).to.be.lessThan(100);
    await sendKeys({ press: 'ArrowUp' });
    await until(() => /Customer 9998\b/.test(focusedTask()?.textContent ?? ''), () => `focused the task before; focus is on “${focusedTask()?.textContent?.trim()}”`);
    expect(focusedTask()!.getAttribute('aria-posinset')).to.equal('9999');
  });
});
