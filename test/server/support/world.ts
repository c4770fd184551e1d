/**
 * A test world for the reference server: a private PostgreSQL cluster in a
 * temporary folder on a free port, migrated, and server instances on it.
 * Each test file makes one world and resets the data between tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { CareErrorPayload } from '../../../src/model/errors.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../../../server/db/cluster.js';
import { migrate } from '../../../server/db/migrate.js';
import { Db } from '../../../server/db/pool.js';
import { startInstance, type Instance, type InstanceOptions } from '../../../server/instance.js';

export const INBOUND_SECRET = 'test-inbound-secret';
export const PASSWORD = 'care-demo';

export interface World {
  cluster: Cluster;
  db: Db;
  instances: Instance[];
  /** Starts one more instance on the same database. */
  start(options?: Partial<InstanceOptions>): Promise<Instance>;
  close(): Promise<void>;
}

export async function makeWorld(instances = 2, options: Partial<InstanceOptions> = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'care-test-pg-'));
  const cluster = await startCluster(dir);
  const db = new Db({ connectionString: cluster.url, max: 20 });
  await migrate(db);
  const world: World = {
    cluster,
    db,
    instances: [],
    async start(more = {}) {
      const instance = await startInstance({
        db: new Db({ connectionString: cluster.url, max: 10 }),
        connectionString: cluster.url,
        inboundSecret: INBOUND_SECRET,
        testRoutes: true,
        sweepMs: 200,
        sessionCheckMs: 300,
        demoPassword: PASSWORD,
        ...options,
        ...more,
      });
      world.instances.push(instance);
      return instance;
    },
    async close() {
      for (const instance of world.instances) await instance.close().catch(() => undefined);
      await db.close().catch(() => undefined);
      await cluster.stop('immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (let i = 0; i < instances; i++) await world.start();
  return world;
}

/** JSON over fetch, for tests that speak the protocol directly. */
export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/care-api${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json as Record<string, unknown> & { error?: CareErrorPayload }, headers: res.headers };
}

/** Signs an agent in and returns its bearer header. */
export async function bearer(base: string, login: string, password = PASSWORD): Promise<Record<string, string>> {
  const res = await call(base, 'POST', '/sign-in', { login, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { authorization: `Bearer ${res.body.token as string}` };
}
