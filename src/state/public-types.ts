/**
 * The types elements need from below the store, re-exported so that elements import the store's
 * public surface only and never a transport module (the layering: elements know the store).
 */
export type { CareTransport } from '../transport/port.js';
