import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareCommunication } from '../../src/elements/care-communication/care-communication.js';
import { CareError } from '../../src/model/errors.js';
import type { CareMessageSentEvent } from '../../src/events.js';
import type { Task } from '../../src/model/types.js';
import { ANN, BOB, acceptPicked, call, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, partText, rendered, shadow } from '../support/mount.js';
import { session } from '../support/session.js';

async function setup(accept: (engine: ReturnType<typeof makeEngine>['engine']) => Task | null = (engine) => acceptPicked(engine, 'agent-1', chat(ANN))) {
  const { engine, clock } = makeEngine();
  const { store, transport } = await session(engine, 'agent-1');
  const task = accept(engine);
  const el = await mount<CareCommunication>(store, html`<care-communication></care-communication>`, 'care-communication');
  return { engine, clock, store, transport, el, task };
}

const textarea = (el: HTMLElement) => shadow(el).querySelector('textarea');
const log = (el: HTMLElement) => shadow(el).querySelector<HTMLElement>('[role=log]');
const messages = (el: HTMLElement) => [...shadow(el).querySelectorAll("[part~='message']")];
const messageText = (item: Element | undefined) => item?.querySelector('.text')?.textContent ?? '';
const author = (item: Element | undefined) => item?.querySelector('.author')?.textContent?.trim() ?? '';

/** Types into the composer through the real keyboard. */
async function type(el: HTMLElement, text: string): Promise<void> {
  textarea(el)!.focus();
  await sendKeys({ type: text });
  await rendered(el);
}

/** Fills the composer at once, as a paste would: typing 2,001 keys is too slow for a test. */
async function fill(el: HTMLElement, text: string): Promise<void> {
  const field = textarea(el)!;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await rendered(el);
}

async function pressEnter(el: HTMLElement): Promise<void> {
  textarea(el)!.focus();
  await sendKeys({ press: 'Enter' });
  await rendered(el);
}

