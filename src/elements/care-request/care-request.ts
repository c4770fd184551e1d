import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CareRequestSavedEvent } from '../../events.js';
import { FIELD_MAX } from '../../model/limits.js';
import { autoCloseAt, isReadOnly } from '../../model/rules.js';
import type { CareRequest, RequestFields } from '../../model/types.js';
import { charCount, type ValidationIssue } from '../../model/validation.js';
import type { CareError } from '../../model/errors.js';
import type { DraftView } from '../../state/types.js';
import { CareElement } from '../care-element.js';
import { styles } from './care-request.styles.js';

/**
 * Request details (R18): title and description, each limited to 2,000
 * characters with a live counter (R7, R23). The request icon shows status,
 * created and completed dates (R8); an open request says when it will close
 * by itself (R18). Resolved and closed requests are read-only (R28), and so
 * is every request while its customer is only previewed (R25). Resolving
 * asks first; a resolved request can be reopened, a closed one is final (X9).
 * After Save, focus goes to the saved status, so it is not lost when the
 * disabled Save button had it.
 *
 * Edits are a draft in the store until Save. When another agent changes the
 * request meanwhile, a warning names them and offers Load; the agent's own
 * text is put aside, never dropped, and can be restored (R6).
 *
 * @summary Request title, description, status and dates.
 * @tag care-request
 *
 * @fires care-request-saved - After the request was saved. `event.request`.
 *
 * @csspart base - The wrapper.
 * @csspart header - Heading and the request icon.
 * @csspart icon - The request icon button that shows status and dates (R8).
 * @csspart status - The status badge.
 * @csspart info - Status, created and completed dates.
 * @csspart auto-close - When the request will close by itself (R18).
 * @csspart read-only - Why the request cannot be changed.
 * @csspart conflict - The warning that someone else changed the request (R6).
 * @csspart stash - The agent's put-aside text, with Restore.
 * @csspart field - A labelled field with its counter.
 * @csspart counter - A field's character counter.
 * @csspart actions - Save, Discard, Resolve (Reopen when resolved).
 * @csspart confirm - The question Resolve asks first (X9).
 * @csspart saved - "Request saved.", where focus goes after Save.
 * @csspart empty - Shown when there is no request to show.
 * @csspart error - Why loading or saving failed.
 *
 * @cssprop --care-request-gap - Space between the parts.
 * @cssprop --care-request-description-height - Minimum height of the description.
 */
export class CareRequestElement extends CareElement {
  static override styles = [...CareElement.styles, styles];

  /** The request to show. Unset: the request of the activity in focus. */
  @property({ attribute: 'request-id' })
  requestId: string | undefined;

  private readonly focusedActivityId = this.watch((store) => (this.requestId ? null : store.focusedActivityId$));
  private readonly activity = this.watch((store) => {
    const id = this.focusedActivityId.value;
    return !this.requestId && id ? store.activity$(id) : null;
  });
  private readonly request = this.watch((store) => {
    const id = this.targetId;
    return id ? store.request$(id) : null;
  });
  private readonly draft = this.watch((store) => (this.loaded ? store.requestDraft$(this.loaded.id) : null));
  private readonly journey = this.watch((store) => (this.loaded ? store.journey$(this.loaded.customerId) : null));
  private readonly editable = this.watch((store) => store.canEdit$(this.loaded?.customerId ?? null));

  @state() private infoOpen = false;
  @state() private error: CareError | null = null;
  /** Resolve asked, waiting for the agent's answer (X9). */
  @state() private confirming = false;
  /** The last Save went through and nothing was typed since. */
  @state() private saved = false;

  /** The id of the request to show, once known. */
  private get targetId(): string | null {
    if (this.requestId) return this.requestId;
    const activity = this.activity.value;
    return activity?.status === 'ready' ? activity.value.requestId : null;
  }

  private get loaded(): CareRequest | undefined {
    const request = this.request.value;
    return request?.status === 'ready' ? request.value : undefined;
  }

