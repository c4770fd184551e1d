import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareComments } from '../../src/elements/care-comments/care-comments.js';
import { CareError } from '../../src/model/errors.js';
import type { Task } from '../../src/model/types.js';
import { ANN, MINUTE, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, partText, rendered, shadow } from '../support/mount.js';
import { session, settle, until } from '../support/session.js';

type World = ReturnType<typeof makeEngine>;

/** A session where agent-1 works on a chat with Ann, unless `accept` says otherwise. */
async function setup(activityId?: string, accept: (engine: World['engine'], clock: World['clock']) => Task | null = (engine) => acceptPicked(engine, 'agent-1', chat(ANN))) {
  const { engine, clock } = makeEngine();
  const { store, transport } = await session(engine, 'agent-1');
  const task = accept(engine, clock);
  const el = await mount<CareComments>(
    store,
    activityId ? html`<care-comments activity-id=${activityId}></care-comments>` : html`<care-comments></care-comments>`,
    'care-comments',
  );
  return { engine, clock, store, transport, el, task };
}

const textarea = (el: HTMLElement) => shadow(el).querySelector('textarea');
const items = (el: HTMLElement) => [...shadow(el).querySelectorAll("[part~='item']")];
const texts = (el: HTMLElement) => items(el).map((item) => item.querySelector('.text')?.textContent ?? '');

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

/** Presses Enter with a modifier held, through the real keyboard. */
async function chord(el: HTMLElement, modifier: 'Control' | 'Meta'): Promise<void> {
  textarea(el)!.focus();
  await sendKeys({ down: modifier });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: modifier });
  await rendered(el);
}

