/** Chat lines and comments: appended, never edited (R15, R20). */
import { CareError } from '../../src/model/errors.js';
import { FIELD_MAX } from '../../src/model/limits.js';
import { displayName } from '../../src/model/rules.js';
import { nfc, truncate } from '../../src/model/text.js';
import type { ChatMessage, ChatSender, Comment, Id } from '../../src/model/types.js';
import { validateComment, validateMessage } from '../../src/model/validation.js';
import { COMMENT_COLUMNS, MESSAGE_COLUMNS, toComment, toMessage } from '../db/rows.js';
import { activityInProgress, assertValid, inOpenRequest, ownTask } from './access.js';
import type { Change } from './change.js';
import * as records from './records.js';

/** Adds a line to an activity's transcript (R15) and announces it. */
export async function appendMessage(c: Change, activityId: Id, from: ChatSender, authorName: string, text: string): Promise<ChatMessage> {
  text = nfc(text); // N5: text is stored composed, as the engine stores it
  const id = await records.newId(c.tx, 'msg');
  const row = await c.tx.one(
    `INSERT INTO chat_messages AS m (id, activity_id, sender, author_name, text, at) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${MESSAGE_COLUMNS}`,
    [id, activityId, from, authorName, text, c.now],
  );
  const message = toMessage(row as Record<string, unknown>);
  c.record({ type: 'chat-message', message }, { activityId });
  return message;
}

/** The agent writes in a chat it has accepted (R15). */
export async function sendChatMessage(c: Change, activityId: Id, text: string): Promise<ChatMessage> {
  const task = await records.taskOf(c.tx, activityId);
  if (!task || task.media !== 'chat') throw CareError.notFound('chat', activityId);
  await ownTask(c.tx, c.by!, task.id);
  assertValid(validateMessage(text));
  return appendMessage(c, activityId, 'agent', c.actor!.name, text);
}

/** The customer writes in a running chat (the inbound endpoint); too long is cut, as a chat widget would. */
export async function customerSays(c: Change, activityId: Id, text: string): Promise<ChatMessage> {
  const activity = await records.activity(c.tx, activityId);
  if (activity.media !== 'chat' || activity.endedAt !== undefined) throw CareError.refused('invalid-state', 'This chat has ended.');
  const customer = activity.customerId ? await records.customer(c.tx, activity.customerId) : undefined;
  const task = await records.taskOf(c.tx, activityId);
  return appendMessage(c, activityId, 'customer', displayName(customer ?? task?.contact), truncate(text, FIELD_MAX));
}

/** Adds a comment on any activity of a customer in progress, even in a closed request (R20, R23). */
export async function addComment(c: Change, activityId: Id, text: string): Promise<Comment> {
  text = nfc(text); // N5
  const activity = await records.activity(c.tx, activityId);
  await activityInProgress(c.tx, c.by!, activity);
  await inOpenRequest(c.tx, activity); // R28 holds for comments too (X9)
  assertValid(validateComment(text));
  const id = await records.newId(c.tx, 'com');
  const row = await c.tx.one(
    `INSERT INTO comments AS m (id, activity_id, author_id, author_name, text, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${COMMENT_COLUMNS}`,
    [id, activityId, c.by, c.actor!.name, text, c.now],
  );
  const comment = toComment(row as Record<string, unknown>);
  c.record({ type: 'comment-added', comment }, { activityId });
  return comment;
}
