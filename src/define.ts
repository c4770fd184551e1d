/**
 * Registers every Care Kit element. Import once (a side effect):
 * `import 'care-kit/define'`. Providers are defined first so elements
 * already in the page find their store when they upgrade.
 */
import './i18n/index.js';
import { CareActivity } from './elements/care-activity/care-activity.js';
import { CareAgentStatus } from './elements/care-agent-status/care-agent-status.js';
import { CareComments } from './elements/care-comments/care-comments.js';
import { CareCommunication } from './elements/care-communication/care-communication.js';
import { CareCustomer } from './elements/care-customer/care-customer.js';
import { CareDesktop } from './elements/care-desktop/care-desktop.js';
import { CareProvider } from './elements/care-provider/care-provider.js';
import { CareJourney } from './elements/care-journey/care-journey.js';
import { CareQueue } from './elements/care-queue/care-queue.js';
import { CareRequestElement } from './elements/care-request/care-request.js';

const elements: [string, CustomElementConstructor][] = [
  ['care-provider', CareProvider],
  ['care-desktop', CareDesktop],
  ['care-agent-status', CareAgentStatus],
  ['care-communication', CareCommunication],
  ['care-customer', CareCustomer],
  ['care-journey', CareJourney],
  ['care-queue', CareQueue],
  ['care-activity', CareActivity],
  ['care-comments', CareComments],
  ['care-request', CareRequestElement],
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
    'care-customer': CareCustomer;
    'care-journey': CareJourney;
    'care-queue': CareQueue;
    'care-activity': CareActivity;
    'care-comments': CareComments;
    'care-request': CareRequestElement;
  }
}
