import { BehaviorSubject, Observable, distinctUntilChanged, finalize, map } from 'rxjs';
import { CareError } from '../model/errors.js';
import { isTaskVisibleTo } from '../model/rules.js';
import type {
  Activity,
  Agent,
  AgentRef,
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
  Task,
} from '../model/types.js';
import { normaliseTag, validateComment, validateCustomerFields, validateMessage, validateRequestFields, validateTag } from '../model/validation.js';
import { isCareEvent, isJourney, isSessionSnapshot } from '../transport/guards.js';
import type { CareEvent, CareTransport, EntityChange } from '../transport/port.js';
import { draftKey, effectiveEdits, rebaseOrConflict, viewOf } from './drafts.js';
import { shareLatest } from './share-latest.js';
import type {
  CareState,
  ConnectionState,
  Draft,
  DraftFieldsByKind,
  DraftKind,
  DraftRecordByKind,
  DraftView,
  Loadable,
  LoadStatus,
  Notice,
  NoticeCode,
  Result,
} from './types.js';

export interface CareStoreOptions {
  /** A call that takes longer than this is abandoned with a `network` error (default 15 s). */
  timeoutMs?: number;
  /** Where "now" comes from for countdowns; defaults to the backend's clock as of connect. */
  now?: () => number;
  /** How many notices to keep (default 20). */
  maxNotices?: number;
}

/** What Close needs to ask first (R11). */
export interface CloseCheck {
  /** The customer has unsaved changes: Save or Discard. */
  unsavedCustomer: boolean;
  /** The customer was never created: Create, or close without creating. */
  customerNotCreated: boolean;
  /** Requests of the customer with unsaved changes (typed, or put aside by Load). */
  unsavedRequests: Id[];
}

/** How to settle R11's prompt when closing. */
export type CloseResolution = 'save' | 'discard';

const INITIAL: CareState = {
  connection: 'idle',
  connectionError: null,
  agent: null,
  queues: [],
  tasks: {},
  selectedTaskId: null,
  activeTaskId: null,
  selectedActivityId: null,
  customers: {},
  requests: {},
  activities: {},
  comments: {},
  transcripts: {},
  loads: {},
  drafts: {},
  newCustomers: {},
  notices: [],
};

const byTime =
  <T>(time: (item: T) => number) =>
  (a: T, b: T) =>
    time(a) - time(b);

/**
 * One agent session's state (RxJS). Holds what the backend said and the
 * agent's unsaved drafts apart, exposes both as Observables, and takes
 * commands that go to the backend only through the {@link CareTransport}.
 *
 * Commands never throw: they resolve to a {@link Result} so the element that
 * issued one can show the error where the agent is looking. Things that
 * happen on their own (R13's timeout, conflicts from other agents, the link
 * dropping) arrive as {@link Notice}s on `notices$`.
 */
export class CareStore {
  private readonly state = new BehaviorSubject<CareState>(INITIAL);
  private readonly inFlight = new Set<AbortController>();
  private readonly loading = new Map<string, Promise<unknown>>();
  private readonly selectors = new Map<string, Observable<unknown>>();
  private readonly timeoutMs: number;
  private readonly maxNotices: number;
  private readonly nowFn: (() => number) | undefined;
  private unsubscribe: (() => void) | undefined;
  private skew = 0;
  private noticeId = 0;
  private tempId = 0;
  private disposed = false;

  constructor(
    readonly transport: CareTransport,
    options: CareStoreOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxNotices = options.maxNotices ?? 20;
    this.nowFn = options.now;
  }

  // ── Reading ───────────────────────────────────────────────────────────

  /** The whole state, for tools and tests. Prefer the narrower selectors. */
  readonly state$: Observable<CareState> = this.state.asObservable();

  /** The current state, synchronously. */
  get snapshot(): CareState {
    return this.state.value;
  }

  /** The time countdowns should use: the backend's clock (R13). */
  now(): number {
    return this.nowFn ? this.nowFn() : Date.now() + this.skew;
  }

  readonly connection$ = this.select((s) => s.connection);
  readonly agent$ = this.select((s) => s.agent);
  readonly status$ = this.select((s) => s.agent?.status ?? null);
  readonly queues$ = this.select((s) => s.queues);
  readonly notices$ = this.select((s) => s.notices);

  /** Queued tasks the agent may pick, oldest first (R1, R26). */
  readonly queue$ = this.selectList((s) => this.tasksWhere(s, 'queued').sort(byTime((t) => t.receivedAt)));
  /** Tasks offered to this agent (push routing, R12, R13). */
  readonly offers$ = this.selectList((s) => this.tasksWhere(s, 'offered').sort(byTime((t) => t.offeredAt ?? t.receivedAt)));
  /** Tasks this agent has accepted, in the order accepted (R14). */
  readonly inProgress$ = this.selectList((s) => this.tasksWhere(s, 'accepted').sort(byTime((t) => t.acceptedAt ?? 0)));
  readonly selectedTask$ = this.select((s) => (s.selectedTaskId ? s.tasks[s.selectedTaskId] ?? null : null));
  readonly activeTask$ = this.select((s) => (s.activeTaskId ? s.tasks[s.activeTaskId] ?? null : null));

  /** The task the desktop shows: the one being previewed (R1), else the active one. */
  readonly shownTask$ = this.select((s) => shownTask(s));

  /**
   * The activity whose details, request and comments are shown: the one
   * picked in the journey, else the shown task's own activity (R16, R19).
   */
  readonly focusedActivityId$ = this.select((s) => s.selectedActivityId ?? shownTask(s)?.activityId ?? null);

  /** The customer of the shown task, or null for a new customer or no task. */
  readonly focusedCustomerId$ = this.select((s) => shownTask(s)?.customerId ?? null);

