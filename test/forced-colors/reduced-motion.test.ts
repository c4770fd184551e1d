/**
 * Reduced motion. Runs with the forced-colours launchers of
 * web-test-runner.config.mjs, which also ask for reduced motion (Chromium
 * through CDP media emulation, Firefox ESR through `ui.prefersReducedMotion`).
 * The kit itself animates nothing; a host may add motion to its parts
 * through `::part`, and the shared styles switch it off for an agent who
 * asked the system for less motion.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CareQueue } from '../../src/elements/care-queue/care-queue.js';
import { ANN, chat, makeEngine } from '../support/fixtures.js';
import { rendered, shadow } from '../support/mount.js';
import { session } from '../support/session.js';

describe('reduced motion', () => {
  it('a transition and an animation a host gives a part through ::part are switched off', async () => {
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches, 'run through `web-test-runner --group forced-colors`').to.equal(true);
    const { engine } = makeEngine();
    engine.receive(chat(ANN, 'q-backlog'));
    const { store } = await session(engine, 'agent-1');
    const wrapper = await fixture(html`<div>
      <style>
        @keyframes care-test-pulse { from { opacity: 0.2; } to { opacity: 1; } }
        .motion care-queue::part(base) { transition: opacity 2s ease; animation: care-test-pulse 3s infinite; }
      </style>
      <div class="motion"><care-provider .store=${store}><care-queue></care-queue></care-provider></div>
    </div>`);
    const queue = wrapper.querySelector<CareQueue>('care-queue')!;
    await rendered(queue);
    const base = shadow(queue).querySelector<HTMLElement>('[part~=base]');
    expect(base, 'care-queue has a base part').to.not.equal(null);
    const style = getComputedStyle(base!);
    expect(style.transitionProperty).to.equal('none');
    expect(style.transitionDuration).to.equal('0s');
    expect(style.animationName).to.equal('none');
  });
});
