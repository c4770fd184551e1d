import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CareCustomerCreatedEvent, CareCustomerLinkedEvent, CareCustomerSavedEvent } from '../../events.js';
import type { CustomerLink } from './customer-link.js';
import { lazy } from '../lazy.js';

/** X4's suggestions and search, fetched the first time a new contact is shown. */
const linking = lazy(() => import('./customer-link.js'));
import type { StringKey } from '../../i18n/en.js';
import type { CareError } from '../../model/errors.js';
import type { ContactFields, Id, Task } from '../../model/types.js';
import { validateCustomerFields } from '../../model/validation.js';
import type { DraftView } from '../../state/types.js';
import { CareElement } from '../care-element.js';
import { styles } from './care-customer.styles.js';
import { FIELDS, fieldLabel, renderDetails, renderForm, type FormText } from './customer-form.js';

/**
 * A customer's details (R17) and the customer information form (R10).
 * Without `customer-id` it follows the task the desktop shows: that task's
 * customer, or, while the customer is not created yet, the task's
 * new-customer form, filled with what the task knows (R27), with Create,
 * and beside it customers like the contact and a search, to link the
 * contact to the customer it belongs to instead of a duplicate (X4).
 *
 * Clicking the customer's name opens the form. An existing customer opens
 * read-only, with Edit while one of the agent's tasks with them is in
 * progress; previews and other customers say why they are read-only (R25).
 * Edits live in the store's draft, so they survive re-rendering, switching
 * tasks and the element being re-added, and Close asks about them (R11).
 * Cancel drops them (R27). Each field says what is wrong with it under it
 * (R23: at most 2,000 characters; a plausible email and phone), and Save or
 * Create stays disabled until it is fixed; the text is never cut.
 *
 * When another agent changes the customer meanwhile (R6), a warning names
 * them and offers Load. Load shows their version and puts the agent's own
 * changes aside, with "Restore my changes" and "Forget them": nothing typed
 * is lost silently. Names and other values are rendered as text only.
 *
 * @summary Customer details, and the form to edit or create the customer.
 * @tag care-customer
 *
 * @fires care-customer-saved - After the agent's changes were saved. `event.customer`.
 * @fires care-customer-created - After a new customer was created from the form. `event.customer`.
 * @fires care-customer-linked - After a new contact was linked to an existing customer (X4). `event.customer`.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading with the customer's name.
 * @csspart name - The customer's name: the button that opens and closes the form.
 * @csspart details - Name, email and phone while the form is closed.
 * @csspart form - The customer information form.
 * @csspart field - One labelled field of the form.
 * @csspart issue - What is wrong with a field's value.
 * @csspart actions - Edit, or Save and Cancel, or Create.
 * @csspart note - Why the form is read-only, or that changes are unsaved.
 * @csspart conflict - The warning that someone else changed the customer, with Load (R6).
 * @csspart stash - The agent's own changes put aside by Load, with Restore and Forget.
 * @csspart empty - Shown when there is no customer to show.
 * @csspart error - A failed load (with Retry), save or create.
 * @csspart link - Linking a new contact to an existing customer (X4).
 * @csspart matches - Customers to link to, suggested or found.
 *
 * @cssprop --care-customer-gap - Space between the parts.
 * @cssprop --care-customer-field-gap - Space between the form's fields.
 * @cssprop --care-customer-form-background - Background of the form.
 */
export class CareCustomer extends CareElement {
  static override styles = [...CareElement.styles, styles];

  /** The customer to show. Without it, the customer (or new-customer form) of the task the desktop shows. */
  @property({ attribute: 'customer-id' })
  customerId: string | undefined;

