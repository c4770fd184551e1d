/**
 * Signed-in sessions (B6): a random token the client holds (an HttpOnly,
 * SameSite=Strict cookie, or a bearer token), of which the database keeps
 * only a SHA-256 hash, so a leaked table signs nobody in. Who acts always
 * comes from here, never from a header the client sets.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AgentRef } from '../../src/model/types.js';
import type { Db } from '../db/pool.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';

/** A session lasts one long shift. */
export const SESSION_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'care_session';

/** What the database keeps of a token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Failed sign-ins a login may have in THROTTLE_MS before sign-in refuses to try (B6). */
export const MAX_FAILURES = 10;
export const THROTTLE_MS = 15 * 60 * 1000;

/**
 * Checks a login and password; on success, opens a session and returns its
 * token. `throttled` when the login failed too often lately: the password
 * is then not even checked, so guessing goes no faster on any instance.
 */
export async function signIn(db: Db, login: string, password: string): Promise<{ agent: AgentRef; token: string } | 'throttled' | undefined> {
  const name = login.trim();
  const [failures] = await db.rows<{ n: number }>(
    'SELECT count(*)::int AS n FROM sign_in_failures WHERE login = $1 AND at > care_now_ms() - $2::bigint',
    [name, THROTTLE_MS],
  );
  if (failures!.n >= MAX_FAILURES) return 'throttled';
  const [row] = await db.rows<{ id: string; name: string; password_hash: string | null }>(
    'SELECT id, name, password_hash FROM agents WHERE login = $1',
    [name],
  );
  // An unknown login costs the same as a wrong password, so timing does not reveal which logins exist.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok) {
    await db.rows('INSERT INTO sign_in_failures (login, at) VALUES ($1, care_now_ms())', [name]);
    return undefined;
  }
  await db.rows('DELETE FROM sign_in_failures WHERE login = $1', [name]);
  const token = randomBytes(32).toString('base64url');
  await db.rows(
    'INSERT INTO sessions (token_hash, agent_id, created_at, expires_at) VALUES ($1, $2, care_now_ms(), care_now_ms() + $3::bigint)',
    [hashToken(token), row.id, SESSION_MS],
  );
  return { agent: { id: row.id, name: row.name }, token };
}

/** The agent a token belongs to, if the session is open. */
export async function agentOf(db: Db, token: string | undefined): Promise<AgentRef | undefined> {
  if (!token || token.length > 200) return undefined;
  const [row] = await db.rows<{ id: string; name: string }>(
    `SELECT a.id, a.name FROM sessions s JOIN agents a ON a.id = s.agent_id
     WHERE s.token_hash = $1 AND s.expires_at > care_now_ms()`,
    [hashToken(token)],
  );
  return row ? { id: row.id, name: row.name } : undefined;
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.rows('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

/** The token of a request: `Authorization: Bearer …`, else the session cookie. */
export function tokenOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = typeof headers.cookie === 'string' ? headers.cookie : '';
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/** The Set-Cookie value that opens (or, with no token, ends) a session in the browser. */
export function sessionCookie(token: string | undefined, secure: boolean): string {
  const attributes = ['HttpOnly', 'SameSite=Strict', 'Path=/care-api', secure ? 'Secure' : ''].filter(Boolean).join('; ');
  return token ? `${SESSION_COOKIE}=${token}; Max-Age=${SESSION_MS / 1000}; ${attributes}` : `${SESSION_COOKIE}=; Max-Age=0; ${attributes}`;
}
