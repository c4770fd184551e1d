/**
 * `npm run server` as a person runs it, for the operational tests (B7):
 * `node scripts/server.mjs` in a child process with the given environment,
 * its output collected, resolved once it prints where it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../../server/ops/root.js';

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when `pattern` appears in the output; rejects after `ms` or when the process exits first. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` (`times` times: the repeats while the first is handled) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals, times?: number): Promise<number | null>;
}

/** Settings the parent's environment must not leak into the child. */
const OURS = ['DATABASE_URL', 'PORT', 'HOST', 'PG_PORT', 'CARE_DATA_DIR', 'CARE_INBOUND_SECRET', 'CARE_DEMO_PASSWORD'];

export function runServer(env: Record<string, string>): ServerProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !OURS.includes(key)));
  const child = spawn(process.execPath, [join(repoRoot(), 'scripts', 'server.mjs')], {
    cwd: repoRoot(),
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const wake of waiters) wake();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
    for (const wake of waiters) wake();
  });

  return {
    child,
    output: () => text,
    waitFor(pattern, ms = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern}; output:\n${text}`)), ms);
        const check = () => {
          const match = text.match(pattern);
          if (match) done(undefined, match);
          else if (gone) done(new Error(`the server exited before printing ${pattern}; output:\n${text}`));
        };
        const done = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(match!);
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', times = 1) {
      if (!gone) child.kill(signal);
      if (times > 1) {
        // The repeat comes once the first is being handled, as a Ctrl-C under npm does (the terminal's, then npm's).
        await this.waitFor(/stopping this instance/);
        for (let n = 1; n < times && !gone; n++) child.kill(signal);
      }
      return exited;
    },
  };
}
