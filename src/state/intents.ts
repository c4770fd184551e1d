import { idempotencyKey } from '../model/keys.js';
import type { Result } from './types.js';

/**
 * N3: one idempotency key per thing the agent means to do once. Pressing
 * Send again after a lost answer is the same comment, so it goes with the
 * same key and the backend answers it once; a key is forgotten only when
 * the backend gave a real answer (done, or refused for a reason a retry
 * cannot change).
 */
export class Intents {
  private readonly keys = new Map<string, string>();

  /** The key of the command named `scope` (e.g. `comment <activity> <text>`), made on first use. */
  key(scope: string): string {
    let key = this.keys.get(scope);
    if (!key) {
      key = idempotencyKey();
      this.keys.set(scope, key);
    }
    return key;
  }

  /** Forgets the key once the outcome is known; keeps it while a retry could still be the same command. */
  settle(scope: string, result: Result<unknown>): void {
    if (result.ok || (result.error.kind !== 'network' && result.error.kind !== 'aborted')) this.keys.delete(scope);
  }

  /** Forgets a command's key: the outbox took the command over, so the same text typed again is a new one. */
  release(scope: string): void {
    this.keys.delete(scope);
  }

  /** Runs `send` with the command's key and settles it. */
  async once<T>(scope: string, send: (key: string) => Promise<Result<T>>): Promise<Result<T>> {
    const result = await send(this.key(scope));
    this.settle(scope, result);
    return result;
  }
}
