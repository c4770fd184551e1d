import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { HIDDEN_RESYNC_MS, ResyncController, type WakeClock } from '../../src/elements/resync-controller.js';
import type { CareStore } from '../../src/state/store.js';
import { makeEngine } from '../support/fixtures.js';
import { session } from '../support/session.js';

/** A clock the test moves: `now` and the heartbeat both follow it. */
class DrivenClock implements WakeClock {
  time = 1_000_000;
  private beats: { every: number; next: number; run: () => void }[] = [];
  now = () => this.time;
  every(ms: number, run: () => void): () => void {
    const beat = { every: ms, next: this.time + ms, run };
    this.beats.push(beat);
    return () => void (this.beats = this.beats.filter((b) => b !== beat));
  }
  /** Moves time on; with `asleep`, timers do not fire on the way, as in a suspended machine. */
  advance(ms: number, asleep = false): void {
    const end = this.time + ms;
    for (const beat of this.beats) {
      if (asleep) continue;
      while (beat.next <= end) {
        this.time = beat.next;
        beat.run();
        beat.next += beat.every;
      }
    }
    this.time = end;
    if (asleep) for (const beat of this.beats) if (beat.next <= end) {
      beat.run();
      beat.next = end + beat.every;
    }
  }
}

class Host extends LitElement {
  store: CareStore | undefined;
  clock = new DrivenClock();
  resyncs = new ResyncController(this, () => this.store, this.clock);
}
customElements.define('resync-host', Host);

async function setup() {
  const { engine } = makeEngine();
  const { store, transport } = await session(engine, 'agent-1');
  let connects = 0;
  const connect = transport.connect.bind(transport);
  transport.connect = (signal) => (connects++, connect(signal));
  const host = document.createElement('resync-host') as Host;
  host.store = store;
  document.body.append(host);
  return { host, resyncs: () => connects, done: () => host.remove() };
}

function setVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('ResyncController (N3)', () => {
  afterEach(() => {
    delete (document as { visibilityState?: string }).visibilityState;
  });

  it('N3 the browser reporting the network back resyncs the store', async () => {
    const { resyncs, done } = await setup();
    window.dispatchEvent(new Event('online'));
    expect(resyncs()).to.equal(1);
    done();
    window.dispatchEvent(new Event('online'));
    expect(resyncs(), 'no resync once the host left').to.equal(1);
  });

  it('N3 a tab hidden long enough resyncs when the agent returns; a quick glance away does not', async () => {
    const { host, resyncs, done } = await setup();
    setVisibility('hidden');
    host.clock.advance(2_000);
    setVisibility('visible');
    expect(resyncs()).to.equal(0);
    setVisibility('hidden');
    host.clock.advance(HIDDEN_RESYNC_MS);
    setVisibility('visible');
    expect(resyncs()).to.equal(1);
    done();
  });

  it('N3 a clock jump (the machine slept) resyncs; time passing awake does not', async () => {
    const { host, resyncs, done } = await setup();
    host.clock.advance(10 * 60_000);
    expect(resyncs(), 'ten minutes awake').to.equal(0);
    host.clock.advance(60 * 60_000, true);
    expect(resyncs(), 'an hour asleep').to.equal(1);
    done();
  });
});
