/**
 * Seeded demo data for the embedded engine: queues, agents, customers and
 * their journeys (the simulator's live traffic is in traffic.ts). Pure and
 * deterministic: the same options give the same data, so stories and tests
 * can name entities by id.
 */
import { AUTO_CLOSE_MS } from '../model/limits.js';
import { displayName } from '../model/rules.js';
import { DEFAULT_CANNED_RESPONSES } from './canned.js';

/** X6: the demo's disposition codes: a call is wrapped up with one when it closes. */
const WRAP_UP_CODES = ['Resolved', 'Follow-up needed', 'Escalated', 'Wrong department'];
/** X6: the Calls queue's after-contact work: two minutes, as contact centres commonly allow. */
const WRAP_UP_LIMIT_S = 120;
import type { Activity, Agent, CannedResponse, CareRequest, ChatMessage, Comment, ContactFields, Customer, Id, MediaType, Queue, RequestStatus, Task } from '../model/types.js';
import { tagKey } from '../model/validation.js';
import {
  contactOf,
  fill,
  makePerson,
  makePhone,
  randomShape,
  requestFill,
  type ContactShape,
  type Culture,
  type Fill,
  type Person,
  type Taken,
} from './people.js';
import * as P from './phrases.js';
import type { TopicPhrases } from './phrases.js';
import { Random } from './random.js';
// Past chats read like the live ones: the same follow-up lines.
import { customerFollowUp } from './traffic.js';

export interface SeedData {
  queues: Queue[];
  agents: Agent[];
  customers: Customer[];
  requests: CareRequest[];
  activities: Activity[];
  comments: Comment[];
  transcripts: ChatMessage[];
  /** Open tasks, when the data is an engine's saved state ({@link CareEngine.exportData}); a fresh seed has none. */
  tasks?: Task[];
  /** The engine's id counter, so ids made after a restore never repeat saved ones. */
  nextId?: number;
  /** X7: the contact centre's canned responses; none when absent. */
  cannedResponses?: CannedResponse[];
}

