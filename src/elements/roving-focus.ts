import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadVirtualizer, virtualizerOf, type Virtualizer } from './virtual-list.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/** Which control of a row gets focus: its first (the row itself) or its last (a companion: Accept, a Move handle). */
export type RowPart = 'first' | 'last';

export interface RovingFocusOptions<T> {
  /** The list element, looked up after every update (it may come and go). */
  list: () => HTMLElement | null | undefined;
  /** Every item of the list, rendered or not, in order. A new array means the items changed. */
  items: () => readonly T[];
  /** An item's key: its row carries it as `data-key`. */
  key: (item: T) => string;
  /** Whether an item's row can take focus (a heading row cannot). Default: all can. */
  focusable?: (item: T) => boolean;
  /** Keys that take the tab stop when the list first shows, best first; else the first row. */
  initial?: () => readonly (string | null | undefined)[];
  /**
   * Virtual-list mode: whether the list is virtualised (rows out of view are
   * not in the DOM). The list is then a Tab stop of its own while the active
   * row is scrolled out, and focus on it goes on to the row.
   */
  virtual?: () => boolean;
}

const LAST = Number.MAX_SAFE_INTEGER;
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/** A virtualizer settles two frames after the rows of a new range are measured; frames cap the wait. */
const settled = (virtualizer: Virtualizer) => Promise.race([virtualizer.layoutComplete.catch(() => undefined), frame().then(frame).then(frame).then(frame)]);

/**
 * Roving tabindex for one list, in the spirit of Spectrum's
 * RovingTabindexController, by key so that it works on rows that are not
 * rendered. One row is the list's Tab stop (the host renders
 * `tabindex=${focus.tabindex(key)}` on the row's controls, `data-key` on the
 * row); Up / Down move to the previous / next focusable row, Home / End to
 * the ends, scrolling a virtualised list to rows that are not rendered yet
 * and focusing them once they are. A row's controls (its elements with a
 * tabindex) are in Tab order together: Tab goes row → its companions → out.
 *
 * The row last focused or clicked keeps the stop. If it leaves the list,
 * the row now at its place takes over, and takes focus if focus was in the
 * list, so keyboard users never fall back to the page's start.
 */
