import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { checkInvariants } from './support/invariants.js';
import { openSse, type SseReader } from './support/sse.js';
import { bearer, call, makeWorld, type World } from './support/world.js';

let world: World;
let a: string;
let b: string;
const open: SseReader[] = [];
const chat = (n: number, queueId = 'q-backlog') => ({
  media: 'chat', contact: { name: `Customer ${n}`, email: `c${n}@example.com`, phone: '' }, opening: `Hello ${n}`, queueId,
});
const sse = async (base: string, headers: Record<string, string>, query = '') => {
  const reader = await openSse(`${base}/care-api/events${query}`, headers);
  open.push(reader);
  return reader;
};

before(async () => {
  world = await makeWorld(2);
  [a, b] = world.instances.map((i) => i.url) as [string, string];
});
after(() => world.close());
beforeEach(() => call(a, 'POST', '/test/reset', { seed: 'contract' }));
afterEach(async () => {
  for (const reader of open.splice(0)) reader.close();
  await checkInvariants(world.db);
});

describe('B2 routing without double assignment across instances', () => {
  it('B2 two agents on two instances racing for 20 pick tasks never both take one', async () => {
    const [h1, h2] = [await bearer(a, 'agent-1'), await bearer(b, 'agent-2')];
    const ids: string[] = [];
    for (let n = 0; n < 20; n++) ids.push((await call(a, 'POST', '/test/receive', chat(n))).body.id as string);
    const results = await Promise.all(ids.flatMap((id) => [
      call(a, 'POST', `/tasks/${id}/accept`, {}, h1),
      call(b, 'POST', `/tasks/${id}/accept`, {}, h2),
    ]));
    const won = results.filter((r) => r.status === 200);
    assert.equal(won.length, 20, 'each task is taken exactly once');
    for (const r of results.filter((x) => x.status !== 200)) assert.equal(r.body.error?.reason, 'already-taken');
  });

  it('B2 R26 push tasks arriving on both instances are offered once each, one pending offer per Ready agent', async () => {
    const [h1, h2] = [await bearer(a, 'agent-1'), await bearer(b, 'agent-2')];
    await Promise.all([call(a, 'PUT', '/agent/status', { status: 'ready' }, h1), call(b, 'PUT', '/agent/status', { status: 'ready' }, h2)]);
    await Promise.all(Array.from({ length: 10 }, (_, n) => call(n % 2 ? a : b, 'POST', '/test/receive', chat(n, 'q-chat'))));
    const offered = await world.db.rows<{ offered_to: string }>("SELECT offered_to FROM tasks WHERE state = 'offered'");
    assert.deepEqual(offered.map((r) => r.offered_to).sort(), ['agent-1', 'agent-2']);
  });
});

