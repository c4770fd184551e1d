import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { CareCommentAddedEvent } from '../../events.js';
import { FIELD_MAX } from '../../model/limits.js';
import { isReadOnly } from '../../model/rules.js';
import type { Comment, Id } from '../../model/types.js';
import { validateComment } from '../../model/validation.js';
import type { CareError } from '../../model/errors.js';
import { isQueued } from '../../state/outbox.js';
import { CareElement } from '../care-element.js';
import { composerStyles, isComposing, renderCounter, renderLimitNote, textLimit, waitsInOutbox } from '../composer.js';
import { styles } from './care-comments.styles.js';

/**
 * The comments of one activity (R20), oldest first, each with its author and
 * time; comment text is only ever rendered as text. Without `activity-id` it
 * follows the activity the desktop focuses.
 *
 * The composer appears only while a task for the activity's customer is in
 * progress (R25); comments may still be added to activities of closed
 * requests, because they are notes about the interaction and do not change
 * the request. A comment over 2,000 characters is refused with the text kept
 * (R23); a failed add keeps the text and shows why. Unsent text is kept per
 * activity, so switching activities or re-adding the element loses nothing.
 *
 * Keyboard: Ctrl+Enter (Cmd+Enter on a Mac) adds the comment; Enter alone
 * starts a new line.
 *
 * @summary Comments of an activity, and a composer to add one.
 * @tag care-comments
 *
 * @fires care-comment-added - After the backend added a comment. `event.comment`.
 *
 * @csspart base - The wrapper.
 * @csspart list - The list of comments.
 * @csspart item - One comment.
 * @csspart composer - The form to write and add a comment.
 * @csspart counter - The character count of the comment being written.
 * @csspart limit - Says the comment is over the limit (R23).
 * @csspart note - Why no comment can be added now.
 * @csspart empty - Shown when there is no activity, or it has no comments.
 * @csspart error - A failed load (with Retry) or a failed add.
 * @csspart queued - Says a comment made offline waits in the outbox and goes by itself (N3).
 *
 * @cssprop --care-comments-gap - Space between the parts.
 * @cssprop --care-comments-item-background - Background of a comment.
 */
export class CareComments extends CareElement {
  static override styles = [...CareElement.styles, composerStyles, styles];

  /** The activity whose comments to show. Without it, the activity the store focuses. */
  @property({ attribute: 'activity-id' })
  activityId: string | undefined;

  private readonly focusedId = this.watch((store) => (this.activityId ? null : store.focusedActivityId$));
  private readonly comments = this.watch((store) => {
    const id = this.shownId();
    return id ? store.comments$(id) : null;
  });
  private readonly activity = this.watch((store) => {
    const id = this.shownId();
    return id ? store.activity$(id) : null;
  });
  private readonly canEdit = this.watch((store) => {
    const activity = this.activity.value;
    return activity?.status === 'ready' ? store.canEdit$(activity.value.customerId) : null;
  });
  /** R28 holds for comments too (X9): a resolved or closed request's activities take none. */
  private readonly request = this.watch((store) => {
    const activity = this.activity.value;
    return activity?.status === 'ready' && activity.value.requestId ? store.request$(activity.value.requestId) : null;
  });
  private readonly inProgress = this.watch((store) => store.inProgress$);
  private readonly outbox = this.watch((store) => store.outbox$);
  /** Re-renders the composer when its text comes back after a reload or from another tab (N1, N2). */
  protected readonly unsent = this.watch((store) => {
    const id = this.shownId();
    return id ? store.unsentText$('comment', id) : null;
  });

  /** Activities with an add under way. */
  @state() private adding: ReadonlySet<Id> = new Set();
  @state() private addError: { activityId: Id; error: CareError } | null = null;

  private shownId(): Id | null {
    return this.activityId || this.focusedId.value || null;
  }

  private canWrite(activityId: Id): boolean {
    // The engine also takes comments on the agent's own task's activity before its new customer exists.
    return this.canEdit.value === true || (this.inProgress.value ?? []).some((task) => task.activityId === activityId);
  }

  private onInput(activityId: Id, event: Event): void {
    if (!this.store) return;
    this.store.setUnsentText('comment', activityId, (event.target as HTMLTextAreaElement).value);
    this.requestUpdate();
  }