  /**
   * Whether the agent may change this customer's records now: only while one
   * of their tasks for the customer is in progress (R25). Previews are read-only.
   */
  canEdit$(customerId: Id | null): Observable<boolean> {
    return this.memo(`can-edit:${customerId}`, () => this.select((s) => canEdit(s, customerId)));
  }

  task$(taskId: Id): Observable<Task | null> {
    return this.memo(`task:${taskId}`, () => this.select((s) => s.tasks[taskId] ?? null));
  }

  /** A customer, loaded on first subscription (R17). */
  customer$(customerId: Id): Observable<Loadable<Customer>> {
    return this.memo(`customer:${customerId}`, () =>
      this.lazy(`customer:${customerId}`, () => this.loadCustomer(customerId), (s) => s.customers[customerId]),
    );
  }

  /** A customer's requests and activities in time order, loaded on first subscription (R16). */
  journey$(customerId: Id): Observable<Loadable<Journey>> {
    let last: Journey | undefined;
    let seen: { requests: CareState['requests']; activities: CareState['activities'] } | undefined;
    return this.memo(`journey:${customerId}`, () =>
      this.lazy(`journey:${customerId}`, () => this.loadJourney(customerId), (s) => {
        const customer = s.customers[customerId];
        // Partly known (a customer loaded on its own) is not a journey: wait for the journey's own load.
        if (!customer || s.loads[`journey:${customerId}`]?.status !== 'ready') return undefined;
        // The tables are replaced on every change, so the same tables mean the same journey: skip the O(n) work.
        if (last && last.customer === customer && seen?.requests === s.requests && seen.activities === s.activities) return last;
        seen = { requests: s.requests, activities: s.activities };
        const requests = Object.values(s.requests).filter((r) => r.customerId === customerId).sort(byTime((r) => r.createdAt));
        const activities = Object.values(s.activities).filter((a) => a.customerId === customerId).sort(byTime((a) => a.startedAt));
        // Same records as last time: hand out the same object so nothing re-renders.
        if (last && last.customer === customer && sameItems(last.requests, requests) && sameItems(last.activities, activities)) return last;
        last = { customer, requests, activities };
        return last;
      }),
    );
  }

  /** A request, loaded on first subscription if not known yet (R18). */
  request$(requestId: Id): Observable<Loadable<CareRequest>> {
    return this.memo(`request:${requestId}`, () =>
      this.lazy(`request:${requestId}`, () => this.loadRequest(requestId), (s) => s.requests[requestId]),
    );
  }

  /** An activity, loaded on first subscription if not known yet. */
  activity$(activityId: Id): Observable<Loadable<Activity>> {
    return this.memo(`activity:${activityId}`, () =>
      this.lazy(`activity:${activityId}`, () => this.loadActivity(activityId), (s) => s.activities[activityId]),
    );
  }

  /** The comments of an activity, oldest first, loaded on first subscription (R20). */
  comments$(activityId: Id): Observable<Loadable<readonly Comment[]>> {
    return this.memo(`comments:${activityId}`, () =>
      this.lazy(`comments:${activityId}`, () => this.loadComments(activityId), (s) => s.comments[activityId]),
    );
  }

  /** The chat transcript of an activity, oldest first (R15). */
  transcript$(activityId: Id): Observable<Loadable<readonly ChatMessage[]>> {
    return this.memo(`transcript:${activityId}`, () =>
      this.lazy(`transcript:${activityId}`, () => this.loadTranscript(activityId), (s) => s.transcripts[activityId]),
    );
  }

  /** The customer editor: saved record, the agent's edits, issues and any conflict (R6, R10). */
  customerDraft$(customerId: Id): Observable<DraftView<'customer'> | null> {
    return this.memo(`draft:customer:${customerId}`, () => this.draftView$('customer', customerId));
  }

  /** The request editor: saved record, the agent's edits, issues and any conflict (R6, R7). */
  requestDraft$(requestId: Id): Observable<DraftView<'request'> | null> {
    return this.memo(`draft:request:${requestId}`, () => this.draftView$('request', requestId));
  }

  /** The new-customer form of a task, prefilled from what the task knows (R27). */
  newCustomer$(taskId: Id): Observable<ContactFields | null> {
    return this.memo(`new-customer:${taskId}`, () =>
      this.select((s) => {
        const task = s.tasks[taskId];
        if (!task || task.customerId !== null) return null;
        return s.newCustomers[taskId] ?? task.contact;
      }),
    );
  }

  // ── Connecting ────────────────────────────────────────────────────────

  /** Signs in and starts listening. Safe to call again to reconnect. */
  async connect(): Promise<Result<Agent>> {
    this.unsubscribe ??= this.transport.subscribe((event) => this.receive(event));
    this.patch({ connection: 'connecting', connectionError: null });
    const result = await this.run('connect', (signal) => this.transport.connect(signal));
    if (!result.ok) {
      this.patch({ connection: 'offline', connectionError: result.error });
      return result;
    }
    const snapshot = result.value;
    if (!this.transport.validated && !isSessionSnapshot(snapshot)) {
      const error = CareError.network('The service sent a session this version of Care Kit cannot read.');
      this.patch({ connection: 'offline', connectionError: error });
      return { ok: false, error };
    }
    this.skew = snapshot.now - Date.now();
    const tasks: Record<Id, Task> = {};
    for (const task of snapshot.tasks) tasks[task.id] = task;
    this.update((s) => ({
      ...s,
      connection: 'online',
      connectionError: null,
      agent: snapshot.agent,
      queues: snapshot.queues,
      tasks,
      activeTaskId: s.activeTaskId && tasks[s.activeTaskId]?.state === 'accepted' ? s.activeTaskId : firstAccepted(tasks),
      selectedTaskId: s.selectedTaskId && tasks[s.selectedTaskId] ? s.selectedTaskId : null,
    }));
    return { ok: true, value: snapshot.agent };
  }

