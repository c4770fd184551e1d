import { expect } from '@open-wc/testing';
import * as bodies from '../../src/model/commands.js';
import type { CareErrorKind, CareErrorPayload } from '../../src/model/errors.js';
import type { Schema } from '../../src/model/schema.js';
import type { CareEvent } from '../../src/transport/port.js';
import { HttpTransport, type EventSourceOptions, type HttpTransportOptions } from '../../src/transport/http.js';
import { rejected } from '../support/expect-error.js';

// care-kit/http against a fake fetch and a fake EventSource passed in through its options:
// what it puts on the wire and what it makes of what comes back (docs/adapters.md, "The protocol").

const API = 'https://care.example/care-api';
const signal = () => new AbortController().signal;
const aborted = () => AbortSignal.abort();

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  body: Record<string, unknown> | undefined;
}

/** A fetch that records what it is sent and answers with `reply` (200 `{}` by default). */
function fakeFetch(reply: (sent: Sent) => Response = () => Response.json({})) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const one: Sent = {
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      credentials: init.credentials,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
    };
    sent.push(one);
    return reply(one);
  };
  return { fetch, sent };
}

/** An EventSource whose test drives it: open, messages with ids, drops, give-ups, resets. */
function fakeEventSource() {
  const made: FakeSource[] = [];
  class FakeSource extends EventTarget {
    readyState = 0;
    constructor(
      readonly url: string,
      readonly init?: EventSourceOptions,
    ) {
      super();
      made.push(this);
    }
    close() {
      this.readyState = 2;
    }
    open() {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    }
    send(event: unknown, id?: number) {
      this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(event), lastEventId: id === undefined ? '' : String(id) }));
    }
    /** The connection drops: the EventSource retries (CONNECTING), or gives up (CLOSED) as after an HTTP error. */
    drop(giveUp = false) {
      this.readyState = giveUp ? 2 : 0;
      this.dispatchEvent(new Event('error'));
    }
    reset() {
      this.dispatchEvent(new MessageEvent('reset', { data: '{}' }));
    }
  }
  return { EventSource: FakeSource, made };
}

function transport(options: Partial<HttpTransportOptions> = {}) {
  const net = fakeFetch();
  const es = fakeEventSource();
  const t = new HttpTransport({ baseUrl: API, fetch: net.fetch, EventSource: es.EventSource, ...options });
  const heard: CareEvent[] = [];
  return { t, sent: net.sent, made: es.made, heard, listen: () => t.subscribe((event) => heard.push(event)) };
}

