import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Directive, directive, PartType, type DirectiveResult, type ElementPart, type PartInfo } from 'lit/directive.js';

export interface DragOptions<T> {
  /** The drag data type that marks this kit's items, e.g. `application/x-care-activity`. */
  type: string;
  /** What the item is, for the drag data: its id, and text for other drop targets. */
  describe: (item: T) => { id: string; text: string };
  /** Called when a drag starts (a hover popover should hide). */
  started?: () => void;
}

/**
 * Native HTML drag and drop of one kind of item onto targets named by
 * string ids. The host puts `${drag.handle(item)}` on a drag handle and
 * `${drag.target(id, accepts, dropped)}` on a drop target, and renders from
 * `dragging` and `over` (drop zones, highlights). The host decides what a
 * drop does; the keyboard path to the same result is the host's too (a
 * "Move to…" dialog).
 */
export class DragController<T> implements ReactiveController {
  /** The item being dragged, or null. */
  dragging: T | null = null;
  /** The id of the target the item is over, while it may drop there. */
  over: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DragOptions<T>,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.dragging = null;
    this.over = null;
  }

  /** Makes the element a drag handle for `item`. */
  handle(item: T): DirectiveResult {
    return dragHandle(this as DragController<unknown>, item);
  }

  /**
   * Makes the element a drop target named `id`: it accepts the item being
   * dragged if `accepts(item)`, and hands a dropped item to `dropped`.
   */
  target(id: string, accepts: (item: T) => boolean, dropped: (item: T) => void): DirectiveResult {
    return dropTarget(this as DragController<unknown>, id, accepts as (item: unknown) => boolean, dropped as (item: unknown) => void);
  }

  /** `dragstart` on an item's handle. */
  start(event: DragEvent, item: T): void {
    const { id, text } = this.options.describe(item);
    const data = event.dataTransfer;
    if (data) {
      data.setData(this.options.type, id);
      data.setData('text/plain', text);
      data.effectAllowed = 'move';
    }
    this.options.started?.();
    this.set(item, null);
  }

  /** `dragend`, and after a drop. */
  end(): void {
    this.set(null, null);
  }

  /** `dragover` on target `id`: accepts the drop (and marks the target) only if `allowed`. */
  dragover(event: DragEvent, id: string, allowed: boolean): void {
    if (!this.dragging || !allowed) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    if (this.over !== id) this.set(this.dragging, id);
  }

  /** `dragleave` of a target. */
  dragleave(): void {
    if (this.over !== null) this.set(this.dragging, null);
  }

  /** `drop` on a target: ends the drag and hands back the item that was dropped. */
  drop(event: DragEvent): T | null {
    event.preventDefault();
    const item = this.dragging;
    this.end();
    return item;
  }

  private set(dragging: T | null, over: string | null): void {
    this.dragging = dragging;
    this.over = over;
    this.host.requestUpdate();
  }
}

/** Lit element directives bound once per element; their arguments are refreshed on every render. */
abstract class ElementDirective<A extends unknown[]> extends Directive {
  protected args!: A;
  private bound = false;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('a drag directive belongs on an element');
  }

  render(..._args: A) {
    return nothing;
  }

  override update(part: ElementPart, args: A) {
    this.args = args;
    if (!this.bound) {
      this.bound = true;
      this.bind(part.element as HTMLElement);
    }
    return nothing;
  }

  protected abstract bind(element: HTMLElement): void;
}

const dragHandle = directive(
  class extends ElementDirective<[DragController<unknown>, unknown]> {
    protected bind(element: HTMLElement): void {
      element.setAttribute('draggable', 'true');
      element.addEventListener('dragstart', (event) => this.args[0].start(event, this.args[1]));
      element.addEventListener('dragend', () => this.args[0].end());
    }
  },
);

const dropTarget = directive(
  class extends ElementDirective<[DragController<unknown>, string, (item: unknown) => boolean, (item: unknown) => void]> {
    private accepts(): boolean {
      const [drag, , accepts] = this.args;
      return drag.dragging !== null && accepts(drag.dragging);
    }

    protected bind(element: HTMLElement): void {
      element.addEventListener('dragover', (event) => this.args[0].dragover(event, this.args[1], this.accepts()));
      element.addEventListener('dragleave', () => this.args[0].dragleave());
      element.addEventListener('drop', (event) => {
        const accepted = this.accepts();
        const item = this.args[0].drop(event);
        if (item !== null && accepted) this.args[3](item);
      });
    }
  },
);
