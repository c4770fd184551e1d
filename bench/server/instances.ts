/**
 * The two server instances, each a child process on a fixed port: started,
 * killed with SIGKILL and restarted on the same port (chaos), stopped with
 * SIGTERM. Collects each one's per-second stats line and its unexpected
 * error output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/db/cluster.js';

export interface InstanceStats {
  loopP99Ms: number;
  loopMaxMs: number;
  cpuMs: number;
  poolWaitingMax: number;
}

export interface InstanceConfig {
  databaseUrl: string;
  inboundSecret: string;
  pool: number;
  /** Folder for `--cpu-prof` output, if profiling. */
  profile?: string;
}

const SCRIPT = fileURLToPath(new URL('./instance-process.js', import.meta.url));

export class BenchInstance {
  url = '';
  private child: ChildProcess | undefined;
  /** Stats lines received while `measuring` is true. */
  readonly samples: InstanceStats[] = [];
  measuring = false;
  /** Lines the instance wrote to stderr (unexpected failures are logged there). */
  errorLines = 0;
  readonly firstErrors: string[] = [];
  starts = 0;

  private constructor(
    readonly index: number,
    readonly port: number,
    private readonly config: InstanceConfig,
  ) {}

  static async start(index: number, config: InstanceConfig): Promise<BenchInstance> {
    const instance = new BenchInstance(index, await freePort(), config);
    await instance.spawnUntilUp(30_000);
    return instance;
  }

  get name(): string {
    return `instance ${'AB'[this.index] ?? this.index}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process, retrying while it cannot come up (the database may be restarting); resolves with the ms it took. */
  async spawnUntilUp(withinMs = 60_000): Promise<number> {
    const started = performance.now();
    for (;;) {
      try {
        await this.spawnOnce();
        return performance.now() - started;
      } catch (error) {
        if (performance.now() - started > withinMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  private async spawnOnce(): Promise<void> {
    const args = this.config.profile ? ['--cpu-prof', '--cpu-prof-dir', this.config.profile, SCRIPT] : [SCRIPT];
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        DATABASE_URL: this.config.databaseUrl,
        CARE_INBOUND_SECRET: this.config.inboundSecret,
        PORT: String(this.port),
        POOL_MAX: String(this.config.pool),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    createInterface({ input: child.stderr! }).on('line', (line) => {
      this.errorLines++;
      if (this.firstErrors.length < 10) this.firstErrors.push(line);
    });
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${this.name} exited with ${code} while starting`));
      child.once('exit', onExit);
      lines.on('line', (line) => {
        const message = JSON.parse(line) as { url?: string; stats?: InstanceStats };
        if (message.url) {
          this.url = message.url;
          child.off('exit', onExit);
          this.starts++;
          resolve();
        } else if (message.stats && this.measuring) this.samples.push(message.stats);
      });
    });
  }

  /** SIGKILL: no clean shutdown, sockets reset, exactly like a crashed machine. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: closes streams and the pool (and writes a CPU profile when asked). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
