import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { CareActivityMovedEvent, CareActivitySelectEvent } from '../../events.js';
import { CareError } from '../../model/errors.js';
import { isReadOnly } from '../../model/rules.js';
import type { Activity, CareRequest, Journey, MoveTarget } from '../../model/types.js';
import { CareElement } from '../care-element.js';
import { DragController } from '../drag-controller.js';
import { mediaIcon } from '../icons.js';
import { PopoverController } from '../popover-controller.js';
import { RovingFocusController } from '../roving-focus.js';
import { isVirtual, renderList, type VirtualListOptions } from '../virtual-list.js';
import { styles } from './care-journey.styles.js';
import { FormsOpener } from './forms-opener.js';
import { renderInfo, type RowLabels } from './journey-info.js';
import { activityKey, isFocusable, requestKey, rowKey, rowsOf, type Row } from './journey-rows.js';

const DRAG_TYPE = 'application/x-care-activity';
/** X12: how long a move can be undone. */
const UNDO_MS = 10_000;

/** The drop zone for "move to a new request", as a drag target id (never a request's id). */
const NEW_REQUEST = '';

/**
 * Journeys up to 60 rows render as a plain list; longer ones are virtualised,
 * the virtualizer fetched only when a journey needs it. Until it arrives,
 * the first screenful of rows shows as a plain list.
 */
const LIST: Omit<VirtualListOptions, 'loaded'> = { from: 60, firstItems: 30 };

/**
 * The customer journey (R16): every request and activity of the customer in
 * time order, newest first, virtualised so thousands of activities stay
 * smooth. Hovering or focusing a row shows its information (R2); choosing an
 * activity shows its details elsewhere in the desktop.
 *
 * Activities move (R29) by dragging their Move handle onto another open
 * request (or the "new request" zone), or by keyboard through the Move
 * dialog, which also moves an activity to another customer. Never into a
 * closed request; an activity of a closed request does not move. Add request
 * starts a new request for a new problem (R21). All of it only while a task
 * for the customer is in progress (R25).
 *
 * Keyboard: the list is one Tab stop, its active row (at first the row of
 * the focused or current activity, else the first row).
 * - Up / Down arrow: the previous / next request or activity;
 * - Home / End: the first / last row, scrolled in even in a journey of
 *   thousands of rows;
 * - Tab: from an activity to its Move handle, then out of the list;
 * - Enter / Space: on an activity, choose it; on a request, show its
 *   information; on a Move handle, open the Move dialog;
 * - Escape: hide the information shown for the focused row (R2).
 * Clicking or focusing a row makes it the active row. If the active row
 * leaves the journey (its activity moved to another customer), the row now
 * nearest takes the Tab stop, and focus if focus was in the list. While the
 * active row is scrolled out of a long journey, Tab stops on the list
 * itself, which hands focus on to the row, scrolled back in.
 *
 * @summary The customer journey, with moves and new requests.
 * @tag care-journey
 *
 * @fires care-activity-select - The agent chose an activity to see its details. `event.activityId`.
 * @fires care-activity-moved - After an activity moved to another request or customer. `event.activity`.
 * @fires care-request-created - After a new request was added. `event.request`.
 *
 * @csspart base - The wrapper.
 * @csspart header - Heading, counts and Add request.
 * @csspart list - The scrolling, virtualised list.
 * @csspart request - A request row.
 * @csspart activity - An activity row.
 * @csspart status - A request's status in its row.
 * @csspart handle - An activity's Move handle (drag it, or press it for the Move dialog).
 * @csspart drop-new - The drop zone for "move to a new request", while dragging: it covers the header, so no row moves under the pointer (X12).
 * @csspart undo - "Moved" with Undo, for 10 seconds after a move within the journey (X12).
 * @csspart info - The hover / focus information (R2).
 * @csspart add-form - The new-request form.
 * @csspart dialog - The Move dialog.
 * @csspart empty - Shown when there is nothing to list.
 * @csspart error - Why the last action failed.
 *
 * @cssprop --care-journey-gap - Space between the parts.
 * @cssprop --care-journey-height - Height of the scrolling list (default 26rem).
 */
export class CareJourney extends CareElement {
  static override styles = [...CareElement.styles, styles];

