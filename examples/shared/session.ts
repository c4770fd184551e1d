/**
 * The backend every example runs on: Care Kit's embedded engine, with 40
 * seeded customers and their journeys, inside the page. An integration with
 * a real backend replaces this file with its own `CareTransport` (the
 * contract is in src/transport/port.ts) and keeps the rest of the example.
 */
import { CareEngine, Simulator, SystemClock, createSeed, type Clock } from '../../src/engine/index.js';
import { CareStore, MemoryTransport } from '../../src/index.js';

/** The agent at the keyboard; the seed has three colleagues besides. */
export const AGENT_ID = 'agent-1';

export interface ExampleOptions {
  /** Where time comes from. Default: real time; tests pass a VirtualClock. */
  clock?: Clock;
  /** Bring in chats and calls and run simulated colleagues, starting with one chat in the pick queue. Default false. */
  simulate?: boolean;
  /** Simulated network delay of every call, in ms. Default 0. */
  latency?: number;
}

export interface ExampleSession {
  engine: CareEngine;
  store: CareStore;
  /** Stops the traffic, the store and the engine's timers. */
  dispose(): void;
}

/** What each example's `mount` returns: the engine to drive (tests bring in tasks with `engine.receive`), the store, and the way out. */
export interface ExampleHandles {
  engine: CareEngine;
  store: CareStore;
  /** Removes the example's UI and stops its session. */
  unmount(): void;
}

/** A connecting store for {@link AGENT_ID} over a fresh engine. */
export function createSession(options: ExampleOptions = {}): ExampleSession {
  const clock = options.clock ?? new SystemClock();
  const engine = new CareEngine({ clock, seed: createSeed({ now: clock.now() }) });
  const transport = new MemoryTransport(engine, { agentId: AGENT_ID, latency: options.latency ?? 0 });
  const store = new CareStore(transport, { now: () => clock.now() });
  const simulator = options.simulate ? new Simulator(engine, { people: [AGENT_ID] }) : undefined;
  if (simulator) {
    simulator.start();
    // Something to accept at once, instead of waiting for the first arrival.
    simulator.arrive('chat', true);
  }
  void store.connect();
  return {
    engine,
    store,
    dispose() {
      simulator?.stop();
      store.dispose();
      engine.dispose();
    },
  };
}
