/**
 * What `npm run server` reads from its environment (README, "Reference
 * server"). Everything has a default, so it runs on a fresh machine.
 */
import { isAbsolute, join, resolve } from 'node:path';

export interface ServerConfig {
  /** An existing database; when unset, a private cluster in the data folder. */
  readonly databaseUrl: string | undefined;
  /** Absolute path of the data folder (the private cluster, the inbound secret). */
  readonly dataDir: string;
  /** The private cluster's port; undefined means 54329, or a free one if that is taken. */
  readonly pgPort: number | undefined;
  readonly port: number;
  readonly host: string;
  readonly demoPassword: string;
  /** From CARE_INBOUND_SECRET; undefined means stored in (or generated into) the data folder. */
  readonly inboundSecret: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** A TCP port from the environment, or the fallback; anything else is an error a person can read. */
function portOf(env: Env, name: string, fallback: number | undefined): number | undefined {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number (0–65535), not "${text}".`);
  return port;
}

/** Reads the configuration; relative paths are taken from `cwd` (the repo, under `npm run`). */
export function readConfig(env: Env = process.env, cwd = process.cwd()): ServerConfig {
  const dataDir = env.CARE_DATA_DIR?.trim() || join(cwd, '.care-data');
  return {
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    pgPort: portOf(env, 'PG_PORT', undefined),
    port: portOf(env, 'PORT', 8080)!,
    host: env.HOST?.trim() || '127.0.0.1',
    demoPassword: env.CARE_DEMO_PASSWORD ?? 'care-demo',
    inboundSecret: env.CARE_INBOUND_SECRET,
  };
}