export interface SeedOptions {
  /** The moment the data is made for; every time in it lies at or before this. */
  now: number;
  /** Default 1. */
  seed?: number;
  /** How many customers; default 40. */
  customers?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const AGENTS: readonly { id: Id; name: string }[] = [
  { id: 'agent-1', name: 'Alex Morgan' },
  { id: 'agent-2', name: 'Soo-ah Park' },
  { id: 'agent-3', name: 'Tereza Nováková' },
  { id: 'agent-4', name: 'Sam Lee' },
];
// agent-1 is the person at the demo desktop; the history shows colleagues' notes.
const COMMENT_AUTHORS = AGENTS.slice(1);

/** Titles may start with a placeholder such as a device's lower-case name. */
function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pickMedia(rng: Random): MediaType {
  const roll = rng.next();
  if (roll < 0.5) return 'chat';
  if (roll < 0.92) return 'call';
  return roll < 0.97 ? 'email' : 'sms';
}

function durationOf(rng: Random, media: MediaType): number {
  if (media === 'chat') return rng.int(4, 25) * MINUTE;
  if (media === 'call') return rng.int(2, 18) * MINUTE + rng.int(0, 59) * 1000;
  return rng.int(1, 5) * MINUTE;
}

function pickTags(rng: Random, topic: TopicPhrases): string[] {
  const count = rng.pick([0, 1, 1, 2, 2, 3]);
  if (count === 0) return [];
  const fromTopic = Math.min(count, rng.int(1, topic.tags.length));
  const candidates = [...rng.sample(topic.tags, fromTopic), ...rng.sample(P.GENERAL_TAGS, count - fromTopic)];
  const seen = new Set<string>();
  return candidates.filter((tag) => {
    const key = tagKey(tag);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** When each activity of one request happens, before it is placed in time. */
interface Slot {
  media: MediaType;
  /** Offset from the request's start. */
  offset: number;
  duration: number;
  /** Time the agent spent on tags and notes after the contact ended. */
  wrapUp: number;
}

function layout(rng: Random, count: number, maxGap: number, maxSpan: number): { slots: Slot[]; span: number } {
  // Room for the contacts themselves (at most 25 minutes plus 8 of wrap-up each); the rest is waiting between them.
  const busy = count * 35 * MINUTE;
  const gapCap = Math.max(20 * MINUTE, Math.min(maxGap, Math.floor((maxSpan - busy) / Math.max(1, count - 1))));
  const slots: Slot[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const previous = slots[i - 1];
    // Each contact starts after the one before has been wrapped up: one agent desk, one thread.
    if (previous) offset = previous.offset + previous.duration + previous.wrapUp + rng.int(20 * MINUTE, gapCap);
    const media = pickMedia(rng);
    slots.push({ media, offset, duration: durationOf(rng, media), wrapUp: rng.int(0, 8) * MINUTE });
  }
  const last = slots[slots.length - 1];
  return { slots, span: last ? last.offset + last.duration + last.wrapUp : 0 };
}

interface ActivityDraft {
  activity: Omit<Activity, 'id'>;
  topic: TopicPhrases;
  values: Fill;
  agentIndex: number;
  /** Whether this chat continues an earlier contact about the same request. */
  returning: boolean;
}

interface Counter {
  next(prefix: string): Id;
}

function counter(): Counter {
  const counts = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counts.get(prefix) ?? 0) + 1;
      counts.set(prefix, n);
      return `${prefix}-${n}`;
    },
  };
}

function agentFirstName(index: number): string {
  return (AGENTS[index]?.name ?? 'Alex').split(' ')[0] ?? 'Alex';
}

function callerPhone(customer: ContactFields, fallback: string): string {
  return customer.phone || fallback;
}

function makeTranscript(
  rng: Random,
  ids: Counter,
  activityId: Id,
  draft: ActivityDraft,
  customerName: string,
): ChatMessage[] {
  const { activity, topic, values } = draft;
  const count = rng.int(3, 8);
  const start = activity.startedAt;
  const end = activity.endedAt ?? start + 10 * MINUTE;
  const step = Math.floor((end - start) / (count + 1));
  // A returning customer has already said the first things about the problem.
  const offset = draft.returning ? rng.int(1, Math.max(1, topic.followUps.length - 1)) : 0;
  const agentName = AGENTS[draft.agentIndex]?.name ?? 'Agent';
  const agentValues: Fill = { ...values, agent: agentFirstName(draft.agentIndex) };
  const messages: ChatMessage[] = [];
  let customerLines = 0;
  let agentLines = 0;
  for (let i = 0; i < count; i++) {
    const at = start + step * (i + 1) - rng.int(0, Math.floor(step / 3));
    let text: string;
    const fromCustomer = i % 2 === 0;
    if (fromCustomer) {
      text =
        customerLines === 0
          ? activity.summary
          : (customerFollowUp(rng, topic.key, offset + customerLines) ?? rng.pick(P.CUSTOMER_CLOSINGS));
      customerLines++;
    } else {
      const reply =
        agentLines === 0
          ? rng.pick(P.AGENT_GREETINGS)
          : (topic.agentReplies[offset + agentLines - 1] ?? rng.pick(P.AGENT_CLOSINGS));
      text = fill(reply, agentValues);
      agentLines++;
    }
    messages.push({
      id: ids.next('msg'),
      activityId,
      from: fromCustomer ? 'customer' : 'agent',
      authorName: fromCustomer ? customerName : agentName,
      text,
      at,
    });
  }
  return messages;
}

function makeComments(
  rng: Random,
  ids: Counter,
  activityId: Id,
  activity: Omit<Activity, 'id'>,
  culture: Culture,
): Comment[] {
  const pool: string[] = [...P.COMMENTS];
  if (culture !== 'en') pool.push(P.LANGUAGE_COMMENTS[culture]);
  const texts = rng.sample(pool, rng.int(1, 3));
  // Notes are written while the activity is worked, so none postdates its last change.
  const from = activity.startedAt + MINUTE;
  const until = Math.max(from, activity.updatedAt);
  const times = texts.map(() => rng.int(from, until)).sort((a, b) => a - b);
  return texts.map((text, i) => {
    const author = rng.pick(COMMENT_AUTHORS);
    return {
      id: ids.next('com'),
      activityId,
      authorId: author.id,
      authorName: author.name,
      text,
      createdAt: times[i] ?? from,
    };
  });
}

interface CustomerPlan {
  shape: ContactShape;
  open: number;
  unassigned: boolean;
}

function planCustomers(rng: Random, count: number): CustomerPlan[] {
  const plans: CustomerPlan[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    plans.push({ shape: randomShape(rng), open: roll < 0.06 ? 2 : roll < 0.33 ? 1 : 0, unassigned: false });
  }
  // Some cases must always be there for the display-name fallback and for R4 to be exercised.
  const indices = plans.map((_, i) => i);
  const [emailOnly, phoneOnly, nothing, twoOpen] = rng.sample(indices, 4);
  if (emailOnly !== undefined) plans[emailOnly] = { shape: 'email-only', open: 1, unassigned: false };
  if (phoneOnly !== undefined) plans[phoneOnly] = { shape: 'phone-only', open: 0, unassigned: false };
  if (nothing !== undefined) plans[nothing] = { shape: 'nothing', open: 0, unassigned: false };
  if (twoOpen !== undefined) plans[twoOpen] = { shape: 'full', open: 2, unassigned: false };
  for (const i of rng.sample(indices, rng.int(2, 3))) {
    const plan = plans[i];
    if (plan) plan.unassigned = true;
  }
  return plans;
}

interface RequestDraft {
  request: Omit<CareRequest, 'id'>;
  activities: ActivityDraft[];
}

function makeRequest(
  rng: Random,
  customerId: Id,
  person: Person,
  contact: ContactFields,
  fallbackPhone: string,
  start: number,
  slots: readonly Slot[],
  status: RequestStatus,
  now: number,
): RequestDraft {
  const topic = rng.pick(P.TOPICS);
  const values = requestFill(rng, person.culture, start, contact.name ? person.first : 'there');
  const activities: ActivityDraft[] = slots.map((slot, i) => {
    const startedAt = start + slot.offset;
    const endedAt = startedAt + slot.duration;
    const agentIndex = rng.int(0, AGENTS.length - 1);
    const tags = pickTags(rng, topic);
    const returning = i > 0;
    let summary: string;
    if (slot.media === 'chat') {
      summary = fill(returning ? rng.pick(P.RETURNING_OPENINGS) : rng.pick(topic.openings), values);
    } else if (slot.media === 'call') {
      summary = fill(rng.pick(topic.callSummaries), values);
    } else {
      summary = rng.pick(P.MESSAGE_SUMMARIES);
    }
    const activity: Omit<Activity, 'id'> = {
      version: 1 + (tags.length > 0 ? 1 : 0) + rng.int(0, 1),
      updatedAt: endedAt + slot.wrapUp,
      updatedBy: AGENTS[agentIndex]?.id ?? 'agent-1',
      customerId,
      requestId: null,
      media: slot.media,
      tags,
      startedAt,
      endedAt,
      summary,
    };
    if (slot.media === 'call') {
      // Short calls were answered quickly: the wait never eats more than a third of the call.
      const wait = Math.min(rng.int(5, 180) * 1000, Math.floor(slot.duration / 3));
      activity.call = { from: callerPhone(contact, fallbackPhone), connectedAt: startedAt + wait, endedAt };
    }
    return { activity, topic, values, agentIndex, returning };
  });
  const last = activities[activities.length - 1];
  const lastTouch = last ? last.activity.updatedAt : start;
  const lastAgent = last?.activity.updatedBy ?? 'agent-1';
  const base: Omit<CareRequest, 'id'> = {
    version: activities.length + rng.int(0, 2),
    updatedAt: lastTouch,
    updatedBy: lastAgent,
    customerId,
    title: upperFirst(fill(topic.title, values)),
    description: fill(topic.description, values),
    status,
    createdAt: start,
  };
  let request = base;
  if (status === 'resolved') {
    const completedAt = Math.min(now, lastTouch + rng.int(1, 30) * MINUTE);
    request = { ...base, version: base.version + 1, updatedAt: completedAt, completedAt };
  } else if (status === 'closed') {
    // Closed by R18's timer, not by an agent: the close is itself the last change, and nobody made it.
    const { updatedBy: _agent, ...rest } = base;
    const completedAt = lastTouch + AUTO_CLOSE_MS;
    request = { ...rest, version: base.version + 1, updatedAt: completedAt, completedAt };
  }
  return { request, activities };
}

/** Places `count` requests one after another within [from, to]. */
function placeRequests(
  rng: Random,
  count: number,
  from: number,
  to: number,
  maxActivities: number,
  maxGap: number,
): { start: number; slots: Slot[] }[] {
  const placed: { start: number; slots: Slot[] }[] = [];
  if (count <= 0) return placed;
  const width = Math.max(HOUR, (to - from) / count);
  for (let i = 0; i < count; i++) {
    const slotStart = from + i * width;
    // Most problems are settled in one or two contacts.
    const count = Math.min(maxActivities, rng.pick([1, 1, 1, 2, 2, 3, 4, 5]));
    const { slots, span } = layout(rng, count, maxGap, width * 0.85);
    const room = Math.max(0, width - span);
    placed.push({ start: Math.floor(slotStart + rng.next() * room * 0.9), slots });
  }
  return placed;
}

/** Builds the whole demo world for `options.now`. */
export function createSeed(options: SeedOptions): SeedData {
  const { now } = options;
  const rng = new Random(options.seed ?? 1);
  const customerCount = Math.max(0, Math.floor(options.customers ?? 40));
  const ids = counter();
  const taken: Taken = { emails: new Set(), phones: new Set() };

  const queues: Queue[] = [
    { id: 'q-chat', name: 'Chat', routing: 'push', media: ['chat'] },
    { id: 'q-calls', name: 'Calls', routing: 'push', media: ['call'], wrapUp: { codes: WRAP_UP_CODES, required: true, limitSeconds: WRAP_UP_LIMIT_S } },
    { id: 'q-backlog', name: 'Backlog', routing: 'pick', media: ['chat', 'call'] },
  ];
  const agents: Agent[] = AGENTS.map(({ id, name }) => ({
    id,
    name,
    version: 1,
    updatedAt: now,
    status: 'not-ready',
    statusReason: 'signed-in',
    statusSince: now,
    queueIds: queues.map((q) => q.id),
  }));

  const customers: Customer[] = [];
  const requests: CareRequest[] = [];
  const activities: Activity[] = [];
  const comments: Comment[] = [];
  const transcripts: ChatMessage[] = [];

  for (const plan of planCustomers(rng, customerCount)) {
    const id = ids.next('cust');
    const person = makePerson(rng);
    const contact = contactOf(rng, person, plan.shape, taken);
    // People with no number on record still call from somewhere.
    const fallbackPhone = contact.phone || makePhone(rng, person.culture, taken);
    const createdAt = now - rng.int(60, 540) * DAY - rng.int(0, DAY);

    const total = rng.pick([1, 1, 2, 2, 2, 3, 3, 4, 5, 6]);
    const historical = Math.max(1, total - plan.open);
    // A recent, already resolved request now and then, so not every recent one is open.
    const recentResolved = plan.open === 0 && rng.chance(0.2) ? 1 : 0;
    const past = placeRequests(rng, historical - recentResolved, createdAt + 10 * MINUTE, now - 14 * DAY, 5, 3 * DAY);
    const recent = placeRequests(rng, plan.open + recentResolved, now - 4 * DAY, now - HOUR, 3, 18 * HOUR);

    const drafts: RequestDraft[] = [
      ...past.map(({ start, slots }) =>
        makeRequest(rng, id, person, contact, fallbackPhone, start, slots, rng.chance(0.45) ? 'resolved' : 'closed', now),
      ),
      ...recent.map(({ start, slots }, i) =>
        makeRequest(rng, id, person, contact, fallbackPhone, start, slots, i < plan.open ? 'open' : 'resolved', now),
      ),
    ];

    const journey: { draft: ActivityDraft; requestId: Id | null }[] = [];
    for (const draft of drafts) {
      const requestId = ids.next('req');
      requests.push({ id: requestId, ...draft.request });
      for (const activity of draft.activities) journey.push({ draft: activity, requestId });
    }
    if (plan.unassigned) {
      // An activity that never reached a request, for R29's "move into a request".
      const [slot] = layout(rng, 1, HOUR, DAY).slots;
      if (slot) {
        const start = now - rng.int(2 * HOUR, 3 * DAY);
        const lone = makeRequest(rng, id, person, contact, fallbackPhone, start, [slot], 'open', now).activities[0];
        if (lone) journey.push({ draft: lone, requestId: null });
      }
    }
    journey.sort((a, b) => a.draft.activity.startedAt - b.draft.activity.startedAt);

    const customerName = displayName(contact);
    for (const { draft, requestId } of journey) {
      const activityId = ids.next('act');
      activities.push({ id: activityId, ...draft.activity, requestId });
      if (rng.chance(0.4)) comments.push(...makeComments(rng, ids, activityId, draft.activity, person.culture));
      if (draft.activity.media === 'chat') {
        transcripts.push(...makeTranscript(rng, ids, activityId, draft, customerName));
      }
    }

    const edited = rng.chance(0.25);
    customers.push({
      id,
      ...contact,
      createdAt,
      version: edited ? rng.int(2, 4) : 1,
      updatedAt: edited ? createdAt + Math.floor(rng.next() * (now - createdAt)) : createdAt,
      ...(edited ? { updatedBy: rng.pick(AGENTS).id } : {}),
    });
  }

  return { queues, agents, customers, requests, activities, comments, transcripts, cannedResponses: DEFAULT_CANNED_RESPONSES.map((c) => ({ ...c })) };
}
