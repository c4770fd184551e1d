/** The bench's closing summary: one block, the same lines every run, for the README to quote. */
import type { Outage } from './chaos.js';
import type { InstanceStats } from './instances.js';
import type { BenchOptions } from './options.js';
import type { ReaderStats } from './stream-workers.js';
import { line, ms, Samples, type Summary } from './stats.js';
import type { Verdict } from './verify.js';
import type { WriteStats } from './writes.js';

export interface RunResult {
  options: BenchOptions;
  setup: { seconds: number; signIn: Summary; signedIn: number; inserted: number; streamsOpenMs: number; streamsOk: number };
  seconds: number;
  stats: WriteStats;
  issued: number;
  skipped: number;
  fromTx: Samples;
  fromAck: Samples;
  beforeAck: number;
  drainMs: number;
  drained: boolean;
  verdict: Verdict;
  invariants: string;
  outages: Outage[];
  pgWaits: string;
  cpu: { client: number; instances: number[]; postgres: number | undefined; machine: number };
  instanceStats: InstanceStats[][];
  client: { mainLoopP99Ms: number; mainUtilization: number; readers: ReaderStats[] };
  serverErrors: { lines: number; first: string[] };
}

/** Busy CPU not used by the bench's own processes: another program competing for the cores makes every figure worse. */
function others(r: RunResult): string {
  if (r.cpu.postgres === undefined) return 'unknown (PostgreSQL restarted)';
  const ours = r.cpu.client + r.cpu.postgres + r.cpu.instances.reduce((a, b) => a + b, 0);
  return `${((Math.max(0, r.cpu.machine - ours)) / 1000).toFixed(1)} s (${pct(Math.max(0, r.cpu.machine - ours), r.seconds * 1000)} of one core)`;
}

const perDelivery = (cpuMs: number, deliveries: number) => `${((1000 * cpuMs) / Math.max(1, deliveries)).toFixed(2)} µs`;

const GOAL = { p99Api: 50, p99Delivery: 250 };
const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
const pct = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

