/**
 * N4: pushed events wait here and are applied together, one state change
 * per burst (per microtask), however many arrive: 10,000 offers make one
 * emission and one render, not 10,000. Each event is checked first when
 * the adapter does not vouch for its payloads; a bad one becomes a notice.
 */
import { CareError } from '../model/errors.js';
import type { CareEvent } from '../transport/port.js';
import { reduceAll } from './batch.js';
import type { Caller } from './call.js';
import type { StateContainer } from './container.js';
import type { StoreParts } from './parts.js';
import { type NoticeEnv, withNotice } from './transitions.js';
import type { CareState } from './types.js';

export class Inbox {
  private queue: unknown[] = [];

  constructor(
    private readonly container: StateContainer,
    private readonly caller: Caller,
    private readonly parts: StoreParts,
    /** Called after a burst that held `connection: online` (the store reconnects). */
    private readonly onOnline: () => void,
  ) {
    container.drain = () => this.flush();
  }

  /** Takes an event; it is applied at the end of the current task, or sooner when someone reads the state. */
  push(event: unknown): void {
    if (this.container.disposed) return;
    if (this.queue.length === 0) queueMicrotask(() => this.flush());
    this.queue.push(event);
  }

  /** Applies every event waiting, in one state change. */
  flush(): void {
    if (this.queue.length === 0) return;
    const raw = this.queue;
    this.queue = [];
    const events: CareEvent[] = [];
    const refused: CareError[] = [];
    for (const event of raw) {
      const checked = this.caller.checkEvent(event);
      if (checked instanceof CareError) refused.push(checked);
      else events.push(checked);
    }
    const env = this.parts.noticeEnv();
    this.container.update((s) => {
      let next = safely(s, events, env, refused);
      // One notice per burst is enough for the agent; the integrator finds the first problem in its detail.
      if (refused.length) {
        const error = CareError.network('The service sent an update this version of Care Kit cannot read; it was ignored.', refused[0]!.detail);
        next = withNotice(next, env, 'error', 'protocol', error.message, error);
      }
      return next;
    });
    if (events.some((e) => e.type === 'connection' && e.online)) this.onOnline();
  }
}

/**
 * The burst applied; should an event the adapter vouched for still break
 * the reducer, the others are applied one by one and the broken one is
 * reported like an unreadable event, never thrown at the page (N4).
 */
function safely(s: CareState, events: readonly CareEvent[], env: NoticeEnv, refused: CareError[]): CareState {
  try {
    return reduceAll(s, events, env);
  } catch {
    let next = s;
    for (const event of events) {
      try {
        next = reduceAll(next, [event], env);
      } catch (thrown) {
        refused.push(CareError.network(undefined, String(thrown)));
      }
    }
    return next;
  }
}
