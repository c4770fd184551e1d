import type { Observable } from 'rxjs';
import type { Activity, Agent, AgentStatus, CannedResponse, CareRequest, ChatMessage, Comment, ContactFields, Customer, Id, Journey, MoveTarget, RequestFields, Task, TransferTarget, TransferTargets, WrapUp } from '../model/types.js';
import type { CareTransport } from '../transport/port.js';
import type { CareAlert } from './attention.js';
import { Caller } from './call.js';
import * as activities from './commands/activities.js';
import * as closing from './commands/close.js';
import type { CloseCheck, CloseResolution } from './commands/close.js';
import * as records from './commands/records.js';
import * as session from './commands/session.js';
import { StateContainer } from './container.js';
import { StoreParts } from './parts.js';
import { Loader } from './loader.js';
import type { DraftKeeper } from './persist/keeper.js';
import { hasUnsaved } from './unsaved.js';
import { inbox } from './inbox.js';
import { canEdit, journeySelector, memoOn, newCustomerForm, shownTask } from './selectors.js';
import { Views } from './views.js';
import { Evictor, KEEP_CUSTOMERS } from './eviction.js';
import type { CareState, CareStoreOptions, ConnectionState, DraftKind, DraftView, Loadable, ResourceKey, Result, UnsentKind } from './types.js';

export type { CareStoreOptions, CloseCheck, CloseResolution };

/**
 * One agent session's state (RxJS). Holds what the backend said and the
 * agent's unsaved drafts apart, exposes both as Observables, and takes
 * commands that go to the backend only through the {@link CareTransport}.
 *
 * Commands never throw: they resolve to a {@link Result} so the element that
 * issued one can show the error where the agent is looking. Things that
 * happen on their own (R13's timeout, conflicts from other agents, the link
 * dropping) arrive as notices on `notices$`. docs/architecture.md shows the
 * parts behind this facade.
 */
export class CareStore {
  private readonly container = new StateContainer();
  private readonly caller: Caller;
  private readonly parts: StoreParts;
  private readonly loader: Loader;
  private readonly views: Views;
  private readonly evictor: Evictor;
  private readonly receive: (event: unknown) => void;
  private unsubscribe: (() => void) | undefined;
  private readonly keeper: Promise<DraftKeeper> | undefined;

  constructor(
    readonly transport: CareTransport,
    options: CareStoreOptions = {},
  ) {
    this.caller = new Caller(options.timeoutMs ?? 15_000, transport.validated === true);
    this.loader = new Loader(this.container, this.caller, transport);
    this.parts = new StoreParts(this.container, this.caller, this.loader, transport, options.maxNotices ?? 20, options.now);
    this.views = new Views(this.container, this.loader);
    this.evictor = new Evictor(this.container, (key) => this.views.watched(key), options.keepCustomers ?? KEEP_CUSTOMERS);
    if (options.persist) this.keeper = import('./persist/keeper.js').then((m) => new m.DraftKeeper(this.container, this.parts));
    this.receive = inbox(this.container, this.caller, this.parts, () => queueMicrotask(() => void (this.container.disposed || this.resync())));
  }

  // ── Reading ───────────────────────────────────────────────────────────

  /** The whole state, for tools and tests. Prefer the narrower selectors. */
  get state$(): Observable<CareState> {
    return this.container.state$;
  }

  /** The current state, synchronously. */
  get snapshot(): CareState {
    return this.container.value;
  }

  /** The link's state, as a plain value. */
  get connection(): ConnectionState {
    return this.snapshot.connection;
  }

  /** The time countdowns should use: the backend's clock (R13). */
  now(): number {
    return this.parts.now();
  }

  /** X1: whether the agent is looking (the page is visible); lines in the active task count as read only then. */
  setLooking = (looking: boolean): void => session.setLooking(this.parts, looking);

  /** Whether this tab rings for offers: the one holding the link when the agent's tabs share it (N2), else every tab. */
  get ringsHere(): boolean {
    return this.transport.leads?.() ?? true;
  }

