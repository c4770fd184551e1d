/**
 * What the bench's agents and customers do. An agent without a task accepts
 * the next waiting pick task; with one, each turn it comments, writes in
 * the chat, has the customer answer (through the inbound endpoint), tags or
 * untags, edits the customer or the request with the version it knows, or
 * closes the task. The inbound side sends a new chat for every task closed.
 * After an answer it cannot explain (a write that may or may not have
 * happened during an outage), an agent reloads its session before acting.
 */
import { randomUUID } from 'node:crypto';
import { call } from './http-client.js';
import { write, type Target, type WriteKind } from './writes.js';
import { customerEmail, PICK_QUEUE } from './world.js';

export interface AgentContext extends Target {
  inboundSecret: string;
  /** Pick tasks the inbound side created and no bench agent took yet. */
  queued: string[];
  /** A write was answered: its record's key, for delivery timing. */
  ack(key: string, instance: number, at: number): void;
  inbound: Inbound;
}

const keyOf = (record: { id: string; version?: number }) => (record.version === undefined ? record.id : `${record.id}@${record.version}`);

/** Actions of an agent with a task in progress, with their weights. */
const ACTIONS: readonly [string, number][] = [
  ['comment', 25], ['chat', 20], ['customer-says', 10], ['tag', 20], ['customer', 8], ['request', 7], ['close', 10],
];
const TOTAL = ACTIONS.reduce((sum, [, weight]) => sum + weight, 0);
function pickAction(): string {
  let roll = Math.random() * TOTAL;
  for (const [name, weight] of ACTIONS) if ((roll -= weight) < 0) return name;
  return 'comment';
}

interface Work {
  id: string;
  activityId: string;
  customerId: string | null;
}

export class BenchAgent {
  busy = false;
  private task: Work | undefined;
  /** undefined: not known yet (read it before editing); null: the activity has no request. */
  private requestId: string | null | undefined;
  private requestVersion: number | undefined;
  private customerVersion: number | undefined;
  private tag: string | undefined;
  private needsSync = false;
  private n = 0;
  readonly headers: Record<string, string>;

  constructor(
    readonly id: string,
    token: string,
    /** The instance it writes to. */
    readonly home: number,
  ) {
    this.headers = { authorization: `Bearer ${token}` };
  }

  get working(): boolean {
    return this.task !== undefined;
  }

  /** One turn: one write (after a session reload if needed). */
  async act(ctx: AgentContext): Promise<void> {
    this.busy = true;
    try {
      if (this.needsSync) await this.sync(ctx);
      if (!this.task) await this.accept(ctx);
      else await this.work(ctx, this.task);
    } finally {
      this.busy = false;
    }
  }

  private async send(ctx: AgentContext, kind: WriteKind, method: string, path: string, body: unknown, keyed = false) {
    const reply = await write(ctx, kind, this.home, method, path, body, this.headers, keyed);
    if (reply.status === 200) ctx.ack(keyOf(reply.body as { id: string; version?: number }), reply.instance, reply.at);
    else if (reply.status !== 412) this.needsSync = true;
    return reply;
  }

  private async read(ctx: AgentContext, path: string) {
    const reply = await call(ctx.urls[this.home]!, 'GET', path, undefined, this.headers);
    ctx.stats.read(reply);
    return reply;
  }

  /** Takes the next waiting task (B2: the server still decides who gets it). */
  async accept(ctx: AgentContext): Promise<boolean> {
    const taskId = ctx.queued.shift();
    if (!taskId) return false;
    const reply = await this.send(ctx, 'accept', 'POST', `/tasks/${encodeURIComponent(taskId)}/accept`, undefined);
    if (reply.status === 200) this.start(reply.body as Work);
    else if (reply.status !== 409) ctx.queued.unshift(taskId); // not taken: someone else may try again
    return reply.status === 200;
  }

  private start(task: Work): void {
    this.task = { id: task.id, activityId: task.activityId, customerId: task.customerId };
    this.requestId = undefined;
    this.requestVersion = undefined;
    this.customerVersion = undefined;
    this.tag = undefined;
  }

