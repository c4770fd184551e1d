/**
 * The rarely used parts of care-journey: the Move dialog (R29) and the Add
 * request form (R21). care-journey imports this module dynamically the first
 * time the agent opens either, so pages that never move an activity or add a
 * request never load it. Plain render functions: strings come through the
 * element's `i18n`, data and callbacks through a small view object; the state
 * (what is open, errors, search results) stays in the element.
 *
 * Imports: only what care-journey and the virtualizer import too (lit and its
 * `repeat`), types aside. A module of the kit imported here would be split
 * by bundlers out of the element's chunk into a chunk shared with this one,
 * and so would a part of lit the virtualizer does not use: each extra chunk
 * costs more bytes than moving the templates saves (`npm run size`). The
 * element hands such helpers over in the view instead.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { LocaleController } from '../../i18n/localize.js';
import type { Activity, CareRequest, Customer, MoveTarget, RequestFields, Task } from '../../model/types.js';

/** What both forms take from the journey. */
export interface FormView {
  i18n: LocaleController;
  /** Why the form last refused, in the element's language; null if it did not. */
  error: string | null;
}

export interface MoveDialogView extends FormView {
  /** The activity to move. */
  activity: Activity;
  /** Its medium, in words. */
  media: string;
  /** The requests it may move into (open, not its own), in any order. */
  targets: readonly CareRequest[];
  /** Tasks in progress: their other customers are offered without a search. */
  inProgress: readonly Task[];
  /** What the last customer search found; null before one. */
  found: readonly Customer[] | null;
  requestLabel: (request: CareRequest) => string;
  nameOf: (customer: Customer) => string;
  nameOfTask: (task: Task) => string;
  move: (target: MoveTarget) => void;
  moveToCustomer: (customerId: string) => void;
  search: (query: string) => void;
  /** Cancel or Escape: the element closes the dialog and puts focus back. */
  close: () => void;
  /** The dialog's keydown: keeps Tab inside it (keepTabInDialog). */
  keydown: (event: KeyboardEvent) => void;
}

export interface AddFormView extends FormView {
  /** The fields as typed (title trimmed): the element checks them and creates the request, or says why not. */
  submit: (fields: RequestFields) => void;
  cancel: () => void;
}

function errorLine({ error }: FormView) {
  return error ? html`<p class="error" role="alert">${error}</p>` : nothing;
}

/** The keyboard path of R29, and the move to another customer. Shown with `showModal()` by the element. */
export function renderMoveDialog(view: MoveDialogView) {
  const { i18n: i, activity } = view;
  const time = i.dateTime(activity.startedAt);
  const targets = [...view.targets].sort((a, b) => b.createdAt - a.createdAt);
  const others = new Map<string, string>();
  for (const task of view.inProgress) {
    if (task.customerId && task.customerId !== activity.customerId) others.set(task.customerId, view.nameOfTask(task));
  }
  const found = view.found?.filter((c) => c.id !== activity.customerId);
  return html`<dialog part="dialog" @keydown=${view.keydown} aria-labelledby="move-title" @cancel=${view.close}>
    <h2 id="move-title">${i.t('journey.moveTitle')}</h2>
    <p>${i.t('journey.moveIntro', { media: view.media, time })}</p>
    ${errorLine(view)}
    <section aria-label=${i.t('request.heading')}>
      ${targets.length
        ? repeat(targets, (r) => r.id, (r) => html`<button type="button" @click=${() => view.move({ requestId: r.id })}>${i.t('journey.moveTo', { title: view.requestLabel(r) })}</button>`)
        : html`<p class="muted">${i.t('journey.moveNone')}</p>`}
    </section>
    <section aria-labelledby="move-new">
      <h3 id="move-new">${i.t('journey.moveNew')}</h3>
      <form
        @submit=${(e: Event) => {
          e.preventDefault();
          const title = new FormData(e.target as HTMLFormElement).get('title')?.toString() ?? '';
          view.move({ newRequest: { title: title.trim() || activity.summary, description: '' } });
        }}
      >
        <label for="move-new-title">${i.t('journey.moveNewTitle')}</label>
        <input id="move-new-title" name="title" .value=${activity.summary} />
        <button type="submit">${i.t('journey.moveNewButton')}</button>
      </form>
    </section>
    <section aria-labelledby="move-customer">
      <h3 id="move-customer">${i.t('journey.moveCustomer')}</h3>
      <p class="muted">${i.t('journey.moveCustomerHint')}</p>
      ${others.size
        ? html`<p>${i.t('journey.openCustomers')}</p>
            ${repeat(others, ([id]) => id, ([id, name]) => html`<button type="button" @click=${() => view.moveToCustomer(id)}>${i.t('journey.moveToCustomer', { name })}</button>`)}`
        : nothing}
      <form
        class="search"
        role="search"
        @submit=${(e: Event) => {
          e.preventDefault();
          const query = new FormData(e.target as HTMLFormElement).get('query')?.toString() ?? '';
          if (query.trim()) view.search(query);
        }}
      >
        <label class="visually-hidden" for="move-search">${i.t('journey.search')}</label>
        <input id="move-search" name="query" type="search" placeholder=${i.t('journey.search')} />
        <button type="submit">${i.t('journey.searchButton')}</button>
      </form>
      ${!found
        ? nothing
        : found.length
          ? repeat(found, (c) => c.id, (c) => html`<button type="button" @click=${() => view.moveToCustomer(c.id)}>${i.t('journey.moveToCustomer', { name: view.nameOf(c) })} <span class="muted">${c.email || c.phone}</span></button>`)
          : html`<p class="muted">${i.t('journey.noMatches')}</p>`}
    </section>
    <div class="actions"><button type="button" @click=${view.close}>${i.t('common.cancel')}</button></div>
  </dialog>`;
}

/** A new request for a new problem (R21): checked here, created by the element. */
export function renderAddForm(view: AddFormView) {
  const i = view.i18n;
  return html`<form
    part="add-form"
    aria-label=${i.t('journey.addTitle')}
    @submit=${(e: Event) => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      view.submit({ title: data.get('title')?.toString().trim() ?? '', description: data.get('description')?.toString() ?? '' });
    }}
  >
    <label for="add-title">${i.t('journey.titleLabel')}</label>
    <input id="add-title" name="title" required />
    <label for="add-description">${i.t('journey.descriptionLabel')}</label>
    <textarea id="add-description" name="description"></textarea>
    ${errorLine(view)}
    <div class="actions">
      <button type="button" @click=${view.cancel}>${i.t('common.cancel')}</button>
      <button type="submit" class="primary">${i.t('journey.addButton')}</button>
    </div>
  </form>`;
}
