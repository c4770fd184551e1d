/**
 * `--chaos`: over the run, ten times an instance is killed with SIGKILL and
 * started again on its port (alternating between the two), and three times
 * PostgreSQL is crashed (`pg_ctl stop -m immediate`) and started again. The
 * events run one after another at fixed points of the run, so every run
 * suffers the same.
 */
import type { Cluster } from '../../server/db/cluster.js';
import type { BenchInstance } from './instances.js';

export interface Outage {
  what: string;
  /** Seconds into the run. */
  at: number;
  /** From the kill (or stop) to the instance (or database) answering again. */
  downMs: number;
}

const KILLS = 10;
const DATABASE_RESTARTS = 3;

export async function runChaos(instances: readonly BenchInstance[], cluster: Cluster, seconds: number): Promise<Outage[]> {
  const plan: { at: number; run: () => Promise<string> }[] = [];
  for (let k = 0; k < KILLS; k++) {
    const instance = instances[k % instances.length]!;
    plan.push({
      at: ((k + 0.5) * seconds) / KILLS,
      run: async () => {
        await instance.kill();
        await instance.spawnUntilUp();
        return `SIGKILL ${instance.name}`;
      },
    });
  }
  for (let j = 0; j < DATABASE_RESTARTS; j++) {
    plan.push({
      at: ((j + 1) * seconds) / (DATABASE_RESTARTS + 1) + seconds / 40,
      run: async () => {
        await cluster.stop('immediate');
        await cluster.start();
        return 'PostgreSQL crash + restart';
      },
    });
  }
  plan.sort((a, b) => a.at - b.at);
  const started = performance.now();
  const outages: Outage[] = [];
  for (const step of plan) {
    const wait = step.at * 1000 - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const at = (performance.now() - started) / 1000;
    const t0 = performance.now();
    const what = await step.run();
    outages.push({ what, at, downMs: performance.now() - t0 });
  }
  return outages;
}
