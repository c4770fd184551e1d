/** Sign-in, the event stream, health, the inbound endpoint and the test-only routes (B4, B6, B7). */
import { CareError } from '../../../src/model/errors.js';
import { contractSeed } from '../../../src/transport/contract-seed.js';
import { createSeed } from '../../../src/engine/seed.js';
import { customerLineBody, inboundBody, signInBody } from '../../../src/model/commands.js';
import { integer, object, oneOf, optional, number } from '../../../src/model/schema.js';
import { agentOf, hashToken, sessionCookie, signIn, signOut, tokenOf } from '../../auth/sessions.js';
import { resetTo } from '../../db/seed.js';
import { act } from '../../domain/act.js';
import * as messages from '../../domain/messages.js';
import * as records from '../../domain/records.js';
import * as tasks from '../../domain/tasks.js';
import { EventStream } from '../../events/stream.js';
import type { Presence } from '../../events/presence.js';
import type { EventHub } from '../../events/hub.js';
import type { Sweeper } from '../../sweeper.js';
import { readBody, sendJson } from '../io.js';
import { HANDLED, path, type Route } from '../route.js';

export interface SessionRouteOptions {
  hub: EventHub;
  /** Tells every instance which agents have a live stream (N3). */
  presence: Presence;
  sweeper: Sweeper;
  instanceId: string;
  heartbeatMs: number;
  /** Whether cookies are marked Secure (the server is behind HTTPS). */
  secureCookies: boolean;
  /** The password seeded agents get on a test reset. */
  demoPassword: string;
}

const resetBody = object({ seed: oneOf('contract', 'demo'), now: optional(number(946684800000, 7258118400000, 'not a time')) });
const advanceBody = object({ ms: integer(0, 400 * 24 * 3600 * 1000, 'not a duration') });

export function sessionRoutes(o: SessionRouteOptions): Route[] {
  return [
    {
      method: 'POST', path: path('/sign-in'), access: 'public',
      run: async (ctx) => {
        const { login, password } = await readBody(ctx.req, signInBody);
        const session = await signIn(ctx.db, login, password);
        if (session === 'throttled') throw new CareError({ kind: 'auth', message: 'Too many failed sign-ins for this login. Try again in 15 minutes.' });
        if (!session) throw new CareError({ kind: 'auth', message: 'That login and password do not match.' });
        sendJson(ctx.res, 200, session, { 'set-cookie': sessionCookie(session.token, o.secureCookies) });
        return HANDLED;
      },
    },
    {
      method: 'POST', path: path('/sign-out'), access: 'public',
      run: async (ctx) => {
        await signOut(ctx.db, tokenOf(ctx.req.headers));
        ctx.res.writeHead(204, { 'set-cookie': sessionCookie(undefined, o.secureCookies), 'cache-control': 'no-store' }).end();
        return HANDLED;
      },
    },
    { method: 'GET', path: path('/me'), access: 'agent', run: async (ctx) => ({ agent: ctx.agent }) },
    {
      method: 'GET', path: path('/events'), access: 'agent',
      run: async (ctx) => {
        const agent = await ctx.db.tx((tx) => records.agent(tx, ctx.agent.id));
        // A client gone while the session and agent were looked up has had its 'close' already: a stream made now would never end.
        if (ctx.signal.aborted || ctx.res.destroyed) return HANDLED;
        const cursor = cursorOf(ctx.req.headers['last-event-id'], ctx.url.searchParams.get('since'));
        // The agent's link is up while the stream is open, for routing on every instance (N3).
        const presence = o.presence.opened(agent.id);
        const stream: EventStream = new EventStream(ctx.res, agent, o.heartbeatMs, () => {
          o.hub.detach(stream);
          void presence.then((id) => o.presence.closed(id)).catch(() => undefined);
        }, hashToken(tokenOf(ctx.req.headers) ?? ''));
        let attached: boolean;
        try {
          attached = await o.hub.attach(stream, cursor);
        } catch {
          // The replay failed part way (the database went away) and the hub ended the stream: left open, it would go live past what it missed. The client resumes from its last id.
          return HANDLED;
        }
        if (!attached) stream.reset();
        return HANDLED;
      },
    },
    {
      method: 'GET', path: path('/health'), access: 'public',
      run: async (ctx) => {
        // A load balancer asks every few seconds: answer within two, whatever the database does.
        const seq = await Promise.race([
          ctx.db.rows<{ seq: number }>('SELECT seq FROM event_counter').then(([row]) => row!.seq),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2_000).unref()),
        ]).catch(() => undefined);
        if (seq === undefined) {
          sendJson(ctx.res, 503, { status: 'unavailable', instance: o.instanceId });
          return HANDLED;
        }
        return { status: 'ok', instance: o.instanceId, seq, streams: o.hub.size };
      },
    },
    {
      method: 'POST', path: path('/inbound/tasks'), access: 'inbound',
      run: async (ctx) => {
        const inbound = await readBody(ctx.req, inboundBody);
        return act(ctx.db, undefined, (c) => tasks.receive(c, inbound));
      },
    },
    {
      method: 'POST', path: path('/inbound/messages'), access: 'inbound',
      run: async (ctx) => {
        const { activityId, text } = await readBody(ctx.req, customerLineBody);
        return act(ctx.db, undefined, (c) => messages.customerSays(c, activityId, text));
      },
    },
    {
      method: 'POST', path: path('/test/reset'), access: 'test',
      run: async (ctx) => {
        const { seed, now } = await readBody(ctx.req, resetBody);
        const at = now ?? Date.now();
        await resetTo(ctx.db, seed === 'contract' ? contractSeed(at) : createSeed({ now: at }), { password: o.demoPassword });
        // The database clock is moved to the seed's time, so the seed's deadlines fall where the engine's would.
        await ctx.db.rows('UPDATE care_settings SET clock_offset_ms = $1::bigint - (extract(epoch FROM clock_timestamp()) * 1000)::bigint', [at]);
        return { now: at };
      },
    },
    {
      method: 'POST', path: path('/test/advance'), access: 'test',
      run: async (ctx) => {
        const { ms } = await readBody(ctx.req, advanceBody);
        await ctx.db.rows('UPDATE care_settings SET clock_offset_ms = clock_offset_ms + $1::bigint', [ms]);
        await o.sweeper.sweep();
        return { advanced: ms };
      },
    },
    {
      method: 'POST', path: path('/test/receive'), access: 'test',
      run: async (ctx) => {
        const inbound = await readBody(ctx.req, inboundBody);
        return act(ctx.db, undefined, (c) => tasks.receive(c, inbound));
      },
    },
  ];
}

/** The resume cursor: Last-Event-ID (the browser's reconnect) wins over `?since=`; anything else is no cursor. */
function cursorOf(header: string | string[] | undefined, since: string | null): number | undefined {
  const raw = (Array.isArray(header) ? header[0] : header) ?? since ?? undefined;
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

export { agentOf, tokenOf };
