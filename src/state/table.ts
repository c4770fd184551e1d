import type { Id } from '../model/types.js';

/** Changes kept beside the base before they are folded into a new one. */
const FOLD = 32;

/**
 * An immutable table of records by id whose copies share almost all of
 * their memory: a change copies a small overlay, and only every FOLD changes
 * is the overlay folded into a new base. A colleague's accept in a queue of
 * 10,000 tasks copies a few dozen entries, not 10,000.
 */
export class Table<T extends { readonly id: Id }> implements Iterable<T> {
  private constructor(
    private readonly base: ReadonlyMap<Id, T>,
    /** Changes on top of `base`; `undefined` marks a record taken out. */
    private readonly overlay: ReadonlyMap<Id, T | undefined>,
    /** How many records the table holds. */
    readonly size: number,
  ) {}

  /** A table of `records` (a later one with the same id wins). */
  static of<T extends { readonly id: Id }>(records: Iterable<T> = []): Table<T> {
    const base = new Map<Id, T>();
    for (const record of records) base.set(record.id, record);
    return new Table(base, new Map(), base.size);
  }

  get(id: Id): T | undefined {
    return this.overlay.has(id) ? this.overlay.get(id) : this.base.get(id);
  }

  has(id: Id): boolean {
    return this.get(id) !== undefined;
  }

  /** A table with `record` in it, under its id. */
  set(record: T): Table<T> {
    return this.withAll(new Map([[record.id, record]]));
  }

  /** A table without the record of `id`; the same table if it held none. */
  delete(id: Id): Table<T> {
    return this.has(id) ? this.withAll(new Map([[id, undefined]])) : this;
  }

  /**
   * A table with every change of `changes` (a record, or `undefined` to take
   * its id out) made at once: one copy however many there are, so a burst of
   * thousands of events stays linear (N4).
   */
  withAll(changes: ReadonlyMap<Id, T | undefined>): Table<T> {
    if (changes.size === 0) return this;
    let size = this.size;
    for (const [id, record] of changes) size += (record !== undefined ? 1 : 0) - (this.has(id) ? 1 : 0);
    if (this.overlay.size + changes.size <= FOLD) return new Table(this.base, new Map([...this.overlay, ...changes]), size);
    const base = new Map(this.base);
    for (const [key, value] of this.overlay) fold(base, key, value);
    for (const [key, value] of changes) fold(base, key, value);
    return new Table(base, new Map(), size);
  }

  *values(): IterableIterator<T> {
    for (const [id, record] of this.base) if (!this.overlay.has(id)) yield record;
    for (const record of this.overlay.values()) if (record !== undefined) yield record;
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.values();
  }
}

function fold<T>(base: Map<Id, T>, key: Id, value: T | undefined): void {
  if (value === undefined) base.delete(key);
  else base.set(key, value);
}