  private onKeydown(activityId: Id, event: KeyboardEvent): void {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || isComposing(event)) return;
    event.preventDefault();
    void this.add(activityId);
  }

  private onSubmit(activityId: Id, event: Event): void {
    event.preventDefault();
    void this.add(activityId);
  }

  private async add(activityId: Id): Promise<void> {
    const store = this.store;
    if (!store || !this.canWrite(activityId) || this.adding.has(activityId)) return;
    const text = store.unsentText('comment', activityId);
    // Empty or too long: the counter and the limit note already say why.
    if (validateComment(text).length) return;
    this.adding = new Set([...this.adding, activityId]);
    this.addError = null;
    const result = await store.addComment(activityId, text);
    this.adding = new Set([...this.adding].filter((id) => id !== activityId));
    if (!result.ok) {
      this.addError = { activityId, error: result.error };
      // Offline: the outbox holds the comment now and sends it when the link is back (N3).
      if (isQueued(result.error)) store.consumeUnsentText('comment', activityId, text);
      return;
    }
    store.consumeUnsentText('comment', activityId, text);
    this.announce(this.i18n.t('comments.added'));
    this.requestUpdate();
    this.dispatchEvent(new CareCommentAddedEvent(result.value));
  }

  protected override render() {
    if (!this.store) return this.renderNoStore();
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading">${this.i18n.t('comments.heading')}</h2>
      ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private renderBody() {
    const i = this.i18n;
    const id = this.shownId();
    if (!id) return html`<p part="empty" class="muted">${i.t('comments.none')}</p>`;
    return html`${this.renderList(id)}${this.renderComposer(id)}`;
  }

  private renderList(activityId: Id) {
    const i = this.i18n;
    const comments = this.comments.value;
    if (!comments || comments.status === 'loading') return html`<p class="muted" role="status">${i.t('common.loading')}</p>`;
    if (comments.status === 'error') {
      return html`<div part="error" class="error" role="alert">
        <span>${i.t('comments.loadFailed')} ${this.errorText(comments.error)}</span>
        <button type="button" @click=${() => this.store?.retry({ kind: 'comments', id: activityId })}>${i.t('common.retry')}</button>
      </div>`;
    }
    if (!comments.value.length) return html`<p part="empty" class="muted">${i.t('comments.empty')}</p>`;
    return html`<ol part="list" aria-labelledby="heading">
      ${repeat(comments.value, (comment) => comment.id, (comment) => this.renderComment(comment))}
    </ol>`;
  }

  private renderComment(comment: Comment) {
    return html`<li part="item">
      <bdi class="author">${comment.authorName}</bdi>
      <time datetime=${new Date(comment.createdAt).toISOString()}>${this.i18n.dateTime(comment.createdAt)}</time>
      <p class="text" dir="auto">${comment.text}</p>
    </li>`;
  }

  private renderComposer(activityId: Id) {
    const i = this.i18n;
    const activity = this.activity.value;
    // Until the activity is known, neither the composer nor "read-only" would be true.
    if (activity?.status !== 'ready') return nothing;
    if (!this.canWrite(activityId)) return html`<p part="note" class="muted">${i.t('comments.readOnly')}</p>`;
    const request = activity.value.requestId ? this.request.value : undefined;
    // Until the request's status is known, offering the composer could promise what the backend refuses.
    if (request && request.status !== 'ready') return nothing;
    if (request?.status === 'ready' && isReadOnly(request.value)) {
      return html`<p part="note" class="muted">${i.t(request.value.status === 'resolved' ? 'comments.readOnlyResolved' : 'comments.readOnlyClosed')}</p>`;
    }
    const text = this.store?.unsentText('comment', activityId) ?? '';
    const limit = textLimit(text);
    const adding = this.adding.has(activityId);
    const failed = this.addError?.activityId === activityId ? this.addError.error : null;
    const queued = !!failed && isQueued(failed) && waitsInOutbox(this.outbox.value, activityId);
    const error = !failed || isQueued(failed) ? '' : `${i.t('comments.addFailed')} ${this.errorText(failed, 'text')}`;
    return html`<form part="composer" novalidate @submit=${(event: Event) => this.onSubmit(activityId, event)}>
      <label for="comment">${i.t('comments.field')}</label>
      <textarea dir="auto"
        id="comment"
        rows="3"
        .value=${live(text)}
        aria-describedby=${limit.over ? 'counter limit hint' : 'counter hint'}
        aria-invalid=${limit.over ? 'true' : 'false'}
        @input=${(event: Event) => this.onInput(activityId, event)}
        @keydown=${(event: KeyboardEvent) => this.onKeydown(activityId, event)}
      ></textarea>
      <div class="meta">
        ${renderCounter(i, limit)}
        <span id="hint" class="muted">${i.t('comments.hint')}</span>
      </div>
      ${limit.over ? renderLimitNote(i.t('comments.tooLong', { max: i.number(FIELD_MAX) })) : nothing}
      ${error ? html`<p part="error" class="error" role="alert">${error}</p>` : nothing}
      ${queued ? html`<p part="queued" class="muted" role="status">${i.t('outbox.queued')}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${adding || validateComment(text).length > 0}>
        ${adding ? i.t('comments.adding') : i.t('comments.add')}
      </button>
    </form>`;
  }
}
