/**
 * The server side of the HTTP protocol (docs/adapters.md) as an example: a
 * Node request handler over the embedded engine. It works as a plain
 * `http.createServer` handler and as connect/express middleware
 * (`(req, res, next)`). Each agent gets a MemoryTransport, so the handler is
 * only a bridge from HTTP to the port: the engine enforces the rules, the
 * memory transport decides which events an agent may hear.
 *
 * Its sign-in is a stand-in: the "session token" is the agent's id, taken
 * from `Authorization: Bearer <agentId>` or a `care_session=<agentId>`
 * cookie, with no password. The reference server (server/) signs agents in
 * for real; `care-kit/http`'s HttpTransport speaks to both.
 *
 * ```ts
 * const engine = new CareEngine({ seed: createSeed({ now: Date.now() }) });
 * http.createServer(createCareHandler(engine, { basePath: '/care-api' })).listen(8080);
 * ```
 */
import type { CareEngine } from '../../../src/engine/engine.js';
import { CareError } from '../../../src/model/errors.js';
import type { ContactFields, MoveTarget, RequestFields, RequestPatch, TransferTarget, WrapUp } from '../../../src/model/types.js';
import { MemoryTransport } from '../../../src/transport/memory.js';
import type { CareTransport } from '../../../src/transport/port.js';
import { ERROR_STATUS } from '../../../src/model/http-status.js';

export { ERROR_STATUS };

/** The parts of Node's `IncomingMessage` the handler reads. */
export interface HttpRequest extends AsyncIterable<Uint8Array | string> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The parts of Node's `ServerResponse` the handler writes. */
export interface HttpResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: string): unknown;
  end(chunk?: string): unknown;
  on(event: 'close', listener: () => void): unknown;
  readonly writableEnded?: boolean;
}

export interface CareHandlerOptions {
  /** The path the protocol lives under, e.g. `/care-api`; other paths go to `next` (or 404). Default: the root. */
  basePath?: string;
  /** A comment line on every event stream this often, so proxies keep it open. Default 25 s. */
  heartbeatMs?: number;
}

export interface CareHandler {
  (req: HttpRequest, res: HttpResponse, next?: (error?: unknown) => void): Promise<void>;
  /** Ends every open event stream: call before shutting down or dropping the engine. */
  close(): void;
}


type Body = Record<string, unknown>;
type Run = (t: CareTransport, ids: string[], body: Body, query: URLSearchParams, signal: AbortSignal) => Promise<unknown>;