  readonly connection$ = this.container.select((s) => s.connection);
  readonly agent$ = this.container.select((s) => s.agent);
  readonly status$ = this.container.select((s) => s.agent?.status ?? null);
  readonly queues$ = this.container.select((s) => s.queues);
  readonly notices$ = this.container.select((s) => s.notices);
  /** Comments, chat lines and new requests waiting for the link, in order, each waiting, sending or failed (N3). */
  readonly outbox$ = this.container.select((s) => s.outbox);

  /** Queued tasks the agent may pick, oldest first (R1, R26). */
  readonly queue$: Observable<readonly Task[]> = this.container.select((s) => s.taskLists.queued);
  /** Tasks offered to this agent (push routing, R12, R13). */
  readonly offers$: Observable<readonly Task[]> = this.container.select((s) => s.taskLists.offered);
  /** Tasks this agent has accepted, in the order accepted (R14). */
  readonly inProgress$: Observable<readonly Task[]> = this.container.select((s) => s.taskLists.accepted);
  /** X1: unread customer lines and since when the customer waits, by in-progress task id. */
  readonly attention$ = this.container.select((s) => s.attention);
  /** X1: each new offer and each line in a task the agent is not looking at, as it comes; for sound, notification and title. */
  get alerts$(): Observable<CareAlert> {
    return this.parts.alerts.asObservable();
  }
  readonly selectedTask$ = this.container.select((s) => (s.selectedTaskId ? (s.tasks.get(s.selectedTaskId) ?? null) : null));
  readonly activeTask$ = this.container.select((s) => (s.activeTaskId ? (s.tasks.get(s.activeTaskId) ?? null) : null));

  /** The task the desktop shows: the one being previewed (R1), else the active one. */
  readonly shownTask$ = this.container.select(shownTask);
  /** The activity whose details, request and comments are shown: the one picked in the journey, else the shown task's own (R16, R19). */
  readonly focusedActivityId$ = this.container.select((s) => s.selectedActivityId ?? shownTask(s)?.activityId ?? null);
  /** The customer of the shown task, or null for a new customer or no task. */
  readonly focusedCustomerId$ = this.container.select((s) => shownTask(s)?.customerId ?? null);

  /** Whether the agent may change this customer's records now: only while one of their tasks for the customer is in progress (R25). */
  canEdit$(customerId: Id | null): Observable<boolean> {
    const select = memoOn([(s: CareState) => s.taskLists.accepted, (s: CareState) => s.agent], (accepted, agent) => canEdit(accepted, agent, customerId));
    return this.views.memo(`can-edit:${customerId}`, () => this.container.select(select));
  }

  task$(taskId: Id): Observable<Task | null> {
    return this.views.memo(`task:${taskId}`, () => this.container.select((s) => s.tasks.get(taskId) ?? null));
  }

  /** A customer, loaded on first subscription (R17). */
  customer$(customerId: Id): Observable<Loadable<Customer>> {
    return this.views.lazy({ kind: 'customer', id: customerId }, () => (s) => s.customers.get(customerId));
  }

  /** A customer's requests and activities in time order, loaded on first subscription (R16). */
  journey$(customerId: Id): Observable<Loadable<Journey>> {
    return this.views.lazy({ kind: 'journey', id: customerId }, () => this.views.keep(`journey:${customerId}`, () => journeySelector(customerId)));
  }

  /** A request, loaded on first subscription if not known yet (R18). */
  request$(requestId: Id): Observable<Loadable<CareRequest>> {
    return this.views.lazy({ kind: 'request', id: requestId }, () => (s) => s.requests.get(requestId));
  }

  /** An activity, loaded on first subscription if not known yet. */
  activity$(activityId: Id): Observable<Loadable<Activity>> {
    return this.views.lazy({ kind: 'activity', id: activityId }, () => (s) => s.activities.get(activityId));
  }

