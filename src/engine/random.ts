/**
 * A small seeded pseudo-random generator (mulberry32). The engine and its
 * demo data never touch `Math.random`, so a seed reproduces a whole session:
 * the same seed gives the same customers, the same journeys and the same
 * simulated contacts, in tests and in stories alike.
 */
export class Random {
  private state: number;

  /**
   * @param seed Any number; only its low 32 bits matter. Equal seeds give
   *   equal sequences.
   */
  constructor(seed = 1) {
    this.state = seed >>> 0;
  }

  /** The next number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * A whole number from `min` to `max`, both included.
   * @throws RangeError when `max` is less than `min`.
   */
  int(min: number, max: number): number {
    const lo = Math.ceil(min);
    const hi = Math.floor(max);
    if (hi < lo) throw new RangeError(`Random.int: empty range ${min}..${max}`);
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /**
   * One item of `items`, each equally likely.
   * @throws RangeError when `items` is empty, because there is nothing to return.
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Random.pick: no items');
    return items[Math.floor(this.next() * items.length)];
  }

  /** True with probability `p` (0 never, 1 always). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A shuffled copy of `items`; the input is left as it was. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }

  /**
   * `n` distinct positions of `items` (fewer if there are fewer items), in
   * random order. Duplicated values in `items` may still repeat.
   */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, Math.floor(n)));
  }
}
