// The rules between agents and over time, in SQL, beyond what the transport contract covers.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { AUTO_CLOSE_MS } from '../../src/model/limits.js';
import { checkInvariants } from './support/invariants.js';
import { openSse } from './support/sse.js';
import { bearer, call, makeWorld, type World } from './support/world.js';

let world: World;
let a: string;
let b: string;
const contact = (email: string, phone = '') => ({ name: 'Someone', email, phone });
const receive = async (base: string, media: 'chat' | 'call', c: ReturnType<typeof contact>, queueId?: string) =>
  (await call(base, 'POST', '/test/receive', { media, contact: c, opening: 'My parcel is late', ...(queueId ? { queueId } : {}) })).body as {
    id: string; activityId: string; customerId: string | null; state: string; offeredTo?: string;
  };

before(async () => {
  world = await makeWorld(2);
  [a, b] = world.instances.map((i) => i.url) as [string, string];
});
after(() => world.close());
beforeEach(() => call(a, 'POST', '/test/reset', { seed: 'contract' }));
afterEach(() => checkInvariants(world.db));

describe('rules in SQL', () => {
  it('R27 a contact is matched by phone digits; R4 accepting files it in the most recent open request', async () => {
    const h1 = await bearer(a, 'agent-1');
    const task = await receive(a, 'call', contact('', '+1 (555) 0100-111'), 'q-backlog');
    assert.equal(task.customerId, 'cust-ann');
    await call(a, 'POST', `/tasks/${task.id}/accept`, {}, h1);
    const activity = (await call(a, 'GET', `/activities/${task.activityId}`, undefined, h1)).body;
    assert.equal(activity.requestId, 'req-ann-open');
    assert.ok((activity.call as { connectedAt?: number }).connectedAt, 'R15 the call is connected');
  });

  it('R4 R10 a new contact has no customer until the agent creates one; its activity then opens a new request', async () => {
    const h1 = await bearer(a, 'agent-1');
    const task = await receive(a, 'chat', contact('new@example.com'), 'q-backlog');
    assert.equal(task.customerId, null);
    await call(a, 'POST', `/tasks/${task.id}/accept`, {}, h1);
    const created = await call(a, 'POST', `/tasks/${task.id}/customer`, { fields: { name: 'Nora New', email: 'new@example.com', phone: '' } }, h1);
    assert.equal(created.status, 200);
    const journey = (await call(b, 'GET', `/customers/${created.body.id}/journey`, undefined, await bearer(b, 'agent-2'))).body as {
      requests: { title: string }[]; activities: { requestId: string }[];
    };
    assert.equal(journey.requests.length, 1);
    assert.equal(journey.requests[0]!.title, 'My parcel is late');
    const again = await call(a, 'POST', `/tasks/${task.id}/customer`, { fields: { name: 'Twice', email: '', phone: '' } }, h1);
    assert.equal(again.body.error?.reason, 'customer-exists');
  });

  it('R26 push routing offers to the longest-idle Ready agent; R12 going Not Ready withdraws the offer', async () => {
    const [h1, h2] = [await bearer(a, 'agent-1'), await bearer(b, 'agent-2')];
    await call(b, 'PUT', '/agent/status', { status: 'ready' }, h2);
    await call(a, 'PUT', '/agent/status', { status: 'ready' }, h1);
    const stream = await openSse(`${b}/care-api/events`, h2);
    try {
      const first = await receive(a, 'chat', contact('x1@example.com'));
      assert.equal(first.state, 'queued', 'the answer is the task as it arrived');
      const [offer] = await world.db.rows<{ offered_to: string }>('SELECT offered_to FROM tasks WHERE id = $1', [first.id]);
      assert.equal(offer!.offered_to, 'agent-2', 'agent-2 went Ready first: longest idle');
      await call(b, 'PUT', '/agent/status', { status: 'not-ready' }, h2);
      await stream.until((m) => m.some((x) => x.data.includes('task-revoked') && x.data.includes('withdrawn')), 'the withdrawal');
      const [now] = await world.db.rows<{ offered_to: string }>('SELECT offered_to FROM tasks WHERE id = $1', [first.id]);
      assert.equal(now!.offered_to, 'agent-1', 'the task goes on to the next Ready agent at once');
    } finally {
      stream.close();
    }
  });

  it('R5 a call is never offered to an agent on a call', async () => {
    const h1 = await bearer(a, 'agent-1');
    const call1 = await receive(a, 'call', contact('c1@example.com'), 'q-backlog');
    await call(a, 'POST', `/tasks/${call1.id}/accept`, {}, h1);
    await call(a, 'PUT', '/agent/status', { status: 'ready' }, h1);
    const call2 = await receive(a, 'call', contact('c2@example.com'), 'q-calls');
    const [row] = await world.db.rows<{ state: string }>('SELECT state FROM tasks WHERE id = $1', [call2.id]);
    assert.equal(row!.state, 'queued');
  });

  it('R18 an open request closes by itself 5 days after its last change, on the database clock', async () => {
    const h1 = await bearer(a, 'agent-1');
    // Agent-1 holds a chat of Ann's, so hears her request close (B4's audience); accepting it touched the request.
    const task = await receive(a, 'chat', contact('ann@example.com'), 'q-backlog');
    await call(a, 'POST', `/tasks/${task.id}/accept`, {}, h1);
    const [before] = await world.db.rows<{ auto_close_at: number }>("SELECT auto_close_at FROM requests WHERE id = 'req-ann-open'");
    const [clock] = await world.db.rows<{ now: number }>('SELECT care_now_ms() AS now');
    const left = before!.auto_close_at - clock!.now;
    assert.ok(left > 0 && left <= AUTO_CLOSE_MS);
    await call(b, 'POST', '/test/advance', { ms: left - 60_000 });
    // Days later: the 12-hour session has ended, so the agent signs in again.
    assert.equal((await call(a, 'GET', '/requests/req-ann-open', undefined, h1)).status, 401, 'B6 sessions expire');
    const again = await bearer(a, 'agent-1');
    assert.equal((await call(a, 'GET', '/requests/req-ann-open', undefined, again)).body.status, 'open');
    const stream = await openSse(`${a}/care-api/events`, again);
    try {
      await call(b, 'POST', '/test/advance', { ms: 61_000 });
      const closed = (await call(a, 'GET', '/requests/req-ann-open', undefined, again)).body;
      assert.equal(closed.status, 'closed');
      assert.equal(closed.updatedBy, undefined, 'the clock closed it, not an agent');
      await stream.until((m) => m.some((x) => x.data.includes('req-ann-open') && x.data.includes('"closed"')), 'the close');
    } finally {
      stream.close();
    }
  });

  it('X9 R28 neither a comment nor a tag may go on an activity of a closed request', async () => {
    const h1 = await bearer(a, 'agent-1');
    const task = await receive(a, 'chat', contact('ann@example.com'), 'q-backlog');
    await call(a, 'POST', `/tasks/${task.id}/accept`, {}, h1);
    assert.equal((await call(a, 'POST', '/activities/act-ann-closed/comments', { text: 'Looked at the old call' }, h1)).body.error?.reason, 'read-only');
    assert.equal((await call(a, 'POST', '/activities/act-ann-closed/tags', { tag: 'late' }, h1)).body.error?.reason, 'read-only');
  });

  it('R29 an activity moved to another customer joins their open request, and its task follows', async () => {
    const h1 = await bearer(a, 'agent-1');
    const other = await receive(a, 'chat', contact('bo@example.com'), 'q-backlog');
    await call(a, 'POST', `/tasks/${other.id}/accept`, {}, h1);
    const bo = await call(a, 'POST', `/tasks/${other.id}/customer`, { fields: { name: 'Bo', email: 'bo@example.com', phone: '' } }, h1);
    const task = await receive(a, 'chat', contact('ann@example.com'), 'q-backlog');
    await call(a, 'POST', `/tasks/${task.id}/accept`, {}, h1);
    const moved = await call(a, 'POST', `/activities/${task.activityId}/move-to-customer`, { customerId: bo.body.id }, h1);
    assert.equal(moved.status, 200);
    assert.equal(moved.body.customerId, bo.body.id);
    const session = (await call(a, 'GET', '/session', undefined, h1)).body.tasks as { id: string; customerId: string }[];
    assert.equal(session.find((t) => t.id === task.id)!.customerId, bo.body.id);
  });

  it('R11 closing ends the activity and touches its request; only the agent who holds the task may close it', async () => {
    const [h1, h2] = [await bearer(a, 'agent-1'), await bearer(b, 'agent-2')];
    const task = await receive(a, 'chat', contact('ann@example.com'), 'q-backlog');
    await call(a, 'POST', `/tasks/${task.id}/accept`, {}, h1);
    assert.equal((await call(b, 'POST', `/tasks/${task.id}/close`, {}, h2)).body.error?.reason, 'not-in-progress');
    const closed = await call(a, 'POST', `/tasks/${task.id}/close`, {}, h1);
    assert.equal(closed.body.state, 'closed');
    const activity = (await call(a, 'GET', `/activities/${task.activityId}`, undefined, h1)).body;
    assert.ok(activity.endedAt);
    assert.equal((await call(a, 'POST', `/activities/${task.activityId}/messages`, { text: 'still there?' }, h1)).body.error?.reason, 'not-in-progress');
  });
});
