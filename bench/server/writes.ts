/**
 * Sending writes and counting them: every attempt's client-side latency,
 * outcomes by status, and retries. A write with an idempotency key is
 * retried (same key, the other instance if this one is gone) while the
 * server is unreachable or answers 503, up to 30 s; a write without one is
 * retried only when the connection was refused, i.e. it never reached a
 * server, because anything else may have committed (N3).
 */
import { call, type Reply } from './http-client.js';
import { Samples } from './stats.js';

export type WriteKind =
  | 'inbound-task' | 'inbound-message' | 'accept' | 'close' | 'comment' | 'chat' | 'tag-add' | 'tag-remove' | 'customer' | 'request';

export interface KindStats {
  writes: number;
  ok: number;
  latency: Samples;
}

export class WriteStats {
  /** Every answered attempt of every write. */
  readonly latency = new Samples();
  readonly kinds = new Map<WriteKind, KindStats>();
  /** Outcomes of attempts: HTTP status, or the socket error when nothing answered. */
  readonly outcomes = new Map<string, number>();
  writes = 0;
  ok = 0;
  /** Attempts refused while something was down: 503, or no answer at all. */
  refused = 0;
  /** Writes sent more than once, those that then succeeded, and those given up. */
  retried = 0;
  recovered = 0;
  gaveUp = 0;
  readonly reads = new Samples();
  readsFailed = 0;
  counting = true;

  kind(kind: WriteKind): KindStats {
    let stats = this.kinds.get(kind);
    if (!stats) this.kinds.set(kind, (stats = { writes: 0, ok: 0, latency: new Samples() }));
    return stats;
  }

  attempt(kind: WriteKind, reply: Reply): void {
    if (!this.counting) return;
    const outcome = reply.status ? String(reply.status) : (reply.error ?? 'no answer');
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    if (reply.status === 0 || reply.status === 503) this.refused++;
    if (reply.status) {
      this.latency.add(reply.ms);
      this.kind(kind).latency.add(reply.ms);
    }
  }

  done(kind: WriteKind, reply: Reply, attempts: number): void {
    if (!this.counting) return;
    const stats = this.kind(kind);
    stats.writes++;
    this.writes++;
    if (reply.status === 200) {
      stats.ok++;
      this.ok++;
    }
    if (attempts > 1) {
      this.retried++;
      if (reply.status === 200) this.recovered++;
      else if (reply.status === 0 || reply.status === 503) this.gaveUp++;
    }
  }

  read(reply: Reply): void {
    if (!this.counting) return;
    if (reply.status === 200) this.reads.add(reply.ms);
    else this.readsFailed++;
  }
}

export interface Target {
  urls: readonly string[];
  stats: WriteStats;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one write to `instance` (retrying as described above); resolves with the final reply and the instance that gave it. */
export async function write(
  target: Target, kind: WriteKind, instance: number, method: string, path: string, body: unknown,
  headers: Record<string, string>, keyed: boolean,
): Promise<Reply & { instance: number }> {
  const deadline = performance.now() + 30_000;
  for (let attempt = 1; ; attempt++) {
    const reply = await call(target.urls[instance]!, method, path, body, headers);
    target.stats.attempt(kind, reply);
    const unreachable = reply.status === 0;
    const again = keyed ? unreachable || reply.status === 503 : unreachable && reply.error === 'ECONNREFUSED';
    if (!again || performance.now() > deadline) {
      target.stats.done(kind, reply, attempt);
      return { ...reply, instance };
    }
    if (unreachable) instance = (instance + 1) % target.urls.length;
    await sleep(unreachable ? 50 : 250);
  }
}