  private errorFor: string | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // An error belongs to the request it happened on.
    if (this.targetId !== this.errorFor) {
      this.errorFor = this.targetId;
      this.error = null;
      this.infoOpen = false;
      this.confirming = false;
      this.saved = false;
    }
  }

  /** Moves focus to the element `selector` once rendered (the agent's next step after a change). */
  private async focusNext(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private edit(field: keyof RequestFields, event: Event): void {
    const request = this.loaded;
    if (!request || !this.store) return;
    this.saved = false;
    this.store.editRequest(request.id, { [field]: (event.target as HTMLInputElement | HTMLTextAreaElement).value });
  }

  private async save(): Promise<void> {
    const request = this.loaded;
    if (!request || !this.store) return;
    const result = await this.store.saveRequest(request.id);
    if (result.ok) {
      this.error = null;
      this.saved = true;
      this.dispatchEvent(new CareRequestSavedEvent(result.value));
      await this.focusNext('[part=saved]');
    } else if (result.error.kind !== 'conflict') {
      this.error = result.error;
    }
  }

  /** X9: Resolve asks first; the answer's button has focus, Escape or Cancel goes back to Resolve. */
  private async askResolve(): Promise<void> {
    this.confirming = true;
    await this.focusNext('[part=confirm] .primary');
  }

  private async cancelResolve(): Promise<void> {
    this.confirming = false;
    await this.focusNext('[data-resolve]');
  }

  private async resolve(): Promise<void> {
    const request = this.loaded;
    if (!request || !this.store) return;
    const result = await this.store.resolveRequest(request.id);
    this.confirming = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    this.announce(this.i18n.t('request.resolvedNow'));
    this.dispatchEvent(new CareRequestSavedEvent(result.value));
    await this.focusNext('[data-reopen]');
  }

  private async reopen(): Promise<void> {
    const request = this.loaded;
    if (!request || !this.store) return;
    const result = await this.store.reopenRequest(request.id);
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    this.announce(this.i18n.t('request.reopened'));
    this.dispatchEvent(new CareRequestSavedEvent(result.value));
    await this.focusNext('#title');
  }

  protected override render() {
    if (!this.store) return this.renderNoStore();
    const i = this.i18n;
    const heading = html`<h2 id="heading">${i.t('request.heading')}</h2>`;
    const request = this.request.value;
    if (!this.targetId) {
      const activity = this.activity.value;
      const text = activity?.status === 'ready' && activity.value.requestId === null ? i.t('request.noRequest') : i.t('request.none');
      return html`<section part="base" aria-labelledby="heading">${heading}<p part="empty" class="muted">${text}</p></section>`;
    }
    if (!request || request.status === 'loading') {
      return html`<section part="base" aria-labelledby="heading" aria-busy="true">${heading}<p class="muted">${i.t('common.loading')}</p></section>`;
    }
    if (request.status === 'error') {
      return html`<section part="base" aria-labelledby="heading">${heading}
        <p part="error" class="error" role="alert">${this.errorText(request.error)}</p>
        <button type="button" @click=${() => this.targetId && this.store?.retry({ kind: 'request', id: this.targetId })}>${i.t('common.retry')}</button>
      </section>`;
    }
    const view = this.draft.value;
    return view ? this.renderRequest(view) : nothing;
  }

  private renderRequest(view: DraftView<'request'>) {
    const i = this.i18n;
    const request = view.saved;
    const closed = isReadOnly(request);
    const editable = !!this.editable.value && !closed;
    const status = this.statusLabel(request.status);
    return html`<section part="base" aria-labelledby="heading">
      <div part="header">
        <h2 id="heading">${i.t('request.heading')}</h2>
        <button
          type="button"
          part="icon"
          aria-expanded=${this.infoOpen}
          aria-controls="info"
          aria-label=${`${i.t('request.info')}: ${status}`}
          @click=${() => (this.infoOpen = !this.infoOpen)}
        >
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2">
            <path d="M6 3h9l4 4v14H6z M9 11h7 M9 15h7" />
          </svg>
          <span part="status" class=${request.status}>${status}</span>
        </button>
      </div>
      ${this.infoOpen ? this.renderInfo(request) : nothing}
      ${this.renderAutoClose(request)}
      ${closed
        ? html`<p part="read-only" class="muted">${i.t('request.readOnlyClosed', { status: status.toLocaleLowerCase(i.lang) })}</p>`
        : !editable
          ? html`<p part="read-only" class="muted">${i.t('request.readOnlyPreview')}</p>`
          : nothing}
      ${this.renderConflict(view)}
      ${this.renderField(view, 'title', editable)}
      ${this.renderField(view, 'description', editable)}
      ${this.error ? html`<p part="error" class="error" role="alert">${this.errorText(this.error)}</p>` : nothing}
      ${this.saved && !view.dirty ? html`<p part="saved" class="muted" tabindex="-1">${i.t('request.saved')}</p>` : nothing}
      ${editable ? (this.confirming ? this.renderConfirm(request) : this.renderActions(view)) : nothing}
      ${request.status === 'resolved' && this.editable.value
        ? html`<div part="actions" class="actions"><button type="button" data-reopen @click=${() => this.reopen()}>${i.t('request.reopen')}</button></div>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private renderActions(view: DraftView<'request'>) {
    const i = this.i18n;
    return html`<div part="actions" class="actions">
      <button type="button" class="primary" ?disabled=${!view.dirty || view.saving || view.issues.length > 0} @click=${() => this.save()}>
        ${view.saving ? i.t('request.saving') : i.t('request.save')}
      </button>
      <button type="button" ?disabled=${!view.dirty || view.saving} @click=${() => this.store?.discard('request', view.saved.id)}>
        ${i.t('request.discard')}
      </button>
      <button type="button" data-resolve ?disabled=${view.dirty || view.saving} @click=${() => this.askResolve()}>${i.t('request.resolve')}</button>
    </div>`;
  }

  /** X9: one question in place of the actions, not a modal: the request stays in view while the agent decides. */
  private renderConfirm(request: CareRequest) {
    const i = this.i18n;
    return html`<div part="confirm" class="warning" role="group" aria-labelledby="confirm-text"
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), void this.cancelResolve())}>
      <p id="confirm-text">${i.tb('request.confirmResolve', { title: request.title })}</p>
      <div class="actions">
        <button type="button" class="primary" @click=${() => this.resolve()}>${i.t('request.confirmResolveYes')}</button>
        <button type="button" @click=${() => this.cancelResolve()}>${i.t('common.cancel')}</button>
      </div>
    </div>`;
  }

  /** R8: status, created date and completed date (when there is one). */
  private renderInfo(request: CareRequest) {
    const i = this.i18n;
    return html`<dl part="info" id="info">
      <dt>${i.t('request.status')}</dt>
      <dd>${this.statusLabel(request.status)}</dd>
      <dt>${i.t('request.created')}</dt>
      <dd><time datetime=${new Date(request.createdAt).toISOString()}>${i.dateTime(request.createdAt)}</time></dd>
      ${request.completedAt !== undefined
        ? html`<dt>${i.t('request.completed')}</dt>
            <dd><time datetime=${new Date(request.completedAt).toISOString()}>${i.dateTime(request.completedAt)}</time></dd>`
        : nothing}
    </dl>`;
  }

  /** R18: when an open request will close by itself, from the latest change of it or its activities. */
  private renderAutoClose(request: CareRequest) {
    const journey = this.journey.value;
    const activities = journey?.status === 'ready' ? journey.value.activities : [];
    const at = autoCloseAt(request, activities);
    if (at === undefined || !this.store) return nothing;
    const i = this.i18n;
    return html`<p part="auto-close" class="muted">
      ${i.t('request.closesOn', { date: i.dateTime(at), relative: i.relative(at - this.store.now()) })}
    </p>`;
  }

  /** R6: someone else changed it; Load brings their version in, the agent's text is kept aside. */
  private renderConflict(view: DraftView<'request'>) {
    const i = this.i18n;
    const store = this.store!;
    const id = view.saved.id;
    if (view.conflict) {
      const who = view.conflict.changedBy?.name;
      return html`<div part="conflict" class="warning" role="alert">
        ${who ? i.tb('request.conflict', { name: who }) : i.t('request.conflictSomeone')}
        <div class="actions"><button type="button" @click=${() => store.loadTheirs('request', id)}>${i.t('request.load')}</button></div>
      </div>`;
    }
    if (view.stash) {
      return html`<div part="stash" class="warning">
        ${i.t('request.stashed')}
        <div class="actions">
          <button type="button" @click=${() => store.restoreMine('request', id)}>${i.t('request.restore')}</button>
          <button type="button" @click=${() => store.dismissStash('request', id)}>${i.t('request.forget')}</button>
        </div>
      </div>`;
    }
    return nothing;
  }

  private renderField(view: DraftView<'request'>, field: keyof RequestFields, editable: boolean) {
    const i = this.i18n;
    const value = view.values[field];
    const count = charCount(value);
    const issue = view.issues.find((x) => x.field === field);
    const label = i.t(field === 'title' ? 'request.title' : 'request.description');
    const control =
      field === 'title'
        ? html`<input dir="auto"
            id=${field}
            .value=${value}
            ?readonly=${!editable}
            aria-invalid=${issue ? 'true' : 'false'}
            aria-describedby=${`${field}-counter ${field}-issue`}
            @input=${(e: Event) => this.edit(field, e)}
          />`
        : html`<textarea dir="auto"
            id=${field}
            .value=${value}
            ?readonly=${!editable}
            aria-invalid=${issue ? 'true' : 'false'}
            aria-describedby=${`${field}-counter ${field}-issue`}
            @input=${(e: Event) => this.edit(field, e)}
          ></textarea>`;
    return html`<div part="field" class="field">
      <label for=${field}>${label}</label>
      ${control}
      <span part="counter" class="counter muted" id=${`${field}-counter`}>
        ${i.t('field.counter', { count: i.number(count), max: i.number(FIELD_MAX) })}
      </span>
      <span id=${`${field}-issue`} class=${issue ? 'error' : ''} role=${issue ? 'alert' : nothing}>${issue ? this.issueText(issue, label, count) : nothing}</span>
    </div>`;
  }

  private issueText(issue: ValidationIssue, label: string, count: number): string {
    if (issue.code === 'too-long') return this.i18n.t('issue.too-long', { field: label, count: this.i18n.number(count), max: this.i18n.number(issue.limit ?? FIELD_MAX) });
    return this.errorText(issue);
  }
}
