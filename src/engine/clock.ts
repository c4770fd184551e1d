/** A handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = number;

/**
 * Where the engine gets time from. The engine never reads `Date.now()` or
 * calls the global timers itself, so tests and stories can drive time
 * (R13's 15 minutes, R18's 5 days) without real waiting.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Real time. `rate` speeds it up for demos (2 = twice as fast). */
export class SystemClock implements Clock {
  private readonly origin = Date.now();
  constructor(private readonly rate = 1) {}

  now(): number {
    return this.rate === 1 ? Date.now() : this.origin + (Date.now() - this.origin) * this.rate;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    return globalThis.setTimeout(callback, Math.max(0, ms / this.rate)) as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    globalThis.clearTimeout(handle);
  }
}

interface VirtualTimer {
  handle: TimerHandle;
  at: number;
  callback: () => void;
}

/**
 * Time that moves only when told to. Timers fire in order of their due time
 * (then of creation) as {@link VirtualClock.advance} passes them; a timer
 * scheduled by another timer fires in the same advance if it falls due.
 */
export class VirtualClock implements Clock {
  private time: number;
  private nextHandle = 1;
  private timers: VirtualTimer[] = [];

  constructor(start: number | Date = Date.UTC(2026, 10, 23, 9, 0, 0)) {
    this.time = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = this.nextHandle++;
    this.timers.push({ handle, at: this.time + Math.max(0, ms), callback });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  }

  /** Number of timers waiting to fire. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = this.earliestDue(until);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.callback();
    }
    this.time = until;
  }

  private earliestDue(until: number): VirtualTimer | undefined {
    let best: VirtualTimer | undefined;
    for (const timer of this.timers) {
      if (timer.at > until) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.handle < best.handle)) best = timer;
    }
    return best;
  }
}