  /** The comments of an activity, oldest first, loaded on first subscription (R20). */
  comments$(activityId: Id): Observable<Loadable<readonly Comment[]>> {
    return this.views.lazy({ kind: 'comments', id: activityId }, () => (s) => s.comments[activityId]);
  }

  /** The chat transcript of an activity, oldest first (R15). */
  transcript$(activityId: Id): Observable<Loadable<readonly ChatMessage[]>> {
    return this.views.lazy({ kind: 'transcript', id: activityId }, () => (s) => s.transcripts[activityId]);
  }

  /** The customer editor: saved record, the agent's edits, issues and any conflict (R6, R10). */
  customerDraft$(customerId: Id): Observable<DraftView<'customer'> | null> {
    return this.views.draft('customer', customerId);
  }

  /** The request editor: saved record, the agent's edits, issues and any conflict (R6, R7). */
  requestDraft$(requestId: Id): Observable<DraftView<'request'> | null> {
    return this.views.draft('request', requestId);
  }

  /** The new-customer form of a task, prefilled from what the task knows (R27). */
  newCustomer$(taskId: Id): Observable<ContactFields | null> {
    return this.views.memo(`new-customer:${taskId}`, () => this.container.select((s) => newCustomerForm(s, taskId)));
  }

  /** What a composer holds and has not sent (X8): a chat line per task, a comment or a tag per activity. */
  unsentText(kind: UnsentKind, id: Id): string {
    return this.snapshot.unsent[kind][id] ?? '';
  }

  /** The same as it changes: typed here, restored after a reload (N1) or typed in another of the agent's tabs (N2). */
  unsentText$(kind: UnsentKind, id: Id): Observable<string> {
    return this.views.memo(`unsent:${kind}:${id}`, () => this.container.select((s) => s.unsent[kind][id] ?? ''));
  }

  // ── Connecting ────────────────────────────────────────────────────────

  /** Signs in and starts listening. Safe to call again to reconnect. */
  async connect(): Promise<Result<Agent>> {
    if (!this.caller.ready) {
      const ready = await session.prepare(this.parts);
      if (!ready.ok) return ready;
    }
    this.unsubscribe ??= this.transport.subscribe((event) => this.receive(event));
    const result = await session.connect(this.parts);
    if (result.ok) void Promise.resolve(this.keeper?.then((k) => k.start(result.value.id))).then(() => this.parts.outbox.flush());
    return result;
  }

  /** Whether the agent typed anything not yet saved or sent (X8, N1): a page asks before it unloads while this holds. */
  hasUnsaved = (): boolean => hasUnsaved(this.snapshot);

  /** Catches up after the link may have missed pushes (N3): signs in again, then reloads everything loaded so far, merged
   * by version, drafts checked (R6). Runs when the link is back; elements also call it on `online`, a tab's return, sleep. */
  async resync(): Promise<Result<Agent>> {
    const result = await this.connect();
    if (result.ok && !this.container.disposed) await this.loader.reloadAll();
    return result;
  }

  /** Stops listening and cancels every call in flight. The store cannot be used afterwards. */
  dispose(): void {
    void this.keeper?.then((k) => k.dispose());
    this.parts.outbox.dispose();
    this.evictor.dispose();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.caller.dispose();
    this.container.dispose();
  }

  // ── Commands: status and tasks ────────────────────────────────────────

  /** Ready or Not Ready (R12), Not Ready with a reason from the host's list (X3). Shown at once; rolled back if the backend refuses. */
  setStatus(status: AgentStatus, reason?: string): Promise<Result<Agent>> {
    return session.setStatus(this.parts, status, reason);
  }

  /** Previews a queued or offered task before accepting it (R1). Null clears the preview. */
  selectTask = (taskId: Id | null): void => session.selectTask(this.parts, taskId);

  /** Shows an in-progress task in the desktop. */
  activateTask = (taskId: Id): void => session.activateTask(this.parts, taskId);

  /** Picks an activity in the journey to show its details (R16); null goes back to the task's own. */
  selectActivity = (activityId: Id | null): void => session.selectActivity(this.parts, activityId);

