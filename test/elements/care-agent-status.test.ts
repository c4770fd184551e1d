import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CareAgentStatus } from '../../src/elements/care-agent-status/care-agent-status.js';
import { OFFER_TIMEOUT_MS } from '../../src/model/limits.js';
import { ANN, MINUTE, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, nextEvent, partText, rendered, shadow } from '../support/mount.js';
import { session } from '../support/session.js';

async function setup() {
  const { engine, clock } = makeEngine();
  const { store, transport } = await session(engine, 'agent-1');
  const el = await mount<CareAgentStatus>(store, html`<care-agent-status></care-agent-status>`, 'care-agent-status');
  return { engine, clock, store, transport, el };
}

describe('care-agent-status', () => {
  it('is accessible when Not Ready and with an offer counting down', async () => {
    const { el, engine } = await setup();
    await expect(el).to.be.accessible();
    button(el, 'Ready').click();
    await rendered(el);
    engine.receive(chat(ANN));
    await rendered(el);
    await expect(el).to.be.accessible();
  });

  it('R12 going Ready by keyboard brings an offer that names the customer and medium', async () => {
    const { el, engine } = await setup();
    expect(button(el, 'Not Ready').getAttribute('aria-pressed')).to.equal('true');
    button(el, 'Ready').focus();
    const changed = nextEvent(el, 'care-status-changed');
    await sendKeys({ press: 'Enter' });
    expect((await changed).agent.status).to.equal('ready');
    const offered = nextEvent(el, 'care-task-offered');
    engine.receive(chat(ANN));
    expect((await offered).task.contact.name).to.equal('Ann Lee');
    await rendered(el);
    expect(partText(el, 'offer')).to.contain('Chat from Ann Lee');
    expect(shadow(el).querySelector('[role=status]')?.textContent).to.contain('New Chat offer from Ann Lee.');
  });

  it('R13 the countdown follows the clock, and at 15 minutes the agent is told they are Not Ready', async () => {
    const { el, engine, clock } = await setup();
    button(el, 'Ready').click();
    await rendered(el);
    engine.receive(chat(ANN));
    await rendered(el);
    expect(partText(el, 'countdown')).to.equal('15:00');
    clock.advance(5 * MINUTE + 30_000);
    el.requestUpdate();
    await rendered(el);
    expect(partText(el, 'countdown')).to.equal('9:30');
    const changed = nextEvent(el, 'care-status-changed');
    clock.advance(OFFER_TIMEOUT_MS);
    const event = await changed;
    expect(event.agent.statusReason).to.equal('offer-timeout');
    await rendered(el);
    expect(shadow(el).querySelector("[part='offer']")).to.equal(null);
    expect(partText(el, 'reason')).to.contain('within 15 minutes');
    expect(button(el, 'Not Ready').getAttribute('aria-pressed')).to.equal('true');
    expect(shadow(el).querySelector('[role=status]')?.textContent).to.contain('within 15 minutes');
    await expect(el).to.be.accessible();
  });

  it('R3 accepting an offer fires care-task-accept then care-task-accepted', async () => {
    const { el, engine } = await setup();
    button(el, 'Ready').click();
    await rendered(el);
    const task = engine.receive(chat(ANN));
    await rendered(el);
    const intent = nextEvent(el, 'care-task-accept');
    const done = nextEvent(el, 'care-task-accepted');
    button(el, /^Accept: Chat from Ann Lee$/).click();
    expect((await intent).task.id).to.equal(task.id);
    expect((await done).task.state).to.equal('accepted');
    await rendered(el);
    expect(partText(el, 'empty')).to.equal('No offers right now.');
  });

  it('a cancelled status change does not reach the backend', async () => {
    const { el, engine } = await setup();
    el.addEventListener('care-status-change', (e) => e.preventDefault(), { once: true });
    button(el, 'Ready').click();
    await rendered(el);
    expect(engine.getAgent('agent-1').status).to.equal('not-ready');
  });

  it('a refused status change shows the backend’s message and rolls back', async () => {
    const { el, transport } = await setup();
    const { CareError } = await import('../../src/model/errors.js');
    transport.failure = () => CareError.network('The service is unavailable.');
    button(el, 'Ready').click();
    await rendered(el);
    expect(partText(el, 'error')).to.equal('The service could not be reached. Nothing you typed was lost; try again. (The service is unavailable.)');
    expect(button(el, 'Not Ready').getAttribute('aria-pressed')).to.equal('true');
  });

  it('without a provider it says so instead of rendering nothing', async () => {
    const { fixture } = await import('@open-wc/testing');
    const el = await fixture<CareAgentStatus>(html`<care-agent-status></care-agent-status>`);
    expect(partText(el, 'error')).to.contain('Not connected');
  });
});
