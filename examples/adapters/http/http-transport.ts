/**
 * An example Care Kit transport over HTTP: one JSON request per operation
 * (fetch) and a Server-Sent Events stream for what the backend pushes. It
 * speaks the protocol in docs/adapters.md, which ./server.ts serves over the
 * embedded engine. Copy it and change the routes, headers and sign-in to
 * your backend's.
 */
import { CareError, isCareErrorPayload } from '../../../src/model/errors.js';
import type { CareEvent, CareEventListener, CareTransport, SessionSnapshot } from '../../../src/transport/port.js';

export interface HttpTransportOptions {
  /** Where the protocol is served, without a trailing slash: `/care-api` or `https://care.example.com/api`. */
  baseUrl: string;
  /** The signed-in agent. Sent as the `X-Care-Agent` header; a real backend reads its own session instead. */
  agentId: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Defaults to the global EventSource (pass one in Node). */
  EventSource?: typeof EventSource;
}

const enc = encodeURIComponent;

export class HttpTransport implements CareTransport {
  /** Payloads come off the wire: the store checks their shape before trusting them. */
  readonly validated = false;
  private readonly listeners = new Set<CareEventListener>();
  private readonly fetch: typeof fetch;
  private source: EventSource | undefined;
  /** Whether the stream dropped since it last opened, so its return is announced. */
  private lost = false;

