/**
 * `npm run bench:server`: N agents on two instances of the reference server,
 * each with an event stream, writing at a target rate; measures write
 * latency, delivery to the other instance, and every stream against the
 * event log; `--chaos` kills instances and crashes PostgreSQL meanwhile.
 * See options.ts for the flags and report.ts for what it prints.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { checkInvariants } from '../../test/server/support/invariants.js';
import { BenchAgent, Inbound, type AgentContext } from './agents.js';
import { runChaos, type Outage } from './chaos.js';
import { machineBusyMs, postgresCpuMs } from './cpu.js';
import { Dispatcher } from './dispatch.js';
import { call, closeClients } from './http-client.js';
import { BenchInstance } from './instances.js';
import { parseOptions } from './options.js';
import { summariseProfiles } from './cpu-profile.js';
import { enableStatements, resetStatements, topStatements } from './pg-profile.js';
import { PgWaits } from './pg-waits.js';
import { report } from './report.js';
import { Samples } from './stats.js';
import { StreamWorkers } from './stream-workers.js';
import { expectedLast, readLog, verify } from './verify.js';
import { insertSessions, makeWorld, PASSWORD } from './world.js';
import { WriteStats } from './writes.js';

const INBOUND_SECRET = 'bench-inbound-secret';
const options = parseOptions(process.argv.slice(2));
const log = (text: string) => console.log(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${text}`);

/** Runs `work` over `items` with at most `width` at a time. */
async function pool<T>(items: readonly T[], width: number, work: (item: T, i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  }));
}

const setupStarted = performance.now();
log(`making a cluster with ${options.agents} agents…`);
const world = await makeWorld(options.agents);
const instances: BenchInstance[] = [];
let workers: StreamWorkers | undefined;
const cleanup = async () => {
  await workers?.terminate();
  closeClients();
  for (const instance of instances) await instance.stop().catch(() => undefined);
  await world.close();
};
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

