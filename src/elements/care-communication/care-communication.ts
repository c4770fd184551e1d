import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { CareMessageSentEvent } from '../../events.js';
import { FIELD_MAX } from '../../model/limits.js';
import type { Activity, ChatMessage, Id, Task } from '../../model/types.js';
import { validateMessage } from '../../model/validation.js';
import type { CareStore } from '../../state/store.js';
import type { ResourceKey } from '../../state/types.js';
import type { CareError } from '../../model/errors.js';
import { isQueued } from '../../state/outbox.js';
import { CareElement } from '../care-element.js';
import { lazy } from '../lazy.js';
import type { CannedPicker } from './canned-picker.js';

import { composerStyles, isComposing, renderCounter, renderLimitNote, textLimit, waitsInOutbox } from '../composer.js';
import { TickController } from '../tick-controller.js';
import { styles } from './care-communication.styles.js';

/** X7's picker, fetched the first time the agent types `/`. */
const cannedModule = lazy(() => import('./canned-picker.js'));

/** How close to the end of the log (in px) still counts as "reading the newest". */
const PINNED_SLACK = 24;

/**
 * The communication pane (R15): the chat window during a chat, the call
 * information during a call. Without `task-id` it follows the task the
 * desktop shows (the store's active in-progress task).
 *
 * Chat text is only ever rendered as text, never parsed as HTML. The
 * composer appears only while the task is in progress and the chat has not
 * ended; a queued task being previewed is read-only (R25). A message longer
 * than 2,000 characters is refused with the text kept (R23); a failed send
 * keeps the text and shows why. Unsent text is kept per task, so switching
 * tasks or re-adding the element loses nothing.
 *
 * Canned responses (X7): `/` at the start of the composer lists the contact
 * centre's replies, narrowed as the agent types; Up, Down and Enter (or a
 * click) put one in the composer with the customer's and the agent's names
 * filled in, to read and send.
 *
 * Keyboard: Enter sends, Shift+Enter adds a line; the transcript is
 * focusable so it can be scrolled with the arrow keys. New messages are
 * announced politely, and the log stays on the newest unless the agent has
 * scrolled up to read.
 *
 * @summary Chat transcript and composer, or call information.
 * @tag care-communication
 *
 * @fires care-message-sent - After the backend accepted a chat message. `event.message`.
 *
 * @csspart base - The wrapper.
 * @csspart transcript - The scrolling chat log.
 * @csspart message - One chat message.
 * @csspart composer - The form to write and send a message.
 * @csspart counter - The character count of the message being written.
 * @csspart limit - Says the message is over the limit (R23).
 * @csspart call - The call information.
 * @csspart duration - The call's running time.
 * @csspart empty - Shown when there is no task.
 * @csspart error - A failed load (with Retry) or a failed send.
 * @csspart canned - The list of canned responses while `/` is typed (X7).
 * @csspart queued - Says a chat line sent offline waits in the outbox and goes by itself (N3).
 *
 * @cssprop --care-communication-gap - Space between the parts.
 * @cssprop --care-communication-transcript-max-height - Height at which the transcript scrolls (default 24rem).
 */
export class CareCommunication extends CareElement {
  static override styles = [...CareElement.styles, composerStyles, styles];

  /** The task to show. Without it, the store's active in-progress task. */
  @property({ attribute: 'task-id' })
  taskId: string | undefined;

  private readonly task = this.watch((store) => (this.taskId ? store.task$(this.taskId) : store.activeTask$));
  private readonly activity = this.watch((store) => {
    const task = this.task.value;
    return task ? store.activity$(task.activityId) : null;
  });
  private readonly transcript = this.watch((store) => {
    const task = this.task.value;
    return task?.media === 'chat' ? store.transcript$(task.activityId) : null;
  });
  private readonly customer = this.watch((store) => {
    const id = this.task.value?.customerId;
    return id ? store.customer$(id) : null;
  });
  private readonly agent = this.watch((store) => store.agent$);
  private readonly outbox = this.watch((store) => store.outbox$);
  /** Re-renders the composer when its text comes back after a reload or from another tab (N1, N2). */
  protected readonly unsent = this.watch((store) => {
    const task = this.task.value;
    return task ? store.unsentText$('message', task.id) : null;
  });
  protected readonly ticker = new TickController(this, () => this.callRunning());

  /** Tasks with a send under way. */
  @state() private sending: ReadonlySet<Id> = new Set();
  @state() private sendError: { taskId: Id; error: CareError } | null = null;

  /** Whether the log should follow new messages: false once the agent scrolls up to read. */
  private pinned = true;
  private shownTaskId: Id | undefined;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const id = this.task.value?.id;
    if (id !== this.shownTaskId) {
      this.shownTaskId = id;
      this.pinned = true;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const log = this.renderRoot.querySelector<HTMLElement>('[part~="transcript"]');
    if (log && this.pinned) log.scrollTop = log.scrollHeight;
  }