describe('care-communication', () => {
  it('is accessible with a chat and its composer, a call, and no task', async () => {
    const chatting = await setup();
    await expect(chatting.el).to.be.accessible();

    const calling = await setup((engine) => acceptPicked(engine, 'agent-1', call(ANN)));
    await expect(calling.el).to.be.accessible();

    const idle = await setup(() => null);
    expect(partText(idle.el, 'empty')).to.equal('Accept a chat or call to see it here.');
    await expect(idle.el).to.be.accessible();
  });

  it('R15 a chat shows its transcript, and new customer lines as they arrive', async () => {
    const { el, engine, task } = await setup();
    const transcript = log(el)!;
    expect(transcript.getAttribute('aria-label')).to.equal('Chat with Ann Lee');
    expect(transcript.getAttribute('aria-live')).to.equal('polite');
    expect(transcript.tabIndex, 'keyboard users can scroll the log').to.equal(0);
    expect(messages(el)).to.have.length(1);
    expect(author(messages(el)[0])).to.equal('Ann Lee');
    expect(messageText(messages(el)[0])).to.equal('Hello, I need help');
    expect(messages(el)[0]!.querySelector('time')?.getAttribute('datetime')).to.equal(new Date(engine.now()).toISOString());

    engine.customerSays(task!.activityId, 'My router is down again');
    await rendered(el);
    expect(messages(el)).to.have.length(2);
    expect(messageText(messages(el)[1])).to.equal('My router is down again');
  });

  it('R15 the log stays on the newest message, unless the agent scrolled up to read', async () => {
    const { el, engine, task } = await setup();
    el.style.setProperty('--care-communication-transcript-max-height', '6rem');
    for (let n = 1; n <= 15; n++) engine.customerSays(task!.activityId, `Line ${n}`);
    await rendered(el);
    const transcript = log(el)!;
    expect(transcript.scrollHeight).to.be.greaterThan(transcript.clientHeight);
    const atEnd = () => transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight <= 2;
    expect(atEnd(), 'follows new lines').to.equal(true);

    transcript.scrollTop = 0;
    transcript.dispatchEvent(new Event('scroll'));
    engine.customerSays(task!.activityId, 'Are you still there?');
    await rendered(el);
    expect(transcript.scrollTop, 'stays where the agent is reading').to.equal(0);
  });

  it('R15 a call shows who, the number, when it connected and a duration that follows the clock', async () => {
    const { el, clock, engine } = await setup((e) => acceptPicked(e, 'agent-1', call(ANN)));
    const connectedAt = engine.now();
    expect(shadow(el).querySelector('h2')?.textContent).to.equal('Call with Ann Lee');
    expect(partText(el, 'call')).to.contain('+1 555 0100 111');
    const started = shadow(el).querySelector(`time[datetime='${new Date(connectedAt).toISOString()}']`);
    expect(started, 'connected-at time').to.not.equal(null);
    expect(partText(el, 'duration')).to.equal('0:00');

    clock.advance(65_000);
    el.requestUpdate();
    await rendered(el);
    expect(partText(el, 'duration')).to.equal('1:05');
    expect(shadow(el).querySelector("[part~='duration']")?.getAttribute('datetime')).to.equal('PT65S');

    clock.advance(60 * 60_000);
    el.requestUpdate();
    await rendered(el);
    expect(partText(el, 'duration')).to.equal('1:01:05');
  });

  it('R24 a call from nobody we know shows the fallback name and "Number withheld"', async () => {
    const { el } = await setup((e) => acceptPicked(e, 'agent-1', call({ name: '', email: '', phone: '' })));
    expect(shadow(el).querySelector('h2')?.textContent).to.equal('Call with Unknown customer');
    expect(partText(el, 'call')).to.contain('Number withheld');
  });

  it('R15 Enter sends through the real keyboard, clears the field and fires care-message-sent', async () => {
    const { el, engine, task } = await setup();
    await type(el, 'Let me check that for you');
    expect(partText(el, 'counter')).to.equal('25 of 2,000 characters');
    const sent = oneEvent(el, 'care-message-sent') as Promise<CareMessageSentEvent>;
    await pressEnter(el);
    const event = await sent;
    expect(event.message.text).to.equal('Let me check that for you');
    expect(event.bubbles && event.composed).to.equal(true);
    await rendered(el);
    expect(textarea(el)!.value).to.equal('');
    expect(partText(el, 'counter')).to.equal('0 of 2,000 characters');
    expect(author(messages(el).at(-1))).to.equal('You');
    expect(messageText(messages(el).at(-1))).to.equal('Let me check that for you');
    expect(engine.getTranscript(task!.activityId).at(-1)?.from).to.equal('agent');
  });

  it('R15 Shift+Enter adds a line instead of sending', async () => {
    const { el } = await setup();
    await type(el, 'First line');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'Second line' });
    await rendered(el);
    expect(textarea(el)!.value).to.equal('First line\nSecond line');
    expect(messages(el)).to.have.length(1);

    await pressEnter(el);
    expect(messages(el)).to.have.length(2);
    expect(messageText(messages(el)[1])).to.equal('First line\nSecond line');
  });

  it('R23 a message of 2,001 characters is refused and the text is kept', async () => {
    const { el, engine, task } = await setup();
    await fill(el, 'x'.repeat(2000));
    expect(partText(el, 'counter')).to.equal('2,000 of 2,000 characters');
    expect(button(el, 'Send').disabled).to.equal(false);

    await fill(el, 'x'.repeat(2001));
    expect(partText(el, 'counter')).to.equal('2,001 of 2,000 characters');
    expect(partText(el, 'limit')).to.contain('at most 2,000 characters');
    expect(shadow(el).querySelector("[part~='limit']")?.getAttribute('role')).to.equal('alert');
    expect(textarea(el)!.getAttribute('aria-invalid')).to.equal('true');
    expect(textarea(el)!.getAttribute('aria-describedby')).to.contain('counter').and.contain('limit');
    expect(button(el, 'Send').disabled).to.equal(true);

    await pressEnter(el);
    expect(textarea(el)!.value).to.have.length(2001);
    expect(messages(el)).to.have.length(1);
    expect(engine.getTranscript(task!.activityId)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('a refused send keeps the text and says why; the next try sends it', async () => {
    const { el, transport } = await setup();
    await type(el, 'Are you there?');
    transport.failure = (operation) => (operation === 'sendChatMessage' ? CareError.refused('invalid-state', 'Busy.') : undefined);
    button(el, 'Send').click();
    await rendered(el);
    expect(partText(el, 'error')).to.equal('This cannot be done right now.');
    expect(shadow(el).querySelector("[part~='error']")?.getAttribute('role')).to.equal('alert');
    expect(textarea(el)!.value).to.equal('Are you there?');
    expect(messages(el)).to.have.length(1);

    transport.failure = undefined;
    await pressEnter(el);
    expect(shadow(el).querySelector("[part~='error']")).to.equal(null);
    expect(textarea(el)!.value).to.equal('');
    expect(messageText(messages(el).at(-1))).to.equal('Are you there?');
  });

  it('R25 a previewed queued chat shows its transcript but no composer', async () => {
    const { engine, store } = await setup();
    const queued = engine.receive({ ...chat(BOB), queueId: 'q-backlog' });
    const el = await mount<CareCommunication>(
      store,
      html`<care-communication task-id=${queued.id}></care-communication>`,
      'care-communication',
    );
    expect(log(el)?.getAttribute('aria-label')).to.equal('Chat with Bob Novák');
    expect(messageText(messages(el)[0])).to.equal('Hello, I need help');
    expect(shadow(el).querySelector("[part~='composer']")).to.equal(null);
    expect(textarea(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('R15 HTML and script in chat text show as text and create no element', async () => {
    const { el, engine, task } = await setup();
    const win = window as Window & { carePwned?: number };
    const img = '<img src=x onerror="window.carePwned = 1">';
    const script = '<script>window.carePwned = 2</script>';
    engine.customerSays(task!.activityId, img);
    engine.customerSays(task!.activityId, script);
    await rendered(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(messageText(messages(el)[1])).to.equal(img);
    expect(messageText(messages(el)[2])).to.equal(script);
    expect(shadow(el).querySelector('img, script')).to.equal(null);
    expect(win.carePwned).to.equal(undefined);
  });

  it('unsent text survives switching tasks and the element being removed and added again', async () => {
    const { el, engine, store, task } = await setup();
    await type(el, 'Half a thought');
    const other = acceptPicked(engine, 'agent-1', chat(BOB));
    await rendered(el);
    store.activateTask(other.id);
    await rendered(el);
    expect(log(el)?.getAttribute('aria-label')).to.equal('Chat with Bob Novák');
    expect(textarea(el)!.value).to.equal('');
    await type(el, 'For Bob');

    store.activateTask(task!.id);
    await rendered(el);
    expect(textarea(el)!.value).to.equal('Half a thought');

    const parent = el.parentElement!;
    el.remove();
    engine.customerSays(task!.activityId, 'Said while the pane was away');
    parent.append(el);
    await rendered(el);
    expect(textarea(el)!.value).to.equal('Half a thought');
    expect(messageText(messages(el).at(-1)), 'subscribes again after reconnecting').to.equal('Said while the pane was away');

    const fresh = await mount<CareCommunication>(store, html`<care-communication task-id=${other.id}></care-communication>`, 'care-communication');
    expect(textarea(fresh)!.value).to.equal('For Bob');
  });

  it('a transcript that failed to load says so and Retry loads it', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const { store, transport } = await session(engine, 'agent-1');
    transport.failure = (operation) => (operation === 'getTranscript' ? CareError.network('The service is unavailable.') : undefined);
    const el = await mount<CareCommunication>(store, html`<care-communication task-id=${task.id}></care-communication>`, 'care-communication');
    expect(partText(el, 'error')).to.contain('The conversation could not be loaded.');
    expect(log(el)).to.equal(null);
    await expect(el).to.be.accessible();

    transport.failure = undefined;
    button(el, 'Retry').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='error']")).to.equal(null);
    expect(messageText(messages(el)[0])).to.equal('Hello, I need help');
  });

  it('without a provider it says so instead of rendering nothing', async () => {
    const el = await fixture<CareCommunication>(html`<care-communication></care-communication>`);
    expect(partText(el, 'error')).to.contain('Not connected');
  });
});
