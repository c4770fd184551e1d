// Defects found in review, each pinned by the rule or B id it broke.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { checkInvariants } from './support/invariants.js';
import { bearer, call, makeWorld, type World } from './support/world.js';

let world: World;
let a: string;
let b: string;
const contact = (n: number) => ({ name: `Caller ${n}`, email: `caller${n}@example.com`, phone: '' });
const receive = async (base: string, media: 'chat' | 'call', n: number, queueId = 'q-backlog') =>
  (await call(base, 'POST', '/test/receive', { media, contact: contact(n), opening: `Hello ${n}`, queueId })).body as { id: string; activityId: string };

before(async () => {
  world = await makeWorld(2);
  [a, b] = world.instances.map((i) => i.url) as [string, string];
});
after(() => world.close());
beforeEach(() => call(a, 'POST', '/test/reset', { seed: 'contract' }));
afterEach(() => checkInvariants(world.db));

describe('found in review', () => {
  it('R5 one agent accepting two calls at once: one is taken, the other is refused as call-in-progress (not a 503)', async () => {
    const h1 = await bearer(a, 'agent-1');
    for (let round = 0; round < 8; round++) {
      const [x, y] = [await receive(a, 'call', round * 2), await receive(a, 'call', round * 2 + 1)];
      const answers = await Promise.all([call(a, 'POST', `/tasks/${x.id}/accept`, {}, h1), call(b, 'POST', `/tasks/${y.id}/accept`, {}, h1)]);
      const statuses = answers.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409], `round ${round}: ${JSON.stringify(answers.map((r) => r.body))}`);
      const refused = answers.find((r) => r.status === 409)!;
      assert.equal(refused.body.error?.reason, 'call-in-progress');
      const taken = answers.findIndex((r) => r.status === 200);
      await call(a, 'POST', `/tasks/${[x, y][taken]!.id}/close`, {}, h1);
    }
  });

  it('B4 an event stream whose client hangs up before it is set up is not kept (no stream, no timer left behind)', async () => {
    const h1 = await bearer(a, 'agent-1');
    const url = new URL(`${a}/care-api/events`);
    await Promise.all(Array.from({ length: 20 }, (_, n) => new Promise<void>((resolve) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, headers: h1 });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      // Gone while the server still looks the session and the agent up.
      req.end(() => setTimeout(() => req.destroy(), n % 4));
    })));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const health = await call(a, 'GET', '/health');
    assert.equal(health.body.streams, 0, 'every stream of a client that left is gone');
  });

  it('B4 a resume whose replay fails ends the stream, so the client resumes again, instead of going live past the events it missed', async () => {
    const h1 = await bearer(a, 'agent-1');
    const [{ seq }] = (await world.db.rows<{ seq: number }>('SELECT seq FROM event_counter')) as [{ seq: number }];
    await receive(a, 'chat', 1); // an event the resuming client has not seen
    // The log cannot be read for a moment (a database failing between the sign-in check and the replay).
    await world.db.rows('ALTER TABLE events RENAME TO events_away');
    const controller = new AbortController();
    try {
      const res = await fetch(`${a}/care-api/events?since=${seq}`, { headers: h1, signal: controller.signal });
      const ended = (async () => {
        for await (const _chunk of res.body as unknown as AsyncIterable<Uint8Array>) void _chunk;
        return true;
      })().catch(() => true);
      const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000).unref());
      assert.equal(await Promise.race([ended, timeout]), true, 'the stream ends: left open, it would carry live events after a gap');
    } finally {
      controller.abort();
      await world.db.rows('ALTER TABLE events_away RENAME TO events');
    }
  });

  it('B6 a cookie-signed write that is not JSON (a form or a no-cors fetch from a sibling site) is refused, so it cannot be forged', async () => {
    const signIn = await call(a, 'POST', '/sign-in', { login: 'agent-1', password: 'care-demo' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const task = await receive(a, 'chat', 1);
    // SameSite=Strict keeps the cookie from other sites, not from a sibling subdomain: these are what such a page can send without a preflight.
    const form = await fetch(`${a}/care-api/tasks/${task.id}/accept`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1',
    });
    const bare = await fetch(`${a}/care-api/tasks/${task.id}/accept`, { method: 'POST', headers: { cookie } });
    const plain = await fetch(`${a}/care-api/tasks/${task.id}/accept`, { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: '{}' });
    assert.deepEqual([form.status, bare.status, plain.status], [415, 415, 415]);
    const [row] = await world.db.rows<{ state: string }>('SELECT state FROM tasks WHERE id = $1', [task.id]);
    assert.equal(row!.state, 'queued', 'nothing was accepted');
    // What the desk sends (JSON) still works, as does a bearer token without a body.
    assert.equal((await call(a, 'POST', `/tasks/${task.id}/accept`, {}, { cookie })).status, 200);
    await call(a, 'POST', `/activities/${task.activityId}/tags`, { tag: 'late' }, { cookie });
    assert.equal((await call(a, 'DELETE', `/activities/${task.activityId}/tags/late`, undefined, { cookie })).status, 200, 'a DELETE is preflighted anyway');
    assert.equal((await call(a, 'POST', `/tasks/${task.id}/close`, undefined, await bearer(a, 'agent-1'))).status, 200);
  });

  it('B3 R18 /test/advance sweeps after moving the clock, even while a sweep that began before it is running', async () => {
    // Sweeping all the time: an advance almost always lands during a sweep that read the clock before it moved.
    const busy = await world.start({ sweepMs: 5 });
    try {
      for (let round = 0; round < 5; round++) {
        await call(a, 'POST', '/test/reset', { seed: 'contract' });
        const [row] = await world.db.rows<{ left: number }>("SELECT auto_close_at - care_now_ms() AS left FROM requests WHERE id = 'req-ann-open'");
        await call(busy.url, 'POST', '/test/advance', { ms: row!.left + 1_000 });
        const [after] = await world.db.rows<{ status: string }>("SELECT status FROM requests WHERE id = 'req-ann-open'");
        assert.equal(after!.status, 'closed', `round ${round}: due when the advance answered, so closed by then`);
      }
    } finally {
      await busy.close();
      world.instances.splice(world.instances.indexOf(busy), 1);
    }
  });

  it('B2 R26 a chat and a call arriving at once on two push queues never fail on the one-offer index (the contact is not lost)', async () => {
    await call(a, 'POST', '/test/reset', { seed: 'demo' });
    // Many Ready agents in both push queues make each routing query long enough that the other queue's offer to the same
    // longest-idle agent often commits while it runs.
    await world.db.rows(`INSERT INTO agents (id, name, login, status, status_reason, status_since, idle_since, updated_at)
      SELECT 'filler-' || n, 'Filler ' || n, 'filler-' || n, 'ready', 'manual', 0, n, 0 FROM generate_series(1, 5000) n`);
    await world.db.rows(`INSERT INTO agent_queues (agent_id, queue_id)
      SELECT 'filler-' || n, q FROM generate_series(1, 5000) n, unnest(ARRAY['q-chat', 'q-calls']) q`);
    const failed: unknown[] = [];
    for (let round = 0; round < 30; round++) {
      const answers = await Promise.all((['chat', 'call'] as const).map((media, n) => call(n ? a : b, 'POST', '/test/receive', {
        media, contact: { name: `C ${round} ${n}`, email: `c${round}x${n}@example.com`, phone: '' }, opening: 'Hi',
      })));
      for (const answer of answers) if (answer.status !== 200) failed.push(answer.body);
    }
    assert.deepEqual(failed, []);
    const [offered] = await world.db.rows<{ n: number }>("SELECT count(*)::int AS n FROM tasks WHERE state = 'offered'");
    assert.equal(offered!.n, 60, 'every contact was offered to an agent of its own');
  });

  it('N6 R29 two moves in opposite directions between two requests take turns instead of deadlocking', async () => {
    const h1 = await bearer(a, 'agent-1');
    const task = (await call(a, 'POST', '/test/receive', { media: 'chat', contact: { name: 'Ann', email: 'ann@example.com', phone: '' }, opening: 'Hi', queueId: 'q-backlog' })).body as { id: string; activityId: string };
    await call(a, 'POST', `/tasks/${task.id}/accept`, {}, h1);
    const second = await call(a, 'POST', '/activities/act-ann-open/move', { target: { newRequest: { title: 'Second problem', description: '' } } }, h1);
    const [one, two] = ['req-ann-open', second.body.request ? (second.body.request as { id: string }).id : ''];
    const deadlocks = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // backends report their counts about once a second
      const [row] = await world.db.rows<{ n: number }>('SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()');
      return row!.n;
    };
    const before = await deadlocks();
    // act-ann-open is in the second request, the new chat's activity in the first: swap them, ten times, both at once.
    for (let round = 0; round < 10; round++) {
      const [x, y] = round % 2 === 0 ? [one, two] : [two, one];
      const answers = await Promise.all([
        call(a, 'POST', '/activities/act-ann-open/move', { target: { requestId: x } }, h1),
        call(b, 'POST', `/activities/${task.activityId}/move`, { target: { requestId: y } }, h1),
      ]);
      assert.deepEqual(answers.map((r) => r.status), [200, 200], JSON.stringify(answers.map((r) => r.body.error)));
    }
    assert.equal(await deadlocks(), before, 'PostgreSQL found no deadlock');
  });
});
