import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { CareTagAddedEvent, CareTagRemovedEvent } from '../../events.js';
import type { CareError } from '../../model/errors.js';
import { TAG_MAX } from '../../model/limits.js';
import { isReadOnly } from '../../model/rules.js';
import type { Activity, Id } from '../../model/types.js';
import { charCount, normaliseTag, tagKey, validateTag } from '../../model/validation.js';
import { isolate } from '../../i18n/localize.js';
import { CareElement } from '../care-element.js';
import { composerStyles, isComposing } from '../composer.js';
import { isQueued } from '../../state/outbox.js';
import type { ResourceKey } from '../../state/types.js';
import { mediaIcon } from '../icons.js';
import { styles } from './care-activity.styles.js';

/** Whether the agent may change the tags now, and if not, why. */
type Access = 'edit' | 'preview' | 'resolved' | 'closed' | 'checking';

/**
 * Why a tag was not added or removed, kept untranslated so that the message
 * follows a change of language: either the rules refused the typed text, or
 * the backend failed.
 */
type TagError =
  | {
      activityId: Id;
      /** The text the rules refused. */
      refused: string;
      /** The activity's tags it was checked against. */
      tags: readonly string[];
    }
  | {
      activityId: Id;
      refused?: undefined;
      /** What the agent tried: add or remove `tag`. */
      action: 'add' | 'remove';
      tag: string;
      error: CareError;
    };

/**
 * The details of one activity (R19): its medium, when it started (and ended,
 * with its duration), its summary and its tags. Without `activity-id` it
 * follows the activity the desktop focuses (the one picked in the journey,
 * else the shown task's own).
 *
 * Tags (R9): Enter or Tab turns the typed text into a tag; Tab in an empty
 * field moves on as usual. A tag over 50 characters, or one the activity
 * already has (ignoring case and spacing), is refused with the text kept; a
 * second Tab on refused text leaves the field, so the agent is never trapped.
 * Tags change only while a task for the customer is in progress (R25) and the
 * activity's request is open (R28); otherwise they are shown read-only with
 * the reason. A tag shows at once and is taken back, with the text returned
 * to the field, if the backend refuses it.
 *
 * @summary Activity details and tags.
 * @tag care-activity
 *
 * @fires care-tag-added - After the backend added a tag. `event.activity`, `event.tag`.
 * @fires care-tag-removed - After the backend removed a tag. `event.activity`, `event.tag`.
 *
 * @csspart base - The wrapper.
 * @csspart details - The list of the activity's facts (medium, times, summary).
 * @csspart tags - The tags section.
 * @csspart list - The list of tags.
 * @csspart tag - One tag.
 * @csspart remove-button - A tag's remove button.
 * @csspart field - The tag input with its label, hint and message.
 * @csspart note - Why the tags are read-only.
 * @csspart empty - Shown when there is no activity, or it has no tags.
 * @csspart error - A failed load (with Retry), a refused tag or a failed change.
 *
 * @cssprop --care-activity-gap - Space between the parts.
 * @cssprop --care-activity-tag-background - Background of a tag.
 * @cssprop --care-activity-tag-radius - Corner radius of a tag.
 */
export class CareActivity extends CareElement {
  static override styles = [...CareElement.styles, composerStyles, styles];

  /** The activity to show. Without it, the activity the store focuses. */
  @property({ attribute: 'activity-id' })
  activityId: string | undefined;

  private readonly focusedId = this.watch((store) => (this.activityId ? null : store.focusedActivityId$));
  private readonly activity = this.watch((store) => {
    const id = this.shownId();
    return id ? store.activity$(id) : null;
  });
  private readonly request = this.watch((store) => {
    const id = this.ready()?.requestId;
    return id ? store.request$(id) : null;
  });
  private readonly canEdit = this.watch((store) => {
    const activity = this.ready();
    return activity ? store.canEdit$(activity.customerId) : null;
  });
  private readonly inProgress = this.watch((store) => store.inProgress$);
  /** Re-renders the tag field when its text comes back after a reload or from another tab (N1, N2). */
  protected readonly unsent = this.watch((store) => {
    const id = this.shownId();
    return id ? store.unsentText$('tag', id) : null;
  });

