/**
 * The desk's only link to the HTTP adapter. PLACEHOLDER until branch
 * `adapter` lands `src/transport/http.ts` (care-kit/http): then this whole
 * file becomes
 *
 *   export { HttpTransport, signIn, signOut, currentAgent } from '../../../src/transport/http.js';
 *
 * (or the adapter's static `HttpTransport.signIn` … if that is how it ships).
 * Until then the example adapter stands in: the reference server takes the
 * agent from the session cookie and ignores the example's agent header.
 */
import { CareError, isCareErrorPayload } from '../../../src/model/errors.js';
import { HttpTransport as ExampleTransport } from '../../../examples/adapters/http/http-transport.js';

/** The signed-in agent as the sign-in routes name it. */
export interface SignedInAgent {
  id: string;
  name: string;
}

/** What {@link signIn} resolves with. */
export interface SignInResult {
  agent: SignedInAgent;
  token: string;
}

/** The adapter over the session cookie: `new HttpTransport({ baseUrl: '/care-api' })`. */
export class HttpTransport extends ExampleTransport {
  constructor(options: { baseUrl: string }) {
    super({ baseUrl: options.baseUrl, agentId: '' });
  }
}

async function post(url: string, body: unknown): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw CareError.network();
  }
}

async function failure(response: Response): Promise<CareError> {
  const payload = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined;
  return isCareErrorPayload(payload?.error) ? CareError.from(payload.error) : CareError.network(`The service answered HTTP ${response.status}.`);
}

/** Signs in (the server sets the session cookie); rejects with kind `auth` on a wrong login or password. */
export async function signIn(baseUrl: string, login: string, password: string): Promise<SignInResult> {
  const response = await post(`${baseUrl}/sign-in`, { login, password });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as SignInResult;
}

/** Ends the session and clears its cookie. */
export async function signOut(baseUrl: string): Promise<void> {
  const response = await post(`${baseUrl}/sign-out`, {});
  if (!response.ok && response.status !== 401) throw await failure(response);
}

/** The agent of the current session, or null when nobody is signed in. */
export async function currentAgent(baseUrl: string): Promise<SignedInAgent | null> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/me`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw CareError.network();
  }
  if (response.status === 401) return null;
  if (!response.ok) throw await failure(response);
  return ((await response.json()) as { agent: SignedInAgent }).agent;
}
