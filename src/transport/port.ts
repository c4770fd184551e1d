import type {
  Activity,
  AgentRef,
  Agent,
  AgentStatus,
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
} from '../model/types.js';

// Defined in the model so the embedded engine can return it without importing transport.
export type { SessionSnapshot } from '../model/types.js';

/** A change to a versioned record, with its new version inside `value`. */
export type EntityChange =
  | { kind: 'customer'; value: Customer }
  | { kind: 'request'; value: CareRequest }
  | { kind: 'activity'; value: Activity };

/** Why an offer was taken back. `timeout` is R13. */
export type RevokeReason = 'timeout' | 'withdrawn';

/**
 * What a backend pushes to a connected agent. Everything is plain JSON.
 * - `task-offered`: a push task is offered to this agent (R12, R26);
 * - `task-revoked`: an offer was taken back (R13 timeout, or the agent went Not Ready);
 * - `task-changed`: a task this agent sees appeared, changed or left its view
 *   (another agent took it, it was closed …);
 * - `agent-changed`: this agent's status changed, e.g. to Not Ready after R13;
 * - `entity-changed`: a customer, request or activity changed, by whom (R6);
 * - `comment-added`, `chat-message`: new comments (R20) and chat lines (R15);
 * - `connection`: the link to the backend dropped or came back.
 */
export type CareEvent =
  | { type: 'task-offered'; task: Task }
  | { type: 'task-revoked'; task: Task; reason: RevokeReason }
  | { type: 'task-changed'; task: Task }
  | { type: 'agent-changed'; agent: Agent }
  | { type: 'entity-changed'; change: EntityChange; changedBy?: AgentRef }
  | { type: 'comment-added'; comment: Comment }
  | { type: 'chat-message'; message: ChatMessage }
  | { type: 'connection'; online: boolean };

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

  /** Signs the agent in and returns what it sees now. */
  connect(signal: AbortSignal): Promise<SessionSnapshot>;
  /** Listens to backend events; returns the function that stops listening. */
  subscribe(listener: CareEventListener): () => void;

  /** Ready or Not Ready (R12). */
  setStatus(status: AgentStatus, signal: AbortSignal): Promise<Agent>;
  /** Accepts a queued (pick) or offered (push) task (R3, R4, R5). */
  acceptTask(taskId: Id, signal: AbortSignal): Promise<Task>;
  /** Ends the interaction (R11). */
  closeTask(taskId: Id, signal: AbortSignal): Promise<Task>;

  getCustomer(customerId: Id, signal: AbortSignal): Promise<Customer>;
  /** All requests and activities of a customer, oldest first (R16). */
  getJourney(customerId: Id, signal: AbortSignal): Promise<Journey>;
  getRequest(requestId: Id, signal: AbortSignal): Promise<CareRequest>;
  getActivity(activityId: Id, signal: AbortSignal): Promise<Activity>;
  getComments(activityId: Id, signal: AbortSignal): Promise<Comment[]>;
  getTranscript(activityId: Id, signal: AbortSignal): Promise<ChatMessage[]>;
  /** Customers whose name, email or phone match (R29's move to another customer). */
  searchCustomers(query: string, signal: AbortSignal): Promise<Customer[]>;

  /** Creates the customer of an in-progress task that has none (R10, R27). */
  createCustomer(taskId: Id, fields: ContactFields, signal: AbortSignal): Promise<Customer>;
  updateCustomer(customerId: Id, expectedVersion: number, patch: Partial<ContactFields>, signal: AbortSignal): Promise<Customer>;
  /** A new request for a new problem (R21). */
  createRequest(customerId: Id, fields: RequestFields, signal: AbortSignal): Promise<CareRequest>;
  updateRequest(requestId: Id, expectedVersion: number, patch: RequestPatch, signal: AbortSignal): Promise<CareRequest>;
  /** Tags are a set: adding and removing never conflict (R9). */
  addTag(activityId: Id, tag: string, signal: AbortSignal): Promise<Activity>;
  removeTag(activityId: Id, tag: string, signal: AbortSignal): Promise<Activity>;
  addComment(activityId: Id, text: string, signal: AbortSignal): Promise<Comment>;
  /** Moves an activity to another open request or a new one (R16, R29). */
  moveActivity(activityId: Id, target: MoveTarget, signal: AbortSignal): Promise<{ activity: Activity; request: CareRequest }>;
  /** Moves an activity matched to the wrong customer (R29). */
  moveActivityToCustomer(activityId: Id, customerId: Id, signal: AbortSignal): Promise<Activity>;
  sendChatMessage(activityId: Id, text: string, signal: AbortSignal): Promise<ChatMessage>;
}

/** The names of the port's request methods, for fault injection and logging. */
export type TransportOperation = Exclude<keyof CareTransport, 'subscribe'>;
