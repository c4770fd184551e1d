/**
 * Registers every Care Kit element. Import once (a side effect):
 * `import 'care-kit/define'`. Providers are defined first so elements
 * already in the page find their store when they upgrade.
 */
import { CareAgentStatus } from './elements/care-agent-status/care-agent-status.js';
import { CareCommunication } from './elements/care-communication/care-communication.js';
import { CareDesktop } from './elements/care-desktop/care-desktop.js';
import { CareProvider } from './elements/care-provider/care-provider.js';
import { CareQueue } from './elements/care-queue/care-queue.js';

const elements: [string, CustomElementConstructor][] = [
  ['care-provider', CareProvider],
  ['care-desktop', CareDesktop],
  ['care-agent-status', CareAgentStatus],
  ['care-communication', CareCommunication],
  ['care-queue', CareQueue],
];

for (const [tag, element] of elements) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'care-provider': CareProvider;
    'care-desktop': CareDesktop;
    'care-agent-status': CareAgentStatus;
    'care-communication': CareCommunication;
    'care-queue': CareQueue;
  }
}