export class RovingFocusController<T> implements ReactiveController {
  private activeKey: string | null = null;
  /** Where `activeKey` is in the items (or was, before it left them). */
  private activeIndex = 0;
  /** Which control of the active row had focus, by its place in the row. */
  private part = 0;
  /** The items of the last update. */
  private seen: readonly T[] | undefined;
  /** Keys to indexes, built when first needed for the items of `indexed`. */
  private index = new Map<string, number>();
  private indexed: readonly T[] | undefined;
  private scanned: readonly T[] | undefined;
  /** The items changed while focus was in the list: once rendered, focus they took goes back. */
  private refocus = false;
  /** The latest request to focus a row; older ones still waiting for layout give up. */
  private ticket = 0;
  private bound: HTMLElement | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: RovingFocusOptions<T>,
  ) {
    host.addController(this);
  }

  /** The key of the row that is the list's Tab stop; null while the list is empty. */
  get active(): string | null {
    return this.activeKey;
  }

  /** The tabindex of `key`'s controls: 0 for the active row, -1 for the others. */
  tabindex(key: string): '0' | '-1' {
    return key === this.activeKey ? '0' : '-1';
  }

  /** Whether an item with `key` is in the list. */
  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** Forgets the active row: the next render starts again at the initial one (another customer's list). */
  reset(): void {
    this.activeKey = null;
    this.activeIndex = 0;
    this.part = 0;
  }

  /**
   * Makes `key`'s row (null: the active row) the stop and focuses its
   * `part`, scrolling it in first; in a virtualised list this waits for
   * the row to be laid out.
   */
  focus(key: string | null, part: RowPart = 'first'): Promise<void> {
    return this.focusRow(key, part === 'last' ? LAST : 0);
  }

  hostUpdate(): void {
    const items = this.options.items();
    if (items !== this.seen) {
      this.seen = items;
      const inside = this.root().activeElement;
      this.refocus ||= !!inside && !!this.options.list()?.contains(inside);
    }
    this.settle(items);
  }

  hostUpdated(): void {
    const list = this.options.list() ?? undefined;
    if (list !== this.bound) {
      for (const [type, listener] of this.listeners) {
        this.bound?.removeEventListener(type, listener);
        list?.addEventListener(type, listener);
      }
      this.bound = list;
    }
    this.syncListStop();
    // A virtualised list renders changed rows itself, a frame later: see onRangeChanged.
    if (this.refocus && !this.virtualizer()) this.restoreFocus();
  }

  /** Where the list's focus shows: the host's shadow root (or the document, for a host without one). */
  private root(): Document | ShadowRoot {
    const root = this.host.renderRoot;
    return root instanceof ShadowRoot ? root : document;
  }

  private indexOf(key: string): number {
    const items = this.options.items();
    const known = this.index.get(key);
    if (items === this.indexed) return known ?? -1;
    // A colleague's accept shifts a 10,000-task queue by one: look where the key was, and beside it.
    if (known !== undefined) {
      for (const at of [known, known - 1, known + 1]) {
        const item = items[at];
        if (item !== undefined && this.options.key(item) === key) return at;
      }
    }
    // One lookup in new items is a scan; a second one pays for the index.
    if (this.scanned !== items) {
      this.scanned = items;
      return items.findIndex((item) => this.options.key(item) === key);
    }
    this.indexed = items;
    this.index = new Map(items.map((item, index) => [this.options.key(item), index]));
    return this.index.get(key) ?? -1;
  }

  /** Keeps the active key on an item: the initial one at first, the same one wherever it moved, or the nearest. */
  private settle(items: readonly T[]): void {
    if (!items.length) return this.reset();
    if (this.activeKey === null) {
      const found = (this.options.initial?.() ?? []).map((key) => (key ? this.indexOf(key) : -1)).find((index) => index >= 0);
      this.setIndex(found ?? this.focusableFrom(0, 1));
      return;
    }
    const at = items[this.activeIndex];
    if (at && this.options.key(at) === this.activeKey) return;
    const found = this.indexOf(this.activeKey);
    // Gone: the item now at its place takes over, on its first control.
    if (found < 0) this.part = 0;
    this.setIndex(found >= 0 ? found : this.focusableFrom(Math.min(this.activeIndex, items.length - 1), 1));
  }

  private setIndex(index: number): void {
    const item = this.options.items()[index];
    this.activeIndex = Math.max(0, index);
    this.activeKey = item ? this.options.key(item) : null;
  }

  private setActive(key: string): void {
    const index = this.indexOf(key);
    if (index < 0 || key === this.activeKey) return;
    this.setIndex(index);
    this.host.requestUpdate();
  }

  /** The first focusable item from `index` on in direction `step`, else the nearest one the other way; -1 if none. */
  private focusableFrom(index: number, step: 1 | -1): number {
    const items = this.options.items();
    const ok = (i: number) => !this.options.focusable || this.options.focusable(items[i]!);
    for (let i = index; i >= 0 && i < items.length; i += step) if (ok(i)) return i;
    for (let i = index - step; i >= 0 && i < items.length; i -= step) if (ok(i)) return i;
    return -1;
  }

  /** The Virtualizer of the list, while it is virtualised and the module is here. */
  private virtualizer(): Virtualizer | undefined {
    const list = this.options.list();
    return list && this.options.virtual?.() ? virtualizerOf(list) : undefined;
  }

  private rowOf(element: Element): HTMLElement | null {
    const row = element.closest<HTMLElement>('[data-key]');
    return row && this.options.list()?.contains(row) ? row : null;
  }

  /** The active row's element, if it is rendered. */
  private activeRow(): HTMLElement | null {
    const key = this.activeKey;
    return key ? (this.options.list()?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) ?? null) : null;
  }

  /** A row's controls in Tab order: the elements the host gave a tabindex. */
  private controls(row: HTMLElement): HTMLElement[] {
    return [...row.querySelectorAll<HTMLElement>('[tabindex]')];
  }

  /**
   * Virtual-list mode: the list is a Tab stop of its own only while its
   * active row is not rendered; otherwise the row is the stop and the list
   * is not (-1, also where browsers make a scrolling box a stop, as Firefox
   * does), so Shift+Tab from the row leaves the list.
   */
  private syncListStop(): void {
    const list = this.options.list();
    if (!list || !this.options.virtual) return;
    const tabindex = this.activeRow() ? '-1' : '0';
    if (list.getAttribute('tabindex') !== tabindex) list.setAttribute('tabindex', tabindex);
  }

  /** Focus was in the list and the new items took its element away: it goes to the active row, unless it went elsewhere. */
  private restoreFocus(): void {
    this.refocus = false;
    // After the update: focusing runs the host's focus handlers, which may update it again.
    void this.host.updateComplete.then(() => {
      if (!this.root().activeElement && this.mayTakeFocus()) void this.focusRow(null, this.part);
    });
  }

  /** Focus is in the list, or nowhere (its element was removed): a row may take it without taking it from the agent. */
  private mayTakeFocus(): boolean {
    const inside = this.root().activeElement;
    if (inside) return !!this.options.list()?.contains(inside);
    const outside = document.activeElement;
    return !outside || outside === document.body;
  }

  private async focusRow(key: string | null, part: number): Promise<void> {
    let ticket = ++this.ticket;
    if (key) this.setActive(key);
    this.part = part;
    /** The control focused, in a virtualised list, while its layout settles. */
    let focused: HTMLElement | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      // A rendered row takes focus at once; otherwise wait for the render that brings it.
      if (attempt > 0) await this.host.updateComplete;
      const list = this.options.list();
      if (ticket !== this.ticket || !list || !this.activeKey) return;
      const virtualizer = this.virtualizer();
      // The layout settled with the row still there: done. If re-measuring scrolled it out, focus it again.
      if (focused && this.root().activeElement === focused) return;
      // The agent may have gone elsewhere while the row was being laid out: leave their focus there.
      if (attempt > 0 && !this.mayTakeFocus()) return;
      const row = this.activeRow();
      if (row) {
        const controls = this.controls(row);
        const control = controls[Math.min(part, controls.length - 1)];
        if (!virtualizer || !control) return control?.focus();
        // Scrolled in as little as needed, by the virtualizer, which knows where the row is.
        virtualizer.element(this.activeIndex)?.scrollIntoView({ block: 'nearest' });
        control.focus({ preventScroll: true });
        // Its focusin took a new ticket: this request is still the latest.
        ticket = this.ticket;
        focused = control;
        await settled(virtualizer);
      } else if (virtualizer) {
        virtualizer.element(this.activeIndex)?.scrollIntoView({ block: 'nearest' });
        await settled(virtualizer);
      } else if (this.options.virtual?.()) {
        await loadVirtualizer();
        await frame();
      } else if (attempt > 0) {
        return;
      }
    }
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    // Arrows, Home and End in a field inside a row edit its text; they do not move through the list.
    if ((event.target as Element | null)?.closest?.('input, textarea, select, [contenteditable]')) return;
    const items = this.options.items();
    if (!items.length || this.activeKey === null) return;
    const from = this.activeIndex;
    let to: number;
    switch (event.key) {
      case 'ArrowDown':
        to = this.focusableFrom(Math.min(from + 1, items.length - 1), 1);
        break;
      case 'ArrowUp':
        to = this.focusableFrom(Math.max(from - 1, 0), -1);
        break;
      case 'Home':
        to = this.focusableFrom(0, 1);
        break;
      case 'End':
        to = this.focusableFrom(items.length - 1, -1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (to >= 0) void this.focusRow(this.options.key(items[to]!), 0);
  };

  private readonly onFocusin = (event: FocusEvent): void => {
    const list = event.currentTarget as HTMLElement;
    const target = event.target as HTMLElement;
    if (target === list) {
      // Tab reached the list because its active row is scrolled out: on to the row. Not for a click
      // on the list (that would undo the agent's scrolling), nor for Shift+Tab from a row (a trap).
      const from = event.relatedTarget as Node | null;
      if (list.matches(':focus-visible') && !list.contains(from)) void this.focusRow(null, this.follows(from) ? LAST : 0);
      return;
    }
    const row = this.rowOf(target);
    if (!row) return;
    this.part = Math.max(0, this.controls(row).indexOf(target));
    this.setActive(row.dataset['key']!);
    // A stray focusRow still waiting for layout must not pull focus back.
    this.ticket++;
    if (this.options.virtual && list.getAttribute('tabindex') !== '-1') list.setAttribute('tabindex', '-1');
  };

  /** True when `node` comes after the list in focus order (Shift+Tab from it lands on the list's last stop). */
  private follows(node: Node | null): boolean {
    const list = this.options.list();
    if (!node || !list) return false;
    const from = node.getRootNode() === this.root() ? list : this.host;
    return !!(from.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
  }

  /** A click makes its row active, also where buttons take no focus on click (Safari, macOS Firefox). */
  private readonly onClick = (event: Event): void => {
    const key = this.rowOf(event.target as Element)?.dataset['key'];
    if (key) this.setActive(key);
  };

  /** The virtualizer rendered another range (scrolled, or the rows changed): the active row may have come or gone. */
  private readonly onRangeChanged = (): void => {
    queueMicrotask(() => {
      this.syncListStop();
      if (this.refocus) this.restoreFocus();
    });
  };

  private readonly listeners: [string, EventListener][] = [
    ['keydown', this.onKeydown as EventListener],
    ['focusin', this.onFocusin as EventListener],
    ['click', this.onClick],
    ['rangeChanged', this.onRangeChanged],
  ];
}
