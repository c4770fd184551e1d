import { firstValueFrom, filter, timeout, type Observable } from 'rxjs';
import type { CareEngine } from '../../src/engine/engine.js';
import { CareStore, type CareStoreOptions } from '../../src/state/store.js';
import { MemoryTransport, type MemoryTransportOptions } from '../../src/transport/memory.js';

/** A connected store for one agent over the memory transport. */
export async function session(
  engine: CareEngine,
  agentId: string,
  options: Partial<MemoryTransportOptions> & CareStoreOptions = {},
): Promise<{ store: CareStore; transport: MemoryTransport }> {
  const transport = new MemoryTransport(engine, { agentId, ...options });
  const store = new CareStore(transport, { now: () => engine.now(), ...options });
  const result = await store.connect();
  if (!result.ok) throw result.error;
  return { store, transport };
}

/** The first value of `source` that passes `test` (fails after 2 s instead of hanging). */
export function until<T>(source: Observable<T>, test: (value: T) => boolean = () => true): Promise<T> {
  return firstValueFrom(source.pipe(filter(test), timeout(2000)));
}

/** The current value of a replaying Observable. */
export function current<T>(source: Observable<T>): T {
  let value: T | undefined;
  let seen = false;
  source.subscribe((v) => {
    value = v;
    seen = true;
  }).unsubscribe();
  if (!seen) throw new Error('no current value');
  return value as T;
}

/** Lets pending microtasks and promise chains settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}
