/** Latency samples and their percentiles; a bitset of sequence numbers. */

/** Every sample kept (a run has at most a few hundred thousand), so percentiles are exact. */
export class Samples {
  private data = new Float64Array(1024);
  length = 0;

  add(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  static from(values: Float64Array): Samples {
    const samples = new Samples();
    for (const v of values) samples.add(v);
    return samples;
  }

  addAll(other: Samples): void {
    for (const v of other.values()) this.add(v);
  }

  summary(): Summary {
    const sorted = Float64Array.from(this.values()).sort();
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
    return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1]! : NaN };
  }
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`);
export const line = (s: Summary) => `p50 ${ms(s.p50)}   p99 ${ms(s.p99)}   max ${ms(s.max)}   (n=${s.n})`;

/** Which sequence numbers a stream received, from `base` on; grows as needed. */
export class SeqSet {
  bits: Uint8Array;

  constructor(
    readonly base: number,
    bits?: Uint8Array,
  ) {
    this.bits = bits ?? new Uint8Array(1024);
  }

  /** Adds `seq`; false when it was already there. `seq` must be ≥ base. */
  add(seq: number): boolean {
    const i = seq - this.base;
    const byte = i >> 3;
    if (byte >= this.bits.length) {
      const bigger = new Uint8Array(Math.max(this.bits.length * 2, byte + 1));
      bigger.set(this.bits);
      this.bits = bigger;
    }
    const mask = 1 << (i & 7);
    if (this.bits[byte] & mask) return false;
    this.bits[byte] |= mask;
    return true;
  }

  has(seq: number): boolean {
    const i = seq - this.base;
    if (i < 0) return false;
    const byte = i >> 3;
    return byte < this.bits.length && (this.bits[byte] & (1 << (i & 7))) !== 0;
  }
}
