/**
 * The write schedule: an open loop issuing `rate` write slots per second,
 * whatever the answers' speed (a closed loop would slow down with the
 * server and hide its latency). A slot goes to a chat the inbound side
 * owes, else to the next agent in turn who is free, so each agent acts
 * about every agents/rate seconds. A slot with no free agent is counted as
 * skipped: the client could not keep up or every agent was waiting.
 */
import type { AgentContext, BenchAgent } from './agents.js';

export class Dispatcher {
  issued = 0;
  skipped = 0;
  private cursor = 0;

  constructor(
    private readonly rate: number,
    private readonly agents: readonly BenchAgent[],
    private readonly ctx: AgentContext,
  ) {}

  /** Issues slots for `seconds`, then waits for the writes still under way. */
  async run(seconds: number): Promise<void> {
    const started = performance.now();
    const end = started + seconds * 1000;
    const running = new Set<Promise<void>>();
    while (performance.now() < end) {
      const due = Math.floor(((performance.now() - started) * this.rate) / 1000) - this.issued;
      for (let i = 0; i < due; i++) {
        this.issued++;
        const work = this.slot();
        if (!work) continue;
        running.add(work);
        void work.finally(() => running.delete(work));
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(running);
  }

  private slot(): Promise<void> | undefined {
    const { inbound, queued } = this.ctx;
    if (inbound.pending > 0) {
      inbound.pending--;
      return inbound.chat(this.ctx);
    }
    for (let k = 0; k < this.agents.length; k++) {
      const agent = this.agents[this.cursor]!;
      this.cursor = (this.cursor + 1) % this.agents.length;
      if (agent.busy || (!agent.working && queued.length === 0)) continue;
      return agent.act(this.ctx);
    }
    this.skipped++;
    return undefined;
  }
}
