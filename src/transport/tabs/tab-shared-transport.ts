import { CareError } from '../../model/errors.js';
import type { CareEvent } from '../../model/types.js';
import { idempotencyKey } from '../../model/keys.js';
import type { CareEventListener, CareTransport, TransportOperation } from '../port.js';
import { isTabMessage, type TabMessage } from './messages.js';

/** The part of `navigator.locks` used here. */
export interface TabLocks {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
}

/** The part of a BroadcastChannel used here. */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** Options of {@link TabSharedTransport}. */
export interface TabSharingOptions {
  /**
   * Tabs with the same name share one link. Name the backend and the agent
   * (e.g. `${baseUrl} ${agentId}`), so another agent signed in on the same
   * browser never joins.
   */
  name: string;
  /** Whether the made transports vouch for their payloads (as `MemoryTransport` does); default false: the store checks them. */
  validated?: boolean;
  /** The lock manager (default `navigator.locks`). Without one every tab keeps its own link. */
  locks?: TabLocks;
  /** Opens the channel (default `new BroadcastChannel(name)`). */
  channel?: (name: string) => TabChannel;
  /** Where the page's lifecycle events arrive (default `document`): a frozen tab hands the link on. */
  lifecycle?: EventTarget;
}

interface PendingCall {
  op: TransportOperation;
  args: unknown[];
  signalAt: number;
  resolve: (value: unknown) => void;
  reject: (error: CareError) => void;
  /** The leader it was sent to; sent again when another tab takes the lead. */
  sentTo: string | undefined;
}

/** How long a tab whose transport could not be made waits before it queues for the lead again. */
const RETRY_LEAD_MS = 3_000;

/** Answers a leader keeps, so a call sent twice (across a handover) is answered, not done, twice. */
const KEPT_REPLIES = 200;

/**
 * N2: one agent in several tabs of one browser is one session. The tab that
 * holds a Web Lock named after the session is the leader: it alone makes the
 * real transport (`make`), so there is one event stream, and it passes every
 * event to the other tabs over a BroadcastChannel. The others are followers:
 * their calls go to the leader and its answers come back. When the leader
 * tab closes, crashes or freezes, the lock passes to the next tab, which
 * makes its own transport, answers the calls still waiting, and tells every
 * store to resync (a `connection: online` event), so nothing said during the
 * handover is missed. Only the leader rings (`leads()`).
 *
 * A browser without Web Locks or BroadcastChannel gets the plain transport
 * in every tab, as before.
 */
export class TabSharedTransport implements CareTransport {
  readonly validated: boolean;
  /** This tab's id on the channel. */
  readonly tabId = idempotencyKey();
  private readonly locks: TabLocks | undefined;
  private readonly channel: TabChannel | undefined;
  private readonly lifecycle: EventTarget | undefined;
  private readonly listeners = new Set<CareEventListener>();
  private readonly pending = new Map<number, PendingCall>();
  private readonly serving = new Map<string, AbortController>();
  private readonly replies = new Map<string, TabMessage>();
  private inner: CareTransport | undefined;
  private stopInner: (() => void) | undefined;
  private leaderId: string | undefined;
  private knewLeader = false;
  private seq = 0;
  private stepDown: (() => void) | undefined;
  private campaign: AbortController | undefined;
  private closed = false;

  constructor(
    private readonly make: () => CareTransport | Promise<CareTransport>,
    private readonly options: TabSharingOptions,
  ) {
    this.validated = options.validated ?? false;
    const nav = globalThis.navigator as (Navigator & { locks?: TabLocks }) | undefined;
    this.locks = options.locks ?? nav?.locks;
    const open = options.channel ?? (typeof BroadcastChannel === 'function' ? (name: string) => new BroadcastChannel(name) : undefined);
    this.channel = this.locks && open ? open(`care-kit ${options.name}`) : undefined;
    this.lifecycle = options.lifecycle ?? (typeof document === 'object' ? document : undefined);
    if (!this.channel) {
      void this.lead();
      return;
    }
    this.channel.addEventListener('message', (event) => this.hear(event.data));
    this.lifecycle?.addEventListener('freeze', this.onFreeze);
    this.lifecycle?.addEventListener('resume', this.onResume);
    this.post({ t: 'hello', from: this.tabId });
    this.stand();
  }

  /** Whether this tab holds the link (and so rings for offers). */
  leads(): boolean {
    return this.inner !== undefined;
  }

