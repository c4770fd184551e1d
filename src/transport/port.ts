import type {
  Activity,
  CannedResponse,
  Agent,
  AgentStatus,
  CareEvent,
  CareRequest,
  ChatMessage,
  Comment,
  ContactFields,
  Customer,
  Id,
  Journey,
  MoveTarget,
  RequestFields,
  RequestPatch,
  SessionSnapshot,
  Task,
  TransferTarget,
  TransferTargets,
  WrapUp,
} from '../model/types.js';

// The payload types live with their schemas in the model (N4); re-exported
// here because adapters know them from the port.
export type { CareEvent, EntityChange, RevokeReason, SessionSnapshot } from '../model/types.js';

/** Receives backend events. */
export type CareEventListener = (event: CareEvent) => void;

/**
 * The port between the store and a backend: the only way Care Kit reaches
 * one. One transport serves one signed-in agent.
 *
 * Contract for adapter authors:
 * - Every method takes an `AbortSignal`; when it aborts, reject with a
 *   `CareError` of kind `aborted` (or a DOMException named AbortError).
 * - Reject with a `CareError` (see `CareError.from` to revive one from JSON):
 *   `conflict` when `expectedVersion` is stale, with `conflict.current` set to
 *   the record as it is now (R6); `validation` with `issues` (R7, R9, R23);
 *   `refused` with a `reason` when a rule forbids it (R5, R25, R28, R29);
 *   `not-found`; `auth`; `network` when the backend cannot be reached.
 * - Resolve with the changed record, its version bumped.
 * - Push every change the agent can see through `subscribe`, including the
 *   agent's own (the store ignores what it already knows by version).
 * - Appends (`createCustomer`, `createRequest`, `addComment`,
 *   `sendChatMessage`) take an idempotency `key` the store makes once per
 *   command and sends again on every retry: a repeated key must get the
 *   first answer without doing the work twice (N3).
 * - Moves take the activity's version they were based on; a stale one is a
 *   `conflict` like an edit's (N6).
 *
 * The embedded engine's adapter, `MemoryTransport`, is the reference.
 */
export interface CareTransport {
  /**
   * True when the adapter guarantees well-formed payloads (they come from
   * typed code in the same page, as with the memory adapter). Otherwise the
   * store checks every payload's shape before trusting it.
   */
  readonly validated?: boolean;

  /**
   * For an adapter one agent's tabs share (N2): whether this tab holds the
   * link. Only that tab rings for offers. Absent: every tab is on its own.
   */
  leads?(): boolean;

  /** Signs the agent in and returns what it sees now. */
  connect(signal: AbortSignal): Promise<SessionSnapshot>;
  /** Listens to backend events; returns the function that stops listening. */
  subscribe(listener: CareEventListener): () => void;

  /**
   * Ready or Not Ready (R12); Not Ready may carry the agent's `reason` from
   * the host's list (X3), kept as `agent.notReadyReason`. Another reason
   * while Not Ready is a new status (`statusSince` starts again).
   */
  setStatus(status: AgentStatus, signal: AbortSignal, reason?: string): Promise<Agent>;
  /** Accepts a queued (pick) or offered (push) task (R3, R4, R5). */
  acceptTask(taskId: Id, signal: AbortSignal): Promise<Task>;
  /**
   * Declines a task offered to this agent (X2): it goes to the next agent at
   * once and the agent stays Ready; `refused` (`not-offered`) when it is not
   * offered to them. The agent hears `task-revoked` with reason `declined`.
   */
  declineTask(taskId: Id, signal: AbortSignal): Promise<Task>;
  /** X5: the queues and agents a task can be transferred to (every queue; the other agents with their status). */
  getTransferTargets(signal: AbortSignal): Promise<TransferTargets>;
  /**
   * X5: hands a task in progress on. To a queue: it waits there and is routed
   * as that queue's tasks are. To an agent: offered to them at once (R13's
   * 15 minutes); `refused` (`agent-unavailable`) unless they are Ready with
   * no offer pending. A non-empty `note` is added first as the agent's
   * comment on the activity (R20), so the next agent reads it; the activity
   * keeps its request. The agent hears `task-changed` as the task leaves them.
   */
  transferTask(taskId: Id, target: TransferTarget, note: string, signal: AbortSignal): Promise<Task>;
  /**
   * X6: ends the interaction of a task in progress (a call hangs up, a chat
   * takes no more lines) and starts its queue's wrap-up: the task stays the
   * agent's, with `wrapUpStartedAt` and, where the queue has a time limit,
   * `wrapUpUntil`, when the backend closes it without a wrap-up (the agent
   * hears `task-changed`, the task `closed`). Starting again changes
   * nothing; `refused` (`invalid-state`) where the queue asks for no wrap-up.
   */
  startWrapUp(taskId: Id, signal: AbortSignal): Promise<Task>;
  /**
   * Ends the interaction (R11). Where the task's queue asks for a wrap-up
   * (`queue.wrapUp`, X6), `wrapUp.code` must be one of its codes, and given
   * when required (`refused`, `wrap-up-required`); code and note are kept as `task.wrapUp`.
   */
  closeTask(taskId: Id, signal: AbortSignal, wrapUp?: WrapUp): Promise<Task>;

