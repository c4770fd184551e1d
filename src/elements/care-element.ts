import { consume } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { Observable } from 'rxjs';
import { LocaleController } from '../i18n/localize.js';
import { displayNameOrNull } from '../model/rules.js';
import type { ContactFields } from '../model/types.js';
import { careStoreContext } from '../state/context.js';
import { ObserveController } from '../state/observe-controller.js';
import type { CareStore } from '../state/store.js';
import { baseStyles } from '../styles/tokens.js';

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

  /** What to render when there is no provider: say so, plainly. */
  protected renderNoStore() {
    return html`<p part="error" class="error" role="alert">${this.i18n.t('common.noStore')}</p>`;
  }
}