  /** The customer whose journey to show. Unset: the customer of the task in view. */
  @property({ attribute: 'customer-id' })
  customerId: string | undefined;

  private readonly focusedCustomer = this.watch((store) => (this.customerId ? null : store.focusedCustomerId$));
  private readonly journey = this.watch((store) => (this.targetId ? store.journey$(this.targetId) : null));
  private readonly editable = this.watch((store) => store.canEdit$(this.targetId));
  private readonly focusedActivity = this.watch((store) => store.focusedActivityId$);
  private readonly shownTask = this.watch((store) => store.shownTask$);

  /** Why the last drop failed, or why the Move dialog or the add form could not load. */
  @state() private error: CareError | null = null;
  @query('[part=list]') private list!: HTMLElement | null;

  private rows: Row[] = [];
  private rowsFor: Journey | undefined;
  private shownFor: string | null = null;

  /** The list's one Tab stop, by key: it survives re-sorting and virtualisation. */
  private readonly roving = new RovingFocusController<Row>(this, {
    list: () => this.list,
    items: () => this.rows,
    key: rowKey,
    focusable: isFocusable,
    // The focused activity's row, else the current task's, else the first row.
    initial: () => [this.focusedActivity.value, this.shownTask.value?.activityId].map((id) => (id ? activityKey(id) : null)),
    virtual: () => isVirtual(this.rows.length, LIST),
  });
  /** R2: what the pointer or focus is on, next to it. */
  private readonly info = new PopoverController<Row>(this, { popover: () => this.renderRoot.querySelector<HTMLElement>('[part=info]') });
  private readonly forms = new FormsOpener(this, {
    moved: (before, after) => this.moved(before, after),
    closed: (activity) => this.returnFocus(activity),
    created: () => this.announce(this.i18n.t('journey.added')),
    failed: () => (this.error = CareError.network()),
  });
  private readonly drag = new DragController<Activity>(this, {
    type: DRAG_TYPE,
    describe: (activity) => ({ id: activity.id, text: activity.summary }),
    started: () => this.info.hide(),
  });

  private readonly labels: RowLabels = {
    i18n: this.i18n,
    request: (request) => request.title || this.i18n.t('request.untitled'),
    status: (status) => this.statusLabel(status),
    media: (media) => this.mediaLabel(media),
  };

  private get targetId(): string | null {
    return this.customerId ?? this.focusedCustomer.value ?? null;
  }

  /** X12: the last move, while it can still be undone. */
  @state() private undo: { activity: Activity; requestId: string } | null = null;
  private undoTimer: ReturnType<typeof setTimeout> | undefined;