try {
  if (options.profile) await enableStatements(world.db, world.cluster);
  const config = { databaseUrl: world.cluster.url, inboundSecret: INBOUND_SECRET, pool: options.pool, profile: options.profile };
  instances.push(...(await Promise.all([0, 1].map((i) => BenchInstance.start(i, config)))));
  const urls = instances.map((i) => i.url);
  log(`instances up at ${urls.join(', ')}`);

  // Sign-in: a sample through the API (scrypt, as a desk would), the rest straight into the sessions table.
  const signIn = new Samples();
  const tokens = new Map<string, string>();
  await pool(world.agents.slice(0, options.signIns), 2, async (agent, i) => {
    const reply = await call(urls[i % 2]!, 'POST', '/sign-in', { login: agent.id, password: PASSWORD });
    if (reply.status !== 200) throw new Error(`sign-in of ${agent.id} answered ${reply.status}`);
    signIn.add(reply.ms);
    tokens.set(agent.id, reply.body.token);
  });
  const rest = world.agents.slice(options.signIns).map((a) => a.id);
  for (const [id, token] of await insertSessions(world.db, rest)) tokens.set(id, token);
  log(`${options.signIns} signed in through the API (p50 ${signIn.summary().p50.toFixed(0)} ms), ${rest.length} sessions inserted in SQL`);

  const stats = new WriteStats();
  const ctx: AgentContext = {
    urls, stats, inboundSecret: INBOUND_SECRET, queued: [], inbound: new Inbound(world.customers, urls.length),
    ack: (key, instance, at) => workers?.ack(key, instance, at),
  };
  const agents = world.agents.map((a, i) => new BenchAgent(a.id, tokens.get(a.id)!, i % 2));
  const me = await call(urls[1]!, 'GET', '/me', undefined, agents[agents.length - 1]!.headers);
  if (me.status !== 200) throw new Error(`an inserted session is not recognised: GET /me answered ${me.status}`);

  // Warm-up (not measured): a chat for every agent and a tenth more waiting, each agent accepts one.
  stats.counting = false;
  await pool(Array.from({ length: Math.ceil(options.agents * 1.1) }), 16, () => ctx.inbound.chat(ctx));
  await pool(agents, 16, (agent) => agent.accept(ctx));
  log(`warm-up: ${agents.filter((a) => a.working).length} agents working, ${ctx.queued.length} chats waiting`);

  const [{ seq: since }] = await world.db.rows<{ seq: number }>('SELECT seq FROM event_counter');
  const specs = agents.map((a, i) => ({ agentId: a.id, token: tokens.get(a.id)!, home: a.home, probe: Math.floor(i / 2) < options.probes }));
  workers = new StreamWorkers(specs, since, urls, (error) => {
    console.error('a streams worker failed', error);
    process.exitCode = 1;
  });
  const opened = await workers.opened();
  log(`${opened.ok} streams open in ${(opened.ms / 1000).toFixed(1)} s`);
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  // The run.
  log(`running: ${options.rate} writes/s for ${options.seconds} s${options.chaos ? ' with chaos' : ''}…`);
  stats.counting = true;
  for (const instance of instances) instance.measuring = true;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const elu = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpuMs(world.cluster.dir);
  const machine0 = machineBusyMs();
  if (options.profile) await resetStatements(world.db);
  const dispatcher = new Dispatcher(options.rate, agents, ctx);
  const waits = new PgWaits(world.db);
  waits.start();
  const runStarted = performance.now();
  const [, outages] = await Promise.all([
    dispatcher.run(options.seconds),
    options.chaos ? runChaos(instances, world.cluster, options.seconds) : Promise.resolve([] as Outage[]),
  ]);
  const seconds = (performance.now() - runStarted) / 1000;
  stats.counting = false;
  waits.stop();
  const cpuClient = process.cpuUsage(cpu0);
  const pg1 = postgresCpuMs(world.cluster.dir);
  const machine = machineBusyMs() - machine0;
  const mainUtilization = performance.eventLoopUtilization(elu).utilization;
  for (const instance of instances) instance.measuring = false;
  log(`run over: ${stats.ok} writes answered 200 in ${seconds.toFixed(1)} s; waiting for every stream to catch up…`);

  // Every stream must reach the newest event meant for it.
  const logView = await readLog(world.db, since);
  const last = expectedLast(logView, world.agents);
  const drainStarted = performance.now();
  let drained = false;
  let told = drainStarted;
  while (performance.now() - drainStarted < options.drain * 1000) {
    const { lastIds, connected } = await workers.status();
    const behind = lastIds.filter((id, i) => id < last[i]!).length;
    if (!behind) {
      drained = true;
      break;
    }
    if (performance.now() - told > 5_000) {
      told = performance.now();
      log(`${behind} streams still behind the log (${connected} connected)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const drainMs = performance.now() - drainStarted;
  const final = await workers.final();
  const queues = new Map(world.agents.map((a) => [a.id, a.queueIds]));
  const verdict = verify(logView, final.streams, (id) => queues.get(id) ?? []);
  const invariants = await checkInvariants(world.db).then(() => 'all hold', (error: Error) => `FAILED: ${error.message}`);

  console.log(
    `\n${report({
      options,
      setup: {
        seconds: setupSeconds, signIn: signIn.summary(), signedIn: options.signIns, inserted: rest.length, streamsOpenMs: opened.ms, streamsOk: opened.ok,
      },
      seconds, stats, issued: dispatcher.issued, skipped: dispatcher.skipped,
      fromTx: Samples.from(final.fromTx), fromAck: Samples.from(final.fromAck), beforeAck: final.beforeAck,
      drainMs, drained, verdict, invariants, outages, pgWaits: waits.summary(),
      cpu: {
        client: (cpuClient.user + cpuClient.system) / 1000,
        instances: instances.map((i) => i.samples.reduce((sum, s) => sum + s.cpuMs, 0)),
        postgres: pg0 !== undefined && pg1 !== undefined && !options.chaos ? pg1 - pg0 : undefined,
        machine,
      },
      instanceStats: instances.map((i) => i.samples),
      client: { mainLoopP99Ms: loop.percentile(99) / 1e6, mainUtilization, readers: final.readers },
      serverErrors: {
        lines: instances.reduce((sum, i) => sum + i.errorLines, 0), first: instances.flatMap((i) => i.firstErrors),
      },
    })}\n`,
  );
  if (options.profile) {
    console.log(await topStatements(world.db));
    for (const instance of instances) await instance.stop(); // writes its CPU profile
    console.log(summariseProfiles(options.profile));
  }
  const failed = verdict.lost > 0 || verdict.duplicated > 0 || verdict.foreign > 0 || !invariants.startsWith('all');
  if (failed) process.exitCode = 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
