/**
 * One instance of the reference server: an HTTP server speaking the Care
 * protocol (docs/adapters.md) under /care-api, its event hub and its
 * deadline sweeper. Several instances on one database serve one contact
 * centre (B7). Work in progress: routes land in server/http/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Db } from './db/pool.js';

export interface InstanceOptions {
  db: Db;
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
}

export interface Instance {
  readonly url: string;
  readonly port: number;
  /** Stops taking requests, ends event streams and stops sweeping; the database stays open. */
  close(): Promise<void>;
}

export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const server = createServer((req, res) => {
    void (async () => {
      if (options.assets && !(req.url ?? '').startsWith('/care-api/') && (await options.assets(req, res))) return;
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
