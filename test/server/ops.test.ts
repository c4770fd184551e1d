/**
 * B7, operation: `npm run server` on a fresh data folder makes its own
 * cluster, serves the desk with its security headers, and a second
 * instance on the same folder reuses that cluster; the last one to stop
 * stops it. With DATABASE_URL it waits for a database that is not up yet,
 * and leaves the database running when it stops. Plus the small parts:
 * configuration, the inbound secret, the simulator's options.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort, startCluster, type Cluster } from '../../server/db/cluster.js';
import { Db } from '../../server/db/pool.js';
import { CONTENT_SECURITY_POLICY } from '../../server/desk/assets.js';
import { readConfig } from '../../server/ops/config.js';
import { alive } from '../../server/ops/data-folder.js';
import { inboundSecret } from '../../server/ops/inbound-secret.js';
import { runningCluster, stopPrivateCluster } from '../../server/ops/private-cluster.js';
import { readOptions } from '../../server/sim/options.js';
import { runServer, type ServerProcess } from './support/server-process.js';

const folders: string[] = [];
const processes: ServerProcess[] = [];
const clusters: Cluster[] = [];

/** A temporary folder; `open` lets the postgres user through it (mkdtemp makes it 0700). */
function tempFolder(prefix: string, open = true): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (open) chmodSync(dir, 0o755);
  folders.push(dir);
  return dir;
}

const asRoot = process.getuid?.() === 0;

after(async () => {
  for (const p of processes) await p.stop('SIGKILL');
  for (const c of clusters) await c.stop('immediate').catch(() => undefined);
  for (const dir of folders) {
    if (runningCluster(join(dir, 'pg'))) await stopPrivateCluster(join(dir, 'pg')).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});

const LISTENING = /Care server listening at (http:\/\/\S+?)\/?\n/;

async function get(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init });
}