const comment = (n: number) => ({ type: 'comment-added', comment: { id: `c-${n}` } }) as unknown as CareEvent;
const offline: CareEvent = { type: 'connection', online: false };
const online: CareEvent = { type: 'connection', online: true };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('care-kit/http HttpTransport (fake fetch and EventSource)', () => {
  it('B6 with a token every request carries Authorization: Bearer, and nothing names the agent (no X-Care-Agent, no ?agent=)', async () => {
    const { t, sent, made, listen } = transport({ token: 'tok-1' });
    listen();
    await t.getCustomer('cust-ann', signal());
    await t.setStatus('ready', signal());
    await t.removeTag('act-1', 'vip', signal());
    expect(sent.map((s) => s.headers.authorization)).to.deep.equal(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1']);
    for (const s of sent) {
      expect(Object.keys(s.headers).map((h) => h.toLowerCase())).not.to.include('x-care-agent');
      expect(s.url).not.to.match(/agent=/);
    }
    expect(made[0]!.url).to.equal(`${API}/events`);
    expect(sent[0]!.credentials).to.equal('same-origin');
  });

  it('B6 the stream gets the token through the fetch handed to the EventSource (the eventsource package uses it; the browser sends the cookie)', async () => {
    const { made, sent, listen } = transport({ token: 'tok-2' });
    listen();
    const init = made[0]!.init!;
    expect(init.fetch, 'a fetch for EventSources that take one').to.be.a('function');
    await init.fetch!(`${API}/events`, { headers: { Accept: 'text/event-stream', 'Last-Event-ID': '9' }, credentials: 'same-origin' });
    expect(sent[0]!.headers).to.deep.equal({ Accept: 'text/event-stream', 'Last-Event-ID': '9', authorization: 'Bearer tok-2' });
  });

  it('B6 without a token it relies on the session cookie: no Authorization, credentials same-origin by default, include on request', async () => {
    const plain = transport();
    plain.listen();
    await plain.t.getCustomer('cust-ann', signal());
    expect(plain.sent[0]!.headers.authorization).to.equal(undefined);
    expect(plain.sent[0]!.credentials).to.equal('same-origin');
    expect(plain.made[0]!.init).to.deep.equal({ withCredentials: false });
    const cross = transport({ credentials: 'include' });
    cross.listen();
    await cross.t.getCustomer('cust-ann', signal());
    expect(cross.sent[0]!.credentials).to.equal('include');
    expect(cross.made[0]!.init).to.deep.equal({ withCredentials: true });
  });

  it('B1 a body is JSON with content-type application/json; a request without a body has no content-type', async () => {
    const { t, sent } = transport();
    await t.acceptTask('task/1', signal());
    await t.getJourney('cust-ann', signal());
    expect([sent[0]!.method, sent[0]!.url, sent[0]!.headers['content-type'], sent[0]!.body]).to.deep.equal(['POST', `${API}/tasks/task%2F1/accept`, 'application/json', {}]);
    expect([sent[1]!.method, sent[1]!.headers['content-type'], sent[1]!.body]).to.deep.equal(['GET', undefined, undefined]);
  });

  it('B1 every body the adapter sends passes the reference server\'s schema for its route (src/model/commands.ts)', async () => {
    const { t, sent } = transport();
    const s = signal();
    const fields = { title: 'Refund', description: 'Twice charged' };
    const checks: [Promise<unknown>, Schema<unknown>][] = [
      [t.setStatus('not-ready', s), bodies.setStatusBody],
      [t.createCustomer('task-1', { name: 'Ann', email: 'ann@example.com', phone: '' }, s), bodies.createCustomerBody],
      [t.updateCustomer('cust-ann', 2, { email: 'ann@example.org' }, s), bodies.updateCustomerBody],
      [t.createRequest('cust-ann', fields, s), bodies.createRequestBody],
      [t.updateRequest('req-1', 4, { status: 'resolved' }, s), bodies.updateRequestBody],
      [t.addTag('act-1', 'vip', s), bodies.tagBody],
      [t.addComment('act-1', 'Called back.', s), bodies.textBody],
      [t.sendChatMessage('act-1', 'Hello', s), bodies.textBody],
      [t.moveActivity('act-1', { newRequest: fields }, s), bodies.moveBody],
      [t.moveActivityToCustomer('act-1', 'cust-bob', s), bodies.moveToCustomerBody],
    ];
    await Promise.all(checks.map(([call]) => call));
    expect(sent.map((one, i) => checks[i]![1](one.body) ?? 'ok')).to.deep.equal(checks.map(() => 'ok'));
    await HttpTransport.signIn(API, 'agent-1', 'care-demo', { fetch: fakeFetch(({ body }) => Response.json(bodies.signInBody(body) ?? { agent: { id: 'agent-1', name: 'A' }, token: 'tok-1' })).fetch });
  });

  it('N3 every append carries an idempotency key, a fresh one per call; other writes carry none', async () => {
    const { t, sent } = transport();
    await t.addComment('act-1', 'Called back.', signal());
    await t.addComment('act-1', 'Called back.', signal());
    await t.sendChatMessage('act-1', 'Hello', signal());
    await t.createRequest('cust-ann', { title: 'Refund', description: '' }, signal());
    await t.moveActivity('act-1', { requestId: 'req-2' }, signal());
    const keys = sent.map((s) => s.body?.idempotencyKey);
    for (const key of keys) expect(key).to.be.a('string').and.to.match(/^[0-9a-f-]{8,128}$/);
    expect(new Set(keys).size, 'all different').to.equal(5);
    expect(sent[2]!.body).to.deep.equal({ text: 'Hello', idempotencyKey: keys[2] });
    expect(sent[3]!.body).to.deep.equal({ fields: { title: 'Refund', description: '' }, idempotencyKey: keys[3] });
    expect(sent[4]!.body).to.deep.equal({ target: { requestId: 'req-2' }, idempotencyKey: keys[4] });
    await t.addTag('act-1', 'vip', signal());
    await t.updateCustomer('cust-ann', 3, { name: 'Ann' }, signal());
    expect(sent.slice(5).map((s) => s.body?.idempotencyKey)).to.deep.equal([undefined, undefined]);
  });

  it('B4 events are handed on in order; a drop is online:false once, the next open online:true', () => {
    const { made, heard, listen } = transport();
    listen();
    const source = made[0]!;
    source.open();
    source.send(comment(1), 1);
    source.drop();
    source.drop(); // the EventSource retrying again: still one notice
    source.open();
    source.send(comment(4), 4);
    expect(heard).to.deep.equal([comment(1), offline, online, comment(4)]);
    expect(made.length, 'the EventSource reconnects by itself (sending Last-Event-ID)').to.equal(1);
  });

  it('B4 a duplicated id (at or below the last one seen) is dropped', () => {
    const { made, heard, listen } = transport();
    listen();
    made[0]!.open();
    made[0]!.send(comment(5), 5);
    made[0]!.send(comment(5), 5);
    made[0]!.send(comment(3), 3);
    made[0]!.send(comment(8), 8);
    expect(heard).to.deep.equal([comment(5), comment(8)]);
  });

  it('B4 a new EventSource resumes with ?since=<last id>: after the last listener left, and when connect finds the browser gave up', async () => {
    const { t, made, heard, listen } = transport();
    const stop = listen();
    made[0]!.open();
    made[0]!.send(comment(7), 7);
    stop();
    expect(made[0]!.readyState, 'closed with the last listener').to.equal(2);
    listen();
    expect(made[1]!.url).to.equal(`${API}/events?since=7`);
    made[1]!.open();
    made[1]!.send(comment(7), 7); // the resume overlapping what was delivered
    made[1]!.send(comment(9), 9);
    made[1]!.drop(true); // an HTTP error: the EventSource gives up
    const connecting = t.connect(signal());
    expect(made[2]!.url).to.equal(`${API}/events?since=9`);
    made[2]!.open();
    await connecting;
    expect(heard).to.deep.equal([comment(7), comment(9), offline, online]);
  });

  it('B4 a stream the EventSource gave up on is reopened by itself after reopenMs, resuming after the last id', async () => {
    const { made, heard, listen } = transport({ reopenMs: 20 });
    listen();
    made[0]!.open();
    made[0]!.send(comment(2), 2);
    made[0]!.drop(true);
    expect(made.length).to.equal(1);
    await wait(60);
    expect(made.map((s) => s.url)).to.deep.equal([`${API}/events`, `${API}/events?since=2`]);
    made[1]!.open();
    expect(heard).to.deep.equal([comment(2), offline, online]);
  });

  it('B4 event: reset (cursor too old) is online:false then online:true, so the store reloads; the ids start over', () => {
    const { made, heard, listen } = transport();
    listen();
    made[0]!.open();
    made[0]!.send(comment(40), 40);
    made[0]!.reset();
    made[0]!.send(comment(3), 3);
    expect(heard).to.deep.equal([comment(40), offline, online, comment(3)]);
  });

  it('B5 B6 error bodies are revived as their kinds: 413 and 422 validation, 412 conflict, 409 refused, 404 not-found, 401 auth, 503 network', async () => {
    const cases: [number, CareErrorPayload][] = [
      [413, { kind: 'validation', message: 'The request body is over 64 KiB.', issues: [{ field: 'body', code: 'too-long', message: 'Too long.' }] }],
      [422, { kind: 'validation', message: 'Too long.', issues: [{ field: 'description', code: 'too-long', message: 'Too long.', limit: 2000 }] }],
      [
        412,
        {
          kind: 'conflict',
          message: 'Changed meanwhile.',
          conflict: { entity: 'customer', id: 'cust-ann', expectedVersion: 1, actualVersion: 2, current: { id: 'cust-ann' }, changedBy: { id: 'agent-2', name: 'Soo-ah' } },
        },
      ],
      [409, { kind: 'refused', reason: 'read-only', message: 'The request is closed.' }],
      [404, { kind: 'not-found', message: 'No customer.' }],
      [401, { kind: 'auth', message: 'Sign in again.' }],
      [503, { kind: 'network', message: 'The database is not answering.' }],
    ];
    for (const [status, error] of cases) {
      const net = fakeFetch(() => Response.json({ error }, { status }));
      const t = new HttpTransport({ baseUrl: API, fetch: net.fetch });
      const caught = await rejected(t.updateCustomer('cust-ann', 1, { name: 'Ann' }, signal()));
      expect(caught.toJSON(), `HTTP ${status}`).to.deep.equal(error);
    }
  });

  it('N4 a non-JSON error page (a proxy\'s), an unreachable service and a 2xx without JSON are network', async () => {
    const kinds: CareErrorKind[] = [];
    const replies: (() => Promise<Response>)[] = [
      async () => new Response('<h1>502 Bad Gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }),
      async () => new Response('<h1>Request Entity Too Large</h1>', { status: 413 }),
      () => Promise.reject(new TypeError('Failed to fetch')),
      async () => new Response('OK', { status: 200 }),
    ];
    for (const reply of replies) {
      const t = new HttpTransport({ baseUrl: API, fetch: reply });
      kinds.push((await rejected(t.getCustomer('cust-ann', signal()))).kind);
    }
    expect(kinds).to.deep.equal(['network', 'network', 'network', 'network']);
  });

  it('an already-aborted signal rejects with aborted and sends nothing, for calls, connect and the sign-in helpers', async () => {
    const { t, sent, listen } = transport();
    expect((await rejected(t.addComment('act-1', 'Hi', aborted()))).kind).to.equal('aborted');
    expect((await rejected(t.getJourney('cust-ann', aborted()))).kind).to.equal('aborted');
    listen();
    expect((await rejected(t.connect(aborted()))).kind).to.equal('aborted');
    const net = fakeFetch();
    expect((await rejected(HttpTransport.signIn(API, 'agent-1', 'pw', { fetch: net.fetch, signal: aborted() }))).kind).to.equal('aborted');
    expect((await rejected(HttpTransport.currentAgent(API, { fetch: net.fetch, signal: aborted() }))).kind).to.equal('aborted');
    expect([...sent, ...net.sent]).to.deep.equal([]);
  });

  it('aborting in flight rejects with aborted', async () => {
    const fetch = (_: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))));
    const t = new HttpTransport({ baseUrl: API, fetch });
    const controller = new AbortController();
    const pending = t.getCustomer('cust-ann', controller.signal);
    controller.abort();
    expect((await rejected(pending)).kind).to.equal('aborted');
  });

  it('B6 signIn posts login and password as JSON and resolves with the agent and token; a wrong password is auth', async () => {
    const net = fakeFetch((s) =>
      s.body?.password === 'care-demo'
        ? Response.json({ agent: { id: 'agent-1', name: 'Jordan Lee' }, token: 'tok-9' })
        : Response.json({ error: { kind: 'auth', message: 'Wrong login or password.' } }, { status: 401 }),
    );
    expect(await HttpTransport.signIn(API, 'agent-1', 'care-demo', { fetch: net.fetch })).to.deep.equal({ agent: { id: 'agent-1', name: 'Jordan Lee' }, token: 'tok-9' });
    const wrong = await rejected(HttpTransport.signIn(API, 'agent-1', 'nope', { fetch: net.fetch }));
    expect([wrong.kind, wrong.message]).to.deep.equal(['auth', 'Wrong login or password.']);
    expect(net.sent[0]).to.deep.include({ url: `${API}/sign-in`, method: 'POST', credentials: 'same-origin', body: { login: 'agent-1', password: 'care-demo' } });
    expect(net.sent[0]!.headers['content-type']).to.equal('application/json');
    expect(net.sent[0]!.headers.authorization).to.equal(undefined);
  });

  it('B6 currentAgent is the session\'s agent or undefined (401); signOut ends the session (204), with the token when given', async () => {
    let signedIn = true;
    const net = fakeFetch((s) => {
      if (s.url.endsWith('/sign-out')) return (signedIn = false), new Response(null, { status: 204 });
      return signedIn ? Response.json({ agent: { id: 'agent-2', name: 'Soo-ah Park' } }) : Response.json({ error: { kind: 'auth', message: 'Not signed in.' } }, { status: 401 });
    });
    expect(await HttpTransport.currentAgent(API, { fetch: net.fetch })).to.deep.equal({ id: 'agent-2', name: 'Soo-ah Park' });
    await HttpTransport.signOut(API, { fetch: net.fetch, token: 'tok-3' });
    expect(await HttpTransport.currentAgent(API, { fetch: net.fetch })).to.equal(undefined);
    expect(net.sent.map((s) => `${s.method} ${s.url.slice(API.length)} ${s.headers.authorization ?? '-'}`)).to.deep.equal(['GET /me -', 'POST /sign-out Bearer tok-3', 'GET /me -']);
    const down = fakeFetch(() => Response.json({ error: { kind: 'network', message: 'Down.' } }, { status: 503 }));
    expect((await rejected(HttpTransport.currentAgent(API, { fetch: down.fetch }))).kind, 'not "signed out"').to.equal('network');
  });
});
