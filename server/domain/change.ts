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
   * Queued pick tasks are seen by everyone serving the queue (who also hear
   * when one leaves the queue); other changes only by the agents a task was
   * or is offered to or accepted by. `before` is the task
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
    // The queue's agents saw it while it waited: they hear it arrive and leave, not what happens to it after.
    if (task.routing === 'pick' && (task.state === 'queued' || before?.state === 'queued')) audience.push(toQueue(task.queueId));
    if (audience.length) this.emit({ type: 'task-changed', task }, audience);
  }

  /** Appends the events to the log and wakes every instance. Call last, just before COMMIT. */
  async commit(): Promise<number | undefined> {
    if (!this.events.length) return undefined;
    const row = await this.tx.one<{ seq: number }>('UPDATE event_counter SET seq = seq + $1 RETURNING seq', [this.events.length]);
    const last = row!.seq;
    const first = last - this.events.length + 1;
    const params: unknown[] = [];
    const values = this.events.map(({ audience, event }, i) => {
      params.push(first + i, this.now, audience, JSON.stringify(event));
      const p = i * 4;
      return `($${p + 1}, $${p + 2}, $${p + 3}::text[], $${p + 4}::jsonb)`;
    });
    await this.tx.rows(`INSERT INTO events (seq, at, audience, payload) VALUES ${values.join(', ')}`, params);
    await this.tx.rows('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(last)]);
    return last;
  }
}
