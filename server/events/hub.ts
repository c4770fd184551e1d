/**
 * Fan-out across instances (B4). Each instance holds one LISTEN connection;
 * a NOTIFY says only "the log grew", and the hub reads what is new once for
 * all of its streams, in sequence order, and hands each event to the agents
 * in its audience. A stream resuming from a cursor (`Last-Event-ID` or
 * `?since=`) is first replayed from the log, with live events held back
 * until the replay is done, so it sees every event once and in order.
 * A poll every few seconds covers NOTIFYs lost while the LISTEN connection
 * was down (a restarted database): the log, not the notification, is the truth.
 * The hub keeps the most recent events in memory, so the streams that come
 * back after an instance dies (hundreds at once) replay from here rather
 * than each reading its backlog from the database.
 */
import pg from 'pg';
import type { Db } from '../db/pool.js';
import { EVENTS_CHANNEL } from '../domain/change.js';
import { frameOf, type EventStream } from './stream.js';

interface LogRow {
  seq: number;
  audience: string[] | null;
  payload: string;
}

const BATCH = 1000;
/** The least time between two reads of the log: each read costs a write to every stream that hears something. */
const PUMP_GAP_MS = 20;
/** Recent events kept in memory for resuming streams: about half a minute at 300 events a second. */
const RECENT = 10_000;

interface RecentEvent {
  seq: number;
  audience: string[] | null;
  frame: Buffer;
}

export class EventHub {
  private readonly streams = new Set<EventStream>();
  private listener: pg.Client | undefined;
  /** The newest sequence number this hub has read from the log and delivered. */
  private lastSeq = 0;
  private pumping: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private poll: NodeJS.Timeout | undefined;
  private sessionCheck: NodeJS.Timeout | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  /** The latest events read, oldest first, without gaps, ending at `lastSeq`. */
  private recent: RecentEvent[] = [];
  /** When the log was last read (performance.now()). */
  private lastRead = -Infinity;

  constructor(
    private readonly db: Db,
    private readonly connectionString: string,
    private readonly pollMs = 2_000,
    /** How often streams are checked against their sessions, so signing out or expiring ends them (B6). */
    private readonly sessionCheckMs = 30_000,
  ) {}

  async start(): Promise<void> {
    const [row] = await this.db.rows<{ seq: number }>('SELECT seq FROM event_counter');
    this.lastSeq = row!.seq;
    // The streams of an instance that just died come back here: have their backlog ready.
    const rows = await this.db.rows<LogRow>(
      'SELECT seq, audience, payload::text AS payload FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq',
      [this.lastSeq - RECENT, this.lastSeq],
    );
    if (rows.length && rows[0]!.seq + rows.length - 1 === this.lastSeq) this.remember(rows, rows.map((r) => Buffer.from(frameOf(r.seq, r.payload))));
    await this.listen();
    this.poll = setInterval(() => this.pump(), this.pollMs);
    this.sessionCheck = setInterval(() => void this.endSignedOut().catch(() => undefined), this.sessionCheckMs);
  }

  /** How many streams this instance serves. */
  get size(): number {
    return this.streams.size;
  }

  /** The newest sequence number delivered. */
  get seq(): number {
    return this.lastSeq;
  }

  /**
   * Adds a stream; with a cursor, replays what it missed first. Resolves false when the cursor is too old (reset).
   * When the replay fails (the database is away), the stream is ended without sending what it held: live events
   * sent after a partial replay would move the client's Last-Event-ID past the events it never got.
   */
  async attach(stream: EventStream, since: number | undefined): Promise<boolean> {
    stream.cursor = since ?? this.lastSeq;
    if (since === undefined) {
      this.streams.add(stream);
      return true;
    }
    stream.holding = true;
    this.streams.add(stream);
    try {
      if (!(await this.retained(since))) {
        stream.cursor = this.lastSeq;
        stream.release();
        return false;
      }
      if (!this.replayRecent(stream, since)) {
        for (let from = since; ; ) {
          const rows = await this.db.rows<LogRow>(
            `SELECT seq, audience, payload::text AS payload FROM events
             WHERE seq > $1 AND (audience IS NULL OR audience && $2::text[]) ORDER BY seq LIMIT ${BATCH}`,
            [from, stream.audience],
          );
          for (const row of rows) stream.replay(row.seq, row.payload);
          if (rows.length < BATCH) break;
          from = rows[rows.length - 1]!.seq;
        }
      }
      stream.release();
      return true;
    } catch (error) {
      this.streams.delete(stream);
      stream.end();
      throw error;
    }
  }

