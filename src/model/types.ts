/**
 * Domain types of Care Kit. Plain data only: every value here can cross a
 * transport as JSON. Times are epoch milliseconds.
 */

/** Identifier of any entity. Opaque to the kit. */
export type Id = string;

/** Every stored entity carries a version so concurrent edits are detected (R6). */
export interface Versioned {
  id: Id;
  /** Bumped by the backend on every change; stale writes are refused as conflicts. */
  version: number;
  /** When the entity last changed. */
  updatedAt: number;
  /** The agent who made the last change, if an agent made it. */
  updatedBy?: Id;
}

/** Contact details as a task or a customer record knows them. */
export interface ContactFields {
  name: string;
  email: string;
  phone: string;
}

/** A customer record (R17). */
export interface Customer extends Versioned, ContactFields {
  createdAt: number;
}

/** Request states (R28). Resolved and closed requests are read-only. */
export type RequestStatus = 'open' | 'resolved' | 'closed';

/** The editable text of a request (R6, R7, R18). */
export interface RequestFields {
  title: string;
  description: string;
}

/** One customer problem; holds activities. Named to avoid the DOM's `Request`. */
export interface CareRequest extends Versioned, RequestFields {
  customerId: Id;
  status: RequestStatus;
  createdAt: number;
  /** When the request was resolved or closed (R8). */
  completedAt?: number;
}

/** Media of an activity. Chat and call today; the rest are reserved. */
export type MediaType = 'chat' | 'call' | 'email' | 'sms';

/** Call details for a call activity (R15). */
export interface CallInfo {
  /** The number the customer called from. */
  from: string;
  /** When the call was connected to an agent, if it was. */
  connectedAt?: number;
  /** When the call ended, if it has. */
  endedAt?: number;
}

/** One interaction with a customer on one medium (R19). */
export interface Activity extends Versioned {
  /** Null while the customer is not yet created (a new customer). */
  customerId: Id | null;
  /** Null until the activity is attached to a request (R4, R29). */
  requestId: Id | null;
  media: MediaType;
  tags: string[];
  startedAt: number;
  endedAt?: number;
  /** Short text that says what the interaction was about (e.g. a chat's first line). */
  summary: string;
  call?: CallInfo;
}

/** A note on one activity (R20). */
export interface Comment {
  id: Id;
  activityId: Id;
  authorId: Id;
  authorName: string;
  text: string;
  createdAt: number;
}

/** Who wrote a chat message. */
export type ChatSender = 'customer' | 'agent' | 'system';

/** One line of a chat transcript (R15). */
export interface ChatMessage {
  id: Id;
  activityId: Id;
  from: ChatSender;
  /** Display name of the sender at the time of writing. */
  authorName: string;
  text: string;
  at: number;
}

/** How a queue hands out its tasks (R26). */
export type RoutingMode = 'pick' | 'push';

/** A queue of tasks. */
export interface Queue {
  id: Id;
  name: string;
  routing: RoutingMode;
  media: MediaType[];
}

/**
 * Task states: waiting in a queue, offered to one agent (push routing),
 * accepted by an agent (in progress, R14), or closed (R11).
 */
export type TaskState = 'queued' | 'offered' | 'accepted' | 'closed';

/** A unit of work: an incoming chat or call from a customer. */
export interface Task extends Versioned {
  queueId: Id;
  routing: RoutingMode;
  media: MediaType;
  state: TaskState;
  /** The matched customer, or null for a new customer (R27). */
  customerId: Id | null;
  /** What the contact itself told us (name, email, phone from the chat or call). */
  contact: ContactFields;
  /** The activity this task produces. */
  activityId: Id;
  receivedAt: number;
  /** Push routing: the agent the task is offered to, and since when (R13). */
  offeredTo?: Id;
  offeredAt?: number;
  acceptedBy?: Id;
  acceptedAt?: number;
  closedAt?: number;
}

/** Agent status (R12). */
export type AgentStatus = 'ready' | 'not-ready';

/** Why the status last changed; `offer-timeout` is R13's automatic change. */
export type StatusReason = 'manual' | 'offer-timeout' | 'signed-in';

/** An agent working in the desktop. */
export interface Agent extends Versioned {
  name: string;
  status: AgentStatus;
  statusReason: StatusReason;
  statusSince: number;
  /** Queues this agent serves. */
  queueIds: Id[];
}

/** What an agent sees on connecting (or signing in to the engine). */
export interface SessionSnapshot {
  agent: Agent;
  queues: Queue[];
  /** Tasks queued in the agent's pick queues, offered to the agent, or accepted by it. */
  tasks: Task[];
  /** The backend's clock, so countdowns (R13) agree with it. */
  now: number;
}

/** A customer's journey: all requests and activities, in time order (R16). */
export interface Journey {
  customer: Customer;
  /** Oldest first. */
  requests: CareRequest[];
  /** Oldest first; includes activities without a request. */
  activities: Activity[];
}

/** Where an activity can be moved within a journey (R29). */
export type MoveTarget = { requestId: Id } | { newRequest: RequestFields };

/** Changes an agent may make to a request: its text, or resolving it (R28). */
export interface RequestPatch extends Partial<RequestFields> {
  status?: 'resolved';
}

/** Who made a change; R6's warning names them. */
export interface AgentRef {
  id: Id;
  name: string;
}

/** Kinds of entity that carry versions and can conflict. */
export type EntityKind = 'customer' | 'request' | 'activity' | 'task' | 'agent';
