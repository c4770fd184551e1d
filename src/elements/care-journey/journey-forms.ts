/**
 * The rarely used parts of care-journey: the Move dialog (R29) and the Add
 * request form (R21), each a small element of its own. care-journey
 * (forms-opener.ts) imports this module the first time the agent opens
 * either and registers them (defineJourneyForms), so pages that never move
 * an activity or add a request never load them.
 *
 * They render into their own light DOM, inside care-journey's shadow root:
 * the journey's styles and `part`s apply, and ids they refer to resolve
 * there. Each runs its own commands through the store and fires the
 * journey's public event (`care-activity-moved`, `care-request-created`,
 * bubbling and composed) when done, or a plain `close` when the agent
 * cancels; the journey closes them, announces and puts focus back.
 *
 * Imports lit only: the kit's classes come through `FormsKit`, for size
 * (docs/architecture.md).
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CareActivityMovedEvent, CareRequestCreatedEvent } from '../../events.js';
import type { CareError } from '../../model/errors.js';
import type { Activity, CareRequest, Customer, MoveTarget } from '../../model/types.js';
import type { validateNewRequest, ValidationIssue } from '../../model/validation.js';
import type { CareElement } from '../care-element.js';
import type { keepTabInDialog } from '../dialog-focus.js';

/** What the forms take from the rest of the kit, handed over by care-journey (see above for why). */
export interface FormsKit {
  CareElement: typeof CareElement;
  CareError: typeof CareError;
  CareActivityMovedEvent: typeof CareActivityMovedEvent;
  CareRequestCreatedEvent: typeof CareRequestCreatedEvent;
  validateNewRequest: typeof validateNewRequest;
  keepTabInDialog: typeof keepTabInDialog;
}