  /** Leaves the session: the lock and the link pass to another tab; calls still waiting fail as aborted. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.resign();
    this.campaign?.abort();
    this.lifecycle?.removeEventListener('freeze', this.onFreeze);
    this.lifecycle?.removeEventListener('resume', this.onResume);
    for (const call of this.pending.values()) call.reject(CareError.aborted());
    this.pending.clear();
    this.channel?.close();
  }

  subscribe(listener: CareEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connect: CareTransport['connect'] = (...a) => this.call('connect', a);
  setStatus: CareTransport['setStatus'] = (...a) => this.call('setStatus', a);
  acceptTask: CareTransport['acceptTask'] = (...a) => this.call('acceptTask', a);
  declineTask: CareTransport['declineTask'] = (...a) => this.call('declineTask', a);
  getTransferTargets: CareTransport['getTransferTargets'] = (...a) => this.call('getTransferTargets', a);
  transferTask: CareTransport['transferTask'] = (...a) => this.call('transferTask', a);
  startWrapUp: CareTransport['startWrapUp'] = (...a) => this.call('startWrapUp', a);
  closeTask: CareTransport['closeTask'] = (...a) => this.call('closeTask', a);
  getCustomer: CareTransport['getCustomer'] = (...a) => this.call('getCustomer', a);
  getJourney: CareTransport['getJourney'] = (...a) => this.call('getJourney', a);
  getRequest: CareTransport['getRequest'] = (...a) => this.call('getRequest', a);
  getActivity: CareTransport['getActivity'] = (...a) => this.call('getActivity', a);
  getComments: CareTransport['getComments'] = (...a) => this.call('getComments', a);
  getTranscript: CareTransport['getTranscript'] = (...a) => this.call('getTranscript', a);
  searchCustomers: CareTransport['searchCustomers'] = (...a) => this.call('searchCustomers', a);
  getCannedResponses: CareTransport['getCannedResponses'] = (...a) => this.call('getCannedResponses', a);
  createCustomer: CareTransport['createCustomer'] = (...a) => this.call('createCustomer', a);
  updateCustomer: CareTransport['updateCustomer'] = (...a) => this.call('updateCustomer', a);
  createRequest: CareTransport['createRequest'] = (...a) => this.call('createRequest', a);
  updateRequest: CareTransport['updateRequest'] = (...a) => this.call('updateRequest', a);
  addTag: CareTransport['addTag'] = (...a) => this.call('addTag', a);
  removeTag: CareTransport['removeTag'] = (...a) => this.call('removeTag', a);
  addComment: CareTransport['addComment'] = (...a) => this.call('addComment', a);
  moveActivity: CareTransport['moveActivity'] = (...a) => this.call('moveActivity', a);
  moveActivityToCustomer: CareTransport['moveActivityToCustomer'] = (...a) => this.call('moveActivityToCustomer', a);
  sendChatMessage: CareTransport['sendChatMessage'] = (...a) => this.call('sendChatMessage', a);

  // ── Leading ───────────────────────────────────────────────────────────

  /** Queues for the lock; holds it (and the link) until this tab closes or freezes. */
  private stand(): void {
    const campaign = (this.campaign = new AbortController());
    this.locks!.request(`care-kit ${this.options.name}`, { signal: campaign.signal }, () => {
      if (this.closed || campaign.signal.aborted) return Promise.resolve();
      return new Promise<void>((release) => {
        this.stepDown = release;
        void this.lead();
      });
    }).catch(() => undefined); // aborted while waiting: this tab closed or froze first
  }

  private async lead(): Promise<void> {
    let inner: CareTransport;
    try {
      inner = await this.make();
    } catch (thrown) {
      for (const call of this.pending.values()) call.reject(CareError.network('The connection could not be set up.', String(thrown)));
      this.pending.clear();
      // Let another tab (or this one, a little later) try: holding the lock without a link would leave every tab without one.
      this.resign();
      if (this.channel) setTimeout(() => this.closed || this.inner || this.stand(), RETRY_LEAD_MS);
      return;
    }
    if (this.closed) return;
    this.inner = inner;
    this.leaderId = this.tabId;
    this.stopInner = inner.subscribe((event) => {
      this.deliver(event);
      this.post({ t: 'event', event });
    });
    this.post({ t: 'leader', from: this.tabId });
    for (const [id, call] of this.pending) {
      this.pending.delete(id);
      this.run(call.op, call.args, call.signalAt).then(call.resolve, (thrown) => call.reject(CareError.from(thrown)));
    }
    // Taking over from another tab: what was said during the handover may be lost, so this tab's store
    // catches up (N3); the followers do the same when they hear who leads now.
    if (this.knewLeader) this.deliver({ type: 'connection', online: true });
    this.knewLeader = true;
  }

