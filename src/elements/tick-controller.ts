import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host every second while `active` says so: for countdowns
 * (R13) and call durations. The time itself comes from the store's clock,
 * so tests re-render on demand instead of waiting.
 */
export class TickController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly active: () => boolean,
    private readonly intervalMs = 1000,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const want = this.active();
    if (want && !this.timer) this.timer = setInterval(() => this.host.requestUpdate(), this.intervalMs);
    if (!want) this.stop();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
