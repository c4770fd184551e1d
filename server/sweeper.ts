/**
 * Durable deadlines (B3): every instance sweeps, on the database clock,
 * offers past R13's deadline, requests past R18's and wrap-ups past X6's, taking rows with
 * SKIP LOCKED so instances share the work and none is done twice. Because
 * the deadlines are columns, an offer times out on time even when the
 * instance that made it was killed. The sweep also routes every push queue
 * (a task left unrouted by a failed transaction is offered on the next
 * tick) and trims the event log, sessions and idempotency keys.
 */
import { THROTTLE_MS } from './auth/sessions.js';
import type { Db } from './db/pool.js';
import { act } from './domain/act.js';
import { closeExpiredRequests } from './domain/requests.js';
import { expireOffers, routeQueues } from './domain/routing.js';
import { closeExpiredWrapUps } from './domain/wrap-up.js';
import type { Presence } from './events/presence.js';

/** How long the event log keeps events for clients that resume (B4); older cursors get a reset. */
export const EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;
const TRIM_EVERY_MS = 60_000;

export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastTrim = 0;

  constructor(
    private readonly db: Db,
    private readonly everyMs: number,
    /** Keeps this instance's streams counted as live links, first thing in every sweep (N3). */
    private readonly presence?: Presence,
  ) {}

  start(): void {
    // A tick while a sweep runs is skipped: the next tick comes soon enough.
    this.timer = setInterval(() => void (this.running ?? this.sweep()).catch(() => undefined), this.everyMs);
  }

  /**
   * One sweep now (tests call this after moving the clock). A sweep already
   * running read the clock before the caller moved it, so this one runs
   * after it rather than answering with it.
   */
  sweep(): Promise<void> {
    const previous = this.running?.catch(() => undefined);
    const next: Promise<void> = (previous ? previous.then(() => this.run()) : this.run()).finally(() => {
      if (this.running === next) this.running = undefined;
    });
    this.running = next;
    return next;
  }

  private async run(): Promise<void> {
    await this.presence?.beat();
    while ((await act(this.db, undefined, (c) => expireOffers(c))) > 0);
    while ((await act(this.db, undefined, (c) => closeExpiredRequests(c))) > 0);
    while ((await act(this.db, undefined, (c) => closeExpiredWrapUps(c))) > 0);
    await act(this.db, undefined, async (c) => {
      const queues = await c.tx.rows<{ id: string }>("SELECT id FROM queues WHERE routing = 'push'");
      await routeQueues(c, queues.map((q) => q.id));
    });
    if (Date.now() - this.lastTrim > TRIM_EVERY_MS) {
      this.lastTrim = Date.now();
      await this.db.rows('DELETE FROM events WHERE at < care_now_ms() - $1::bigint', [EVENT_RETENTION_MS]);
      await this.db.rows('DELETE FROM sessions WHERE expires_at < care_now_ms()');
      await this.db.rows('DELETE FROM sign_in_failures WHERE at < care_now_ms() - $1::bigint', [THROTTLE_MS]);
      await this.db.rows('DELETE FROM idempotency_keys WHERE created_at < care_now_ms() - $1::bigint', [EVENT_RETENTION_MS]);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
