/** The command line of `npm run bench:server`. */

export interface BenchOptions {
  /** Signed-in agents, each with one event stream (default 1,000). */
  agents: number;
  /** Target writes per second across every agent and the inbound side (default 200). */
  rate: number;
  /** How long writes run, in seconds (default 60). */
  seconds: number;
  /** Kill instances and restart PostgreSQL during the run. */
  chaos: boolean;
  /** Streams per instance whose events are parsed to time delivery (default 20). */
  probes: number;
  /** Agents who sign in through POST /sign-in (scrypt); the others get sessions inserted in SQL (default 20). */
  signIns: number;
  /** Connections each instance's pool may hold (default 10, the server's own default). */
  pool: number;
  /** How long streams may take to catch up after the last write before what they miss counts as lost, in seconds (default 30; 90 with --chaos). */
  drain: number;
  /** Write V8 CPU profiles of both instances into this folder (node --cpu-prof). */
  profile?: string;
}

const USAGE = `usage: npm run bench:server -- [--agents N] [--rate W] [--seconds S] [--chaos] [--probes P] [--sign-ins K] [--pool C] [--drain S] [--profile DIR]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { agents: 1000, rate: 200, seconds: 60, chaos: false, probes: 20, signIns: 20, pool: 10, drain: 30 };
  const numeric: Record<string, keyof BenchOptions> = {
    '--agents': 'agents', '--rate': 'rate', '--seconds': 'seconds', '--probes': 'probes', '--sign-ins': 'signIns', '--pool': 'pool', '--drain': 'drain',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    if (flag === '--chaos') options.chaos = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (flag === '--profile') options.profile = inline ?? argv[++i] ?? 'bench-profiles';
    else if (flag in numeric) {
      const value = Number(inline ?? argv[++i]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} needs a positive number\n${USAGE}`);
      (options as unknown as Record<string, number>)[numeric[flag]!] = value;
    } else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  if (options.chaos && !argv.some((a) => a.startsWith('--drain'))) options.drain = 90;
  options.agents = Math.floor(options.agents);
  options.probes = Math.min(Math.floor(options.probes), Math.floor(options.agents / 2));
  options.signIns = Math.min(Math.floor(options.signIns), options.agents);
  return options;
}