  /** The customer whose half-added request was last looked for, so the form opens by itself once. */
  private reopenedFor: string | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The form, errors and dialogs belong to the customer they were opened for.
    if (this.targetId !== this.shownFor) {
      this.shownFor = this.targetId;
      this.forms.reset();
      this.error = null;
      this.info.hide();
      // Another customer's journey starts again at its focused or current activity.
      this.roving.reset();
    }
    // A request half added before a reload (or in another tab of the agent's) opens again with its text, once (N1).
    const target = this.targetId;
    const store = this.store;
    if (target && store && this.reopenedFor !== target && this.editable.value && !this.forms.adding &&
      (store.unsentText('requestTitle', target) || store.unsentText('requestDescription', target))) {
      this.reopenedFor = target;
      this.forms.toggleAdd();
    }
    const journey = this.journey.value;
    const value = journey?.status === 'ready' ? journey.value : undefined;
    if (value !== this.rowsFor) {
      this.rowsFor = value;
      this.rows = value ? rowsOf(value) : [];
    }
  }

  /** Today's activities by their time; older ones by their date. */
  private when(time: number): string {
    const [start, end] = this.today();
    return time >= start && time < end ? this.i18n.time(time) : this.i18n.date(time);
  }

  /** Local midnight today and tomorrow, worked out once a day rather than once a row. */
  private today(): readonly [number, number] {
    const now = this.store ? this.store.now() : Date.now();
    if (now >= this.todayRange[0] && now < this.todayRange[1]) return this.todayRange;
    const start = new Date(now);
    start.setHours(0, 0, 0, 0);
    const end = new Date(start);
    end.setDate(end.getDate() + 1);
    this.todayRange = [start.getTime(), end.getTime()];
    return this.todayRange;
  }

  private todayRange: readonly [number, number] = [0, 0];

  /** R29 as the journey sees it: the activity may leave its request, and only while editable. */
  private canMove(activity: Activity, request: CareRequest | undefined): boolean {
    return !!this.editable.value && activity.customerId !== null && !(request && isReadOnly(request));
  }

  /** R29: an activity moves into an open request other than its own. */
  private canMoveTo(activity: Activity, request: CareRequest): boolean {
    return !isReadOnly(request) && request.id !== activity.requestId;
  }

  private select(activity: Activity): void {
    this.store?.selectActivity(activity.id);
    this.dispatchEvent(new CareActivitySelectEvent(activity.id));
  }

  /** A drop on a request or on the new-request zone (the dialog moves by itself). */
  private async drop(activity: Activity, target: MoveTarget): Promise<void> {
    if (!this.store) return;
    // A new request needs a title (R21): with no summary to name it by, the Move dialog asks for one.
    if ('newRequest' in target && !target.newRequest.title.trim()) return this.forms.openMove(activity);
    const result = await this.store.moveActivity(activity.id, target);
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.moved(activity, result.value.activity);
    this.dispatchEvent(new CareActivityMovedEvent(result.value.activity));
  }

  /** X12: a move within the journey can be undone for {@link UNDO_MS}: back to the open request it came from. */
  private moved(before: Activity, after: Activity): void {
    this.error = null;
    this.announce(this.i18n.t('journey.moved'));
    clearTimeout(this.undoTimer);
    const from = before.requestId;
    const back = from !== null && after.customerId === before.customerId && after.requestId !== from;
    this.undo = back ? { activity: after, requestId: from } : null;
    if (back) this.undoTimer = setTimeout(() => (this.undo = null), UNDO_MS);
  }

  private async undoMove(): Promise<void> {
    const undo = this.undo;
    if (!undo || !this.store) return;
    this.undo = null;
    clearTimeout(this.undoTimer);
    const result = await this.store.moveActivity(undo.activity.id, { requestId: undo.requestId });
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.announce(this.i18n.t('journey.undone'));
    this.dispatchEvent(new CareActivityMovedEvent(result.value.activity));
    this.returnFocus(result.value.activity);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.undoTimer);
  }

  /**
   * Back to the Move handle the dialog was opened from, scrolled in wherever
   * the activity is now; if it left the journey (another customer), to the
   * row that took its place.
   */
  private returnFocus(activity: Activity): void {
    void this.updateComplete.then(() => {
      const key = activityKey(activity.id);
      void (this.roving.has(key) ? this.roving.focus(key, 'last') : this.roving.focus(null));
    });
  }

  /** Escape hides the information shown for the focused row (R2); the arrows are the focus controller's. */
  private onListKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.info.hide();
  }

  protected override render() {
    if (!this.store) return this.renderNoStore();
    const i = this.i18n;
    const heading = html`<h2 id="heading">${i.t('journey.heading')}</h2>`;
    const customerId = this.targetId;
    if (!customerId) {
      const text = this.shownTask.value ? i.t('journey.newCustomer') : i.t('journey.none');
      return html`<section part="base" aria-labelledby="heading">${heading}<p part="empty" class="muted">${text}</p></section>`;
    }
    const journey = this.journey.value;
    if (!journey || journey.status === 'loading') {
      return html`<section part="base" aria-labelledby="heading" aria-busy="true">${heading}<p class="muted">${i.t('common.loading')}</p></section>`;
    }
    if (journey.status === 'error') {
      return html`<section part="base" aria-labelledby="heading">${heading}
        <p part="error" class="error" role="alert">${this.errorText(journey.error)}</p>
        <button type="button" @click=${() => this.store?.retry({ kind: 'journey', id: customerId })}>${i.t('common.retry')}</button>
      </section>`;
    }
    const editable = !!this.editable.value;
    return html`<section part="base" aria-labelledby="heading">
      <div part="header">
        ${heading}
        <span class="muted">${i.t('journey.count', { requests: i.number(journey.value.requests.length), activities: i.number(journey.value.activities.length) })}</span>
        ${editable ? html`<button type="button" aria-expanded=${this.forms.addShown} @click=${() => this.forms.toggleAdd()}>${i.t('journey.add')}</button>` : nothing}
        ${this.drag.dragging
          ? html`<div part="drop-new" ${this.drag.target(NEW_REQUEST, () => true, (a) => void this.drop(a, { newRequest: { title: a.summary, description: '' } }))}>${i.t('journey.dropNew')}</div>`
          : nothing}
      </div>
      ${this.undo
        ? html`<p part="undo" class="muted">${i.t('journey.moved')}
            <button type="button" @click=${() => this.undoMove()}>${i.t('journey.undo')}</button></p>`
        : nothing}
      ${!editable ? html`<p class="muted">${i.t('journey.readOnly')}</p>` : nothing}
      ${this.forms.renderAdd(customerId)}
      ${this.error ? html`<p part="error" class="error" role="alert">${this.errorText(this.error)}</p>` : nothing}
      ${this.rows.length
        ? keyed(isVirtual(this.rows.length, LIST), html`<div part="list" role="list" tabindex="-1" aria-labelledby="heading" @pointerleave=${() => this.info.hide()} @keydown=${this.onListKeydown}>
            ${renderList(this.rows, rowKey, (row) => this.renderRow(row), { ...LIST, loaded: () => this.requestUpdate() })}
          </div>`)
        : html`<p part="empty" class="muted">${i.t('journey.empty')}</p>`}
      ${renderInfo(this.info.subject, this.labels)}
      ${this.forms.renderMove((activity) => journey.value.requests.filter((request) => this.canMoveTo(activity, request)))}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private renderRow(row: Row) {
    const i = this.i18n;
    if (row.kind === 'loose') return html`<div role="listitem" class="row request"><span class="label">${i.t('journey.loose')}</span></div>`;
    // One Tab stop for the whole list: the active row's controls, none of the others'.
    const tabindex = this.roving.tabindex(rowKey(row));
    if (row.kind === 'request') {
      const { request } = row;
      const status = this.statusLabel(request.status);
      const described = this.info.subject?.kind === 'request' && this.info.subject.request.id === request.id;
      return html`<div
        role="listitem"
        part="request"
        data-key=${requestKey(request.id)}
        class="row request ${this.drag.over === request.id ? 'drop' : ''}"
        ${this.drag.target(request.id, (activity) => this.canMoveTo(activity, request), (activity) => void this.drop(activity, { requestId: request.id }))}
      >
        <button
          type="button"
          class="main"
          tabindex=${tabindex}
          aria-label=${i.t('journey.request', { title: this.labels.request(request), status, created: i.dateTime(request.createdAt) })}
          aria-describedby=${described ? 'info' : nothing}
          ${this.info.anchor(row)}
          @click=${(e: Event) => this.info.show(row, e.currentTarget as HTMLElement)}
        >
          <span class="label" dir="auto">${this.labels.request(request)}</span>
        </button>
        <span part="status" aria-hidden="true">${status}</span>
      </div>`;
    }
    const { activity } = row;
    const media = this.mediaLabel(activity.media);
    return html`<div role="listitem" part="activity" class="row activity" data-key=${activityKey(activity.id)}>
      <button type="button" class="main" tabindex=${tabindex} aria-pressed=${this.focusedActivity.value === activity.id} ${this.info.anchor(row)} @click=${() => this.select(activity)}>
        ${mediaIcon(activity.media)}
        <span class="visually-hidden">${media}, ${i.dateTime(activity.startedAt)}:</span>
        <span class="label" dir="auto">${activity.summary}</span>
        ${this.shownTask.value?.activityId === activity.id ? html`<span class="visually-hidden">(${i.t('journey.current')})</span>` : nothing}
        <span class="muted" aria-hidden="true">${this.when(activity.startedAt)}</span>
      </button>
      ${this.canMove(activity, row.request)
        ? html`<button
            type="button"
            part="handle"
            tabindex=${tabindex}
            data-move=${activity.id}
            aria-label=${i.t('journey.moveLabel', { media, time: i.dateTime(activity.startedAt) })}
            ${this.drag.handle(activity)}
            @click=${() => this.forms.openMove(activity)}
          >
            ⠿
          </button>`
        : nothing}
    </div>`;
  }
}
