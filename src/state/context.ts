import { createContext } from '@lit/context';
import type { CareStore } from './store.js';

/**
 * The context key under which a provider (care-desktop, or a host's own
 * element) hands one {@link CareStore} to every care-* element below it.
 * The store object is stable; its Observables carry the changes.
 */
export const careStoreContext = createContext<CareStore | undefined>(Symbol.for('care-kit/store'));
