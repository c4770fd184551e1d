/**
 * One agent's Server-Sent Events stream (B4): `id: <seq>` on every message
 * so the browser's own reconnect resumes with Last-Event-ID, a keep-alive
 * comment so proxies keep it open, and never an event twice or out of order
 * (`cursor`). A client too slow to read is cut off rather than buffered
 * without end; it reconnects and resumes from its last id.
 */
import type { ServerResponse } from 'node:http';
import type { Agent } from '../../src/model/types.js';
import { toAgent, toQueue } from '../domain/change.js';

const MAX_BUFFERED = 4 * 1024 * 1024;

/** One event as the stream sends it. */
export const frameOf = (seq: number, payload: string) => `id: ${seq}\ndata: ${payload}\n\n`;

export class EventStream {
  /** The newest sequence number sent (or skipped as not for this agent). */
  cursor = 0;
  /** While a replay runs, live events wait here. */
  holding = false;
  /** Audience tokens this agent hears: its own and its queues'. */
  readonly audience: string[];
  private held: { seq: number; frame: Buffer }[] = [];
  private readonly beat: NodeJS.Timeout;
  private ended = false;

  constructor(
    private readonly res: ServerResponse,
    agent: Pick<Agent, 'id' | 'queueIds'>,
    heartbeatMs: number,
    private readonly onEnd: () => void,
    /** The hash of the session token that opened it: the stream ends when that session does (B6). */
    readonly session: string,
  ) {
    this.audience = [toAgent(agent.id), ...agent.queueIds.map(toQueue)];
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    // Flushes the headers (the client's `open` means it is subscribed). The retry is spread over 1–3 s so the
    // streams of a killed instance do not all come back to the survivors in the same instant.
    res.write(`retry: ${1_000 + Math.floor(Math.random() * 2_000)}\n\n`);
    this.beat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    res.on('close', () => this.end());
  }

  hears(token: string): boolean {
    return this.audience.includes(token);
  }

  /**
   * Live events, as `frame` made once for every stream that hears them, all newer than `cursor`;
   * `seq` is the newest in it. Held while a replay runs.
   */
  send(seq: number, frame: Buffer): void {
    if (this.holding) this.held.push({ seq, frame });
    else this.write(seq, frame);
  }

  /** An event from the log. */
  replay(seq: number, payload: string): void {
    this.write(seq, frameOf(seq, payload));
  }

  /** An event from the hub's memory of recent events, already framed. */
  replayFrame(seq: number, frame: Buffer): void {
    this.write(seq, frame);
  }

  /** Sends an event unless it was already sent. */
  private write(seq: number, frame: Buffer | string): void {
    if (this.ended || seq <= this.cursor) return;
    this.cursor = seq;
    this.res.write(frame);
    if (this.res.writableLength > MAX_BUFFERED) this.end();
  }

  /** Tells the client its cursor is too old: it must reload everything. */
  reset(): void {
    this.res.write('event: reset\ndata: {}\n\n');
  }

  /** Ends the replay: live events held meanwhile go out, those already replayed are skipped by the cursor. */
  release(): void {
    this.holding = false;
    const held = this.held;
    this.held = [];
    for (const { seq, frame } of held) this.write(seq, frame);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.beat);
    this.res.end();
    this.onEnd();
  }
}
