/** The contract's N3 and N6 cases: idempotent appends, and moves that conflict like edits. */
import { CONTRACT_WORLD as W } from './contract-seed.js';
import { type ContractWorld, check, fails, same, show, signal } from './contract-world.js';

type Register = (title: string, body: (w: ContractWorld) => Promise<void>) => void;

/** Registers the cases through the suite's `test`, so each gets a fresh backend. */
export function nothingLostCases(test: Register): void {
  const ann = W.customer.id;
  const one = W.agents.one.id;
  const two = W.agents.two.id;

  test('N3 an append sent again with its key makes one comment, one chat line, one request', async (w) => {
    const agent = await w.agent(one);
    const task = await w.inProgress(agent);
    const t = agent.transport;
    const activityId = task.activityId;
    const before = (await t.getComments(activityId, signal())).length;
    const comments = [];
    for (let i = 0; i < 3; i++) comments.push(await t.addComment(activityId, 'Called back', signal(), 'key-comment-0001'));
    same(new Set(comments.map((c) => c.id)).size, 1, 'comment ids answered to one key');
    same((await t.getComments(activityId, signal())).length, before + 1, 'comments after three sends with one key');

    const lines = (await t.getTranscript(activityId, signal())).length;
    for (let i = 0; i < 3; i++) await t.sendChatMessage(activityId, 'One moment please', signal(), 'key-chat-0000001');
    same((await t.getTranscript(activityId, signal())).length, lines + 1, 'chat lines after three sends with one key');

    const requests = (await t.getJourney(ann, signal())).requests.length;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await t.createRequest(ann, { title: 'Broken lid', description: '' }, signal(), 'key-request-0001'));
    same(new Set(made.map((r) => r.id)).size, 1, 'request ids answered to one key');
    same((await t.getJourney(ann, signal())).requests.length, requests + 1, 'requests after three creates with one key');

    // Without a key, or with another, each call is its own append.
    await t.addComment(activityId, 'Called back', signal(), 'key-comment-0002');
    same((await t.getComments(activityId, signal())).length, before + 2, 'comments after a second key');
  });

  test('N3 a key reused for a different append is a validation error, not a silent replay', async (w) => {
    const agent = await w.agent(one);
    const task = await w.inProgress(agent);
    await agent.transport.addComment(task.activityId, 'First', signal(), 'key-shared-00001');
    const reuse = agent.transport.sendChatMessage(task.activityId, 'Second', signal(), 'key-shared-00001');
    const { issues } = await fails(reuse, 'validation', 'a chat line reusing a comment’s key');
    check(issues.some((i) => i.field === 'idempotencyKey'), `issues name the key: ${show(issues)}`);
  });

  test('N6 a move based on a stale version is a conflict carrying the activity now; the first move stands', async (w) => {
    const mine = await w.agent(one);
    const theirs = await w.agent(two);
    await w.inProgress(mine);
    const seen = await mine.transport.getActivity(W.openActivity, signal());
    // Agent two takes the same customer's next chat, so it may change Ann's records too (R25), and moves first.
    await w.inProgress(theirs);
    const first = await theirs.transport.moveActivity(W.openActivity, { newRequest: { title: 'Moved first', description: '' } }, signal(), seen.version);
    const stale = mine.transport.moveActivity(W.openActivity, { newRequest: { title: 'Moved second', description: '' } }, signal(), seen.version);
    const error = await fails(stale, 'conflict', 'the second move with the version both saw');
    check(error.conflict, 'the conflict detail is present');
    same(error.conflict.entity, 'activity', 'conflict.entity');
    same((error.conflict.current as { requestId?: string }).requestId, first.request.id, 'conflict.current shows the first move');
    same((await mine.transport.getActivity(W.openActivity, signal())).requestId, first.request.id, 'the activity stays where the first mover put it');

  });
}
