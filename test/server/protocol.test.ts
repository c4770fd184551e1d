import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { bearer, call, INBOUND_SECRET, makeWorld, type World } from './support/world.js';
import { checkInvariants } from './support/invariants.js';

let world: World;
let base: string;
const chat = { media: 'chat', contact: { name: 'Ann Lee', email: 'ann@example.com', phone: '' }, opening: 'Hello', queueId: 'q-backlog' };

before(async () => {
  world = await makeWorld(1);
  base = world.instances[0]!.url;
});
after(() => world.close());
beforeEach(async () => {
  await call(base, 'POST', '/test/reset', { seed: 'contract' });
});
afterEach(() => checkInvariants(world.db));

describe('B6 sign-in and who acts', () => {
  it('B6 a wrong password and an unknown login get the same 401', async () => {
    const wrong = await call(base, 'POST', '/sign-in', { login: 'agent-1', password: 'nope' });
    const unknown = await call(base, 'POST', '/sign-in', { login: 'nobody', password: 'nope' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.error?.message, unknown.body.error?.message);
  });

  it('B6 sign-in sets an HttpOnly, SameSite=Strict session cookie that signs requests in', async () => {
    const res = await call(base, 'POST', '/sign-in', { login: 'agent-1', password: 'care-demo' });
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /care_session=[^;]+/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const session = await call(base, 'GET', '/session', undefined, { cookie: cookie.split(';')[0]! });
    assert.equal(session.status, 200);
    assert.equal((session.body.agent as { id: string }).id, 'agent-1');
  });

  it('B6 ten failed sign-ins for a login stop further tries for 15 minutes', async () => {
    for (let n = 0; n < 10; n++) assert.equal((await call(base, 'POST', '/sign-in', { login: 'agent-2', password: `guess ${n}` })).status, 401);
    const right = await call(base, 'POST', '/sign-in', { login: 'agent-2', password: 'care-demo' });
    assert.equal(right.status, 401, 'even the right password is not checked now');
    assert.match(right.body.error!.message, /Too many failed sign-ins/);
    assert.equal((await call(base, 'POST', '/sign-in', { login: 'agent-1', password: 'care-demo' })).status, 200, 'other logins are not affected');
    await call(base, 'POST', '/test/advance', { ms: 15 * 60 * 1000 + 1000 });
    assert.equal((await call(base, 'POST', '/sign-in', { login: 'agent-2', password: 'care-demo' })).status, 200);
  });

  it('B6 the X-Care-Agent header signs nobody in', async () => {
    const res = await call(base, 'GET', '/session', undefined, { 'x-care-agent': 'agent-1' });
    assert.equal(res.status, 401);
    assert.equal(res.body.error?.kind, 'auth');
  });

  it('B6 who acts comes from the session, whatever the body says', async () => {
    const h2 = await bearer(base, 'agent-2');
    const task = await call(base, 'POST', '/test/receive', chat);
    const accepted = await call(base, 'POST', `/tasks/${task.body.id}/accept`, { acceptedBy: 'agent-1' }, h2);
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.acceptedBy, 'agent-2');
  });

  it('B6 signing out ends the session, and its open event stream with it', async () => {
    const h1 = await bearer(base, 'agent-1');
    const stream = await fetch(`${base}/care-api/events`, { headers: h1 });
    const ended = (async () => {
      for await (const _chunk of stream.body as unknown as AsyncIterable<Uint8Array>);
    })();
    assert.equal((await call(base, 'POST', '/sign-out', undefined, h1)).status, 204);
    assert.equal((await call(base, 'GET', '/session', undefined, h1)).status, 401);
    await Promise.race([ended, new Promise((_, reject) => setTimeout(() => reject(new Error('the stream outlived its session')), 5_000))]);
  });

  it('B6 the inbound endpoint needs its own secret, not an agent session', async () => {
    const h1 = await bearer(base, 'agent-1');
    assert.equal((await call(base, 'POST', '/inbound/tasks', chat, h1)).status, 401);
    const ok = await call(base, 'POST', '/inbound/tasks', chat, { authorization: `Bearer ${INBOUND_SECRET}` });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.customerId, 'cust-ann', 'R27 matched by email');
  });

  it('B6 an agent may change only what the rules allow (R25)', async () => {
    const h1 = await bearer(base, 'agent-1');
    const res = await call(base, 'PATCH', '/customers/cust-ann', { expectedVersion: 1, patch: { name: 'X' } }, h1);
    assert.equal(res.status, 409);
    assert.equal(res.body.error?.reason, 'not-in-progress');
  });
});