  private async work(ctx: AgentContext, task: Work): Promise<void> {
    const n = ++this.n;
    const activity = `/activities/${encodeURIComponent(task.activityId)}`;
    let action = pickAction();
    if ((action === 'customer' || action === 'request') && task.customerId === null) action = 'comment';
    if (action === 'request' && (await this.knowRequest(ctx, task)) === null) action = 'comment';
    switch (action) {
      case 'comment':
        await this.send(ctx, 'comment', 'POST', `${activity}/comments`, { text: `Bench note ${n} by ${this.id}`, idempotencyKey: randomUUID() }, true);
        return;
      case 'chat':
        await this.send(ctx, 'chat', 'POST', `${activity}/messages`, { text: `Agent line ${n}`, idempotencyKey: randomUUID() }, true);
        return;
      case 'customer-says':
        await ctx.inbound.says(ctx, this.home, task.activityId, `Customer line ${n}`);
        return;
      case 'tag': {
        const tag = this.tag;
        const reply = tag
          ? await this.send(ctx, 'tag-remove', 'DELETE', `${activity}/tags/${encodeURIComponent(tag)}`, undefined)
          : await this.send(ctx, 'tag-add', 'POST', `${activity}/tags`, { tag: `bench ${n}` });
        if (reply.status === 200) this.tag = tag ? undefined : `bench ${n}`;
        this.requestVersion = undefined; // R18: the request was touched
        return;
      }
      case 'customer':
        return this.editCustomer(ctx, task.customerId!, n);
      case 'request':
        return this.editRequest(ctx, n);
      default: {
        const reply = await this.send(ctx, 'close', 'POST', `/tasks/${encodeURIComponent(task.id)}/close`, undefined);
        if (reply.status === 200) {
          this.task = undefined;
          ctx.inbound.pending++;
        }
      }
    }
  }

  private async editCustomer(ctx: AgentContext, customerId: string, n: number): Promise<void> {
    const path = `/customers/${encodeURIComponent(customerId)}`;
    if (this.customerVersion === undefined) this.customerVersion = (await this.read(ctx, path)).body?.version;
    const reply = await this.send(ctx, 'customer', 'PATCH', path, { expectedVersion: this.customerVersion ?? 1, patch: { name: `Bench customer ${customerId.slice(11)} (${n})` } });
    this.customerVersion = reply.status === 200 ? reply.body.version : reply.body?.error?.conflict?.actualVersion;
  }

  /** The request the task's activity is filed in, read once per task. */
  private async knowRequest(ctx: AgentContext, task: Work): Promise<string | null> {
    if (this.requestId === undefined) this.requestId = (await this.read(ctx, `/activities/${encodeURIComponent(task.activityId)}`)).body?.requestId ?? null;
    return this.requestId ?? null;
  }

  private async editRequest(ctx: AgentContext, n: number): Promise<void> {
    const path = `/requests/${encodeURIComponent(this.requestId!)}`;
    if (this.requestVersion === undefined) this.requestVersion = (await this.read(ctx, path)).body?.version;
    const reply = await this.send(ctx, 'request', 'PATCH', path, { expectedVersion: this.requestVersion ?? 1, patch: { description: `Bench description ${n} by ${this.id}` } });
    this.requestVersion = reply.status === 200 ? reply.body.version : reply.body?.error?.conflict?.actualVersion;
  }

  /** Reloads what the server says this agent is working on. */
  private async sync(ctx: AgentContext): Promise<void> {
    const reply = await this.read(ctx, '/session');
    if (reply.status !== 200) return;
    this.needsSync = false;
    const mine = (reply.body.tasks as (Work & { state: string; acceptedBy?: string })[]).find((t) => t.state === 'accepted' && t.acceptedBy === this.id);
    if (!mine) this.task = undefined;
    else if (mine.id !== this.task?.id) this.start(mine);
  }
}

/** The customers' side: chats arriving in the pick queue, and lines in running chats (B6's inbound endpoint). */
export class Inbound {
  /** New chats owed (one per task closed). */
  pending = 0;
  private next = 0;

  constructor(
    private readonly customers: number,
    private readonly instances: number,
  ) {}

  private headers(ctx: AgentContext) {
    return { authorization: `Bearer ${ctx.inboundSecret}` };
  }

  /** A new chat from the next bench customer in turn (R27 matches it by email). */
  async chat(ctx: AgentContext): Promise<void> {
    const n = (this.next++ % this.customers) + 1;
    const body = {
      media: 'chat', contact: { name: `Bench customer ${n}`, email: customerEmail(n), phone: '' }, opening: `Hello, this is chat ${this.next}`, queueId: PICK_QUEUE,
    };
    const reply = await write(ctx, 'inbound-task', this.next % this.instances, 'POST', '/inbound/tasks', body, this.headers(ctx), false);
    if (reply.status === 200) {
      ctx.queued.push(reply.body.id);
      ctx.ack(keyOf(reply.body), reply.instance, reply.at);
    } else this.pending++; // owed still
  }

  async says(ctx: AgentContext, instance: number, activityId: string, text: string): Promise<void> {
    const reply = await write(ctx, 'inbound-message', instance, 'POST', '/inbound/messages', { activityId, text }, this.headers(ctx), false);
    if (reply.status === 200) ctx.ack(keyOf(reply.body), reply.instance, reply.at);
  }
}