  private readonly shown = this.watch((store) => store.shownTask$);
  private readonly customer = this.watch((store) => {
    const id = this.targetId();
    return id ? store.customer$(id) : null;
  });
  private readonly draft = this.watch((store) => {
    const id = this.targetId();
    return id ? store.customerDraft$(id) : null;
  });
  private readonly editable = this.watch((store) => {
    const id = this.targetId();
    return id ? store.canEdit$(id) : null;
  });
  private readonly newCustomer = this.watch((store) => {
    const task = this.newCustomerTask();
    return task ? store.newCustomer$(task.id) : null;
  });

  /** Forms the agent opened or closed, by `customer:<id>` or `new:<taskId>`; otherwise the default applies. */
  @state() private toggled: Readonly<Record<string, boolean>> = {};
  /** The customer whose Edit was pressed. */
  @state() private editing: Id | null = null;
  /** Tasks whose Create is under way. */
  @state() private creating: ReadonlySet<Id> = new Set();
  @state() private createError: { taskId: Id; error: CareError } | null = null;

  /** X4: customers like a new contact, and a search, to link it to instead of creating a duplicate. */
  private linker: CustomerLink | undefined;

  private renderLink(task: Task) {
    const module = linking.value;
    if (!module) {
      void linking.load().then(() => this.requestUpdate(), () => undefined);
      return nothing;
    }
    this.linker ??= new module.CustomerLink(this, {
      i18n: this.i18n,
      store: () => this.store,
      errorText: (error) => this.errorText(error),
      linked: (customer) => {
        this.announce(this.i18n.t('customer.linked', { name: this.nameOf(customer) }));
        this.dispatchEvent(new CareCustomerLinkedEvent(customer));
        this.focusLater('[part~=name]');
      },
    });
    return this.linker.render(task);
  }

  /** The words customer-form.ts renders with. */
  private readonly text: FormText = { i18n: this.i18n, errorText: (issue) => this.errorText(issue) };

  private targetId(): Id | null {
    return this.customerId || this.shown.value?.customerId || null;
  }

  /** The shown task, when it has no customer yet and this element follows it. */
  private newCustomerTask(): Task | null {
    const task = this.customerId ? null : this.shown.value;
    return task && task.customerId === null ? task : null;
  }

  private isOpen(key: string, byDefault: boolean): boolean {
    return this.toggled[key] ?? byDefault;
  }

  private setOpen(key: string, open: boolean): void {
    this.toggled = { ...this.toggled, [key]: open };
  }

