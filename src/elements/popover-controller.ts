import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Directive, directive, PartType, type DirectiveResult, type ElementPart, type PartInfo } from 'lit/directive.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface PopoverOptions {
  /** The `popover` element the host renders. */
  popover: () => HTMLElement | null | undefined;
  /** Space between the anchor's bottom edge and the popover, in px. */
  gap?: number;
  /** How far the popover starts inside the anchor's start edge, in px. */
  indent?: number;
  /** The least space kept between the popover and the viewport's edges, in px. */
  margin?: number;
}

/**
 * A hover or focus popover (`popover="manual"`) shown next to an anchor:
 * below it, from its start edge (mirrored for right-to-left text), kept
 * inside the viewport by the popover's measured size. Measured here rather
 * than with CSS anchor positioning (not in Firefox ESR) or @floating-ui/dom
 * (about 5.6 KB gzipped, more than the kit's size budget has left).
 *
 * `subject` is what the popover is about; the host renders its content from
 * it. It follows the host's updates: set in `show`, cleared in `hide`.
 */
export class PopoverController<T> implements ReactiveController {
  /** What the popover shows, or null while hidden. */
  subject: T | null = null;
  /** While the host renders: the DOM is being changed. */
  private rendering = false;

  constructor(
    private readonly host: Host,
    private readonly options: PopoverOptions,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.rendering = true;
    // update() is synchronous: whatever happens in it, the flag does not outlive it.
    queueMicrotask(() => (this.rendering = false));
  }

  hostUpdated(): void {
    this.rendering = false;
  }

  /** A host that leaves the page closes its popover: one that comes back starts with none open. */
  hostDisconnected(): void {
    this.rendering = false;
    this.subject = null;
  }

  /** Makes the element an anchor: pointing at or focusing it shows `subject`, leaving focus hides it. */
  anchor(subject: T): DirectiveResult {
    return anchorDirective(this as PopoverController<unknown>, subject);
  }

  /** Shows `subject` next to `anchor`, once the host rendered it. */
  show(subject: T, anchor: HTMLElement): void {
    this.subject = subject;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const popover = this.options.popover();
      if (!popover || typeof popover.showPopover !== 'function' || this.subject !== subject) return;
      if (!popover.matches(':popover-open')) popover.showPopover();
      this.place(popover, anchor);
    });
  }

  hide(): void {
    if (this.rendering) {
      // A focused row left the DOM during a render (Chromium then fires blur): hide after it, if still there.
      setTimeout(() => this.host.isConnected && this.hide());
      return;
    }
    if (this.subject !== null) {
      this.subject = null;
      this.host.requestUpdate();
    }
    const popover = this.options.popover();
    if (popover && typeof popover.hidePopover === 'function' && popover.matches(':popover-open')) popover.hidePopover();
  }

  /** Positions the open popover by its own measured size: it is in the top layer, fixed to the viewport. */
  private place(popover: HTMLElement, anchor: HTMLElement): void {
    const { gap = 4, indent = 24, margin = 4 } = this.options;
    const box = anchor.getBoundingClientRect();
    const width = popover.offsetWidth;
    const height = popover.offsetHeight;
    const room = document.documentElement.clientWidth || window.innerWidth;
    const top = Math.max(margin, Math.min(box.bottom + gap, window.innerHeight - height - margin));
    const start = (offset: number) => `${Math.max(margin, Math.min(offset + indent, room - width - margin))}px`;
    popover.style.top = `${top}px`;
    if (getComputedStyle(anchor).direction === 'rtl') {
      popover.style.left = 'auto';
      popover.style.right = start(room - box.right);
    } else {
      popover.style.right = 'auto';
      popover.style.left = start(box.left);
    }
  }
}

const anchorDirective = directive(
  class extends Directive {
    private args!: [PopoverController<unknown>, unknown];

    constructor(part: PartInfo) {
      super(part);
      if (part.type !== PartType.ELEMENT) throw new Error('anchor() belongs on an element');
    }

    render(_popover: PopoverController<unknown>, _subject: unknown) {
      return nothing;
    }

    override update(part: ElementPart, args: [PopoverController<unknown>, unknown]) {
      if (!this.args) {
        const element = part.element as HTMLElement;
        const show = () => this.args[0].show(this.args[1], element);
        element.addEventListener('pointerenter', show);
        element.addEventListener('focus', show);
        element.addEventListener('blur', () => this.args[0].hide());
      }
      this.args = args;
      return nothing;
    }
  },
);
