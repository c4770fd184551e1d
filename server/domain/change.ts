/**
 * One change to the contact centre, inside one transaction: who makes it,
 * the database's time, and the events it will announce. `commit()` appends
 * those events to the log with gapless sequence numbers and a NOTIFY (B4):
 * the counter row is taken last, so it is held only for the moment before
 * COMMIT and sequence numbers follow commit order.
 */
import type { AgentRef, CareEvent, Id, Task } from '../../src/model/types.js';
import type { Tx } from '../db/pool.js';
import { revokeReasonOf } from '../../src/model/rules.js';

/** Who hears an event: agents by id, everyone serving a queue, or (null) everyone. */
export type Audience = readonly string[] | null;
export const toAgent = (id: Id) => `a:${id}`;
export const toQueue = (id: Id) => `q:${id}`;

/** The channel every instance LISTENs on; the payload is only the newest sequence number. */
export const EVENTS_CHANNEL = 'care_events';

/** Why a task changed, which decides what each agent hears of it. */
export type TaskCause = 'received' | 'offered' | 'offer-timeout' | 'withdrawn' | 'declined' | 'transferred' | 'accepted' | 'closed' | 'reassigned' | 'wrap-up' | 'wrap-up-timeout';

/** What a record event is about: its customer (null for a contact not yet a customer) and activity, when it has one. */
export interface Subject {
  customerId?: Id | null;
  activityId?: Id;
}

interface Pending {
  event: CareEvent;
  audience: Audience;
  /** For record events, resolved into an audience at commit. */
  about?: Subject;
}

export class Change {
  private events: Pending[] = [];

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

  /**
   * A record changed (or a comment or chat line was added). Who hears it is
   * settled at commit, from the tasks of the record's customer (see
   * `resolveAudiences`).
   */
  record(event: CareEvent, about: Subject): void {
    this.events.push({ event, audience: null, about });
  }

  /** A customer, request or activity changed, naming who changed it (R6). */
  entity(change: Extract<CareEvent, { type: 'entity-changed' }>['change']): void {
    const event: CareEvent = this.actor ? { type: 'entity-changed', change, changedBy: this.actor } : { type: 'entity-changed', change };
    if (change.kind === 'customer') this.record(event, { customerId: change.value.id });
    else if (change.kind === 'request') this.record(event, { customerId: change.value.customerId });
    else this.record(event, { customerId: change.value.customerId, activityId: change.value.id });
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
    const reason = revokeReasonOf(cause);
    if (reason && before?.offeredTo) {
      this.emit({ type: 'task-revoked', task, reason }, [toAgent(before.offeredTo)]);
      holders.delete(before.offeredTo);
    }
    const audience = [...holders].map(toAgent);
    // The queue's agents saw it while it waited: they hear it arrive and leave, not what happens to it after.
    if (task.routing === 'pick' && (task.state === 'queued' || before?.state === 'queued')) audience.push(toQueue(task.queueId));
    if (audience.length) this.emit({ type: 'task-changed', task }, audience);
  }

  /**
   * B4 at scale: a record's events go to the agents who can be looking at
   * it, not to every agent. Those are the agents holding a task (offered or
   * in progress) for its customer or its activity, the queues where a pick
   * task for it waits (their agents preview it, R1, R2), and the agent who
   * made the change (their other tabs). Anyone editing a record holds such a
   * task (R25), so R6's warning always reaches them; a journey opened
   * without a task is read afresh each time it is opened.
   */
  private async resolveAudiences(): Promise<void> {
    const about = this.events.filter((e) => e.about);
    if (!about.length) return;
    const unknown = [...new Set(about.filter((e) => e.about!.customerId === undefined).map((e) => e.about!.activityId!))];
    const customerOf = new Map<Id, Id | null>();
    if (unknown.length) {
      const rows = await this.tx.rows<{ id: Id; customer_id: Id | null }>('SELECT id, customer_id FROM activities WHERE id = ANY($1)', [unknown]);
      for (const row of rows) customerOf.set(row.id, row.customer_id);
    }
    const subjects = about.map(({ about: a }) => ({
      customerId: a!.customerId === undefined ? (customerOf.get(a!.activityId!) ?? null) : a!.customerId,
      activityId: a!.activityId,
    }));
    const customers = [...new Set(subjects.flatMap((x) => (x.customerId ? [x.customerId] : [])))];
    const activities = [...new Set(subjects.flatMap((x) => (x.activityId ? [x.activityId] : [])))];
    const holders = await this.tx.rows<{ customer_id: Id | null; activity_id: Id; token: string }>(
      `SELECT customer_id, activity_id,
         CASE WHEN state = 'queued' THEN 'q:' || queue_id ELSE 'a:' || coalesce(accepted_by, offered_to) END AS token
       FROM tasks WHERE (state IN ('offered', 'accepted') OR (state = 'queued' AND routing = 'pick'))
         AND (customer_id = ANY($1) OR activity_id = ANY($2))`,
      [customers, activities],
    );
    about.forEach((e, i) => {
      const { customerId, activityId } = subjects[i]!;
      const tokens = new Set<string>(this.actor ? [toAgent(this.actor.id)] : []);
      for (const h of holders) {
        if ((customerId && h.customer_id === customerId) || (activityId && h.activity_id === activityId)) tokens.add(h.token);
      }
      e.audience = [...tokens];
    });
  }

  /**
   * Appends the events to the log. Call last, just before COMMIT. They go in with temporary keys;
   * COMMIT numbers them and wakes every instance (migration 004), so the counter row is never held
   * across a round trip to this instance.
   */
  async commit(): Promise<void> {
    await this.resolveAudiences();
    // A record event nobody can be looking at is not logged at all.
    this.events = this.events.filter((e) => !e.about || (e.audience?.length ?? 0) > 0);
    if (!this.events.length) return;
    const params: unknown[] = [this.now];
    const values = this.events.map(({ audience, event }, i) => {
      params.push(audience, JSON.stringify(event));
      return `(-nextval('event_staging'), $1, $${2 + i * 2}::text[], $${3 + i * 2}::jsonb)`;
    });
    await this.tx.rows(`INSERT INTO events (seq, at, audience, payload) VALUES ${values.join(', ')}`, params);
  }
}
