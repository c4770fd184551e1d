import { CareError } from '../../model/errors.js';
import type { CareEvent, CareEventListener, CareTransport, SessionSnapshot } from '../port.js';
import { EventStream } from './event-stream.js';
import { idempotencyKey } from '../../model/keys.js';
import { authorization, call, endpoint, type Endpoint } from './request.js';
import { currentAgent, signIn, signOut } from './sign-in.js';
import type { EventSourceOptions, HttpTransportOptions, SessionOptions, SignedInAgent, SignInOptions, SignInResult } from './types.js';

const enc = encodeURIComponent;

/**
 * The Care Kit transport for the reference server (`care-kit/http`): one
 * JSON request per operation over `fetch`, and a Server-Sent Events stream
 * for what the server pushes, resumed by event id after a drop. The
 * protocol is in docs/adapters.md.
 *
 * ```ts
 * import { HttpTransport } from 'care-kit/http';
 * const { agent } = await HttpTransport.signIn('/care-api', login, password); // sets the session cookie
 * const store = new CareStore(new HttpTransport({ baseUrl: '/care-api' }));
 * ```
 *
 * In Node (a bot, a test), pass the token and an EventSource that can send it:
 *
 * ```ts
 * import { EventSource } from 'eventsource';
 * const { token } = await HttpTransport.signIn(url, login, password);
 * const transport = new HttpTransport({ baseUrl: url, token, EventSource });
 * ```
 */
export class HttpTransport implements CareTransport {
  /**
   * Signs an agent in (`POST /sign-in`). In a browser the server's answer
   * also sets the HttpOnly session cookie, so a transport without `token`
   * is signed in too. Rejects with a CareError: `auth` for a wrong login or
   * password (one message for both), `network` when the server is out of reach.
   */
  static signIn(baseUrl: string, login: string, password: string, options?: SignInOptions): Promise<SignInResult> {
    return signIn(baseUrl, login, password, options);
  }

  /** Ends the session (`POST /sign-out`) and clears its cookie; `options.token` names a session that is not the cookie's. */
  static signOut(baseUrl: string, options?: SessionOptions): Promise<void> {
    return signOut(baseUrl, options);
  }

  /** Who the session belongs to (`GET /me`), or undefined when no one is signed in: how a page learns whether to show its sign-in screen. */
  static currentAgent(baseUrl: string, options?: SessionOptions): Promise<SignedInAgent | undefined> {
    return currentAgent(baseUrl, options);
  }

  /** Payloads come off the wire: the store checks their shape before trusting them. */
  readonly validated = false;
  private readonly listeners = new Set<CareEventListener>();
  private readonly to: Endpoint;
  private readonly events: EventStream;

  /** Sends nothing until it is used; see {@link HttpTransportOptions}. */
  constructor(options: HttpTransportOptions) {
    this.to = endpoint(options);
    const init: EventSourceOptions = { withCredentials: this.to.credentials === 'include' };
    // The browser's EventSource ignores `fetch` (it sends the cookie); the eventsource package sends the token with it.
    if (options.token !== undefined) {
      init.fetch = (url, request) =>
        this.to.fetch(String(url), { ...request, headers: { ...(request.headers as Record<string, string>), ...authorization(options.token) } });
    }
    this.events = new EventStream({
      url: `${options.baseUrl}/events`,
      EventSource: options.EventSource,
      init,
      reopenMs: options.reopenMs ?? 2000,
      dispatch: (event) => this.dispatch(event),
    });
  }

