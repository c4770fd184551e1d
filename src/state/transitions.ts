/**
 * Pure state changes shared by the event reducer and the commands: taking a
 * newer record, a task, an agent, a chat line or a comment, and adding a
 * notice. Each returns the same state object when nothing changed.
 */
import type { CareError } from '../model/errors.js';
import type { Activity, Agent, AgentRef, CareRequest, ChatMessage, Comment, Customer, Id, RevokeReason, Task } from '../model/types.js';
import type { EntityChange } from '../transport/port.js';
import { displayName } from '../model/rules.js';
import { rebaseOrConflict } from './drafts.js';
import { firstAccepted, visibleTo } from './selectors.js';
import { withListedAll } from './task-lists.js';
import type { CareState, Draft, DraftKind, DraftRecordByKind, Notice, NoticeCode } from './types.js';

/** The state table that holds each kind of record. */
export const TABLES = { customer: 'customers', request: 'requests', activity: 'activities' } as const;

/** The records of each kind, as the state holds them. */
interface RecordByKind {
  customer: Customer;
  request: CareRequest;
  activity: Activity;
}

/** A saved record by kind and id. */
export function recordOf<K extends keyof RecordByKind>(s: CareState, kind: K, id: Id): RecordByKind[K] | undefined {
  return (s[TABLES[kind]] as ReadonlyMap<Id, RecordByKind[K]>).get(id);
}

/** A state whose table of `kind` holds `value`, replacing what it held under its id. */
export function withRecord<K extends keyof RecordByKind>(s: CareState, kind: K, value: RecordByKind[K]): CareState {
  const table = new Map(s[TABLES[kind]] as ReadonlyMap<Id, RecordByKind[K]>);
  table.set(value.id, value);
  return { ...s, [TABLES[kind]]: table };
}

/** What a notice needs from outside the state: the time, and how many to keep. */
export interface NoticeEnv {
  now: number;
  maxNotices: number;
  /** Whether this session has a change under way: only then is a change by its own agent its own (N2). */
  writing?: boolean;
}

/** Notices one takes the place of: the link coming back settles its loss, and the other way round. */
const REPLACES: Partial<Record<NoticeCode, NoticeCode>> = { 'connection-restored': 'connection-lost', 'connection-lost': 'connection-restored' };

export function withNotice(
  s: CareState,
  env: NoticeEnv,
  level: Notice['level'],
  code: NoticeCode,
  message: string,
  error?: CareError,
  about: Pick<Notice, 'subject' | 'name'> = {},
): CareState {
  const notice: Notice = { id: s.noticeSeq, level, code, message, at: env.now, ...about };
  if (error) notice.error = error;
  // X11: never two of a kind about one thing; the newest says it.
  const kept = s.notices.filter((n) => !((n.code === code && n.subject === about.subject) || n.code === REPLACES[code]));
  return { ...s, noticeSeq: s.noticeSeq + 1, notices: [...kept, notice].slice(-env.maxNotices) };
}

/** The state without the notices about `subject` of `code`: what they reported is settled (X11). */
export function withoutNotices(s: CareState, code: NoticeCode, subject: string): CareState {
  const notices = s.notices.filter((n) => !(n.code === code && n.subject === subject));
  return notices.length === s.notices.length ? s : { ...s, notices };
}

/** The notice of an offer taken back, naming its customer (X11): R13's timeout (the agent is now Not Ready) or withdrawn; the agent's own decline (X2) needs none. */
export function withRevokeNotice(s: CareState, env: NoticeEnv, reason: RevokeReason, task: Task): CareState {
  if (reason === 'declined') return s;
  const customer = task.customerId ? s.customers.get(task.customerId) : undefined;
  const about = { subject: `task:${task.id}`, name: displayName(customer ?? task.contact) };
  return reason === 'timeout'
    ? withNotice(s, env, 'warning', 'offer-timeout', 'The offer was not accepted within 15 minutes, so your status is now Not Ready.', undefined, about)
    : withNotice(s, env, 'info', 'offer-withdrawn', `The offer from ${about.name} was withdrawn.`, undefined, about);
}

/** X6: the agent's task closed itself because its wrap-up time ran out: they hear it, by the customer's name. */
export function withWrapUpNotice(s: CareState, env: NoticeEnv, task: Task): CareState {
  const ran = task.state === 'closed' && !task.wrapUp && task.wrapUpUntil !== undefined && (task.closedAt ?? 0) >= task.wrapUpUntil;
  if (!ran || s.tasks.get(task.id)?.state !== 'accepted') return s;
  const customer = task.customerId ? s.customers.get(task.customerId) : undefined;
  const name = displayName(customer ?? task.contact);
  return withNotice(s, env, 'warning', 'wrap-up-timeout', `The wrap-up time for ${name} ran out, so the task closed without a wrap-up.`, undefined, { subject: `task:${task.id}`, name });
}

/** A state whose `table` holds `items` where they are newer than what it knew. */
export function withNewer<K extends keyof RecordByKind>(s: CareState, kind: K, items: readonly RecordByKind[K][]): CareState {
  const next = new Map(s[TABLES[kind]] as ReadonlyMap<Id, RecordByKind[K]>);
  for (const item of items) {
    const known = next.get(item.id);
    if (!known || known.version < item.version) next.set(item.id, item);
  }
  return { ...s, [TABLES[kind]]: next };
}

