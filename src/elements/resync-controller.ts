import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CareStore } from '../state/store.js';

/** How the controller reads time and waits; tests drive both. */
export interface WakeClock {
  now(): number;
  every(ms: number, run: () => void): () => void;
}

const systemClock: WakeClock = {
  now: () => Date.now(),
  every: (ms, run) => {
    const timer = setInterval(run, ms);
    return () => clearInterval(timer);
  },
};

/** A tab hidden this long may have missed pushes (browsers throttle and freeze hidden tabs). */
export const HIDDEN_RESYNC_MS = 30_000;
/** The heartbeat that notices sleep: a beat arriving this much later than due means the machine slept. */
const BEAT_MS = 10_000;
const JUMP_MS = 20_000;

/**
 * N3: asks the store to catch up whenever the page may have missed pushes
 * without the transport noticing: the browser reports the network back
 * (`online`), the agent returns to a tab hidden for a while, or the wall
 * clock jumped (the laptop slept). The store itself resyncs when the
 * transport reports the link back; this covers what only the page sees.
 */
export class ResyncController implements ReactiveController {
  private stopBeat: (() => void) | undefined;
  private lastBeat = 0;
  private hiddenAt: number | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly store: () => CareStore | undefined,
    private readonly clock: WakeClock = systemClock,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.lastBeat = this.clock.now();
    this.stopBeat = this.clock.every(BEAT_MS, this.onBeat);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopBeat?.();
    this.stopBeat = undefined;
  }

  private resync(): void {
    const store = this.store();
    if (store && store.connection !== 'idle') void store.resync();
  }

  private readonly onOnline = (): void => this.resync();

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      this.hiddenAt = this.clock.now();
      return;
    }
    const hiddenFor = this.hiddenAt === null ? 0 : this.clock.now() - this.hiddenAt;
    this.hiddenAt = null;
    if (hiddenFor >= HIDDEN_RESYNC_MS) this.resync();
  };

  private readonly onBeat = (): void => {
    const now = this.clock.now();
    const late = now - this.lastBeat - BEAT_MS;
    this.lastBeat = now;
    if (late >= JUMP_MS) this.resync();
  };
}
