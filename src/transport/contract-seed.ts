/**
 * The small world the transport contract (contract.ts) works in. A backend
 * under test starts from this data, or from records with the same ids and
 * the same shape: the embedded engine loads it as it is
 * (`new CareEngine({ seed: contractSeed(now) })`), a host seeds its own store.
 * Plain data; importing it loads no engine.
 */
import type { SeedData } from '../engine/seed.js';
import type { Activity, Agent, CareRequest, ContactFields, Queue } from '../model/types.js';

const DAY = 24 * 60 * 60 * 1000;

/** The ids and contact details the contract names. */
export const CONTRACT_WORLD = {
  /** Two agents; each serves every queue and starts Not Ready. */
  agents: { one: { id: 'agent-1', name: 'Alex Morgan' }, two: { id: 'agent-2', name: 'Soo-ah Park' } },
  /** A pick queue (chat and call) and the push queues for chat and for calls. */
  pickQueue: 'q-backlog',
  pushChatQueue: 'q-chat',
  pushCallQueue: 'q-calls',
  /** A known customer, matched by email when a chat or call comes in. */
  customer: { id: 'cust-ann', contact: { name: 'Ann Lee', email: 'ann@example.com', phone: '+1 555 0100 111' } satisfies ContactFields },
  /** Ann's open request (touched a day ago) and its chat. */
  openRequest: 'req-ann-open',
  openActivity: 'act-ann-open',
  /** Ann's closed request (R28) and its call, tagged `delivery`. */
  closedRequest: 'req-ann-closed',
  closedActivity: 'act-ann-closed',
  /** X6: the push call queue asks for one of these codes when a call closes. */
  wrapUpCodes: ['Resolved', 'Follow-up'],
  /** X6: and gives the agent this many seconds to wrap up once the call ended. */
  wrapUpLimitS: 120,
  /** X7: two canned responses, in this order; the first has both placeholders. */
  canned: [
    { id: 'canned-hello', title: 'Greeting', text: 'Hello {customer}, this is {agent}.' },
    { id: 'canned-bye', title: 'Goodbye', text: 'Thank you for contacting us.' },
  ],
} as const;

/** The contract's start time: 23 November 2026, 09:00 UTC. */
export const CONTRACT_START = Date.UTC(2026, 10, 23, 9, 0, 0);

/** The contract's world as engine seed data, with every time at or before `now`. */
export function contractSeed(now = CONTRACT_START): SeedData {
  const w = CONTRACT_WORLD;
  const queues: Queue[] = [
    { id: w.pushChatQueue, name: 'Chat', routing: 'push', media: ['chat'] },
    { id: w.pushCallQueue, name: 'Calls', routing: 'push', media: ['call'], wrapUp: { codes: [...w.wrapUpCodes], required: true, limitSeconds: w.wrapUpLimitS } },
    { id: w.pickQueue, name: 'Backlog', routing: 'pick', media: ['chat', 'call'] },
  ];
  const agent = ({ id, name }: { id: string; name: string }): Agent => ({
    id,
    name,
    version: 1,
    updatedAt: now - DAY,
    status: 'not-ready',
    statusReason: 'signed-in',
    statusSince: now - DAY,
    queueIds: queues.map((q) => q.id),
  });
  const request = (id: string, status: CareRequest['status'], daysAgo: number, title: string): CareRequest => {
    const at = now - daysAgo * DAY;
    const r: CareRequest = { id, version: 1, customerId: w.customer.id, title, description: '', status, createdAt: at, updatedAt: at };
    if (status !== 'open') r.completedAt = at + 5 * DAY;
    return r;
  };
  const activity = (id: string, requestId: string, media: Activity['media'], daysAgo: number, tags: string[], summary: string): Activity => {
    const at = now - daysAgo * DAY;
    return { id, version: 1, updatedAt: at, customerId: w.customer.id, requestId, media, tags, startedAt: at, endedAt: at + 600_000, summary };
  };
  return {
    queues,
    agents: [agent(w.agents.one), agent(w.agents.two)],
    cannedResponses: w.canned.map((c) => ({ ...c })),
    customers: [{ id: w.customer.id, version: 1, createdAt: now - 300 * DAY, updatedAt: now - 300 * DAY, ...w.customer.contact }],
    requests: [request(w.closedRequest, 'closed', 40, 'Old delivery question'), request(w.openRequest, 'open', 1, 'Refund for May invoice')],
    activities: [
      activity(w.closedActivity, w.closedRequest, 'call', 40, ['delivery'], 'Where is my parcel?'),
      activity(w.openActivity, w.openRequest, 'chat', 1, [], 'I was charged twice'),
    ],
    comments: [],
    transcripts: [],
  };
}
