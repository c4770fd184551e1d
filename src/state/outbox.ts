/**
 * N3: what the agent sent while the link was down is not lost. A comment, a
 * chat line or a new request that fails for want of a connection waits here,
 * in order, with the idempotency key it was first sent with, and goes again
 * when the link is back (the backend answers a repeated key once, so a send
 * whose answer was lost is not doubled). Retries back off with jitter. What
 * the backend refuses for a reason a retry cannot change waits as failed,
 * with the reason, until the agent retries or discards it. The store's
 * `persist` option keeps the outbox across a reload with the drafts.
 */
import { CareError } from '../model/errors.js';
import type { Id, RequestFields } from '../model/types.js';
import { saveCustomer, saveRequest } from './commands/records.js';
import type { StoreParts } from './parts.js';
import { withComments, withMessage, withRecord } from './transitions.js';
import type { CareState, DraftKind, Result } from './types.js';

/** One command waiting for the link. */
export type OutboxCommand =
  | { op: 'addComment'; activityId: Id; text: string }
  | { op: 'sendChatMessage'; activityId: Id; text: string }
  | { op: 'createRequest'; customerId: Id; fields: RequestFields }
  /** Shown at once (optimistic) and made when the link is back; taken back with the reason if refused then. */
  | { op: 'addTag' | 'removeTag'; activityId: Id; tag: string }
  /** Saves the agent's draft of a record as it is when the link is back; a colleague's change meanwhile is R6's conflict. */
  | { op: 'save'; kind: DraftKind; id: Id; label: string };

/** A command in the outbox and how it stands. */
export type OutboxItem = OutboxCommand & {
  /** The idempotency key it was first sent with; also the item's id. */
  key: string;
  /** When the agent made it (backend clock). */
  at: number;
  state: 'waiting' | 'sending' | 'failed';
  /** Why it failed, for `failed`; the agent can retry or discard it. */
  error?: CareError;
  /** The store's name for the command, whose key is freed once it is sent or dropped. */
  scope?: string;
};

/** Marks a command's `network` error as "queued in the outbox": the element can clear its composer. */
const QUEUED = 'queued-in-outbox';

/**
 * Whether a failed command goes to the outbox: only while the link is known
 * to be down. A timeout or an answer that cannot be read is said where the
 * agent is looking instead: sending it again by itself would hide it.
 */
export function waitsForLink(error: CareError, s: CareState): boolean {
  return error.kind === 'network' && s.connection === 'offline';
}

/** Whether a command's error means it waits in the outbox and will be sent by itself (N3). */
export function isQueued(error: CareError): boolean {
  return error.kind === 'network' && error.detail === QUEUED;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/** The delay before retry number `attempt` (0-based): doubling from 1 s up to 30 s, ±30% so many clients do not return at once. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt) * (0.7 + 0.6 * random());
}

function patchItems(s: CareState, change: (items: readonly OutboxItem[]) => readonly OutboxItem[]): CareState {
  const outbox = change(s.outbox);
  return outbox === s.outbox ? s : { ...s, outbox };
}

/** Sends what waits, in order, one at a time; retries with backoff while the link fails. */
export class Outbox {
  private running: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;

  constructor(private readonly parts: StoreParts) {}

  /** Puts a command that failed for want of a connection in the outbox; returns the error its caller reports. */
  queue(command: OutboxCommand, key: string, scope?: string): CareError {
    const item = { ...command, key, scope, at: this.parts.now(), state: 'waiting' } as OutboxItem;
    this.parts.container.update((s) => patchItems(s, (items) => (items.some((i) => i.key === key) ? items : [...items, item])));
    this.schedule();
    return new CareError({
      kind: 'network',
      message: 'Queued until the connection is back.',
      detail: QUEUED,
    });
  }

  /** Sends everything waiting now (the link is back, or the agent pressed Retry). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  /** A failed item goes back in line. */
  retry(key: string): Promise<void> {
    this.set(key, { state: 'waiting', error: undefined });
    this.attempt = 0;
    return this.flush();
  }

  /** Drops an item the agent no longer wants sent. */
  discard(key: string): void {
    this.remove(key);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.timer || this.parts.container.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, backoff(this.attempt++));
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.parts.container.disposed) return;
      const next = this.parts.container.value.outbox.find((i) => i.state === 'waiting');
      if (!next) return;
      this.set(next.key, { state: 'sending' });
      const result = await this.send(next);
      if (result.ok) {
        this.attempt = 0;
        this.remove(next.key);
        continue;
      }
      if (result.error.kind === 'network' || result.error.kind === 'aborted') {
        // Still no link: everything stays in order and waits for the next try.
        this.set(next.key, { state: 'waiting' });
        this.schedule();
        return;
      }
      // A save that met a conflict or a refusal says so in its editor, where the agent resolves it (R6).
      if (next.op === 'save') this.remove(next.key);
      else this.set(next.key, { state: 'failed', error: result.error });
    }
  }

  private async send(item: OutboxItem): Promise<Result<unknown>> {
    const { caller, transport, container } = this.parts;
    switch (item.op) {
      case 'addComment': {
        const result = await caller.run('addComment', (signal) => transport.addComment(item.activityId, item.text, signal, item.key));
        // Into a list already loaded only: one loaded later brings it anyway.
        if (result.ok && container.value.comments[item.activityId]) {
          container.update((s) => withComments(s, item.activityId, (list) => (list.some((c) => c.id === result.value.id) ? list : [...list, result.value])));
        }
        return result;
      }
      case 'sendChatMessage': {
        const result = await caller.run('sendChatMessage', (signal) => transport.sendChatMessage(item.activityId, item.text, signal, item.key));
        if (result.ok) container.update((s) => withMessage(s, result.value));
        return result;
      }
      case 'createRequest': {
        const result = await caller.run('createRequest', (signal) => transport.createRequest(item.customerId, item.fields, signal, item.key));
        if (result.ok) this.parts.take({ kind: 'request', value: result.value });
        return result;
      }
      case 'save':
        return item.kind === 'customer' ? saveCustomer(this.parts, item.id) : saveRequest(this.parts, item.id);
      case 'addTag':
      case 'removeTag': {
        const op = item.op;
        const result = await caller.run(op, (signal) => transport[op](item.activityId, item.tag, signal));
        if (result.ok) this.parts.take({ kind: 'activity', value: result.value });
        else if (result.error.kind !== 'network' && result.error.kind !== 'aborted') {
          // Refused now: what the activity shows since the agent pressed is taken back to what the backend holds.
          const fresh = await caller.run('getActivity', (signal) => transport.getActivity(item.activityId, signal));
          if (fresh.ok) container.update((s) => withRecord(s, 'activity', fresh.value));
        }
        return result;
      }
    }
  }

  private remove(key: string): void {
    const item = this.parts.container.value.outbox.find((i) => i.key === key);
    if (item?.scope) this.parts.intents.release(item.scope);
    this.parts.container.update((s) => patchItems(s, (items) => items.filter((i) => i.key !== key)));
  }

  private set(key: string, patch: Partial<OutboxItem>): void {
    this.parts.container.update((s) => patchItems(s, (items) => items.map((i) => (i.key === key ? ({ ...i, ...patch } as OutboxItem) : i))));
  }
}
