/**
 * Delivery time to the OTHER instance, measured two ways on probe streams,
 * for each write the bench made (matched by the record the write answered
 * with: a comment's or chat line's id, or an entity's id@version):
 *
 * - from the write's transaction start (the record's `createdAt`/`at`/
 *   `updatedAt`, which the server takes from the database clock right after
 *   BEGIN) to the moment the probe read the event: an upper bound on
 *   commit-to-delivery, since it includes the transaction itself;
 * - from the moment the writer read its 200 to the moment the probe read the
 *   event: a lower bound (the commit happened before the 200 was written).
 *   An event can arrive before the writer's 200; that counts as 0 and is
 *   counted apart.
 *
 * Only probes connected to an instance other than the writer's count. Both
 * clocks are this machine's wall clock (the bench runs with no clock offset).
 */
import { Samples } from './stats.js';

interface Arrival {
  instance: number;
  receivedAt: number;
  txAt: number;
}

/** The key of the record an event carries, and the time the server stamped it with. */
interface Stamped {
  id: string;
  version?: number;
  createdAt?: number;
  at?: number;
  updatedAt?: number;
}
interface EventData {
  type: string;
  comment?: Stamped;
  message?: Stamped;
  change?: { value: Stamped };
  task?: Stamped;
}

/** The key of the record an event carries, and the time the server stamped it with. */
export function eventKey(data: string): { key: string; txAt: number } | undefined {
  let event: EventData;
  try {
    event = JSON.parse(data) as EventData;
  } catch {
    return undefined;
  }
  if (event.comment) return { key: event.comment.id, txAt: event.comment.createdAt! };
  if (event.message) return { key: event.message.id, txAt: event.message.at! };
  const value = event.change?.value ?? event.task;
  if (value) return { key: `${value.id}@${value.version}`, txAt: value.updatedAt! };
  return undefined;
}

export class DeliveryTimer {
  readonly fromTx = new Samples();
  readonly fromAck = new Samples();
  /** Deliveries that reached the other instance's stream before the writer had its 200. */
  beforeAck = 0;
  private readonly acks = new Map<string, { instance: number; at: number }>();
  private readonly pending = new Map<string, Arrival[]>();

  /** The writer's 200 for the record `key`, written through `instance`. */
  ack(key: string, instance: number, at: number): void {
    this.acks.set(key, { instance, at });
    const waiting = this.pending.get(key);
    if (!waiting) return;
    this.pending.delete(key);
    for (const arrival of waiting) this.count(arrival, instance, at);
  }

  /** A probe connected to `instance` read an event. */
  receive(instance: number, data: string, receivedAt: number): void {
    const found = eventKey(data);
    if (!found) return;
    const arrival = { instance, receivedAt, txAt: found.txAt };
    const ack = this.acks.get(found.key);
    if (ack) return this.count(arrival, ack.instance, ack.at);
    const waiting = this.pending.get(found.key);
    if (waiting) waiting.push(arrival);
    else this.pending.set(found.key, [arrival]);
  }

  private count(arrival: Arrival, writer: number, ackAt: number): void {
    if (arrival.instance === writer || arrival.instance < 0) return;
    this.fromTx.add(arrival.receivedAt - arrival.txAt);
    if (arrival.receivedAt < ackAt) this.beforeAck++;
    this.fromAck.add(Math.max(0, arrival.receivedAt - ackAt));
  }

  /** Forgets writes and arrivals older than `olderThan` (events of records the bench did not write never match). */
  prune(olderThan: number): void {
    for (const [key, ack] of this.acks) if (ack.at < olderThan) this.acks.delete(key);
    for (const [key, arrivals] of this.pending) if (arrivals[0]!.receivedAt < olderThan) this.pending.delete(key);
  }
}