  getCustomer(customerId: Id, signal: AbortSignal): Promise<Customer>;
  /** All requests and activities of a customer, oldest first (R16). */
  getJourney(customerId: Id, signal: AbortSignal): Promise<Journey>;
  getRequest(requestId: Id, signal: AbortSignal): Promise<CareRequest>;
  getActivity(activityId: Id, signal: AbortSignal): Promise<Activity>;
  getComments(activityId: Id, signal: AbortSignal): Promise<Comment[]>;
  getTranscript(activityId: Id, signal: AbortSignal): Promise<ChatMessage[]>;
  /** X7: the contact centre's canned responses, in the order agents see them; placeholders unfilled. */
  getCannedResponses(signal: AbortSignal): Promise<CannedResponse[]>;
  /** Customers whose name, email or phone match (R29's move to another customer). */
  searchCustomers(query: string, signal: AbortSignal): Promise<Customer[]>;

  /** Creates the customer of an in-progress task that has none (R10, R27); a repeated `key` gets the first answer (N3). */
  createCustomer(taskId: Id, fields: ContactFields, signal: AbortSignal, key?: string): Promise<Customer>;
  updateCustomer(customerId: Id, expectedVersion: number, patch: Partial<ContactFields>, signal: AbortSignal): Promise<Customer>;
  /** A new request for a new problem (R21); a repeated `key` gets the first answer (N3). */
  createRequest(customerId: Id, fields: RequestFields, signal: AbortSignal, key?: string): Promise<CareRequest>;
  updateRequest(requestId: Id, expectedVersion: number, patch: RequestPatch, signal: AbortSignal): Promise<CareRequest>;
  /** Tags are a set: adding and removing never conflict (R9). */
  addTag(activityId: Id, tag: string, signal: AbortSignal): Promise<Activity>;
  removeTag(activityId: Id, tag: string, signal: AbortSignal): Promise<Activity>;
  /** Adds a comment (R20); a repeated `key` gets the first answer (N3). */
  addComment(activityId: Id, text: string, signal: AbortSignal, key?: string): Promise<Comment>;
  /** Moves an activity to another open request or a new one (R16, R29); a stale `expectedVersion` is a conflict (N6). */
  moveActivity(activityId: Id, target: MoveTarget, signal: AbortSignal, expectedVersion?: number): Promise<{ activity: Activity; request: CareRequest }>;
  /** Moves an activity matched to the wrong customer (R29); a stale `expectedVersion` is a conflict (N6). */
  moveActivityToCustomer(activityId: Id, customerId: Id, signal: AbortSignal, expectedVersion?: number): Promise<Activity>;
  /** Writes in the chat (R15); a repeated `key` gets the first answer (N3). */
  sendChatMessage(activityId: Id, text: string, signal: AbortSignal, key?: string): Promise<ChatMessage>;
}

/** The names of the port's request methods, for fault injection and logging. */
export type TransportOperation = Exclude<keyof CareTransport, 'subscribe'>;
