import { Subject } from 'rxjs';
import type { CareError } from '../model/errors.js';
import type { CareAlert } from './attention.js';
import type { CareTransport } from '../transport/port.js';
import type { Caller } from './call.js';
import type { StateContainer } from './container.js';
import type { Loader } from './loader.js';
import type { AgentRef } from '../model/types.js';
import type { EntityChange } from '../transport/port.js';
import { Intents } from './intents.js';
import { Outbox } from './outbox.js';
import { type NoticeEnv, withEntity, withNotice } from './transitions.js';
import type { Notice, NoticeCode } from './types.js';

/** What every group of store commands shares: the state, the backend, the clock. */
export class StoreParts {
  private skew = 0;
  private pending = 0;
  /** Idempotency keys of appends, kept across retries (N3). */
  readonly intents = new Intents();
  /** Commands waiting for the link (N3). */
  readonly outbox: Outbox = new Outbox(this);
  /** New offers and lines the agent has not seen, for the host's sound, notification and title (X1). */
  readonly alerts = new Subject<CareAlert>();

  constructor(
    readonly container: StateContainer,
    readonly caller: Caller,
    readonly loader: Loader,
    readonly transport: CareTransport,
    private readonly maxNotices: number,
    private readonly nowFn: (() => number) | undefined,
  ) {}

  /** The time countdowns use: the backend's clock as of connect (R13), unless the host gave one. */
  now(): number {
    return this.nowFn ? this.nowFn() : Date.now() + this.skew;
  }

  /** Remembers how far the backend's clock is from this browser's. */
  syncClock(backendNow: number): void {
    this.skew = backendNow - Date.now();
  }

  /** An id for something shown before the backend confirmed it (a comment being added). */
  pendingId(): string {
    return `pending-${++this.pending}`;
  }

  noticeEnv(): NoticeEnv {
    return { now: this.now(), maxNotices: this.maxNotices, writing: this.caller.writing };
  }

  /** Takes a record the backend just confirmed (a newer version than known, drafts checked against it: R6). */
  take(change: EntityChange, changedBy?: AgentRef): void {
    const env = { ...this.noticeEnv(), writing: true };
    this.container.update((s) => withEntity(s, env, change, changedBy));
  }

  notify(level: Notice['level'], code: NoticeCode, message: string, error?: CareError): void {
    const env = this.noticeEnv();
    this.container.update((s) => withNotice(s, env, level, code, message, error));
  }
}
