import { CareError } from '../model/errors.js';
import type { Id } from '../model/types.js';

/** How many answered keys the engine remembers: far more than any outbox holds, small enough to forget a shift's worth. */
const REMEMBERED = 10_000;

/**
 * N3: idempotency keys, as the reference server keeps them. An append sent
 * again with its key (the answer was lost, the outbox replays it) gets the
 * first answer instead of doing the work twice. A key names one operation on
 * one record for one agent; reusing it for another is a client bug and is
 * refused, as the server refuses it.
 */
export class Replays {
  private readonly answers = new Map<string, { scope: string; result: unknown }>();

  /** Runs `work` unless this agent already ran `scope` with `key`; then returns that first result. */
  once<T>(agentId: Id, key: string | undefined, scope: string, work: () => T): T {
    if (key === undefined) return work();
    const name = `${agentId}\u0000${key}`;
    const done = this.answers.get(name);
    if (done) {
      if (done.scope !== scope) {
        throw new CareError({
          kind: 'validation',
          message: 'This request reuses the key of a different one.',
          issues: [{ field: 'idempotencyKey', code: 'duplicate', message: 'Already used for another request.' }],
        });
      }
      return done.result as T;
    }
    const result = work();
    this.answers.set(name, { scope, result });
    // Maps keep insertion order, so the first key is the oldest.
    if (this.answers.size > REMEMBERED) this.answers.delete(this.answers.keys().next().value as string);
    return result;
  }
}
