/**
 * `care-kit/tabs`: one agent's tabs share one session (N2). Wrap the way
 * the host makes its transport; only the tab that leads makes one.
 *
 * ```ts
 * const transport = shareAcrossTabs(() => new HttpTransport({ baseUrl }), { name: `${baseUrl} ${agentId}` });
 * const store = new CareStore(transport);
 * ```
 */
import type { CareTransport } from './port.js';
import { TabSharedTransport, type TabSharingOptions } from './tabs/tab-shared-transport.js';

export { TabSharedTransport };
export type { TabChannel, TabLocks, TabSharingOptions } from './tabs/tab-shared-transport.js';

/** A transport the agent's tabs of this browser share: one link, one event stream, one ring (see {@link TabSharedTransport}). */
export function shareAcrossTabs(make: () => CareTransport | Promise<CareTransport>, options: TabSharingOptions): TabSharedTransport {
  return new TabSharedTransport(make, options);
}
