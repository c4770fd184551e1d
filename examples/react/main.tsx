/**
 * Care Kit in a React 19 app, through the kit's React components
 * (src/react, `care-kit/react` when installed). The app keeps its own state
 * and renders it: `onTaskAccepted` stores the accepted task, and the header
 * shows it. One `CareProvider` gives every Care Kit component the store.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { displayName, type CareStore, type Task } from '../../src/index.js';
import { CareAgentStatus, CareCommunication, CareCustomer, CareJourney, CareProvider, CareQueue, CareRequest } from '../../src/react/index.js';
import { createSession, type ExampleHandles, type ExampleOptions } from '../shared/session.js';

function App({ store }: { store: CareStore }) {
  const [accepted, setAccepted] = useState<Task | null>(null);
  return (
    // The provider hears care-task-accepted from any component inside it: the queue's Accept and an offer's Accept.
    <CareProvider store={store} onTaskAccepted={(event) => setAccepted(event.task)}>
      <header className="app-header">
        <h1>Helpdesk</h1>
        <p role="status" data-last-accepted>
          {accepted ? `Last accepted: ${displayName(accepted.contact)}` : 'Nothing accepted yet.'}
        </p>
      </header>
      <div className="app-columns">
        <section aria-label="Work">
          <CareAgentStatus />
          <CareQueue />
        </section>
        <main>
          <CareCommunication />
          <CareCustomer />
          <CareRequest />
        </main>
        <aside aria-label="Customer journey">
          <CareJourney />
        </aside>
      </div>
    </CareProvider>
  );
}

/** Renders the app into `root` with a new session. */
export function mount(root: HTMLElement, options: ExampleOptions = {}): ExampleHandles {
  const { engine, store, dispose } = createSession(options);
  const reactRoot = createRoot(root);
  reactRoot.render(
    <StrictMode>
      <App store={store} />
    </StrictMode>,
  );
  return {
    engine,
    store,
    unmount() {
      reactRoot.unmount();
      dispose();
    },
  };
}