  /**
   * Puts the cursor in the composer (the agent's next step after Accept), or
   * on the call information during a call. Waits for the task's activity to
   * arrive, a few renders at most; resolves whether focus moved.
   */
  async focusComposer(): Promise<boolean> {
    for (let i = 0; i < 20; i++) {
      await this.updateComplete;
      const target = this.renderRoot.querySelector<HTMLElement>('textarea, [part~="call"]');
      if (target) {
        target.focus();
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return false;
  }

  private onScroll(event: Event): void {
    const log = event.currentTarget as HTMLElement;
    this.pinned = log.scrollHeight - log.scrollTop - log.clientHeight <= PINNED_SLACK;
  }

  private readyActivity(): Activity | undefined {
    const activity = this.activity.value;
    return activity?.status === 'ready' ? activity.value : undefined;
  }

  private callRunning(): boolean {
    const task = this.task.value;
    return task?.media === 'call' && task.state === 'accepted' && this.readyActivity()?.call?.endedAt === undefined;
  }

  /** R25: only an accepted task whose chat is still running takes new messages. */
  private canWrite(task: Task): boolean {
    return task.state === 'accepted' && this.readyActivity()?.endedAt === undefined;
  }

  private customerName(task: Task): string {
    const customer = this.customer.value;
    return this.nameOf(customer?.status === 'ready' ? customer.value : task.contact);
  }

  private onInput(taskId: Id, event: Event): void {
    if (!this.store) return;
    const text = (event.target as HTMLTextAreaElement).value;
    this.store.setUnsentText('message', taskId, text);
    if (text.startsWith('/')) void this.canned().then((picker) => (picker.follow(text), this.requestUpdate()));
    else this.picker?.follow(text);
    this.requestUpdate();
  }

  /** X7's picker, loaded the first time `/` is typed. */
  private picker: CannedPicker | undefined;
  private async canned(): Promise<CannedPicker> {
    const { CannedPicker } = await cannedModule.load();
    this.picker ??= new CannedPicker({
      i18n: this.i18n,
      store: () => this.store,
      names: () => ({ customer: this.task.value ? this.customerName(this.task.value) : '', agent: this.agent.value?.name ?? '' }),
      put: (text) => {
        const task = this.task.value;
        if (!task || !this.store) return;
        this.store.setUnsentText('message', task.id, text);
        void this.updateComplete.then(() => {
          const box = this.renderRoot.querySelector('textarea');
          box?.focus();
          box?.setSelectionRange(text.length, text.length);
        });
      },
      requestUpdate: () => this.requestUpdate(),
    });
    return this.picker;
  }

  private onKeydown(event: KeyboardEvent): void {
    if (!isComposing(event) && this.picker?.key(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || isComposing(event)) return;
    event.preventDefault();
    void this.send();
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    void this.send();
  }

  private async send(): Promise<void> {
    const store = this.store;
    const task = this.task.value;
    if (!store || !task || !this.canWrite(task) || this.sending.has(task.id)) return;
    const text = store.unsentText('message', task.id);
    // Empty or too long: the counter and the limit note already say why.
    if (validateMessage(text).length) return;
    this.sending = new Set([...this.sending, task.id]);
    this.sendError = null;
    const result = await store.sendMessage(task.activityId, text);
    this.sending = new Set([...this.sending].filter((id) => id !== task.id));
    if (!result.ok) {
      this.sendError = { taskId: task.id, error: result.error };
      // Offline: the outbox holds the line now and sends it when the link is back (N3).
      if (isQueued(result.error)) store.consumeUnsentText('message', task.id, text);
      return;
    }
    store.consumeUnsentText('message', task.id, text);
    this.requestUpdate();
    this.dispatchEvent(new CareMessageSentEvent(result.value));
  }

  protected override render() {
    if (!this.store) return this.renderNoStore();
    const task = this.task.value;
    const body =
      task?.media === 'chat' ? this.renderChat(task) : task?.media === 'call' ? this.renderCall(task, this.store) : this.renderEmpty();
    return html`<div part="base">${body}</div>`;
  }

  private renderEmpty() {
    return html`<p part="empty" class="muted">${this.i18n.t('comm.none')}</p>`;
  }

  private renderLoadError(error: CareError, key: ResourceKey) {
    return html`<div part="error" class="error" role="alert">
      <span>${this.i18n.t('comm.loadFailed')} ${this.errorText(error)}</span>
      <button type="button" @click=${() => this.store?.retry(key)}>${this.i18n.t('common.retry')}</button>
    </div>`;
  }

  private renderChat(task: Task) {
    const label = this.i18n.t('comm.transcript', { name: this.customerName(task) });
    const ended = task.state === 'closed' || this.readyActivity()?.endedAt !== undefined;
    return html`<section aria-labelledby="heading">
      <h2 id="heading">${label}</h2>
      ${this.renderTranscript(task, label)}
      ${ended ? html`<p class="muted">${this.i18n.t('comm.ended')}</p>` : this.canWrite(task) ? this.renderComposer(task) : nothing}
    </section>`;
  }

  private renderTranscript(task: Task, label: string) {
    const transcript = this.transcript.value;
    if (!transcript || transcript.status === 'loading') {
      return html`<p class="muted" role="status">${this.i18n.t('common.loading')}</p>`;
    }
    if (transcript.status === 'error') return this.renderLoadError(transcript.error, { kind: 'transcript', id: task.activityId });
    // role=log sits on a wrapper: on the <ol> itself it would take away the list semantics its <li>s need.
    return html`<div part="transcript" role="log" aria-live="polite" aria-label=${label} tabindex="0" @scroll=${this.onScroll}>
      <ol>
        ${repeat(transcript.value, (message) => message.id, (message) => this.renderMessage(message))}
      </ol>
    </div>`;
  }

  private renderMessage(message: ChatMessage) {
    const own = message.from === 'agent' && message.authorName === this.agent.value?.name;
    return html`<li part="message" class=${message.from}>
      <bdi class="author">${own ? this.i18n.t('comm.you') : message.authorName}</bdi>
      <time datetime=${new Date(message.at).toISOString()}>${this.i18n.time(message.at)}</time>
      <p class="text" dir="auto">${message.text}</p>
    </li>`;
  }

  private renderComposer(task: Task) {
    const i = this.i18n;
    const text = this.store?.unsentText('message', task.id) ?? '';
    const limit = textLimit(text);
    const over = limit.over;
    const sending = this.sending.has(task.id);
    const failed = this.sendError?.taskId === task.id ? this.sendError.error : null;
    const queued = !!failed && isQueued(failed) && waitsInOutbox(this.outbox.value, task.activityId);
    const error = !failed || isQueued(failed) ? '' : this.errorText(failed);
    return html`<form part="composer" novalidate @submit=${this.onSubmit}>
      <label for="message">${i.t('comm.message')}</label>
      <textarea dir="auto"
        id="message"
        rows="3"
        .value=${live(text)}
        aria-describedby=${over ? 'counter limit hint' : 'counter hint'}
        aria-invalid=${over ? 'true' : 'false'}
        aria-autocomplete="list"
        aria-controls=${this.picker?.open ? 'canned-list' : nothing}
        aria-activedescendant=${this.picker?.activeId() ?? nothing}
        @input=${(event: Event) => this.onInput(task.id, event)}
        @keydown=${this.onKeydown}
      ></textarea>
      ${this.picker?.render() ?? nothing}
      <div class="meta">
        ${renderCounter(i, limit)}
        <span id="hint" class="muted">${i.t('comm.sendHint')} ${i.t('comm.cannedHint')}</span>
      </div>
      ${over ? renderLimitNote(i.t('comm.tooLong', { max: i.number(FIELD_MAX) })) : nothing}
      ${error ? html`<p part="error" class="error" role="alert">${error}</p>` : nothing}
      ${queued ? html`<p part="queued" class="muted" role="status">${i.t('outbox.queued')}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${sending || validateMessage(text).length > 0}>
        ${sending ? i.t('comm.sending') : i.t('comm.send')}
      </button>
    </form>`;
  }

  private renderCall(task: Task, store: CareStore) {
    const i = this.i18n;
    const activity = this.activity.value;
    const call = this.readyActivity()?.call;
    const name = this.customerName(task);
    const number = task.contact.phone || call?.from || '';
    const connectedAt = call?.connectedAt ?? task.acceptedAt;
    const endedAt = call?.endedAt ?? task.closedAt;
    const elapsed = connectedAt === undefined ? undefined : Math.max(0, (endedAt ?? store.now()) - connectedAt);
    return html`<section part="call" tabindex="-1" aria-labelledby="heading">
      <h2 id="heading">${i.tb('comm.callWith', { name })}</h2>
      <dl>
        <div>
          <dt>${i.t('comm.number')}</dt>
          <dd>${number || i.t('comm.noNumber')}</dd>
        </div>
        ${connectedAt === undefined || elapsed === undefined
          ? nothing
          : html`<div>
                <dt>${i.t('comm.started')}</dt>
                <dd><time datetime=${new Date(connectedAt).toISOString()}>${i.time(connectedAt)}</time></dd>
              </div>
              <div>
                <dt>${i.t('comm.duration')}</dt>
                <dd><time part="duration" datetime=${`PT${Math.floor(elapsed / 1000)}S`}>${i.duration(elapsed)}</time></dd>
              </div>`}
      </dl>
      ${endedAt === undefined ? nothing : html`<p class="muted">${i.t('comm.callEnded')}</p>`}
      ${activity?.status === 'error' ? this.renderLoadError(activity.error, { kind: 'activity', id: task.activityId }) : nothing}
    </section>`;
  }
}
