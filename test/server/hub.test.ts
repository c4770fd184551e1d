import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import type { Db } from '../../server/db/pool.js';
import { EventHub } from '../../server/events/hub.js';
import { EventStream } from '../../server/events/stream.js';

/** A response that records what the stream writes. */
function fakeResponse() {
  const res = Object.assign(new EventEmitter(), {
    written: [] as string[],
    ended: false,
    writableLength: 0,
    writeHead: () => res,
    write: (chunk: string | Buffer) => res.written.push(String(chunk)) > 0,
    end: () => {
      res.ended = true;
      res.emit('close');
    },
  });
  return res;
}

describe('B4 resuming while the database is away', () => {
  it('B4 a stream whose replay fails is closed, never left open past a gap', async () => {
    let down = true;
    // The log holds 6 and 7 after the client's cursor 5; this instance already delivered 6 to its other streams, so only 7 comes live.
    const db = {
      rows: async (sql: string) => {
        if (down) throw Object.assign(new Error('the database system is starting up'), { code: '57P03' });
        if (sql.includes('audience &&')) return [{ seq: 6, audience: null, payload: '{"n":6}' }, { seq: 7, audience: null, payload: '{"n":7}' }];
        if (sql.includes('FROM events WHERE seq >')) return [{ seq: 7, audience: null, payload: '{"n":7}' }];
        return [];
      },
    } as unknown as Db;
    const hub = new EventHub(db, 'postgres://unused');
    const res = fakeResponse();
    const stream: EventStream = new EventStream(res as unknown as ServerResponse, { id: 'agent-1', queueIds: [] }, 60_000, () => hub.detach(stream), 'no-session');
    try {
      await assert.rejects(hub.attach(stream, 5));
      down = false;
      hub.pump(); // the database is back: live events flow again
      await new Promise((resolve) => setTimeout(resolve, 20));
      const ids = res.written.filter((chunk) => chunk.startsWith('id: '));
      assert.deepEqual(ids, [], 'no live event after a failed replay: the client would skip what the replay missed');
      assert.ok(res.ended, 'the stream is closed, so the client reconnects with the same Last-Event-ID');
      assert.equal(hub.size, 0);
    } finally {
      stream.end();
      await hub.close();
    }
  });
});

describe('B4 events read together', () => {
  it('B4 reach each stream once, in order, and only those its agent hears', async () => {
    const log = [
      { seq: 1, audience: null, payload: '{"n":1}' },
      { seq: 2, audience: ['a:agent-2'], payload: '{"n":2}' },
      { seq: 3, audience: ['a:agent-1', 'q:q-x'], payload: '{"n":3}' },
      { seq: 4, audience: ['q:q-x'], payload: '{"n":4}' },
      { seq: 5, audience: null, payload: '{"n":5}' },
    ];
    const db = { rows: async (_sql: string, params: number[]) => log.filter((row) => row.seq > params[0]!) } as unknown as Db;
    const hub = new EventHub(db, 'postgres://unused');
    const open = (id: string, queueIds: string[]) => {
      const res = fakeResponse();
      const stream: EventStream = new EventStream(res as unknown as ServerResponse, { id, queueIds }, 60_000, () => hub.detach(stream), 'no-session');
      return { res, stream };
    };
    const one = open('agent-1', []);
    const two = open('agent-2', ['q-x']);
    const three = open('agent-3', ['q-x']);
    try {
      await hub.attach(one.stream, undefined);
      await hub.attach(two.stream, undefined);
      await hub.attach(three.stream, undefined);
      hub.pump();
      await new Promise((resolve) => setTimeout(resolve, 20));
      hub.pump(); // nothing new: nothing sent twice
      await new Promise((resolve) => setTimeout(resolve, 20));
      const ids = (res: ReturnType<typeof fakeResponse>) => [...res.written.join('').matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      assert.deepEqual(ids(one.res), [1, 3, 5]);
      assert.deepEqual(ids(two.res), [1, 2, 3, 4, 5]);
      assert.deepEqual(ids(three.res), [1, 3, 4, 5]);
    } finally {
      for (const { stream } of [one, two, three]) stream.end();
      await hub.close();
    }
  });
});

describe('B4 resuming from the hub’s memory', () => {
  it('B4 a stream that resumes within the recent events replays them from memory, once, in order, with no read of its backlog', async () => {
    const log = [1, 2, 3, 4, 5].map((seq) => ({ seq, audience: seq === 4 ? ['a:agent-2'] : null, payload: `{"n":${seq}}` }));
    let backlogReads = 0;
    const db = {
      rows: async (sql: string, params: number[]) => {
        if (sql.includes('event_counter')) return [{ counter: 5, first: 1 }];
        if (sql.includes('audience &&')) {
          backlogReads++;
          return log.filter((row) => row.seq > params[0]!);
        }
        return log.filter((row) => row.seq > params[0]!);
      },
    } as unknown as Db;
    const hub = new EventHub(db, 'postgres://unused');
    const res = fakeResponse();
    const stream: EventStream = new EventStream(res as unknown as ServerResponse, { id: 'agent-1', queueIds: [] }, 60_000, () => hub.detach(stream), 'no-session');
    try {
      hub.pump(); // the hub reads 1–5 for its other streams
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await hub.attach(stream, 2), true);
      hub.pump();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const ids = [...res.written.join('').matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      assert.deepEqual(ids, [3, 5], 'what agent-1 hears after its cursor');
      assert.equal(backlogReads, 0, 'no read of the backlog from the database');
    } finally {
      stream.end();
      await hub.close();
    }
  });
});