  @state() private tagError: TagError | null = null;
  @state() private removeError: TagError | null = null;

  private shownId(): Id | null {
    return this.activityId || this.focusedId.value || null;
  }

  private ready(): Activity | undefined {
    const activity = this.activity.value;
    return activity?.status === 'ready' ? activity.value : undefined;
  }

  private access(activity: Activity): Access {
    // The engine also lets an agent tag their own task's activity before its new customer exists.
    const inProgress = this.canEdit.value === true || (this.inProgress.value ?? []).some((task) => task.activityId === activity.id);
    if (!inProgress) return 'preview';
    if (!activity.requestId) return 'edit';
    // R28: until the request's status is known, offering the field could promise what the backend refuses.
    const request = this.request.value;
    if (request?.status !== 'ready') return 'checking';
    return !isReadOnly(request.value) ? 'edit' : request.value.status === 'resolved' ? 'resolved' : 'closed';
  }

  /** Why `text` cannot join `tags`, in the agent's language; '' when it can, null when there is nothing to add. */
  private refusal(text: string, tags: readonly string[]): string | null {
    const issue = validateTag(text, tags)[0];
    if (!issue) return '';
    const i = this.i18n;
    switch (issue.code) {
      case 'required':
        return null;
      case 'too-long':
        return i.t('activity.tagTooLong', { max: i.number(TAG_MAX), count: i.number(charCount(normaliseTag(text))) });
      case 'duplicate':
        return i.t('activity.tagDuplicate', { tag: isolate(twinOf(text, tags)) });
      default:
        return this.errorText(issue);
    }
  }

  /** A tag error in the element's language, translated when shown. */
  private tagErrorText(error: TagError) {
    // On screen the tag is a <bdi> of its own (N5); the string form above is for announcements.
    if (error.refused !== undefined) {
      const refusal = this.refusal(error.refused, error.tags) ?? '';
      return validateTag(error.refused, error.tags)[0]?.code === 'duplicate'
        ? this.i18n.tb('activity.tagDuplicate', { tag: twinOf(error.refused, error.tags) })
        : refusal;
    }
    const prefix = this.i18n.tb(error.action === 'add' ? 'activity.tagAddFailed' : 'activity.tagRemoveFailed', { tag: error.tag });
    return html`${prefix} ${this.errorText(error.error, 'tag')}`;
  }

  private onInput(activity: Activity, event: Event): void {
    if (!this.store) return;
    const text = (event.target as HTMLInputElement).value;
    this.store.setUnsentText('tag', activity.id, text);
    // A refusal on screen follows the text, so it goes away as soon as the agent fixes it.
    if (this.tagError?.activityId === activity.id && this.tagError.refused !== undefined) {
      const refusal = this.refusal(text, activity.tags);
      this.tagError = refusal ? { activityId: activity.id, refused: text, tags: activity.tags } : null;
    }
    this.requestUpdate();
  }