  private focusLater(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  /** Unfinished business in a draft keeps the form open and editing, also after a re-render or re-mount. */
  private draftActive(view: DraftView<'customer'> | null | undefined): boolean {
    return !!view && (view.dirty || view.saving || !!view.stash || !!view.conflict || !!view.error);
  }

  // ── Existing customer ────────────────────────────────────────────────

  private edit(id: Id): void {
    this.editing = id;
    this.setOpen(`customer:${id}`, true);
    this.focusLater('#name');
  }

  private cancel(id: Id): void {
    this.store?.discard('customer', id);
    this.editing = null;
    this.setOpen(`customer:${id}`, false);
    this.focusLater('[part~="name"]');
  }

  private async save(id: Id): Promise<void> {
    const store = this.store;
    const view = this.draft.value;
    if (!store || !view || view.id !== id || view.saving || view.issues.length || view.conflict) return;
    if (!view.dirty) {
      // Nothing to send; a stash still waits for Restore or Forget, so only an empty draft is dropped.
      if (!view.stash) {
        store.discard('customer', id);
        this.editing = null;
        this.focusLater('[data-edit]');
      }
      return;
    }
    const result = await store.saveCustomer(id);
    // A failure stays in the draft (its error or conflict), shown in place with the text kept.
    if (!result.ok) return;
    if (this.editing === id) this.editing = null;
    this.announce(this.i18n.t('customer.saved', { name: this.nameOf(result.value) }));
    this.dispatchEvent(new CareCustomerSavedEvent(result.value));
    this.focusLater('[data-edit]');
  }

  private loadTheirs(id: Id): void {
    this.store?.loadTheirs('customer', id);
    // Load removes its own button; the choice about the put-aside text comes next.
    this.focusLater('[data-restore]');
  }

  private restoreMine(id: Id): void {
    this.store?.restoreMine('customer', id);
    this.editing = id;
    this.focusLater('#name');
  }

  private forgetMine(id: Id): void {
    this.store?.dismissStash('customer', id);
    this.focusLater('#name');
  }

  // ── New customer ─────────────────────────────────────────────────────

  private async create(task: Task, values: ContactFields): Promise<void> {
    const store = this.store;
    if (!store || this.creating.has(task.id) || validateCustomerFields(values).length) return;
    this.creating = new Set([...this.creating, task.id]);
    this.createError = null;
    const result = await store.createCustomer(task.id);
    this.creating = new Set([...this.creating].filter((id) => id !== task.id));
    if (!result.ok) {
      this.createError = { taskId: task.id, error: result.error };
      return;
    }
    this.setOpen(`customer:${result.value.id}`, true);
    this.announce(this.i18n.t('customer.created', { name: this.nameOf(result.value) }));
    this.dispatchEvent(new CareCustomerCreatedEvent(result.value));
    this.focusLater('[part~="name"]');
  }

  // ── Rendering ────────────────────────────────────────────────────────

  protected override render() {
    if (!this.store) return this.renderNoStore();
    const id = this.targetId();
    const task = this.newCustomerTask();
    const body = id ? this.renderExisting(id) : task ? this.renderNew(task) : this.renderEmpty();
    return html`<section part="base" aria-label=${this.i18n.t('customer.heading')}>
      ${body}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private renderEmpty() {
    return html`<p part="empty" class="muted">${this.i18n.t('customer.none')}</p>`;
  }

  private renderExisting(id: Id) {
    const i = this.i18n;
    const loadable = this.customer.value;
    if (!loadable || loadable.status === 'loading') return html`<p class="muted" role="status">${i.t('common.loading')}</p>`;
    if (loadable.status === 'error') {
      return html`<div part="error" class="error" role="alert">
        <span>${i.t('customer.loadFailed')} ${this.errorText(loadable.error)}</span>
        <button type="button" @click=${() => this.store?.retry({ kind: 'customer', id })}>${i.t('common.retry')}</button>
      </div>`;
    }
    const saved = loadable.value;
    const view = this.draft.value?.id === id ? this.draft.value : null;
    const active = this.draftActive(view);
    const key = `customer:${id}`;
    const open = this.isOpen(key, active);
    const canEdit = this.editable.value === true;
    const editing = canEdit && (this.editing === id || active);
    const values = view?.values ?? saved;
    return html`
      ${this.renderHeading(key, this.nameOf(saved), open)}
      ${view?.conflict ? this.renderConflict(id, view) : nothing}
      ${view?.stash ? this.renderStash(id, view.stash) : nothing}
      ${open
        ? renderForm(
            this.text,
            {
              values,
              issues: editing ? (view?.issues ?? []) : [],
              editable: editing,
              onInput: (field, value) => this.store?.editCustomer(id, { [field]: value }),
            },
            editing ? this.renderEditActions(id, view) : this.renderReadActions(id, canEdit),
            editing && view?.error && !view.conflict ? this.renderFailure('customer.saveFailed', this.errorText(view.error)) : nothing,
            () => void this.save(id),
          )
        : html`${renderDetails(this.text, saved)}
          ${view?.dirty ? html`<p part="note" class="warning">${i.t('customer.unsaved')}</p>` : nothing}`}
    `;
  }

  private renderNew(task: Task) {
    const i = this.i18n;
    const values = this.newCustomer.value;
    if (!values) return this.renderEmpty();
    const key = `new:${task.id}`;
    const open = this.isOpen(key, true);
    // R25: only an accepted task's customer is created; a previewed one is read-only.
    const editable = task.state === 'accepted';
    const issues = editable ? validateCustomerFields(values) : [];
    const creating = this.creating.has(task.id);
    const error = this.createError?.taskId === task.id ? this.errorText(this.createError.error) : '';
    return html`
      ${this.renderHeading(key, this.nameOf(values), open, html`<span class="muted">${i.t('customer.new')}</span>`)}
      ${open
        ? renderForm(
            this.text,
            { values, issues, editable, onInput: (field, value) => this.store?.editNewCustomer(task.id, { [field]: value }) },
            editable
              ? html`<button type="submit" class="primary" ?disabled=${creating || issues.length > 0}>
                  ${creating ? i.t('customer.creating') : i.t('customer.create')}
                </button>`
              : html`<p part="note" class="muted">${i.t('customer.readOnlyPreview')}</p>`,
            error ? this.renderFailure('customer.createFailed', error) : nothing,
            () => void this.create(task, values),
          )
        : renderDetails(this.text, values)}
      ${editable ? this.renderLink(task) : nothing}
    `;
  }

  private renderHeading(key: string, name: string, open: boolean, extra: unknown = nothing) {
    return html`<h2 part="heading">
      <button
        type="button"
        part="name"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? 'form' : nothing}
        @click=${() => this.setOpen(key, !open)}
      >${name}</button>
      ${extra}
    </h2>`;
  }

  private renderReadActions(id: Id, canEdit: boolean) {
    const i = this.i18n;
    if (canEdit) return html`<button type="button" data-edit @click=${() => this.edit(id)}>${i.t('customer.edit')}</button>`;
    const shown = this.shown.value;
    const previewing = !!shown && shown.customerId === id && shown.state !== 'accepted';
    return html`<p part="note" class="muted">${i.t(previewing ? 'customer.readOnlyPreview' : 'customer.readOnly')}</p>`;
  }

  private renderEditActions(id: Id, view: DraftView<'customer'> | null) {
    const i = this.i18n;
    const saving = view?.saving ?? false;
    // With nothing typed but a stash waiting, Save would do nothing: the stash note asks first.
    const blocked = saving || (view?.issues.length ?? 0) > 0 || !!view?.conflict || (!!view?.stash && !view.dirty);
    return html`<button type="button" @click=${() => this.cancel(id)}>${i.t('common.cancel')}</button>
      <button type="submit" class="primary" ?disabled=${blocked}>${saving ? i.t('customer.saving') : i.t('customer.save')}</button>`;
  }

  private renderFailure(key: StringKey, message: string) {
    return html`<p part="error" class="error" role="alert">${this.i18n.t(key)} ${message}</p>`;
  }

  /** R6: who changed the customer, and Load. */
  private renderConflict(id: Id, view: DraftView<'customer'>) {
    const i = this.i18n;
    const who = view.conflict?.changedBy?.name;
    return html`<div part="conflict" class="warning" role="alert">
      <p>${who ? i.tb('customer.conflict', { name: who }) : i.t('customer.conflictSomeone')}</p>
      <p>${i.t('customer.conflictHint')}</p>
      <button type="button" @click=${() => this.loadTheirs(id)}>${i.t('customer.load')}</button>
    </div>`;
  }

  /** R6: the agent's own changes, put aside by Load, shown until restored or forgotten. */
  private renderStash(id: Id, stash: Partial<ContactFields>) {
    const i = this.i18n;
    const fields = FIELDS.filter((field) => stash[field] !== undefined);
    return html`<div part="stash" role="status">
      <p>${i.t('customer.stashed')}</p>
      <ul>
        ${fields.map((field) => html`<li>${fieldLabel(this.text, field)}: <bdi>${stash[field] || i.t('customer.notGiven')}</bdi></li>`)}
      </ul>
      <div class="buttons">
        <button type="button" data-restore class="primary" @click=${() => this.restoreMine(id)}>${i.t('customer.restore')}</button>
        <button type="button" @click=${() => this.forgetMine(id)}>${i.t('customer.forget')}</button>
      </div>
    </div>`;
  }
}
