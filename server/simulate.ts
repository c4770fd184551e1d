/**
 * `npm run simulate`: customers and colleagues against a running reference
 * server. Customers bring chats and calls to the inbound endpoint (with the
 * inbound secret) and keep typing in their chats; colleagues (agent-2 …
 * agent-4 by default, so agent-1 is left for you) sign in over the protocol
 * and accept, answer, change, comment and close. Every step is printed.
 */
import { Random } from '../src/engine/random.js';
import type { Customer } from '../src/model/types.js';
import { Api } from './sim/api.js';
import { Colleague } from './sim/colleague.js';
import { Customers, describe } from './sim/customers.js';
import { say } from './sim/log.js';
import { readOptions, type SimOptions } from './sim/options.js';

async function main(options: SimOptions): Promise<void> {
  const rng = new Random(options.seed);
  const api = new Api(options.url);
  console.log(`Simulating against ${options.url}: ${options.rate} contacts a minute, colleagues ${options.colleagues.join(', ') || '(none)'}, seed ${options.seed}. Ctrl-C stops.`);

  let known: Customer[] = [];
  const colleagues: Colleague[] = [];
  const customers = new Customers(api.withToken(options.secret), rng, {
    rate: options.rate,
    pickShare: options.pickShare,
    known: () => known,
    pickQueue: () => colleagues.flatMap((c) => c.queues).find((q) => q.routing === 'pick')?.id,
  });
  for (const login of options.colleagues) {
    const colleague = new Colleague(login, options.password, api, rng, customers.chats);
    try {
      await colleague.start();
      colleagues.push(colleague);
    } catch (error) {
      say(login, `cannot sign in: ${describe(error)}`);
    }
  }
  // Known customers, so about half of the contacts come from people already in the database (R27).
  const refresh = async () => {
    const finder = colleagues[0];
    if (finder) known = await finder.search('example').catch(() => known);
  };
  await refresh();
  const refreshing = setInterval(() => void refresh(), 60_000);
  customers.start();

  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    clearInterval(refreshing);
    customers.stop();
    await Promise.all(colleagues.map((c) => c.stop()));
    const acted = colleagues.reduce((sum, c) => sum + c.acted, 0);
    console.log(`Stopped: ${customers.arrived} contacts brought in, ${acted} colleague actions.`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

let options: SimOptions;
try {
  options = readOptions(process.argv.slice(2));
} catch (error) {
  const message = (error as Error).message;
  const help = message.startsWith('Usage');
  (help ? console.log : console.error)(message);
  process.exit(help ? 0 : 2);
}
main(options).catch((error: unknown) => {
  console.error(`The simulator stopped: ${describe(error)}`);
  process.exit(1);
});
