import { expect } from '@open-wc/testing';
import { AUTO_CLOSE_MS, FIELD_MAX, OFFER_TIMEOUT_MS } from '../../src/model/limits.js';
import type { EngineEvent } from '../../src/engine/events.js';
import { ANN, BOB, DAY, MINUTE, STRANGER, acceptPicked, call, chat, makeEngine } from '../support/fixtures.js';
import { expectKind, expectRefused } from '../support/expect-error.js';

describe('CareEngine', () => {
  describe('queues and accepting (R1, R3, R4, R5, R14, R26)', () => {
    it('R26 pick queue: a task waits in the queue for every agent until one accepts it', () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN, 'q-backlog'));
      expect(task.state).to.equal('queued');
      expect(engine.snapshot('agent-1').tasks.map((t) => t.id)).to.include(task.id);
      expect(engine.snapshot('agent-2').tasks.map((t) => t.id)).to.include(task.id);
    });

    it('R3 R14 accepting moves the task to the agent’s in-progress list and out of everyone’s queue', () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN, 'q-backlog'));
      const accepted = engine.acceptTask('agent-1', task.id);
      expect(accepted.state).to.equal('accepted');
      expect(accepted.acceptedBy).to.equal('agent-1');
      expect(engine.snapshot('agent-1').tasks.find((t) => t.id === task.id)?.state).to.equal('accepted');
      expect(engine.snapshot('agent-2').tasks.map((t) => t.id)).not.to.include(task.id);
      expectRefused(() => engine.acceptTask('agent-2', task.id), 'already-taken');
    });

    it('R1 a queued task’s customer, journey and activity can be read before accepting', () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN, 'q-backlog'));
      expect(task.customerId).to.equal('cust-ann');
      expect(engine.getCustomer('cust-ann').name).to.equal('Ann Lee');
      expect(engine.getJourney('cust-ann').requests).to.have.length(3);
      expect(engine.getActivity(task.activityId).media).to.equal('chat');
      expect(engine.getTranscript(task.activityId)[0]?.text).to.equal('Hello, I need help');
    });

    it('R4 the new activity joins the customer’s most recent open request', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      expect(engine.getActivity(task.activityId).requestId).to.equal('req-ann-newer');
      expect(engine.getJourney('cust-ann').requests).to.have.length(3);
    });

    it('R4 with no open request the activity starts a new open request', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(BOB));
      const journey = engine.getJourney('cust-bob');
      expect(journey.requests).to.have.length(2);
      const created = journey.requests[1]!;
      expect(created.status).to.equal('open');
      expect(engine.getActivity(task.activityId).requestId).to.equal(created.id);
    });

    it('R5 a second call while one is in progress is refused; a chat is not', () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', call(ANN));
      const second = engine.receive(call(BOB, 'q-backlog'));
      expectRefused(() => engine.acceptTask('agent-1', second.id), 'call-in-progress');
      expect(engine.getTask(second.id).state).to.equal('queued');
      const chatTask = acceptPicked(engine, 'agent-1', chat(BOB));
      expect(chatTask.state).to.equal('accepted');
    });

    it('R5 push routing does not offer a call to an agent already on a call', () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', call(ANN));
      engine.setStatus('agent-1', 'ready');
      const second = engine.receive(call(BOB));
      expect(engine.getTask(second.id).state).to.equal('queued');
      const chatTask = engine.receive(chat(BOB));
      expect(engine.getTask(chatTask.id).offeredTo).to.equal('agent-1');
    });

    it('R26 push queue: a queued push task cannot be picked, only accepted when offered', () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN));
      expect(engine.snapshot('agent-1').tasks).to.have.length(0);
      expectRefused(() => engine.acceptTask('agent-1', task.id), 'not-offered');
    });
  });

  describe('status and push routing (R12, R13)', () => {
    it('R12 a Ready agent is offered tasks automatically; Not Ready receives none', () => {
      const { engine } = makeEngine();
      engine.setStatus('agent-2', 'not-ready');
      const waiting = engine.receive(chat(ANN));
      expect(engine.getTask(waiting.id).state).to.equal('queued');
      engine.setStatus('agent-1', 'ready');
      const offered = engine.getTask(waiting.id);
      expect(offered.state).to.equal('offered');
      expect(offered.offeredTo).to.equal('agent-1');
      expect(engine.snapshot('agent-1').tasks.map((t) => t.id)).to.deep.equal([waiting.id]);
      expect(engine.snapshot('agent-2').tasks).to.have.length(0);
    });

    it('R12 the longest idle Ready agent gets the next offer, one pending offer each', () => {
      const { engine, clock } = makeEngine();
      engine.setStatus('agent-1', 'ready');
      clock.advance(MINUTE);
      engine.setStatus('agent-2', 'ready');
      const first = engine.receive(chat(ANN));
      const second = engine.receive(chat(BOB));
      const third = engine.receive(chat(STRANGER));
      expect(engine.getTask(first.id).offeredTo).to.equal('agent-1');
      expect(engine.getTask(second.id).offeredTo).to.equal('agent-2');
      expect(engine.getTask(third.id).state).to.equal('queued');
    });

    it('R13 an offer not accepted within 15 minutes sets the agent Not Ready and returns the task', () => {
      const { engine, clock } = makeEngine();
      engine.setStatus('agent-1', 'ready');
      const task = engine.receive(chat(ANN));
      clock.advance(OFFER_TIMEOUT_MS - 1);
      expect(engine.getAgent('agent-1').status).to.equal('ready');
      expect(engine.getTask(task.id).state).to.equal('offered');
      clock.advance(1);
      const agent = engine.getAgent('agent-1');
      expect(agent.status).to.equal('not-ready');
      expect(agent.statusReason).to.equal('offer-timeout');
      expect(engine.getTask(task.id).state).to.equal('queued');
      expect(engine.getTask(task.id).offeredTo).to.equal(undefined);
    });

    it('R13 the returned task is offered to the next Ready agent, whose own 15 minutes start then', () => {
      const { engine, clock } = makeEngine();
      engine.setStatus('agent-1', 'ready');
      const task = engine.receive(chat(ANN));
      clock.advance(5 * MINUTE);
      engine.setStatus('agent-2', 'ready');
      clock.advance(10 * MINUTE);
      expect(engine.getTask(task.id).offeredTo).to.equal('agent-2');
      clock.advance(14 * MINUTE);
      expect(engine.getAgent('agent-2').status).to.equal('ready');
      engine.acceptTask('agent-2', task.id);
      clock.advance(10 * MINUTE);
      expect(engine.getAgent('agent-2').status).to.equal('ready');
    });

    it('R13 accepting in time cancels the timeout', () => {
      const { engine, clock } = makeEngine();
      engine.setStatus('agent-1', 'ready');
      const task = engine.receive(chat(ANN));
      clock.advance(14 * MINUTE);
      engine.acceptTask('agent-1', task.id);
      clock.advance(OFFER_TIMEOUT_MS);
      expect(engine.getAgent('agent-1').status).to.equal('ready');
      expect(engine.getTask(task.id).state).to.equal('accepted');
    });

    it('R12 going Not Ready withdraws a pending offer', () => {
      const { engine } = makeEngine();
      engine.setStatus('agent-1', 'ready');
      const task = engine.receive(chat(ANN));
      engine.setStatus('agent-1', 'not-ready');
      expect(engine.getTask(task.id).state).to.equal('queued');
      expectRefused(() => engine.acceptTask('agent-1', task.id), 'not-offered');
    });
  });

  describe('editing only in progress (R25) and read-only requests (R28)', () => {
    it('R25 a previewed customer, request or activity cannot be changed before accepting', () => {
      const { engine } = makeEngine();
      const task = engine.receive(chat(ANN, 'q-backlog'));
      expectRefused(() => engine.updateCustomer('agent-1', 'cust-ann', 1, { name: 'X' }), 'not-in-progress');
      expectRefused(() => engine.updateRequest('agent-1', 'req-ann-newer', 1, { title: 'X' }), 'not-in-progress');
      expectRefused(() => engine.addTag('agent-1', task.activityId, 'x'), 'not-in-progress');
      expectRefused(() => engine.addComment('agent-1', task.activityId, 'x'), 'not-in-progress');
    });

    it('R25 after closing the task the records are read-only again', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      engine.closeTask('agent-1', task.id);
      expectRefused(() => engine.updateCustomer('agent-1', 'cust-ann', 1, { name: 'X' }), 'not-in-progress');
    });

    it('R28 a closed or resolved request cannot be edited', () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      expectRefused(() => engine.updateRequest('agent-1', 'req-ann-closed', 1, { title: 'New' }), 'read-only');
      const older = engine.getRequest('req-ann-older');
      const resolved = engine.updateRequest('agent-1', older.id, older.version, { status: 'resolved' });
      expect(resolved.status).to.equal('resolved');
      expect(resolved.completedAt).to.be.a('number');
      expectRefused(() => engine.updateRequest('agent-1', older.id, resolved.version, { title: 'New' }), 'read-only');
    });

    it('R28 tags on an activity of a closed request cannot change', () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      expectRefused(() => engine.addTag('agent-1', 'act-ann-old', 'late'), 'read-only');
    });
  });

  describe('versions and conflicts (R6)', () => {
    it('R6 a stale write from a second agent is refused as a conflict naming the other agent', () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      acceptPicked(engine, 'agent-2', chat(ANN));
      const base = engine.getRequest('req-ann-newer');
      const saved = engine.updateRequest('agent-2', base.id, base.version, { title: 'Charged twice in May' });
      expect(saved.version).to.be.greaterThan(base.version);
      const error = expectKind(() => engine.updateRequest('agent-1', base.id, base.version, { title: 'Mine' }), 'conflict');
      expect(error.conflict?.changedBy?.name).to.equal('Soo-ah Park');
      expect(error.conflict?.actualVersion).to.equal(saved.version);
      expect((error.conflict?.current as { title: string }).title).to.equal('Charged twice in May');
      expect(engine.getRequest(base.id).title).to.equal('Charged twice in May');
    });

    it('R6 every change bumps the version', () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      const before = engine.getCustomer('cust-ann');
      const after = engine.updateCustomer('agent-1', 'cust-ann', before.version, { phone: '+1 555 0100 222' });
      expect(after.version).to.equal(before.version + 1);
      expect(after.updatedBy).to.equal('agent-1');
    });
  });

  describe('limits (R7, R9, R23)', () => {
    it('R7 a request description of 2,001 characters is refused; 2,000 is accepted', () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      const r = engine.getRequest('req-ann-newer');
      const error = expectKind(() => engine.updateRequest('agent-1', r.id, r.version, { description: 'x'.repeat(FIELD_MAX + 1) }), 'validation');
      expect(error.issues[0]).to.include({ field: 'description', code: 'too-long', limit: FIELD_MAX });
      const ok = engine.updateRequest('agent-1', r.id, r.version, { description: 'x'.repeat(FIELD_MAX) });
      expect(ok.description).to.have.length(FIELD_MAX);
    });

    it('R23 an inbound chat or call longer than 2,000 characters is held to the limit, so its records stay readable (N4)', () => {
      const { engine } = makeEngine();
      const long = 'z'.repeat(FIELD_MAX + 500);
      const task = engine.receive({ media: 'call', contact: { name: long, email: '', phone: long }, opening: long, queueId: 'q-backlog' });
      expect([...task.contact.name]).to.have.length(FIELD_MAX);
      expect([...(engine.getActivity(task.activityId).call?.from ?? '')]).to.have.length(FIELD_MAX);
      const chatTask = engine.receive({ ...chat(STRANGER), opening: long, queueId: 'q-backlog' });
      expect([...(engine.getTranscript(chatTask.activityId)[0]?.text ?? '')]).to.have.length(FIELD_MAX);
      // Short text arrives exactly as typed.
      expect(engine.receive({ ...chat(STRANGER), opening: ' hi ', queueId: 'q-backlog' }).contact).to.deep.equal(chat(STRANGER).contact);
    });

    it('R23 customer fields, titles and comments are limited to 2,000 characters too', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      const long = 'y'.repeat(FIELD_MAX + 1);
      expectKind(() => engine.updateCustomer('agent-1', 'cust-ann', 1, { name: long }), 'validation');
      expectKind(() => engine.updateRequest('agent-1', 'req-ann-newer', engine.getRequest('req-ann-newer').version, { title: long }), 'validation');
      expectKind(() => engine.addComment('agent-1', task.activityId, long), 'validation');
      expectKind(() => engine.sendChatMessage('agent-1', task.activityId, long), 'validation');
    });

    it('R9 tags: at most 50 characters and unique on the activity regardless of case', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      expect(engine.addTag('agent-1', task.activityId, '  Billing ').tags).to.deep.equal(['Billing']);
      const dup = expectKind(() => engine.addTag('agent-1', task.activityId, 'billing'), 'validation');
      expect(dup.issues[0]?.code).to.equal('duplicate');
      const long = expectKind(() => engine.addTag('agent-1', task.activityId, 't'.repeat(51)), 'validation');
      expect(long.issues[0]?.code).to.equal('too-long');
      expect(engine.addTag('agent-1', task.activityId, 't'.repeat(50)).tags).to.have.length(2);
      expect(engine.removeTag('agent-1', task.activityId, 'BILLING').tags).to.deep.equal(['t'.repeat(50)]);
    });
  });

  describe('requests (R18, R21)', () => {
    it('R18 a request closes 5 days after its last update', () => {
      const { engine, clock } = makeEngine();
      const r = engine.getRequest('req-ann-newer');
      const due = r.updatedAt + AUTO_CLOSE_MS - clock.now();
      clock.advance(due - 1);
      expect(engine.getRequest(r.id).status).to.equal('open');
      clock.advance(1);
      const closed = engine.getRequest(r.id);
      expect(closed.status).to.equal('closed');
      expect(closed.completedAt).to.equal(clock.now());
    });

    it('R18 an update of one of its activities restarts the 5 days', () => {
      const { engine, clock } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      clock.advance(3 * DAY);
      engine.addTag('agent-1', task.activityId, 'follow-up');
      clock.advance(4 * DAY);
      expect(engine.getRequest('req-ann-newer').status).to.equal('open');
      clock.advance(DAY);
      expect(engine.getRequest('req-ann-newer').status).to.equal('closed');
    });

    it('R21 the agent adds a new open request for a new problem', () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      const r = engine.createRequest('agent-1', 'cust-ann', { title: 'New SIM card', description: 'Lost phone' });
      expect(r).to.include({ status: 'open', title: 'New SIM card', customerId: 'cust-ann' });
      expect(engine.getJourney('cust-ann').requests.map((x) => x.id)).to.include(r.id);
    });

    it('R21 a blank or whitespace-only title is refused as a validation error, created or moved to; nothing changes', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      const before = engine.getJourney('cust-ann');
      const filedIn = engine.getActivity(task.activityId).requestId;
      for (const title of ['', '   ', '\n\t ']) {
        const refusals = [
          expectKind(() => engine.createRequest('agent-1', 'cust-ann', { title, description: 'Lost phone' }), 'validation'),
          expectKind(() => engine.createRequest('agent-1', 'cust-ann', { title, description: '' }, task.activityId), 'validation'),
          expectKind(() => engine.moveActivity('agent-1', task.activityId, { newRequest: { title, description: '' } }), 'validation'),
        ];
        for (const error of refusals) {
          expect(error.issues.map((i) => [i.field, i.code]), JSON.stringify(title)).to.deep.equal([['title', 'required']]);
        }
      }
      expect(engine.getJourney('cust-ann').requests).to.deep.equal(before.requests);
      expect(engine.getActivity(task.activityId).requestId).to.equal(filedIn);
    });
  });

  describe('moving activities (R16, R29)', () => {
    it('R29 an activity moves to another open request of the customer', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      const { activity } = engine.moveActivity('agent-1', task.activityId, { requestId: 'req-ann-older' });
      expect(activity.requestId).to.equal('req-ann-older');
    });

    it('R29 an activity moves to a new request', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      const { request } = engine.moveActivity('agent-1', task.activityId, { newRequest: { title: 'Separate issue', description: '' } });
      expect(request.status).to.equal('open');
      expect(engine.getActivity(task.activityId).requestId).to.equal(request.id);
    });

    it('R29 never into a closed request, and an activity of a closed request does not move', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      expectRefused(() => engine.moveActivity('agent-1', task.activityId, { requestId: 'req-ann-closed' }), 'target-closed');
      expectRefused(() => engine.moveActivity('agent-1', 'act-ann-old', { requestId: 'req-ann-older' }), 'source-closed');
    });

    it('R29 an activity with no request can be moved into one', () => {
      const { engine } = makeEngine();
      acceptPicked(engine, 'agent-1', chat(ANN));
      const { activity } = engine.moveActivity('agent-1', 'act-ann-loose', { requestId: 'req-ann-older' });
      expect(activity.requestId).to.equal('req-ann-older');
    });

    it('R29 moving within the journey does not cross to another customer’s request', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(BOB));
      const bobRequest = engine.getActivity(task.activityId).requestId!;
      acceptPicked(engine, 'agent-1', chat(ANN));
      expectRefused(() => engine.moveActivity('agent-1', 'act-ann-1', { requestId: bobRequest }), 'other-customer');
    });

    it('R29 an activity matched to the wrong customer moves to another customer, with its task', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      const moved = engine.moveActivityToCustomer('agent-1', task.activityId, 'cust-bob');
      expect(moved.customerId).to.equal('cust-bob');
      const request = engine.getRequest(moved.requestId!);
      expect(request.customerId).to.equal('cust-bob');
      expect(request.status).to.equal('open');
      expect(engine.getTask(task.id).customerId).to.equal('cust-bob');
    });
  });

  describe('customers (R10, R11, R20, R27)', () => {
    it('R27 an unknown contact is a new customer; Create makes the record and files the activity (R4)', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(STRANGER));
      expect(task.customerId).to.equal(null);
      expect(task.contact).to.deep.equal(STRANGER);
      expect(engine.getActivity(task.activityId).requestId).to.equal(null);
      const customer = engine.createCustomer('agent-1', task.id, STRANGER);
      expect(engine.getTask(task.id).customerId).to.equal(customer.id);
      const journey = engine.getJourney(customer.id);
      expect(journey.requests).to.have.length(1);
      expect(journey.activities.map((a) => a.id)).to.deep.equal([task.activityId]);
      expect(journey.activities[0]?.requestId).to.equal(journey.requests[0]?.id);
      expectRefused(() => engine.createCustomer('agent-1', task.id, STRANGER), 'customer-exists');
    });

    it('R10 invalid email or phone is refused with a clear message', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(STRANGER));
      const error = expectKind(() => engine.createCustomer('agent-1', task.id, { name: 'Dana', email: 'not-an-email', phone: 'abc' }), 'validation');
      expect(error.issues.map((i) => i.code)).to.deep.equal(['invalid-email', 'invalid-phone']);
    });

    it('R11 Close ends the interaction and the activity', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', call(ANN));
      const closed = engine.closeTask('agent-1', task.id);
      expect(closed.state).to.equal('closed');
      const activity = engine.getActivity(task.activityId);
      expect(activity.endedAt).to.be.a('number');
      expect(activity.call?.endedAt).to.equal(activity.endedAt);
      expect(engine.snapshot('agent-1').tasks).to.have.length(0);
    });

    it('R20 comments belong to their activity, oldest first', () => {
      const { engine, clock } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      engine.addComment('agent-1', task.activityId, 'First');
      clock.advance(MINUTE);
      engine.addComment('agent-1', task.activityId, 'Second');
      expect(engine.getComments(task.activityId).map((c) => c.text)).to.deep.equal(['First', 'Second']);
      expect(engine.getComments('act-ann-1')).to.deep.equal([]);
    });
  });

  describe('chat and events (R15)', () => {
    it('R15 customer and agent messages form the chat transcript', () => {
      const { engine } = makeEngine();
      const task = acceptPicked(engine, 'agent-1', chat(ANN));
      engine.customerSays(task.activityId, 'Are you there?');
      engine.sendChatMessage('agent-1', task.activityId, 'Yes, <b>hi</b>');
      const lines = engine.getTranscript(task.activityId);
      expect(lines.map((m) => [m.from, m.text])).to.deep.equal([
        ['customer', 'Hello, I need help'],
        ['customer', 'Are you there?'],
        ['agent', 'Yes, <b>hi</b>'],
      ]);
      expect(lines[2]?.authorName).to.equal('Alex Morgan');
    });

    it('R6 other agents hear every change with its new version and who made it', () => {
      const { engine } = makeEngine();
      const heard: EngineEvent[] = [];
      engine.subscribe((e) => heard.push(e));
      acceptPicked(engine, 'agent-1', chat(ANN));
      const c = engine.updateCustomer('agent-1', 'cust-ann', 1, { name: 'Ann B. Lee' });
      const last = heard.at(-1);
      expect(last?.type).to.equal('customer');
      if (last?.type !== 'customer') return;
      expect(last.customer.version).to.equal(c.version);
      expect(last.changedBy).to.deep.equal({ id: 'agent-1', name: 'Alex Morgan' });
    });

    it('events are copies: a listener cannot change the engine’s data', () => {
      const { engine } = makeEngine();
      engine.subscribe((e) => {
        if (e.type === 'task') e.task.state = 'closed';
      });
      const task = engine.receive(chat(ANN, 'q-backlog'));
      expect(engine.getTask(task.id).state).to.equal('queued');
    });
  });
});
