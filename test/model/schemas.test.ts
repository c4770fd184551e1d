import { expect } from '@open-wc/testing';
import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import { createSeed, type SeedData } from '../../src/engine/seed.js';
import { Simulator } from '../../src/engine/simulator.js';
import { CareError } from '../../src/model/errors.js';
import { FIELD_MAX, TAG_MAX } from '../../src/model/limits.js';
import { describeProblem, type Schema } from '../../src/model/schema.js';
import {
  activitySchema,
  agentSchema,
  careRequestSchema,
  chatMessageSchema,
  commentSchema,
  customerSchema,
  queueSchema,
  TAG_TEXT_MAX,
  TEXT_MAX,
  TIME_MAX,
  TIME_MIN,
} from '../../src/model/schemas.js';
import type { Activity, Agent, CareEvent, Task } from '../../src/model/types.js';
import { REPLY_SCHEMAS, checkConflictCurrent, checkEvent, checkReply, type ReplyOperation } from '../../src/state/checks.js';
import { isActivity, isAgent, isCareEvent, isTask } from '../../src/transport/guards.js';
import { CONTRACT_WORLD, contractSeed } from '../../src/transport/contract-seed.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import type { CareTransport } from '../../src/transport/port.js';
import { EventSource } from 'eventsource';
import { HttpTransport } from '../../src/transport/http.js';
import { rejected } from '../support/expect-error.js';
import { ANN, MINUTE, START, acceptPicked, call, makeEngine } from '../support/fixtures.js';

const signal = () => new AbortController().signal;

/** Every record that fails its schema, as "where: what", so a failure names them all. */
function failures<T>(label: string, schema: Schema<T>, records: readonly unknown[]): string[] {
  return records.flatMap((record, i) => {
    const problem = schema(record);
    return problem ? [`${label}[${i}] ${describeProblem(problem)}`] : [];
  });
}

function seedFailures(data: SeedData): string[] {
  return [
    ...failures('queues', queueSchema, data.queues),
    ...failures('agents', agentSchema, data.agents),
    ...failures('customers', customerSchema, data.customers),
    ...failures('requests', careRequestSchema, data.requests),
    ...failures('activities', activitySchema, data.activities),
    ...failures('comments', commentSchema, data.comments),
    ...failures('transcripts', chatMessageSchema, data.transcripts),
  ];
}

/** The transport, with every reply checked against its port method's schema; problems land in `bad`. */
function checked(transport: CareTransport, bad: string[]): CareTransport {
  return new Proxy(transport, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || !(key in REPLY_SCHEMAS)) return value;
      return async (...args: unknown[]) => {
        const reply: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const result = checkReply(key as ReplyOperation, reply);
        if (result instanceof CareError) bad.push(`${String(key)}: ${result.message}`);
        return reply;
      };
    },
  });
}

async function settle<T>(promise: Promise<T>): Promise<T | CareError> {
  return promise.catch((error: unknown) => CareError.from(error));
}

function validTask(): Task {
  const { engine } = makeEngine();
  return acceptPicked(engine, 'agent-1', call(ANN));
}

function validCallActivity(): Activity {
  const { engine } = makeEngine();
  return engine.getActivity(acceptPicked(engine, 'agent-1', call(ANN)).activityId);
}

function validAgent(): Agent {
  return makeEngine().engine.getAgent('agent-1');
}

const messageOf = (result: unknown) => (result instanceof CareError ? result.message : 'no error');
/** Where the payload broke, as `CareError.detail` tells integrators. */
const detailOf = (result: unknown) => (result instanceof CareError ? (result.detail ?? 'no detail') : 'no error');

