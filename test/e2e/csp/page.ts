// The strict page's script: the whole care-desktop on the embedded engine, bundled
// into one file so the page needs nothing but 'self'. The e2e drives it through `window.care`.
import '../../../src/define.js';
import { SystemClock } from '../../../src/engine/clock.js';
import { CareEngine } from '../../../src/engine/engine.js';
import { createSeed } from '../../../src/engine/seed.js';
import { CareStore } from '../../../src/state/store.js';
import { MemoryTransport } from '../../../src/transport/memory.js';

const clock = new SystemClock();
const engine = new CareEngine({ clock, seed: createSeed({ now: clock.now() }) });
const store = new CareStore(new MemoryTransport(engine, { agentId: 'agent-1' }), { now: () => clock.now() });
document.querySelector('care-desktop')!.store = store;
void store.connect();
(window as unknown as { care: unknown }).care = { engine, store };