  /** Gives up the lead: the event stream closes and the lock passes on. */
  private resign(): void {
    this.stopInner?.();
    this.stopInner = undefined;
    this.inner = undefined;
    if (this.leaderId === this.tabId) this.leaderId = undefined;
    this.stepDown?.();
    this.stepDown = undefined;
  }

  private readonly onFreeze = (): void => {
    this.campaign?.abort();
    this.resign();
  };

  private readonly onResume = (): void => {
    if (this.closed || this.inner) return;
    this.post({ t: 'hello', from: this.tabId });
    this.stand();
  };

  // ── Calls ─────────────────────────────────────────────────────────────

  private call<T>(op: TransportOperation, args: unknown[]): Promise<T> {
    const signalAt = args.findIndex((arg) => arg instanceof AbortSignal);
    const signal = args[signalAt] as AbortSignal | undefined;
    if (signal?.aborted || this.closed) return Promise.reject(CareError.aborted());
    if (this.inner) return this.run(op, args, -1) as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      const id = ++this.seq;
      const call: PendingCall = { op, args, signalAt, resolve: resolve as (value: unknown) => void, reject, sentTo: undefined };
      this.pending.set(id, call);
      signal?.addEventListener('abort', () => {
        if (!this.pending.delete(id)) return;
        this.post({ t: 'abort', from: this.tabId, id });
        reject(CareError.aborted());
      });
      this.send(id, call);
    });
  }

  /** Runs a call on this tab's own transport; `signalAt` ≥ 0 swaps in a signal of this tab's. */
  private run(op: TransportOperation, args: unknown[], signalAt: number, signal?: AbortSignal): Promise<unknown> {
    const inner = this.inner!;
    const own = signalAt >= 0 && signal ? args.map((arg, i) => (i === signalAt ? signal : arg)) : args;
    return (inner[op] as (...a: unknown[]) => Promise<unknown>).apply(inner, own);
  }

  private send(id: number, call: PendingCall): void {
    call.sentTo = this.leaderId;
    const args = call.args.map((arg, i) => (i === call.signalAt ? null : arg));
    this.post({ t: 'call', from: this.tabId, id, op: call.op, args, signalAt: call.signalAt });
  }

  /** Answers a follower's call, once, however often it is sent. */
  private async serve(message: Extract<TabMessage, { t: 'call' }>): Promise<void> {
    const key = `${message.from} ${message.id}`;
    const kept = this.replies.get(key);
    if (kept) return this.post(kept);
    if (this.serving.has(key)) return;
    const controller = new AbortController();
    this.serving.set(key, controller);
    let reply: TabMessage;
    try {
      const value = await this.run(message.op, message.args, message.signalAt, controller.signal);
      reply = { t: 'reply', to: message.from, id: message.id, ok: true, value };
    } catch (thrown) {
      reply = { t: 'reply', to: message.from, id: message.id, ok: false, error: CareError.from(thrown).toJSON() };
    }
    this.serving.delete(key);
    this.replies.set(key, reply);
    if (this.replies.size > KEPT_REPLIES) this.replies.delete(this.replies.keys().next().value!);
    this.post(reply);
  }

  // ── The channel ───────────────────────────────────────────────────────

  private hear(data: unknown): void {
    if (this.closed || !isTabMessage(data)) return;
    switch (data.t) {
      case 'hello':
        if (this.inner) this.post({ t: 'leader', from: this.tabId });
        return;
      case 'leader':
        return this.follow(data.from);
      case 'call':
        if (this.inner) void this.serve(data);
        return;
      case 'abort':
        this.serving.get(`${data.from} ${data.id}`)?.abort();
        return;
      case 'reply': {
        const call = data.to === this.tabId ? this.pending.get(data.id) : undefined;
        if (!call) return;
        this.pending.delete(data.id);
        if (data.ok) call.resolve(data.value);
        else call.reject(CareError.from(data.error));
        return;
      }
      case 'event':
        if (!this.inner) this.deliver(data.event);
        return;
    }
  }

  /** Another tab leads: calls sent to no one or to the old leader go to it. */
  private follow(leaderId: string): void {
    if (this.inner || leaderId === this.leaderId) return;
    const handover = this.knewLeader;
    this.leaderId = leaderId;
    this.knewLeader = true;
    for (const [id, call] of this.pending) if (call.sentTo !== leaderId) this.send(id, call);
    if (handover) this.deliver({ type: 'connection', online: true });
  }

  private deliver(event: CareEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private post(message: TabMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A payload that cannot be cloned (a host's own transport returning class instances) stays in this tab.
    }
  }
}
