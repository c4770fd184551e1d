import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { loadLanguage } from '../../src/i18n/index.js';
import type { CareAgentStatus } from '../../src/elements/care-agent-status/care-agent-status.js';
import { ANN, BOB, call, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, partText, rendered, shadow } from '../support/mount.js';
import { session } from '../support/session.js';

async function setup() {
  const { engine, clock } = makeEngine();
  const { store, transport } = await session(engine, 'agent-1');
  const el = await mount<CareAgentStatus>(store, html`<care-agent-status></care-agent-status>`, 'care-agent-status');
  button(el, 'Ready').click();
  await rendered(el);
  return { engine, clock, store, transport, el };
}

describe('care-agent-status offers', () => {
  it('X2 an offer previews what the customer wrote first', async () => {
    const { el, engine } = await setup();
    engine.receive({ ...chat(ANN), opening: 'My parcel never arrived and the tracking page says <b>delivered</b>' });
    await rendered(el);
    const preview = shadow(el).querySelector('[part=offer-preview]')!;
    expect(preview.textContent).to.equal('My parcel never arrived and the tracking page says <b>delivered</b>');
    expect(preview.querySelector('b'), 'markup in the text stays text').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('X2 Decline by keyboard passes the offer to the next agent; the agent stays Ready and focus stays on the offers', async () => {
    const { el, engine } = await setup();
    engine.setStatus('agent-2', 'ready');
    const task = engine.receive(chat(ANN));
    await rendered(el);
    expect(engine.getTask(task.id).offeredTo).to.equal('agent-1');
    const declined = nextEvent(el, 'care-task-declined');
    button(el, /^Decline: Chat from Ann Lee$/).focus();
    await sendKeys({ press: 'Enter' });
    expect((await declined).task.id).to.equal(task.id);
    await rendered(el);
    expect(engine.getTask(task.id).offeredTo, 'offered on at once').to.equal('agent-2');
    expect(engine.getAgent('agent-1').status).to.equal('ready');
    expect(button(el, 'Ready').getAttribute('aria-pressed')).to.equal('true');
    expect(partText(el, 'empty')).to.equal('No offers right now.');
    expect(shadow(el).activeElement?.id, 'focus on the offers heading').to.equal('offers-heading');
    expect(shadow(el).querySelector('[role=status]')?.textContent).to.contain('Declined the offer from Ann Lee');
    expect(shadow(el).querySelector('[part=notice], [role=alert]'), 'no warning for the agent’s own choice').to.equal(null);
  });

  it('X2 a declined offer is not offered back at once when nobody else is Ready; the next task is', async () => {
    const { el, engine } = await setup();
    const first = engine.receive(chat(ANN));
    const second = engine.receive(chat(BOB));
    await rendered(el);
    expect(partText(el, 'offer')).to.contain('Ann Lee');
    button(el, /^Decline: Chat from Ann Lee$/).click();
    await nextEvent(el, 'care-task-declined');
    await rendered(el);
    expect(engine.getTask(first.id).state).to.equal('queued');
    expect(engine.getTask(second.id).offeredTo).to.equal('agent-1');
    expect(partText(el, 'offer')).to.contain('Bob Novák');
  });

  it('R5 taking a queued call while a call offer rings withdraws the offer instead of a later R13', async () => {
    const { el, engine, store } = await setup();
    const ringing = engine.receive(call(ANN));
    await rendered(el);
    expect(engine.getTask(ringing.id).offeredTo).to.equal('agent-1');
    const picked = engine.receive(call(BOB, 'q-backlog'));
    const result = await store.accept(picked.id);
    expect(result.ok, 'the queued call is taken').to.equal(true);
    await rendered(el);
    expect(engine.getTask(ringing.id).state).to.equal('queued');
    expect(shadow(el).querySelector('[part=offer]')).to.equal(null);
    expect(engine.getAgent('agent-1').status).to.equal('ready');
  });
});

describe('care-agent-status reasons and timer', () => {
  it('X3 Not Ready with a reason from the language’s list, changed by keyboard; the timer starts again', async () => {
    const { el, engine, clock } = await setup();
    clock.advance(2 * 60_000);
    el.requestUpdate();
    await rendered(el);
    expect(partText(el, 'timer')).to.equal('for 2:00');
    expect(shadow(el).querySelector('[part=timer]')!.getAttribute('aria-label')).to.equal('Ready for 2:00');
    button(el, 'Not Ready').click();
    await rendered(el);
    const select = shadow(el).querySelector<HTMLSelectElement>('[part=reason-picker] select')!;
    expect([...select.options].map((o) => o.text)).to.deep.equal(['No reason', 'Break', 'Lunch', 'Meeting', 'Training', 'Admin']);
    clock.advance(30_000);
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    select.dispatchEvent(new Event('change'));
    await rendered(el);
    await until(() => engine.getAgent('agent-1').notReadyReason === 'Lunch');
    await rendered(el);
    expect(shadow(el).querySelector('[part=timer]')!.getAttribute('aria-label')).to.equal('Lunch for 0:00');
    await expect(el).to.be.accessible();
  });

  it('X3 the host’s own reasons replace the defaults; R13 reads “Missed offer”', async () => {
    const { el, engine, clock } = await setup();
    el.setAttribute('not-ready-reasons', 'Coaching | Back office');
    engine.receive(chat(ANN));
    await rendered(el);
    clock.advance(15 * 60_000);
    await until(() => engine.getAgent('agent-1').status === 'not-ready');
    await rendered(el);
    const select = shadow(el).querySelector<HTMLSelectElement>('[part=reason-picker] select')!;
    expect([...select.options].map((o) => o.text)).to.deep.equal(['Missed offer', 'No reason', 'Coaching', 'Back office']);
    expect(select.selectedOptions[0]!.text).to.equal('Missed offer');
    expect(shadow(el).querySelector('[part=timer]')!.getAttribute('aria-label')).to.equal('Missed offer for 0:00');
  });

  it('X3 the reason list and timer speak Korean', async () => {
    const { el } = await setup();
    await loadLanguage('ko');
    el.lang = 'ko';
    await rendered(el);
    button(el, '준비되지 않음').click();
    await rendered(el);
    const select = shadow(el).querySelector<HTMLSelectElement>('[part=reason-picker] select')!;
    expect(select.options[1]!.text).to.equal('휴식');
    expect(shadow(el).querySelector('[part=reason-picker] span')!.textContent).to.equal('사유');
  });
});

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !test(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(test(), 'condition reached').to.equal(true);
}
