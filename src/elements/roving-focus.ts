import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export interface RovingFocusOptions {
  /** The list element, queried after every update (it may come and go). */
  root: () => HTMLElement | null | undefined;
  /** The focusable items of the list, in order. */
  items: (root: HTMLElement) => HTMLElement[];
  /**
   * Controls that belong to an item (an Accept button next to it): they are
   * in the tab order only with their item, so Tab goes item → its controls → out.
   */
  companions?: (item: HTMLElement) => HTMLElement[];
  /** Which item takes the tab stop when the list first renders (default: the first). */
  initial?: (items: HTMLElement[]) => HTMLElement | undefined;
}

/**
 * Roving tabindex for one list, in the spirit of Spectrum's
 * RovingTabindexController: only one item is in the tab order (tabindex 0,
 * the others -1); Up/Down move focus between items, Home/End to the ends.
 * The item last focused keeps the tab stop. If an update removes the element
 * that had focus inside the list (an accepted task), focus goes to the item
 * now at its place, so keyboard users never fall back to the page's start.
 */
export class RovingFocusController implements ReactiveController {
  private current: HTMLElement | undefined;
  private currentIndex = 0;
  /** The element inside the list that had focus, while focus is in the list. */
  private focused: HTMLElement | undefined;
  private root: HTMLElement | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: RovingFocusOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const root = this.options.root() ?? undefined;
    if (root !== this.root) {
      this.root?.removeEventListener('keydown', this.onKeydown);
      this.root?.removeEventListener('focusin', this.onFocusin);
      this.root?.removeEventListener('focusout', this.onFocusout);
      this.root = root;
      root?.addEventListener('keydown', this.onKeydown);
      root?.addEventListener('focusin', this.onFocusin);
      root?.addEventListener('focusout', this.onFocusout);
    }
    const items = this.items();
    if (!items.length) {
      this.current = undefined;
      return;
    }
    let current = this.current && items.includes(this.current) ? this.current : undefined;
    if (!current && !this.current) current = this.options.initial?.(items);
    current ??= items[Math.min(this.currentIndex, items.length - 1)]!;
    this.setCurrent(current, items);
    // Focus was inside the list and its element is gone: keep it in the list.
    const lost = this.focused && !this.focused.isConnected;
    if (lost && !this.host.shadowRoot?.activeElement) current.focus();
  }

  hostDisconnected(): void {
    this.focused = undefined;
  }

  /** Gives the tab stop to `item` and focuses it. */
  focus(item: HTMLElement): void {
    this.setCurrent(item, this.items());
    item.focus();
  }

  private items(): HTMLElement[] {
    return this.root?.isConnected ? this.options.items(this.root) : [];
  }

  private setCurrent(current: HTMLElement, items: HTMLElement[]): void {
    this.current = current;
    this.currentIndex = Math.max(0, items.indexOf(current));
    for (const item of items) {
      const index = item === current ? '0' : '-1';
      if (item.getAttribute('tabindex') !== index) item.setAttribute('tabindex', index);
      for (const companion of this.options.companions?.(item) ?? []) {
        if (companion.getAttribute('tabindex') !== index) companion.setAttribute('tabindex', index);
      }
    }
  }

  /** The item `element` is, or is a companion of. */
  private itemOf(element: EventTarget | null, items: HTMLElement[]): HTMLElement | undefined {
    if (!(element instanceof HTMLElement)) return undefined;
    return items.find((item) => item === element || (this.options.companions?.(item) ?? []).includes(element));
  }

  private readonly onFocusin = (event: FocusEvent): void => {
    this.focused = event.target instanceof HTMLElement ? event.target : undefined;
    const items = this.items();
    const item = this.itemOf(event.target, items);
    if (item && item !== this.current) this.setCurrent(item, items);
  };

  private readonly onFocusout = (event: FocusEvent): void => {
    // Focus moved somewhere else on purpose; a removal (no related target) is handled after the update.
    const next = event.relatedTarget;
    if (next instanceof Node && this.root?.contains(next)) return;
    if (next) this.focused = undefined;
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const items = this.items();
    const item = this.itemOf(event.target, items);
    if (!item) return;
    const index = items.indexOf(item);
    let next: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = items[Math.min(index + 1, items.length - 1)];
        break;
      case 'ArrowUp':
        next = items[Math.max(index - 1, 0)];
        break;
      case 'Home':
        next = items[0];
        break;
      case 'End':
        next = items[items.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next) this.focus(next);
  };
}