/** Takes a task unless a newer version is known; drops it once the agent no longer sees it. */
export function withTask(s: CareState, task: Task): CareState {
  const changed = new Map<Id, Task | undefined>();
  noteTask(s, changed, task);
  return withTasks(s, changed);
}

/**
 * Notes in `changed` what taking `task` does (see {@link withTask}), on top
 * of the changes noted before it: the task, `undefined` once the agent no
 * longer sees it, or nothing when a newer version is known.
 */
export function noteTask(s: CareState, changed: Map<Id, Task | undefined>, task: Task): void {
  const known = changed.has(task.id) ? changed.get(task.id) : s.tasks.get(task.id);
  if (known && known.version > task.version) return;
  if (visibleTo(s, task)) changed.set(task.id, task);
  else if (known) changed.set(task.id, undefined);
}

/** The state with the noted task changes: one copy of the table and of each list touched, and the focus moved off tasks gone. */
export function withTasks(s: CareState, changed: ReadonlyMap<Id, Task | undefined>): CareState {
  if (!changed.size) return s;
  const tasks = s.tasks.withAll(changed);
  const taskLists = withListedAll(s.taskLists, Array.from(changed, ([id, after]) => [s.tasks.get(id), after] as const));
  let { activeTaskId, selectedTaskId } = s;
  if (!activeTaskId || tasks.get(activeTaskId)?.state !== 'accepted') activeTaskId = firstAccepted(taskLists);
  if (selectedTaskId && !tasks.has(selectedTaskId)) selectedTaskId = null;
  const focusMoved = activeTaskId !== s.activeTaskId || selectedTaskId !== s.selectedTaskId;
  return { ...s, tasks, taskLists, activeTaskId, selectedTaskId, selectedActivityId: focusMoved ? null : s.selectedActivityId };
}

export function withAgent(s: CareState, agent: Agent): CareState {
  return s.agent && s.agent.id === agent.id && s.agent.version <= agent.version ? { ...s, agent } : s;
}

/**
 * Takes a newer version of a record. Without `force`, keeps only records
 * the session cares about (already known, or of a customer it loaded) and
 * checks any draft of it for a conflict (R6), with a notice when one starts.
 */
export function withEntity(s: CareState, env: NoticeEnv, change: EntityChange, changedBy?: AgentRef, force = true): CareState {
  const known = recordOf(s, change.kind, change.value.id);
  if (known && known.version >= change.value.version) return s;
  const customerId = change.kind === 'customer' ? change.value.id : change.value.customerId;
  const relevant = force || known || (customerId && (s.loads.journey[customerId] || s.loads.customer[customerId]));
  if (!relevant) return s;
  const next = withRecord(s, change.kind, change.value);
  if (change.kind === 'activity') return next;
  return withRemoteChange(next, env, change.kind, known as DraftRecordByKind[typeof change.kind] | undefined, change.value, changedBy);
}

/** A draft's answer to a newer saved record: moved onto it if the agent's own, else rebased or in conflict (R6). */
function withRemoteChange<K extends DraftKind>(
  s: CareState,
  env: NoticeEnv,
  kind: K,
  before: DraftRecordByKind[K] | undefined,
  after: DraftRecordByKind[K],
  changedBy: AgentRef | undefined,
): CareState {
  const draft = s.drafts[kind][after.id] as Draft<K> | undefined;
  if (!draft || draft.saving) return s;
  // Another tab or device of the same agent is another session: its change conflicts like a colleague's (N2).
  const mine = env.writing === true && changedBy?.id !== undefined && changedBy.id === s.agent?.id;
  // The agent's own change (a tag touches its request) moves the draft onto it, unless the draft is in
  // conflict: then a colleague's change is still unseen, and Load must bring the newest version (R6).
  const updated = !mine
    ? rebaseOrConflict(draft, before, after, changedBy)
    : draft.conflict
      ? { ...draft, conflict: { ...draft.conflict, current: after } }
      : { ...draft, baseVersion: after.version };
  let next = withDraft(s, kind, after.id, updated);
  if (updated.conflict && !draft.conflict) {
    next = withNotice(next, env, 'warning', 'conflict', `${changedBy?.name ?? 'Someone'} changed this ${kind} while you were editing it.`, undefined, {
      subject: `${kind}:${after.id}`,
    });
  }
  return next;
}

/** Sets (or with `undefined`, drops) the agent's draft of a record. */
export function withDraft<K extends DraftKind>(s: CareState, kind: K, id: Id, draft: Draft<K> | undefined): CareState {
  const table = { ...s.drafts[kind] } as Record<Id, Draft<K>>;
  if (draft) table[id] = draft;
  else if (id in table) delete table[id];
  else return s;
  const next = { ...s, drafts: { ...s.drafts, [kind]: table } };
  // The conflict settled (Load, Save, Discard, the task closed): its notice goes with it (X11).
  return draft?.conflict ? next : withoutNotices(next, 'conflict', `${kind}:${id}`);
}

/** Appends a chat line to a loaded transcript, once. */
export function withMessage(s: CareState, message: ChatMessage): CareState {
  const list = s.transcripts[message.activityId];
  if (!list || list.some((m) => m.id === message.id)) return s;
  return { ...s, transcripts: { ...s.transcripts, [message.activityId]: [...list, message] } };
}

/** Changes a loaded (or starting) comment list. */
export function withComments(s: CareState, activityId: Id, change: (list: readonly Comment[]) => readonly Comment[]): CareState {
  return { ...s, comments: { ...s.comments, [activityId]: change(s.comments[activityId] ?? []) } };
}
