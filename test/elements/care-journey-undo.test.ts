import { expect, html } from '@open-wc/testing';
import type { CareJourney } from '../../src/elements/care-journey/care-journey.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, mount, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

async function working() {
  const { engine } = makeEngine();
  const task = acceptPicked(engine, 'agent-1', chat(ANN));
  const { store } = await session(engine, 'agent-1');
  const el = await mount<CareJourney>(store, html`<care-journey></care-journey>`, 'care-journey');
  await settled(el);
  return { engine, store, task, el };
}

async function settled(el: HTMLElement): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await settle();
    await rendered(el);
  }
}

const handle = (el: HTMLElement, activityId: string) => shadow(el).querySelector<HTMLElement>(`[data-move="${activityId}"]`)!;
const drag = (type: string, data: DataTransfer) => new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true, composed: true });

describe('care-journey moves that can be undone (X12)', () => {
  it('X12 starting a drag moves no row: the new-request zone covers the header', async () => {
    const { el, task } = await working();
    const rows = () => [...shadow(el).querySelectorAll<HTMLElement>('[part=list] [role=listitem]')].map((r) => Math.round(r.getBoundingClientRect().top));
    const before = rows();
    const source = handle(el, task.activityId);
    source.dispatchEvent(drag('dragstart', new DataTransfer()));
    await settled(el);
    const zone = shadow(el).querySelector<HTMLElement>('[part=drop-new]')!;
    expect(zone, 'the zone shows while dragging').to.not.equal(null);
    expect(rows(), 'every row stays where it was').to.deep.equal(before);
    const header = shadow(el).querySelector<HTMLElement>('[part=header]')!.getBoundingClientRect();
    const box = zone.getBoundingClientRect();
    expect([box.top, box.bottom]).to.deep.equal([header.top, header.bottom]);
  });

  it('X12 a drop onto another request can be undone: the activity goes back to its request', async () => {
    const { el, engine, task } = await working();
    const home = engine.getActivity(task.activityId).requestId;
    const data = new DataTransfer();
    const source = handle(el, task.activityId);
    source.dispatchEvent(drag('dragstart', data));
    await settled(el);
    const target = [...shadow(el).querySelectorAll<HTMLElement>("[part='request']")].find((r) => r.textContent!.includes('Router keeps dropping'))!;
    target.dispatchEvent(drag('dragover', data));
    target.dispatchEvent(drag('drop', data));
    await settled(el);
    expect(engine.getActivity(task.activityId).requestId).to.equal('req-ann-older');
    expect(shadow(el).querySelector('[part=undo]')!.textContent).to.contain('Activity moved.');
    await expect(el).to.be.accessible();
    button(el, 'Undo').click();
    await settled(el);
    expect(engine.getActivity(task.activityId).requestId).to.equal(home);
    expect(shadow(el).querySelector('[part=undo]')).to.equal(null);
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('Move undone.');
  });
});
