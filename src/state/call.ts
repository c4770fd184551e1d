import { CareError } from '../model/errors.js';
import type { Result } from './types.js';

/**
 * Calls the backend for the store: each call gets an AbortSignal and a
 * timeout, and every failure becomes a {@link CareError} result, so a
 * command never throws. Dispose aborts whatever is still under way.
 */
export class Caller {
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(private readonly timeoutMs: number) {}

  async run<T>(operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<Result<T>> {
    if (this.closed) return { ok: false, error: CareError.aborted() };
    const controller = new AbortController();
    this.inFlight.add(controller);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      const value = await Promise.race([
        call(controller.signal),
        new Promise<never>((_, reject) =>
          controller.signal.addEventListener('abort', () => reject(CareError.aborted()), { once: true }),
        ),
      ]);
      return { ok: true, value };
    } catch (thrown) {
      const error = timedOut
        ? CareError.network(`The service did not answer in time (${operation}). Nothing you typed was lost; try again.`)
        : CareError.from(thrown);
      return { ok: false, error };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  dispose(): void {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }
}
