import type { CareError } from '../model/errors.js';
import type {
  Activity,
  Agent,
  AgentRef,
  CareRequest,
  ChatMessage,
  Comment,
  ContactFields,
  Customer,
  Id,
  Queue,
  RequestFields,
  Task,
} from '../model/types.js';
import type { ValidationIssue } from '../model/validation.js';
import type { OutboxItem } from './outbox.js';
import type { Table } from './table.js';
import type { TaskLists } from './task-lists.js';

/** The link to the backend. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';

/** Async data, always in one explicit state: loading, error or ready. */
export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'error'; error: CareError }
  | { status: 'ready'; value: T };

/** The outcome of a store command. Commands never throw. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: CareError };

/** What a notice is about, so a UI can word it in the agent's language. */
export type NoticeCode =
  | 'offer-timeout'
  | 'offer-withdrawn'
  | 'wrap-up-timeout'
  | 'conflict'
  | 'connection-lost'
  | 'connection-restored'
  | 'drafts-restored'
  | 'protocol';

/** Something the agent should hear about that did not come from their last click. */
export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  code: NoticeCode;
  /** English text; `code` and `error` carry the rest. */
  message: string;
  at: number;
  error?: CareError;
  /** What it is about (`request:<id>`, `task:<id>` …): one notice per code and subject, cleared when that settles (X11). */
  subject?: string;
  /** Who it is about, for the sentence (a withdrawn offer's customer, X11). */
  name?: string;
}

/** Which fields of a record a draft edits. */
export interface DraftFieldsByKind {
  customer: ContactFields;
  request: RequestFields;
}

/** Record kinds that have drafts. */
export type DraftKind = keyof DraftFieldsByKind;

/** Saved records by draft kind. */
export interface DraftRecordByKind {
  customer: Customer;
  request: CareRequest;
}

/**
 * The agent's unsaved edits of one record, kept apart from the saved record
 * (R6). `baseVersion` is the version the agent started from.
 */
export interface Draft<K extends DraftKind = DraftKind> {
  kind: K;
  id: Id;
  baseVersion: number;
  values: Partial<DraftFieldsByKind[K]>;
  saving: boolean;
  /** Someone else changed the record after `baseVersion` (R6): their version and who. */
  conflict?: { current: DraftRecordByKind[K]; changedBy?: AgentRef };
  /** The agent's own text, put aside when they chose Load (R6: nothing lost silently). */
  stash?: Partial<DraftFieldsByKind[K]>;
  /** Why the last save failed, if it did. */
  error?: CareError;
}

/** What an editor shows: the saved record with the agent's edits on top, and how they stand. */
export interface DraftView<K extends DraftKind = DraftKind> {
  kind: K;
  id: Id;
  /** The saved record, as the backend last told us. */
  saved: DraftRecordByKind[K];
  /** Field values to show: saved values overlaid with the agent's edits. */
  values: DraftFieldsByKind[K];
  dirty: boolean;
  saving: boolean;
  issues: ValidationIssue[];
  conflict?: Draft<K>['conflict'];
  stash?: Partial<DraftFieldsByKind[K]>;
  error?: CareError;
}

/** Whether a load of some data is under way, done, or failed. */
export type LoadStatus = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: CareError };

/** What the store loads on demand, one kind of resource each. */
export type ResourceKind = 'customer' | 'journey' | 'request' | 'activity' | 'comments' | 'transcript';

/** Names one loadable resource, e.g. `{ kind: 'comments', id: activityId }` for a Retry button. */
export interface ResourceKey {
  kind: ResourceKind;
  id: Id;
}

/**
 * Where a composer's unsent text belongs (X8): a chat line per task, a comment or a half-typed tag per activity,
 * the title and description of a request being added per customer (R21).
 */
export type UnsentKind = 'message' | 'comment' | 'tag' | 'requestTitle' | 'requestDescription';

/** Every kind of unsent text, for code that goes through them all. */
export const UNSENT_KINDS: readonly UnsentKind[] = ['message', 'comment', 'tag', 'requestTitle', 'requestDescription'];

