import { expect } from '@open-wc/testing';
import { AUTO_CLOSE_MS } from '../../src/model/limits.js';
import { autoCloseAt, displayName, displayNameOrNull, isReadOnly, isTaskVisibleTo, lastTouched, mostRecentOpenRequest, moveRefusal } from '../../src/model/rules.js';
import type { Activity, CareRequest, Task } from '../../src/model/types.js';

function request(id: string, status: CareRequest['status'], createdAt: number, updatedAt = createdAt): CareRequest {
  return { id, customerId: 'c', title: id, description: '', status, createdAt, updatedAt, version: 1 };
}

function activity(id: string, requestId: string | null, updatedAt: number): Activity {
  return { id, customerId: 'c', requestId, media: 'chat', tags: [], startedAt: updatedAt, updatedAt, summary: '', version: 1 };
}

describe('model rules', () => {
  it('R24 the display name falls back name → email → phone → Unknown customer', () => {
    expect(displayName({ name: 'Ann', email: 'a@example.com', phone: '1' })).to.equal('Ann');
    expect(displayName({ name: '  ', email: 'a@example.com', phone: '1' })).to.equal('a@example.com');
    expect(displayName({ name: '', email: '', phone: '+1 555' })).to.equal('+1 555');
    expect(displayName({ name: '', email: '', phone: '' })).to.equal('Unknown customer');
    expect(displayName(null)).to.equal('Unknown customer');
    expect(displayName(undefined, '알 수 없는 고객')).to.equal('알 수 없는 고객');
    expect(displayNameOrNull({ name: '', email: '', phone: '' })).to.equal(null);
  });

  it('R4 the most recent open request is the latest created open one', () => {
    const picked = mostRecentOpenRequest([request('old', 'open', 1), request('new', 'open', 5), request('newest-closed', 'closed', 9)]);
    expect(picked?.id).to.equal('new');
    expect(mostRecentOpenRequest([request('x', 'closed', 1), request('y', 'resolved', 2)])).to.equal(undefined);
  });

  it('R28 resolved and closed requests are read-only', () => {
    expect(isReadOnly({ status: 'open' })).to.equal(false);
    expect(isReadOnly({ status: 'resolved' })).to.equal(true);
    expect(isReadOnly({ status: 'closed' })).to.equal(true);
  });

  it('R18 a request closes 5 days after it or any of its activities last changed', () => {
    const r = request('r', 'open', 0, 100);
    const acts = [activity('a', 'r', 500), activity('b', 'other', 9000)];
    expect(lastTouched(r, acts)).to.equal(500);
    expect(autoCloseAt(r, acts)).to.equal(500 + AUTO_CLOSE_MS);
    expect(autoCloseAt(request('c', 'closed', 0), acts)).to.equal(undefined);
  });

  it('R29 moves: never into or out of a closed request, never to another customer’s request', () => {
    const a = activity('a', 'r1', 0);
    expect(moveRefusal(a, { status: 'open' }, { id: 'r2', status: 'open', customerId: 'c' })).to.equal(undefined);
    expect(moveRefusal(a, { status: 'closed' }, { id: 'r2', status: 'open', customerId: 'c' })).to.equal('source-closed');
    expect(moveRefusal(a, { status: 'open' }, { id: 'r2', status: 'resolved', customerId: 'c' })).to.equal('target-closed');
    expect(moveRefusal(a, { status: 'open' }, { id: 'r1', status: 'open', customerId: 'c' })).to.equal('same-request');
    expect(moveRefusal(a, { status: 'open' }, { id: 'r3', status: 'open', customerId: 'other' })).to.equal('other-customer');
    expect(moveRefusal(activity('loose', null, 0), undefined, { id: 'r2', status: 'open', customerId: 'c' })).to.equal(undefined);
  });

  it('R14 R26 an agent sees pick tasks of its queues, its own offers and its own work', () => {
    const base: Task = {
      id: 't', version: 1, updatedAt: 0, queueId: 'q', routing: 'pick', media: 'chat', state: 'queued',
      customerId: null, contact: { name: '', email: '', phone: '' }, activityId: 'a', receivedAt: 0,
    };
    const me = { id: 'me', queueIds: ['q'] };
    expect(isTaskVisibleTo(base, me)).to.equal(true);
    expect(isTaskVisibleTo({ ...base, queueId: 'other' }, me)).to.equal(false);
    expect(isTaskVisibleTo({ ...base, routing: 'push' }, me)).to.equal(false);
    expect(isTaskVisibleTo({ ...base, routing: 'push', state: 'offered', offeredTo: 'me' }, me)).to.equal(true);
    expect(isTaskVisibleTo({ ...base, state: 'accepted', acceptedBy: 'you' }, me)).to.equal(false);
    expect(isTaskVisibleTo({ ...base, state: 'accepted', acceptedBy: 'me' }, me)).to.equal(true);
    expect(isTaskVisibleTo({ ...base, state: 'closed', acceptedBy: 'me' }, me)).to.equal(false);
  });
});
