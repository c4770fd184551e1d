/**
 * `npm run server` (B7): one instance of the reference server, ready to use
 * on a fresh machine. Without DATABASE_URL it makes (or reuses) a private
 * PostgreSQL cluster in the data folder; it migrates, seeds the demo data
 * into an empty database, bundles the desk and serves it with the protocol.
 * Run it again with another PORT for a second instance on the same database.
 *
 * Shutting down (Ctrl-C, SIGTERM) closes the instance and its pool. A
 * private cluster is stopped by the last instance to leave it, whoever
 * started it: only when no other instance is registered in the data folder
 * and no other session is connected to the cluster. Otherwise it stays up
 * for the others, and the command to stop it by hand is printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createDeskAssets } from './desk/assets.js';
import { migrate } from './db/migrate.js';
import { Db } from './db/pool.js';
import { startInstance, type Instance } from './instance.js';
import { readConfig, type ServerConfig } from './ops/config.js';
import { logins, otherClients, reason, seedIfEmpty, waitForDatabase, withApplicationName } from './ops/database.js';
import { InstanceRegister, withFolderLock } from './ops/data-folder.js';
import { inboundSecret } from './ops/inbound-secret.js';
import { openPrivateCluster, stopCommand, stopPrivateCluster, type PrivateCluster } from './ops/private-cluster.js';
import { repoRoot } from './ops/root.js';

/** What is running, so a signal at any moment undoes exactly that. */
interface Running {
  register?: InstanceRegister;
  cluster?: PrivateCluster;
  db?: Db;
  instance?: Instance;
}

const APPLICATION_NAME = `care-server-${process.pid}`;
const running: Running = {};
/** When the first stop signal came (0: none yet). */
let stopping = 0;

/** A connection string without its password, to print. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** The last lines of the cluster's log, when PostgreSQL would not start. */
function logTail(config: ServerConfig): string {
  const file = join(config.dataDir, 'pg', 'log');
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-8).map((line) => `    ${line}`).join('\n');
}

async function openDatabase(config: ServerConfig): Promise<{ url: string; where: string }> {
  if (config.databaseUrl) return { url: config.databaseUrl, where: describe(config.databaseUrl) };
  running.register = new InstanceRegister(config.dataDir);
  running.register.enter();
  try {
    running.cluster = await withFolderLock(config.dataDir, () => openPrivateCluster(config.dataDir, config.pgPort));
  } catch (error) {
    const tail = logTail(config);
    throw new Error(`Could not start the private PostgreSQL cluster in ${join(config.dataDir, 'pg')}: ${reason(error)}` +
      (tail ? `\n  Its log ends with:\n${tail}` : '') +
      '\n  Set PG_PORT to use another port, CARE_DATA_DIR to use another folder, or DATABASE_URL to use an existing database.');
  }
  return { url: withApplicationName(running.cluster.url, APPLICATION_NAME), where: `${describe(running.cluster.url)} (private cluster)` };
}

/** Rejects with a message a person can act on when the HTTP port is taken (else the listen error would surface as a crash). */
function portFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `Port ${port} on ${host} is in use: start this instance with another PORT, e.g. PORT=${port + 1} npm run server.` : `Cannot listen on ${host}:${port}: ${reason(error)}`)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

async function start(): Promise<void> {
  const config = readConfig();
  const { url, where } = await openDatabase(config);
  const db = new Db({ connectionString: url });
  running.db = db;
  await waitForDatabase(db, where);
  const applied = await migrate(db);
  const seeded = await seedIfEmpty(db, config.demoPassword);
  const secret = inboundSecret(config.dataDir, config.inboundSecret);
  const assets = await createDeskAssets({ root: repoRoot() });
  if (stopping) return;
  await portFree(config.host, config.port);
  running.instance = await startInstance({
    db,
    connectionString: url,
    port: config.port,
    host: config.host,
    inboundSecret: secret.secret,
    demoPassword: config.demoPassword,
    assets,
  });
  const agents = await logins(db);
  const base = running.instance.url;
  const lines = [
    '',
    `Care server listening at ${base}/`,
    '',
    `  Sign in as  ${agents.map((a) => a.id).join(', ') || '(no agents)'}  with the password "${config.demoPassword}"` +
      (seeded ? '' : ' (the one the data was seeded with)'),
    `  Database    ${where}${applied.length ? `, migrated to ${applied.join(', ')}` : ''}${seeded ? ', demo data seeded' : ''}`,
  ];
  if (running.cluster) {
    lines.push(`              ${running.cluster.started ? 'started by this instance' : 'already running: reused'}, data in ${running.cluster.dir}`);
  }
  lines.push(
    `  Inbound     POST ${base}/care-api/inbound/tasks with "Authorization: Bearer <secret>"`,
    secret.source === 'env'
      ? '              secret from CARE_INBOUND_SECRET'
      : `              secret ${secret.source === 'generated' ? 'generated into' : 'read from'} ${secret.file}: ${secret.secret}`,
    `  Health      ${base}/care-api/health`,
    '',
    `  Another instance on the same database:  PORT=${config.port === 8080 ? 8081 : config.port + 1} npm run server`,
    '  Simulated customers and colleagues:     npm run simulate' + (config.port === 8080 ? '' : ` -- --url ${base}`),
    running.cluster
      ? '  Ctrl-C stops this instance; the last instance to stop also stops the private cluster.'
      : '  Ctrl-C stops this instance; the database is left as it is.',
    '',
  );
  console.log(lines.join('\n'));
}

async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    // One Ctrl-C often arrives twice (the terminal signals npm and node, and npm passes it on): only a later one insists.
    if (Date.now() - stopping < 1_000) return;
    console.log('Stopping anyway.');
    process.exit(1);
  }
  stopping = Date.now();
  console.log(`\n${signal}: stopping this instance …`);
  await running.instance?.close().catch((error: unknown) => console.log(`  closing the instance: ${reason(error)}`));
  const { cluster, register, db } = running;
  if (!cluster || !register) {
    register?.leave();
    await db?.close().catch(() => undefined);
    return;
  }
  const config = readConfig();
  // Under the folder's lock: an instance starting now either registered already (and keeps the cluster) or waits and starts it again.
  await withFolderLock(config.dataDir, async () => {
    register.leave();
    const others = register.others();
    const clients = db ? await otherClients(db, APPLICATION_NAME).catch(() => 0) : 0;
    await db?.close().catch(() => undefined);
    if (others.length === 0 && clients === 0) {
      await stopPrivateCluster(cluster.dir).then(
        () => console.log(`  Stopped the private cluster in ${cluster.dir}.`),
        (error: unknown) => console.log(`  Could not stop the private cluster: ${reason(error)}\n  Stop it with: ${stopCommand(cluster.dir)}`),
      );
    } else {
      const who = others.length
        ? `the other instance(s) on this data folder (process ${others.join(', ')}); the last of them stops it`
        : `${clients} other session(s) connected to it`;
      console.log(`  The private cluster keeps running for ${who}. To stop it by hand:\n    ${stopCommand(cluster.dir)}`);
    }
  });
}

let stopped: Promise<void> | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // The first signal's shutdown ends the process; a repeated one only insists (see shutdown).
    if (stopped) return void shutdown(signal);
    stopped = shutdown(signal).then(() => process.exit(0));
  });
}

start().catch((error: unknown) => {
  if (stopping) return;
  console.error(`\nThe Care server could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.CARE_DEBUG) console.error(error);
  void shutdown('error').then(() => process.exit(1));
});
