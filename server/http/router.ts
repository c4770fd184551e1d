/**
 * Dispatches /care-api requests: finds the route, checks who may call it
 * (B6), runs it and answers. Who acts is read from the session here and
 * nowhere else; the inbound secret is compared in constant time.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CareError } from '../../src/model/errors.js';
import { agentOf, tokenOf } from '../auth/sessions.js';
import type { Db } from '../db/pool.js';
import { HttpError, sendError, sendJson } from './io.js';
import { HANDLED, type Route } from './route.js';

export const BASE = '/care-api';

export interface RouterOptions {
  db: Db;
  routes: Route[];
  inboundSecret: string;
  testRoutes: boolean;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export function createRouter(o: RouterOptions) {
  const secret = digest(o.inboundSecret);
  const inboundAllowed = (req: IncomingMessage) => {
    const auth = req.headers.authorization;
    return typeof auth === 'string' && auth.startsWith('Bearer ') && timingSafeEqual(digest(auth.slice(7).trim()), secret);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://care.invalid');
    const sub = url.pathname.slice(BASE.length) || '/';
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    try {
      const found = match(o.routes, req.method ?? 'GET', sub);
      if (!found || (found.route.access === 'test' && !o.testRoutes)) {
        throw new CareError({ kind: 'not-found', message: `No route for ${req.method} ${url.pathname}.` });
      }
      const { route, params } = found;
      if (route.access === 'inbound' && !inboundAllowed(req)) {
        throw new CareError({ kind: 'auth', message: 'The inbound endpoint needs its secret.' });
      }
      if (route.access === 'agent' && forgeable(req)) {
        throw new HttpError(415, new CareError({
          kind: 'validation',
          message: 'Send the request as JSON (content-type: application/json).',
          issues: [{ field: 'body', code: 'required', message: 'Send the request as JSON (content-type: application/json).' }],
        }));
      }
      const agent = route.access === 'agent' ? await agentOf(o.db, tokenOf(req.headers)) : undefined;
      if (route.access === 'agent' && !agent) throw new CareError({ kind: 'auth', message: 'Sign in to continue.' });
      const result = await route.run({ req, res, url, params, db: o.db, agent: agent!, signal: controller.signal });
      if (result !== HANDLED) sendJson(res, 200, result);
    } catch (error) {
      sendError(res, error);
    }
  };
}

/**
 * A write signed by the cookie alone that another page could have sent
 * without a CORS preflight (a form, a no-cors fetch): SameSite=Strict keeps
 * the cookie from other sites but not from a sibling subdomain. Requiring
 * JSON makes every such write preflighted, which this server never allows.
 */
function forgeable(req: IncomingMessage): boolean {
  // PUT, PATCH and DELETE are preflighted whatever they carry; only POST can be sent as a form.
  if (req.method !== 'POST') return false;
  if (!req.headers.cookie || (typeof req.headers.authorization === 'string' && req.headers.authorization.startsWith('Bearer '))) return false;
  return !/^application\/json\b/i.test(req.headers['content-type'] ?? '');
}

function match(routes: Route[], method: string, sub: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.path.exec(sub);
    if (!found) continue;
    try {
      return { route, params: found.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return undefined; // a malformed escape names no record
    }
  }
  return undefined;
}