  /** Ends the streams whose session was signed out or expired: they no longer speak for an agent. */
  async endSignedOut(): Promise<void> {
    const sessions = [...new Set([...this.streams].map((s) => s.session))];
    if (!sessions.length) return;
    const open = await this.db.rows<{ token_hash: string }>(
      'SELECT token_hash FROM sessions WHERE token_hash = ANY($1) AND expires_at > care_now_ms()',
      [sessions],
    );
    const alive = new Set(open.map((r) => r.token_hash));
    for (const stream of [...this.streams]) if (!alive.has(stream.session)) stream.end();
  }

  /** Replays from memory when it reaches back to `since`; false when the database must. */
  private replayRecent(stream: EventStream, since: number): boolean {
    const first = this.recent[0]?.seq;
    if (first === undefined || since < first - 1 || since > this.lastSeq) return false;
    for (let i = since + 1 - first; i < this.recent.length; i++) {
      const event = this.recent[i]!;
      if (event.audience === null || event.audience.some((to) => stream.hears(to))) stream.replayFrame(event.seq, event.frame);
    }
    return true;
  }

  /** Keeps what was just read (it follows what is kept: the log has no gaps), dropping the oldest. */
  private remember(rows: readonly LogRow[], frames: readonly Buffer[]): void {
    rows.forEach((row, i) => this.recent.push({ seq: row.seq, audience: row.audience, frame: frames[i]! }));
    if (this.recent.length > RECENT * 1.5) this.recent = this.recent.slice(-RECENT);
  }

  detach(stream: EventStream): void {
    this.streams.delete(stream);
  }

  /** Whether every event after `since` is still in the log (retention deletes the oldest). */
  private async retained(since: number): Promise<boolean> {
    const [row] = await this.db.rows<{ counter: number; first: number | null }>(
      'SELECT (SELECT seq FROM event_counter) AS counter, (SELECT min(seq) FROM events) AS first',
    );
    if (since > row!.counter || since < 0) return false; // a cursor from another database, or nonsense
    if (since === row!.counter) return true;
    return row!.first !== null && row!.first <= since + 1;
  }

  /** Reads what the log gained since the last read and delivers it; one read at a time, repeated if woken meanwhile. */
  pump(): void {
    if (this.closed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = (async () => {
      try {
        do {
          // Busy, events come in bursts: reading at most every PUMP_GAP_MS puts more of them in each write to every stream.
          const wait = this.lastRead + PUMP_GAP_MS - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          this.again = false;
          this.lastRead = performance.now();
          for (;;) {
            const rows = await this.db.rows<LogRow>(
              `SELECT seq, audience, payload::text AS payload FROM events WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`,
              [this.lastSeq],
            );
            this.deliver(rows);
            if (rows.length < BATCH) break;
          }
        } while (this.again && !this.closed);
      } catch {
        // The database is away; the next notification or poll tries again.
      } finally {
        this.pumping = undefined;
      }
    })();
  }

  /**
   * Hands what one read found to every stream that hears it. Each event is encoded once; a stream
   * that hears several gets them in one write, and streams that hear the same ones share those
   * bytes: per stream, little is left but one socket write per read, however many events it held.
   */
  private deliver(rows: readonly LogRow[]): void {
    if (!rows.length) return;
    this.lastSeq = rows[rows.length - 1]!.seq;
    const frames = rows.map((row) => Buffer.from(frameOf(row.seq, row.payload)));
    this.remember(rows, frames);
    const shared = new Map<string, Buffer>();
    for (const stream of this.streams) {
      const heard: number[] = [];
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        if (row.seq > stream.cursor && (row.audience === null || row.audience.some((to) => stream.hears(to)))) heard.push(i);
      }
      if (heard.length === 1 || (heard.length > 1 && stream.holding)) {
        for (const i of heard) stream.send(rows[i]!.seq, frames[i]!);
      } else if (heard.length > 1) {
        const key = heard.join(',');
        let chunk = shared.get(key);
        if (!chunk) shared.set(key, (chunk = Buffer.concat(heard.map((i) => frames[i]!))));
        stream.send(rows[heard[heard.length - 1]!]!.seq, chunk);
      }
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', () => this.pump());
    client.on('error', () => this.relisten(client));
    client.on('end', () => this.relisten(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.listener = client;
      this.pump(); // whatever was committed while not listening
    } catch {
      this.relisten(client);
    }
  }

  private relisten(client: pg.Client): void {
    if (this.closed || this.reconnect) return;
    if (this.listener === client) this.listener = undefined;
    client.end().catch(() => undefined);
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      void this.listen();
    }, 500);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    clearInterval(this.sessionCheck);
    clearTimeout(this.reconnect);
    for (const stream of [...this.streams]) stream.end();
    this.streams.clear();
    await this.listener?.end().catch(() => undefined);
    await this.pumping;
  }
}