  /** Opens the event stream with the first listener and closes it with the last; a later first listener resumes after the last event id. */
  subscribe(listener: CareEventListener): () => void {
    this.listeners.add(listener);
    this.events.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.events.close();
    };
  }

  /** `GET /session`, after the event stream is open (when someone listens), so no event falls between the snapshot and the stream. */
  async connect(signal: AbortSignal): Promise<SessionSnapshot> {
    if (signal.aborted) throw CareError.aborted();
    if (this.listeners.size > 0) await this.events.opened(signal);
    return call(this.to, 'GET', '/session', undefined, signal);
  }

  /** `PUT /agent/status` (R12). */
  setStatus: CareTransport['setStatus'] = (status, s, reason) => call(this.to, 'PUT', '/agent/status', reason ? { status, reason } : { status }, s);
  /** `POST /tasks/:id/accept` (R3, R4, R5). */
  acceptTask: CareTransport['acceptTask'] = (id, s) => call(this.to, 'POST', `/tasks/${enc(id)}/accept`, {}, s);
  /** `GET /transfer-targets` (X5). */
  getTransferTargets: CareTransport['getTransferTargets'] = (s) => call(this.to, 'GET', '/transfer-targets', undefined, s);
  /** `POST /tasks/:id/transfer` (X5). */
  transferTask: CareTransport['transferTask'] = (id, target, note, s) => call(this.to, 'POST', `/tasks/${enc(id)}/transfer`, { target, note }, s);
  /** `POST /tasks/:id/decline` (X2). */
  declineTask: CareTransport['declineTask'] = (id, s) => call(this.to, 'POST', `/tasks/${enc(id)}/decline`, {}, s);
  /** `POST /tasks/:id/close` (R11). */
  startWrapUp: CareTransport['startWrapUp'] = (id, s) => call(this.to, 'POST', `/tasks/${enc(id)}/wrap-up`, {}, s);
  closeTask: CareTransport['closeTask'] = (id, s, wrapUp) => call(this.to, 'POST', `/tasks/${enc(id)}/close`, wrapUp ? { wrapUp } : {}, s);
  /** `GET /customers/:id`. */
  getCustomer: CareTransport['getCustomer'] = (id, s) => call(this.to, 'GET', `/customers/${enc(id)}`, undefined, s);
  /** `GET /customers/:id/journey` (R16). */
  getJourney: CareTransport['getJourney'] = (id, s) => call(this.to, 'GET', `/customers/${enc(id)}/journey`, undefined, s);
  /** `GET /requests/:id`. */
  getRequest: CareTransport['getRequest'] = (id, s) => call(this.to, 'GET', `/requests/${enc(id)}`, undefined, s);
  /** `GET /activities/:id`. */
  getActivity: CareTransport['getActivity'] = (id, s) => call(this.to, 'GET', `/activities/${enc(id)}`, undefined, s);
  /** `GET /activities/:id/comments`. */
  getComments: CareTransport['getComments'] = (id, s) => call(this.to, 'GET', `/activities/${enc(id)}/comments`, undefined, s);
  /** `GET /activities/:id/transcript`. */
  getTranscript: CareTransport['getTranscript'] = (id, s) => call(this.to, 'GET', `/activities/${enc(id)}/transcript`, undefined, s);
  /** `GET /canned-responses` (X7). */
  getCannedResponses: CareTransport['getCannedResponses'] = (s) => call(this.to, 'GET', '/canned-responses', undefined, s);
  /** `GET /customers?q=…` (R29). */
  searchCustomers: CareTransport['searchCustomers'] = (query, s) => call(this.to, 'GET', `/customers?q=${enc(query)}`, undefined, s);
  /** `POST /tasks/:id/customer` (R10, R27), with the caller's idempotency key or a fresh one (N3). */
  createCustomer: CareTransport['createCustomer'] = (taskId, fields, s, key) =>
    call(this.to, 'POST', `/tasks/${enc(taskId)}/customer`, { fields, idempotencyKey: key ?? idempotencyKey() }, s);
  /** `PATCH /customers/:id` with the version the edit is based on (R6). */
  updateCustomer: CareTransport['updateCustomer'] = (id, expectedVersion, patch, s) =>
    call(this.to, 'PATCH', `/customers/${enc(id)}`, { expectedVersion, patch }, s);
  /** `POST /customers/:id/requests` (R21), with the caller's idempotency key or a fresh one (N3). */
  createRequest: CareTransport['createRequest'] = (customerId, fields, s, key) =>
    call(this.to, 'POST', `/customers/${enc(customerId)}/requests`, { fields, idempotencyKey: key ?? idempotencyKey() }, s);
  /** `PATCH /requests/:id` with the version the edit is based on (R6, R7, R28). */
  updateRequest: CareTransport['updateRequest'] = (id, expectedVersion, patch, s) =>
    call(this.to, 'PATCH', `/requests/${enc(id)}`, { expectedVersion, patch }, s);
  /** `POST /activities/:id/tags` (R9). */
  addTag: CareTransport['addTag'] = (id, tag, s) => call(this.to, 'POST', `/activities/${enc(id)}/tags`, { tag }, s);
  /** `DELETE /activities/:id/tags/:tag` (R9). */
  removeTag: CareTransport['removeTag'] = (id, tag, s) => call(this.to, 'DELETE', `/activities/${enc(id)}/tags/${enc(tag)}`, undefined, s);
  /** `POST /activities/:id/comments` (R20), with the caller's idempotency key or a fresh one (N3). */
  addComment: CareTransport['addComment'] = (id, text, s, key) =>
    call(this.to, 'POST', `/activities/${enc(id)}/comments`, { text, idempotencyKey: key ?? idempotencyKey() }, s);
  /** `POST /activities/:id/move` (R16, R29) with the version it is based on (N6). */
  moveActivity: CareTransport['moveActivity'] = (id, target, s, expectedVersion) =>
    call(this.to, 'POST', `/activities/${enc(id)}/move`, { target, expectedVersion, idempotencyKey: idempotencyKey() }, s);
  /** `POST /activities/:id/move-to-customer` (R29) with the version it is based on (N6). */
  moveActivityToCustomer: CareTransport['moveActivityToCustomer'] = (id, customerId, s, expectedVersion) =>
    call(this.to, 'POST', `/activities/${enc(id)}/move-to-customer`, { customerId, expectedVersion }, s);
  /** `POST /activities/:id/messages` (R15), with the caller's idempotency key or a fresh one (N3). */
  sendChatMessage: CareTransport['sendChatMessage'] = (id, text, s, key) =>
    call(this.to, 'POST', `/activities/${enc(id)}/messages`, { text, idempotencyKey: key ?? idempotencyKey() }, s);

  private dispatch(event: CareEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
