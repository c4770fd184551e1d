import { consume } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { Observable } from 'rxjs';
import { LocaleController } from '../i18n/localize.js';
import { displayNameOrNull } from '../model/rules.js';
import type { CareRequest, ContactFields, MediaType, Task } from '../model/types.js';
import type { StringKey } from '../i18n/en.js';
import { MEDIA_LABELS } from './icons.js';
import { careStoreContext } from '../state/context.js';
import { ObserveController } from '../state/observe-controller.js';
import type { CareStore } from '../state/store.js';
import { baseStyles } from '../styles/tokens.js';

const STATUS_LABELS: Record<CareRequest['status'], StringKey> = {
  open: 'request.status.open',
  resolved: 'request.status.resolved',
  closed: 'request.status.closed',
};

interface Binding {
  controller: ObserveController<unknown>;
  select: (store: CareStore) => Observable<unknown> | null | undefined;
}

/**
 * The base of every care-* element: finds the store of the closest provider
 * through context, follows the language of the closest `[lang]`, and binds
 * Observables of the store to the render.
 */
export class CareElement extends LitElement {
  static override styles = [baseStyles];

  /** The store of the closest provider above this element. */
  @consume({ context: careStoreContext, subscribe: true })
  @state()
  protected contextStore: CareStore | undefined;

  /** The store this element works with; undefined outside a provider. */
  protected get store(): CareStore | undefined {
    return this.contextStore;
  }

  /** Strings and formats in the element's language. */
  protected readonly i18n = new LocaleController(this);

  private readonly bindings: Binding[] = [];

  /**
   * Binds what `select` returns to the render. `select` runs before every
   * update, so it may read the element's properties (a `customer-id`); the
   * store hands out the same Observable for the same key, so nothing
   * resubscribes unless the key changed.
   */
  protected watch<T>(select: (store: CareStore) => Observable<T> | null | undefined): ObserveController<T> {
    const controller = new ObserveController<T>(this);
    this.bindings.push({ controller: controller as ObserveController<unknown>, select });
    return controller;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    for (const binding of this.bindings) {
      binding.controller.source = this.store ? (binding.select(this.store) ?? null) : null;
    }
  }

  /** The R24 display name in the element's language. */
  protected nameOf(contact: Partial<ContactFields> | null | undefined): string {
    return displayNameOrNull(contact) ?? this.i18n.t('common.unknownCustomer');
  }

  /** A task's customer by display name: the saved record if known, else what the contact said (R24). */
  protected nameOfTask(task: Task): string {
    const saved = task.customerId ? this.store?.snapshot.customers[task.customerId] : undefined;
    return this.nameOf(saved ?? task.contact);
  }

  /** A medium in the element's language. */
  protected mediaLabel(media: MediaType): string {
    return this.i18n.t(MEDIA_LABELS[media]);
  }

  /** A request status in the element's language. */
  protected statusLabel(status: CareRequest['status']): string {
    return this.i18n.t(STATUS_LABELS[status]);
  }

  /** Text for the element's polite live region. */
  @state() protected announcement = '';

  /**
   * Says `text` through the live region. Cleared first, so the same words
   * twice in a row ("Comment added.") are announced twice.
   */
  protected announce(text: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  /** What to render when there is no provider: say so, plainly. */
  protected renderNoStore() {
    return html`<p part="error" class="error" role="alert">${this.i18n.t('common.noStore')}</p>`;
  }
}
