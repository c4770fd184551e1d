import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { CareStore } from '../../state/store.js';
import type { CareTransport } from '../../state/public-types.js';
import { STORE_GRACE_MS, StoreProvision } from '../store-provision.js';

/**
 * Hands one agent session's store to every care-* element inside it, so
 * widgets scattered over a host page (a journey in a sidebar, a request in
 * the main pane) share state.
 *
 * Give it a ready `store`, or a `transport` and it makes and connects the
 * store itself. A store it made lives as long as its transport: moving the
 * provider in the page keeps the session; setting another transport
 * disposes of it.
 *
 * @summary Provides a Care Kit store to the elements inside it.
 * @tag care-provider
 * @slot - Any content, with care-* elements anywhere inside.
 */
export class CareProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The store to provide. Set this or `transport`. */
  @property({ attribute: false })
  store: CareStore | undefined;

  /** A transport to make and connect a store from, when no `store` is given. */
  @property({ attribute: false })
  transport: CareTransport | undefined;

  /**
   * How long, in milliseconds, this element may be out of the document before the store it made from
   * `transport` is disposed (N6). A move (removed and put back within it) keeps the store and its link.
   */
  @property({ type: Number, attribute: 'store-grace' })
  storeGrace = STORE_GRACE_MS;

  private readonly provision = new StoreProvision(this, () => this.storeGrace);

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.provision.update(this.store, this.transport);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
