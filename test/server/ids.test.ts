import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkInvariants } from './support/invariants.js';
import { bearer, call, makeWorld, type World } from './support/world.js';

let world: World;
let base: string;

before(async () => {
  world = await makeWorld(1);
  base = world.instances[0]!.url;
});
after(() => world.close());

describe('B1 new records on top of the demo seed', () => {
  it('B1 chats, comments and chat lines created after the demo seed never reuse a seeded id', async () => {
    await call(base, 'POST', '/test/reset', { seed: 'demo' });
    const seeded = new Set(
      (await world.db.rows<{ id: string }>('SELECT id FROM activities UNION ALL SELECT id FROM comments UNION ALL SELECT id FROM chat_messages')).map((r) => r.id),
    );
    const h = await bearer(base, 'agent-2');
    for (let n = 0; n < 40; n++) {
      const task = await call(base, 'POST', '/test/receive', {
        media: 'chat', contact: { name: `New ${n}`, email: `new${n}@example.com`, phone: '' }, opening: `Hello ${n}`, queueId: 'q-backlog',
      });
      assert.equal(task.status, 200, `chat ${n}: ${JSON.stringify(task.body)}`);
      assert.ok(!seeded.has(task.body.activityId as string), `chat ${n} got the seeded id ${task.body.activityId as string}`);
      if (n % 10) continue;
      assert.equal((await call(base, 'POST', `/tasks/${task.body.id as string}/accept`, undefined, h)).status, 200);
      const comment = await call(base, 'POST', `/activities/${task.body.activityId as string}/comments`, { text: 'A note' }, h);
      assert.equal(comment.status, 200, JSON.stringify(comment.body));
      const line = await call(base, 'POST', `/activities/${task.body.activityId as string}/messages`, { text: 'A line' }, h);
      assert.equal(line.status, 200, JSON.stringify(line.body));
    }
    await checkInvariants(world.db);
  });
});
