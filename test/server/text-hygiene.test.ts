// N5 in the reference server: the same text rules as the engine (src/model/text.ts), tags compared by their
// normalised key in SQL (activity_tags.tag_key), text stored in NFC, invisible-only text refused.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { checkInvariants } from './support/invariants.js';
import { bearer, call, makeWorld, type World } from './support/world.js';

let world: World;
let a: string;
let b: string;

before(async () => {
  world = await makeWorld(2);
  [a, b] = world.instances.map((i) => i.url) as [string, string];
});
after(() => world.close());
beforeEach(() => call(a, 'POST', '/test/reset', { seed: 'contract' }));
afterEach(() => checkInvariants(world.db));

async function acceptedChat(): Promise<{ activityId: string; token: Record<string, string> }> {
  const token = await bearer(a, 'agent-1');
  const task = (await call(a, 'POST', '/test/receive', { media: 'chat', contact: { name: 'Ann', email: 'ann@example.com', phone: '' }, opening: 'Hi', queueId: 'q-backlog' })).body as {
    id: string;
    activityId: string;
  };
  await call(a, 'POST', `/tasks/${task.id}/accept`, {}, token);
  return { activityId: task.activityId, token };
}

const issueOf = (body: { error?: { issues?: { code: string }[] } }) => body.error?.issues?.[0]?.code;

describe('N5 text hygiene in the reference server', () => {
  it('N5 R9 vip and v\\u200Bip are one tag, on one instance or across two', async () => {
    const { activityId, token } = await acceptedChat();
    assert.equal((await call(a, 'POST', `/activities/${activityId}/tags`, { tag: 'vip' }, token)).status, 200);
    const twin = await call(a, 'POST', `/activities/${activityId}/tags`, { tag: 'v\u200Bip' }, token);
    assert.equal(issueOf(twin.body), 'duplicate');
    const other = await call(b, 'POST', `/activities/${activityId}/tags`, { tag: 'VIP\u200D' }, await bearer(b, 'agent-1'));
    assert.equal(issueOf(other.body), 'duplicate');
    const composed = await call(a, 'POST', `/activities/${activityId}/tags`, { tag: 'cafe\u0301' }, token);
    assert.deepEqual((composed.body as { tags: string[] }).tags, ['vip', 'café']);
    // Removed by any of its forms (the key is compared in SQL).
    const removed = await call(a, 'DELETE', `/activities/${activityId}/tags/${encodeURIComponent('V\u200Bip')}`, undefined, token);
    assert.deepEqual((removed.body as { tags: string[] }).tags, ['café']);
  });

  it('N5 invisible-only tags, comments and chat lines are refused; text is stored in NFC', async () => {
    const { activityId, token } = await acceptedChat();
    assert.equal(issueOf((await call(a, 'POST', `/activities/${activityId}/tags`, { tag: '\u200B' }, token)).body), 'invisible');
    assert.equal(issueOf((await call(a, 'POST', `/activities/${activityId}/comments`, { text: '\u2066\u2069' }, token)).body), 'invisible');
    assert.equal(issueOf((await call(a, 'POST', `/activities/${activityId}/messages`, { text: '\u3164' }, token)).body), 'invisible');
    const comment = await call(a, 'POST', `/activities/${activityId}/comments`, { text: 'cafe\u0301' }, token);
    assert.equal((comment.body as { text: string }).text, 'café');
  });
});