  /** Stops listening and cancels every call in flight. The store cannot be used afterwards. */
  dispose(): void {
    this.disposed = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
    this.state.complete();
  }

  // ── Commands: status and tasks ────────────────────────────────────────

  /** Ready or Not Ready (R12). Shown at once; rolled back if the backend refuses. */
  async setStatus(status: AgentStatus): Promise<Result<Agent>> {
    const before = this.snapshot.agent;
    if (!before) return { ok: false, error: CareError.refused('invalid-state', 'Not signed in yet.') };
    this.patch({ agent: { ...before, status, statusReason: 'manual' } });
    const result = await this.run('setStatus', (signal) => this.transport.setStatus(status, signal));
    if (result.ok) this.upsertAgent(result.value);
    else this.update((s) => (s.agent?.version === before.version ? { ...s, agent: before } : s));
    return result;
  }

  /** Previews a queued or offered task before accepting it (R1). Null clears the preview. */
  selectTask(taskId: Id | null): void {
    this.patch({ selectedTaskId: taskId, selectedActivityId: null });
  }

  /** Shows an in-progress task in the desktop. */
  activateTask(taskId: Id): void {
    if (this.snapshot.tasks[taskId]?.state === 'accepted') this.patch({ activeTaskId: taskId, selectedActivityId: null });
  }

  /** Picks an activity in the journey to show its details (R16); null goes back to the task's own. */
  selectActivity(activityId: Id | null): void {
    this.patch({ selectedActivityId: activityId });
  }

  /**
   * Accepts a task (R3): it moves to the in-progress list and becomes the
   * active one. The backend files its activity (R4) and refuses a second call (R5).
   */
  async accept(taskId: Id): Promise<Result<Task>> {
    const result = await this.run('acceptTask', (signal) => this.transport.acceptTask(taskId, signal));
    if (result.ok) {
      this.upsertTask(result.value);
      this.update((s) => ({
        ...s,
        activeTaskId: result.value.id,
        selectedTaskId: s.selectedTaskId === taskId ? null : s.selectedTaskId,
        selectedActivityId: null,
      }));
    }
    return result;
  }

  /**
   * What Close must ask before ending the interaction (R11): unsaved changes
   * of the customer or of their requests (typed, or put aside by Load), or a
   * customer never created.
   */
  closeCheck(taskId: Id): CloseCheck {
    const s = this.snapshot;
    const task = s.tasks[taskId];
    const none: CloseCheck = { unsavedCustomer: false, customerNotCreated: false, unsavedRequests: [] };
    if (!task) return none;
    if (task.customerId === null) return { ...none, customerNotCreated: true };
    const customerId = task.customerId;
    const unsaved = (kind: DraftKind, id: Id): boolean => {
      const draft = s.drafts[draftKey(kind, id)];
      const saved = s[TABLES[kind]][id] as DraftRecordByKind[typeof kind] | undefined;
      return !!draft && !!saved && (!!draft.stash || Object.keys(effectiveEdits(kind, saved, draft.values)).length > 0);
    };
    const unsavedRequests = Object.values(s.requests)
      .filter((r) => r.customerId === customerId && unsaved('request', r.id))
      .map((r) => r.id);
    return { unsavedCustomer: unsaved('customer', customerId), customerNotCreated: false, unsavedRequests };
  }

  /**
   * Ends the interaction (R11). If the customer or their requests have
   * unsaved changes, or the customer was never created, `resolution` says
   * what to do: `save` saves (or creates) first and stops if that fails;
   * `discard` drops them. Without a needed resolution the close is refused,
   * so nothing typed is lost silently.
   */
  async close(taskId: Id, resolution?: CloseResolution): Promise<Result<Task>> {
    const check = this.closeCheck(taskId);
    const task = this.snapshot.tasks[taskId];
    const pending = check.unsavedCustomer || check.customerNotCreated || check.unsavedRequests.length > 0;
    if (pending && !resolution) {
      return {
        ok: false,
        error: CareError.refused(
          'unsaved-changes',
          check.customerNotCreated ? 'Create the customer, or close without creating it.' : 'Save or discard the unsaved changes first.',
        ),
      };
    }
    if (task && resolution === 'save') {
      const saved = await this.saveBeforeClose(taskId, task.customerId, check);
      if (saved && !saved.ok) return saved;
    }
    const result = await this.run('closeTask', (signal) => this.transport.closeTask(taskId, signal));
    if (result.ok) {
      this.upsertTask(result.value);
      if (task?.customerId && resolution === 'discard') {
        this.discard('customer', task.customerId);
        for (const id of check.unsavedRequests) this.discard('request', id);
      }
      this.update((s) => {
        const { [taskId]: _, ...newCustomers } = s.newCustomers;
        return { ...s, newCustomers };
      });
    }
    return result;
  }

  /** R11's Save: creates or saves the customer, then each request; the first failure stops the close. */
  private async saveBeforeClose(taskId: Id, customerId: Id | null, check: CloseCheck): Promise<Result<unknown> | undefined> {
    if (check.customerNotCreated) return this.createCustomer(taskId);
    const saves: [DraftKind, Id][] = [
      ...(check.unsavedCustomer && customerId ? [['customer', customerId] as [DraftKind, Id]] : []),
      ...check.unsavedRequests.map((id) => ['request', id] as [DraftKind, Id]),
    ];
    for (const [kind, id] of saves) {
      // Text put aside by Load is what the agent asked to keep: saving it means saving it over theirs.
      if (this.snapshot.drafts[draftKey(kind, id)]?.stash) this.restoreMine(kind, id);
      const result = kind === 'customer' ? await this.saveCustomer(id) : await this.saveRequest(id);
      if (!result.ok) return result;
    }
    return undefined;
  }

