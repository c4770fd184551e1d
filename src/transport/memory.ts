import type { CareEngine } from '../engine/engine.js';
import type { EngineEvent } from '../engine/events.js';
import { CareError } from '../model/errors.js';
import { isTaskVisibleTo, revokeReasonOf } from '../model/rules.js';
import type { Id } from '../model/types.js';
import type { CareEvent, CareEventListener, CareTransport, SessionSnapshot, TransportOperation } from './port.js';

/** Decides whether an operation fails, for tests and stories of a failing backend. */
export type FailureInjector = (operation: TransportOperation) => CareError | undefined;

export interface MemoryTransportOptions {
  /** The agent this transport signs in as. */
  agentId: Id;
  /** Simulated network delay in milliseconds, per call (default 0: answers on the next microtask). */
  latency?: number;
  /** Makes chosen calls fail, as a broken or refusing backend would. */
  failure?: FailureInjector;
  /** Loses chosen answers after the work is done, as a dropped connection does (N3's retries). */
  loseAnswer?: (operation: TransportOperation) => boolean;
}

/**
 * The transport over the embedded engine: what `npm start`, the tests and
 * the stories use. It behaves like a remote backend: answers asynchronously,
 * hands out copies, honours every AbortSignal, and pushes to this agent only
 * the events it may see. Latency and failures can be injected.
 */
export class MemoryTransport implements CareTransport {
  /** Payloads come from the engine's typed code: the store need not re-check their shape. */
  readonly validated = true;
  readonly agentId: Id;
  /** Delay of every call in milliseconds; may be changed at any time. */
  latency: number;
  /** Fault injection; may be changed at any time. */
  failure: FailureInjector | undefined;
  /** Answers lost on the way back (the backend did the work); may be changed at any time. */
  loseAnswer: ((operation: TransportOperation) => boolean) | undefined;
  private readonly listeners = new Set<CareEventListener>();
  private unsubscribeEngine: (() => void) | undefined;
  /** Tasks this agent has been told about, so it hears when they leave its view. */
  private readonly seen = new Set<Id>();
  private online = true;

  constructor(
    private readonly engine: CareEngine,
    options: MemoryTransportOptions,
  ) {
    this.agentId = options.agentId;
    this.latency = options.latency ?? 0;
    this.failure = options.failure;
    this.loseAnswer = options.loseAnswer;
  }