export function report(r: RunResult): string {
  const o = r.options;
  const api = r.stats.latency.summary();
  const tx = r.fromTx.summary();
  const ack = r.fromAck.summary();
  const rate = r.stats.ok / r.seconds;
  const v = r.verdict;
  const outcomes = [...r.stats.outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ');
  const kinds = [...r.stats.kinds]
    .sort((a, b) => b[1].writes - a[1].writes)
    .map(([kind, k]) => `    ${kind.padEnd(16)} ${String(k.writes).padStart(6)} writes, ${String(k.writes - k.ok).padStart(4)} not 200, p50 ${ms(k.latency.summary().p50)}, p99 ${ms(k.latency.summary().p99)}`);
  const window = r.seconds * 1000;
  const cpuShare = (used: number | undefined) => (used === undefined ? 'n/a' : `${(used / 1000).toFixed(1)} s (${pct(used, window)} of one core)`);
  const loop = (samples: InstanceStats[]) => {
    if (!samples.length) return 'no samples';
    const p99 = Samples.from(Float64Array.from(samples.map((s) => s.loopP99Ms))).summary();
    return `loop delay p99 (per second, median ${ms(p99.p50)}, worst ${ms(p99.max)}), max ${ms(Math.max(...samples.map((s) => s.loopMaxMs)))}, pool queue max ${Math.max(...samples.map((s) => s.poolWaitingMax))}`;
  };
  const lines = [
    `== care-server bench: ${o.chaos ? 'CHAOS' : 'normal'} run ==`,
    `setup: ${o.agents} agents (+4 demo), 2 instances in child processes (pool ${o.pool} each), private PostgreSQL; ${r.setup.seconds.toFixed(1)} s`,
    `sign-in: ${r.setup.signedIn} agents through POST /sign-in (scrypt) ${line(r.setup.signIn)};`,
    `         ${r.setup.inserted} sessions inserted in SQL with hashed tokens (scrypt at that speed would take the run's setup ~${((r.setup.inserted * r.setup.signIn.p50) / 2000).toFixed(0)} s on 2 instances)`,
    `streams: ${r.setup.streamsOk}/${o.agents} open, one per agent, split over both instances (${(r.setup.streamsOpenMs / 1000).toFixed(1)} s to open)`,
    `target: ${o.rate} writes/s for ${o.seconds} s; slots issued ${r.issued}, skipped (no free agent) ${r.skipped}`,
    `writes: ${r.stats.writes} sent, ${r.stats.ok} answered 200 → ${rate.toFixed(1)} writes/s achieved`,
    `API latency per write attempt (client side): ${line(api)}`,
    ...kinds,
    `reads (session/records before an edit): ${line(r.stats.reads.summary())}, failed ${r.stats.readsFailed}`,
    `delivery to a stream on the OTHER instance (${o.probes} probe streams per instance):`,
    `    tx start → received (upper bound on commit → delivery): ${line(tx)}`,
    `    writer's 200 → received (lower bound):                  ${line(ack)}; ${r.beforeAck} arrived before the writer's 200`,
    `events: ${v.events} in the log during the run, ${v.expected} deliveries expected, ${v.received} received${r.drained ? `; all delivered ${ms(r.drainMs)} after the last write` : `; NOT all delivered ${ms(r.drainMs)} after the last write`}`,
    `    lost ${v.lost} (in ${v.streamsWithLoss} streams), duplicated ${v.duplicated}, out of order ${v.outOfOrder}, meant for others ${v.foreign}, replayed from before the cursor ${v.early}, resets ${v.resets}`,
    `    stream reconnects ${v.reconnects}, failed connection attempts ${v.failedConnects}`,
    ...v.examples.map((e) => `    e.g. ${e}`),
    `errors by status (attempts): ${outcomes || 'none'}`,
    `refused during outages (503 or no answer): ${r.stats.refused}; writes retried ${r.stats.retried}, recovered ${r.stats.recovered}, given up ${r.stats.gaveUp}`,
    ...(r.outages.length ? [`outages: ${r.outages.map((x) => `${x.what} at ${x.at.toFixed(1)} s (back in ${ms(x.downMs)})`).join('; ')}`] : []),
    `SQL invariants: ${r.invariants}`,
    `CPU over the run: bench client ${cpuShare(r.cpu.client)}, ${r.cpu.instances.map((c, i) => `instance ${'AB'[i]} ${cpuShare(c)}`).join(', ')}, PostgreSQL ${cpuShare(r.cpu.postgres)}`,
    `CPU per delivered event: instances ${perDelivery(r.cpu.instances.reduce((a, b) => a + b, 0), v.received)}, bench client ${perDelivery(r.cpu.client, v.received)}, PostgreSQL per write ${r.cpu.postgres === undefined ? 'n/a' : `${((1000 * r.cpu.postgres) / Math.max(1, r.stats.writes)).toFixed(0)} µs`}`,
    `machine: ${pct(r.cpu.machine, 2 * window)} of its 2 cores busy; other work on the machine (not this bench) ${others(r)}`,
    ...r.instanceStats.map((s, i) => `instance ${'AB'[i]}: ${loop(s)}`),
    `PostgreSQL connections in a transaction, on average: ${r.pgWaits}`,
    `bench client: writers' loop delay p99 ${ms(r.client.mainLoopP99Ms)} (busy ${pct(r.client.mainUtilization, 1)}), ` +
      r.client.readers.map((x) => `${x.name}' reader loop delay p99 ${ms(x.loopP99Ms)} (busy ${pct(x.utilization, 1)})`).join(', '),
    ...(r.serverErrors.lines ? [`server stderr: ${r.serverErrors.lines} lines, first: ${r.serverErrors.first.slice(0, 3).join(' | ')}`] : []),
    `goal (${o.agents >= 1000 && o.rate >= 200 ? '1,000 agents at 200 writes/s' : 'scaled'}): p99 API < ${GOAL.p99Api} ms ${mark(api.p99 < GOAL.p99Api)}; ` +
      `p99 delivery < ${GOAL.p99Delivery} ms ${mark(tx.p99 < GOAL.p99Delivery)} (upper bound ${ms(tx.p99)}); ` +
      `rate ${mark(rate >= o.rate * 0.97)}; lost ${v.lost}, duplicated ${v.duplicated} ${mark(v.lost === 0 && v.duplicated === 0)}`,
  ];
  return lines.join('\n');
}
