// N3 on the reference server: an agent's link (their event stream) as every instance sees it.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { OFFER_TIMEOUT_MS } from '../../src/model/limits.js';
import { checkInvariants } from './support/invariants.js';
import { openSse, type SseReader } from './support/sse.js';
import { bearer, call, makeWorld, type World } from './support/world.js';

let world: World;
let a: string;
let b: string;
const open: SseReader[] = [];
const chat = (n: number) => ({ media: 'chat', contact: { name: `Customer ${n}`, email: `c${n}@example.com`, phone: '' }, opening: `Hello ${n}`, queueId: 'q-chat' });

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

async function stream(base: string, headers: Record<string, string>): Promise<SseReader> {
  const reader = await openSse(`${base}/care-api/events`, headers);
  open.push(reader);
  await until(async () => (await world.db.rows('SELECT 1 FROM agent_streams WHERE agent_id = $1', ['agent-1'])).length > 0, 'the stream is counted');
  return reader;
}

async function until(test: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await test()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never: ${what}`);
}

const taskRow = async (id: string) =>
  (await world.db.rows<{ state: string; offered_to: string | null }>('SELECT state, offered_to FROM tasks WHERE id = $1', [id]))[0]!;
const agentRow = async (id: string) =>
  (await world.db.rows<{ status: string; status_reason: string }>('SELECT status, status_reason FROM agents WHERE id = $1', [id]))[0]!;
const linkLost = async () => (await world.db.rows<{ lost: boolean }>("SELECT link_lost_at IS NOT NULL AS lost FROM agents WHERE id = 'agent-1'"))[0]!.lost;

/** agent-1 Ready with a live stream on `base`, offered a chat. */
async function offered(base: string) {
  const h1 = await bearer(base, 'agent-1');
  const reader = await stream(base, h1);
  await call(base, 'PUT', '/agent/status', { status: 'ready' }, h1);
  const task = (await call(base, 'POST', '/test/receive', chat(1))).body as { id: string };
  assert.equal((await taskRow(task.id)).offered_to, 'agent-1');
  return { h1, reader, task };
}

describe('N3 an agent’s link across instances', () => {
  it('N3 R13 an offer that expires while the agent’s stream is closed goes back to the queue; the agent stays Ready', async () => {
    const { reader, task } = await offered(a);
    reader.close();
    await until(linkLost, 'the link is lost');
    await call(a, 'POST', '/test/advance', { ms: OFFER_TIMEOUT_MS });
    await world.instances[0]!.sweep();
    assert.equal((await taskRow(task.id)).state, 'queued');
    assert.deepEqual(await agentRow('agent-1'), { status: 'ready', status_reason: 'manual' }, 'no R13 penalty for the network’s fault');
    assert.equal((await taskRow(task.id)).offered_to, null, 'and nothing is offered to an agent without a link');
  });

  it('N3 R13 a live agent who lets an offer run out still goes Not Ready', async () => {
    const { task } = await offered(a);
    await call(a, 'POST', '/test/advance', { ms: OFFER_TIMEOUT_MS });
    await world.instances[1]!.sweep();
    assert.equal((await taskRow(task.id)).state, 'queued');
    assert.deepEqual(await agentRow('agent-1'), { status: 'not-ready', status_reason: 'offer-timeout' });
  });

  it('N3 B2 a stream held on one instance is a live link for routing on the other', async () => {
    const h1 = await bearer(b, 'agent-1');
    (await stream(b, h1)).close();
    await until(linkLost, 'the link is lost');
    await call(b, 'PUT', '/agent/status', { status: 'ready' }, h1);
    const first = (await call(b, 'POST', '/test/receive', chat(1))).body as { id: string };
    assert.equal((await taskRow(first.id)).state, 'queued', 'no offer while the link is down');

    await stream(a, h1);
    await world.instances[1]!.sweep(); // routing on b, the stream on a
    assert.equal((await taskRow(first.id)).offered_to, 'agent-1');
  });

  it('N3 B7 the streams of an instance that died go stale: its agents count as offline once no one refreshes them', async () => {
    const h1 = await bearer(a, 'agent-1');
    await call(a, 'PUT', '/agent/status', { status: 'ready' }, h1);
    // A stream on an instance that was killed: its row is no longer refreshed.
    await world.db.rows("INSERT INTO agent_streams (id, agent_id, instance, seen_at) VALUES ('dead-1', 'agent-1', 'dead', care_wall_ms() - 60000)");
    assert.equal(await linkLost(), false);
    await world.instances[0]!.sweep();
    assert.equal(await linkLost(), true, 'the stale stream is swept and the link counted lost');
    assert.equal((await world.db.rows("SELECT 1 FROM agent_streams WHERE id = 'dead-1'")).length, 0);
    const task = (await call(a, 'POST', '/test/receive', chat(2))).body as { id: string };
    assert.equal((await taskRow(task.id)).state, 'queued');
  });
});
