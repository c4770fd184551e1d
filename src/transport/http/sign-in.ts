/**
 * The protocol's sign-in routes (B6), for a sign-in screen: `POST /sign-in`,
 * `POST /sign-out`, `GET /me`. `HttpTransport.signIn` and friends call these.
 */
import { CareError } from '../../model/errors.js';
import { call, endpoint, failure, send } from './request.js';
import type { SessionOptions, SignedInAgent, SignInOptions, SignInResult } from './types.js';

const never = () => new AbortController().signal;

function isAgent(value: unknown): value is SignedInAgent {
  const v = value as Partial<SignedInAgent> | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.name === 'string';
}

/** Signs in; the server also sets the session cookie. Rejects with `auth` for a wrong login or password. */
export async function signIn(baseUrl: string, login: string, password: string, options: SignInOptions = {}): Promise<SignInResult> {
  const to = endpoint({ ...options, baseUrl });
  const answer = await call<Partial<SignInResult>>(to, 'POST', '/sign-in', { login, password }, options.signal ?? never());
  if (!isAgent(answer.agent) || typeof answer.token !== 'string') throw CareError.network('The service answered the sign-in with something else than an agent and a token.');
  return { agent: { id: answer.agent.id, name: answer.agent.name }, token: answer.token };
}

/** Ends the session (the cookie's, or `options.token`'s). A session that had already ended counts as ended. */
export async function signOut(baseUrl: string, options: SessionOptions = {}): Promise<void> {
  const answer = await send(endpoint({ ...options, baseUrl }), 'POST', '/sign-out', undefined, options.signal ?? never());
  if (!answer.ok && answer.status !== 401) throw failure(answer);
}

/** The agent the session belongs to, or undefined when no one is signed in (401). */
export async function currentAgent(baseUrl: string, options: SessionOptions = {}): Promise<SignedInAgent | undefined> {
  const answer = await send(endpoint({ ...options, baseUrl }), 'GET', '/me', undefined, options.signal ?? never());
  const agent = (answer.payload as { agent?: unknown } | undefined)?.agent;
  if (answer.ok && isAgent(agent)) return { id: agent.id, name: agent.name };
  if (answer.status === 401 && failure(answer).kind === 'auth') return undefined;
  throw answer.ok ? CareError.network('The service answered /me with something else than an agent.') : failure(answer);
}