const ID = '([^/]+)';
const routes: [method: string, path: RegExp, run: Run][] = [
  ['GET', /^\/session$/, (t, _, __, ___, s) => t.connect(s)],
  ['PUT', /^\/agent\/status$/, (t, _, b, __, s) => t.setStatus(oneOf(b.status, ['ready', 'not-ready'], 'status'), s, b.reason === undefined ? undefined : text(b.reason, 'reason'))],
  ['POST', route(`/tasks/${ID}/accept`), (t, [id], _, __, s) => t.acceptTask(id!, s)],
  ['POST', route(`/tasks/${ID}/decline`), (t, [id], _, __, s) => t.declineTask(id!, s)],
  ['POST', route(`/tasks/${ID}/wrap-up`), (t, [id], _, __, s) => t.startWrapUp(id!, s)],
  ['GET', /^\/transfer-targets$/, (t, _, __, ___, s) => t.getTransferTargets(s)],
  ['POST', route(`/tasks/${ID}/transfer`), (t, [id], b, _, s) => t.transferTask(id!, object<TransferTarget>(b.target, 'target'), text(b.note ?? '', 'note'), s)],
  ['POST', route(`/tasks/${ID}/close`), (t, [id], b, _, s) => t.closeTask(id!, s, b.wrapUp === undefined ? undefined : object<WrapUp>(b.wrapUp, 'wrapUp'))],
  ['POST', route(`/tasks/${ID}/customer`), (t, [id], b, _, s) => t.createCustomer(id!, object<ContactFields>(b.fields, 'fields'), s, key(b))],
  ['GET', /^\/customers$/, (t, _, __, q, s) => t.searchCustomers(q.get('q') ?? '', s)],
  ['GET', /^\/canned-responses$/, (t, _, __, ___, s) => t.getCannedResponses(s)],
  ['GET', route(`/customers/${ID}`), (t, [id], _, __, s) => t.getCustomer(id!, s)],
  ['PATCH', route(`/customers/${ID}`), (t, [id], b, _, s) => t.updateCustomer(id!, version(b), object<Partial<ContactFields>>(b.patch, 'patch'), s)],
  ['GET', route(`/customers/${ID}/journey`), (t, [id], _, __, s) => t.getJourney(id!, s)],
  ['POST', route(`/customers/${ID}/requests`), (t, [id], b, _, s) => t.createRequest(id!, object<RequestFields>(b.fields, 'fields'), s, key(b))],
  ['GET', route(`/requests/${ID}`), (t, [id], _, __, s) => t.getRequest(id!, s)],
  ['PATCH', route(`/requests/${ID}`), (t, [id], b, _, s) => t.updateRequest(id!, version(b), object<RequestPatch>(b.patch, 'patch'), s)],
  ['GET', route(`/activities/${ID}`), (t, [id], _, __, s) => t.getActivity(id!, s)],
  ['GET', route(`/activities/${ID}/comments`), (t, [id], _, __, s) => t.getComments(id!, s)],
  ['POST', route(`/activities/${ID}/comments`), (t, [id], b, _, s) => t.addComment(id!, text(b.text, 'text'), s, key(b))],
  ['GET', route(`/activities/${ID}/transcript`), (t, [id], _, __, s) => t.getTranscript(id!, s)],
  ['POST', route(`/activities/${ID}/messages`), (t, [id], b, _, s) => t.sendChatMessage(id!, text(b.text, 'text'), s, key(b))],
  ['POST', route(`/activities/${ID}/tags`), (t, [id], b, _, s) => t.addTag(id!, text(b.tag, 'tag'), s)],
  ['DELETE', route(`/activities/${ID}/tags/${ID}`), (t, [id, tag], _, __, s) => t.removeTag(id!, tag!, s)],
  ['POST', route(`/activities/${ID}/move`), (t, [id], b, _, s) => t.moveActivity(id!, object<MoveTarget>(b.target, 'target'), s, optionalVersion(b))],
  ['POST', route(`/activities/${ID}/move-to-customer`), (t, [id], b, _, s) => t.moveActivityToCustomer(id!, text(b.customerId, 'customerId'), s, optionalVersion(b))],
];

/** Serves the protocol from `engine`. */
export function createCareHandler(engine: CareEngine, options: CareHandlerOptions = {}): CareHandler {
  const base = options.basePath ?? '';
  const transports = new Map<string, MemoryTransport>();
  const streams = new Set<() => void>();

  /** The agent's transport. The stand-in for sign-in: a real server looks the token up in its sessions. */
  const transportFor = (agentId: string | undefined): CareTransport => {
    const known = agentId ? engine.listAgents().some((a) => a.id === agentId) : false;
    if (!agentId || !known) throw new CareError({ kind: 'auth', message: agentId ? `Unknown agent “${agentId}”.` : 'No agent signed in.' });
    let transport = transports.get(agentId);
    if (!transport) transports.set(agentId, (transport = new MemoryTransport(engine, { agentId })));
    return transport;
  };

  /** `GET /events`: one `data:` line of JSON per CareEvent (no ids: this example keeps no log to resume from). */
  const stream = (transport: CareTransport, res: HttpResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n'); // sends the headers: the client's `open` means this agent is now subscribed
    const stop = transport.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const beat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs ?? 25_000);
    const end = () => {
      if (!streams.delete(end)) return;
      clearInterval(beat);
      stop();
      res.end();
    };
    streams.add(end);
    res.on('close', end);
  };

  const handler = async (req: HttpRequest, res: HttpResponse, next?: (error?: unknown) => void) => {
    const url = new URL(req.url ?? '/', 'http://care.invalid');
    const path = url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : undefined;
    const found = path === undefined ? undefined : match(req.method ?? 'GET', path);
    if (path !== '/events' && !found && next) return next();
    try {
      if (path === '/events' && req.method === 'GET') return stream(transportFor(sessionOf(req)), res);
      if (!found) throw new CareError({ kind: 'not-found', message: `No route for ${req.method} ${url.pathname}.` });
      const transport = transportFor(sessionOf(req));
      const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readJson(req);
      const controller = new AbortController(); // the caller hanging up aborts the call
      res.on('close', () => controller.abort());
      send(res, 200, await found.run(transport, found.ids, body, url.searchParams, controller.signal));
    } catch (error) {
      const e = CareError.from(error);
      send(res, ERROR_STATUS[e.kind], { error: e.toJSON() });
    }
  };
  return Object.assign(handler, { close: () => [...streams].forEach((end) => end()) });
}