/** Registers `care-journey-move-dialog` and `care-journey-add-form` (once). */
export function defineJourneyForms(kit: FormsKit): void {
  if (customElements.get('care-journey-move-dialog')) return;
  const { CareError } = kit;

  /**
   * Renders into the light DOM: the closest shadow root (care-journey's) styles it.
   *
   * @fires close - The agent cancelled.
   */
  class JourneyForm extends kit.CareElement {
    protected override createRenderRoot(): HTMLElement {
      return this;
    }

    /** Tells the journey the agent cancelled. */
    protected cancel(): void {
      this.dispatchEvent(new Event('close'));
    }
  }

  /**
   * The keyboard path of R29, and the move to another customer: a modal
   * dialog of the open requests the activity may move into, a new request,
   * customers of other tasks in progress and a customer search.
   *
   * @summary care-journey's Move dialog (internal).
   * @tag care-journey-move-dialog
   *
   * @fires care-activity-moved - After the activity moved. `event.activity`.
   * @fires close - The agent cancelled (Cancel or Escape).
   */
  class CareJourneyMoveDialog extends JourneyForm {
    static override properties = { activity: { attribute: false }, targets: { attribute: false }, found: { state: true }, error: { state: true } };
    /** The activity to move. */
    declare activity: Activity;
    /** The requests it may move into (open, not its own), in any order. */
    targets: readonly CareRequest[] = [];

    private readonly inProgress = this.watch((store) => store.inProgress$);
    /** What the last customer search found; null before one. */
    private found: readonly Customer[] | null = null;
    private error: CareError | null = null;

    protected override updated(): void {
      const dialog = this.querySelector('dialog');
      if (dialog && !dialog.open) dialog.showModal();
    }

    private async move(target: MoveTarget): Promise<void> {
      const result = await this.store?.moveActivity(this.activity.id, target);
      if (result) this.done(result.ok ? result.value.activity : result.error);
    }

    private async moveToCustomer(customerId: string): Promise<void> {
      const result = await this.store?.moveActivityToCustomer(this.activity.id, customerId);
      if (result) this.done(result.ok ? result.value : result.error);
    }

    private done(outcome: Activity | CareError): void {
      if (outcome instanceof CareError) {
        this.error = outcome;
        return;
      }
      this.querySelector('dialog')?.close();
      this.dispatchEvent(new kit.CareActivityMovedEvent(outcome));
    }

    private async search(query: string): Promise<void> {
      const result = await this.store?.searchCustomers(query);
      if (!result) return;
      if (result.ok) this.found = result.value;
      else this.error = result.error;
    }

    protected override cancel(): void {
      this.querySelector('dialog')?.close();
      super.cancel();
    }

    protected override render() {
      const { i18n: i, activity } = this;
      if (!activity) return nothing;
      const media = this.mediaLabel(activity.media);
      const targets = [...this.targets].sort((a, b) => b.createdAt - a.createdAt);
      const others = new Map<string, string>();
      for (const task of this.inProgress.value ?? []) {
        if (task.customerId && task.customerId !== activity.customerId) others.set(task.customerId, this.nameOfTask(task));
      }
      const found = this.found?.filter((c) => c.id !== activity.customerId);
      const moveTo = (id: string, name: string) => html`<button type="button" @click=${() => void this.moveToCustomer(id)}>${i.tb('journey.moveToCustomer', { name })}</button>`;
      return html`<dialog part="dialog" @keydown=${kit.keepTabInDialog} aria-labelledby="move-title" @cancel=${() => this.cancel()}>
        <h2 id="move-title">${i.t('journey.moveTitle')}</h2>
        <p>${i.t('journey.moveIntro', { media, time: i.dateTime(activity.startedAt) })}</p>
        ${this.error ? html`<p class="error" role="alert">${this.errorText(this.error)}</p>` : nothing}
        <section aria-label=${i.t('request.heading')}>
          ${targets.length
            ? repeat(targets, (r) => r.id, (r) => html`<button type="button" @click=${() => void this.move({ requestId: r.id })}>${i.tb('journey.moveTo', { title: r.title || i.t('request.untitled') })}</button>`)
            : html`<p class="muted">${i.t('journey.moveNone')}</p>`}
        </section>
        <section aria-labelledby="move-new">
          <h3 id="move-new">${i.t('journey.moveNew')}</h3>
          <form
            @submit=${(e: Event) => {
              e.preventDefault();
              const title = new FormData(e.target as HTMLFormElement).get('title')?.toString() ?? '';
              void this.move({ newRequest: { title: title.trim() || activity.summary, description: '' } });
            }}
          >
            <label for="move-new-title">${i.t('journey.moveNewTitle')}</label>
            <input dir="auto" id="move-new-title" name="title" .value=${activity.summary} />
            <button type="submit">${i.t('journey.moveNewButton')}</button>
          </form>
        </section>
        <section aria-labelledby="move-customer">
          <h3 id="move-customer">${i.t('journey.moveCustomer')}</h3>
          <p class="muted">${i.t('journey.moveCustomerHint')}</p>
          ${others.size ? html`<p>${i.t('journey.openCustomers')}</p>${repeat(others, ([id]) => id, ([id, name]) => moveTo(id, name))}` : nothing}
          <form
            class="search"
            role="search"
            @submit=${(e: Event) => {
              e.preventDefault();
              const query = new FormData(e.target as HTMLFormElement).get('query')?.toString() ?? '';
              if (query.trim()) void this.search(query);
            }}
          >
            <label class="visually-hidden" for="move-search">${i.t('journey.search')}</label>
            <input dir="auto" id="move-search" name="query" type="search" placeholder=${i.t('journey.search')} />
            <button type="submit">${i.t('journey.searchButton')}</button>
          </form>
          ${!found
            ? nothing
            : found.length
              ? repeat(found, (c) => c.id, (c) => html`<button type="button" @click=${() => void this.moveToCustomer(c.id)}>${i.tb('journey.moveToCustomer', { name: this.nameOf(c) })} <span class="muted" dir="auto">${c.email || c.phone}</span></button>`)
              : html`<p class="muted">${i.t('journey.noMatches')}</p>`}
        </section>
        <div class="actions"><button type="button" @click=${() => this.cancel()}>${i.t('common.cancel')}</button></div>
      </dialog>`;
    }
  }

  /**
   * A new request for a new problem (R21): the title is required
   * (validateNewRequest), checked before anything is sent.
   *
   * @summary care-journey's Add request form (internal).
   * @tag care-journey-add-form
   *
   * @fires care-request-created - After the request was created. `event.request`.
   * @fires close - The agent cancelled.
   */
  class CareJourneyAddForm extends JourneyForm {
    static override properties = { customerId: { attribute: 'customer-id' }, error: { state: true } };
    /** The customer the request is for. */
    customerId = '';
    /** Why the form refused: a backend error, or what validation found. Translated when shown, so it follows `lang`. */
    private error: CareError | readonly ValidationIssue[] | null = null;

    private async submit(form: HTMLFormElement): Promise<void> {
      const data = new FormData(form);
      const fields = { title: data.get('title')?.toString().trim() ?? '', description: data.get('description')?.toString() ?? '' };
      const issues = kit.validateNewRequest(fields);
      if (issues.length) {
        this.error = issues;
        return;
      }
      const result = await this.store?.createRequest(this.customerId, fields);
      if (!result) return;
      if (!result.ok) {
        this.error = result.error;
        return;
      }
      this.error = null;
      this.forget();
      this.dispatchEvent(new kit.CareRequestCreatedEvent(result.value));
    }

    /** What is typed is the store's unsent text (X8), so a reload or another tab of the agent's has it too (N1, N2). */
    private keep(kind: 'requestTitle' | 'requestDescription', event: Event): void {
      this.store?.setUnsentText(kind, this.customerId, (event.target as HTMLInputElement).value);
    }

    private forget(): void {
      this.store?.setUnsentText('requestTitle', this.customerId, '');
      this.store?.setUnsentText('requestDescription', this.customerId, '');
    }

    protected override cancel(): void {
      this.forget();
      super.cancel();
    }

    protected override render() {
      const i = this.i18n;
      const error = this.error;
      const text = !error ? null : error instanceof CareError ? this.errorText(error) : error.map((issue) => this.errorText(issue)).join(' ');
      return html`<form
        part="add-form"
        aria-label=${i.t('journey.addTitle')}
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.submit(e.target as HTMLFormElement);
        }}
      >
        <label for="add-title">${i.t('journey.titleLabel')}</label>
        <input dir="auto" id="add-title" name="title" required .value=${this.store?.unsentText('requestTitle', this.customerId) ?? ''}
          @input=${(e: Event) => this.keep('requestTitle', e)} />
        <label for="add-description">${i.t('journey.descriptionLabel')}</label>
        <textarea dir="auto" id="add-description" name="description" .value=${this.store?.unsentText('requestDescription', this.customerId) ?? ''}
          @input=${(e: Event) => this.keep('requestDescription', e)}></textarea>
        ${text ? html`<p class="error" role="alert">${text}</p>` : nothing}
        <div class="actions">
          <button type="button" @click=${() => this.cancel()}>${i.t('common.cancel')}</button>
          <button type="submit" class="primary">${i.t('journey.addButton')}</button>
        </div>
      </form>`;
    }
  }

  customElements.define('care-journey-move-dialog', CareJourneyMoveDialog);
  customElements.define('care-journey-add-form', CareJourneyAddForm);
}