describe('B4 fan-out and resume', () => {
  it('B4 an agent on one instance hears a colleague’s change made on the other, with an id', async () => {
    const [h1, h2] = [await bearer(a, 'agent-1'), await bearer(b, 'agent-2')];
    const stream = await sse(a, h1);
    const ann = { name: 'Ann', email: 'ann@example.com', phone: '' };
    const mine = await call(a, 'POST', '/test/receive', { ...chat(1), contact: ann });
    await call(a, 'POST', `/tasks/${mine.body.id}/accept`, {}, h1);
    await call(b, 'PATCH', '/customers/cust-ann', { expectedVersion: 1, patch: { phone: '+1 555 0100 999' } }, h2).then((r) =>
      assert.equal(r.status, 409, 'cust-ann has no task in progress for agent-2'),
    );
    const theirs = await call(b, 'POST', '/test/receive', { ...chat(2), contact: ann });
    await call(b, 'POST', `/tasks/${theirs.body.id}/accept`, {}, h2);
    assert.equal((await call(b, 'PATCH', '/customers/cust-ann', { expectedVersion: 1, patch: { phone: '+1 555 0100 999' } }, h2)).status, 200);
    await stream.until((m) => m.some((x) => x.data.includes('+1 555 0100 999')), 'the colleague’s change');
    const change = stream.events().find((e) => e.type === 'entity-changed' && JSON.stringify(e).includes('+1 555 0100 999'))!;
    assert.ok(change.id > 0);
    assert.deepEqual(change.changedBy, { id: 'agent-2', name: 'Soo-ah Park' });
  });

  it('B4 a record’s changes reach the agents holding a task for its customer, not every agent', async () => {
    const [h1, h2] = [await bearer(a, 'agent-1'), await bearer(b, 'agent-2')];
    const bystander = await sse(a, h1);
    const task = await call(b, 'POST', '/test/receive', { ...chat(1), contact: { name: 'Ann', email: 'ann@example.com', phone: '' } });
    await bystander.until((m) => m.some((x) => x.data.includes('task-changed')), 'the pick task in agent-1’s queue');
    await call(b, 'POST', `/tasks/${task.body.id}/accept`, {}, h2);
    await call(b, 'POST', '/activities/act-ann-open/comments', { text: 'Only for those on the case' }, h2);
    await call(b, 'PATCH', '/customers/cust-ann', { expectedVersion: 1, patch: { phone: '+1 555 0100 777' } }, h2);
    const other = await call(a, 'POST', '/test/receive', chat(9));
    await bystander.until((m) => m.some((x) => x.data.includes(other.body.id as string)), 'a later event of its own');
    assert.ok(!bystander.messages.some((x) => x.data.includes('Only for those on the case') || x.data.includes('0100 777')), 'agent-1 holds no task for Ann');
  });

  it('B4 a client that reconnects with Last-Event-ID gets every event it missed, in order, once', async () => {
    const h1 = await bearer(a, 'agent-1');
    const first = await sse(a, h1);
    await call(a, 'POST', '/test/receive', chat(1));
    await first.until((m) => m.length >= 1, 'the first event');
    const lastId = first.messages[first.messages.length - 1]!.id!;
    first.close();
    for (let n = 2; n <= 6; n++) await call(b, 'POST', '/test/receive', chat(n));
    const resumed = await sse(b, { ...h1, 'last-event-id': String(lastId) });
    await call(a, 'POST', '/test/receive', chat(7));
    await resumed.until((m) => m.some((x) => x.data.includes('Hello 7')), 'the live event after the replay');
    const ids = resumed.events().map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'in order');
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    assert.ok(ids[0]! > lastId, 'nothing from before the cursor');
    const openings = resumed.events().filter((e) => e.type === 'chat-message').map((e) => (e.message as { text: string }).text);
    assert.deepEqual(openings, ['Hello 2', 'Hello 3', 'Hello 4', 'Hello 5', 'Hello 6', 'Hello 7']);
    const since = await sse(a, h1, `?since=${lastId}`);
    await since.until((m) => m.filter((x) => x.data.includes('chat-message')).length >= 6, '?since= replay');
  });

  it('B4 a cursor older than the log keeps gets a reset', async () => {
    const h1 = await bearer(a, 'agent-1');
    for (let n = 1; n <= 3; n++) await call(a, 'POST', '/test/receive', chat(n));
    await world.db.rows('DELETE FROM events WHERE seq <= 3');
    const stream = await sse(a, { ...h1, 'last-event-id': '1' });
    await stream.until((m) => m.some((x) => x.event === 'reset'), 'a reset');
    const future = await sse(a, { ...h1, 'last-event-id': '999999' });
    await future.until((m) => m.some((x) => x.event === 'reset'), 'a reset for a cursor from another database');
  });

  it('B4 an agent hears only its own events: a colleague’s offer stays with the colleague', async () => {
    const [h1, h2] = [await bearer(a, 'agent-1'), await bearer(b, 'agent-2')];
    const one = await sse(a, h1);
    const two = await sse(b, h2);
    await call(b, 'PUT', '/agent/status', { status: 'ready' }, h2);
    await call(a, 'POST', '/test/receive', chat(1, 'q-chat'));
    await two.until((m) => m.some((x) => x.data.includes('task-offered')), 'the offer');
    await call(a, 'POST', '/test/receive', chat(2));
    await one.until((m) => m.some((x) => x.data.includes('Customer 2') && x.data.includes('task-changed')), 'the pick task');
    assert.ok(!one.messages.some((x) => x.data.includes('task-offered')), 'agent-1 never hears agent-2’s offer');
    const pick = (await call(a, 'POST', '/test/receive', chat(3))).body.id as string;
    await call(b, 'POST', `/tasks/${pick}/accept`, {}, h2);
    await one.until((m) => m.some((x) => x.data.includes(pick) && x.data.includes('"accepted"')), 'the pick task leaving the queue');
    await call(b, 'POST', `/tasks/${pick}/close`, {}, h2);
    await two.until((m) => m.some((x) => x.data.includes(pick) && x.data.includes('"closed"')), 'the close, for the agent who held it');
    await call(a, 'POST', '/test/receive', chat(4));
    await one.until((m) => m.some((x) => x.data.includes('Customer 4')), 'a later event');
    assert.ok(!one.messages.some((x) => x.data.includes(pick) && x.data.includes('"closed"')), 'the queue does not hear what happens to a task after it left');
    assert.ok(!one.messages.some((x) => x.data.includes('agent-changed')), 'nor agent-2’s status');
  });
});
