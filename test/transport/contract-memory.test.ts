import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import { CONTRACT_START, contractSeed, defineTransportContract } from '../../src/transport/contract.js';
import { MemoryTransport } from '../../src/transport/memory.js';

// The reference adapter over the embedded engine: a fresh engine per test, on virtual time.
for (const latency of [0, 5]) {
  defineTransportContract(
    `MemoryTransport (latency ${latency} ms)`,
    () => {
      const clock = new VirtualClock(CONTRACT_START);
      const engine = new CareEngine({ clock, seed: contractSeed(CONTRACT_START) });
      return {
        transport: (agentId) => new MemoryTransport(engine, { agentId, latency }),
        backend: { receive: (inbound) => engine.receive(inbound), advance: (ms) => clock.advance(ms) },
        dispose: () => engine.dispose(),
      };
    },
    { describe, it, timeRules: true },
  );
}
