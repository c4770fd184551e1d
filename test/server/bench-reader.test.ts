import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamingResponse } from '../../bench/server/raw-http.js';

/** What the bench's loss counts rest on: its stream reader must hand over every byte of the body, however reads split it. */
describe('B4 the bench’s stream reader', () => {
  const body = ['retry: 2000\n\n', 'id: 1\ndata: {"a":1}\n\n', 'id: 2\ndata: {"b":"é"}\n\nid: 3\ndata: {}\n\n', ': keep-alive\n\n'];
  const wire = Buffer.concat([
    Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n'),
    ...body.map((part) => Buffer.concat([Buffer.from(`${Buffer.byteLength(part).toString(16)}\r\n`), Buffer.from(part), Buffer.from('\r\n')])),
  ]);

  const read = (pieces: Buffer[]) => {
    let status = 0;
    const got: Buffer[] = [];
    const response = new StreamingResponse((s) => (status = s), (piece) => got.push(Buffer.from(piece)));
    for (const piece of pieces) response.feed(piece);
    return { status, text: Buffer.concat(got).toString('utf8') };
  };

  it('B4 gets the status and the whole body, split anywhere into two reads or into single bytes', () => {
    for (let cut = 0; cut <= wire.length; cut++) {
      assert.deepEqual(read([wire.subarray(0, cut), wire.subarray(cut)]), { status: 200, text: body.join('') }, `split at ${cut}`);
    }
    assert.deepEqual(read([...wire].map((byte) => Buffer.from([byte]))), { status: 200, text: body.join('') });
  });
});
