/**
 * JSON over node:http with keep-alive connections per instance: cheaper
 * than fetch for thousands of small calls. A failure to connect or a reset
 * answers status 0 with the error's code, never throws.
 */
import { Agent, request } from 'node:http';

export interface Reply {
  /** HTTP status; 0 when no answer came (refused, reset, timed out). */
  status: number;
  /** The parsed answer; the bench reads a few fields of many shapes, so it is not typed (bench-internal, not public API). */
  body: any;
  /** Client-side time from sending to the last byte of the answer. */
  ms: number;
  /** When the answer ended, on the shared clock (performance.timeOrigin + now). */
  at: number;
  /** Why no answer came: ECONNREFUSED (the request never reached a server), ECONNRESET, timeout… */
  error?: string;
}

const agents = new Map<string, Agent>();
function agentFor(base: string): Agent {
  let agent = agents.get(base);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 1_000 });
    agents.set(base, agent);
  }
  return agent;
}

/** Wall-clock ms with sub-ms precision, comparable across threads and with the database's clock. */
export const clock = () => performance.timeOrigin + performance.now();

export function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 20_000): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const url = new URL(`/care-api${path}`, base);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (reply: Omit<Reply, 'ms' | 'at'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...reply, ms: performance.now() - started, at: clock() });
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent: agentFor(base),
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = text;
          }
          done({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', (error: NodeJS.ErrnoException) => done({ status: 0, body: undefined, error: error.code ?? error.message }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => done({ status: 0, body: undefined, error: error.code ?? error.message }));
    req.end(payload);
  });
}

/** Drops idle keep-alive sockets (at the end, so the process can exit). */
export function closeClients(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
