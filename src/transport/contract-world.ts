/** The contract suite's world: a fresh backend, agents subscribed and connected, and the assertions it uses. */
import { CareError, type CareErrorKind, type RefusalReason } from '../model/errors.js';
import type { Id, Task } from '../model/types.js';
import type { ContractHarness } from './contract.js';
import { CONTRACT_WORLD as W } from './contract-seed.js';
import { isCareEvent } from './guards.js';
import type { CareEvent, CareTransport, SessionSnapshot } from './port.js';

export type EventOf<K extends CareEvent['type']> = Extract<CareEvent, { type: K }>;

export interface AgentSession {
  transport: CareTransport;
  snapshot: SessionSnapshot;
  /** Every event pushed to this agent since it subscribed. */
  events: CareEvent[];
  /** The first pushed event of `type` that passes `test`, waiting for it if need be; fails on any malformed event. */
  next<K extends CareEvent['type']>(type: K, test: (event: EventOf<K>) => boolean, what: string): Promise<EventOf<K>>;
}

class ContractViolation extends Error {
  override name = 'AssertionError';
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ContractViolation(message);
}

export const show = (value: unknown) => JSON.stringify(value);
export const signal = (): AbortSignal => new AbortController().signal;

export function same(actual: unknown, expected: unknown, what: string): void {
  check(Object.is(actual, expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Each field of `expected` is the same in `actual`. */
export function like(actual: unknown, expected: Record<string, unknown>, what: string): void {
  check(typeof actual === 'object' && actual !== null, `${what}: expected an object, got ${show(actual)}`);
  for (const [key, value] of Object.entries(expected)) same((actual as Record<string, unknown>)[key], value, `${what}.${key}`);
}

/** The CareError a call rejects with (revived as the store revives it), checked for kind and reason. */
export async function fails(promise: Promise<unknown>, kind: CareErrorKind, what: string, reason?: RefusalReason): Promise<CareError> {
  let error: CareError | undefined;
  try {
    await promise;
  } catch (thrown) {
    error = CareError.from(thrown);
  }
  check(error, `${what}: expected a CareError of kind "${kind}", the call resolved`);
  same(error.kind, kind, `${what}: error kind (“${error.message}”)`);
  if (reason) same(error.reason, reason, `${what}: refusal reason`);
  return error;
}

export async function openWorld(setup: () => Promise<ContractHarness> | ContractHarness, timeout: number) {
  const harness = await setup();
  const stops: (() => void)[] = [];
  const heard: CareEvent[] = [];
  const receive = (media: 'chat' | 'call', queueId: Id = W.pickQueue) =>
    Promise.resolve(harness.backend.receive({ media, contact: W.customer.contact, opening: 'Hello, I need help', queueId }));
  return {
    backend: harness.backend,
    heard,
    receive,
    /** A transport for `agentId`, subscribed and then connected, as the store does it. */
    async agent(agentId: Id): Promise<AgentSession> {
      const transport = harness.transport(agentId);
      const events: CareEvent[] = [];
      stops.push(transport.subscribe((event) => void (events.push(event), heard.push(event))));
      const snapshot = await transport.connect(signal());
      const next = async <K extends CareEvent['type']>(type: K, test: (e: EventOf<K>) => boolean, what: string) => {
        const until = Date.now() + timeout;
        for (;;) {
          const malformed = events.find((e) => !isCareEvent(e));
          check(!malformed, `a pushed event fails isCareEvent: ${show(malformed)}`);
          const found = events.find((e): e is EventOf<K> => e.type === type && test(e as EventOf<K>));
          if (found) return found;
          check(Date.now() < until, `no ${what} pushed within ${timeout} ms; got ${show(events.map((e) => e.type))}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      return { transport, snapshot, events, next };
    },
    /** A pick-queue chat from Ann, accepted by `session`'s agent: Ann's records are now editable for it (R25). */
    async inProgress(session: AgentSession): Promise<Task> {
      return session.transport.acceptTask((await receive('chat')).id, signal());
    },
    async dispose() {
      for (const stop of stops) stop();
      await harness.dispose?.();
    },
  };
}

/** What every contract test gets. */
export type ContractWorld = Awaited<ReturnType<typeof openWorld>>;
