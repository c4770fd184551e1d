/**
 * One JSON request of the protocol: headers, the abort duty, and errors
 * revived from `{ error: CareErrorPayload }`. Shared by the transport and
 * the sign-in helpers.
 */
import { CareError, isCareErrorPayload } from '../../model/errors.js';
import type { Credentials, FetchFunction } from './types.js';

/** Where and as whom requests go. */
export interface Endpoint {
  baseUrl: string;
  token?: string;
  fetch: FetchFunction;
  credentials: Credentials;
}

/** The endpoint of a transport's or helper's options, with the defaults filled in. */
export function endpoint(options: { baseUrl: string; token?: string; fetch?: FetchFunction; credentials?: Credentials }): Endpoint {
  return {
    baseUrl: options.baseUrl,
    token: options.token,
    // Called through a wrapper: the global fetch must not be invoked with another `this`.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    credentials: options.credentials ?? 'same-origin',
  };
}

/** The `Authorization` header a bearer token adds, or none. */
export function authorization(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

/** What came back: the status and the parsed body (undefined when there was none or it was not JSON). */
export interface Answer {
  status: number;
  ok: boolean;
  payload: unknown;
}

/**
 * Sends one request and reads its JSON answer. Rejects with `aborted` before
 * sending anything when the signal is already aborted, and with `network`
 * when the service cannot be reached.
 */
export async function send(to: Endpoint, method: string, path: string, body: unknown, signal: AbortSignal): Promise<Answer> {
  if (signal.aborted) throw CareError.aborted(); // nothing was sent, so nothing changed
  const headers: Record<string, string> = { accept: 'application/json', ...authorization(to.token) };
  if (body !== undefined) headers['content-type'] = 'application/json'; // the server answers 415 without it
  try {
    const response = await to.fetch(to.baseUrl + path, {
      method,
      headers,
      signal,
      credentials: to.credentials,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const payload: unknown = await response.json().catch(() => undefined);
    if (signal.aborted) throw CareError.aborted();
    return { status: response.status, ok: response.ok, payload };
  } catch {
    throw signal.aborted ? CareError.aborted() : CareError.network();
  }
}

/** The CareError a failed answer carries; the body's `kind` wins over the status. An unreadable body (a proxy's page) is `network`. */
export function failure(answer: Answer): CareError {
  const error = (answer.payload as { error?: unknown } | undefined)?.error;
  return isCareErrorPayload(error) ? CareError.from(error) : CareError.network(`The service answered HTTP ${answer.status}.`);
}

/** Sends one request and resolves with the body of a 2xx answer; anything else rejects with a CareError. */
export async function call<T>(to: Endpoint, method: string, path: string, body: unknown, signal: AbortSignal): Promise<T> {
  const answer = await send(to, method, path, body, signal);
  if (answer.ok && answer.payload !== undefined) return answer.payload as T;
  throw failure(answer);
}
