/**
 * `npm run simulate -- [--url URL] [--rate N] [--colleagues a,b] [--seed N]`:
 * what the simulator reads from its arguments and environment.
 */
import { readConfig } from '../ops/config.js';
import { readStoredSecret } from '../ops/inbound-secret.js';

export interface SimOptions {
  /** The server's origin. */
  url: string;
  /** New chats and calls per minute. */
  rate: number;
  /** Logins of the colleagues it plays. */
  colleagues: string[];
  password: string;
  secret: string;
  seed: number;
  /** Share of arrivals put in a pick queue instead of being pushed. */
  pickShare: number;
}

export const USAGE = `Usage: npm run simulate -- [options]
  --url URL           the server (default http://127.0.0.1:$PORT, PORT default 8080)
  --rate N            new chats and calls per minute (default 4)
  --colleagues LIST   logins of the colleagues to play (default agent-2,agent-3,agent-4)
  --pick-share F      share of contacts queued for picking rather than pushed (default 0.3)
  --seed N            seed of the randomness (default: the time)
Environment: CARE_INBOUND_SECRET (else read from the data folder, CARE_DATA_DIR),
CARE_DEMO_PASSWORD (the colleagues' password, default care-demo).`;

/** Reads the options; throws a message (with the usage) on anything it does not understand. */
export function readOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): SimOptions {
  const config = readConfig(env);
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!['--url', '--rate', '--colleagues', '--seed', '--pick-share'].includes(name)) throw new Error(`Unknown option ${arg}.\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value.\n${USAGE}`);
    values.set(name, value);
  }
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const text = values.get(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max}, not "${text}".`);
    return n;
  };
  const secret = env.CARE_INBOUND_SECRET?.trim() || readStoredSecret(config.dataDir);
  if (!secret) {
    throw new Error(`No inbound secret: set CARE_INBOUND_SECRET to the server's, or run this from the folder the server keeps its data in (${config.dataDir}).`);
  }
  return {
    url: (values.get('--url') ?? `http://127.0.0.1:${config.port}`).replace(/\/+$/, ''),
    rate: number('--rate', 4, 0, 600),
    colleagues: (values.get('--colleagues') ?? 'agent-2,agent-3,agent-4').split(',').map((s) => s.trim()).filter(Boolean),
    password: config.demoPassword,
    secret,
    seed: Math.floor(number('--seed', Date.now() % 2 ** 31, 0, 2 ** 31)),
    pickShare: number('--pick-share', 0.3, 0, 1),
  };
}