  // ── Commands: customers (R10, R17, R27) ───────────────────────────────

  /** Changes fields of the new-customer form of a task (R27). */
  editNewCustomer(taskId: Id, patch: Partial<ContactFields>): void {
    const task = this.snapshot.tasks[taskId];
    if (!task) return;
    this.update((s) => ({
      ...s,
      newCustomers: { ...s.newCustomers, [taskId]: { ...(s.newCustomers[taskId] ?? task.contact), ...patch } },
    }));
  }

  /** Creates the task's customer from the form (R10, R27); the form stays as typed if it fails. */
  async createCustomer(taskId: Id): Promise<Result<Customer>> {
    const task = this.snapshot.tasks[taskId];
    if (!task) return { ok: false, error: CareError.notFound('task', taskId) };
    const fields = this.snapshot.newCustomers[taskId] ?? task.contact;
    const issues = validateCustomerFields(fields);
    if (issues.length) return { ok: false, error: CareError.validation(issues) };
    const result = await this.run('createCustomer', (signal) => this.transport.createCustomer(taskId, fields, signal));
    if (result.ok) {
      this.upsertEntity({ kind: 'customer', value: result.value });
      this.update((s) => {
        const { [taskId]: _, ...newCustomers } = s.newCustomers;
        const t = s.tasks[taskId];
        return { ...s, newCustomers, tasks: t ? { ...s.tasks, [taskId]: { ...t, customerId: result.value.id } } : s.tasks };
      });
    }
    return result;
  }

  /** Changes the agent's draft of a customer; nothing is sent until {@link saveCustomer}. */
  editCustomer(customerId: Id, patch: Partial<ContactFields>): void {
    this.edit('customer', customerId, patch);
  }

  /** Saves the customer draft; a stale base version comes back as a conflict with Load (R6). */
  saveCustomer(customerId: Id): Promise<Result<Customer>> {
    return this.save('customer', customerId, (version, patch, signal) =>
      this.transport.updateCustomer(customerId, version, patch, signal),
    );
  }

  // ── Commands: requests (R6, R7, R18, R21, R28) ────────────────────────

  /** Changes the agent's draft of a request title or description. */
  editRequest(requestId: Id, patch: Partial<RequestFields>): void {
    this.edit('request', requestId, patch);
  }

  /** Saves the request draft (R6, R7). */
  saveRequest(requestId: Id): Promise<Result<CareRequest>> {
    return this.save('request', requestId, (version, patch, signal) =>
      this.transport.updateRequest(requestId, version, patch, signal),
    );
  }

  /** Resolves a request (R28: it becomes read-only). */
  async resolveRequest(requestId: Id): Promise<Result<CareRequest>> {
    const saved = this.snapshot.requests[requestId];
    if (!saved) return { ok: false, error: CareError.notFound('request', requestId) };
    const result = await this.run('updateRequest', (signal) =>
      this.transport.updateRequest(requestId, saved.version, { status: 'resolved' }, signal),
    );
    if (result.ok) this.upsertEntity({ kind: 'request', value: result.value });
    return result;
  }

  /** Adds a request for a new problem (R21). */
  async createRequest(customerId: Id, fields: RequestFields): Promise<Result<CareRequest>> {
    const issues = validateRequestFields(fields);
    if (issues.length) return { ok: false, error: CareError.validation(issues) };
    const result = await this.run('createRequest', (signal) => this.transport.createRequest(customerId, fields, signal));
    if (result.ok) this.upsertEntity({ kind: 'request', value: result.value });
    return result;
  }

  // ── Commands: drafts shared by customers and requests (R6) ────────────

  /** Drops the agent's edits of a record (Cancel, R27; Discard, R11). */
  discard(kind: DraftKind, id: Id): void {
    this.update((s) => {
      const { [draftKey(kind, id)]: _, ...drafts } = s.drafts;
      return { ...s, drafts };
    });
  }

  /**
   * Load (R6): shows the other agent's version. The agent's own text is put
   * aside, not thrown away: {@link restoreMine} brings it back on top of theirs.
   */
  loadTheirs(kind: DraftKind, id: Id): void {
    this.updateDraft(kind, id, (draft, saved) => {
      const mine = effectiveEdits(kind, saved, draft.values);
      const { conflict: _c, error: _e, ...rest } = draft;
      return { ...rest, baseVersion: saved.version, values: {}, stash: Object.keys(mine).length ? mine : draft.stash };
    });
  }

  /** Puts the agent's set-aside text back over the latest saved version, ready to save. */
  restoreMine(kind: DraftKind, id: Id): void {
    this.updateDraft(kind, id, (draft, saved) => {
      const { stash, conflict: _c, error: _e, ...rest } = draft;
      return { ...rest, baseVersion: saved.version, values: { ...draft.values, ...(stash ?? {}) } };
    });
  }

  /** Forgets the set-aside text. */
  dismissStash(kind: DraftKind, id: Id): void {
    this.updateDraft(kind, id, (draft) => {
      const { stash: _, ...rest } = draft;
      return rest;
    });
  }

  // ── Commands: activities (R9, R15, R16, R20, R29) ─────────────────────

  /**
   * Adds a tag (R9). Checked here first (50 characters, unique regardless of
   * case) so the agent hears at once; shown at once, rolled back if refused.
   */
  async addTag(activityId: Id, text: string): Promise<Result<Activity>> {
    const activity = this.snapshot.activities[activityId];
    if (!activity) return { ok: false, error: CareError.notFound('activity', activityId) };
    const issues = validateTag(text, activity.tags);
    if (issues.length) return { ok: false, error: CareError.validation(issues) };
    const tag = normaliseTag(text);
    return this.optimisticActivity(activityId, (a) => ({ ...a, tags: [...a.tags, tag] }), (signal) =>
      this.transport.addTag(activityId, tag, signal),
    );
  }

