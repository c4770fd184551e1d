import { expect } from '@open-wc/testing';
import { CareError } from '../../src/model/errors.js';
import type { Comment, Task } from '../../src/model/types.js';
import { CareStore } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import type { CareTransport } from '../../src/transport/port.js';
import { ANN, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { current, until } from '../support/session.js';

/** A host adapter over the memory one that does not vouch for its payloads, with some replies replaced. */
function unvouched(memory: MemoryTransport, overrides: Partial<CareTransport>): CareTransport {
  return Object.assign(Object.create(memory) as MemoryTransport, { validated: false, ...overrides });
}

describe('N4 the store checks every reply of an adapter that does not vouch for it', () => {
  it('N4 R3 acceptTask answering null is a clear error, not a throw, and nothing changes', async () => {
    const { engine } = makeEngine();
    const task = engine.receive({ ...chat(ANN), queueId: 'q-backlog' });
    const memory = new MemoryTransport(engine, { agentId: 'agent-1' });
    const store = new CareStore(unvouched(memory, { acceptTask: async () => null as unknown as Task }));
    await store.connect();
    const result = await store.accept(task.id);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error.kind).to.equal('network');
    expect(result.error.message).to.equal('The service sent a task this version of Care Kit cannot read.');
    expect(result.error.detail).to.equal('not a record');
    expect(store.snapshot.activeTaskId).to.equal(null);
  });

  it('N4 R20 a null comment list ends the spinner with an error; a chat line dated 1e20 is refused', async () => {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat(ANN));
    const memory = new MemoryTransport(engine, { agentId: 'agent-1' });
    const store = new CareStore(
      unvouched(memory, {
        getComments: async () => null as unknown as Comment[],
        getTranscript: async () => [{ id: 'm1', activityId: task.activityId, from: 'customer', authorName: 'Ann', text: 'hi', at: 1e20 }],
      }),
    );
    await store.connect();
    const comments = await until(store.comments$(task.activityId), (c) => c.status !== 'loading');
    expect(comments.status === 'error' && comments.error.message).to.equal('The service sent a comment list this version of Care Kit cannot read.');
    const transcript = await until(store.transcript$(task.activityId), (c) => c.status !== 'loading');
    expect(transcript.status === 'error' && transcript.error.detail).to.equal('at [0].at: not a time');
  });

  it('N4 R6 a conflict whose current record is malformed is a network error, and the draft keeps the agent\'s text', async () => {
    const { engine } = makeEngine();
    acceptPicked(engine, 'agent-1', chat(ANN));
    const memory = new MemoryTransport(engine, { agentId: 'agent-1' });
    const conflict = new CareError({
      kind: 'conflict',
      message: 'Changed meanwhile.',
      conflict: { entity: 'request', id: 'req-ann-newer', expectedVersion: 1, actualVersion: 2, current: { id: 'req-ann-newer', version: 'two' } },
    });
    const store = new CareStore(unvouched(memory, { updateRequest: async () => Promise.reject(conflict) }));
    await store.connect();
    await until(store.request$('req-ann-newer'), (r) => r.status === 'ready');
    store.editRequest('req-ann-newer', { title: 'Refund, second try' });
    const saved = await store.saveRequest('req-ann-newer');
    expect(!saved.ok && saved.error.kind).to.equal('network');
    expect(!saved.ok && saved.error.detail).to.equal('at version: not a version');
    const draft = current(store.requestDraft$('req-ann-newer'));
    expect(draft?.values.title).to.equal('Refund, second try');
    expect(draft?.conflict).to.equal(undefined);
  });

  it('N4 a malformed event names where it broke for the integrator, and the agent sees a plain notice', async () => {
    const { engine } = makeEngine();
    const memory = new MemoryTransport(engine, { agentId: 'agent-1' });
    let deliver: ((event: unknown) => void) | undefined;
    const store = new CareStore(
      unvouched(memory, {
        subscribe: (listener) => {
          deliver = listener as (event: unknown) => void;
          return memory.subscribe(listener);
        },
      }),
    );
    await store.connect();
    deliver?.({ type: 'chat-message', message: { id: 'm', activityId: 'a', from: 'customer', authorName: 'Ann', text: 'hi', at: Number.NaN } });
    const [notice] = current(store.notices$);
    expect(notice?.code).to.equal('protocol');
    expect(notice?.error?.detail).to.equal('at message.at: not a time');
  });
});