describe('care-comments', () => {
  it('is accessible with comments and a composer, read-only, and over the limit', async () => {
    const editable = await setup('act-ann-2', (engine) => {
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      engine.addComment('agent-1', 'act-ann-2', 'Refund approved');
      return task;
    });
    await expect(editable.el).to.be.accessible();
    await fill(editable.el, 'x'.repeat(2001));
    await expect(editable.el).to.be.accessible();

    const readOnly = await setup('act-ann-2', () => null);
    expect(textarea(readOnly.el)).to.equal(null);
    await expect(readOnly.el).to.be.accessible();
  });

  it('R20 shows the comments oldest first with author and time, and adds one', async () => {
    let times: number[] = [];
    const { el, engine } = await setup('act-ann-2', (e, clock) => {
      const task = acceptPicked(e, 'agent-1', chat(ANN));
      const first = e.addComment('agent-1', 'act-ann-2', 'Customer was charged twice');
      clock.advance(MINUTE);
      const second = e.addComment('agent-1', 'act-ann-2', 'Refund approved');
      times = [first.createdAt, second.createdAt];
      return task;
    });
    expect(shadow(el).querySelector('h2')?.textContent).to.equal('Comments');
    expect(texts(el)).to.deep.equal(['Customer was charged twice', 'Refund approved']);
    expect(items(el).map((item) => item.querySelector('.author')?.textContent)).to.deep.equal(['Alex Morgan', 'Alex Morgan']);
    expect(items(el).map((item) => item.querySelector('time')?.getAttribute('datetime'))).to.deep.equal(
      times.map((time) => new Date(time).toISOString()),
    );

    expect(shadow(el).querySelector('label[for=comment]')?.textContent).to.equal('Add a comment');
    await type(el, 'Called back, all fine');
    expect(partText(el, 'counter')).to.equal('21 of 2,000 characters');
    const added = nextEvent(el, 'care-comment-added');
    await chord(el, 'Control');
    const event = await added;
    expect(event.comment.text).to.equal('Called back, all fine');
    expect(event.bubbles && event.composed).to.equal(true);
    await rendered(el);
    expect(texts(el)).to.deep.equal(['Customer was charged twice', 'Refund approved', 'Called back, all fine']);
    expect(textarea(el)!.value).to.equal('');
    expect(engine.getComments('act-ann-2').map((c) => c.text)).to.deep.equal(texts(el));
  });

  it('R20 Cmd+Enter and the Add button add too; Enter alone starts a new line', async () => {
    const { el, engine, task } = await setup();
    await type(el, 'First line');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'Second line' });
    await rendered(el);
    expect(textarea(el)!.value).to.equal('First line\nSecond line');
    expect(items(el)).to.have.length(0);

    await chord(el, 'Meta');
    expect(texts(el)).to.deep.equal(['First line\nSecond line']);

    await type(el, 'By button');
    button(el, 'Add').click();
    await rendered(el);
    expect(texts(el)).to.deep.equal(['First line\nSecond line', 'By button']);
    expect(engine.getComments(task!.activityId)).to.have.length(2);
  });

  it('R20 each activity has its own comments, and unsent text stays with its activity', async () => {
    const { el, store, task, engine } = await setup(undefined, (e) => {
      const accepted = acceptPicked(e, 'agent-1', chat(ANN));
      e.addComment('agent-1', 'act-ann-2', 'On the older chat');
      return accepted;
    });
    expect(partText(el, 'empty')).to.equal('No comments yet.');
    await type(el, 'Half a note');
    store.selectActivity('act-ann-2');
    await rendered(el);
    expect(texts(el)).to.deep.equal(['On the older chat']);
    expect(textarea(el)!.value).to.equal('');
    store.selectActivity(null);
    await rendered(el);
    expect(textarea(el)!.value).to.equal('Half a note');
    expect(engine.getComments(task!.activityId)).to.have.length(0);
  });

  it('R23 a comment of 2,001 characters is refused and the text is kept', async () => {
    const { el, engine, task } = await setup();
    await fill(el, 'x'.repeat(2000));
    expect(partText(el, 'counter')).to.equal('2,000 of 2,000 characters');
    expect(button(el, 'Add').disabled).to.equal(false);

    await fill(el, 'x'.repeat(2001));
    expect(partText(el, 'counter')).to.equal('2,001 of 2,000 characters');
    expect(partText(el, 'limit')).to.contain('at most 2,000 characters');
    expect(shadow(el).querySelector("[part~='limit']")?.getAttribute('role')).to.equal('alert');
    expect(textarea(el)!.getAttribute('aria-invalid')).to.equal('true');
    expect(textarea(el)!.getAttribute('aria-describedby')).to.contain('counter').and.contain('limit');
    expect(button(el, 'Add').disabled).to.equal(true);

    await chord(el, 'Control');
    expect(textarea(el)!.value).to.have.length(2001);
    expect(items(el)).to.have.length(0);
    expect(engine.getComments(task!.activityId)).to.have.length(0);
  });

  it('R20 HTML and script in a comment show as text and create no element', async () => {
    const { el } = await setup();
    const win = window as Window & { carePwned?: number };
    const img = '<img src=x onerror="window.carePwned = 1">';
    const script = '<script>window.carePwned = 2</script>';
    await fill(el, img);
    await chord(el, 'Control');
    await fill(el, script);
    await chord(el, 'Control');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(texts(el)).to.deep.equal([img, script]);
    expect(partText(el, 'list')).to.contain(img).and.contain(script);
    expect(shadow(el).querySelector('img, script')).to.equal(null);
    expect(win.carePwned).to.equal(undefined);
  });

  it('a refused add keeps the text and says why; the next try adds it', async () => {
    const { el, transport, engine, task } = await setup();
    await type(el, 'Promised a call back');
    transport.failure = (operation) => (operation === 'addComment' ? CareError.refused('invalid-state', 'Busy.') : undefined);
    await chord(el, 'Control');
    expect(partText(el, 'error')).to.equal('The comment was not added; your text is kept. This cannot be done right now.');
    expect(shadow(el).querySelector("[part~='error']")?.getAttribute('role')).to.equal('alert');
    expect(textarea(el)!.value).to.equal('Promised a call back');
    expect(items(el), 'the pending comment is gone again').to.have.length(0);
    await expect(el).to.be.accessible();

    transport.failure = undefined;
    button(el, 'Add').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='error']")).to.equal(null);
    expect(textarea(el)!.value).to.equal('');
    expect(texts(el)).to.deep.equal(['Promised a call back']);
    expect(engine.getComments(task!.activityId)).to.have.length(1);
  });

  it('N3 an add made offline waits in the outbox: the composer clears and says so; it is added once the link is back', async () => {
    const { el, transport, engine, task, store } = await setup();
    await type(el, 'Called from the car');
    transport.setOnline(false);
    await rendered(el);
    await chord(el, 'Control');
    expect(partText(el, 'queued')).to.equal('Not sent yet: it waits for the connection and goes by itself.');
    expect(shadow(el).querySelector("[part~='queued']")?.getAttribute('role'), 'a status, not an alarm').to.equal('status');
    expect(textarea(el)!.value, 'the outbox holds the text now').to.equal('');
    expect(store.snapshot.outbox.map((item) => item.state)).to.deep.equal(['waiting']);

    transport.setOnline(true);
    await until(store.outbox$, (items) => items.length === 0);
    await rendered(el);
    expect(engine.getComments(task!.activityId).map((comment) => comment.text)).to.deep.equal(['Called from the car']);
    expect(texts(el)).to.deep.equal(['Called from the car']);
    expect(shadow(el).querySelector("[part~='queued']"), 'the note goes once it is sent').to.equal(null);
  });

  it('N1 N2 text put back from elsewhere (a reload’s restore, another tab) shows in the composer at once', async () => {
    const { el, store, task } = await setup();
    store.setUnsentText('comment', task!.activityId, 'Typed in the other tab');
    await rendered(el);
    expect(textarea(el)!.value).to.equal('Typed in the other tab');
  });

  it('R25 a previewed pick-queue task shows comments but no composer', async () => {
    const { el, engine, store } = await setup(undefined, () => null);
    const queued = engine.receive({ ...chat(ANN), queueId: 'q-backlog' });
    store.selectTask(queued.id);
    await rendered(el);
    expect(partText(el, 'empty')).to.equal('No comments yet.');
    expect(shadow(el).querySelector("[part~='composer']")).to.equal(null);
    expect(partText(el, 'note')).to.equal('Comments can be added only while a task for this customer is in progress.');
    await expect(el).to.be.accessible();
  });

  it('X9 R28 an activity of a closed request takes no new comment: the composer gives way to why', async () => {
    const { el, engine } = await setup('act-ann-old');
    await settle();
    await rendered(el);
    expect(textarea(el)).to.equal(null);
    expect(partText(el, 'note')).to.equal('No new comments: this activity belongs to a closed request.');
    expect(() => engine.addComment('agent-1', 'act-ann-old', 'Parcel found later')).to.throw(/closed request/);
  });

  it('X9 R28 resolving the request closes its activity to comments; reopening opens it again', async () => {
    const { el, engine, store, task } = await setup();
    await settle();
    await rendered(el);
    const requestId = engine.getActivity(task!.activityId).requestId!;
    expect(textarea(el)).not.to.equal(null);
    expect((await store.resolveRequest(requestId)).ok).to.equal(true);
    await settle();
    await rendered(el);
    expect(textarea(el)).to.equal(null);
    expect(partText(el, 'note')).to.contain('resolved request. Reopen it to add one.');
    expect((await store.reopenRequest(requestId)).ok).to.equal(true);
    await settle();
    await rendered(el);
    expect(textarea(el)).not.to.equal(null);
  });

  it('comments that failed to load say so and Retry loads them', async () => {
    const { engine } = makeEngine();
    const { store, transport } = await session(engine, 'agent-1');
    transport.failure = (operation) => (operation === 'getComments' ? CareError.network('The service is unavailable.') : undefined);
    const el = await mount<CareComments>(store, html`<care-comments activity-id="act-ann-2"></care-comments>`, 'care-comments');
    expect(partText(el, 'error')).to.equal('The comments could not be loaded. The service could not be reached. Nothing you typed was lost; try again. (The service is unavailable.) Retry');
    await expect(el).to.be.accessible();

    transport.failure = undefined;
    button(el, 'Retry').click();
    await rendered(el);
    expect(shadow(el).querySelector("[part~='error']")).to.equal(null);
    expect(partText(el, 'empty')).to.equal('No comments yet.');
  });

  it('shows "No activity selected." when nothing is focused', async () => {
    const { el } = await setup(undefined, () => null);
    expect(partText(el, 'empty')).to.equal('No activity selected.');
  });

  it('without a provider it says so instead of rendering nothing', async () => {
    const el = await fixture<CareComments>(html`<care-comments></care-comments>`);
    expect(partText(el, 'error')).to.contain('Not connected');
  });
});
