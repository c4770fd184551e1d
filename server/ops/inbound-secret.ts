/**
 * The inbound endpoint's shared secret (B6): `CARE_INBOUND_SECRET` when set,
 * else the one stored in the data folder, else a new random one stored there
 * (readable by its owner only), so every instance on the folder, and
 * `npm run simulate`, use the same.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface InboundSecret {
  readonly secret: string;
  /** Where it came from, for the start-up message. */
  readonly source: 'env' | 'stored' | 'generated';
  /** The file it is stored in (when not from the environment). */
  readonly file?: string;
}

/** The file of a data folder that holds the secret. */
export const secretFile = (dataDir: string): string => join(dataDir, 'inbound-secret');

/** Reads the stored secret, if there is one. */
export function readStoredSecret(dataDir: string): string | undefined {
  try {
    const text = readFileSync(secretFile(dataDir), 'utf8').trim();
    return text.length > 0 ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The secret this instance uses. */
export function inboundSecret(dataDir: string, fromEnv: string | undefined): InboundSecret {
  if (fromEnv && fromEnv.trim()) return { secret: fromEnv.trim(), source: 'env' };
  const file = secretFile(dataDir);
  const stored = readStoredSecret(dataDir);
  if (stored) return { secret: stored, source: 'stored', file };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': if another instance wrote one meanwhile, theirs wins and is read below.
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, `${secret}\n`);
    closeSync(fd);
    return { secret, source: 'generated', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { secret: readStoredSecret(dataDir) ?? secret, source: 'stored', file };
  }
}
