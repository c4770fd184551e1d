/**
 * The embedded engine: a complete backend that runs in the browser (or Node)
 * with seeded data. A separate entry so hosts with their own backend never
 * load it.
 */
export { CareEngine, type EngineOptions, type InboundTask } from './engine.js';
export type { SessionSnapshot } from '../model/types.js';
export { SystemClock, VirtualClock, type Clock, type TimerHandle } from './clock.js';
export type { EngineEvent, EngineListener, TaskCause } from './events.js';
export { createSeed, type SeedData, type SeedOptions } from './seed.js';
export { createInboundContact, customerFollowUp, type InboundContact } from './traffic.js';
export { Simulator, type SimulatorOptions } from './simulator.js';
export { Random } from './random.js';