  /** Removes a tag; shown at once, rolled back if refused. */
  removeTag(activityId: Id, tag: string): Promise<Result<Activity>> {
    return this.optimisticActivity(activityId, (a) => ({ ...a, tags: a.tags.filter((t) => t !== tag) }), (signal) =>
      this.transport.removeTag(activityId, tag, signal),
    );
  }

  /** Adds a comment (R20). Shown at once as pending; removed again if refused. */
  async addComment(activityId: Id, text: string): Promise<Result<Comment>> {
    const issues = validateComment(text);
    if (issues.length) return { ok: false, error: CareError.validation(issues) };
    const agent = this.snapshot.agent;
    const pending: Comment = {
      id: `pending-${++this.tempId}`,
      activityId,
      authorId: agent?.id ?? '',
      authorName: agent?.name ?? '',
      text,
      createdAt: this.now(),
    };
    this.updateComments(activityId, (list) => [...list, pending]);
    const result = await this.run('addComment', (signal) => this.transport.addComment(activityId, text, signal));
    this.updateComments(activityId, (list) => {
      const rest = list.filter((c) => c.id !== pending.id);
      return result.ok && !rest.some((c) => c.id === result.value.id) ? [...rest, result.value] : rest;
    });
    return result;
  }

  /**
   * Moves an activity to another open request or a new one (R16, R29).
   * A move to an existing request shows at once and rolls back if refused.
   */
  async moveActivity(activityId: Id, target: MoveTarget): Promise<Result<{ activity: Activity; request: CareRequest }>> {
    const before = this.snapshot.activities[activityId];
    if ('newRequest' in target) {
      const issues = validateRequestFields(target.newRequest);
      if (issues.length) return { ok: false, error: CareError.validation(issues) };
    } else if (before) {
      this.patchEntity('activities', { ...before, requestId: target.requestId });
    }
    const result = await this.run('moveActivity', (signal) => this.transport.moveActivity(activityId, target, signal));
    if (result.ok) {
      this.upsertEntity({ kind: 'request', value: result.value.request });
      this.upsertEntity({ kind: 'activity', value: result.value.activity });
    } else if (before) {
      this.rollbackActivity(before);
    }
    return result;
  }

  /** Moves an activity matched to the wrong customer to another customer (R29). */
  async moveActivityToCustomer(activityId: Id, customerId: Id): Promise<Result<Activity>> {
    const result = await this.run('moveActivityToCustomer', (signal) =>
      this.transport.moveActivityToCustomer(activityId, customerId, signal),
    );
    if (result.ok) this.upsertEntity({ kind: 'activity', value: result.value });
    return result;
  }

  /** Finds customers by name, email or phone (R29). */
  searchCustomers(query: string): Promise<Result<Customer[]>> {
    return this.run('searchCustomers', (signal) => this.transport.searchCustomers(query, signal));
  }

  /** Writes in the chat (R15). The text is the caller's to keep until this resolves ok. */
  async sendMessage(activityId: Id, text: string): Promise<Result<ChatMessage>> {
    const issues = validateMessage(text);
    if (issues.length) return { ok: false, error: CareError.validation(issues) };
    const result = await this.run('sendChatMessage', (signal) => this.transport.sendChatMessage(activityId, text, signal));
    if (result.ok) this.appendMessage(result.value);
    return result;
  }

  /** Removes a notice the agent has seen. */
  dismissNotice(id: number): void {
    this.update((s) => ({ ...s, notices: s.notices.filter((n) => n.id !== id) }));
  }

  // ── Incoming events ───────────────────────────────────────────────────

  private receive(event: CareEvent): void {
    if (this.disposed) return;
    if (!this.transport.validated && !isCareEvent(event)) {
      this.notify('error', 'protocol', 'The service sent an update this version of Care Kit cannot read; it was ignored.');
      return;
    }
    this.apply(event);
  }

  private apply(event: CareEvent): void {
    switch (event.type) {
      case 'task-offered':
      case 'task-changed':
        this.upsertTask(event.task);
        return;
      case 'task-revoked':
        this.upsertTask(event.task);
        if (event.reason === 'timeout') {
          this.notify('warning', 'offer-timeout', 'The offer was not accepted within 15 minutes, so your status is now Not Ready.');
        } else {
          this.notify('info', 'offer-withdrawn', 'An offer was withdrawn.');
        }
        return;
      case 'agent-changed':
        this.upsertAgent(event.agent);
        return;
      case 'entity-changed':
        this.upsertEntity(event.change, event.changedBy, false);
        return;
      case 'comment-added':
        if (this.snapshot.comments[event.comment.activityId]) {
          this.updateComments(event.comment.activityId, (list) =>
            list.some((c) => c.id === event.comment.id) ? list : [...list, event.comment],
          );
        }
        return;
      case 'chat-message':
        this.appendMessage(event.message);
        return;
      case 'connection':
        if (event.online) {
          this.notify('info', 'connection-restored', 'Connection restored.');
          void this.connect();
        } else {
          this.patch({ connection: 'offline', connectionError: CareError.network('The connection to the service was lost.') });
          this.notify('error', 'connection-lost', 'The connection to the service was lost. Your unsaved work is kept.');
        }
        return;
    }
  }

