/**
 * CPU time of PostgreSQL (the postmaster, its live backends, and what its
 * exited children used), from /proc: with the instances' own figures and
 * the bench's, it says where the machine's two cores went.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; ticks: number; children: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined;
  }
}

/** CPU ms PostgreSQL has used so far; undefined when it is not running. */
export function postgresCpuMs(clusterDir: string): number | undefined {
  const pidFile = join(clusterDir, 'data', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const root = stat(postmaster);
  if (!root) return undefined;
  let ticks = root.ticks + root.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = stat(Number(entry));
    if (child?.ppid === postmaster) ticks += child.ticks;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU ms every core of the machine spent busy so far (/proc/stat), to tell the bench's share from other work on the machine. */
export function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …
  const busy = fields[0]! + fields[1]! + fields[2]! + fields[5]! + fields[6]! + fields[7]!;
  return (busy * 1000) / TICKS_PER_SECOND;
}