describe('B7 npm run server', () => {
  it('B7 starts on a fresh data folder, serves the sign-in page with a strict CSP, and a second instance on the folder reuses the cluster', async () => {
    const data = join(tempFolder('care-ops-'), 'data');
    const pgPort = await freePort();
    const [port1, port2] = [await freePort(), await freePort()];
    const first = runServer({ CARE_DATA_DIR: data, PORT: String(port1), PG_PORT: String(pgPort) });
    processes.push(first);
    const url1 = (await first.waitFor(LISTENING))[1]!;
    assert.equal(url1, `http://127.0.0.1:${port1}`);
    assert.match(first.output(), /agent-1, agent-2, agent-3, agent-4/, 'it names the logins');
    assert.match(first.output(), /password "care-demo"/);
    assert.match(first.output(), /started by this instance/);
    assert.match(first.output(), /PORT=\d+ npm run server/, 'it says how to start a second instance');
    assert.doesNotMatch(first.output(), /\n\s+at /, 'no stack trace');

    // The page: a real sign-in screen's shell, with the headers a browser enforces.
    const page = await get(`${url1}/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    const html = await page.text();
    const script = html.match(/<script type="module" src="(\/desk\/desk-[\w-]+\.js)">/)?.[1];
    const style = html.match(/<link rel="stylesheet" href="(\/desk\/desk-style-[\w-]+\.css)">/)?.[1];
    assert.ok(script && style, `the page loads the bundle and its stylesheet:\n${html}`);
    assert.doesNotMatch(html, /<script>|style="/, 'nothing inline for the CSP to refuse');

    const js = await get(`${url1}${script}`);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const code = await js.text();
    assert.match(code, /care-desk-app/, 'the sign-in screen is in the bundle');
    assert.match(code, /current-password/, 'with a password field a password manager recognises');
    const css = await get(`${url1}${style}`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const etag = js.headers.get('etag')!;
    assert.equal((await get(`${url1}${script}`, { headers: { 'if-none-match': etag } })).status, 304);
    const head = await get(`${url1}/`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');

    // Only the fixed list is served: no file of the repository, however the path is spelled.
    for (const path of ['/package.json', '/server/main.ts', '/desk/../package.json', '/desk/%2e%2e/package.json', '/desk/..%2fpackage.json',
      '/.care-data/inbound-secret', '/desk/', '/nope']) {
      const answer = await get(`${url1}${path}`);
      assert.equal(answer.status, 404, path);
      assert.doesNotMatch(await answer.text(), /"name": "care-kit"|inbound/, path);
    }
    assert.equal((await get(`${url1}/`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status, 404);

    // The inbound secret was generated, stored for the owner only, and printed.
    const secretFile = join(data, 'inbound-secret');
    const secret = readFileSync(secretFile, 'utf8').trim();
    assert.ok(secret.length >= 32);
    assert.equal(statSync(secretFile).mode & 0o777, 0o600);
    assert.ok(first.output().includes(secret));

    // A second instance on the same folder: same cluster (same postmaster), same secret, its own port.
    const postmaster = runningCluster(join(data, 'pg'));
    assert.ok(postmaster, 'the private cluster runs');
    assert.equal(postmaster.port, pgPort);
    const second = runServer({ CARE_DATA_DIR: data, PORT: String(port2) });
    processes.push(second);
    const url2 = (await second.waitFor(LISTENING))[1]!;
    assert.equal(url2, `http://127.0.0.1:${port2}`);
    assert.match(second.output(), /already running: reused/);
    assert.ok(second.output().includes(secret), 'the second instance uses the stored secret');
    assert.doesNotMatch(second.output(), /demo data seeded/, 'the data is seeded once');
    assert.deepEqual(runningCluster(join(data, 'pg')), postmaster, 'no second cluster was started');
    assert.equal((await get(`${url2}/`)).status, 200);

    // The first to stop leaves the cluster to the other; the last one stops it.
    assert.equal(await first.stop('SIGTERM'), 0);
    assert.match(first.output(), /keeps running for the other instance/);
    assert.ok(alive(postmaster.pid), 'the cluster still runs for the second instance');
    assert.equal((await get(`${url2}/`)).status, 200);
    // Ctrl-C under npm reaches the server twice (from the terminal and from npm): it must still stop cleanly.
    assert.equal(await second.stop('SIGINT', 2), 0);
    assert.match(second.output(), /Stopped the private cluster/);
    assert.equal(runningCluster(join(data, 'pg')), undefined);
    assert.ok(!existsSync(join(data, 'pg', 'data', 'postmaster.pid')));
  });

  it('B7 a data folder the postgres user cannot reach is a plain message and exit code 1, not initdb\'s failure', { skip: !asRoot && 'only as root' }, async () => {
    const data = join(tempFolder('care-ops-closed-', false), 'data');
    const server = runServer({ CARE_DATA_DIR: data, PORT: String(await freePort()), PG_PORT: String(await freePort()) });
    processes.push(server);
    assert.equal(await server.stop('SIGCONT'), 1);
    assert.match(server.output(), /the postgres user cannot reach .*care-ops-closed-.*CARE_DATA_DIR/s);
    assert.doesNotMatch(server.output(), /\n\s+at /, 'no stack trace');
    assert.ok(!existsSync(join(data, 'pg', 'data')), 'initdb never ran');
  });

  it('B7 with DATABASE_URL it waits for a database that is not up yet, with a message and no stack, then serves; stopping leaves that database running', async () => {
    const pgPort = await freePort();
    const port = await freePort();
    const data = join(tempFolder('care-ops-url-'), 'data');
    const server = runServer({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/care`,
      CARE_DATA_DIR: data,
      PORT: String(port),
      CARE_INBOUND_SECRET: 'a-secret-from-the-environment',
    });
    processes.push(server);
    await server.waitFor(/does not answer yet: .*Trying again/);
    assert.doesNotMatch(server.output(), /\n\s+at /, 'no stack trace');
    assert.ok(server.child.exitCode === null, 'it keeps trying');

    const cluster = await startCluster(tempFolder('care-ops-db-'), pgPort);
    clusters.push(cluster);
    const url = (await server.waitFor(LISTENING, 60_000))[1]!;
    assert.match(server.output(), /answers now/);
    assert.match(server.output(), /secret from CARE_INBOUND_SECRET/);
    assert.ok(!server.output().includes('a-secret-from-the-environment'), 'a secret from the environment is not printed');
    assert.ok(!existsSync(join(data, 'pg')), 'no private cluster was made');
    assert.equal((await get(`${url}/`)).status, 200);
    assert.equal(await server.stop('SIGTERM'), 0);
    const db = new Db({ connectionString: cluster.url });
    const rows = await db.rows<{ n: number }>('SELECT count(*)::int AS n FROM agents').finally(() => db.close());
    assert.equal(rows[0]!.n, 4, 'the database is still up, migrated and seeded');
  });
});

describe('B7 configuration', () => {
  it('B7 defaults: port 8080 on 127.0.0.1, .care-data in the working folder, password care-demo; PORT is checked', () => {
    const config = readConfig({}, '/srv/care');
    assert.deepEqual(config, {
      databaseUrl: undefined,
      dataDir: '/srv/care/.care-data',
      pgPort: undefined,
      port: 8080,
      host: '127.0.0.1',
      demoPassword: 'care-demo',
      inboundSecret: undefined,
    });
    assert.equal(readConfig({ CARE_DATA_DIR: 'elsewhere', PORT: '8081' }, '/srv/care').dataDir, '/srv/care/elsewhere');
    assert.equal(readConfig({ PORT: '8081' }).port, 8081);
    assert.throws(() => readConfig({ PORT: 'eighty' }), /PORT must be a port number/);
    assert.throws(() => readConfig({ PG_PORT: '70000' }), /PG_PORT must be a port number/);
  });

  it('B6 the inbound secret: the environment wins; else one is generated once and every later reader gets the same', () => {
    const dir = tempFolder('care-ops-secret-');
    assert.deepEqual(inboundSecret(dir, ' from-env '), { secret: 'from-env', source: 'env' });
    const made = inboundSecret(dir, undefined);
    assert.equal(made.source, 'generated');
    const again = inboundSecret(dir, '');
    assert.deepEqual([again.source, again.secret], ['stored', made.secret]);
    assert.notEqual(inboundSecret(tempFolder('care-ops-secret-'), undefined).secret, made.secret, 'each folder gets its own');
  });

  it('B6 the simulator reads its secret from the data folder, and refuses options it does not know', () => {
    const dir = tempFolder('care-ops-sim-');
    assert.throws(() => readOptions([], { CARE_DATA_DIR: dir }), /No inbound secret/);
    const { secret } = inboundSecret(dir, undefined);
    const options = readOptions(['--url', 'http://127.0.0.1:9000/', '--rate=12', '--colleagues', 'agent-3'], { CARE_DATA_DIR: dir });
    assert.deepEqual([options.url, options.rate, options.colleagues, options.secret], ['http://127.0.0.1:9000', 12, ['agent-3'], secret]);
    assert.equal(readOptions([], { CARE_DATA_DIR: dir, PORT: '8081' }).url, 'http://127.0.0.1:8081');
    assert.equal(readOptions([], { CARE_INBOUND_SECRET: 'env-secret', CARE_DATA_DIR: dir }).secret, 'env-secret');
    assert.throws(() => readOptions(['--speed', '3'], { CARE_DATA_DIR: dir }), /Unknown option --speed/);
    assert.throws(() => readOptions(['--rate', '-1'], { CARE_DATA_DIR: dir }), /--rate must be a number/);
  });
});