  private upsertTask(task: Task): void {
    this.update((s) => {
      const known = s.tasks[task.id];
      if (known && known.version > task.version) return s;
      const visible = s.agent ? isTaskVisibleTo(task, s.agent) : true;
      const tasks = { ...s.tasks };
      if (visible) tasks[task.id] = task;
      else delete tasks[task.id];
      let { activeTaskId, selectedTaskId } = s;
      if (activeTaskId && tasks[activeTaskId]?.state !== 'accepted') activeTaskId = firstAccepted(tasks);
      if (!activeTaskId) activeTaskId = firstAccepted(tasks);
      if (selectedTaskId && !tasks[selectedTaskId]) selectedTaskId = null;
      const focusMoved = activeTaskId !== s.activeTaskId || selectedTaskId !== s.selectedTaskId;
      return { ...s, tasks, activeTaskId, selectedTaskId, selectedActivityId: focusMoved ? null : s.selectedActivityId };
    });
  }

  private upsertAgent(agent: Agent): void {
    this.update((s) => (s.agent && s.agent.id === agent.id && s.agent.version <= agent.version ? { ...s, agent } : s));
  }

  /**
   * Takes a newer version of a record. Keeps records the session cares about
   * (already known, or of a customer whose journey is loaded) and checks any
   * draft of it for a conflict (R6).
   */
  private upsertEntity(change: EntityChange, changedBy?: AgentRef, force = true): void {
    this.update((s) => {
      const table = TABLES[change.kind];
      const known = s[table][change.value.id] as { version: number } | undefined;
      if (known && known.version >= change.value.version) return s;
      const customerId = change.kind === 'customer' ? change.value.id : change.value.customerId;
      const relevant = force || known || (customerId && (s.loads[`journey:${customerId}`] || s.loads[`customer:${customerId}`]));
      if (!relevant) return s;
      let next: CareState = { ...s, [table]: { ...s[table], [change.value.id]: change.value } };
      if (change.kind !== 'activity') {
        const key = draftKey(change.kind, change.value.id);
        const draft = s.drafts[key];
        if (draft) {
          const mine = changedBy?.id !== undefined && changedBy.id === s.agent?.id;
          const updated = mine && !draft.saving
            ? { ...draft, baseVersion: change.value.version }
            : draft.saving
              ? draft
              : rebaseOrConflict(draft as Draft<typeof change.kind>, known as DraftRecordByKind[typeof change.kind], change.value as DraftRecordByKind[typeof change.kind], changedBy);
          next = { ...next, drafts: { ...s.drafts, [key]: updated } };
          if (updated.conflict && !draft.conflict) {
            next = this.withNotice(next, 'warning', 'conflict', `${changedBy?.name ?? 'Someone'} changed this ${change.kind} while you were editing it.`);
          }
        }
      }
      return next;
    });
  }

  private appendMessage(message: ChatMessage): void {
    this.update((s) => {
      const list = s.transcripts[message.activityId];
      if (!list || list.some((m) => m.id === message.id)) return s;
      return { ...s, transcripts: { ...s.transcripts, [message.activityId]: [...list, message] } };
    });
  }

  // ── Loading ───────────────────────────────────────────────────────────

  private loadCustomer(customerId: Id): Promise<unknown> {
    return this.load(`customer:${customerId}`, (signal) => this.transport.getCustomer(customerId, signal), (customer, s) =>
      withNewer(s, 'customers', [customer]),
    );
  }

  private loadJourney(customerId: Id): Promise<unknown> {
    return this.load(
      `journey:${customerId}`,
      async (signal) => {
        const journey = await this.transport.getJourney(customerId, signal);
        if (!this.transport.validated && !isJourney(journey)) {
          throw CareError.network('The service sent a journey this version of Care Kit cannot read.');
        }
        return journey;
      },
      (journey, s) => withNewer(withNewer(withNewer(s, 'customers', [journey.customer]), 'requests', journey.requests), 'activities', journey.activities),
    );
  }

  private loadRequest(requestId: Id): Promise<unknown> {
    return this.load(`request:${requestId}`, (signal) => this.transport.getRequest(requestId, signal), (request, s) =>
      withNewer(s, 'requests', [request]),
    );
  }

  private loadActivity(activityId: Id): Promise<unknown> {
    return this.load(`activity:${activityId}`, (signal) => this.transport.getActivity(activityId, signal), (activity, s) =>
      withNewer(s, 'activities', [activity]),
    );
  }

  private loadComments(activityId: Id): Promise<unknown> {
    return this.load(`comments:${activityId}`, (signal) => this.transport.getComments(activityId, signal), (comments, s) => ({
      ...s,
      comments: { ...s.comments, [activityId]: [...comments].sort(byTime((c) => c.createdAt)) },
    }));
  }

  private loadTranscript(activityId: Id): Promise<unknown> {
    return this.load(`transcript:${activityId}`, (signal) => this.transport.getTranscript(activityId, signal), (messages, s) => ({
      ...s,
      transcripts: { ...s.transcripts, [activityId]: [...messages].sort(byTime((m) => m.at)) },
    }));
  }

  /**
   * Loads once per key at a time. The data and its "ready" status land in one
   * state change, so every selector runs once per load, not twice.
   */
  private load<T>(key: string, fetch: (signal: AbortSignal) => Promise<T>, merge: (value: T, s: CareState) => CareState): Promise<unknown> {
    const running = this.loading.get(key);
    if (running) return running;
    this.setLoad(key, { status: 'loading' });
    const promise = this.run(key, fetch).then((result) => {
      this.loading.delete(key);
      if (result.ok) {
        this.update((s) => {
          const next = merge(result.value, s);
          return { ...next, loads: { ...next.loads, [key]: { status: 'ready' } } };
        });
      } else {
        this.setLoad(key, { status: 'error', error: result.error });
      }
    });
    this.loading.set(key, promise);
    return promise;
  }

