import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeWorld, type World } from './support/world.js';

let world: World;

before(async () => {
  world = await makeWorld(0);
});
after(() => world.close());

describe('B4 a connection lost in the middle of a transaction', () => {
  it('B4 fails that transaction only: the process survives and the pool keeps serving', async () => {
    const attempt = world.db.tx(async (tx) => {
      const [me] = await tx.rows<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // The database drops this connection between two statements (a restart, a crash, an administrator).
      await world.db.rows('SELECT pg_terminate_backend($1)', [me!.pid]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return tx.rows('SELECT 1 AS one');
    });
    await assert.rejects(attempt, 'the transaction fails');
    const [row] = await world.db.rows<{ one: number }>('SELECT 1 AS one');
    assert.equal(row!.one, 1, 'the pool still answers');
  });
});