  constructor(private readonly options: HttpTransportOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Opens the event stream with the first listener and closes it with the last. */
  subscribe(listener: CareEventListener): () => void {
    this.listeners.add(listener);
    this.stream();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.source?.close();
        this.source = undefined;
        this.lost = false;
      }
    };
  }

  /** Waits for the event stream first (when someone listens), so no event falls between the snapshot and the stream. */
  async connect(signal: AbortSignal): Promise<SessionSnapshot> {
    if (signal.aborted) throw CareError.aborted();
    if (this.listeners.size > 0) await this.streamOpen(signal);
    return this.call('GET', '/session', undefined, signal);
  }

  setStatus: CareTransport['setStatus'] = (status, s) => this.call('PUT', '/agent/status', { status }, s);
  acceptTask: CareTransport['acceptTask'] = (id, s) => this.call('POST', `/tasks/${enc(id)}/accept`, {}, s);
  closeTask: CareTransport['closeTask'] = (id, s) => this.call('POST', `/tasks/${enc(id)}/close`, {}, s);
  getCustomer: CareTransport['getCustomer'] = (id, s) => this.call('GET', `/customers/${enc(id)}`, undefined, s);
  getJourney: CareTransport['getJourney'] = (id, s) => this.call('GET', `/customers/${enc(id)}/journey`, undefined, s);
  getRequest: CareTransport['getRequest'] = (id, s) => this.call('GET', `/requests/${enc(id)}`, undefined, s);
  getActivity: CareTransport['getActivity'] = (id, s) => this.call('GET', `/activities/${enc(id)}`, undefined, s);
  getComments: CareTransport['getComments'] = (id, s) => this.call('GET', `/activities/${enc(id)}/comments`, undefined, s);
  getTranscript: CareTransport['getTranscript'] = (id, s) => this.call('GET', `/activities/${enc(id)}/transcript`, undefined, s);
  searchCustomers: CareTransport['searchCustomers'] = (query, s) => this.call('GET', `/customers?q=${enc(query)}`, undefined, s);
  createCustomer: CareTransport['createCustomer'] = (taskId, fields, s) => this.call('POST', `/tasks/${enc(taskId)}/customer`, { fields }, s);
  updateCustomer: CareTransport['updateCustomer'] = (id, expectedVersion, patch, s) =>
    this.call('PATCH', `/customers/${enc(id)}`, { expectedVersion, patch }, s);
  createRequest: CareTransport['createRequest'] = (customerId, fields, s) =>
    this.call('POST', `/customers/${enc(customerId)}/requests`, { fields }, s);
  updateRequest: CareTransport['updateRequest'] = (id, expectedVersion, patch, s) =>
    this.call('PATCH', `/requests/${enc(id)}`, { expectedVersion, patch }, s);
  addTag: CareTransport['addTag'] = (id, tag, s) => this.call('POST', `/activities/${enc(id)}/tags`, { tag }, s);
  removeTag: CareTransport['removeTag'] = (id, tag, s) => this.call('DELETE', `/activities/${enc(id)}/tags/${enc(tag)}`, undefined, s);
  addComment: CareTransport['addComment'] = (id, text, s) => this.call('POST', `/activities/${enc(id)}/comments`, { text }, s);
  moveActivity: CareTransport['moveActivity'] = (id, target, s) => this.call('POST', `/activities/${enc(id)}/move`, { target }, s);
  moveActivityToCustomer: CareTransport['moveActivityToCustomer'] = (id, customerId, s) =>
    this.call('POST', `/activities/${enc(id)}/move-to-customer`, { customerId }, s);
  sendChatMessage: CareTransport['sendChatMessage'] = (id, text, s) => this.call('POST', `/activities/${enc(id)}/messages`, { text }, s);

  /** One JSON request. Errors arrive as `{ error: CareErrorPayload }` and are revived; anything else unreadable is `network`. */
  private async call<T>(method: string, path: string, body: unknown, signal: AbortSignal): Promise<T> {
    if (signal.aborted) throw CareError.aborted(); // nothing was sent, so nothing changed
    const headers: Record<string, string> = { accept: 'application/json', 'x-care-agent': this.options.agentId };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let payload: unknown;
    try {
      response = await this.fetch(this.options.baseUrl + path, { method, headers, signal, body: body === undefined ? null : JSON.stringify(body) });
      payload = await response.json().catch(() => undefined);
    } catch {
      throw signal.aborted ? CareError.aborted() : CareError.network();
    }
    if (signal.aborted) throw CareError.aborted();
    if (response.ok && payload !== undefined) return payload as T;
    const error = (payload as { error?: unknown } | undefined)?.error;
    throw isCareErrorPayload(error) ? CareError.from(error) : CareError.network(`The service answered HTTP ${response.status}.`);
  }

  /** The event stream, (re)opened if there is none or the browser gave up on it. */
  private stream(): EventSource {
    if (this.source && this.source.readyState !== 2 /* CLOSED */) return this.source;
    this.source?.close();
    const Source = this.options.EventSource ?? EventSource;
    const source = new Source(`${this.options.baseUrl}/events?agent=${enc(this.options.agentId)}`);
    source.addEventListener('message', (message: MessageEvent<string>) => {
      let event: CareEvent;
      try {
        event = JSON.parse(message.data) as CareEvent; // the store checks its shape (validated is false)
      } catch {
        return;
      }
      this.dispatch(event);
    });
    source.addEventListener('open', () => {
      if (this.lost) this.dispatch({ type: 'connection', online: true });
      this.lost = false;
    });
    source.addEventListener('error', () => {
      if (!this.lost) this.dispatch({ type: 'connection', online: false });
      this.lost = true; // EventSource retries by itself; connect() reopens it if it gave up
    });
    this.source = source;
    return source;
  }

  private streamOpen(signal: AbortSignal): Promise<void> {
    const source = this.stream();
    if (source.readyState === 1 /* OPEN */) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const settle = (error?: CareError) => {
        source.removeEventListener('open', onOpen);
        source.removeEventListener('error', onError);
        signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onOpen = () => settle();
      const onError = () => settle(CareError.network('The event stream could not be opened.'));
      const onAbort = () => settle(CareError.aborted());
      source.addEventListener('open', onOpen);
      source.addEventListener('error', onError);
      signal.addEventListener('abort', onAbort);
    });
  }

  private dispatch(event: CareEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
