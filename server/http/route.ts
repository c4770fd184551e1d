/** What a route is: a method and path, who may call it, and what it does. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentRef } from '../../src/model/types.js';
import type { Db } from '../db/pool.js';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path's `:id` parts, decoded. */
  params: string[];
  db: Db;
  /** The signed-in agent, on `agent` routes. */
  agent: AgentRef;
  /** An AbortSignal that fires when the client hangs up. */
  signal: AbortSignal;
}

/**
 * - `agent`: a signed-in agent (session cookie or bearer token), 401 otherwise;
 * - `inbound`: the inbound secret, where chats and calls arrive (B6);
 * - `public`: anyone (sign-in, health);
 * - `test`: only on an instance started with test routes.
 */
export type Access = 'agent' | 'inbound' | 'public' | 'test';

export interface Route {
  method: string;
  /** Matched against the path under /care-api; groups become `params`. */
  path: RegExp;
  access: Access;
  /** Answers with the JSON value returned (200), or writes the response itself and returns `undefined` after `handled`. */
  run(ctx: RouteContext): Promise<unknown>;
}

/** Returned by a route that wrote its own response (a stream, a 204, a cookie). */
export const HANDLED = Symbol('handled');

const ID = '([^/]+)';
/** `/tasks/:id/accept` → a RegExp with one group per `:name`. */
export function path(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/:[a-z]+/gi, ID)}$`);
}
