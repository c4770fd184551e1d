import { CareError } from '../model/errors.js';
import type { CareEvent } from '../model/types.js';
import type { Reply, ReplyOperation } from './checks.js';
import type { Result } from './types.js';

type Checks = typeof import('./checks.js');
let loadingChecks: Promise<Checks> | undefined;

/** The schemas load on demand: a page whose adapter vouches for its payloads (the embedded engine) never fetches them. */
function loadChecks(): Promise<Checks> {
  return (loadingChecks ??= import('./checks.js'));
}

/**
 * Calls the backend for the store: each call gets an AbortSignal and a
 * timeout, and every failure becomes a {@link CareError} result, so a
 * command never throws. Replies from an adapter that does not vouch for its
 * payloads are checked against their schemas, the record inside a conflict
 * too (N4). Dispose aborts whatever is still under way.
 */
export class Caller {
  private readonly inFlight = new Set<AbortController>();
  private writes = 0;
  private closed = false;
  private checks: Checks | undefined;

  constructor(
    private readonly timeoutMs: number,
    /** Whether the adapter vouches for its payloads (`CareTransport.validated`). */
    private readonly validated: boolean,
  ) {}

  /**
   * Whether a change of this session's is under way. A change its agent made
   * meanwhile is taken as its own; at any other time it came from another
   * session of the same agent (another device) and conflicts like a colleague's (N2).
   */
  get writing(): boolean {
    return this.writes > 0;
  }

  /** Whether replies and events can be checked now (or need no checks). */
  get ready(): boolean {
    return this.validated || !!this.checks;
  }

  /** Loads the schemas if replies will need them; fails only if they cannot be fetched. */
  async prepare(): Promise<Result<void>> {
    if (this.ready) return { ok: true, value: undefined };
    try {
      this.checks = await loadChecks();
      return { ok: true, value: undefined };
    } catch (thrown) {
      loadingChecks = undefined;
      return { ok: false, error: CareError.network('Care Kit could not load what it checks the service’s answers with. Reload the page.', String(thrown)) };
    }
  }

  /** A pushed event as it is, or the error saying why it cannot be read; unreadable while the checks are not loaded. */
  checkEvent(event: unknown): CareEvent | CareError {
    if (this.validated) return event as CareEvent;
    return this.checks ? this.checks.checkEvent(event) : CareError.network('An update arrived before Care Kit could check it.');
  }

  async run<Op extends ReplyOperation>(operation: Op, call: (signal: AbortSignal) => Promise<Reply<Op>>): Promise<Result<Reply<Op>>> {
    const result = await this.attempt(operation, call);
    if (this.validated) return result;
    if (!this.checks) {
      const ready = await this.prepare();
      if (!ready.ok) return ready;
    }
    const { checkReply, checkConflictCurrent } = this.checks!;
    if (result.ok) {
      const checked = checkReply(operation, result.value);
      return checked instanceof CareError ? { ok: false, error: checked } : result;
    }
    const conflict = result.error.conflict;
    if (conflict) {
      const checked = checkConflictCurrent(conflict.entity, conflict.current);
      if (checked instanceof CareError) return { ok: false, error: checked };
    }
    return result;
  }

  private async attempt<T>(operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<Result<T>> {
    if (this.closed) return { ok: false, error: CareError.aborted() };
    const controller = new AbortController();
    this.inFlight.add(controller);
    const write = !/^(get|search|connect)/.test(operation);
    if (write) this.writes++;
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
      if (write) this.writes--;
    }
  }

  dispose(): void {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }
}