/** A table per kind of unsent text, none of them shared with `tables`. */
export function unsentTables(tables?: Partial<Record<UnsentKind, Readonly<Record<Id, string>>>>): Record<UnsentKind, Record<Id, string>> {
  return Object.fromEntries(UNSENT_KINDS.map((kind) => [kind, { ...tables?.[kind] }])) as Record<UnsentKind, Record<Id, string>>;
}

/** Names one composer's unsent text. */
export interface UnsentKey {
  kind: UnsentKind;
  /** The task for a chat line; the activity for a comment or a tag; the customer for a request being added. */
  id: Id;
}

/** The whole state of one agent session. Immutable: every change makes a new object. */
export interface CareState {
  connection: ConnectionState;
  connectionError: CareError | null;
  agent: Agent | null;
  queues: Queue[];
  /** Tasks visible to the agent (queued in its pick queues, offered to it, its own), by id; a change copies a few entries, not thousands. */
  tasks: Table<Task>;
  /** The same tasks split by state and sorted for their panes, kept up to date one task at a time. */
  taskLists: TaskLists;
  /** The queued task the agent is previewing (R1). */
  selectedTaskId: Id | null;
  /** The in-progress task the desktop shows. */
  activeTaskId: Id | null;
  /** The activity picked in the journey; null means the shown task's own activity. */
  selectedActivityId: Id | null;
  /** Records by id. Maps: a journey brings thousands, and a Map copies and iterates them several times faster than an object. */
  customers: ReadonlyMap<Id, Customer>;
  requests: ReadonlyMap<Id, CareRequest>;
  activities: ReadonlyMap<Id, Activity>;
  comments: Readonly<Record<Id, readonly Comment[]>>;
  transcripts: Readonly<Record<Id, readonly ChatMessage[]>>;
  /** Load status by resource kind, then id. */
  loads: { readonly [K in ResourceKind]: Readonly<Record<Id, LoadStatus>> };
  /** The agent's unsaved edits by record kind, then id (R6). */
  drafts: { readonly [K in DraftKind]: Readonly<Record<Id, Draft<K>>> };
  /** New-customer forms by task id, prefilled from what the task knows (R27). */
  newCustomers: Readonly<Record<Id, ContactFields>>;
  /** Unsent composer text by kind, then id (X8): kept while the agent switches records. */
  unsent: { readonly [K in UnsentKind]: Readonly<Record<Id, string>> };
  notices: readonly Notice[];
  /** Unread customer lines and waiting time by in-progress task id (X1). */
  attention: Readonly<Record<Id, TaskAttention>>;
  /** Whether the agent is looking at the desk (its page visible): lines in the active task count as read only then (X1). */
  looking: boolean;
  /** Commands waiting for the link, in the order made (N3). */
  outbox: readonly OutboxItem[];
  /** The id the next notice gets. */
  noticeSeq: number;
}

/** X1: what an in-progress task asks of the agent. */
export interface TaskAttention {
  /** Customer lines the agent has not seen (the task was not the active one, or the page was hidden). */
  unread: number;
  /** When the customer's oldest line without a reply after it came; null when the agent answered last. */
  waitingSince: number | null;
  /** The last line counted, so one heard twice counts once. */
  lastId: Id | null;
  lastAt: number;
}

/** How a CareStore behaves; every option has a default. */
export interface CareStoreOptions {
  /** A call that takes longer than this is abandoned with a `network` error (default 15 s). */
  timeoutMs?: number;
  /** Where "now" comes from for countdowns; defaults to the backend's clock as of connect. */
  now?: () => number;
  /** How many notices to keep (default 20). */
  maxNotices?: number;
  /**
   * Keeps the agent's unsaved work (drafts, new-customer forms, unsent chat lines, comments and tags) in
   * IndexedDB as it is typed and restores it when the same agent signs in again after a reload or crash (N1).
   * Off by default for a store you make; on for the store an element makes from a `transport`.
   */
  persist?: boolean;
  /**
   * How many customers the store keeps records of (journey, requests, activities, comments, transcripts)
   * once nothing on screen needs them, most recently shown first (default 20). Over a shift the rest is
   * let go and loaded again if shown again (N6). `Infinity` keeps everything.
   */
  keepCustomers?: number;
}
