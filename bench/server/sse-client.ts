/**
 * One agent's event stream as a browser's EventSource would keep it, made
 * cheap enough for a thousand in one thread: a bare socket, bytes scanned for
 * `id:` lines without decoding or parsing the JSON (only probe streams
 * decode their data, to time delivery). It reconnects after the server's
 * `retry:` delay with `Last-Event-ID`, to the next instance in turn, and
 * keeps every sequence number it received in a bitset so the bench can
 * compare them with the event log at the end.
 */
import { connect, type Socket } from 'node:net';
import { clock } from './http-client.js';
import { StreamingResponse } from './raw-http.js';
import { SeqSet } from './stats.js';

export interface StreamSpec {
  agentId: string;
  token: string;
  /** The instance it connects to first. */
  home: number;
  /** Whether its events are decoded to time their delivery. */
  probe: boolean;
}

export type ProbeHandler = (stream: BenchStream, data: string, receivedAt: number) => void;

const NEWLINE = 0x0a;

export class BenchStream {
  /** The newest id received: what Last-Event-ID carries on a reconnect. */
  lastId: number;
  readonly seen: SeqSet;
  duplicates = 0;
  outOfOrder = 0;
  /** Ids at or before the starting cursor: the server replayed too much. */
  early = 0;
  resets = 0;
  /** Successful connections (the first one included). */
  connects = 0;
  /** Attempts refused, reset or answered with a status other than 200. */
  failures = 0;
  /** The instance it is connected to, or -1 while reconnecting. */
  connectedTo = -1;
  private rest: Buffer | undefined;
  private socket: Socket | undefined;
  private closed = false;
  private retryMs = 2_000;
  private firstOpen: ((ok: boolean) => void) | undefined;

  constructor(
    readonly spec: StreamSpec,
    readonly since: number,
    private readonly urls: readonly string[],
    private readonly onProbe?: ProbeHandler,
  ) {
    this.lastId = since;
    this.seen = new SeqSet(since + 1);
  }

  /** Connects to the home instance; resolves when the first connection answered (true for 200). */
  open(): Promise<boolean> {
    return new Promise((resolve) => {
      this.firstOpen = resolve;
      this.connect(this.spec.home);
    });
  }

  private connect(instance: number): void {
    if (this.closed) return;
    const url = new URL(this.urls[instance]!);
    const socket = connect(Number(url.port), url.hostname);
    this.socket = socket;
    let answered = false;
    const lost = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      socket.destroy();
      this.connectedTo = -1;
      this.rest = undefined;
      if (!answered) this.failures++;
      this.settleOpen(false);
      this.reconnect(instance);
    };
    const response = new StreamingResponse(
      (status) => {
        if (status !== 200) return lost();
        answered = true;
        this.connects++;
        this.connectedTo = instance;
        this.settleOpen(true);
      },
      (piece) => answered && this.onChunk(piece),
    );
    socket.on('data', (chunk: Buffer) => response.feed(chunk));
    socket.on('close', lost);
    socket.on('error', lost);
    socket.write(
      `GET /care-api/events HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n` +
        `Authorization: Bearer ${this.spec.token}\r\nLast-Event-ID: ${this.lastId}\r\n\r\n`,
    );
  }

  private settleOpen(ok: boolean): void {
    const resolve = this.firstOpen;
    this.firstOpen = undefined;
    resolve?.(ok);
  }

  /** As EventSource: wait the server's retry delay (plus a little jitter, so a thousand streams do not return at once), then try the next instance. */
  private reconnect(from: number): void {
    if (this.closed) return;
    setTimeout(() => this.connect((from + 1) % this.urls.length), this.retryMs + Math.random() * 500);
  }

  private onChunk(chunk: Buffer): void {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const end = buf.indexOf('\n\n', pos);
      if (end < 0) break;
      this.onMessage(buf, pos, end);
      pos = end + 2;
    }
    this.rest = pos < buf.length ? Buffer.from(buf.subarray(pos)) : undefined;
  }

  /** One message, `buf[start, end)`: only `id:`, `event:`, `retry:` and (for probes) `data:` lines matter. */
  private onMessage(buf: Buffer, start: number, end: number): void {
    let id = -1;
    let event = 'message';
    let dataStart = -1;
    let dataEnd = -1;
    for (let lineStart = start; lineStart < end; ) {
      let lineEnd = buf.indexOf(NEWLINE, lineStart);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const first = buf[lineStart];
      if (first === 0x69 /* i */ && buf[lineStart + 1] === 0x64 && buf[lineStart + 2] === 0x3a) {
        id = 0;
        for (let i = lineStart + 3; i < lineEnd; i++) {
          const c = buf[i]!;
          if (c >= 0x30 && c <= 0x39) id = id * 10 + (c - 0x30);
        }
      } else if (first === 0x64 /* d */ && buf[lineStart + 4] === 0x3a) {
        dataStart = lineStart + (buf[lineStart + 5] === 0x20 ? 6 : 5);
        dataEnd = lineEnd;
      } else if (first === 0x65 /* e */ && buf[lineStart + 5] === 0x3a) {
        event = buf.toString('latin1', lineStart + 6, lineEnd).trim();
      } else if (first === 0x72 /* r */ && buf[lineStart + 5] === 0x3a) {
        const retry = Number(buf.toString('latin1', lineStart + 6, lineEnd).trim());
        if (Number.isFinite(retry) && retry > 0) this.retryMs = retry;
      }
      lineStart = lineEnd + 1;
    }
    if (dataStart < 0) return; // a comment or the retry line
    if (event === 'reset') {
      this.resets++;
      return;
    }
    if (id < 0) return;
    if (id <= this.since) this.early++;
    else if (!this.seen.add(id)) this.duplicates++;
    else if (id < this.lastId) this.outOfOrder++;
    if (id > this.lastId) this.lastId = id;
    if (this.onProbe) this.onProbe(this, buf.toString('utf8', dataStart, dataEnd), clock());
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
    this.socket = undefined;
  }
}
