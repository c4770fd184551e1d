/**
 * Every stream against the event log (B4): an agent must receive exactly
 * the events after its starting cursor whose audience is everyone (NULL),
 * itself (`a:<id>`) or one of its queues (`q:<id>`): none missing, none
 * twice, none meant for someone else.
 */
import type { Db } from '../../server/db/pool.js';
import { SeqSet } from './stats.js';
import type { StreamResult } from './streams-worker.js';

interface LogEvent {
  seq: number;
  audience: string[] | null;
}

export interface LogView {
  since: number;
  final: number;
  events: LogEvent[];
}

export async function readLog(db: Db, since: number): Promise<LogView> {
  const [row] = await db.rows<{ seq: number }>('SELECT seq FROM event_counter');
  const final = row!.seq;
  const events = await db.rows<LogEvent>('SELECT seq, audience FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq', [since, final]);
  return { since, final, events };
}

const tokensOf = (agentId: string, queueIds: readonly string[]) => new Set([`a:${agentId}`, ...queueIds.map((q) => `q:${q}`)]);
const hears = (event: LogEvent, tokens: Set<string>) => event.audience === null || event.audience.some((t) => tokens.has(t));

/** The newest event each agent should have once everything is delivered. */
export function expectedLast(log: LogView, agents: readonly { id: string; queueIds: readonly string[] }[]): number[] {
  return agents.map((agent) => {
    const tokens = tokensOf(agent.id, agent.queueIds);
    for (let i = log.events.length - 1; i >= 0; i--) if (hears(log.events[i]!, tokens)) return log.events[i]!.seq;
    return log.since;
  });
}

export interface Verdict {
  /** Events in the log during the run. */
  events: number;
  expected: number;
  received: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  /** Received, but meant for other agents. */
  foreign: number;
  /** Replayed from before the stream's starting cursor. */
  early: number;
  resets: number;
  streamsWithLoss: number;
  reconnects: number;
  failedConnects: number;
  /** A few streams that lost events, with the missing ranges: where to start looking. */
  examples: string[];
}

export function verify(log: LogView, results: readonly StreamResult[], queuesOf: (agentId: string) => readonly string[]): Verdict {
  const verdict: Verdict = {
    events: log.events.length, expected: 0, received: 0, lost: 0, duplicated: 0, outOfOrder: 0, foreign: 0, early: 0, resets: 0,
    streamsWithLoss: 0, reconnects: 0, failedConnects: 0, examples: [],
  };
  for (const result of results) {
    const seen = new SeqSet(result.base, result.bits);
    const tokens = tokensOf(result.agentId, queuesOf(result.agentId));
    let lost = 0;
    const ranges: [number, number][] = [];
    let previousLost = false;
    for (const event of log.events) {
      const got = seen.has(event.seq);
      if (hears(event, tokens)) {
        verdict.expected++;
        if (got) verdict.received++;
        else {
          lost++;
          if (previousLost) ranges[ranges.length - 1]![1] = event.seq;
          else ranges.push([event.seq, event.seq]);
        }
        previousLost = !got;
      } else if (got) verdict.foreign++;
    }
    verdict.lost += lost;
    if (lost) verdict.streamsWithLoss++;
    if (lost && verdict.examples.length < 3) {
      const shown = ranges.slice(0, 4).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
      verdict.examples.push(`${result.agentId} lost ${lost} (${shown}${ranges.length > 4 ? ', …' : ''}; ${result.connects} connections, ${result.failures} failed)`);
    }
    verdict.duplicated += result.duplicates;
    verdict.outOfOrder += result.outOfOrder;
    verdict.early += result.early;
    verdict.resets += result.resets;
    verdict.reconnects += Math.max(0, result.connects - 1);
    verdict.failedConnects += result.failures;
  }
  return verdict;
}