  /** Reloads data whose load failed (a Retry button). */
  retry(key: string): Promise<unknown> {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const loaders: Record<string, (id: Id) => Promise<unknown>> = {
      customer: (x) => this.loadCustomer(x),
      journey: (x) => this.loadJourney(x),
      activity: (x) => this.loadActivity(x),
      request: (x) => this.loadRequest(x),
      comments: (x) => this.loadComments(x),
      transcript: (x) => this.loadTranscript(x),
    };
    return loaders[kind]?.(id) ?? Promise.resolve();
  }

  private setLoad(key: string, status: LoadStatus): void {
    this.update((s) => ({ ...s, loads: { ...s.loads, [key]: status } }));
  }

  // ── Plumbing ──────────────────────────────────────────────────────────

  /** Calls the transport with an AbortSignal and a timeout; turns every failure into a CareError result. */
  private async run<T>(operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<Result<T>> {
    if (this.disposed) return { ok: false, error: CareError.aborted() };
    const controller = new AbortController();
    this.inFlight.add(controller);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      const value = await Promise.race([
        call(controller.signal),
        new Promise<never>((_, reject) =>
          controller.signal.addEventListener('abort', () => reject(CareError.aborted()), { once: true }),
        ),
      ]);
      return { ok: true, value };
    } catch (thrown) {
      const error = timedOut
        ? CareError.network(`The service did not answer in time (${operation}). Nothing you typed was lost; try again.`)
        : CareError.from(thrown);
      return { ok: false, error };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  private edit<K extends DraftKind>(kind: K, id: Id, patch: Partial<DraftFieldsByKind[K]>): void {
    this.update((s) => {
      const saved = s[TABLES[kind]][id] as DraftRecordByKind[K] | undefined;
      if (!saved) return s;
      const key = draftKey(kind, id);
      const draft: Draft<K> = (s.drafts[key] as Draft<K> | undefined) ?? { kind, id, baseVersion: saved.version, values: {}, saving: false };
      const { error: _, ...rest } = draft;
      return { ...s, drafts: { ...s.drafts, [key]: { ...rest, values: { ...draft.values, ...patch } } } };
    });
  }

  private async save<K extends DraftKind>(
    kind: K,
    id: Id,
    send: (version: number, patch: Partial<DraftFieldsByKind[K]>, signal: AbortSignal) => Promise<DraftRecordByKind[K]>,
    attempt = 0,
  ): Promise<Result<DraftRecordByKind[K]>> {
    const key = draftKey(kind, id);
    const s = this.snapshot;
    const saved = s[TABLES[kind]][id] as DraftRecordByKind[K] | undefined;
    const draft = s.drafts[key] as Draft<K> | undefined;
    if (!saved) return { ok: false, error: CareError.notFound(kind, id) };
    if (!draft) return { ok: true, value: saved };
    const edits = effectiveEdits(kind, saved, draft.values);
    const issues = kind === 'customer' ? validateCustomerFields(edits as Partial<ContactFields>) : validateRequestFields(edits);
    if (issues.length) return { ok: false, error: CareError.validation(issues) };
    if (!Object.keys(edits).length) {
      if (!draft.stash && !draft.conflict) this.discard(kind, id);
      return { ok: true, value: saved };
    }
    this.updateDraft(kind, id, (d) => ({ ...d, saving: true }));
    const result = await this.run(kind === 'customer' ? 'updateCustomer' : 'updateRequest', (signal) =>
      send(draft.baseVersion, edits, signal),
    );
    if (result.ok) {
      this.upsertEntity({ kind, value: result.value } as EntityChange);
      // Keep whatever the agent typed while the save was under way.
      this.updateDraft(kind, id, (d) => {
        const sent = edits as Record<string, unknown>;
        const values = Object.fromEntries(
          Object.entries(d.values).filter(([field, value]) => sent[field] !== value),
        ) as Partial<DraftFieldsByKind[K]>;
        return { ...d, saving: false, baseVersion: result.value.version, values };
      });
      const after = this.snapshot.drafts[key];
      if (after && !Object.keys(after.values).length && !after.stash && !after.conflict) this.discard(kind, id);
    } else {
      const error = result.error;
      const current = error.conflict?.current as DraftRecordByKind[K] | undefined;
      if (current && error.conflict?.id === id) {
        this.updateDraft(kind, id, (d) => ({ ...d, saving: false }));
        this.upsertEntity({ kind, value: current } as EntityChange, error.conflict.changedBy);
        const after = this.snapshot.drafts[key];
        // The newer version changed none of the edited fields: the draft moved onto it, so save again once.
        if (after && !after.conflict && after.baseVersion === current.version && attempt === 0) {
          return this.save(kind, id, send, attempt + 1);
        }
        this.updateDraft(kind, id, (d) => {
          const conflict = error.conflict?.changedBy ? { current, changedBy: error.conflict.changedBy } : { current };
          return { ...d, conflict, error };
        });
      } else {
        this.updateDraft(kind, id, (d) => ({ ...d, saving: false, error }));
      }
    }
    return result;
  }

  private updateDraft<K extends DraftKind>(kind: K, id: Id, change: (draft: Draft<K>, saved: DraftRecordByKind[K]) => Draft<K>): void {
    this.update((s) => {
      const key = draftKey(kind, id);
      const draft = s.drafts[key] as Draft<K> | undefined;
      const saved = s[TABLES[kind]][id] as DraftRecordByKind[K] | undefined;
      if (!draft || !saved) return s;
      return { ...s, drafts: { ...s.drafts, [key]: change(draft, saved) } };
    });
  }

  private draftView$<K extends DraftKind>(kind: K, id: Id): Observable<DraftView<K> | null> {
    return this.state.pipe(
      map((s) => [s[TABLES[kind]][id] as DraftRecordByKind[K] | undefined, s.drafts[draftKey(kind, id)] as Draft<K> | undefined] as const),
      distinctUntilChanged((a, b) => a[0] === b[0] && a[1] === b[1]),
      map(([saved, draft]) => (saved ? viewOf(kind, saved, draft) : null)),
      shareLatest(),
    );
  }

  private async optimisticActivity(
    activityId: Id,
    change: (activity: Activity) => Activity,
    send: (signal: AbortSignal) => Promise<Activity>,
  ): Promise<Result<Activity>> {
    const before = this.snapshot.activities[activityId];
    if (!before) return { ok: false, error: CareError.notFound('activity', activityId) };
    this.patchEntity('activities', change(before));
    const result = await this.run('activity', send);
    if (result.ok) this.upsertEntity({ kind: 'activity', value: result.value });
    else this.rollbackActivity(before);
    return result;
  }

  /** Puts an activity back as it was, unless a newer version arrived meanwhile. */
  private rollbackActivity(before: Activity): void {
    this.update((s) => {
      const now = s.activities[before.id];
      if (now && now.version > before.version) return s;
      return { ...s, activities: { ...s.activities, [before.id]: before } };
    });
  }

  private patchEntity(table: 'activities', value: Activity): void {
    this.update((s) => ({ ...s, [table]: { ...s[table], [value.id]: value } }));
  }

  private updateComments(activityId: Id, change: (list: readonly Comment[]) => readonly Comment[]): void {
    this.update((s) => ({ ...s, comments: { ...s.comments, [activityId]: change(s.comments[activityId] ?? []) } }));
  }

  private notify(level: Notice['level'], code: NoticeCode, message: string, error?: CareError): void {
    this.update((s) => this.withNotice(s, level, code, message, error));
  }

  private withNotice(s: CareState, level: Notice['level'], code: NoticeCode, message: string, error?: CareError): CareState {
    const notice: Notice = { id: ++this.noticeId, level, code, message, at: this.now() };
    if (error) notice.error = error;
    return { ...s, notices: [...s.notices, notice].slice(-this.maxNotices) };
  }

  private tasksWhere(s: CareState, state: Task['state']): Task[] {
    return Object.values(s.tasks).filter((t) => t.state === state);
  }

  private patch(partial: Partial<CareState>): void {
    this.update((s) => ({ ...s, ...partial }));
  }

  private update(change: (s: CareState) => CareState): void {
    if (this.disposed) return;
    const before = this.state.value;
    const after = change(before);
    if (after !== before) this.state.next(after);
  }

  private select<T>(project: (s: CareState) => T): Observable<T> {
    return this.state.pipe(map(project), distinctUntilChanged(), shareLatest());
  }

  private selectList<T>(project: (s: CareState) => T[]): Observable<readonly T[]> {
    return this.state.pipe(map(project), distinctUntilChanged(sameItems), shareLatest());
  }

  /** Data loaded on first subscription: loading until `pick` finds it, error if the load failed. */
  private lazy<T>(key: string, load: () => Promise<unknown>, pick: (s: CareState) => T | undefined): Observable<Loadable<T>> {
    // rxjs's defer, minus its accept-any-input machinery (see shareLatest): the load starts with each first subscriber.
    return new Observable<Loadable<T>>((subscriber) => {
      const status = this.snapshot.loads[key];
      if (!status || status.status === 'error') void load();
      return this.state.pipe(
        map((s): Loadable<T> => {
          const value = pick(s);
          if (value !== undefined) return { status: 'ready', value };
          const load = s.loads[key];
          return load?.status === 'error' ? { status: 'error', error: load.error } : { status: 'loading' };
        }),
        distinctUntilChanged((a, b) =>
          a.status === b.status && (a.status !== 'ready' || a.value === (b as typeof a).value) && (a.status !== 'error' || a.error === (b as typeof a).error),
        ),
      ).subscribe(subscriber);
    }).pipe(shareLatest());
  }

  /** One shared Observable per key while anyone listens. */
  private memo<T>(key: string, create: () => Observable<T>): Observable<T> {
    const known = this.selectors.get(key) as Observable<T> | undefined;
    if (known) return known;
    const created: Observable<T> = create().pipe(
      // A newer Observable may hold the key by now (an element resubscribed after this one emptied): leave it.
      finalize(() => {
        if (this.selectors.get(key) === created) this.selectors.delete(key);
      }),
      shareLatest(),
    );
    this.selectors.set(key, created);
    return created;
  }

  /** The connection state, as a plain value, for tests and tools. */
  get connection(): ConnectionState {
    return this.snapshot.connection;
  }
}

const TABLES = { customer: 'customers', request: 'requests', activity: 'activities' } as const;

/** A state whose `table` holds `items` where they are newer than what it knew. */
function withNewer<K extends 'customers' | 'requests' | 'activities'>(
  s: CareState,
  table: K,
  items: readonly CareState[K][Id][],
): CareState {
  const next = { ...s[table] } as Record<Id, CareState[K][Id]>;
  for (const item of items) {
    const known = next[item.id];
    if (!known || known.version < item.version) next[item.id] = item;
  }
  return { ...s, [table]: next };
}

function shownTask(s: CareState): Task | null {
  const id = s.selectedTaskId ?? s.activeTaskId;
  return id ? (s.tasks[id] ?? null) : null;
}

function canEdit(s: CareState, customerId: Id | null): boolean {
  if (!customerId || !s.agent) return false;
  return Object.values(s.tasks).some((t) => t.state === 'accepted' && t.acceptedBy === s.agent?.id && t.customerId === customerId);
}

function firstAccepted(tasks: Readonly<Record<Id, Task>>): Id | null {
  let first: Task | undefined;
  for (const task of Object.values(tasks)) {
    if (task.state === 'accepted' && (!first || (task.acceptedAt ?? 0) < (first.acceptedAt ?? 0))) first = task;
  }
  return first?.id ?? null;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
