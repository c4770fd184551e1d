import type { Id } from '../../model/types.js';

/** Whether requests carry cookies, as `fetch`'s `credentials` (spelled out: Node's types have no DOM names). */
export type Credentials = 'include' | 'omit' | 'same-origin';

/** The `fetch` the adapter calls: the global one, or any function with its signature (a test's fake, a wrapper that logs). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The second argument the adapter gives the `EventSource` constructor. The
 * browser's own EventSource reads only `withCredentials`; implementations
 * that fetch the stream themselves (the `eventsource` npm package, v3) also
 * take `fetch`, which is how a bearer token reaches the stream outside the
 * browser.
 */
export interface EventSourceOptions {
  /** True when the transport's `credentials` is `'include'` (cookies on a cross-origin stream). */
  withCredentials?: boolean;
  /** Set when the transport has a `token`: the transport's fetch, adding `Authorization: Bearer <token>`. */
  fetch?: (url: string | URL, init: RequestInit) => Promise<Response>;
}

/** What the adapter uses of an EventSource: the browser's, or one with the same surface. */
export interface EventSourceLike {
  /** 0 connecting, 1 open, 2 closed (given up). */
  readonly readyState: number;
  close(): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

/** An EventSource class: `globalThis.EventSource` in browsers, `EventSource` from the `eventsource` package in Node. */
export type EventSourceClass = new (url: string, options?: EventSourceOptions) => EventSourceLike;

/** How the adapter reaches the reference server (`care-kit/http`). */
export interface HttpTransportOptions {
  /**
   * Where the protocol is served, without a trailing slash: `/care-api`
   * (same origin) or `https://care.example.com/care-api`.
   */
  baseUrl: string;
  /**
   * A session token from {@link HttpTransport.signIn}. When set, every request carries
   * `Authorization: Bearer <token>`; without it the adapter relies on the
   * session cookie `signIn` set. The browser's EventSource cannot send
   * headers: in a browser the event stream is authenticated by the cookie
   * even when a token is given (see {@link EventSourceOptions}).
   */
  token?: string;
  /** Defaults to the global fetch. */
  fetch?: FetchFunction;
  /**
   * Defaults to the global EventSource. Node has none: pass `EventSource`
   * from the `eventsource` package (v3), which takes the token through the
   * `fetch` the adapter hands it.
   */
  EventSource?: EventSourceClass;
  /**
   * Whether requests carry cookies: `'same-origin'` (the default: the
   * protocol is served by the page's own origin), `'include'` for a server on
   * another origin (it must allow credentials in CORS), or `'omit'`.
   */
  credentials?: Credentials;
  /**
   * How long to wait before reopening an event stream the EventSource gave
   * up on (it does on an HTTP error, such as a 503 while the database
   * restarts). Doubles on each failure, up to 30 seconds. Default 2,000 ms.
   */
  reopenMs?: number;
}

/** The signed-in agent as the sign-in routes name it. */
export interface SignedInAgent {
  id: Id;
  name: string;
}

/** What {@link HttpTransport.signIn} resolves with. */
export interface SignInResult {
  agent: SignedInAgent;
  /** The session token: pass it as {@link HttpTransportOptions.token} where cookies do not reach (Node, another origin). */
  token: string;
}

/** Options of the sign-in helpers. */
export interface SignInOptions {
  /** Defaults to the global fetch. */
  fetch?: FetchFunction;
  /** Defaults to `'same-origin'`; `'include'` for a server on another origin. */
  credentials?: Credentials;
  /** Cancels the request; rejects with kind `aborted`. */
  signal?: AbortSignal;
}

/** Options of {@link HttpTransport.signOut} and {@link HttpTransport.currentAgent}: as for sign-in, plus the token when the session is not in a cookie. */
export interface SessionOptions extends SignInOptions {
  /** The session to end or ask about, when it is not the cookie's. */
  token?: string;
}
