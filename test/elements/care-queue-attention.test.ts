import { expect, html } from '@open-wc/testing';
import type { CareQueue } from '../../src/elements/care-queue/care-queue.js';
import { ANN, BOB, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { mount, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

async function twoChats() {
  const { engine, clock } = makeEngine();
  const ann = acceptPicked(engine, 'agent-1', chat({ ...ANN, name: 'Kateřina Marková-Dvořáková von Habsburg-Lothringen' }));
  const bob = acceptPicked(engine, 'agent-1', chat(BOB));
  const { store } = await session(engine, 'agent-1');
  store.activateTask(bob.id);
  const el = await mount<CareQueue>(store, html`<care-queue></care-queue>`, 'care-queue');
  return { engine, clock, store, ann, bob, el };
}

const row = (el: HTMLElement, taskId: string) => shadow(el).querySelector<HTMLButtonElement>(`ul[data-list=in-progress] button[data-task="${taskId}"]`)!;

describe('care-queue attention (X1)', () => {
  it('X1 a background chat shows its unread lines and the customer’s wait, warning then alarm', async () => {
    const { el, engine, clock, ann } = await twoChats();
    const sent = engine.customerSays(ann.activityId, 'Hello?');
    engine.customerSays(ann.activityId, 'Anyone there?');
    await settle();
    await rendered(el);
    const button = row(el, ann.id);
    expect(button.querySelector('[part=unread]')!.textContent).to.contain('2');
    expect(button.textContent).to.contain('2 unread messages');
    expect(button.querySelector('[part=waiting]')!.className).to.equal('waiting ');
    clock.advance(60_000 - (engine.now() - sent.at));
    el.requestUpdate();
    await rendered(el);
    expect(button.querySelector('[part=waiting]')!.textContent).to.equal('waiting 1:00');
    expect(button.querySelector('[part=waiting]')!.classList.contains('warning')).to.equal(true);
    clock.advance(120_000);
    el.requestUpdate();
    await rendered(el);
    expect(button.querySelector('[part=waiting]')!.classList.contains('alarm')).to.equal(true);
    await expect(el).to.be.accessible();
    button.click();
    await settle();
    await rendered(el);
    expect(row(el, ann.id).querySelector('[part=unread]'), 'opening the chat reads it').to.equal(null);
  });

  it('X10 a long name ends in an ellipsis on one line; the full name is in the tooltip and the accessible name', async () => {
    const { el, ann } = await twoChats();
    el.style.width = '260px';
    await rendered(el);
    const name = row(el, ann.id).querySelector<HTMLElement>('.name')!;
    expect(name.title).to.equal('Kateřina Marková-Dvořáková von Habsburg-Lothringen');
    expect(getComputedStyle(name).textOverflow).to.equal('ellipsis');
    expect(name.scrollWidth > name.clientWidth, 'the name is cut, not wrapped').to.equal(true);
    expect(name.getClientRects().length).to.equal(1);
    expect(row(el, ann.id).textContent).to.contain('Kateřina Marková-Dvořáková von Habsburg-Lothringen');
  });

  it('X1 the host sets the limits in seconds', async () => {
    const { el, engine, ann } = await twoChats();
    el.setAttribute('wait-warning', '0');
    engine.customerSays(ann.activityId, 'Hello?');
    await settle();
    await rendered(el);
    expect(row(el, ann.id).querySelector('[part=waiting]')!.classList.contains('warning')).to.equal(true);
  });
});
