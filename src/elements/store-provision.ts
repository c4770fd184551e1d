import { ContextProvider } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import { careStoreContext } from '../state/context.js';
import { CareStore } from '../state/store.js';
import type { CareTransport } from '../state/public-types.js';

/**
 * Provides a store to the elements under a host: a ready store, or one it
 * makes, connects and owns from a transport, or else a fallback (the store
 * the host itself received from an ancestor). The context provider exists
 * from the host's construction, so children that upgrade before the host's
 * first update still find it and are told when the store arrives.
 */
export class StoreProvision {
  private readonly provider: ContextProvider<typeof careStoreContext>;
  private owned: CareStore | undefined;
  private transport: CareTransport | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.provider = new ContextProvider(host, { context: careStoreContext });
  }

  /** Call from the host's willUpdate; returns the store now provided, if any. */
  update(store: CareStore | undefined, transport: CareTransport | undefined, fallback?: CareStore): CareStore | undefined {
    if (transport !== this.transport) {
      this.transport = transport;
      this.owned?.dispose();
      this.owned = transport ? new CareStore(transport) : undefined;
      void this.owned?.connect();
    }
    const value = store ?? this.owned ?? fallback;
    this.provider.setValue(value);
    return value;
  }
}
