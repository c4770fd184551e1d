import { html, nothing, type ReactiveControllerHost } from 'lit';
import { CareActivityMovedEvent, CareRequestCreatedEvent } from '../../events.js';
import { CareError } from '../../model/errors.js';
import type { Activity, CareRequest } from '../../model/types.js';
import { validateNewRequest } from '../../model/validation.js';
import { CareElement } from '../care-element.js';
import { keepTabInDialog } from '../dialog-focus.js';
import { lazy } from '../lazy.js';

/**
 * The Move dialog and the Add request form (journey-forms.ts), fetched the
 * first time the agent opens either: few sessions use them. The kit's
 * classes are handed to the module rather than imported by it (see there).
 */
const forms = lazy(() =>
  import('./journey-forms.js').then((module) => {
    module.defineJourneyForms({ CareElement, CareError, CareActivityMovedEvent, CareRequestCreatedEvent, validateNewRequest, keepTabInDialog });
    return true;
  }),
);

export interface FormsOpenerOptions {
  /** The Move dialog moved its activity (and closed): as it was before, and after. */
  moved: (before: Activity, after: Activity) => void;
  /** The Move dialog closed, after a move or a cancel: focus goes back to where it was opened from. */
  closed: (activity: Activity) => void;
  /** The add form created a request (and closed). */
  created: () => void;
  /** The forms' code could not be fetched (offline, or the page outlived a deployment). */
  failed: () => void;
}

/**
 * Opens and closes care-journey's forms, loading them on first use: until
 * the module arrives neither renders; the Move dialog opens (and takes
 * focus) once it is rendered. The host renders `renderAdd` and `renderMove`
 * where the forms belong and re-renders when they open or close.
 */
export class FormsOpener {
  /** Whether the add form is open. */
  adding = false;
  /** The activity the Move dialog is open for. */
  moving: Activity | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FormsOpenerOptions,
  ) {}

  /** Whether the add form shows (open, and its code is here). */
  get addShown(): boolean {
    return this.adding && !!forms.value;
  }

  toggleAdd(): void {
    this.adding = !this.adding;
    this.load();
  }

  openMove(activity: Activity): void {
    this.moving = activity;
    this.load();
  }

  /** Closes both, silently (the journey shows another customer). */
  reset(): void {
    this.adding = false;
    this.moving = null;
  }

  /** The add form, for `customerId`, while it is open. */
  renderAdd(customerId: string) {
    if (!this.addShown) return nothing;
    const close = () => ((this.adding = false), this.host.requestUpdate());
    return html`<care-journey-add-form customer-id=${customerId} @care-request-created=${() => (close(), this.options.created())} @close=${close}></care-journey-add-form>`;
  }

  /** The Move dialog, offering `targets` (the requests the activity may move into), while it is open. */
  renderMove(targets: (activity: Activity) => readonly CareRequest[]) {
    const activity = this.moving;
    if (!activity || !forms.value) return nothing;
    return html`<care-journey-move-dialog
      .activity=${activity}
      .targets=${targets(activity)}
      @care-activity-moved=${(e: CareActivityMovedEvent) => (this.closeMove(), this.options.moved(activity, e.activity))}
      @close=${() => this.closeMove()}
    ></care-journey-move-dialog>`;
  }

  private closeMove(): void {
    const activity = this.moving;
    this.moving = null;
    this.host.requestUpdate();
    if (activity) this.options.closed(activity);
  }

  private load(): void {
    this.host.requestUpdate();
    if (forms.value) return;
    void forms.load().then(
      () => this.host.requestUpdate(),
      () => {
        this.reset();
        this.options.failed();
      },
    );
  }
}