  /** X5: the queues and agents a task can be transferred to. */
  transferTargets = (): Promise<Result<TransferTargets>> => session.transferTargets(this.parts);

  /** X5: hands a task in progress on to a queue or an agent; the note goes on its activity for the next agent. */
  transfer = (taskId: Id, target: TransferTarget, note: string): Promise<Result<Task>> => session.transfer(this.parts, taskId, target, note);

  /** Accepts a task (R3): it moves to the in-progress list and becomes the active one. The backend files its activity (R4) and refuses a second call (R5). */
  accept(taskId: Id): Promise<Result<Task>> {
    return session.accept(this.parts, taskId);
  }

  /** X7: the contact centre's canned responses (placeholders unfilled), fetched once per session. */
  cannedResponses = (): Promise<Result<CannedResponse[]>> => session.cannedResponses(this.parts);

  /** Declines an offer (X2): it goes to the next agent at once and the agent stays Ready. */
  decline = (taskId: Id): Promise<Result<Task>> => session.decline(this.parts, taskId);

  /** What Close must ask before ending the interaction (R11). */
  closeCheck = (taskId: Id): CloseCheck => closing.closeCheck(this.parts, taskId);

  /** X6: ends the interaction (the call hangs up, the chat takes no more lines) and starts the queue's wrap-up, which
   * closes the task by itself at `task.wrapUpUntil` unless {@link close} comes first. */
  startWrapUp = (taskId: Id): Promise<Result<Task>> => closing.startWrapUp(this.parts, taskId);

  /** Ends the interaction (R11). With unsaved changes or a customer never created, `resolution` says what to do: `save` saves
   * (or creates) first and stops if that fails; `discard` drops them; none refuses, so nothing is lost silently. `wrapUp`: X6. */
  close = (taskId: Id, resolution?: CloseResolution, wrapUp?: WrapUp): Promise<Result<Task>> => closing.close(this.parts, taskId, resolution, wrapUp);

  /** Sends a failed outbox item again, or everything waiting when no key is given (N3). */
  retryOutbox(key?: string): Promise<void> {
    return key ? this.parts.outbox.retry(key) : this.parts.outbox.flush();
  }

  /** Drops an outbox item the agent no longer wants sent. */
  discardOutbox(key: string): void {
    this.parts.outbox.discard(key);
  }

  /** Removes a notice the agent has seen. */
  dismissNotice(id: number): void {
    session.dismissNotice(this.parts, id);
  }

  // ── Commands: customers and requests (R6, R7, R10, R18, R21, R27, R28) ──

  /** Changes fields of the new-customer form of a task (R27). */
  editNewCustomer(taskId: Id, patch: Partial<ContactFields>): void {
    records.editNewCustomer(this.parts, taskId, patch);
  }

  /** Creates the task's customer from the form (R10, R27); the form stays as typed if it fails. */
  createCustomer(taskId: Id): Promise<Result<Customer>> {
    return records.createCustomer(this.parts, taskId);
  }

  /** Changes the agent's draft of a customer; nothing is sent until {@link saveCustomer}. */
  editCustomer(customerId: Id, patch: Partial<ContactFields>): void {
    records.edit(this.parts, 'customer', customerId, patch);
  }

  /** Saves the customer draft; a stale base version comes back as a conflict with Load (R6). */
  saveCustomer(customerId: Id): Promise<Result<Customer>> {
    return records.saveCustomer(this.parts, customerId);
  }

  /** Changes the agent's draft of a request title or description. */
  editRequest(requestId: Id, patch: Partial<RequestFields>): void {
    records.edit(this.parts, 'request', requestId, patch);
  }

  /** Saves the request draft (R6, R7). */
  saveRequest(requestId: Id): Promise<Result<CareRequest>> {
    return records.saveRequest(this.parts, requestId);
  }

  /** Resolves a request (R28: it becomes read-only). */
  resolveRequest(requestId: Id): Promise<Result<CareRequest>> {
    return records.setRequestStatus(this.parts, requestId, 'resolved');
  }