describe('payload schemas (N4)', () => {
  it('N4 X6 a queue’s wrap-up limit is whole seconds, from one to a day; none means no limit', () => {
    const queue = (limitSeconds?: number) => ({ id: 'q', name: 'Calls', routing: 'push', media: ['call'], wrapUp: { codes: ['Resolved'], required: true, ...(limitSeconds === undefined ? {} : { limitSeconds }) } });
    expect(queueSchema(queue()), 'no limit').to.equal(undefined);
    expect(queueSchema(queue(120)), 'two minutes').to.equal(undefined);
    expect(queueSchema(queue(86_400)), 'a day').to.equal(undefined);
    for (const bad of [0, -5, 1.5, 86_401, Number.NaN]) expect(queueSchema(queue(bad)), `limitSeconds ${bad}`).to.not.equal(undefined);
  });

  describe('the embedded engine’s data passes', () => {
    it('N4 every record of the default seed and of two other seeds passes its schema', () => {
      expect(seedFailures(contractSeed()), 'the contract seed').to.deep.equal([]);
      for (const seed of [1, 2, 3]) {
        const data = createSeed({ now: START, seed });
        expect(data.activities.some((a) => a.call)).to.equal(true);
        expect(seedFailures(data), `seed ${seed}`).to.deep.equal([]);
      }
    });

    it('N4 every reply and event of an engine built from the seed passes, over two hours of simulated traffic', async () => {
      const clock = new VirtualClock(START);
      const engine = new CareEngine({ clock, seed: createSeed({ now: START }) });
      const simulator = new Simulator(engine);
      const bad: string[] = [];
      const events: CareEvent[] = [];
      const agents = engine.listAgents().map((agent) => checked(new MemoryTransport(engine, { agentId: agent.id }), bad));
      for (const transport of agents) transport.subscribe((event) => events.push(event));
      const desk = agents[0]!;
      const session = await desk.connect(signal());
      await desk.setStatus('ready', signal());
      simulator.start();
      // The agent at the desk takes what is offered, works on it and closes it, so
      // every optional field (offeredAt, acceptedAt, closedAt, call times) is set somewhere.
      for (let minute = 0; minute < 120; minute++) {
        clock.advance(MINUTE);
        const mine = engine.listTasks().filter((t) => t.offeredTo === session.agent.id || t.acceptedBy === session.agent.id);
        for (const task of mine) {
          if (task.state === 'offered') await settle(desk.acceptTask(task.id, signal()));
          if (task.state !== 'accepted') continue;
          await settle(desk.addTag(task.activityId, `tag ${minute}`, signal()));
          await settle(desk.addComment(task.activityId, 'Called back.', signal()));
          if (task.media === 'chat') await settle(desk.sendChatMessage(task.activityId, 'One moment, please.', signal()));
          if (task.customerId && minute % 3 === 0) {
            await settle(desk.moveActivity(task.activityId, { newRequest: { title: 'Follow-up', description: '' } }, signal()));
          }
          // X6: the calls queue asks for a wrap-up code.
          if (minute % 2 === 0) await settle(desk.closeTask(task.id, signal(), task.media === 'call' ? { code: 'Resolved', note: 'Sorted.' } : undefined));
        }
        if (minute % 30 === 29) await settle(desk.setStatus('ready', signal()));
      }
      simulator.stop();
      for (const transport of agents) await transport.connect(signal());
      for (const customer of await desk.searchCustomers('', signal())) {
        const journey = await desk.getJourney(customer.id, signal());
        for (const activity of journey.activities) {
          await desk.getComments(activity.id, signal());
          await desk.getTranscript(activity.id, signal());
        }
      }
      const closed = events.flatMap((e) => (e.type === 'task-changed' && e.task.closedAt ? [e.task] : []));
      expect(closed.some((t) => t.acceptedAt && t.acceptedBy === session.agent.id), 'a task the desk accepted and closed').to.equal(true);
      expect(events.some((e) => e.type === 'task-offered' && e.task.offeredAt), 'an offer').to.equal(true);
      expect(events.some((e) => e.type === 'entity-changed' && e.change.kind === 'activity' && e.change.value.call?.endedAt), 'an ended call').to.equal(true);
      expect(new Set(events.map((e) => e.type)).size, 'kinds of event').to.be.greaterThan(5);
      expect(bad).to.deep.equal([]);
      expect(events.map((e) => checkEvent(e)).filter((e) => e instanceof CareError).map(messageOf)).to.deep.equal([]);
    });

    it('N4 every reply of the example HTTP backend, as JSON over the wire, passes; so does conflict.current', async () => {
      const control = (route: string, body: unknown = {}) =>
        fetch(`/care-api${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
      await control('/reset');
      const bad: string[] = [];
      const w = CONTRACT_WORLD;
      const [one, two] = [w.agents.one.id, w.agents.two.id].map((agentId) => checked(new HttpTransport({ baseUrl: '/care-api', token: agentId, EventSource }), bad));
      await one!.connect(signal());
      await one!.setStatus('ready', signal());
      await two!.connect(signal());
      const task = (await control('/receive', { media: 'call', contact: w.customer.contact, opening: 'About my refund', queueId: w.pickQueue })) as Task;
      await one!.acceptTask(task.id, signal());
      const accepted = await two!.acceptTask(
        ((await control('/receive', { media: 'chat', contact: w.customer.contact, opening: 'Hello', queueId: w.pickQueue })) as Task).id,
        signal(),
      );
      await one!.addTag(task.activityId, 'refund', signal());
      await one!.removeTag(task.activityId, 'refund', signal());
      await one!.addComment(task.activityId, 'Called back.', signal());
      await two!.sendChatMessage(accepted.activityId, 'One moment, please.', signal());
      const journey = await one!.getJourney(w.customer.id, signal());
      for (const activity of journey.activities) {
        await one!.getActivity(activity.id, signal());
        await one!.getComments(activity.id, signal());
        await one!.getTranscript(activity.id, signal());
      }
      await one!.getRequest(w.openRequest, signal());
      await one!.searchCustomers('Ann', signal());
      const base = await one!.getCustomer(w.customer.id, signal());
      await two!.updateCustomer(w.customer.id, base.version, { name: 'Ann B. Lee' }, signal());
      const stale = await rejected(one!.updateCustomer(w.customer.id, base.version, { phone: '+1 555 0100 222' }, signal()));
      expect(stale.conflict?.entity).to.equal('customer');
      expect(checkConflictCurrent(stale.conflict!.entity, stale.conflict!.current)).to.deep.include({ name: 'Ann B. Lee' });
      const request = await one!.createRequest(w.customer.id, { title: 'Second problem', description: '' }, signal());
      await one!.updateRequest(request.id, request.version, { description: 'More detail' }, signal());
      await one!.moveActivity(task.activityId, { requestId: request.id }, signal());
      await one!.closeTask(task.id, signal());
      const stranger = { name: 'Dana Whit', email: 'dana@example.net', phone: '+1 555 0199 000' };
      const fresh = (await control('/receive', { media: 'chat', contact: stranger, opening: 'Hi', queueId: w.pickQueue })) as Task;
      await one!.acceptTask(fresh.id, signal());
      const created = await one!.createCustomer(fresh.id, stranger, signal());
      const back = await one!.moveActivityToCustomer(fresh.activityId, w.customer.id, signal());
      expect([created.name, back.customerId]).to.deep.equal([stranger.name, w.customer.id]);
      expect(bad).to.deep.equal([]);
    });

    it('N4 R23 text the rules allow passes even when every character takes two units or is stored decomposed', () => {
      const comment = { id: 'c1', activityId: 'a1', authorId: 'agent-1', authorName: 'Alex', text: '', createdAt: START };
      expect(commentSchema({ ...comment, text: '😀'.repeat(FIELD_MAX) })).to.equal(undefined);
      expect(commentSchema({ ...comment, text: '한'.repeat(FIELD_MAX).normalize('NFD') })).to.equal(undefined);
      expect(describeProblem(commentSchema({ ...comment, text: 'x'.repeat(TEXT_MAX + 1) })!)).to.equal(`at text: not text of at most ${TEXT_MAX} units`);
      const activity = validCallActivity();
      expect(activitySchema({ ...activity, tags: ['🏷'.repeat(TAG_MAX)] })).to.equal(undefined);
      expect(activitySchema({ ...activity, tags: ['x'.repeat(TAG_TEXT_MAX + 1)] })?.path).to.deep.equal(['tags', 0]);
      // N5 counts characters as grapheme clusters: a tag of 50 family emoji (11 units each) is a legal tag.
      expect(activitySchema({ ...activity, tags: ['👨‍👩‍👧‍👦'.repeat(TAG_MAX)] })).to.equal(undefined);
      expect(commentSchema({ ...comment, text: '👨‍👩‍👧‍👦'.repeat(FIELD_MAX) })).to.equal(undefined);
    });
  });

  describe('the fields guards.ts used to miss (issue 9 drift)', () => {
    it('N4 a task with a bad acceptedAt fails', () => {
      const task = validTask();
      expect(isTask(task)).to.equal(true);
      expect(isTask({ ...task, acceptedAt: 'yesterday' })).to.equal(false);
      expect(detailOf(checkReply('acceptTask', { ...task, acceptedAt: 'yesterday' }))).to.equal('at acceptedAt: not a time');
    });

    it('N4 a task with a bad closedAt fails', () => {
      const task = validTask();
      expect(isTask({ ...task, closedAt: -5 })).to.equal(false);
      expect(detailOf(checkReply('closeTask', { ...task, closedAt: -5 }))).to.equal('at closedAt: not a time');
    });

    it('N4 an activity with bad call info fails', () => {
      const activity = validCallActivity();
      expect(activity.call?.connectedAt).to.be.a('number');
      expect(isActivity(activity)).to.equal(true);
      expect(isActivity({ ...activity, call: 'yes' })).to.equal(false);
      expect(isActivity({ ...activity, call: { from: 42 } })).to.equal(false);
      expect(detailOf(checkReply('getActivity', { ...activity, call: { ...activity.call, endedAt: 'soon' } }))).to.equal('at call.endedAt: not a time');
    });

    it('N4 R13 an agent with a statusReason outside the enum fails', () => {
      const agent = validAgent();
      expect(isAgent(agent)).to.equal(true);
      expect(isAgent({ ...agent, statusReason: 'lunch' })).to.equal(false);
      expect(detailOf(checkReply('setStatus', { ...agent, statusReason: 'lunch' }))).to.contain('at statusReason: not one of manual, offer-timeout, signed-in');
    });
  });

  describe('sane ranges', () => {
    it('N4 a date of 1e20 is not a date, nor NaN, ±Infinity, seconds or microseconds', () => {
      const task = validTask();
      for (const receivedAt of [1e20, NaN, Infinity, -Infinity, Math.floor(START / 1000), START * 1000, '2026-11-23', null]) {
        expect(isTask({ ...task, receivedAt }), String(receivedAt)).to.equal(false);
      }
      expect(isTask({ ...task, receivedAt: TIME_MIN })).to.equal(true);
      expect(isTask({ ...task, receivedAt: TIME_MAX })).to.equal(true);
      expect(isTask({ ...task, receivedAt: TIME_MAX + 1 })).to.equal(false);
    });

    it('N4 a time may hold a fraction of a millisecond, as the engine’s sped-up and simulated clocks make', () => {
      const { engine, clock } = makeEngine();
      clock.advance(0.25);
      const task = engine.receive(call(ANN, 'q-backlog'));
      expect(task.receivedAt).to.equal(START + 0.25);
      expect(checkReply('acceptTask', task)).to.equal(task);
    });

    it('N4 R6 a version is a non-negative safe integer', () => {
      const agent = validAgent();
      for (const version of [-1, 1.5, NaN, Infinity, 2 ** 53, '3']) expect(isAgent({ ...agent, version }), String(version)).to.equal(false);
      expect(isAgent({ ...agent, version: 0 })).to.equal(true);
    });

    it('N4 an id is a non-empty, bounded string', () => {
      const agent = validAgent();
      for (const id of ['', 'x'.repeat(257), 7, null]) expect(isAgent({ ...agent, id }), JSON.stringify(id)).to.equal(false);
      expect(isAgent({ ...agent, id: 'x'.repeat(256) })).to.equal(true);
    });

    it('N4 enums are exact', () => {
      const task = validTask();
      for (const state of ['Accepted', 'accepted ', 'done', 'toString']) expect(isTask({ ...task, state }), state).to.equal(false);
    });

    it('N4 fields a newer backend adds are allowed and left in place: the value is not copied', () => {
      const task = { ...validTask(), priority: 'high' };
      expect(checkReply('acceptTask', task)).to.equal(task);
    });
  });

  describe('checkReply, checkConflictCurrent and checkEvent', () => {
    it('N4 a null comment list fails checkReply for getComments', () => {
      const result = checkReply('getComments', null);
      expect(result).to.be.instanceOf(CareError);
      expect((result as CareError).kind).to.equal('network');
      expect((result as CareError).message).to.equal('The service sent a comment list this version of Care Kit cannot read.');
      expect((result as CareError).detail).to.equal('not a list');
    });

    it('N4 checkReply’s message names the path to what was wrong', () => {
      const good = { id: 'c1', activityId: 'a1', authorId: 'agent-1', authorName: 'Alex', text: 'Hi', createdAt: START };
      const list = [good, good, good, { ...good, createdAt: 1e20 }];
      expect(messageOf(checkReply('getComments', list))).to.equal('The service sent a comment list this version of Care Kit cannot read.');
      expect(detailOf(checkReply('getComments', list))).to.equal('at [3].createdAt: not a time');
      expect(detailOf(checkReply('getComments', [good, { ...good, text: undefined }]))).to.contain('at [1].text: missing');
      const three = list.slice(0, 3);
      expect(checkReply('getComments', three)).to.equal(three);
    });

    it('N4 R16 the moveActivity reply needs both the activity and the request', async () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', call(ANN));
      const moved = await new MemoryTransport(engine, { agentId: 'agent-1' }).moveActivity(task.activityId, { requestId: 'req-ann-older' }, signal());
      expect(checkReply('moveActivity', moved)).to.equal(moved);
      expect(detailOf(checkReply('moveActivity', { activity: moved.activity }))).to.contain('at request: missing');
    });

    it('N4 R6 conflict.current is checked against the conflicting kind', () => {
      const agent = validAgent();
      expect(checkConflictCurrent('agent', agent)).to.equal(agent);
      expect(messageOf(checkConflictCurrent('agent', { ...agent, queueIds: [''] }))).to.equal('The service sent a conflicting agent this version of Care Kit cannot read.');
      expect(detailOf(checkConflictCurrent('agent', { ...agent, queueIds: [''] }))).to.equal('at queueIds[0]: not an id');
      expect(detailOf(checkConflictCurrent('customer', agent))).to.contain('at email: missing');
      expect(detailOf(checkConflictCurrent('planet' as 'agent', agent))).to.contain('at entity: not one of customer, request, activity, task, agent');
      expect(detailOf(checkConflictCurrent('toString' as 'agent', agent))).to.contain('at entity');
    });

    it('N4 an unknown event type fails, and so does a known one with a bad payload', () => {
      expect(isCareEvent({ type: 'task-exploded', task: validTask() })).to.equal(false);
      expect(detailOf(checkEvent({ type: 'task-exploded' }))).to.contain('at type: not one of task-offered,');
      expect(detailOf(checkEvent({ type: 'constructor' }))).to.contain('at type: not one of');
      expect(detailOf(checkEvent({ online: true }))).to.contain('at type: missing');
      expect(detailOf(checkEvent({ type: 'entity-changed', change: { kind: 'activity', value: { ...validCallActivity(), call: null } } }))).to.equal(
        'at change.value.call: not a record',
      );
      expect(isCareEvent({ type: 'connection', online: true })).to.equal(true);
    });
  });
});
