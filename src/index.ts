/**
 * Care Kit's public API. Importing this module has no side effects: it
 * registers no elements and starts no engine.
 */
export * from './model/types.js';
export * from './model/limits.js';
export * from './model/errors.js';
export * from './model/validation.js';
export * from './model/rules.js';
export type { CareTransport, CareEvent, CareEventListener, EntityChange, RevokeReason, SessionSnapshot, TransportOperation } from './transport/port.js';
export { isCareEvent, isSessionSnapshot } from './transport/guards.js';
export { MemoryTransport, type MemoryTransportOptions, type FailureInjector } from './transport/memory.js';
export { CareStore, type CareStoreOptions, type CloseCheck, type CloseResolution } from './state/store.js';
export type * from './state/types.js';
export { careStoreContext } from './state/context.js';
export { ObserveController } from './state/observe-controller.js';
