/**
 * The protocol's Server-Sent Events stream (B4), kept open while anyone
 * listens: it remembers the last event id, resumes from it when it opens a
 * new EventSource, drops what it already delivered, turns `event: reset`
 * into a reload, and reopens a stream the EventSource gave up on.
 */
import { CareError } from '../../model/errors.js';
import type { CareEvent } from '../../model/types.js';
import type { EventSourceClass, EventSourceLike, EventSourceOptions } from './types.js';

const OPEN = 1;
const CLOSED = 2;
const MAX_REOPEN_MS = 30_000;

/** What is read of a message event (typed here: Node's types have no DOM MessageEvent). */
interface StreamMessage {
  data: unknown;
  lastEventId: string;
}

/** What an {@link EventStream} needs from its transport. */
export interface EventStreamOptions {
  /** The stream's URL without a cursor: `<baseUrl>/events`. */
  url: string;
  EventSource: EventSourceClass | undefined;
  init: EventSourceOptions;
  reopenMs: number;
  dispatch: (event: CareEvent) => void;
}

/** One agent's event stream; see the module comment. */
export class EventStream {
  private source: EventSourceLike | undefined;
  /** Whether the stream dropped since it last opened, so its return is announced once. */
  private lost = false;
  /** The highest event id delivered: the resume cursor, and the line below which ids are duplicates. */
  private lastId: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay: number;

  constructor(private readonly options: EventStreamOptions) {
    this.delay = options.reopenMs;
  }

  /** The open (or opening) EventSource; a new one, resuming after the last id, if there is none or it gave up. */
  open(): EventSourceLike {
    if (this.source && this.source.readyState !== CLOSED) return this.source;
    this.source?.close();
    clearTimeout(this.timer);
    this.timer = undefined;
    const Source = this.options.EventSource ?? (globalThis as { EventSource?: EventSourceClass }).EventSource;
    if (!Source) throw new TypeError('care-kit/http: no EventSource here; pass one as the EventSource option (in Node: the eventsource package).');
    // Resuming after a close or a give-up; the EventSource's own reconnects send Last-Event-ID by themselves.
    const url = this.lastId === undefined ? this.options.url : `${this.options.url}?since=${this.lastId}`;
    const source = new Source(url, this.options.init);
    this.source = source;
    source.addEventListener('message', (event) => {
      if (source === this.source) this.message(event as unknown as StreamMessage);
    });
    source.addEventListener('reset', () => {
      if (source !== this.source) return;
      // The cursor is older than the server keeps: everything must be loaded again, and the ids start over.
      this.lastId = undefined;
      this.options.dispatch({ type: 'connection', online: false });
      this.options.dispatch({ type: 'connection', online: true });
    });
    source.addEventListener('open', () => {
      if (source !== this.source) return;
      if (this.lost) this.options.dispatch({ type: 'connection', online: true });
      this.lost = false;
      this.delay = this.options.reopenMs;
    });
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      if (!this.lost) this.options.dispatch({ type: 'connection', online: false });
      this.lost = true;
      // A dropped connection is retried by the EventSource itself; an HTTP error makes it give up (CLOSED).
      if (source.readyState === CLOSED) this.reopenLater();
    });
    return source;
  }

  /** Closes the stream; the cursor is kept, so a later `open` resumes where this one stopped. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.source?.close();
    this.source = undefined;
    this.lost = false;
    this.delay = this.options.reopenMs;
  }

  /** Resolves when the stream is open; rejects with `network` if it fails first, `aborted` if the signal fires. */
  opened(signal: AbortSignal): Promise<void> {
    const source = this.open();
    if (source.readyState === OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const settle = (error?: CareError) => {
        source.removeEventListener('open', onOpen);
        source.removeEventListener('error', onError);
        signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onOpen = () => settle();
      const onError = () => settle(CareError.network('The event stream could not be opened.'));
      const onAbort = () => settle(CareError.aborted());
      source.addEventListener('open', onOpen);
      source.addEventListener('error', onError);
      signal.addEventListener('abort', onAbort);
    });
  }

  private message(message: StreamMessage): void {
    const id = message.lastEventId === '' ? NaN : Number(message.lastEventId);
    if (Number.isSafeInteger(id)) {
      if (this.lastId !== undefined && id <= this.lastId) return; // delivered already (a resume overlapped)
      this.lastId = id;
    }
    let event: CareEvent;
    try {
      event = JSON.parse(String(message.data)) as CareEvent; // the store checks its shape (validated is false)
    } catch {
      return;
    }
    this.options.dispatch(event);
  }

  private reopenLater(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.source?.readyState === CLOSED) this.open();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, MAX_REOPEN_MS);
  }
}
