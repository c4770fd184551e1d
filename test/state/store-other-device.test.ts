import { expect } from '@open-wc/testing';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { current, session, until } from '../support/session.js';

/** The same agent signed in twice on one backend, as on a laptop and a second machine: two sessions. */
async function twoDevices() {
  const { engine } = makeEngine();
  acceptPicked(engine, 'agent-1', chat(ANN));
  const laptop = (await session(engine, 'agent-1')).store;
  const desktop = (await session(engine, 'agent-1')).store;
  await until(laptop.journey$('cust-ann'), (j) => j.status === 'ready');
  await until(desktop.journey$('cust-ann'), (j) => j.status === 'ready');
  return { engine, laptop, desktop };
}

describe('one agent on two devices (N2)', () => {
  it('N2 an edit saved on another device conflicts with the draft here like another agent’s (R6), never silently', async () => {
    const { engine, laptop, desktop } = await twoDevices();
    laptop.editRequest('req-ann-newer', { title: 'Typed on the laptop' });
    desktop.editRequest('req-ann-newer', { title: 'Typed on the desktop' });
    expect((await desktop.saveRequest('req-ann-newer')).ok).to.equal(true);

    const view = current(laptop.requestDraft$('req-ann-newer'))!;
    expect(view.conflict?.current.title, 'the laptop is told').to.equal('Typed on the desktop');
    expect(view.values.title, 'and keeps what it typed').to.equal('Typed on the laptop');
    expect(current(laptop.notices$).map((n) => n.code)).to.include('conflict');
    const saved = await laptop.saveRequest('req-ann-newer');
    expect(saved.ok, 'saving over it is refused until the agent chooses').to.equal(false);
    expect(engine.getRequest('req-ann-newer').title).to.equal('Typed on the desktop');
  });

  it('N2 the session’s own change (a tag it adds while editing) still moves its draft on quietly', async () => {
    const { engine, laptop } = await twoDevices();
    laptop.editRequest('req-ann-newer', { title: 'Typed on the laptop' });
    const activityId = engine.getJourney('cust-ann').activities.find((a) => a.requestId === 'req-ann-newer')!.id;
    const tagged = await laptop.addTag(activityId, 'follow-up');
    expect(tagged.ok, tagged.ok ? '' : tagged.error.message).to.equal(true);
    const view = current(laptop.requestDraft$('req-ann-newer'))!;
    expect(view.conflict).to.equal(undefined);
    expect((await laptop.saveRequest('req-ann-newer')).ok).to.equal(true);
    expect(engine.getRequest('req-ann-newer').title).to.equal('Typed on the laptop');
  });
});
