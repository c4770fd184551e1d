import { expect } from '@open-wc/testing';
import { AUTO_CLOSE_MS, FIELD_MAX, TAG_MAX } from '../../src/model/limits.js';
import { displayNameOrNull, lastTouched } from '../../src/model/rules.js';
import { charCount, tagKey, validateCustomerFields } from '../../src/model/validation.js';
import { createSeed, type SeedData } from '../../src/engine/seed.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

/** Every string anywhere in the data, with where it was found. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  }
  return [];
}

describe('createSeed', () => {
  let data: SeedData;
  before(() => {
    data = createSeed({ now: NOW });
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(createSeed({ now: NOW })).to.deep.equal(data);
    expect(createSeed({ now: NOW, seed: 1 })).to.deep.equal(data);
    expect(createSeed({ now: NOW, seed: 2 })).not.to.deep.equal(data);
  });

  it('has the fixed queues and agents', () => {
    expect(data.queues.map((q) => q.id)).to.deep.equal(['q-chat', 'q-calls', 'q-backlog']);
    expect(data.queues.find((q) => q.id === 'q-backlog')?.routing).to.equal('pick');
    expect(data.agents.map((a) => a.id)).to.deep.equal(['agent-1', 'agent-2', 'agent-3', 'agent-4']);
    expect(data.agents[0]?.name).to.equal('Alex Morgan');
    for (const agent of data.agents) {
      expect(agent).to.include({ status: 'not-ready', statusReason: 'signed-in', statusSince: NOW, version: 1 });
      expect(agent.queueIds).to.have.members(['q-chat', 'q-calls', 'q-backlog']);
    }
  });

  it('makes 40 customers by default and honours the count option', () => {
    expect(data.customers).to.have.length(40);
    expect(createSeed({ now: NOW, customers: 7 }).customers).to.have.length(7);
  });

  it('gives every entity a unique id', () => {
    const ids = [
      ...data.queues,
      ...data.agents,
      ...data.customers,
      ...data.requests,
      ...data.activities,
      ...data.comments,
      ...data.transcripts,
    ].map((e) => e.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('attaches every activity to a request of the same customer, or to none', () => {
    const requests = new Map(data.requests.map((r) => [r.id, r]));
    const customers = new Set(data.customers.map((c) => c.id));
    let unassigned = 0;
    for (const activity of data.activities) {
      expect(activity.customerId, activity.id).to.be.a('string');
      expect(customers.has(activity.customerId ?? ''), activity.id).to.equal(true);
      if (activity.requestId === null) {
        unassigned++;
        continue;
      }
      expect(requests.get(activity.requestId)?.customerId, activity.id).to.equal(activity.customerId);
    }
    expect(unassigned).to.be.within(2, 3);
  });

  it('gives every customer 1–6 requests and every request 1–5 activities, oldest first', () => {
    for (const customer of data.customers) {
      const own = data.requests.filter((r) => r.customerId === customer.id);
      expect(own.length, customer.id).to.be.within(1, 6);
      for (const request of own) {
        const acts = data.activities.filter((a) => a.requestId === request.id);
        expect(acts.length, request.id).to.be.within(1, 5);
        const starts = acts.map((a) => a.startedAt);
        expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));
        expect(request.createdAt, request.id).to.be.at.most(starts[0] ?? Infinity);
        expect(request.createdAt, request.id).to.be.at.least(customer.createdAt);
        expect(request.updatedAt, request.id).to.be.at.least(request.createdAt);
      }
    }
  });

  it('(R18, R28) completes resolved and closed requests and keeps only recently touched ones open', () => {
    let open = 0;
    for (const request of data.requests) {
      const touched = lastTouched(request, data.activities);
      if (request.status === 'open') {
        open++;
        expect(touched, request.id).to.be.above(NOW - AUTO_CLOSE_MS);
        expect(request.completedAt, request.id).to.equal(undefined);
      } else {
        expect(request.completedAt, request.id).to.be.a('number');
        expect(request.completedAt, request.id).to.be.at.most(NOW);
        expect(request.completedAt, request.id).to.be.at.least(request.createdAt);
      }
      expect(touched, request.id).to.be.at.most(NOW);
    }
    const withOpen = data.customers.filter((c) =>
      data.requests.some((r) => r.customerId === c.id && r.status === 'open'),
    );
    expect(open).to.be.greaterThan(0);
    expect(withOpen.length).to.be.within(8, 20);
    expect(
      data.customers.some((c) => data.requests.filter((r) => r.customerId === c.id && r.status === 'open').length === 2),
    ).to.equal(true);
  });

  it('keeps activity times in order and calls complete', () => {
    for (const activity of data.activities) {
      expect(activity.endedAt, activity.id).to.be.a('number');
      expect(activity.endedAt ?? 0, activity.id).to.be.at.least(activity.startedAt);
      expect(activity.endedAt ?? 0, activity.id).to.be.at.most(NOW);
      expect(activity.updatedAt, activity.id).to.be.at.least(activity.endedAt ?? 0);
      expect(activity.summary.trim(), activity.id).not.to.equal('');
      if (activity.media === 'call') {
        expect(activity.call?.from, activity.id).to.be.a('string').and.not.equal('');
        expect(activity.call?.connectedAt ?? 0, activity.id).to.be.within(activity.startedAt, activity.endedAt ?? 0);
        expect(activity.call?.endedAt, activity.id).to.equal(activity.endedAt);
      }
    }
  });

  it('(R9) keeps tags unique regardless of case and within TAG_MAX', () => {
    for (const activity of data.activities) {
      expect(activity.tags.length, activity.id).to.be.at.most(3);
      const keys = activity.tags.map(tagKey);
      expect(new Set(keys).size, activity.id).to.equal(keys.length);
      for (const tag of activity.tags) expect(charCount(tag), tag).to.be.at.most(TAG_MAX);
    }
  });

  it('(R23) keeps all text within FIELD_MAX and free of angle brackets', () => {
    for (const [path, text] of strings(data)) {
      expect(charCount(text), path).to.be.at.most(FIELD_MAX);
      expect(/[<>]/.test(text), `${path}: ${text}`).to.equal(false);
    }
  });

  it('makes customers whose contact details pass validation', () => {
    for (const customer of data.customers) {
      expect(validateCustomerFields(customer), customer.id).to.deep.equal([]);
      expect(customer.updatedAt, customer.id).to.be.within(customer.createdAt, NOW);
      expect(customer.email === '' || /@example\.(com|org|net)$/.test(customer.email), customer.email).to.equal(true);
    }
    const emails = data.customers.map((c) => c.email).filter(Boolean);
    expect(new Set(emails).size).to.equal(emails.length);
  });

  it('(R24) includes customers for every display-name fallback', () => {
    expect(data.customers.some((c) => displayNameOrNull(c) === null)).to.equal(true);
    expect(data.customers.some((c) => !c.name && c.email && !c.phone)).to.equal(true);
    expect(data.customers.some((c) => !c.name && !c.email && c.phone)).to.equal(true);
    expect(data.customers.some((c) => /[가-힣]/.test(c.name))).to.equal(true);
  });

  it('(R20) comments ~40% of activities, by agents 2–4, between activity start and now', () => {
    const byId = new Map(data.activities.map((a) => [a.id, a]));
    const commented = new Set(data.comments.map((c) => c.activityId));
    expect(commented.size / data.activities.length).to.be.within(0.25, 0.55);
    for (const comment of data.comments) {
      const activity = byId.get(comment.activityId);
      expect(activity, comment.id).to.not.equal(undefined);
      expect(['agent-2', 'agent-3', 'agent-4']).to.include(comment.authorId);
      expect(data.agents.find((a) => a.id === comment.authorId)?.name).to.equal(comment.authorName);
      expect(comment.createdAt, comment.id).to.be.within(activity?.startedAt ?? 0, NOW);
    }
    for (const id of commented) {
      expect(data.comments.filter((c) => c.activityId === id).length).to.be.within(1, 3);
    }
  });

  it('(R15) gives chats alternating transcripts within the activity', () => {
    const byActivity = new Map<string, typeof data.transcripts>();
    for (const message of data.transcripts) {
      byActivity.set(message.activityId, [...(byActivity.get(message.activityId) ?? []), message]);
    }
    const customers = new Map(data.customers.map((c) => [c.id, c]));
    for (const activity of data.activities) {
      const messages = byActivity.get(activity.id) ?? [];
      if (activity.media !== 'chat') {
        expect(messages, activity.id).to.have.length(0);
        continue;
      }
      expect(messages.length, activity.id).to.be.within(3, 8);
      expect(messages[0]?.text).to.equal(activity.summary);
      const customerName = displayNameOrNull(customers.get(activity.customerId ?? '')) ?? 'Unknown customer';
      messages.forEach((m, i) => {
        expect(m.from, m.id).to.equal(i % 2 === 0 ? 'customer' : 'agent');
        if (m.from === 'customer') expect(m.authorName).to.equal(customerName);
        else expect(data.agents.map((a) => a.name)).to.include(m.authorName);
        expect(m.at, m.id).to.be.within(activity.startedAt, activity.endedAt ?? NOW);
        if (i > 0) expect(m.at, m.id).to.be.above(messages[i - 1]?.at ?? 0);
      });
    }
  });

  it('runs quickly', () => {
    const start = performance.now();
    createSeed({ now: NOW, seed: 99 });
    expect(performance.now() - start).to.be.below(50);
  });
});
