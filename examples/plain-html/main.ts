/**
 * Wires Care Kit into the CRM page of index.html: one `care-provider` wraps
 * the page, so the widgets scattered over it (status and queue in the top
 * bar, customer and request in the main pane, journey in the sidebar) share
 * one store, and the page reacts to the kit's events with its own code.
 */
import '../../src/define.js';
import type { CareTaskAcceptedEvent } from '../../src/events.js';
import { displayName } from '../../src/index.js';
import { createSession, type ExampleHandles, type ExampleOptions } from '../shared/session.js';

/** Connects the CRM markup inside `root` (index.html's body) to a new session. */
export function mount(root: HTMLElement, options: ExampleOptions = {}): ExampleHandles {
  const provider = root.querySelector('care-provider');
  const notice = root.querySelector<HTMLElement>('[data-crm-notice]');
  if (!provider || !notice) throw new Error('mount() needs the CRM markup of index.html: a care-provider and a [data-crm-notice]');

  const { engine, store, dispose } = createSession(options);
  provider.store = store;

  // The screen-pop: a real CRM would open its record for event.task.customerId here.
  const onAccepted = ({ task }: CareTaskAcceptedEvent) => {
    const name = displayName(task.contact);
    notice.textContent = task.customerId ? `CRM record opened for ${name}` : `New contact ${name}: no CRM record yet`;
  };
  root.addEventListener('care-task-accepted', onAccepted);

  return {
    engine,
    store,
    unmount() {
      root.removeEventListener('care-task-accepted', onAccepted);
      provider.store = undefined;
      dispose();
    },
  };
}
