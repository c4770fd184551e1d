/**
 * A server instance in its own process, for tests that kill one with
 * SIGKILL (B3). Reads DATABASE_URL and CARE_INBOUND_SECRET, serves test
 * routes, and prints its URL as one JSON line when it is up.
 */
import { Db } from '../../../server/db/pool.js';
import { startInstance } from '../../../server/instance.js';

const connectionString = process.env.DATABASE_URL!;
const instance = await startInstance({
  db: new Db({ connectionString }),
  connectionString,
  inboundSecret: process.env.CARE_INBOUND_SECRET!,
  testRoutes: true,
  sweepMs: 200,
});
process.stdout.write(`${JSON.stringify({ url: instance.url })}\n`);
