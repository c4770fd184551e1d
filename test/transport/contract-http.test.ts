import { expect } from '@open-wc/testing';
import { EventSource } from 'eventsource';
import { HttpTransport } from '../../src/transport/http.js';
import type { Task } from '../../src/model/types.js';
import { CareStore } from '../../src/state/store.js';
import { CONTRACT_WORLD, defineTransportContract } from '../../src/transport/contract.js';
import { rejected } from '../support/expect-error.js';
import { until } from '../support/session.js';

// care-kit/http against the example server, which test/support/http-backend-plugin.mjs
// serves from the test runner's own dev server (same origin). The example server's stand-in
// for sign-in takes the agent id as the bearer token. Two agents share this page, so one
// cookie cannot sign in both: the event stream goes through the eventsource package, which
// sends the token (as a Node client would); the browser's own EventSource and the cookie are
// the default path, taken by the last test.
const API = '/care-api';
const as = (agentId: string) => new HttpTransport({ baseUrl: API, token: agentId, EventSource });

async function control<T>(route: string, body: unknown = {}): Promise<T> {
  const response = await fetch(API + route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

defineTransportContract(
  'care-kit/http HttpTransport over fetch and Server-Sent Events (example server)',
  async () => {
    await control('/reset');
    return {
      transport: as,
      backend: {
        receive: (inbound) => control<Task>('/receive', inbound),
        advance: async (ms) => void (await control('/advance', { ms })),
      },
    };
  },
  { describe, it, timeRules: true },
);

describe('HttpTransport', () => {
  const signal = () => new AbortController().signal;
  beforeEach(() => control('/reset'));

  it('an agent the backend does not know is auth (HTTP 401)', async () => {
    const stranger = as('agent-404');
    expect((await rejected(stranger.connect(signal()))).kind).to.equal('auth');
  });

  it('an unreachable backend, or one answering something other than the protocol, is network', async () => {
    const down = new HttpTransport({ baseUrl: API, token: 'agent-1', fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    expect((await rejected(down.getCustomer('cust-ann', signal()))).kind).to.equal('network');
    const proxy = new HttpTransport({ baseUrl: API, token: 'agent-1', fetch: async () => new Response('<h1>Bad gateway</h1>', { status: 502 }) });
    const error = await rejected(proxy.getCustomer('cust-ann', signal()));
    expect([error.kind, error.message]).to.deep.equal(['network', 'The service answered HTTP 502.']);
  });

  it('aborting a call in flight rejects it with kind aborted', async () => {
    const slow = new HttpTransport({
      baseUrl: API,
      token: 'agent-1',
      fetch: (_, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')))),
    });
    const controller = new AbortController();
    const pending = slow.getCustomer('cust-ann', controller.signal);
    controller.abort();
    expect((await rejected(pending)).kind).to.equal('aborted');
  });

  it('R3 B6 the browser path (cookie, native EventSource): a CareStore over it sees a pick task arrive and accepts it (payloads checked: validated is false)', async () => {
    const transport = new HttpTransport({ baseUrl: API });
    expect(transport.validated).to.equal(false);
    expect((await rejected(transport.getCustomer('cust-ann', signal()))).kind, 'no cookie yet').to.equal('auth');
    // What the reference server's sign-in sets (HttpOnly there); the example server takes the agent id as the session.
    document.cookie = 'care_session=agent-1; path=/care-api; SameSite=Strict';
    const store = new CareStore(transport);
    try {
      expect((await store.connect()).ok).to.equal(true);
      const task = await control<Task>('/receive', { media: 'chat', contact: CONTRACT_WORLD.customer.contact, opening: 'Hi', queueId: CONTRACT_WORLD.pickQueue });
      await until(store.queue$, (queue) => queue.some((t) => t.id === task.id));
      expect((await store.accept(task.id)).ok).to.equal(true);
      await until(store.inProgress$, (tasks) => tasks.some((t) => t.id === task.id));
    } finally {
      store.dispose();
      document.cookie = 'care_session=; path=/care-api; max-age=0';
    }
  });
});
