/**
 * One bench instance in its own process, so the two use both cores and can
 * be killed with SIGKILL. Reads DATABASE_URL, CARE_INBOUND_SECRET, PORT and
 * POOL_MAX; prints `{ url }` as one JSON line when it is up, then a
 * `{ stats }` line every second (event-loop delay, CPU), and closes cleanly
 * on SIGTERM (so `--cpu-prof` can write its profile).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Db } from '../../server/db/pool.js';
import { startInstance } from '../../server/instance.js';

const connectionString = process.env.DATABASE_URL!;
const db = new Db({ connectionString, max: Number(process.env.POOL_MAX ?? 10) });
const instance = await startInstance({
  db,
  connectionString,
  port: Number(process.env.PORT ?? 0),
  inboundSecret: process.env.CARE_INBOUND_SECRET!,
});
process.stdout.write(`${JSON.stringify({ url: instance.url })}\n`);

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let cpu = process.cpuUsage();
// The pool's queue is sampled often: a once-a-second look would miss short waits.
let poolWaitingMax = 0;
setInterval(() => (poolWaitingMax = Math.max(poolWaitingMax, db.pool.waitingCount)), 20).unref();
setInterval(() => {
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  const stats = {
    loopP99Ms: delay.percentile(99) / 1e6,
    loopMaxMs: delay.max / 1e6,
    cpuMs: (used.user + used.system) / 1000,
    poolWaitingMax,
  };
  delay.reset();
  poolWaitingMax = 0;
  process.stdout.write(`${JSON.stringify({ stats })}\n`);
}, 1_000).unref();

process.once('SIGTERM', () => {
  void instance.close().then(() => db.close()).finally(() => process.exit(0));
});