  /** Reopens a resolved request (X9): it is open again and its R18 countdown starts anew. A closed request stays closed. */
  reopenRequest = (requestId: Id): Promise<Result<CareRequest>> => records.setRequestStatus(this.parts, requestId, 'open');

  /** Adds a request for a new problem; it needs a title (R21). */
  createRequest(customerId: Id, fields: RequestFields): Promise<Result<CareRequest>> {
    return records.createRequest(this.parts, customerId, fields);
  }

  /** Drops the agent's edits of a record (Cancel, R27; Discard, R11). */
  discard(kind: DraftKind, id: Id): void {
    records.discard(this.parts, kind, id);
  }

  /** Load (R6): shows the other agent's version; the agent's own text is put aside, and {@link restoreMine} brings it back. */
  loadTheirs(kind: DraftKind, id: Id): void {
    records.loadTheirs(this.parts, kind, id);
  }

  /** Puts the agent's set-aside text back over the latest saved version, ready to save. */
  restoreMine(kind: DraftKind, id: Id): void {
    records.restoreMine(this.parts, kind, id);
  }

  /** Forgets the set-aside text. */
  dismissStash(kind: DraftKind, id: Id): void {
    records.dismissStash(this.parts, kind, id);
  }

  // ── Commands: activities (R9, R15, R16, R20, R29, X8) ─────────────────

  /** Adds a tag (R9): checked here first (50 characters, unique) so the agent hears at once; shown at once, rolled back if refused. */
  addTag(activityId: Id, text: string): Promise<Result<Activity>> {
    return activities.addTag(this.parts, activityId, text);
  }

  /** Removes a tag; shown at once, rolled back if refused. */
  removeTag(activityId: Id, tag: string): Promise<Result<Activity>> {
    return activities.removeTag(this.parts, activityId, tag);
  }

  /** Adds a comment (R20). Shown at once as pending; removed again if refused. */
  addComment(activityId: Id, text: string): Promise<Result<Comment>> {
    return activities.addComment(this.parts, activityId, text);
  }

  /** Moves an activity to another open request or a new one (R16, R29); a move to an existing request shows at once and rolls back if refused. */
  moveActivity(activityId: Id, target: MoveTarget): Promise<Result<{ activity: Activity; request: CareRequest }>> {
    return activities.moveActivity(this.parts, activityId, target);
  }

  /** Moves an activity matched to the wrong customer to another customer (R29). */
  moveActivityToCustomer(activityId: Id, customerId: Id): Promise<Result<Activity>> {
    return activities.moveActivityToCustomer(this.parts, activityId, customerId);
  }

  /** X4: files a new contact's task with an existing customer (the activity joins their open request, R4) instead of creating one. */
  linkCustomer = (taskId: Id, customerId: Id): Promise<Result<Activity>> => activities.linkCustomer(this.parts, taskId, customerId);

  /** Finds customers by name, email or phone (R29). */
  searchCustomers(query: string): Promise<Result<Customer[]>> {
    return activities.searchCustomers(this.parts, query);
  }

  /** Writes in the chat (R15). The text stays the composer's (see {@link setUnsentText}) until this resolves ok. */
  sendMessage(activityId: Id, text: string): Promise<Result<ChatMessage>> {
    return activities.sendMessage(this.parts, activityId, text);
  }

  /** Keeps what a composer holds (X8), so it survives switching records and Close can ask about it; empty forgets it. */
  setUnsentText(kind: UnsentKind, id: Id, text: string): void {
    activities.setUnsent(this.parts, kind, id, text);
  }

  /** Takes text the backend accepted off the front of a composer's unsent text, keeping anything typed since. */
  consumeUnsentText(kind: UnsentKind, id: Id, sent: string): void {
    activities.consumeUnsent(this.parts, kind, id, sent);
  }

  /** Loads again data whose load failed (a Retry button). */
  retry(key: ResourceKey): Promise<void> {
    return this.loader.load(key);
  }
}
