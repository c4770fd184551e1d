import { CareError } from '../model/errors.js';
import type { Activity, Agent, CannedResponse, CareRequest, ChatMessage, Comment, Customer, Id, Queue, Task } from '../model/types.js';
import type { SeedData } from './seed.js';

let engines = 0;

/**
 * The engine's records in Maps by id: where a real backend keeps its
 * database. Holds live objects; the engine copies them on the way out.
 */
export class Records {
  readonly queues = new Map<Id, Queue>();
  readonly agents = new Map<Id, Agent>();
  readonly customers = new Map<Id, Customer>();
  readonly requests = new Map<Id, CareRequest>();
  readonly activities = new Map<Id, Activity>();
  readonly tasks = new Map<Id, Task>();
  /** X7, in the order agents see them. */
  canned: CannedResponse[] = [];
  private readonly comments = new Map<Id, Comment[]>();
  private readonly transcripts = new Map<Id, ChatMessage[]>();
  // Ids differ between engines in one page, so one engine's ids never resolve in another.
  private readonly prefix = `e${++engines}`;
  private nextId = 1;

  /** Copies the seed in, so the caller's data never changes with the engine's. */
  load(seed: SeedData): void {
    for (const queue of seed.queues) this.queues.set(queue.id, clone(queue));
    for (const agent of seed.agents) this.agents.set(agent.id, clone(agent));
    for (const customer of seed.customers) this.customers.set(customer.id, clone(customer));
    for (const request of seed.requests) this.requests.set(request.id, clone(request));
    for (const activity of seed.activities) this.activities.set(activity.id, clone(activity));
    for (const comment of seed.comments) this.addComment(clone(comment));
    for (const message of seed.transcripts) this.addMessage(clone(message));
    for (const task of seed.tasks ?? []) this.tasks.set(task.id, clone(task));
    this.canned = clone(seed.cannedResponses ?? []);
    this.nextId = Math.max(this.nextId, seed.nextId ?? 1);
  }

  /** Everything held, as data a new engine can start from (the demo saves it so a reload loses nothing). */
  export(): Required<SeedData> {
    return clone({
      queues: [...this.queues.values()],
      agents: [...this.agents.values()],
      customers: [...this.customers.values()],
      requests: [...this.requests.values()],
      activities: [...this.activities.values()],
      comments: [...this.comments.values()].flat(),
      transcripts: [...this.transcripts.values()].flat(),
      tasks: [...this.tasks.values()].filter((t) => t.state !== 'closed'),
      nextId: this.nextId,
      cannedResponses: this.canned,
    });
  }

  newId(kind: string): Id {
    return `${kind}-${this.prefix}-${this.nextId++}`;
  }

  agent(id: Id): Agent {
    return found(this.agents, 'agent', id);
  }

  task(id: Id): Task {
    return found(this.tasks, 'task', id);
  }

  customer(id: Id): Customer {
    return found(this.customers, 'customer', id);
  }

  request(id: Id): CareRequest {
    return found(this.requests, 'request', id);
  }

  activity(id: Id): Activity {
    return found(this.activities, 'activity', id);
  }

  requestsOf(customerId: Id): CareRequest[] {
    return [...this.requests.values()].filter((r) => r.customerId === customerId);
  }

  /** The task that produced an activity, if any. */
  taskOf(activityId: Id): Task | undefined {
    return [...this.tasks.values()].find((t) => t.activityId === activityId);
  }

  /** A customer's requests and activities, oldest first (R16); live records. */
  journey(customerId: Id): { customer: Customer; requests: CareRequest[]; activities: Activity[] } {
    const customer = this.customer(customerId);
    const requests = this.requestsOf(customerId).sort((a, b) => a.createdAt - b.createdAt);
    const activities = [...this.activities.values()]
      .filter((a) => a.customerId === customerId)
      .sort((a, b) => a.startedAt - b.startedAt);
    return { customer, requests, activities };
  }

  commentsOf(activityId: Id): readonly Comment[] {
    return this.comments.get(activityId) ?? [];
  }

  transcriptOf(activityId: Id): readonly ChatMessage[] {
    return this.transcripts.get(activityId) ?? [];
  }

  addComment(comment: Comment): void {
    const list = this.comments.get(comment.activityId) ?? [];
    list.push(comment);
    this.comments.set(comment.activityId, list);
  }

  addMessage(message: ChatMessage): void {
    const list = this.transcripts.get(message.activityId) ?? [];
    list.push(message);
    this.transcripts.set(message.activityId, list);
  }
}

function found<T>(map: Map<Id, T>, kind: string, id: Id): T {
  const value = map.get(id);
  if (value === undefined) throw CareError.notFound(kind, id);
  return value;
}

/** A deep copy: what leaves the engine never aliases its records. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A copy of an activity by hand: journeys hold thousands, and this is several times faster than structuredClone. */
export function copyActivity(activity: Activity): Activity {
  const copy: Activity = { ...activity, tags: [...activity.tags] };
  if (activity.call) copy.call = { ...activity.call };
  return copy;
}
