/**
 * The agents' streams in two worker threads: the probe streams (whose
 * events are timed) alone in one, every other stream in the other. Reading
 * a thousand streams keeps a thread busy; timing deliveries on that thread
 * would measure the bench's own backlog, not the server.
 */
import { Worker } from 'node:worker_threads';
import type { StreamSpec } from './sse-client.js';
import type { Ack, StreamResult, WorkerFinal, WorkerInit, WorkerMessage } from './streams-worker.js';

interface Thread {
  worker: Worker;
  /** Positions of its streams in the full list. */
  positions: number[];
  messages: WorkerMessage[];
  waiters: (() => void)[];
}

export interface ReaderStats {
  name: string;
  loopP99Ms: number;
  utilization: number;
}

export interface Finals {
  streams: StreamResult[];
  fromTx: Float64Array;
  fromAck: Float64Array;
  beforeAck: number;
  readers: ReaderStats[];
}

export class StreamWorkers {
  private readonly threads: Thread[] = [];
  private readonly acks: Ack[] = [];
  private readonly flush: NodeJS.Timeout;

  constructor(
    specs: readonly StreamSpec[],
    since: number,
    urls: string[],
    onError: (error: Error) => void,
  ) {
    const groups = [specs.flatMap((s, i) => (s.probe ? [i] : [])), specs.flatMap((s, i) => (s.probe ? [] : [i]))];
    for (const positions of groups.filter((g) => g.length)) {
      const init: WorkerInit = { since, urls, specs: positions.map((i) => specs[i]!) };
      const thread: Thread = { worker: new Worker(new URL('./streams-worker.js', import.meta.url), { workerData: init }), positions, messages: [], waiters: [] };
      thread.worker.on('message', (m: WorkerMessage) => {
        thread.messages.push(m);
        for (const wake of thread.waiters.splice(0)) wake();
      });
      thread.worker.on('error', onError);
      this.threads.push(thread);
    }
    this.flush = setInterval(() => this.sendAcks(), 20);
  }

  private async next<K extends WorkerMessage['type']>(thread: Thread, type: K): Promise<Extract<WorkerMessage, { type: K }>> {
    for (;;) {
      const i = thread.messages.findIndex((m) => m.type === type);
      if (i >= 0) return thread.messages.splice(i, 1)[0] as Extract<WorkerMessage, { type: K }>;
      await new Promise<void>((resolve) => thread.waiters.push(resolve));
    }
  }

  /** Resolves when every stream answered its first connection: how many opened, and how long it took. */
  async opened(): Promise<{ ok: number; ms: number }> {
    const all = await Promise.all(this.threads.map((t) => this.next(t, 'opened')));
    return { ok: all.reduce((sum, o) => sum + o.ok, 0), ms: Math.max(...all.map((o) => o.ms)) };
  }

  /** A write was answered (for delivery timing on the probe thread). */
  ack(key: string, instance: number, at: number): void {
    this.acks.push([key, instance, at]);
  }

  private sendAcks(): void {
    if (this.acks.length) this.threads[0]!.worker.postMessage({ type: 'acks', acks: this.acks.splice(0) });
  }

  /** The newest id each stream received (in the order of the specs), and how many streams are connected now. */
  async status(): Promise<{ lastIds: number[]; connected: number }> {
    const lastIds: number[] = [];
    let connected = 0;
    await Promise.all(this.threads.map(async (thread) => {
      thread.worker.postMessage({ type: 'status' });
      const status = await this.next(thread, 'status');
      status.lastIds.forEach((id, k) => (lastIds[thread.positions[k]!] = id));
      connected += status.connected;
    }));
    return { lastIds, connected };
  }

  /** Closes every stream and collects what each received. */
  async final(): Promise<Finals> {
    clearInterval(this.flush);
    this.sendAcks();
    const finals: WorkerFinal[] = await Promise.all(this.threads.map((thread) => {
      thread.worker.postMessage({ type: 'final' });
      return this.next(thread, 'final');
    }));
    const streams: StreamResult[] = [];
    finals.forEach((f, t) => f.streams.forEach((s, k) => (streams[this.threads[t]!.positions[k]!] = s)));
    const concat = (pick: (f: WorkerFinal) => Float64Array) => {
      const out = new Float64Array(finals.reduce((n, f) => n + pick(f).length, 0));
      let at = 0;
      for (const f of finals) {
        out.set(pick(f), at);
        at += pick(f).length;
      }
      return out;
    };
    return {
      streams,
      fromTx: concat((f) => f.fromTx),
      fromAck: concat((f) => f.fromAck),
      beforeAck: finals.reduce((n, f) => n + f.beforeAck, 0),
      readers: finals.map((f, t) => ({
        name: this.threads.length > 1 && t === 0 ? 'probe streams' : 'other streams', loopP99Ms: f.loopP99Ms, utilization: f.utilization,
      })),
    };
  }

  async terminate(): Promise<void> {
    clearInterval(this.flush);
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
