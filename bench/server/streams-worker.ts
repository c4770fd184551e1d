/**
 * The agents' event streams, in a worker thread of their own: reading a
 * thousand streams is the bench's heaviest client-side work, and on the
 * main thread it would delay the writers and inflate their latency.
 * Messages in: `acks` (writes answered, for delivery timing), `status`,
 * `final`. Messages out: `opened`, `status`, `final`.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { DeliveryTimer } from './delivery.js';
import { clock } from './http-client.js';
import { BenchStream, type StreamSpec } from './sse-client.js';

export interface WorkerInit {
  specs: StreamSpec[];
  since: number;
  urls: string[];
}

/** One write's answer, for delivery timing: [key, instance, at]. */
export type Ack = [string, number, number];

export interface StreamResult {
  agentId: string;
  base: number;
  bits: Uint8Array;
  lastId: number;
  duplicates: number;
  outOfOrder: number;
  early: number;
  resets: number;
  connects: number;
  failures: number;
}

export interface WorkerFinal {
  streams: StreamResult[];
  fromTx: Float64Array;
  fromAck: Float64Array;
  beforeAck: number;
  loopP99Ms: number;
  loopMaxMs: number;
  utilization: number;
}

export type WorkerMessage =
  | { type: 'opened'; ok: number; ms: number }
  | { type: 'status'; lastIds: number[]; connected: number }
  | ({ type: 'final' } & WorkerFinal);

const { specs, since, urls } = workerData as WorkerInit;
const port = parentPort!;
const timer = new DeliveryTimer();
const streams = specs.map(
  (spec) => new BenchStream(spec, since, urls, spec.probe ? (stream, data, at) => timer.receive(stream.connectedTo, data, at) : undefined),
);
const delay = monitorEventLoopDelay({ resolution: 5 });
setInterval(() => timer.prune(clock() - 15_000), 2_000).unref();

port.on('message', (message: { type: 'acks'; acks: Ack[] } | { type: 'status' } | { type: 'final' }) => {
  if (message.type === 'acks') {
    for (const [key, instance, at] of message.acks) timer.ack(key, instance, at);
  } else if (message.type === 'status') {
    port.postMessage({
      type: 'status',
      lastIds: streams.map((s) => s.lastId),
      connected: streams.filter((s) => s.connectedTo >= 0).length,
    } satisfies WorkerMessage);
  } else {
    for (const stream of streams) stream.close();
    const results: StreamResult[] = streams.map((s) => ({
      agentId: s.spec.agentId, base: s.seen.base, bits: s.seen.bits, lastId: s.lastId, duplicates: s.duplicates,
      outOfOrder: s.outOfOrder, early: s.early, resets: s.resets, connects: s.connects, failures: s.failures,
    }));
    const final: WorkerMessage = {
      type: 'final',
      streams: results,
      fromTx: Float64Array.from(timer.fromTx.values()),
      fromAck: Float64Array.from(timer.fromAck.values()),
      beforeAck: timer.beforeAck,
      loopP99Ms: delay.percentile(99) / 1e6,
      loopMaxMs: delay.max / 1e6,
      utilization: performance.eventLoopUtilization(started).utilization,
    };
    port.postMessage(final, results.map((r) => r.bits.buffer as ArrayBuffer));
  }
});

// Open in batches, as agents arriving at their desks would, not a thousand handshakes at once.
const openedAt = performance.now();
let ok = 0;
for (let i = 0; i < streams.length; i += 50) {
  const batch = await Promise.all(streams.slice(i, i + 50).map((s) => s.open()));
  ok += batch.filter(Boolean).length;
}
const started = performance.eventLoopUtilization();
delay.enable();
port.postMessage({ type: 'opened', ok, ms: performance.now() - openedAt } satisfies WorkerMessage);
