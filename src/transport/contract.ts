/**
 * The transport contract: what `CareStore` relies on from any `CareTransport`,
 * as a test suite an adapter author runs against their adapter and backend.
 * It registers tests through the `describe` and `it` you pass in (mocha,
 * vitest, jest, node:test …) and asserts with plain `Error`s, so the kit
 * needs no test framework at run time. The backend starts each test from
 * {@link contractSeed} (or the same records in its own store). See
 * docs/adapters.md.
 *
 * ```ts
 * defineTransportContract('my adapter', async () => ({
 *   transport: (agentId) => new MyTransport({ agentId }),
 *   backend: { receive: (inbound) => myTestApi.receive(inbound) },
 * }), { describe, it });
 * ```
 */
import { FIELD_MAX, OFFER_TIMEOUT_MS, TAG_MAX } from '../model/limits.js';
import type { ContactFields, Id, Task } from '../model/types.js';
import { CONTRACT_WORLD as W } from './contract-seed.js';
import { type ContractWorld, check, fails, like, openWorld, same, show, signal } from './contract-world.js';
import { deskCases } from './contract-desk.js';
import { nothingLostCases } from './contract-nothing-lost.js';
import { isActivity, isCareEvent, isCareRequest, isCustomer, isSessionSnapshot, isTask } from './guards.js';
import type { CareTransport } from './port.js';

export { CONTRACT_START, CONTRACT_WORLD, contractSeed } from './contract-seed.js';

/** A chat or call arriving in a queue, as the contract brings one in. */
export interface ContractInbound {
  media: 'chat' | 'call';
  contact: ContactFields;
  /** The customer's first chat line, or what the call is about. */
  opening: string;
  queueId: Id;
}

/** The little the contract needs to drive a backend beyond the port itself. */
export interface ContractBackend {
  /** A new chat or call arrives (matched to a known customer by email or phone); resolves with its task. */
  receive(inbound: ContractInbound): Promise<Task> | Task;
  /** Moves the backend's clock forward; needed only with `timeRules`. */
  advance?(ms: number): Promise<void> | void;
}

/** A fresh backend seeded with {@link contractSeed}, and transports to it. Made once per test. */
export interface ContractHarness {
  transport(agentId: Id): CareTransport;
  backend: ContractBackend;
  dispose?(): Promise<void> | void;
}

export interface ContractOptions {
  describe(title: string, body: () => void): void;
  it(title: string, body: () => Promise<void>): void;
  /** Also run R13 (the offer timeout) through `backend.advance`. */
  timeRules?: boolean;
  /** How long to wait for a pushed event, in ms (default 2,000). */
  eventTimeout?: number;
}

/**
 * Registers the contract as `describe('CareTransport contract: <name>')`.
 * `setup` runs before every test and must give a fresh backend.
 */