function match(method: string, path: string): { run: Run; ids: string[] } | undefined {
  for (const [m, pattern, run] of routes) {
    const found = m === method ? pattern.exec(path) : null;
    if (!found) continue;
    try {
      return { run, ids: found.slice(1).map((id) => decodeURIComponent(id)) };
    } catch {
      return undefined; // malformed escapes: no such route
    }
  }
  return undefined;
}

function send(res: HttpResponse, status: number, value: unknown): void {
  if (res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

async function readJson(req: HttpRequest): Promise<Body> {
  const decoder = new TextDecoder();
  let raw = '';
  for await (const chunk of req) {
    raw += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (raw.length > 1_000_000) throw malformed('The request body is too large.');
  }
  try {
    const value: unknown = raw ? JSON.parse(raw) : {};
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Body;
  } catch {
    // reported below
  }
  throw malformed('The request body is not a JSON object.');
}

function header(req: HttpRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The stand-in session: the agent id as a bearer token, else in the `care_session` cookie. */
function sessionOf(req: HttpRequest): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(header(req, 'authorization') ?? '')?.[1];
  if (bearer) return bearer;
  const cookie = (header(req, 'cookie') ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith('care_session='));
  try {
    return cookie ? decodeURIComponent(cookie.slice('care_session='.length)) : undefined;
  } catch {
    return undefined; // malformed escapes: no session
  }
}

function route(path: string): RegExp {
  return new RegExp(`^${path}$`);
}

// Shape checks on what the engine would otherwise trust. Field contents (lengths, tags …) are the engine's to judge.
function malformed(message: string, field = 'body'): CareError {
  return new CareError({ kind: 'validation', message, issues: [{ field, code: 'required', message }] });
}
function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw malformed(`“${field}” must be a string.`, field);
  return value;
}
/** An object whose values are strings or such objects again: every body object of the protocol. */
function object<T>(value: unknown, field: string): T {
  const strings = (v: unknown): boolean =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string' || strings(x));
  if (!strings(value)) throw malformed(`“${field}” must be an object of strings.`, field);
  return value as T;
}
function version(body: Body): number {
  if (!Number.isInteger(body.expectedVersion)) throw malformed('“expectedVersion” must be an integer.', 'expectedVersion');
  return body.expectedVersion as number;
}
/** The idempotency key of an append (N3): the engine answers a repeated one once. */
function key(body: Body): string | undefined {
  return body.idempotencyKey === undefined ? undefined : text(body.idempotencyKey, 'idempotencyKey');
}
/** The version a move is based on, when the client sent one (N6). */
function optionalVersion(body: Body): number | undefined {
  return body.expectedVersion === undefined ? undefined : version(body);
}
function oneOf<T extends string>(value: unknown, values: readonly T[], field: string): T {
  if (!values.includes(value as T)) throw malformed(`“${field}” must be one of ${values.join(', ')}.`, field);
  return value as T;
}
