import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { property, query, state } from 'lit/decorators.js';
import type { VirtualizerHostElement, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { CareActivityMovedEvent, CareActivitySelectEvent, CareRequestCreatedEvent } from '../../events.js';
import { CareError } from '../../model/errors.js';
import { isReadOnly } from '../../model/rules.js';
import type { Activity, CareRequest, Customer, Journey, MoveTarget, RequestFields } from '../../model/types.js';
import { validateNewRequest, type ValidationIssue } from '../../model/validation.js';
import { CareElement } from '../care-element.js';
import { keepTabInDialog } from '../dialog-focus.js';
import { mediaIcon } from '../icons.js';
import { styles } from './care-journey.styles.js';

const DRAG_TYPE = 'application/x-care-activity';

/**
 * Journeys up to this many rows render as a plain list; longer ones are
 * virtualised. The virtualizer is fetched only when a journey needs it, so
 * pages with short journeys never load it; until it arrives, the first
 * screenful of rows shows as a plain list.
 */
const VIRTUALIZE_FROM = 60;
/** Rows shown while the virtualizer loads: about a screenful. */
const FIRST_ROWS = 30;

type VirtualizeModule = typeof import('@lit-labs/virtualizer/virtualize.js');
let virtualizer:
  | {
      virtualize: VirtualizeModule['virtualize'];
      /** Where the directive leaves its Virtualizer on the list element. */
      ref: VirtualizeModule['virtualizerRef'];
      layout: ReturnType<typeof import('@lit-labs/virtualizer/layouts/flow.js').flow>;
    }
  | undefined;
let loadingVirtualizer: Promise<void> | undefined;

function loadVirtualizer(): Promise<void> {
  // The layout is passed in: by default the virtualizer would import it lazily, one more round trip.
  loadingVirtualizer ??= Promise.all([import('@lit-labs/virtualizer/virtualize.js'), import('@lit-labs/virtualizer/layouts/flow.js')]).then(
    ([{ virtualize, virtualizerRef }, { flow }]) => {
      virtualizer = { virtualize, ref: virtualizerRef, layout: flow() };
    },
  );
  return loadingVirtualizer;
}

type Virtualizer = NonNullable<VirtualizerHostElement[typeof virtualizerRef]>;

/**
 * The Move dialog and the Add request form, fetched the first time the agent
 * opens either: few sessions use them. Until the module arrives neither
 * shows; the dialog opens (and takes focus) once it is rendered.
 */
let forms: typeof import('./journey-forms.js') | undefined;
let loadingForms: Promise<void> | undefined;

function loadForms(): Promise<void> {
  loadingForms ??= import('./journey-forms.js').then(
    (module) => {
      forms = module;
    },
    (error: unknown) => {
      // A failed fetch may be retried the next time the agent opens one.
      loadingForms = undefined;
      throw error;
    },
  );
  return loadingForms;
}

/** The Virtualizer the `virtualize` directive runs on `list`, once it does. */
function virtualizerOf(list: HTMLElement): Virtualizer | undefined {
  return virtualizer ? (list as VirtualizerHostElement)[virtualizer.ref] : undefined;
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Which control of a row has (or gets) focus: the row itself, or an activity's Move handle. */
type RowPart = 'main' | 'handle';

/** Why the add form or the Move dialog refused: a backend error, or what validation found. Translated when shown. */
type FormError = CareError | readonly ValidationIssue[];

/** One line of the journey: a request, an activity, or the heading of activities without a request. */
type Row =
  | { kind: 'request'; request: CareRequest }
  | { kind: 'activity'; activity: Activity; request: CareRequest | undefined }
  | { kind: 'loose' };

/** Newest request first, each followed by its activities, newest first; unfiled activities on top. */
function rowsOf(journey: Journey): Row[] {
  const byRequest = new Map<string, Activity[]>();
  const loose: Activity[] = [];
  for (const activity of journey.activities) {
    if (activity.requestId === null) loose.push(activity);
    else {
      const list = byRequest.get(activity.requestId);
      if (list) list.push(activity);
      else byRequest.set(activity.requestId, [activity]);
    }
  }
  const newest = (a: { startedAt: number }, b: { startedAt: number }) => b.startedAt - a.startedAt;
  const rows: Row[] = [];
  if (loose.length) {
    rows.push({ kind: 'loose' });
    for (const activity of loose.sort(newest)) rows.push({ kind: 'activity', activity, request: undefined });
  }
  for (const request of [...journey.requests].sort((a, b) => b.createdAt - a.createdAt)) {
    rows.push({ kind: 'request', request });
    for (const activity of (byRequest.get(request.id) ?? []).sort(newest)) rows.push({ kind: 'activity', activity, request });
  }
  return rows;
}

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
 * @csspart drop-new - The drop zone for "move to a new request", while dragging.
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
  private readonly inProgress = this.watch((store) => store.inProgress$);

  @state() private hovered: Row | null = null;
  @state() private adding = false;
  @state() private moving: Activity | null = null;
  @state() private dragging: Activity | null = null;
  @state() private dropTarget: string | null = null;
  /** Why the last move failed outside the Move dialog (a drop), or why the dialog or the add form could not load. */
  @state() private error: CareError | null = null;
  /** Why the add form or the Move dialog refused. */
  @state() private formError: FormError | null = null;
  @state() private searchResults: Customer[] | null = null;
  /**
   * The row that is the list's one Tab stop, by key, so that it survives
   * re-sorting and virtualisation (it need not be rendered). Null until the
   * journey first renders.
   */
  @state() private activeKey: string | null = null;
  @query('[part=info]') private info!: HTMLElement | null;
  @query('dialog') private dialog!: HTMLDialogElement | null;
  @query('[part=list]') private list!: HTMLElement | null;

  private rows: Row[] = [];
  private rowsFor: Journey | undefined;
  /** Where `activeKey` is in `rows` (or was, before it left them). */
  private activeIndex = 0;
  /** Row keys to indexes, built when first needed for the current `rows`. */
  private keyIndex: Map<string, number> | undefined;
  /** The rows changed while focus was in the list: once they are rendered, focus they took goes back. */
  private refocus = false;
  /** While update() renders: the DOM is being changed. */
  private rendering = false;
  /** Which control of the active row had focus. */
  private focusedPart: RowPart = 'main';
  /** The latest request to focus a row; older ones that are still waiting for layout give up. */
  private focusTicket = 0;

  private get targetId(): string | null {
    return this.customerId ?? this.focusedCustomer.value ?? null;
  }

  private shownFor: string | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The form, errors and dialogs belong to the customer they were opened for.
    if (this.targetId !== this.shownFor) {
      this.shownFor = this.targetId;
      this.adding = false;
      this.error = null;
      this.formError = null;
      this.moving = null;
      this.hovered = null;
      // Another customer's journey starts again at its focused or current activity.
      this.activeKey = null;
      this.activeIndex = 0;
    }
    const journey = this.journey.value;
    const value = journey?.status === 'ready' ? journey.value : undefined;
    if (value !== this.rowsFor) {
      this.rowsFor = value;
      this.rows = value ? rowsOf(value) : [];
      this.keyIndex = undefined;
      this.refocus ||= !!this.list?.contains(this.shadowRoot!.activeElement);
    }
    if (this.rows.length) this.settleActive();
  }

  protected override update(changed: PropertyValues): void {
    this.rendering = true;
    try {
      super.update(changed);
    } finally {
      this.rendering = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.moving && this.dialog && !this.dialog.open) this.dialog.showModal();
    this.syncListStop();
    // A virtualised list renders changed rows itself, a frame later: see onRangeChanged.
    if (this.refocus && !this.virtualizer()) this.restoreFocus();
  }

  /** The Virtualizer of the list, while the journey is long enough to have one. */
  private virtualizer(): Virtualizer | undefined {
    const list = this.list;
    return list && this.rows.length > VIRTUALIZE_FROM ? virtualizerOf(list) : undefined;
  }

  /**
   * Keeps `activeKey` on a row of the journey: the initial one on first
   * render, the same row wherever it moved, or the nearest row when it left.
   */
  private settleActive(): void {
    const rows = this.rows;
    if (this.activeKey === null) {
      const index = this.initialIndex();
      this.activeIndex = Math.max(0, index);
      this.activeKey = index >= 0 ? rowKey(rows[index]!) : null;
      return;
    }
    const at = rows[this.activeIndex];
    if (at && rowKey(at) === this.activeKey) return;
    const found = this.indexOfKey(this.activeKey);
    // Gone: the row now at its place takes over, on its main control.
    if (found < 0) this.focusedPart = 'main';
    const index = found >= 0 ? found : this.focusableFrom(Math.min(this.activeIndex, rows.length - 1), 1);
    this.activeIndex = Math.max(0, index);
    this.activeKey = index >= 0 ? rowKey(rows[index]!) : null;
  }

  /** The row of the focused activity, else of the current task's, else the first row. */
  private initialIndex(): number {
    for (const id of [this.focusedActivity.value, this.shownTask.value?.activityId]) {
      if (!id) continue;
      const index = this.rows.findIndex((row) => row.kind === 'activity' && row.activity.id === id);
      if (index >= 0) return index;
    }
    return this.focusableFrom(0, 1);
  }

  private indexOfKey(key: string): number {
    if (!this.keyIndex) {
      this.keyIndex = new Map();
      this.rows.forEach((row, index) => this.keyIndex!.set(rowKey(row), index));
    }
    return this.keyIndex.get(key) ?? -1;
  }

  /**
   * The first row that can take focus from `index` on in direction `step`
   * (the "not in a request" label cannot), else the nearest one the other
   * way; -1 in a journey without rows.
   */
  private focusableFrom(index: number, step: 1 | -1): number {
    const rows = this.rows;
    for (let i = index; i >= 0 && i < rows.length; i += step) if (rows[i]!.kind !== 'loose') return i;
    for (let i = index - step; i >= 0 && i < rows.length; i -= step) if (rows[i]!.kind !== 'loose') return i;
    return -1;
  }

  private setActive(key: string): void {
    const index = this.indexOfKey(key);
    if (index < 0) return;
    this.activeKey = key;
    this.activeIndex = index;
  }

  /** The active row's element, if it is rendered. */
  private activeRow(): HTMLElement | null {
    const key = this.activeKey;
    return key ? (this.list?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) ?? null) : null;
  }

  /**
   * The list is a Tab stop of its own only while its active row is not
   * rendered (scrolled out of a virtualised list); focus on it goes on to
   * that row. Otherwise the row is the stop and the list is not (-1, also
   * where browsers would make a scrolling box a stop of its own, as Firefox
   * does), so Shift+Tab from the row leaves the list.
   */
  private syncListStop(): void {
    const list = this.list;
    if (!list) return;
    const tabindex = this.activeRow() ? '-1' : '0';
    if (list.getAttribute('tabindex') !== tabindex) list.setAttribute('tabindex', tabindex);
  }

  /**
   * Focus was in the list and the new rows took its element away (the row
   * moved, or left and the nearest row took its place): it goes to the
   * active row. Focus that went elsewhere meanwhile stays there.
   */
  private restoreFocus(): void {
    this.refocus = false;
    if (!this.shadowRoot?.activeElement && this.mayTakeFocus()) void this.focusRow(null, this.focusedPart);
  }

  /** Focus is in the list, or nowhere (its element was removed): a row may take it without taking it from the agent. */
  private mayTakeFocus(): boolean {
    const inside = this.shadowRoot?.activeElement;
    if (inside) return !!this.list?.contains(inside);
    const outside = document.activeElement;
    return !outside || outside === document.body;
  }

  private partOf(row: HTMLElement, part: RowPart): HTMLElement | null {
    return (part === 'handle' ? row.querySelector<HTMLElement>('[part~=handle]') : null) ?? row.querySelector<HTMLElement>('.main');
  }

  /** Scrolls the rendered `row` (at `index`) into view, as little as needed. */
  private reveal(row: HTMLElement, index: number): void {
    const found = this.virtualizer()?.element(index);
    if (found) found.scrollIntoView({ block: 'nearest' });
    else row.scrollIntoView({ block: 'nearest' });
  }

  /**
   * Makes the row with `key` active and focuses it (or its Move handle),
   * scrolling it in first: in a virtualised journey it may not be rendered
   * yet, so this waits for the virtualizer to lay it out.
   */
  private async focusRow(key: string | null, part: RowPart = 'main'): Promise<void> {
    const ticket = ++this.focusTicket;
    if (key) this.setActive(key);
    this.focusedPart = part;
    for (let attempt = 0; attempt < 20; attempt++) {
      await this.updateComplete;
      const list = this.list;
      if (ticket !== this.focusTicket || !list || !this.activeKey) return;
      const index = this.activeIndex;
      const row = this.activeRow();
      const found = this.virtualizer();
      if (row) {
        // The agent may have gone elsewhere while the row was being laid out: leave their focus there.
        if (!this.mayTakeFocus()) return;
        this.reveal(row, index);
        this.partOf(row, part)?.focus({ preventScroll: true });
        return;
      }
      if (found) {
        found.element(index)?.scrollIntoView({ block: 'nearest' });
        // Settles two frames after the rows of the new range are measured; frames cap the wait.
        await Promise.race([found.layoutComplete.catch(() => undefined), frame().then(frame).then(frame).then(frame)]);
      } else if (this.rows.length > VIRTUALIZE_FROM) {
        await loadVirtualizer();
        await frame();
      } else {
        return;
      }
    }
  }

  /** Up, Down, Home and End move the active row; Escape hides the information. */
  private onListKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.hideInfo();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || !this.rows.length) return;
    const from = this.activeIndex;
    let to: number;
    switch (event.key) {
      case 'ArrowDown':
        to = this.focusableFrom(Math.min(from + 1, this.rows.length - 1), 1);
        break;
      case 'ArrowUp':
        to = this.focusableFrom(Math.max(from - 1, 0), -1);
        break;
      case 'Home':
        to = this.focusableFrom(0, 1);
        break;
      case 'End':
        to = this.focusableFrom(this.rows.length - 1, -1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (to >= 0) void this.focusRow(rowKey(this.rows[to]!));
  }

  private onListFocusin(event: FocusEvent): void {
    const list = event.currentTarget as HTMLElement;
    const target = event.target as HTMLElement;
    if (target === list) {
      // Tab reached the list because its active row is scrolled out: on to the row. Not for a click
      // on the list (that would undo the agent's scrolling), nor for Shift+Tab from a row (a trap).
      const from = event.relatedTarget as Node | null;
      if (list.matches(':focus-visible') && !list.contains(from)) void this.focusRow(null, this.follows(from) ? 'handle' : 'main');
      return;
    }
    const row = target.closest<HTMLElement>('[data-key]');
    if (!row) return;
    this.focusedPart = target.matches('[part~=handle]') ? 'handle' : 'main';
    const key = row.dataset['key']!;
    if (key !== this.activeKey) this.setActive(key);
    // A stray focusRow still waiting for layout must not pull focus back.
    this.focusTicket++;
    if (list.getAttribute('tabindex') !== '-1') list.setAttribute('tabindex', '-1');
  }

  /** True when `node` comes after the list in focus order (Shift+Tab from it lands on the list's last stop, a handle). */
  private follows(node: Node | null): boolean {
    if (!node || !this.list) return false;
    const from = node.getRootNode() === this.shadowRoot ? this.list : this;
    return !!(from.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
  }

  /** A click makes its row active, also where buttons take no focus on click (Safari, macOS Firefox). */
  private onListClick(event: Event): void {
    const key = (event.target as Element).closest<HTMLElement>('[data-key]')?.dataset['key'];
    if (key && key !== this.activeKey) this.setActive(key);
  }

  /**
   * The virtualizer renders another range (scrolled, or the rows changed),
   * in a listener of its own: then the active row may have come or gone.
   */
  private onRangeChanged(): void {
    queueMicrotask(() => {
      this.syncListStop();
      if (this.refocus) this.restoreFocus();
    });
  }

  /** Today's activities by their time; older ones by their date. */
  private when(time: number): string {
    const now = this.store ? this.store.now() : Date.now();
    return new Date(time).toDateString() === new Date(now).toDateString() ? this.i18n.time(time) : this.i18n.date(time);
  }

  private media(activity: Activity): string {
    return this.mediaLabel(activity.media);
  }

  private requestLabel(request: CareRequest): string {
    return request.title || this.i18n.t('request.untitled');
  }

  /** R29 as the journey sees it: the activity may leave its request, and only while editable. */
  private canMove(activity: Activity, request: CareRequest | undefined): boolean {
    return !!this.editable.value && activity.customerId !== null && !(request && isReadOnly(request));
  }

  private canDropOn(request: CareRequest): boolean {
    return !!this.dragging && this.canMoveTo(this.dragging, request);
  }

  /** R29: an activity moves into an open request other than its own. */
  private canMoveTo(activity: Activity, request: CareRequest): boolean {
    return !isReadOnly(request) && request.id !== activity.requestId;
  }

  private select(activity: Activity): void {
    this.store?.selectActivity(activity.id);
    this.dispatchEvent(new CareActivitySelectEvent(activity.id));
  }

  private async move(activity: Activity, target: MoveTarget): Promise<void> {
    if (!this.store) return;
    const result = await this.store.moveActivity(activity.id, target);
    this.finishMove(result.ok ? result.value.activity : null, result.ok ? null : result.error);
  }

  private async moveToCustomer(activity: Activity, customerId: string): Promise<void> {
    if (!this.store) return;
    const result = await this.store.moveActivityToCustomer(activity.id, customerId);
    this.finishMove(result.ok ? result.value : null, result.ok ? null : result.error);
  }

  private finishMove(moved: Activity | null, error: CareError | null): void {
    if (!moved) {
      if (this.moving) this.formError = error;
      else this.error = error;
      return;
    }
    this.error = null;
    this.closeDialog();
    this.announce(this.i18n.t('journey.moved'));
    this.dispatchEvent(new CareActivityMovedEvent(moved));
  }

  private openMove(activity: Activity): void {
    this.formError = null;
    this.searchResults = null;
    this.moving = activity;
    this.needForms();
  }

  /** Fetches the Move dialog and the add form, if they are not here yet, and renders them when they are. */
  private needForms(): void {
    if (forms) return;
    void loadForms().then(
      () => this.requestUpdate(),
      () => {
        // Their code could not be fetched (offline, or the page outlived a deployment): say so, open nothing.
        this.adding = false;
        this.moving = null;
        this.error = CareError.network();
      },
    );
  }

  private closeDialog(): void {
    const activity = this.moving;
    this.dialog?.close();
    this.moving = null;
    // Back to the handle the dialog was opened from, scrolled in wherever the activity is now; if it left
    // the journey (another customer), to the row that took its place.
    void this.updateComplete.then(() => {
      const key = activity ? rowKey({ kind: 'activity', activity, request: undefined }) : '';
      void (this.indexOfKey(key) >= 0 ? this.focusRow(key, 'handle') : this.focusRow(null));
    });
  }

  private async search(query: string): Promise<void> {
    if (!this.store) return;
    const result = await this.store.searchCustomers(query);
    if (result.ok) this.searchResults = result.value;
    else this.formError = result.error;
  }

  /** R21, with `fields` the add form checked. */
  private async addRequest(fields: RequestFields): Promise<void> {
    const customerId = this.targetId;
    if (!this.store || !customerId) return;
    const issues = validateNewRequest(fields);
    if (issues.length) {
      this.formError = issues;
      return;
    }
    const result = await this.store.createRequest(customerId, fields);
    if (!result.ok) {
      this.formError = result.error;
      return;
    }
    this.formError = null;
    this.adding = false;
    this.announce(this.i18n.t('journey.added'));
    this.dispatchEvent(new CareRequestCreatedEvent(result.value));
  }

  /** The form error in the element's language, translated when shown so that it follows `lang`. */
  private formErrorText(): string | null {
    const error = this.formError;
    if (!error) return null;
    return error instanceof CareError ? this.errorText(error) : error.map((issue) => this.errorText(issue)).join(' ');
  }

  /** R2: show what the pointer or focus is on, next to it. */
  private showInfo(row: Row, anchor: HTMLElement): void {
    this.hovered = row;
    void this.updateComplete.then(() => {
      const info = this.info;
      if (!info || typeof info.showPopover !== 'function') return;
      const box = anchor.getBoundingClientRect();
      info.style.top = `${Math.min(box.bottom + 4, window.innerHeight - info.offsetHeight - 4)}px`;
      // Beside the row's start edge, mirrored for right-to-left text.
      if (getComputedStyle(anchor).direction === 'rtl') {
        info.style.left = 'auto';
        info.style.right = `${Math.max(4, Math.min(window.innerWidth - box.right + 24, window.innerWidth - 360))}px`;
      } else {
        info.style.right = 'auto';
        info.style.left = `${Math.max(4, Math.min(box.left + 24, window.innerWidth - 360))}px`;
      }
      if (!info.matches(':popover-open')) info.showPopover();
    });
  }

  private hideInfo(): void {
    if (this.rendering) {
      // A row that had focus left the DOM during a render (Chromium then fires blur): hide after it.
      setTimeout(() => this.hideInfo());
      return;
    }
    this.hovered = null;
    const info = this.info;
    if (info && typeof info.hidePopover === 'function' && info.matches(':popover-open')) info.hidePopover();
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
        ${editable
          ? html`<button type="button" aria-expanded=${!!forms && this.adding} @click=${() => ((this.adding = !this.adding), (this.formError = null), this.needForms())}>${i.t('journey.add')}</button>`
          : nothing}
      </div>
      ${!editable ? html`<p class="muted">${i.t('journey.readOnly')}</p>` : nothing}
      ${this.adding && forms
        ? forms.renderAddForm({
            i18n: i,
            // The Move dialog's error is its own.
            error: this.moving ? null : this.formErrorText(),
            submit: (fields) => void this.addRequest(fields),
            cancel: () => (this.adding = false),
          })
        : nothing}
      ${this.error ? html`<p part="error" class="error" role="alert">${this.errorText(this.error)}</p>` : nothing}
      ${this.dragging ? this.renderDropNew() : nothing}
      ${this.rows.length
        ? html`<div
            part="list"
            role="list"
            tabindex="-1"
            aria-labelledby="heading"
            @pointerleave=${() => this.hideInfo()}
            @keydown=${this.onListKeydown}
            @focusin=${this.onListFocusin}
            @click=${this.onListClick}
            @rangeChanged=${this.onRangeChanged}
          >
            ${this.renderRows()}
          </div>`
        : html`<p part="empty" class="muted">${i.t('journey.empty')}</p>`}
      ${this.renderInfo()} ${this.renderMoveDialog(journey.value)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private renderRows() {
    const render = (row: Row) => this.renderRow(row);
    if (this.rows.length <= VIRTUALIZE_FROM) return repeat(this.rows, rowKey, render);
    if (virtualizer) {
      return virtualizer.virtualize({ items: this.rows, renderItem: render, keyFunction: rowKey, scroller: true, layout: virtualizer.layout });
    }
    void loadVirtualizer().then(() => this.requestUpdate());
    return repeat(this.rows.slice(0, FIRST_ROWS), rowKey, render);
  }

  private renderRow(row: Row) {
    if (row.kind === 'loose') {
      return html`<div role="listitem" class="row request"><span class="label">${this.i18n.t('journey.loose')}</span></div>`;
    }
    // One Tab stop for the whole list: the active row's controls, none of the others'.
    const tabindex = rowKey(row) === this.activeKey ? '0' : '-1';
    return row.kind === 'request' ? this.renderRequestRow(row.request, tabindex) : this.renderActivityRow(row.activity, row.request, tabindex);
  }

  private renderRequestRow(request: CareRequest, tabindex: string) {
    const i = this.i18n;
    const status = this.statusLabel(request.status);
    const droppable = this.canDropOn(request);
    return html`<div
      role="listitem"
      part="request"
      data-key=${`r:${request.id}`}
      class="row request ${this.dropTarget === request.id ? 'drop' : ''}"
      @dragover=${(e: DragEvent) => {
        if (!droppable) return;
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
        this.dropTarget = request.id;
      }}
      @dragleave=${() => (this.dropTarget = null)}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        const activity = this.dragging;
        this.endDrag();
        if (activity && droppable) void this.move(activity, { requestId: request.id });
      }}
    >
      <button
        type="button"
        class="main"
        tabindex=${tabindex}
        aria-label=${i.t('journey.request', { title: this.requestLabel(request), status, created: i.dateTime(request.createdAt) })}
        aria-describedby=${this.hovered?.kind === 'request' && this.hovered.request.id === request.id ? 'info' : nothing}
        @click=${(e: Event) => this.showInfo({ kind: 'request', request }, e.currentTarget as HTMLElement)}
        @pointerenter=${(e: Event) => this.showInfo({ kind: 'request', request }, e.currentTarget as HTMLElement)}
        @focus=${(e: Event) => this.showInfo({ kind: 'request', request }, e.currentTarget as HTMLElement)}
        @blur=${() => this.hideInfo()}
      >
        <span class="label">${this.requestLabel(request)}</span>
      </button>
      <span part="status" aria-hidden="true">${status}</span>
    </div>`;
  }

  private renderActivityRow(activity: Activity, request: CareRequest | undefined, tabindex: string) {
    const i = this.i18n;
    const focused = this.focusedActivity.value === activity.id;
    const current = this.shownTask.value?.activityId === activity.id;
    const time = i.dateTime(activity.startedAt);
    const row: Row = { kind: 'activity', activity, request };
    return html`<div role="listitem" part="activity" class="row activity" data-key=${`a:${activity.id}`}>
      <button
        type="button"
        class="main"
        tabindex=${tabindex}
        aria-pressed=${focused}
        @click=${() => this.select(activity)}
        @pointerenter=${(e: Event) => this.showInfo(row, e.currentTarget as HTMLElement)}
        @focus=${(e: Event) => this.showInfo(row, e.currentTarget as HTMLElement)}
        @blur=${() => this.hideInfo()}
      >
        ${mediaIcon(activity.media)}
        <span class="visually-hidden">${this.media(activity)}, ${i.dateTime(activity.startedAt)}:</span>
        <span class="label">${activity.summary}</span>
        ${current ? html`<span class="visually-hidden">(${i.t('journey.current')})</span>` : nothing}
        <span class="muted" aria-hidden="true">${this.when(activity.startedAt)}</span>
      </button>
      ${this.canMove(activity, request)
        ? html`<button
            type="button"
            part="handle"
            draggable="true"
            tabindex=${tabindex}
            data-move=${activity.id}
            aria-label=${i.t('journey.moveLabel', { media: this.media(activity), time })}
            @click=${() => this.openMove(activity)}
            @dragstart=${(e: DragEvent) => {
              e.dataTransfer?.setData(DRAG_TYPE, activity.id);
              e.dataTransfer?.setData('text/plain', activity.summary);
              if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
              this.hideInfo();
              this.dragging = activity;
            }}
            @dragend=${() => this.endDrag()}
          >
            ⠿
          </button>`
        : nothing}
    </div>`;
  }

  private endDrag(): void {
    this.dragging = null;
    this.dropTarget = null;
  }

  private renderDropNew() {
    const activity = this.dragging!;
    return html`<div
      part="drop-new"
      @dragover=${(e: DragEvent) => e.preventDefault()}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        this.endDrag();
        void this.move(activity, { newRequest: { title: activity.summary, description: '' } });
      }}
    >
      ${this.i18n.t('journey.dropNew')}
    </div>`;
  }

  /** R2: what a row is, in full. */
  private renderInfo() {
    const row = this.hovered;
    const i = this.i18n;
    let body: unknown = nothing;
    if (row?.kind === 'request') {
      const r = row.request;
      body = html`<strong>${this.requestLabel(r)}</strong>
        <dl>
          <dt>${i.t('request.status')}</dt><dd>${this.statusLabel(r.status)}</dd>
          <dt>${i.t('request.created')}</dt><dd>${i.dateTime(r.createdAt)}</dd>
          ${r.completedAt !== undefined ? html`<dt>${i.t('request.completed')}</dt><dd>${i.dateTime(r.completedAt)}</dd>` : nothing}
        </dl>
        ${r.description ? html`<p>${r.description.slice(0, 280)}</p>` : nothing}`;
    } else if (row?.kind === 'activity') {
      const a = row.activity;
      body = html`<strong>${this.media(a)} · ${i.dateTime(a.startedAt)}</strong>
        <p>${a.summary}</p>
        <dl>
          <dt>${i.t('journey.tags')}</dt><dd>${a.tags.length ? a.tags.join(', ') : i.t('journey.noTags')}</dd>
          ${row.request ? html`<dt>${i.t('request.heading')}</dt><dd>${this.requestLabel(row.request)}</dd>` : nothing}
          ${a.endedAt !== undefined ? html`<dt>${i.t('journey.ended')}</dt><dd>${i.dateTime(a.endedAt)}</dd>` : nothing}
        </dl>`;
    }
    return html`<div part="info" popover="manual" role="tooltip" id="info">${body}</div>`;
  }

  /** The keyboard path of R29, and the move to another customer: see journey-forms.ts. */
  private renderMoveDialog(journey: Journey) {
    const activity = this.moving;
    if (!activity || !forms) return nothing;
    return forms.renderMoveDialog({
      i18n: this.i18n,
      error: this.formErrorText(),
      activity,
      media: this.media(activity),
      targets: journey.requests.filter((request) => this.canMoveTo(activity, request)),
      inProgress: this.inProgress.value ?? [],
      found: this.searchResults,
      requestLabel: (request) => this.requestLabel(request),
      nameOf: (customer) => this.nameOf(customer),
      nameOfTask: (task) => this.nameOfTask(task),
      move: (target) => void this.move(activity, target),
      moveToCustomer: (customerId) => void this.moveToCustomer(activity, customerId),
      search: (query) => void this.search(query),
      close: () => this.closeDialog(),
      keydown: keepTabInDialog,
    });
  }
}

function rowKey(row: Row): string {
  if (row.kind === 'loose') return 'loose';
  return row.kind === 'request' ? `r:${row.request.id}` : `a:${row.activity.id}`;
}
