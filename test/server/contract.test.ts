// B1: the kit's transport contract, run with the shipped HTTP adapter against
// two reference-server instances on one database: agent 1 on one, agent 2 on
// the other, so every rule between agents crosses instances.
import { EventSource } from 'eventsource';
import { after, before, describe, it } from 'node:test';
import type { Task } from '../../src/model/types.js';
import { CONTRACT_WORLD, defineTransportContract } from '../../src/transport/contract.js';
import { HttpTransport } from '../../src/transport/http.js';
import type { EventSourceClass } from '../../src/transport/http.js';
import { checkInvariants } from './support/invariants.js';
import { call, makeWorld, PASSWORD, type World } from './support/world.js';

let world: World;
before(async () => {
  world = await makeWorld(2);
});
after(() => world.close());

defineTransportContract(
  'HttpTransport against two server instances',
  async () => {
    const [a, b] = world.instances.map((i) => i.url) as [string, string];
    await call(a, 'POST', '/test/reset', { seed: 'contract' });
    const homes: Record<string, string> = { [CONTRACT_WORLD.agents.one.id]: a, [CONTRACT_WORLD.agents.two.id]: b };
    const tokens: Record<string, string> = {};
    for (const [agentId, base] of Object.entries(homes)) {
      tokens[agentId] = (await HttpTransport.signIn(`${base}/care-api`, agentId, PASSWORD)).token;
    }
    return {
      transport: (agentId) =>
        new HttpTransport({ baseUrl: `${homes[agentId] ?? a}/care-api`, token: tokens[agentId], EventSource: EventSource as unknown as EventSourceClass }),
      backend: {
        receive: async (inbound) => (await call(a, 'POST', '/test/receive', inbound)).body as unknown as Task,
        advance: async (ms) => void (await call(b, 'POST', '/test/advance', { ms })),
      },
      dispose: () => checkInvariants(world.db),
    };
  },
  { describe, it: (title, body) => it(title, body), timeRules: true },
);
