/**
 * One change to the contact centre, inside one transaction: who makes it,
 * the database's time, and the events it will announce. `commit()` appends
 * those events to the log with gapless sequence numbers and a NOTIFY (B4):
 * the counter row is taken last, so it is held only for the moment before
 * COMMIT and sequence numbers follow commit order.
 */
import type { AgentRef, CareEvent, Id, Task } from '../../src/model/types.js';
import type { Tx } from '../db/pool.js';

/** Who hears an event: agents by id, everyone serving a queue, or (null) everyone. */
export type Audience = readonly string[] | null;
export const toAgent = (id: Id) => `a:${id}`;
export const toQueue = (id: Id) => `q:${id}`;

/** The channel every instance LISTENs on; the payload is only the newest sequence number. */
export const EVENTS_CHANNEL = 'care_events';

/** Why a task changed, which decides what each agent hears of it. */
export type TaskCause = 'received' | 'offered' | 'offer-timeout' | 'withdrawn' | 'accepted' | 'closed' | 'reassigned';

export class Change {
  private readonly events: { audience: Audience; event: CareEvent }[] = [];

  constructor(
    readonly tx: Tx,
    /** The signed-in agent who acts; undefined for the clock and for inbound contacts. */
    readonly actor?: AgentRef,
  ) {}

  get now(): number {
    return this.tx.now;
  }

  /** The acting agent's id, for `updated_by` columns. */
  get by(): Id | null {
    return this.actor?.id ?? null;
  }

  emit(event: CareEvent, audience: Audience = null): void {
    this.events.push({ event, audience });
  }

  /** Entity changes go to every agent, naming who made them (R6). */
  entity(change: Extract<CareEvent, { type: 'entity-changed' }>['change']): void {
    this.emit(this.actor ? { type: 'entity-changed', change, changedBy: this.actor } : { type: 'entity-changed', change });
  }

  /**
   * A task changed: each agent hears it as MemoryTransport would tell it.
   * Pick tasks are seen by everyone serving the queue; push tasks by the
   * agents they were or are offered to or accepted by. `before` is the task
   * as it was, so an agent who loses sight of it still hears why.
   */
  task(task: Task, cause: TaskCause, before?: Task): void {
    const holders = new Set<Id>();
    for (const t of [before, task]) {
      if (t?.offeredTo) holders.add(t.offeredTo);
      if (t?.acceptedBy) holders.add(t.acceptedBy);
    }
    if (cause === 'offered' && task.offeredTo) {
      this.emit({ type: 'task-offered', task }, [toAgent(task.offeredTo)]);
      holders.delete(task.offeredTo);
    }
    if ((cause === 'offer-timeout' || cause === 'withdrawn') && before?.offeredTo) {
      this.emit({ type: 'task-revoked', task, reason: cause === 'offer-timeout' ? 'timeout' : 'withdrawn' }, [toAgent(before.offeredTo)]);
      holders.delete(before.offeredTo);
    }
    const audience = [...holders].map(toAgent);
    if (task.routing === 'pick') audience.push(toQueue(task.queueId));
    if (audience.length) this.emit({ type: 'task-changed', task }, audience);
  }

  /**
   * Appends the events to the log. Call last, just before COMMIT. They go in with temporary keys;
   * COMMIT numbers them and wakes every instance (migration 002), so the counter row is never held
   * across a round trip to this instance.
   */
  async commit(): Promise<void> {
    if (!this.events.length) return;
    const params: unknown[] = [this.now];
    const values = this.events.map(({ audience, event }, i) => {
      params.push(audience, JSON.stringify(event));
      return `(-nextval('event_staging'), $1, $${2 + i * 2}::text[], $${3 + i * 2}::jsonb)`;
    });
    await this.tx.rows(`INSERT INTO events (seq, at, audience, payload) VALUES ${values.join(', ')}`, params);
  }
}
