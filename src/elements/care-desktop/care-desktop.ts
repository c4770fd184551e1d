import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CareCustomerCreatedEvent, CareCustomerSavedEvent, CareRequestSavedEvent, CareTaskCloseEvent, CareTaskClosedEvent } from '../../events.js';
import type { CareError } from '../../model/errors.js';
import type { Task } from '../../model/types.js';
import type { CareStore, CloseCheck, CloseResolution } from '../../state/store.js';
import type { CareTransport } from '../../state/public-types.js';
import { CareElement } from '../care-element.js';
import { listAttribute } from '../list-attribute.js';
import { keepTabInDialog } from '../dialog-focus.js';
import { ResyncController } from '../resync-controller.js';
import { renderNotices } from './notices.js';
import type { AlertController, AlertKind } from './alerts.js';
import type { TransferDialog } from './transfer-dialog.js';
import { lazy } from '../lazy.js';
import { TickController } from '../tick-controller.js';

/** R11's, X6's and X8's Close questions, fetched the first time Close has something to ask. */
const promptModule = lazy(() => import('./close-prompt.js'));

/** X5's dialog, fetched the first time the agent presses Transfer. */
const transferModule = lazy(() => import('./transfer-dialog.js'));
import type { CareAlert } from '../../state/attention.js';
import { STORE_GRACE_MS, StoreProvision } from '../store-provision.js';
import { styles } from './care-desktop.styles.js';


import type { Prompt } from './close-prompt.js';

/**
 * The whole agent desktop: status and offers, the queue and in-progress
 * tasks, the communication pane, and the customer's record. It provides its
 * store to everything inside it (set `store`, or `transport` to have it make
 * one; without either it uses the store of an enclosing provider).
 *
 * Close ends the interaction with R11's prompts: unsaved customer changes
 * are saved or discarded, a customer not yet created is created or the
 * interaction closes without creating it, text typed and not sent (a chat
 * line, a comment, a tag, a new request) is named and discarded only when
 * the agent says so (X8); Cancel keeps everything.
 *
 * Alerts (X1): a new offer, and a customer line in a task the agent is not
 * looking at, ring a short sound, show a desktop notification while the page
 * is hidden (the agent turns these on with a click) and count in the tab
 * title; `alerts` picks which. After Accept, the cursor goes to the chat's
 * composer (or the call's details). Transfer (X5) hands the task to a queue
 * or a Ready agent with a note for them.
 *
 * @summary The composed Care Desktop.
 * @tag care-desktop
 *
 * @slot brand - Replaces the title in the header.
 * @slot journey - Replaces the customer journey (default: care-journey).
 * @slot customer - Replaces the customer details (default: care-customer).
 * @slot request - Replaces the request details (default: care-request).
 * @slot activity - Replaces the activity details (default: care-activity).
 * @slot comments - Replaces the comments (default: care-comments).
 *
 * @fires care-task-close - Before an interaction closes; cancelable. `event.task`.
 * @fires care-task-closed - After an interaction closed. `event.task`.
 * @fires care-customer-created - R11's Save created the task's customer before closing. `event.customer`.
 * @fires care-customer-saved - R11's Save saved the customer's changes before closing. `event.customer`.
 * @fires care-request-saved - R11's Save saved a request's changes before closing. `event.request`.
 *
 * @csspart base - The grid.
 * @csspart header - Title and status.
 * @csspart notices - Notifications from the backend.
 * @csspart notice - One notification.
 * @csspart work - The column with status, offers, queue and in-progress list.
 * @csspart main - The column with the task bar and the communication pane.
 * @csspart task-bar - The open task's Transfer and Close.
 * @csspart wrap-up-time - In the task bar, the time left to wrap up (X6).
 * @csspart details - The column with the customer's record.
 * @csspart dialog - The Close prompt (R11).
 * @csspart enable-notifications - The button that asks the browser to allow desktop notifications (X1).
 *
 * @cssprop --care-desktop-background - Background.
 * @cssprop --care-desktop-gap - Space between the columns.
 * @cssprop --care-desktop-padding - Space around the grid.
 */
export class CareDesktop extends CareElement {
  static override styles = [...CareElement.styles, styles];

  private input: CareStore | undefined;
  private provided: CareStore | undefined;
  private readonly provision = new StoreProvision(this, () => this.storeGrace);

