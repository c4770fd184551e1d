import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { OFFER_TIMEOUT_MS } from '../../src/model/limits.js';
import { checkInvariants } from './support/invariants.js';
import { openSse, type SseReader } from './support/sse.js';
import { bearer, call, INBOUND_SECRET, makeWorld, type World } from './support/world.js';

let world: World;
let b: string;
const open: SseReader[] = [];
const children: ChildProcess[] = [];
const chat = (n: number, queueId = 'q-backlog') => ({
  media: 'chat', contact: { name: `Customer ${n}`, email: `c${n}@example.com`, phone: '' }, opening: `Hello ${n}`, queueId,
});

/** Starts an instance in a child process on the world's database. */
async function spawnInstance(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [new URL('./support/instance-process.js', import.meta.url).pathname], {
    env: { ...process.env, DATABASE_URL: world.cluster.url, CARE_INBOUND_SECRET: INBOUND_SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
  });
  return { url: (JSON.parse(line) as { url: string }).url, child };
}

before(async () => {
  world = await makeWorld(1);
  b = world.instances[0]!.url;
});
after(() => world.close());
beforeEach(() => call(b, 'POST', '/test/reset', { seed: 'contract' }));
afterEach(async () => {
  for (const reader of open.splice(0)) reader.close();
  // A failed test must not leave an instance running (the file would never end).
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await checkInvariants(world.db);
});

describe('B3 durable deadlines', () => {
  it('B3 R13 an offer times out on time after the instance that made it is killed with SIGKILL', async () => {
    const a = await spawnInstance();
    const h1 = await bearer(a.url, 'agent-1');
    await call(a.url, 'PUT', '/agent/status', { status: 'ready' }, h1);
    const task = await call(a.url, 'POST', '/test/receive', chat(1, 'q-chat'));
    const offered = await call(b, 'GET', `/session`, undefined, h1);
    assert.ok((offered.body.tasks as { id: string; state: string }[]).some((t) => t.id === task.body.id && t.state === 'offered'));
    a.child.kill('SIGKILL');
    await new Promise((resolve) => a.child.once('exit', resolve));
    const stream = await openSse(`${b}/care-api/events`, h1);
    open.push(stream);
    await call(b, 'POST', '/test/advance', { ms: OFFER_TIMEOUT_MS - 1_000 });
    const early = await world.db.rows<{ state: string }>('SELECT state FROM tasks WHERE id = $1', [task.body.id]);
    assert.equal(early[0]!.state, 'offered', 'not before its 15 minutes');
    await call(b, 'POST', '/test/advance', { ms: 1_000 });
    await stream.until((m) => m.some((x) => x.data.includes('task-revoked') && x.data.includes('"timeout"')), 'the timeout');
    const agent = (await call(b, 'GET', '/session', undefined, h1)).body.agent as { status: string; statusReason: string };
    assert.deepEqual([agent.status, agent.statusReason], ['not-ready', 'offer-timeout']);
  });
});

describe('B4 a database restart mid-shift', () => {
  it('B4 loses no committed write, and every client resumes with no gap and no duplicate', async () => {
    const a = await spawnInstance();
    const h1 = await bearer(a.url, 'agent-1');
    const h2 = await bearer(b, 'agent-2');
    // Both hold a task for Ann, so both hear every comment on her records.
    for (const [base, h] of [[a.url, h1], [b, h2]] as const) {
      const task = await call(base, 'POST', '/test/receive', { ...chat(0), contact: { name: 'Ann', email: 'ann@example.com', phone: '' } });
      await call(base, 'POST', `/tasks/${task.body.id}/accept`, {}, h);
    }
    const streams = [await openSse(`${a.url}/care-api/events`, h1), await openSse(`${b}/care-api/events`, h2)];
    open.push(...streams);
    const committed: string[] = [];
    let refused = 0;
    const write = async (n: number) => {
      const res = await call(n % 2 ? a.url : b, 'POST', '/activities/act-ann-open/comments', { text: `note ${n}` }, h2);
      if (res.status === 200) committed.push(`note ${n}`);
      else {
        assert.equal(res.body.error?.kind, 'network', `a write during the restart is refused as network, not ${res.status}`);
        refused++;
      }
    };
    for (let n = 0; n < 10; n++) await write(n);
    assert.equal((await call(b, 'GET', '/health')).status, 200, 'B7 healthy while the database is up');
    await world.cluster.stop('immediate');
    const down = await call(b, 'GET', '/health');
    assert.deepEqual([down.status, down.body.status], [503, 'unavailable'], 'B7 a load balancer sees the database is down');
    for (let n = 10; n < 13; n++) await write(n);
    await world.cluster.start();
    for (let n = 13; n < 23; n++) {
      for (let tries = 0; tries < 50; tries++) {
        const before = committed.length;
        await write(n);
        if (committed.length > before) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.ok(refused >= 3, 'writes while the database was down were refused');
    const stored = await world.db.rows<{ text: string }>("SELECT text FROM comments WHERE activity_id = 'act-ann-open' ORDER BY position");
    assert.deepEqual(stored.map((r) => r.text), committed, 'every committed write is there, and only those');
    for (const stream of streams) {
      await stream.until((m) => m.filter((x) => x.data.includes('comment-added')).length >= committed.length, 'every comment', 15_000);
      const ids = stream.events().map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length, 'no duplicate');
      assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'in order');
      const texts = stream.events().filter((e) => e.type === 'comment-added').map((e) => (e.comment as { text: string }).text);
      assert.deepEqual(texts, committed, 'no gap');
    }
    a.child.kill('SIGKILL');
  });
});
