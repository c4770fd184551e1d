/**
 * One instance of the reference server: an HTTP server speaking the Care
 * protocol (docs/adapters.md) under /care-api, its event hub and its
 * deadline sweeper. Several instances on one database serve one contact
 * centre (B7): they share nothing but PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Db } from './db/pool.js';
import { EventHub } from './events/hub.js';
import { Presence } from './events/presence.js';
import { BASE, createRouter } from './http/router.js';
import { recordRoutes } from './http/routes/records.js';
import { sessionRoutes } from './http/routes/session.js';
import { Sweeper } from './sweeper.js';

export interface InstanceOptions {
  db: Db;
  /** The database's connection string, for the hub's own LISTEN connection. */
  connectionString: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The shared secret of the inbound endpoint where chats and calls arrive (B6). */
  inboundSecret: string;
  /** Serves /care-api/test/* (reset, clock advance): tests only, never in production. */
  testRoutes?: boolean;
  /** Serves what is not under /care-api (the desk's page and scripts); resolves false when it has nothing for that path. */
  assets?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** How often this instance sweeps deadlines (R13, R18), in ms. Default 1,000. */
  sweepMs?: number;
  /** Keep-alive comments on event streams, in ms. Default 25,000. */
  heartbeatMs?: number;
  /** How often open event streams are checked against their sessions (sign-out, expiry), in ms. Default 30,000. */
  sessionCheckMs?: number;
  /** Mark the session cookie Secure (behind HTTPS). Default false. */
  secureCookies?: boolean;
  /** The password test resets give seeded agents. Default `care-demo`. */
  demoPassword?: string;
}

export interface Instance {
  readonly url: string;
  readonly port: number;
  readonly id: string;
  /** Sweeps deadlines now. */
  sweep(): Promise<void>;
  /** Stops taking requests, ends event streams and stops sweeping; the database pool stays open. */
  close(): Promise<void>;
}

export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const id = randomUUID().slice(0, 8);
  const hub = new EventHub(options.db, options.connectionString, 2_000, options.sessionCheckMs ?? 30_000);
  await hub.start();
  const presence = new Presence(options.db, id);
  const sweeper = new Sweeper(options.db, options.sweepMs ?? 1_000, presence);
  const routes = [
    ...sessionRoutes({
      hub,
      presence,
      sweeper,
      instanceId: id,
      heartbeatMs: options.heartbeatMs ?? 25_000,
      secureCookies: options.secureCookies ?? false,
      demoPassword: options.demoPassword ?? 'care-demo',
    }),
    ...recordRoutes,
  ];
  const api = createRouter({ db: options.db, routes, inboundSecret: options.inboundSecret, testRoutes: options.testRoutes ?? false });
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === BASE || path.startsWith(`${BASE}/`) || path.startsWith(`${BASE}?`)) return void api(req, res);
    void (async () => {
      if (options.assets && (await options.assets(req, res).catch(() => false))) return;
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    })();
  });
  server.requestTimeout = 30_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await hub.close();
    throw error; // a taken port: the caller says so in words
  }
  sweeper.start();
  const { port } = server.address() as { port: number };
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    id,
    sweep: () => sweeper.sweep(),
    close: async () => {
      await sweeper.stop();
      await hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