  constructor() {
    super();
    // Catches up after `online`, a long-hidden tab or sleep (N3); the host keeps the controller.
    new ResyncController(this, () => this.provided);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.beforeUnload);
    this.addEventListener('care-task-accepted', this.onAccepted);
    void import('./alerts.js').then(({ AlertController }) => {
      this.alerter ??= new AlertController(this);
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.beforeUnload);
    this.removeEventListener('care-task-accepted', this.onAccepted);
  }

  /** N1: the browser asks before the page goes while anything typed is unsaved (it is also kept, when the store persists). */
  private readonly beforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.provided?.hasUnsaved()) return;
    event.preventDefault();
    // Older browsers need returnValue set to show the prompt.
    event.returnValue = '';
  };

  /** The store to work with and provide. Set this, or `transport`, or place the desktop in a provider. */
  @property({ attribute: false })
  override get store(): CareStore | undefined {
    return this.provided;
  }

  override set store(value: CareStore | undefined) {
    if (value === this.input) return;
    this.input = value;
    // Not requestUpdate('store', old): Lit compares the getter (the store provided, set only in willUpdate),
    // which has not changed yet, so a store given after the first render was never picked up.
    this.requestUpdate();
  }

  /** A transport to make and connect a store from, when no `store` is given. */
  @property({ attribute: false })
  transport: CareTransport | undefined;

  /**
   * How long, in milliseconds, this element may be out of the document before the store it made from
   * `transport` is disposed (N6). A move (removed and put back within it) keeps the store and its link.
   */
  @property({ type: Number, attribute: 'store-grace' })
  storeGrace = STORE_GRACE_MS;

  /**
   * X1: which alerts are on, separated by spaces: `sound`, `notification`
   * (once the agent allows them), `title` (a count in the tab's title).
   * All three by default; empty switches every alert off.
   */
  @property()
  alerts = 'sound notification title';

  /** Loaded with the desktop's first connection: most pages embedding a single element never need it. */
  private alerter: AlertController | undefined;

  /** The alerts switched on. */
  alertKinds(): ReadonlySet<AlertKind> {
    return new Set(this.alerts.split(/\s+/).filter(Boolean) as AlertKind[]);
  }

  /** A notification's words, in the agent's language; the customer's line is text, never markup. */
  alertText(alert: CareAlert): { title: string; body: string } {
    const i = this.i18n;
    const name = this.nameOfTask(alert.task);
    if (alert.kind === 'offer') return { title: i.t('alerts.offerTitle', { media: this.mediaLabel(alert.task.media) }), body: name };
    return { title: i.t('alerts.messageTitle', { name }), body: alert.message.text };
  }

  /** X5: the Transfer dialog, loaded the first time Transfer is pressed. */
  private transfer: TransferDialog | undefined;

  private async openTransfer(task: Task): Promise<void> {
    const { TransferDialog } = await transferModule.load();
    this.transfer ??= new TransferDialog(this, {
      i18n: this.i18n,
      store: () => this.store,
      errorText: (error) => this.errorText(error),
      nameOfTask: (t) => this.nameOfTask(t),
      keepTab: keepTabInDialog,
      done: (_, name, target) => {
        this.announce(this.i18n.t('transfer.done', { name, target }));
        void this.updateComplete.then(() => (this.closeButton ?? this.renderRoot.querySelector<HTMLElement>('h1'))?.focus());
      },
      cancelled: () => void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-transfer-open]')?.focus()),
    });
    await this.transfer.open(task);
  }

  /** After Accept, wherever it was pressed, the agent's next step is the conversation. */
  private readonly onAccepted = async (): Promise<void> => {
    await this.updateComplete;
    await this.renderRoot.querySelector('care-communication')?.focusComposer();
  };

  /** X3: the Not Ready reasons the agent picks from, passed to the status element (see care-agent-status). Attribute: `|`-separated. */
  @property({ attribute: 'not-ready-reasons', converter: listAttribute })
  notReadyReasons: string[] | undefined;

  private readonly connection = this.watch((store) => store.connection$);
  private readonly notices = this.watch((store) => store.notices$);
  private readonly outbox = this.watch((store) => store.outbox$);
  private readonly active = this.watch((store) => store.activeTask$);
  /** X6: the wrap-up countdown in the task bar and the prompt. */
  protected readonly ticker = new TickController(this, () => this.active.value?.wrapUpUntil !== undefined);
  private readonly selected = this.watch((store) => store.selectedTask$);

  @state() private prompt: Prompt | null = null;
  /** A close under way: its buttons stay disabled so a double click closes once. */
  @state() private closing = false;
  @state() private error: CareError | null = null;
  @query('dialog') private dialog!: HTMLDialogElement | null;
  @query('[data-close]') private closeButton!: HTMLButtonElement | null;

  private errorFor: string | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    this.provided = this.provision.update(this.input, this.transport, this.contextStore);
    super.willUpdate(changed);
    // An error belongs to the task it happened on.
    const shown = (this.selected.value ?? this.active.value)?.id ?? null;
    // With a task open, Close may soon have something to ask: its questions are fetched ahead, not when pressed.
    if (this.active.value && !promptModule.value) void promptModule.load().then(() => undefined, () => undefined);
    // A prompt for a task that closed meanwhile (its wrap-up time ran out, X6) has nothing left to ask.
    if (this.prompt && !this.closing && this.store?.snapshot.tasks.get(this.prompt.task.id)?.state !== 'accepted') this.endPrompt();
    if (shown !== this.errorFor) {
      this.errorFor = shown;
      this.error = null;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const dialog = this.dialog;
    if (this.prompt && dialog && !dialog.open) dialog.showModal();
  }

  /** Close (R11): ask first if the customer has unsaved changes or was never created. */
  private async requestClose(task: Task): Promise<void> {
    const store = this.store;
    if (!store || !this.dispatchEvent(new CareTaskCloseEvent(task))) return;
    // X6: where the queue asks for a wrap-up, Close ends the interaction first; its time limit runs from here.
    if (store.snapshot.queues.find((q) => q.id === task.queueId)?.wrapUp && task.wrapUpStartedAt === undefined) {
      const started = await store.startWrapUp(task.id);
      if (!started.ok) return void (this.error = started.error);
      task = started.value;
    }
    const check = store.closeCheck(task.id);
    const unsent = [...new Set(check.unsentTexts.map((u) => u.kind))];
    // X6: a queue that asks for a wrap-up gets its fields in whichever question Close asks, or a question of their own.
    const rule = store.snapshot.queues.find((q) => q.id === task.queueId)?.wrapUp;
    const wrapUp = rule ? { rule, code: '', note: '' } : undefined;
    const asks = check.customerNotCreated || check.unsavedCustomer || check.unsavedRequests.length > 0 || unsent.length > 0 || !!wrapUp;
    if (asks) await promptModule.load();
    if (check.customerNotCreated) this.prompt = { task, kind: 'not-created', unsent, wrapUp };
    else if (check.unsavedCustomer || check.unsavedRequests.length) this.prompt = { task, kind: 'unsaved', unsent, wrapUp };
    else if (unsent.length) this.prompt = { task, kind: 'unsent', unsent, wrapUp };
    else if (wrapUp) this.prompt = { task, kind: 'wrap-up', unsent, wrapUp };
    else await this.close(task);
  }

  private async close(task: Task, resolution?: CloseResolution): Promise<void> {
    const store = this.store;
    if (!store || this.closing) return;
    const name = this.nameOfTask(task);
    const check = resolution === 'save' ? store.closeCheck(task.id) : undefined;
    this.closing = true;
    const answer = this.prompt?.task.id === task.id ? this.prompt.wrapUp : undefined;
    const wrapUp = answer && (answer.code || answer.note.trim()) ? { code: answer.code, note: answer.note } : undefined;
    const result = await store.close(task.id, resolution, wrapUp).finally(() => (this.closing = false));
    if (!result.ok) {
      if (this.prompt) this.prompt = { ...this.prompt, error: result.error };
      else this.error = result.error;
      return;
    }
    this.error = null;
    this.endPrompt();
    this.announce(this.i18n.t('desktop.closed', { name }));
    if (check) this.announceSaved(check, result.value);
    this.dispatchEvent(new CareTaskClosedEvent(result.value));
  }

  /** R11's Save created or saved records on the way: the host hears of each, as it would from their own panes. */
  private announceSaved(check: CloseCheck, closed: Task): void {
    const snapshot = this.store?.snapshot;
    const customer = closed.customerId ? snapshot?.customers.get(closed.customerId) : undefined;
    if (customer && check.customerNotCreated) this.dispatchEvent(new CareCustomerCreatedEvent(customer));
    if (customer && check.unsavedCustomer) this.dispatchEvent(new CareCustomerSavedEvent(customer));
    for (const id of check.unsavedRequests) {
      const request = snapshot?.requests.get(id);
      if (request) this.dispatchEvent(new CareRequestSavedEvent(request));
    }
  }

  private endPrompt(): void {
    this.dialog?.close();
    this.prompt = null;
    // Focus goes back where the agent was; if the task is gone, to the desktop's next Close or heading.
    void this.updateComplete.then(() => (this.closeButton ?? this.renderRoot.querySelector<HTMLElement>('h1'))?.focus());
  }

  protected override render() {
    if (!this.store) return this.renderNoStore();
    const i = this.i18n;
    return html`
      <div part="base">
        <div part="header">
          <slot name="brand"><h1 tabindex="-1">${i.t('desktop.title')}</h1></slot>
          ${this.alerter?.canAsk
            ? html`<button type="button" part="enable-notifications" @click=${() => this.alerter?.ask()}>${i.t('alerts.enable')}</button>`
            : nothing}
        </div>
        <div part="notices" role="region" aria-label=${i.t('desktop.notices')} aria-live="polite">${renderNotices(i, this.connection.value === 'offline', this.notices.value ?? [], {
          outbox: this.outbox.value ?? [],
          retry: (key) => void this.store?.retryOutbox(key),
          discard: (key) => this.store?.discardOutbox(key),
          dismiss: (id) => this.store?.dismissNotice(id),
          errorText: (error) => this.errorText(error),
        })}</div>
        <section part="work" aria-label=${i.t('desktop.work')}>
          <care-agent-status .notReadyReasons=${this.notReadyReasons}></care-agent-status>
          <care-queue></care-queue>
        </section>
        <section part="main" aria-label=${i.t('comm.heading')}>${this.renderMain()}</section>
        <section part="details" aria-label=${i.t('desktop.details')}>
          <slot name="customer"><care-customer></care-customer></slot>
          <slot name="request"><care-request></care-request></slot>
          <slot name="activity"><care-activity></care-activity></slot>
          <slot name="comments"><care-comments></care-comments></slot>
        </section>
        ${this.renderPrompt()}
        ${this.transfer?.render() ?? nothing}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  private renderMain() {
    const i = this.i18n;
    const selected = this.selected.value;
    const active = this.active.value;
    const task = selected ?? active;
    if (!task) return html`<p class="muted">${i.t('desktop.noTask')}</p>`;
    const name = this.nameOfTask(task);
    return html`
      <div part="task-bar">
        ${selected
          ? html`<span class="muted">${i.t('desktop.previewing')}</span>`
          : html`${task.wrapUpStartedAt !== undefined
                ? promptModule.value?.renderWrapUpTime(task, i, this.store!.now())
                : html`<button type="button" data-transfer-open aria-label=${i.t('desktop.transferTask', { name })} @click=${() => this.openTransfer(task)}>
                    ${i.t('desktop.transfer')}
                  </button>`}
              <button type="button" data-close aria-label=${i.t('desktop.closeTask', { name })} @click=${() => this.requestClose(task)}>
                ${i.t('desktop.close')}
              </button>`}
      </div>
      ${this.error ? html`<p part="error" class="error" role="alert">${this.errorText(this.error)}</p>` : nothing}
      <care-communication task-id=${task.id}></care-communication>
      <slot name="journey"><care-journey></care-journey></slot>
    `;
  }

  private renderPrompt() {
    const prompt = this.prompt;
    const module = promptModule.value;
    if (!prompt || !module) return nothing;
    return module.renderClosePrompt(prompt, {
      i18n: this.i18n,
      closing: this.closing,
      now: this.store!.now(),
      name: this.nameOfTask(prompt.task),
      errorText: (error) => this.errorText(error),
      cancel: () => this.endPrompt(),
      close: (resolution) => void this.close(prompt.task, resolution),
      wrapUp: (change) => (this.prompt = this.prompt?.wrapUp ? { ...this.prompt, wrapUp: { ...this.prompt.wrapUp, ...change } } : this.prompt),
    });
  }
}
