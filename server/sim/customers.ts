/**
 * Customers of the simulation: chats and calls arrive at the inbound
 * endpoint at the chosen rate (with the embedded engine's people and
 * phrases), and customers keep typing in their running chats until the
 * chat is closed or they have said everything.
 */
import { fill, requestFill, type Fill } from '../../src/engine/people.js';
import type { Random } from '../../src/engine/random.js';
import { createInboundContact, customerFollowUp } from '../../src/engine/traffic.js';
import type { ChatMessage, Customer, Task } from '../../src/model/types.js';
import { ProtocolError, type Api } from './api.js';
import { quote, say } from './log.js';

/** A running chat the simulation started: its topic, how many lines the customer typed, the values its phrases use. */
export interface SimChat {
  topic: string;
  lines: number;
  values: Fill;
}

export interface CustomersOptions {
  /** Arrivals per minute. */
  rate: number;
  pickShare: number;
  /** Customers already in the database, so about half of the contacts are known ones (R27). */
  known: () => readonly Customer[];
  /** A pick queue's id, when one is known. */
  pickQueue: () => string | undefined;
}

export class Customers {
  /** Running chats by activity id, shared with the colleagues (they answer on topic). */
  readonly chats = new Map<string, SimChat>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;
  arrived = 0;

  /** @param inbound the API with the inbound secret as its token */
  constructor(
    private readonly inbound: Api,
    private readonly rng: Random,
    private readonly options: CustomersOptions,
  ) {}

  start(): void {
    if (this.options.rate <= 0) return;
    this.schedule(1000);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** One chat or call arrives now. */
  async arrive(): Promise<void> {
    const media = this.rng.chance(0.65) ? 'chat' : 'call';
    const contact = createInboundContact(this.rng, this.options.known(), media);
    const queueId = this.rng.chance(this.options.pickShare) ? this.options.pickQueue() : undefined;
    const who = contact.contact.name || contact.contact.email || contact.contact.phone || 'someone anonymous';
    try {
      const task = await this.inbound.post<Task>('/inbound/tasks', {
        media,
        contact: contact.contact,
        opening: contact.opening,
        ...(queueId ? { queueId } : {}),
      });
      this.arrived++;
      say('customer', `${media} from ${who}: ${quote(contact.opening)} → ${task.id} in ${task.queueId}${task.customerId ? ` (known customer ${task.customerId})` : ' (new customer)'}`);
      if (media === 'chat') {
        const first = contact.contact.name.split(' ')[0] || 'there';
        this.chats.set(task.activityId, { topic: contact.topic, lines: 1, values: requestFill(this.rng, 'en', Date.now(), first) });
        this.scheduleLine(task.activityId);
      }
    } catch (error) {
      say('customer', `could not get through: ${describe(error)}`);
    }
  }

  private schedule(delay: number): void {
    this.after(delay, async () => {
      await this.arrive();
      // Exponential gaps, as real traffic has: mostly short, now and then a lull.
      const mean = 60_000 / this.options.rate;
      this.schedule(Math.min(-Math.log(1 - this.rng.next()) * mean, 4 * mean));
    });
  }

  private scheduleLine(activityId: string): void {
    this.after(this.rng.int(10, 35) * 1000, async () => {
      const chat = this.chats.get(activityId);
      if (!chat) return;
      const line = customerFollowUp(this.rng, chat.topic, chat.lines);
      if (!line) {
        this.chats.delete(activityId);
        return;
      }
      chat.lines++;
      try {
        await this.inbound.post<ChatMessage>('/inbound/messages', { activityId, text: fill(line, chat.values) });
        say('customer', `writes in ${activityId}: ${quote(line)}`);
        this.scheduleLine(activityId);
      } catch (error) {
        // The chat was closed meanwhile (refused or not found): the customer has left.
        this.chats.delete(activityId);
        if (!(error instanceof ProtocolError) || error.kind === 'network') say('customer', `line lost in ${activityId}: ${describe(error)}`);
      }
    });
  }

  private after(ms: number, run: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) void run();
    }, ms);
    this.timers.add(timer);
  }
}

/** A short reason for a log line. */
export function describe(error: unknown): string {
  return error instanceof ProtocolError ? `${error.kind} (${error.status}): ${error.message}` : String(error);
}
