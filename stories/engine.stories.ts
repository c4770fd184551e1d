import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { VirtualClock } from '../src/engine/clock.js';
import { CareEngine } from '../src/engine/engine.js';
import { createSeed } from '../src/engine/seed.js';
import { Simulator } from '../src/engine/simulator.js';
import { displayName } from '../src/model/rules.js';

interface EngineArgs {
  /** Simulated minutes of traffic before the snapshot. */
  minutes: number;
  seed: number;
}

/**
 * The embedded engine on a virtual clock: seeded customers, then `minutes`
 * of simulated traffic, no store and no element. The element stories run on
 * the same engine through `stories/support/scenario.ts`, which adds a
 * MemoryTransport and a CareStore for the agent at the desk.
 */
const meta: Meta<EngineArgs> = {
  title: 'Foundation/Embedded engine',
  args: { minutes: 10, seed: 1 },
  argTypes: { minutes: { control: { type: 'range', min: 0, max: 120 } }, seed: { control: 'number' } },
  render: ({ minutes, seed }) => {
    const clock = new VirtualClock();
    const engine = new CareEngine({ clock, seed: createSeed({ now: clock.now(), seed }) });
    const simulator = new Simulator(engine, { seed });
    simulator.start();
    clock.advance(minutes * 60_000);
    simulator.stop();
    const tasks = engine.listTasks();
    return html`<section style="font-family: system-ui">
      <h2>Team</h2>
      <ul>${engine.listAgents().map((a) => html`<li>${a.name}: ${a.status}</li>`)}</ul>
      <h2>Tasks (${tasks.length})</h2>
      <ul>${tasks.map((t) => html`<li>${t.media} · ${t.state} · ${displayName(t.contact)}</li>`)}</ul>
    </section>`;
  },
};
export default meta;

export const AfterTenMinutes: StoryObj<EngineArgs> = {};
export const Empty: StoryObj<EngineArgs> = { args: { minutes: 0 } };