describe('B1 bad input gets the protocol error, never a 500', () => {
  it('B1 a body over the limit is 413', async () => {
    const h1 = await bearer(base, 'agent-1');
    const res = await call(base, 'POST', '/activities/act-ann-open/comments', { text: 'x'.repeat(70_000) }, h1);
    assert.equal(res.status, 413);
    assert.equal(res.body.error?.kind, 'validation');
  });

  it('B1 a body that is not JSON, or not the operation’s shape, is 422 with where it broke', async () => {
    const h1 = await bearer(base, 'agent-1');
    const broken = await fetch(`${base}/care-api/agent/status`, { method: 'PUT', headers: { ...h1, 'content-type': 'application/json' }, body: '{"status":' });
    assert.equal(broken.status, 422);
    const shape = await call(base, 'PUT', '/agent/status', { status: 'asleep' }, h1);
    assert.equal(shape.status, 422);
    assert.match((shape.body.error as { detail?: string }).detail ?? '', /status/);
  });

  it('B1 text with a NUL character is 422, not a database failure', async () => {
    const h1 = await bearer(base, 'agent-1');
    const task = await call(base, 'POST', '/test/receive', chat);
    await call(base, 'POST', `/tasks/${task.body.id}/accept`, {}, h1);
    const res = await call(base, 'POST', '/activities/act-ann-open/comments', { text: 'a\u0000b' }, h1);
    assert.equal(res.status, 422);
    const lone = await call(base, 'POST', '/activities/act-ann-open/comments', { text: 'half an emoji \ud83d' }, h1);
    assert.equal(lone.status, 200, 'a lone surrogate is stored as U+FFFD, not a failure');
  });

  it('B1 a write without a JSON content type is 415', async () => {
    const h1 = await bearer(base, 'agent-1');
    const res = await fetch(`${base}/care-api/agent/status`, { method: 'PUT', headers: { ...h1, 'content-type': 'text/plain' }, body: '{"status":"ready"}' });
    assert.equal(res.status, 415);
  });

  it('B1 an unknown id with characters that need escaping is 404, a malformed escape too', async () => {
    const h1 = await bearer(base, 'agent-1');
    assert.equal((await call(base, 'GET', `/customers/${encodeURIComponent("x'; DROP TABLE customers; --")}`, undefined, h1)).status, 404);
    assert.equal((await call(base, 'GET', '/customers/%E0%A4%A', undefined, h1)).status, 404);
    assert.equal((await call(base, 'GET', '/customers/cust-ann', undefined, h1)).status, 200, 'the table is still there');
  });

  it('R7 2,001 characters is a validation issue on the field; 2,000 are saved', async () => {
    const h1 = await bearer(base, 'agent-1');
    const task = await call(base, 'POST', '/test/receive', chat);
    await call(base, 'POST', `/tasks/${task.body.id}/accept`, {}, h1);
    const long = await call(base, 'PATCH', '/customers/cust-ann', { expectedVersion: 1, patch: { name: 'é'.repeat(2001) } }, h1);
    assert.equal(long.status, 422);
    assert.equal(long.body.error!.issues![0]!.field, 'name');
    const fits = await call(base, 'PATCH', '/customers/cust-ann', { expectedVersion: 1, patch: { name: 'é'.repeat(2000) } }, h1);
    assert.equal(fits.status, 200);
  });
});

describe('B5 conflicts as HTTP does them', () => {
  it('B5 R6 a stale save is 412 with the current record and who changed it', async () => {
    const h1 = await bearer(base, 'agent-1');
    const h2 = await bearer(base, 'agent-2');
    for (const h of [h1, h2]) {
      const task = await call(base, 'POST', '/test/receive', chat);
      assert.equal((await call(base, 'POST', `/tasks/${task.body.id}/accept`, {}, h)).status, 200);
    }
    const request = await call(base, 'GET', '/requests/req-ann-open', undefined, h1);
    const v = request.body.version as number;
    assert.equal((await call(base, 'PATCH', '/requests/req-ann-open', { expectedVersion: v, patch: { title: 'Soo-ah’s title' } }, h2)).status, 200);
    const stale = await call(base, 'PATCH', '/requests/req-ann-open', { expectedVersion: v, patch: { title: 'Alex’s title' } }, h1);
    assert.equal(stale.status, 412);
    const conflict = stale.body.error!.conflict! as { current: { title: string }; changedBy: { id: string }; actualVersion: number };
    assert.equal(conflict.current.title, 'Soo-ah’s title');
    assert.equal(conflict.changedBy.id, 'agent-2');
    assert.equal(conflict.actualVersion, v + 1);
    const retry = await call(base, 'PATCH', '/requests/req-ann-open', { expectedVersion: v + 1, patch: { title: 'Alex’s title' } }, h1);
    assert.equal(retry.status, 200, 'saving on the current version (Load) succeeds');
    await checkInvariants(world.db);
  });

  it('N6 a move based on an old version of the activity is 412', async () => {
    const h1 = await bearer(base, 'agent-1');
    const task = await call(base, 'POST', '/test/receive', chat);
    await call(base, 'POST', `/tasks/${task.body.id}/accept`, {}, h1);
    const target = { newRequest: { title: 'Another problem', description: '' } };
    const moved = await call(base, 'POST', '/activities/act-ann-open/move', { target, expectedVersion: 1 }, h1);
    assert.equal(moved.status, 200);
    const again = await call(base, 'POST', '/activities/act-ann-open/move', { target, expectedVersion: 1 }, h1);
    assert.equal(again.status, 412);
  });

  it('N3 an append retried with its idempotency key is done once', async () => {
    const h1 = await bearer(base, 'agent-1');
    const task = await call(base, 'POST', '/test/receive', chat);
    await call(base, 'POST', `/tasks/${task.body.id}/accept`, {}, h1);
    const body = { text: 'Called the courier', idempotencyKey: 'key-0123456789' };
    const first = await call(base, 'POST', '/activities/act-ann-open/comments', body, h1);
    const second = await call(base, 'POST', '/activities/act-ann-open/comments', body, h1);
    assert.equal(first.status, 200);
    assert.deepEqual(second.body, first.body);
    const comments = await call(base, 'GET', '/activities/act-ann-open/comments', undefined, h1);
    assert.equal((comments.body as unknown as unknown[]).length, 1);
    const elsewhere = await call(base, 'POST', '/activities/act-ann-closed/comments', body, h1);
    assert.equal(elsewhere.status, 422, 'the same key on another record is a client bug, not a retry');
    assert.equal(elsewhere.body.error!.issues![0]!.field, 'idempotencyKey');
  });
});