export function defineTransportContract(name: string, setup: () => Promise<ContractHarness> | ContractHarness, options: ContractOptions): void {
  const timeout = options.eventTimeout ?? 2000;
  const ann = W.customer.id;
  const one = W.agents.one.id;
  const two = W.agents.two.id;

  const test = (title: string, body: (w: ContractWorld) => Promise<void>) =>
    options.it(title, async () => {
      const w = await openWorld(setup, timeout);
      try {
        await body(w);
        const malformed = w.heard.find((e) => !isCareEvent(e));
        check(!malformed, `a pushed event fails isCareEvent: ${show(malformed)}`);
      } finally {
        await w.dispose();
      }
    });

  options.describe(`CareTransport contract: ${name}`, () => {
    test('connect returns a well-formed snapshot (isSessionSnapshot) with the queued pick tasks', async (w) => {
      const queued = await w.receive('chat');
      const { snapshot } = await w.agent(one);
      check(isSessionSnapshot(snapshot), `the snapshot fails isSessionSnapshot: ${show(snapshot)}`);
      same(snapshot.agent.id, one, 'snapshot.agent.id');
      check(snapshot.queues.some((q) => q.id === W.pickQueue), 'the snapshot lists the agent’s pick queue');
      same(snapshot.tasks.find((t) => t.id === queued.id)?.state, 'queued', 'the queued pick task in snapshot.tasks');
    });

    test('R3 accepting a queued pick task returns it accepted and pushes task-changed', async (w) => {
      const agent = await w.agent(one);
      const queued = await w.receive('chat');
      const task = await agent.transport.acceptTask(queued.id, signal());
      check(isTask(task), `acceptTask resolves with a well-formed task (isTask): ${show(task)}`);
      like(task, { id: queued.id, state: 'accepted', acceptedBy: one }, 'the accepted task');
      check(task.version > queued.version, 'the accepted task carries a bumped version');
      await agent.next('task-changed', (e) => e.task.id === queued.id && e.task.state === 'accepted', 'task-changed (accepted)');
    });

    test('R5 a second call is refused (call-in-progress); a chat beside the call is not', async (w) => {
      const agent = await w.agent(one);
      const first = await w.receive('call');
      const second = await w.receive('call');
      await agent.transport.acceptTask(first.id, signal());
      await fails(agent.transport.acceptTask(second.id, signal()), 'refused', 'accepting a second call', 'call-in-progress');
      same((await w.inProgress(agent)).state, 'accepted', 'a chat accepted during the call');
    });

    test('R6 a stale expectedVersion is a conflict carrying conflict.current and changedBy', async (w) => {
      const [mine, theirs] = [await w.agent(one), await w.agent(two)];
      await w.inProgress(mine);
      await w.inProgress(theirs);
      const base = await mine.transport.getCustomer(ann, signal());
      const changed = await theirs.transport.updateCustomer(ann, base.version, { name: 'Ann B. Lee' }, signal());
      check(isCustomer(changed) && changed.version > base.version, 'updateCustomer resolves with the customer, its version bumped');
      await mine.next(
        'entity-changed',
        (e) => e.change.value.id === ann && e.change.value.version === changed.version && e.changedBy?.id === two,
        'entity-changed for the customer, changedBy agent-2',
      );
      const stale = mine.transport.updateCustomer(ann, base.version, { phone: '+1 555 0100 222' }, signal());
      const { conflict } = await fails(stale, 'conflict', 'saving on a stale version');
      check(conflict, 'a conflict error carries `conflict`');
      like(conflict, { entity: 'customer', id: ann, expectedVersion: base.version, actualVersion: changed.version }, 'conflict');
      check(isCustomer(conflict.current), `conflict.current is the whole record (isCustomer): ${show(conflict.current)}`);
      like(conflict.current, { version: changed.version, name: 'Ann B. Lee' }, 'conflict.current');
      like(conflict.changedBy, W.agents.two, 'conflict.changedBy');
      const saved = await mine.transport.updateCustomer(ann, changed.version, { phone: '+1 555 0100 222' }, signal());
      same(saved.name, 'Ann B. Lee', 'a save on the current version keeps the other agent’s name');
    });

    test('R7 R23 2,001 characters is a validation error with issues; 2,000 are saved', async (w) => {
      const agent = await w.agent(one);
      await w.inProgress(agent);
      const request = await agent.transport.getRequest(W.openRequest, signal());
      const tooLong = agent.transport.updateRequest(request.id, request.version, { description: 'x'.repeat(FIELD_MAX + 1) }, signal());
      const { issues } = await fails(tooLong, 'validation', 'a description of 2,001 characters');
      check(issues.some((i) => i.field === 'description' && i.code === 'too-long'), `issues name the field: ${show(issues)}`);
      const saved = await agent.transport.updateRequest(request.id, request.version, { description: 'x'.repeat(FIELD_MAX) }, signal());
      check(isCareRequest(saved), `updateRequest resolves with a well-formed request (isCareRequest): ${show(saved)}`);
      same(saved.description.length, FIELD_MAX, 'the saved description’s length');
      await fails(agent.transport.addComment(W.openActivity, 'y'.repeat(FIELD_MAX + 1), signal()), 'validation', 'a comment of 2,001 characters');
    });

    test('R9 tags are a set: two agents’ tags merge; a duplicate or a 51-character tag is a validation error', async (w) => {
      const [mine, theirs] = [await w.agent(one), await w.agent(two)];
      await w.inProgress(mine);
      await w.inProgress(theirs);
      await theirs.transport.addTag(W.openActivity, 'vip', signal());
      const tagged = await mine.transport.addTag(W.openActivity, 'refund', signal());
      check(isActivity(tagged), `addTag resolves with a well-formed activity (isActivity): ${show(tagged)}`);
      check(tagged.tags.includes('vip') && tagged.tags.includes('refund'), `both agents’ tags are kept: ${show(tagged.tags)}`);
      const duplicate = await fails(mine.transport.addTag(W.openActivity, 'VIP', signal()), 'validation', 'a duplicate tag (any case)');
      check(duplicate.issues.length > 0, 'a validation error carries issues');
      await fails(mine.transport.addTag(W.openActivity, 't'.repeat(TAG_MAX + 1), signal()), 'validation', 'a tag of 51 characters');
      const removed = await mine.transport.removeTag(W.openActivity, 'vip', signal());
      check(!removed.tags.includes('vip'), `removeTag removes: ${show(removed.tags)}`);
    });

    test('R21 a new request with a blank or whitespace-only title is a validation error naming the title; nothing is created', async (w) => {
      const agent = await w.agent(one);
      await w.inProgress(agent);
      const t = agent.transport;
      const before = await t.getJourney(ann, signal());
      for (const title of ['', '  \t ']) {
        const { issues } = await fails(t.createRequest(ann, { title, description: 'Lost phone' }, signal()), 'validation', `createRequest titled ${show(title)}`);
        check(issues.some((i) => i.field === 'title' && i.code === 'required'), `issues name the title as required: ${show(issues)}`);
      }
      const after = await t.getJourney(ann, signal());
      same(after.requests.length, before.requests.length, 'the journey’s requests after the refusals');
      const created = await t.createRequest(ann, { title: 'New SIM card', description: '' }, signal());
      check(isCareRequest(created) && created.title === 'New SIM card', `a titled request is created: ${show(created)}`);
    });

    test('R21 moving an activity to a new request with a blank title is a validation error; the activity stays', async (w) => {
      const agent = await w.agent(one);
      await w.inProgress(agent);
      const t = agent.transport;
      const before = await t.getJourney(ann, signal());
      for (const title of ['', ' \n ']) {
        const move = t.moveActivity(W.openActivity, { newRequest: { title, description: '' } }, signal());
        const { issues } = await fails(move, 'validation', `a move to a new request titled ${show(title)}`);
        check(issues.some((i) => i.field === 'title' && i.code === 'required'), `issues name the title as required: ${show(issues)}`);
      }
      const after = await t.getJourney(ann, signal());
      same(after.requests.length, before.requests.length, 'the journey’s requests after the refusals');
      same((await t.getActivity(W.openActivity, signal())).requestId, W.openRequest, 'the activity’s request after the refusals');
      const { request } = await t.moveActivity(W.openActivity, { newRequest: { title: 'Separate issue', description: '' } }, signal());
      same((await t.getActivity(W.openActivity, signal())).requestId, request.id, 'the activity’s request after a titled move');
    });

    test('R25 changing records without a task in progress is refused (not-in-progress); reading is not', async (w) => {
      const agent = await w.agent(one);
      await w.receive('chat'); // queued: preview only
      const customer = await agent.transport.getCustomer(ann, signal());
      const t = agent.transport;
      await fails(t.updateCustomer(ann, customer.version, { name: 'X' }, signal()), 'refused', 'updateCustomer', 'not-in-progress');
      await fails(t.addTag(W.openActivity, 'x', signal()), 'refused', 'addTag', 'not-in-progress');
      await fails(t.createRequest(ann, { title: 'New problem', description: '' }, signal()), 'refused', 'createRequest', 'not-in-progress');
    });

    test('R28 a closed request and its activities are read-only (refused read-only)', async (w) => {
      const agent = await w.agent(one);
      await w.inProgress(agent);
      const closed = await agent.transport.getRequest(W.closedRequest, signal());
      same(closed.status, 'closed', 'the seeded closed request’s status');
      const retitle = agent.transport.updateRequest(closed.id, closed.version, { title: 'Reopened?' }, signal());
      await fails(retitle, 'refused', 'editing a closed request', 'read-only');
      await fails(agent.transport.addTag(W.closedActivity, 'late', signal()), 'refused', 'tagging in a closed request', 'read-only');
    });

    test('every pushed event is a well-formed CareEvent (isCareEvent)', async (w) => {
      const agent = await w.agent(one);
      await agent.transport.setStatus('ready', signal());
      await agent.next('agent-changed', (e) => e.agent.status === 'ready', 'agent-changed (ready)');
      const pushed = await w.receive('chat', W.pushChatQueue);
      await agent.next('task-offered', (e) => e.task.id === pushed.id, 'task-offered');
      await agent.transport.acceptTask(pushed.id, signal());
      await agent.transport.addTag(pushed.activityId, 'vip', signal());
      await agent.next('entity-changed', (e) => e.change.kind === 'activity' && e.change.value.tags.includes('vip'), 'entity-changed (tag)');
      await agent.transport.addComment(pushed.activityId, 'Refund sent', signal());
      await agent.next('comment-added', (e) => e.comment.activityId === pushed.activityId, 'comment-added');
      await agent.transport.sendChatMessage(pushed.activityId, 'Done, anything else?', signal());
      await agent.next('chat-message', (e) => e.message.from === 'agent', 'chat-message');
      await agent.transport.closeTask(pushed.id, signal());
      await agent.next('task-changed', (e) => e.task.id === pushed.id && e.task.state === 'closed', 'task-changed (closed)');
      // every test also checks every event its agents heard (see `test`)
    });

    test('an already-aborted signal rejects with kind aborted and changes nothing', async (w) => {
      const agent = await w.agent(one);
      const queued = await w.receive('chat');
      const controller = new AbortController();
      controller.abort();
      await fails(agent.transport.setStatus('ready', controller.signal), 'aborted', 'setStatus with an aborted signal');
      await fails(agent.transport.acceptTask(queued.id, controller.signal), 'aborted', 'acceptTask with an aborted signal');
      await fails(agent.transport.getCustomer(ann, controller.signal), 'aborted', 'getCustomer with an aborted signal');
      const after = await agent.transport.connect(signal());
      same(after.agent.status, 'not-ready', 'the agent’s status after the aborted setStatus');
      same(after.tasks.find((t) => t.id === queued.id)?.state, 'queued', 'the task after the aborted acceptTask');
    });

    test('an unknown id is not-found', async (w) => {
      const { transport: t } = await w.agent(one);
      const id = 'no such id/?#';
      await fails(t.getCustomer(id, signal()), 'not-found', 'getCustomer');
      await fails(t.getJourney(id, signal()), 'not-found', 'getJourney');
      await fails(t.getRequest(id, signal()), 'not-found', 'getRequest');
      await fails(t.getActivity(id, signal()), 'not-found', 'getActivity');
      await fails(t.acceptTask(id, signal()), 'not-found', 'acceptTask');
    });

    test('results are copies: changing one does not change the next read', async (w) => {
      const { transport: t, snapshot } = await w.agent(one);
      snapshot.agent.queueIds.length = 0;
      const customer = await t.getCustomer(ann, signal());
      customer.name = 'Mallory';
      const journey = await t.getJourney(ann, signal());
      journey.activities.forEach((a) => a.tags.push('mutated'));
      journey.requests.length = 0;
      same((await t.getCustomer(ann, signal())).name, W.customer.contact.name, 'the customer’s name on the next read');
      const again = await t.getJourney(ann, signal());
      same(again.requests.length, 2, 'the journey’s requests on the next read');
      check(again.activities.every((a) => !a.tags.includes('mutated')), 'the journey’s tags on the next read');
      same((await t.connect(signal())).agent.queueIds.length, 3, 'the agent’s queues on the next connect');
    });

    nothingLostCases(test);
    deskCases(test, options.timeRules === true);

    if (options.timeRules) {
      test('R13 an offer not accepted within 15 minutes is revoked (timeout) and the agent turns Not Ready', async (w) => {
        const agent = await w.agent(one);
        check(w.backend.advance, 'timeRules needs backend.advance');
        await agent.transport.setStatus('ready', signal());
        const pushed = await w.receive('chat', W.pushChatQueue);
        await agent.next('task-offered', (e) => e.task.id === pushed.id, 'task-offered');
        await w.backend.advance(OFFER_TIMEOUT_MS);
        const revoked = await agent.next('task-revoked', (e) => e.task.id === pushed.id, 'task-revoked');
        same(revoked.reason, 'timeout', 'task-revoked.reason');
        await agent.next('agent-changed', (e) => e.agent.status === 'not-ready' && e.agent.statusReason === 'offer-timeout', 'agent-changed (Not Ready)');
      });
    }
  });
}
