/** The contract's cases for what a mature desk does beyond the seed rules (X2, and R5 with offers). */
import { DECLINE_COOLDOWN_MS, OFFER_TIMEOUT_MS } from '../model/limits.js';
import { CONTRACT_WORLD as W } from './contract-seed.js';
import { type AgentSession, type ContractWorld, check, fails, like, same, signal } from './contract-world.js';

type Register = (title: string, body: (w: ContractWorld) => Promise<void>) => void;

/** The agent's status as the backend holds it now, read through a fresh connect. */
async function statusOf(session: AgentSession): Promise<string> {
  return (await session.transport.connect(signal())).agent.status;
}

/** Registers the cases through the suite's `test`, so each gets a fresh backend; `timeRules` adds those that move the clock. */
export function deskCases(test: Register, timeRules: boolean): void {
  const one = W.agents.one.id;
  const two = W.agents.two.id;

  test('X2 a declined offer goes to the next Ready agent at once; the agent who declined stays Ready', async (w) => {
    const [mine, theirs] = [await w.agent(one), await w.agent(two)];
    await mine.transport.setStatus('ready', signal());
    const pushed = await w.receive('chat', W.pushChatQueue);
    const offered = await mine.next('task-offered', (e) => e.task.id === pushed.id, 'task-offered to agent-1');
    same(offered.task.preview, 'Hello, I need help', 'the offer previews the first message (task.preview)');
    await theirs.transport.setStatus('ready', signal());
    const declined = await mine.transport.declineTask(pushed.id, signal());
    check(declined.offeredTo !== one, 'declineTask resolves with the task no longer offered to the agent');
    const revoked = await mine.next('task-revoked', (e) => e.task.id === pushed.id, 'task-revoked');
    same(revoked.reason, 'declined', 'task-revoked.reason');
    await theirs.next('task-offered', (e) => e.task.id === pushed.id, 'task-offered to agent-2');
    same(await statusOf(mine), 'ready', 'the status of the agent who declined');
  });

  test('X2 declining a task not offered to the agent is refused (not-offered)', async (w) => {
    const mine = await w.agent(one);
    const queued = await w.receive('chat');
    await fails(mine.transport.declineTask(queued.id, signal()), 'refused', 'declining a queued pick task', 'not-offered');
  });

  test('R5 taking a call withdraws a call still offered to the agent, who stays Ready', async (w) => {
    const mine = await w.agent(one);
    await mine.transport.setStatus('ready', signal());
    const ringing = await w.receive('call', W.pushCallQueue);
    await mine.next('task-offered', (e) => e.task.id === ringing.id, 'task-offered (the call)');
    const picked = await w.receive('call');
    await mine.transport.acceptTask(picked.id, signal());
    const revoked = await mine.next('task-revoked', (e) => e.task.id === ringing.id, 'task-revoked (the offered call)');
    same(revoked.reason, 'withdrawn', 'task-revoked.reason');
    if (w.backend.advance) {
      await w.backend.advance(OFFER_TIMEOUT_MS);
      same(await statusOf(mine), 'ready', 'the status 15 minutes after taking the call (no R13)');
    }
  });

  test('X3 Not Ready carries the agent’s reason; another reason starts the status again; Ready clears it', async (w) => {
    const mine = await w.agent(one);
    const t = mine.transport;
    await t.setStatus('ready', signal());
    const lunch = await t.setStatus('not-ready', signal(), '  Lunch\u200B ');
    same(lunch.status, 'not-ready', 'status');
    same(lunch.notReadyReason, 'Lunch', 'notReadyReason, trimmed and without invisible characters');
    same(lunch.statusReason, 'manual', 'statusReason');
    await mine.next('agent-changed', (e) => e.agent.notReadyReason === 'Lunch', 'agent-changed with the reason');
    if (w.backend.advance) await w.backend.advance(60_000);
    const training = await t.setStatus('not-ready', signal(), 'Training');
    same(training.notReadyReason, 'Training', 'the new reason');
    check(training.version > lunch.version, 'another reason is a change (version bumped)');
    if (w.backend.advance) check(training.statusSince > lunch.statusSince, 'another reason starts the status timer again');
    same((await t.setStatus('not-ready', signal(), 'Training')).version, training.version, 'the same reason again changes nothing');
    const ready = await t.setStatus('ready', signal());
    same(ready.notReadyReason, undefined, 'Ready carries no reason');
    const long = await t.setStatus('not-ready', signal(), 'x'.repeat(300));
    check([...(long.notReadyReason ?? '')].length <= 60, 'a reason is cut to 60 characters');
  });

  test('X9 R28 comments on a closed request’s activity are refused; a closed request cannot be reopened', async (w) => {
    const mine = await w.agent(one);
    await w.inProgress(mine);
    const t = mine.transport;
    await fails(t.addComment(W.closedActivity, 'Late note', signal()), 'refused', 'commenting in a closed request', 'read-only');
    const closed = await t.getRequest(W.closedRequest, signal());
    await fails(t.updateRequest(closed.id, closed.version, { status: 'open' }, signal()), 'refused', 'reopening a closed request', 'read-only');
  });

  test('X9 a resolved request is read-only, comments included, until it is reopened', async (w) => {
    const mine = await w.agent(one);
    const task = await w.inProgress(mine);
    const t = mine.transport;
    const open = await t.getRequest(W.openRequest, signal());
    const resolved = await t.updateRequest(open.id, open.version, { status: 'resolved' }, signal());
    same(resolved.status, 'resolved', 'status after resolving');
    check(resolved.completedAt !== undefined, 'a resolved request carries completedAt');
    const activity = (await t.getJourney(W.customer.id, signal())).activities.find((a) => a.requestId === open.id && a.id === task.activityId);
    check(activity, 'the task’s activity joined the open request (R4)');
    await fails(t.addComment(activity.id, 'After resolving', signal()), 'refused', 'commenting in a resolved request', 'read-only');
    await fails(t.updateRequest(open.id, resolved.version, { title: 'Changed' }, signal()), 'refused', 'editing a resolved request', 'read-only');
    const reopened = await t.updateRequest(open.id, resolved.version, { status: 'open' }, signal());
    same(reopened.status, 'open', 'status after reopening');
    same(reopened.completedAt, undefined, 'a reopened request has no completedAt');
    check(reopened.version > resolved.version, 'reopening bumps the version');
    await t.addComment(activity.id, 'Reopened: the refund bounced', signal());
  });

  test('X4 a new contact is linked to an existing customer: the activity joins their open request and the task follows', async (w) => {
    const mine = await w.agent(one);
    const stranger = await w.backend.receive({
      media: 'chat',
      contact: { name: 'Ann Lee', email: 'ann.lee@work.example', phone: '' },
      opening: 'Hi, it is Ann from my work address',
      queueId: W.pickQueue,
    });
    same(stranger.customerId, null, 'an unmatched contact has no customer (R27)');
    const task = await mine.transport.acceptTask(stranger.id, signal());
    const activity = await mine.transport.moveActivityToCustomer(task.activityId, W.customer.id, signal());
    same(activity.customerId, W.customer.id, 'the activity’s customer');
    same(activity.requestId, W.openRequest, 'the activity joined the customer’s open request (R4)');
    await mine.next('task-changed', (e) => e.task.id === task.id && e.task.customerId === W.customer.id, 'task-changed (the task follows)');
    const customers = await mine.transport.searchCustomers('ann.lee@work', signal());
    same(customers.length, 0, 'no customer was made for the contact');
  });

  test('X7 canned responses come in order with their placeholders unfilled (getCannedResponses)', async (w) => {
    const mine = await w.agent(one);
    const canned = await mine.transport.getCannedResponses(signal());
    same(JSON.stringify(canned), JSON.stringify(W.canned), 'the canned responses');
    canned[0]!.text = 'changed';
    same((await mine.transport.getCannedResponses(signal()))[0]!.text, W.canned[0].text, 'a copy each time');
  });

  test('X5 transfer targets list every queue and the other agents with their status', async (w) => {
    const mine = await w.agent(one);
    const targets = await mine.transport.getTransferTargets(signal());
    check([W.pickQueue, W.pushChatQueue, W.pushCallQueue].every((id) => targets.queues.some((q) => q.id === id)), 'every queue is a target');
    same(JSON.stringify(targets.agents), JSON.stringify([{ id: two, name: W.agents.two.name, status: 'not-ready' }]), 'the other agents');
  });

  test('X5 a task transferred to a queue leaves the agent, is routed there, keeps its request and carries the note', async (w) => {
    const [mine, theirs] = [await w.agent(one), await w.agent(two)];
    const task = await w.inProgress(mine);
    const filed = (await mine.transport.getActivity(task.activityId, signal())).requestId;
    await theirs.transport.setStatus('ready', signal());
    const moved = await mine.transport.transferTask(task.id, { queueId: W.pushChatQueue }, 'Billing question, card ends 4242', signal());
    check(moved.acceptedBy === undefined && moved.queueId === W.pushChatQueue, `the task left the agent for the queue: ${JSON.stringify(moved)}`);
    await mine.next('task-changed', (e) => e.task.id === task.id && e.task.acceptedBy === undefined, 'task-changed (it left the agent)');
    await theirs.next('task-offered', (e) => e.task.id === task.id, 'task-offered to the next agent');
    const comments = await theirs.transport.getComments(task.activityId, signal());
    check(comments.some((c) => c.text === 'Billing question, card ends 4242' && c.authorId === one), 'the note is a comment by the agent who transferred');
    await theirs.transport.acceptTask(task.id, signal());
    same((await theirs.transport.getActivity(task.activityId, signal())).requestId, filed, 'the activity kept its request');
  });

  test('X5 a task transferred to an agent is offered to them at once; a Not Ready agent is refused (agent-unavailable)', async (w) => {
    const [mine, theirs] = [await w.agent(one), await w.agent(two)];
    const task = await w.inProgress(mine);
    await fails(mine.transport.transferTask(task.id, { agentId: two }, '', signal()), 'refused', 'transferring to a Not Ready agent', 'agent-unavailable');
    await theirs.transport.setStatus('ready', signal());
    await mine.transport.transferTask(task.id, { agentId: two }, '', signal());
    await theirs.next('task-offered', (e) => e.task.id === task.id, 'task-offered to the agent');
    same((await theirs.transport.getComments(task.activityId, signal())).length, 0, 'an empty note adds no comment');
  });

  test('X6 a queue asking for a wrap-up refuses a close without a code from its list; the code and note stay on the task', async (w) => {
    const mine = await w.agent(one);
    const queues = (await mine.transport.connect(signal())).queues;
    same(JSON.stringify(queues.find((q) => q.id === W.pushCallQueue)?.wrapUp), JSON.stringify({ codes: W.wrapUpCodes, required: true, limitSeconds: W.wrapUpLimitS }), 'the queue’s wrap-up rule in the snapshot');
    await mine.transport.setStatus('ready', signal());
    const ringing = await w.receive('call', W.pushCallQueue);
    await mine.next('task-offered', (e) => e.task.id === ringing.id, 'task-offered (the call)');
    const task = await mine.transport.acceptTask(ringing.id, signal());
    await fails(mine.transport.closeTask(task.id, signal()), 'refused', 'closing without a wrap-up', 'wrap-up-required');
    await fails(mine.transport.closeTask(task.id, signal(), { code: 'Made up', note: '' }), 'refused', 'a code not in the list', 'wrap-up-required');
    const closed = await mine.transport.closeTask(task.id, signal(), { code: 'Follow-up', note: ' Call back on Monday ' });
    same(closed.state, 'closed', 'the task closed');
    same(JSON.stringify(closed.wrapUp), JSON.stringify({ code: 'Follow-up', note: 'Call back on Monday' }), 'task.wrapUp');
    const chat = await w.inProgress(mine);
    same((await mine.transport.closeTask(chat.id, signal())).wrapUp, undefined, 'a queue that asks nothing closes as before');
  });

  test('X6 starting wrap-up ends the call; the task stays the agent’s, with its deadline, until closed with a code', async (w) => {
    const mine = await w.agent(one);
    await mine.transport.setStatus('ready', signal());
    const ringing = await w.receive('call', W.pushCallQueue);
    await mine.next('task-offered', (e) => e.task.id === ringing.id, 'task-offered (the call)');
    const task = await mine.transport.acceptTask(ringing.id, signal());
    const wrapping = await mine.transport.startWrapUp(task.id, signal());
    like(wrapping, { state: 'accepted', acceptedBy: one }, 'the task in wrap-up');
    check(wrapping.wrapUpStartedAt !== undefined, 'task.wrapUpStartedAt is set');
    same(wrapping.wrapUpUntil, wrapping.wrapUpStartedAt! + W.wrapUpLimitS * 1000, 'task.wrapUpUntil (the queue’s limit after the start)');
    const activity = await mine.transport.getActivity(task.activityId, signal());
    check(activity.endedAt !== undefined && activity.call?.endedAt !== undefined, 'the call ended (activity.endedAt, call.endedAt)');
    same((await mine.transport.startWrapUp(task.id, signal())).version, wrapping.version, 'starting again changes nothing');
    await fails(mine.transport.transferTask(task.id, { queueId: W.pickQueue }, '', signal()), 'refused', 'transferring a task in wrap-up', 'invalid-state');
    const closed = await mine.transport.closeTask(task.id, signal(), { code: 'Resolved', note: '' });
    same(closed.state, 'closed', 'the task closed');
    same((await mine.transport.getActivity(task.activityId, signal())).endedAt, activity.endedAt, 'the call ended when wrap-up started, not at Close');
    const chat = await w.inProgress(mine);
    await fails(mine.transport.startWrapUp(chat.id, signal()), 'refused', 'wrap-up on a queue that asks for none', 'invalid-state');
  });

  if (!timeRules) return;

  test('X6 a wrap-up past its time limit closes by itself, without a code, and the agent hears it', async (w) => {
    check(w.backend.advance, 'timeRules needs backend.advance');
    const mine = await w.agent(one);
    await mine.transport.setStatus('ready', signal());
    const ringing = await w.receive('call', W.pushCallQueue);
    await mine.next('task-offered', (e) => e.task.id === ringing.id, 'task-offered (the call)');
    await mine.transport.acceptTask(ringing.id, signal());
    const wrapping = await mine.transport.startWrapUp(ringing.id, signal());
    const before = mine.events.length;
    await w.backend.advance(W.wrapUpLimitS * 1000 - 1000);
    check(!mine.events.slice(before).some((e) => e.type === 'task-changed' && e.task.state === 'closed'), 'closed before its time ran out');
    await w.backend.advance(1000);
    const heard = await mine.next('task-changed', (e) => e.task.id === ringing.id && e.task.state === 'closed', 'task-changed (closed)');
    same(heard.task.wrapUp, undefined, 'no wrap-up on a task whose time ran out');
    check(heard.task.closedAt! >= wrapping.wrapUpUntil!, 'closed at its deadline, not before');
    await fails(mine.transport.closeTask(ringing.id, signal(), { code: 'Resolved', note: '' }), 'refused', 'closing it afterwards', 'not-in-progress');
  });

  test('X2 a declined task nobody else takes is offered to the same agent again after the cool-down', async (w) => {
    check(w.backend.advance, 'timeRules needs backend.advance');
    const mine = await w.agent(one);
    await mine.transport.setStatus('ready', signal());
    const pushed = await w.receive('chat', W.pushChatQueue);
    await mine.next('task-offered', (e) => e.task.id === pushed.id, 'task-offered');
    await mine.transport.declineTask(pushed.id, signal());
    await mine.next('task-revoked', (e) => e.task.id === pushed.id, 'task-revoked');
    const before = mine.events.length;
    await w.backend.advance(DECLINE_COOLDOWN_MS - 1000);
    check(!mine.events.slice(before).some((e) => e.type === 'task-offered'), 'offered again before the cool-down ended');
    await w.backend.advance(1000);
    await mine.next('task-offered', (e) => e.task.id === pushed.id && mine.events.indexOf(e) >= before, 'task-offered again after the cool-down');
  });
}
