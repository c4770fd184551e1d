import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine, type InboundTask } from '../../src/engine/engine.js';
import type { SeedData } from '../../src/engine/seed.js';
import type { Agent, CareRequest, Customer, Queue } from '../../src/model/types.js';

export const DAY = 24 * 60 * 60 * 1000;
export const MINUTE = 60 * 1000;
export const START = Date.UTC(2026, 10, 23, 9, 0, 0);

const queues: Queue[] = [
  { id: 'q-chat', name: 'Chat', routing: 'push', media: ['chat'] },
  { id: 'q-calls', name: 'Calls', routing: 'push', media: ['call'] },
  { id: 'q-backlog', name: 'Backlog', routing: 'pick', media: ['chat', 'call'] },
];

function agent(id: string, name: string): Agent {
  return {
    id,
    name,
    version: 1,
    updatedAt: START - DAY,
    status: 'not-ready',
    statusReason: 'signed-in',
    statusSince: START - DAY,
    queueIds: queues.map((q) => q.id),
  };
}

function customer(id: string, name: string, email: string, phone: string): Customer {
  return { id, name, email, phone, version: 1, createdAt: START - 300 * DAY, updatedAt: START - 300 * DAY };
}

function request(id: string, customerId: string, status: CareRequest['status'], createdDaysAgo: number, title: string): CareRequest {
  const createdAt = START - createdDaysAgo * DAY;
  const r: CareRequest = { id, customerId, title, description: '', status, createdAt, updatedAt: createdAt, version: 1 };
  if (status !== 'open') r.completedAt = createdAt + 5 * DAY;
  return r;
}

/**
 * A small, hand-made world: Ann has a closed request, an older and a newer
 * open request (touched 1 and 2 days ago); Bob has only a closed one; two agents.
 */
export function fixtureSeed(): SeedData {
  const older = request('req-ann-older', 'cust-ann', 'open', 2, 'Router keeps dropping');
  const newer = request('req-ann-newer', 'cust-ann', 'open', 1, 'Refund for May invoice');
  return {
    queues,
    agents: [agent('agent-1', 'Alex Morgan'), agent('agent-2', 'Soo-ah Park')],
    customers: [
      customer('cust-ann', 'Ann Lee', 'ann@example.com', '+1 555 0100 111'),
      customer('cust-bob', 'Bob Novák', 'bob@example.org', '+420 601 234 567'),
    ],
    requests: [
      request('req-ann-closed', 'cust-ann', 'closed', 40, 'Old delivery question'),
      older,
      newer,
      request('req-bob-closed', 'cust-bob', 'closed', 60, 'Password reset'),
    ],
    activities: [
      { id: 'act-ann-old', version: 1, updatedAt: START - 40 * DAY, customerId: 'cust-ann', requestId: 'req-ann-closed', media: 'call', tags: ['delivery'], startedAt: START - 40 * DAY, endedAt: START - 40 * DAY + 5 * MINUTE, summary: 'Where is my parcel?' },
      { id: 'act-ann-1', version: 1, updatedAt: older.createdAt, customerId: 'cust-ann', requestId: older.id, media: 'chat', tags: [], startedAt: older.createdAt, endedAt: older.createdAt + 10 * MINUTE, summary: 'Router drops every hour' },
      { id: 'act-ann-2', version: 1, updatedAt: newer.createdAt, customerId: 'cust-ann', requestId: newer.id, media: 'chat', tags: ['billing'], startedAt: newer.createdAt, endedAt: newer.createdAt + 10 * MINUTE, summary: 'I was charged twice' },
      { id: 'act-ann-loose', version: 1, updatedAt: START - DAY, customerId: 'cust-ann', requestId: null, media: 'call', tags: [], startedAt: START - DAY, endedAt: START - DAY + MINUTE, summary: 'Dropped call' },
      { id: 'act-bob-old', version: 1, updatedAt: START - 60 * DAY, customerId: 'cust-bob', requestId: 'req-bob-closed', media: 'chat', tags: [], startedAt: START - 60 * DAY, endedAt: START - 60 * DAY + MINUTE, summary: 'Cannot log in' },
    ],
    comments: [],
    transcripts: [],
  };
}

export const ANN = { name: 'Ann Lee', email: 'ann@example.com', phone: '+1 555 0100 111' };
export const BOB = { name: 'Bob Novák', email: 'bob@example.org', phone: '+420 601 234 567' };
export const STRANGER = { name: 'Dana Whit', email: 'dana@example.net', phone: '+1 555 0199 000' };

export function makeEngine(): { engine: CareEngine; clock: VirtualClock } {
  const clock = new VirtualClock(START);
  const engine = new CareEngine({ clock, seed: fixtureSeed() });
  return { engine, clock };
}

export function chat(contact = ANN, queueId?: string): InboundTask {
  return queueId ? { media: 'chat', contact, opening: 'Hello, I need help', queueId } : { media: 'chat', contact, opening: 'Hello, I need help' };
}

export function call(contact = ANN, queueId?: string): InboundTask {
  return queueId ? { media: 'call', contact, opening: 'Incoming call', queueId } : { media: 'call', contact, opening: 'Incoming call' };
}

/** Receives a pick-queue task and accepts it as `agentId`. */
export function acceptPicked(engine: CareEngine, agentId: string, inbound: InboundTask) {
  const task = engine.receive({ ...inbound, queueId: 'q-backlog' });
  return engine.acceptTask(agentId, task.id);
}
