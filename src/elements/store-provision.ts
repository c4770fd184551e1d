import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { careStoreContext } from '../state/context.js';
import { CareStore } from '../state/store.js';
import type { CareTransport } from '../state/public-types.js';

/**
 * How long a host may be out of the document before the store it made is
 * disposed (N6). Long enough for a framework to move the element (remove and
 * re-insert it) without a reconnect; short enough that a host that left for
 * good stops listening to its backend promptly.
 */
export const STORE_GRACE_MS = 5_000;

/**
 * Provides a store to the elements under a host: a ready store, or one it
 * makes, connects and owns from a transport, or else a fallback (the store
 * the host itself received from an ancestor). The context provider exists
 * from the host's construction, so children that upgrade before the host's
 * first update still find it and are told when the store arrives.
 *
 * A store it made is disposed when the host has been out of the document
 * for {@link STORE_GRACE_MS} (N6), and made afresh if the host comes back.
 */
export class StoreProvision implements ReactiveController {
  private readonly provider: ContextProvider<typeof careStoreContext>;
  private owned: CareStore | undefined;
  private transport: CareTransport | undefined;
  private leaving: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly graceMs: () => number = () => STORE_GRACE_MS,
  ) {
    this.provider = new ContextProvider(host, { context: careStoreContext });
    host.addController(this);
  }

  /** Call from the host's willUpdate; returns the store now provided, if any. */
  update(store: CareStore | undefined, transport: CareTransport | undefined, fallback?: CareStore): CareStore | undefined {
    if (transport !== this.transport) {
      this.transport = transport;
      this.release();
    }
    if (this.transport && !this.owned && this.host.isConnected) {
      this.owned = new CareStore(this.transport, { persist: true });
      void this.owned.connect();
    }
    const value = store ?? this.owned ?? fallback;
    this.provider.setValue(value);
    return value;
  }

  hostConnected(): void {
    clearTimeout(this.leaving);
    this.leaving = undefined;
    // Back after the store was let go: the next update makes a fresh one.
    if (this.transport && !this.owned) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    if (!this.owned) return;
    clearTimeout(this.leaving);
    this.leaving = setTimeout(() => {
      this.leaving = undefined;
      if (!this.host.isConnected) this.release();
    }, this.graceMs());
  }

  private release(): void {
    this.owned?.dispose();
    this.owned = undefined;
  }
}