  private onKeydown(activity: Activity, event: KeyboardEvent): void {
    if (isComposing(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    const tab = event.key === 'Tab' && !event.shiftKey;
    if (event.key !== 'Enter' && !tab) return;
    if (tab) {
      const text = this.store?.unsentText('tag', activity.id) ?? '';
      if (!normaliseTag(text)) return;
      // Already refused and unchanged: this Tab means "leave", and the text stays for later.
      if (this.tagError?.activityId === activity.id && this.tagError.refused === text) return;
    }
    event.preventDefault();
    void this.addTag(activity);
  }

  private onSubmit(activity: Activity, event: Event): void {
    event.preventDefault();
    void this.addTag(activity);
  }

  private async addTag(activity: Activity): Promise<void> {
    const store = this.store;
    if (!store) return;
    const text = store.unsentText('tag', activity.id);
    const refusal = this.refusal(text, activity.tags);
    if (refusal === null) return;
    if (refusal) {
      this.tagError = { activityId: activity.id, refused: text, tags: activity.tags };
      return;
    }
    const tag = normaliseTag(text);
    this.tagError = null;
    // The store shows the tag at once, so the field is free for the next one.
    store.setUnsentText('tag', activity.id, '');
    this.requestUpdate();
    const result = await store.addTag(activity.id, text);
    // Offline: the tag stays shown and goes by itself when the link is back (N3).
    if (!result.ok && isQueued(result.error)) return this.announce(this.i18n.t('outbox.queued'));
    if (!result.ok) {
      if (!store.unsentText('tag', activity.id)) store.setUnsentText('tag', activity.id, text);
      this.tagError = { activityId: activity.id, action: 'add', tag, error: result.error };
      return;
    }
    this.announce(this.i18n.t('activity.tagAdded', { tag }));
    this.dispatchEvent(new CareTagAddedEvent(result.value, tag));
  }

  private async removeTag(activity: Activity, tag: string, index: number): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.removeError = null;
    const pending = store.removeTag(activity.id, tag);
    // The button that had focus is gone once the tag is; keep keyboard users in the list.
    await this.updateComplete;
    this.focusAfterRemoval(index);
    const result = await pending;
    if (!result.ok && isQueued(result.error)) return this.announce(this.i18n.t('outbox.queued'));
    if (!result.ok) {
      this.removeError = { activityId: activity.id, action: 'remove', tag, error: result.error };
      return;
    }
    this.announce(this.i18n.t('activity.tagRemoved', { tag }));
    this.dispatchEvent(new CareTagRemovedEvent(result.value, tag));
  }

  private focusAfterRemoval(index: number): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>("[part~='remove-button']")];
    const next = buttons[index] ?? buttons[index - 1] ?? this.renderRoot.querySelector<HTMLInputElement>('#tag-input');
    next?.focus();
  }

  protected override render() {
    if (!this.store) return this.renderNoStore();
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading">${this.i18n.t('activity.heading')}</h2>
      ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private renderBody() {
    const i = this.i18n;
    const id = this.shownId();
    if (!id) return html`<p part="empty" class="muted">${i.t('activity.none')}</p>`;
    const activity = this.activity.value;
    if (!activity || activity.status === 'loading') return html`<p class="muted" role="status">${i.t('common.loading')}</p>`;
    if (activity.status === 'error') return this.renderLoadError(i.t('activity.loadFailed'), activity.error, { kind: 'activity', id: id });
    return html`${this.renderDetails(activity.value)}${this.renderTags(activity.value)}`;
  }

  private renderLoadError(what: string, error: CareError, key: ResourceKey) {
    return html`<div part="error" class="error" role="alert">
      <span>${what} ${this.errorText(error)}</span>
      <button type="button" @click=${() => this.store?.retry(key)}>${this.i18n.t('common.retry')}</button>
    </div>`;
  }

  private renderDetails(activity: Activity) {
    const i = this.i18n;
    const { startedAt, endedAt } = activity;
    const sameDay = endedAt !== undefined && new Date(startedAt).toDateString() === new Date(endedAt).toDateString();
    const length = endedAt === undefined ? 0 : Math.max(0, endedAt - startedAt);
    return html`<dl part="details">
      <div>
        <dt>${i.t('activity.media')}</dt>
        <dd class="media">${mediaIcon(activity.media)}<span>${this.mediaLabel(activity.media)}</span></dd>
      </div>
      <div>
        <dt>${i.t('activity.started')}</dt>
        <dd><time datetime=${new Date(startedAt).toISOString()}>${i.dateTime(startedAt)}</time></dd>
      </div>
      ${endedAt === undefined
        ? nothing
        : html`<div>
              <dt>${i.t('activity.ended')}</dt>
              <dd><time datetime=${new Date(endedAt).toISOString()}>${sameDay ? i.time(endedAt) : i.dateTime(endedAt)}</time></dd>
            </div>
            <div>
              <dt>${i.t('activity.duration')}</dt>
              <dd><time datetime=${`PT${Math.floor(length / 1000)}S`}>${i.duration(length)}</time></dd>
            </div>`}
      ${activity.summary
        ? html`<div>
            <dt>${i.t('activity.summary')}</dt>
            <dd dir="auto">${activity.summary}</dd>
          </div>`
        : nothing}
    </dl>`;
  }

  private renderTags(activity: Activity) {
    const i = this.i18n;
    const access = this.access(activity);
    const editable = access === 'edit';
    const removeError = this.removeError?.activityId === activity.id ? this.tagErrorText(this.removeError) : '';
    return html`<section part="tags" aria-labelledby="tags-heading">
      <h3 id="tags-heading">${i.t('activity.tags')}</h3>
      ${activity.tags.length
        ? html`<ul part="list" aria-labelledby="tags-heading">
            ${repeat(
              activity.tags,
              (tag) => tag,
              (tag, index) => html`<li part="tag">
                <span dir="auto">${tag}</span>
                ${editable
                  ? html`<button
                      type="button"
                      part="remove-button"
                      aria-label=${i.t('activity.removeTag', { tag })}
                      @click=${() => this.removeTag(activity, tag, index)}
                    >
                      <span aria-hidden="true">×</span>
                    </button>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p part="empty" class="muted">${i.t('activity.noTags')}</p>`}
      ${removeError ? html`<p part="error" class="error" role="alert">${removeError}</p>` : nothing}
      ${editable ? this.renderTagField(activity) : this.renderReadOnly(activity, access)}
    </section>`;
  }

  private renderTagField(activity: Activity) {
    const i = this.i18n;
    const text = this.store?.unsentText('tag', activity.id) ?? '';
    const error = this.tagError?.activityId === activity.id ? this.tagError : null;
    return html`<form part="field" novalidate @submit=${(event: Event) => this.onSubmit(activity, event)}>
      <label for="tag-input">${i.t('activity.tagField')}</label>
      <div class="row">
        <input dir="auto"
          id="tag-input"
          type="text"
          autocomplete="off"
          enterkeyhint="done"
          .value=${live(text)}
          aria-invalid=${error?.refused !== undefined ? 'true' : 'false'}
          aria-describedby=${error ? 'tag-error tag-hint' : 'tag-hint'}
          @input=${(event: Event) => this.onInput(activity, event)}
          @keydown=${(event: KeyboardEvent) => this.onKeydown(activity, event)}
        />
        <button type="submit">${i.t('activity.addTag')}</button>
      </div>
      <span id="tag-hint" class="muted">${i.t('activity.tagHint')}</span>
      ${error ? html`<p id="tag-error" part="error" class="error" role="alert">${this.tagErrorText(error)}</p>` : nothing}
    </form>`;
  }

  private renderReadOnly(activity: Activity, access: Exclude<Access, 'edit'>) {
    const i = this.i18n;
    if (access === 'checking') {
      const request = this.request.value;
      return request?.status === 'error' && activity.requestId
        ? this.renderLoadError(i.t('activity.requestLoadFailed'), request.error, { kind: 'request', id: activity.requestId })
        : html`<p part="note" class="muted" role="status">${i.t('common.loading')}</p>`;
    }
    const reason = access === 'preview' ? 'activity.readOnlyPreview' : access === 'resolved' ? 'activity.readOnlyResolved' : 'activity.readOnlyClosed';
    return html`<p part="note" class="muted">${i.t(reason)}</p>`;
  }
}

/** The tag already on the activity that `text` duplicates (R9), or `text` as it would be stored. */
function twinOf(text: string, tags: readonly string[]): string {
  return tags.find((tag) => tagKey(tag) === tagKey(text)) ?? normaliseTag(text);
}