  /**
   * Simulates the link dropping (`false`) or coming back (`true`). While
   * offline every call fails with `network` and pushes are lost, as on a real
   * event stream; the engine hears of it as a backend does (no offers, no R13
   * penalty meanwhile), and the store resyncs when the link is back (N3).
   */
  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.engine.setLink(this.agentId, online);
    this.dispatch({ type: 'connection', online });
  }

  subscribe(listener: CareEventListener): () => void {
    this.listeners.add(listener);
    this.unsubscribeEngine ??= this.engine.subscribe((event) => this.forward(event));
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.unsubscribeEngine?.();
        this.unsubscribeEngine = undefined;
      }
    };
  }

  connect(signal: AbortSignal): Promise<SessionSnapshot> {
    return this.call('connect', signal, () => {
      const snapshot = this.engine.snapshot(this.agentId);
      this.seen.clear();
      for (const task of snapshot.tasks) this.seen.add(task.id);
      return snapshot;
    });
  }

  setStatus: CareTransport['setStatus'] = (status, signal, reason) =>
    this.call('setStatus', signal, () => this.engine.setStatus(this.agentId, status, reason));

  acceptTask: CareTransport['acceptTask'] = (taskId, signal) =>
    this.call('acceptTask', signal, () => this.engine.acceptTask(this.agentId, taskId));

  getTransferTargets: CareTransport['getTransferTargets'] = (signal) =>
    this.call('getTransferTargets', signal, () => this.engine.getTransferTargets(this.agentId));

  transferTask: CareTransport['transferTask'] = (taskId, target, note, signal) =>
    this.call('transferTask', signal, () => this.engine.transferTask(this.agentId, taskId, target, note));

  declineTask: CareTransport['declineTask'] = (taskId, signal) =>
    this.call('declineTask', signal, () => this.engine.declineTask(this.agentId, taskId));

  startWrapUp: CareTransport['startWrapUp'] = (taskId, signal) =>
    this.call('startWrapUp', signal, () => this.engine.startWrapUp(this.agentId, taskId));

  closeTask: CareTransport['closeTask'] = (taskId, signal, wrapUp) =>
    this.call('closeTask', signal, () => this.engine.closeTask(this.agentId, taskId, wrapUp));

  getCustomer: CareTransport['getCustomer'] = (customerId, signal) =>
    this.call('getCustomer', signal, () => this.engine.getCustomer(customerId));

  getJourney: CareTransport['getJourney'] = (customerId, signal) =>
    this.call('getJourney', signal, () => this.engine.getJourney(customerId));

  getRequest: CareTransport['getRequest'] = (requestId, signal) =>
    this.call('getRequest', signal, () => this.engine.getRequest(requestId));

  getActivity: CareTransport['getActivity'] = (activityId, signal) =>
    this.call('getActivity', signal, () => this.engine.getActivity(activityId));

  getComments: CareTransport['getComments'] = (activityId, signal) =>
    this.call('getComments', signal, () => this.engine.getComments(activityId));

  getTranscript: CareTransport['getTranscript'] = (activityId, signal) =>
    this.call('getTranscript', signal, () => this.engine.getTranscript(activityId));

  getCannedResponses: CareTransport['getCannedResponses'] = (signal) => this.call('getCannedResponses', signal, () => this.engine.getCannedResponses());

  searchCustomers: CareTransport['searchCustomers'] = (query, signal) =>
    this.call('searchCustomers', signal, () => this.engine.searchCustomers(query));

  createCustomer: CareTransport['createCustomer'] = (taskId, fields, signal, key) =>
    this.call('createCustomer', signal, () => this.engine.createCustomer(this.agentId, taskId, fields, key));

  updateCustomer: CareTransport['updateCustomer'] = (customerId, expectedVersion, patch, signal) =>
    this.call('updateCustomer', signal, () => this.engine.updateCustomer(this.agentId, customerId, expectedVersion, patch));

  createRequest: CareTransport['createRequest'] = (customerId, fields, signal, key) =>
    this.call('createRequest', signal, () => this.engine.createRequest(this.agentId, customerId, fields, undefined, key));

  updateRequest: CareTransport['updateRequest'] = (requestId, expectedVersion, patch, signal) =>
    this.call('updateRequest', signal, () => this.engine.updateRequest(this.agentId, requestId, expectedVersion, patch));

  addTag: CareTransport['addTag'] = (activityId, tag, signal) =>
    this.call('addTag', signal, () => this.engine.addTag(this.agentId, activityId, tag));

  removeTag: CareTransport['removeTag'] = (activityId, tag, signal) =>
    this.call('removeTag', signal, () => this.engine.removeTag(this.agentId, activityId, tag));

  addComment: CareTransport['addComment'] = (activityId, text, signal, key) =>
    this.call('addComment', signal, () => this.engine.addComment(this.agentId, activityId, text, key));

  moveActivity: CareTransport['moveActivity'] = (activityId, target, signal, expectedVersion) =>
    this.call('moveActivity', signal, () => this.engine.moveActivity(this.agentId, activityId, target, expectedVersion));

  moveActivityToCustomer: CareTransport['moveActivityToCustomer'] = (activityId, customerId, signal, expectedVersion) =>
    this.call('moveActivityToCustomer', signal, () => this.engine.moveActivityToCustomer(this.agentId, activityId, customerId, expectedVersion));

  sendChatMessage: CareTransport['sendChatMessage'] = (activityId, text, signal, key) =>
    this.call('sendChatMessage', signal, () => this.engine.sendChatMessage(this.agentId, activityId, text, key));

  /** Runs `work` after the simulated latency, as a remote call would: asynchronously, abortable, fallible. */
  private async call<T>(operation: TransportOperation, signal: AbortSignal, work: () => T): Promise<T> {
    await wait(this.latency, signal);
    if (!this.online) throw CareError.network('You are offline. Your changes are kept; try again when the connection is back.');
    const injected = this.failure?.(operation);
    if (injected) throw injected;
    // The engine answers synchronously and throws CareErrors; anything else is a defect we report as such.
    let answer: T;
    try {
      answer = work();
    } catch (error) {
      throw CareError.from(error);
    }
    if (this.loseAnswer?.(operation)) throw CareError.network('The connection dropped before the answer arrived.');
    return answer;
  }

  private forward(event: EngineEvent): void {
    // A dropped link loses what was pushed meanwhile; the store's resync on reconnect recovers it.
    if (!this.online) return;
    for (const out of this.translate(event)) this.dispatch(out);
  }

  private dispatch(event: CareEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** Turns an engine fact into what this agent may hear of it. */
  private translate(event: EngineEvent): CareEvent[] {
    switch (event.type) {
      case 'task': {
        const { task, cause } = event;
        const agent = this.engine.getAgent(this.agentId);
        const visible = isTaskVisibleTo(task, agent);
        const wasSeen = this.seen.has(task.id);
        if (visible) this.seen.add(task.id);
        else this.seen.delete(task.id);
        if (visible && cause === 'offered') return [{ type: 'task-offered', task }];
        const reason = revokeReasonOf(cause);
        if (!visible && wasSeen && reason) return [{ type: 'task-revoked', task, reason }];
        return visible || wasSeen ? [{ type: 'task-changed', task }] : [];
      }
      case 'agent':
        return event.agent.id === this.agentId ? [{ type: 'agent-changed', agent: event.agent }] : [];
      case 'customer':
        return [withChanger({ type: 'entity-changed', change: { kind: 'customer', value: event.customer } }, event.changedBy)];
      case 'request':
        return [withChanger({ type: 'entity-changed', change: { kind: 'request', value: event.request } }, event.changedBy)];
      case 'activity':
        return [withChanger({ type: 'entity-changed', change: { kind: 'activity', value: event.activity } }, event.changedBy)];
      case 'comment':
        return [{ type: 'comment-added', comment: event.comment }];
      case 'chat-message':
        return [{ type: 'chat-message', message: event.message }];
    }
  }
}

function withChanger(
  event: Extract<CareEvent, { type: 'entity-changed' }>,
  changedBy: Extract<EngineEvent, { type: 'customer' }>['changedBy'],
): CareEvent {
  return changedBy ? { ...event, changedBy } : event;
}

/** Resolves after `ms` (or on the next microtask for 0); rejects as `aborted` when the signal fires. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(CareError.aborted());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(CareError.aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
