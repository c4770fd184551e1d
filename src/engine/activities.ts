import { CareError } from '../model/errors.js';
import { FIELD_MAX } from '../model/limits.js';
import { displayName, isReadOnly, moveRefusal, type MoveRefusal } from '../model/rules.js';
import type { Activity, CareRequest, ChatMessage, ChatSender, Comment, Id, MoveTarget } from '../model/types.js';
import { normaliseTag, tagKey, validateComment, validateMessage, validateNewRequest, validateTag } from '../model/validation.js';
import { nfc, nfcFields } from '../model/text.js';
import { truncate, type EngineContext } from './context.js';
import { assertValid } from './permissions.js';

const MOVE_MESSAGES: Record<MoveRefusal, string> = {
  'source-closed': 'This activity belongs to a closed request and cannot be moved.',
  'target-closed': 'Activities cannot be moved into a closed or resolved request.',
  'same-request': 'The activity is already in this request.',
  'other-customer': 'That request belongs to another customer; use “Move to another customer”.',
};

/** What happens within an activity: tags, comments, moves and chat (R9, R15, R16, R20, R29). */
export class Activities {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * Adds a tag (R9): within TAG_MAX characters, unique on the activity regardless
   * of case. Tags are a set, so concurrent tagging merges instead of conflicting.
   */
  addTag(agentId: Id, activityId: Id, text: string): Activity {
    const activity = this.ctx.permissions.editableActivity(agentId, activityId);
    assertValid(validateTag(text, activity.tags));
    activity.tags.push(normaliseTag(text));
    return this.changed(activity, agentId);
  }

  /** Removes a tag (matched regardless of case). */
  removeTag(agentId: Id, activityId: Id, tag: string): Activity {
    const activity = this.ctx.permissions.editableActivity(agentId, activityId);
    const key = tagKey(tag);
    const before = activity.tags.length;
    activity.tags = activity.tags.filter((t) => tagKey(t) !== key);
    if (activity.tags.length === before) throw CareError.notFound('tag', tag);
    return this.changed(activity, agentId);
  }

  /**
   * Adds a comment (R20, R23). Comments are notes about the interaction, so
   * they may go on any activity of the customer in progress, even in a closed
   * request, and do not reopen it.
   */
  addComment(agentId: Id, activityId: Id, text: string): Comment {
    text = nfc(text); // N5: text is stored composed
    // R28 holds for comments too (X9): a resolved or closed request's activities take none.
    this.ctx.permissions.editableActivity(agentId, activityId);
    assertValid(validateComment(text));
    const agent = this.ctx.records.agent(agentId);
    const comment: Comment = {
      id: this.ctx.records.newId('com'),
      activityId,
      authorId: agentId,
      authorName: agent.name,
      text,
      createdAt: this.ctx.now(),
    };
    this.ctx.records.addComment(comment);
    this.ctx.emit({ type: 'comment', comment });
    return comment;
  }

  /**
   * Moves an activity to another open request of the same customer or to a
   * new request, which needs a title (R16, R21, R29). Never into or out of a
   * closed or resolved request; an activity without a request can be moved into one.
   * With `expectedVersion`, a stale one is a conflict (N6).
   */
  move(agentId: Id, activityId: Id, target: MoveTarget, expectedVersion?: number): { activity: Activity; request: CareRequest } {
    const activity = this.ctx.records.activity(activityId);
    this.ctx.permissions.activityInProgress(agentId, activity);
    // N6: a move based on an older version conflicts like an edit, so the first mover is never silently undone.
    if (expectedVersion !== undefined) this.ctx.permissions.version('activity', activity, expectedVersion);
    if (activity.customerId === null) {
      throw CareError.refused('customer-required', 'Create the customer before filing this activity in a request.');
    }
    const source = activity.requestId === null ? undefined : this.ctx.records.request(activity.requestId);
    const existing = 'requestId' in target ? this.ctx.records.request(target.requestId) : undefined;
    const refusal = moveRefusal(activity, source, existing);
    if (refusal) throw CareError.refused(refusal, MOVE_MESSAGES[refusal]);
    let destination = existing;
    if (!destination && 'newRequest' in target) {
      assertValid(validateNewRequest(target.newRequest));
      destination = this.ctx.requests.insert(activity.customerId, nfcFields(target.newRequest), agentId);
    }
    if (!destination) throw CareError.refused('invalid-state', 'Say where the activity should go.');
    activity.requestId = destination.id;
    this.ctx.bump(activity, agentId);
    this.ctx.requests.touch(destination, agentId);
    if (source) {
      this.ctx.requests.touch(source, agentId);
      this.ctx.emit({ type: 'request', request: source, changedBy: this.ctx.ref(agentId) });
    }
    this.ctx.emit({ type: 'request', request: destination, changedBy: this.ctx.ref(agentId) });
    this.ctx.emit({ type: 'activity', activity, changedBy: this.ctx.ref(agentId) });
    return { activity, request: destination };
  }

  /**
   * Moves an activity that was matched to the wrong customer (R29). It joins
   * the other customer's most recent open request or a new one (R4); an
   * in-progress task of that activity follows it.
   */
  moveToCustomer(agentId: Id, activityId: Id, customerId: Id, expectedVersion?: number): Activity {
    const activity = this.ctx.records.activity(activityId);
    this.ctx.permissions.activityInProgress(agentId, activity);
    if (expectedVersion !== undefined) this.ctx.permissions.version('activity', activity, expectedVersion);
    const target = this.ctx.records.customer(customerId);
    if (activity.customerId === customerId) {
      throw CareError.refused('same-request', 'The activity already belongs to this customer.');
    }
    const source = activity.requestId === null ? undefined : this.ctx.records.request(activity.requestId);
    if (source && isReadOnly(source)) throw CareError.refused('source-closed', MOVE_MESSAGES['source-closed']);
    if (source) {
      this.ctx.requests.touch(source, agentId);
      this.ctx.emit({ type: 'request', request: source, changedBy: this.ctx.ref(agentId) });
    }
    this.ctx.requests.attach(activity, target.id, agentId);
    for (const task of this.ctx.records.tasks.values()) {
      if (task.activityId === activityId && task.state !== 'closed') {
        task.customerId = target.id;
        this.ctx.bump(task, agentId);
        this.ctx.emit({ type: 'task', task, cause: 'reassigned' });
      }
    }
    const request = this.ctx.records.request(activity.requestId as Id);
    this.ctx.emit({ type: 'request', request, changedBy: this.ctx.ref(agentId) });
    this.ctx.emit({ type: 'activity', activity, changedBy: this.ctx.ref(agentId) });
    return activity;
  }

  /** The agent writes in a chat it has accepted (R15). */
  sendChatMessage(agentId: Id, activityId: Id, text: string): ChatMessage {
    text = nfc(text); // N5
    const task = this.ctx.records.taskOf(activityId);
    if (!task || task.media !== 'chat') throw CareError.notFound('chat', activityId);
    this.ctx.permissions.ownTask(agentId, task.id);
    assertValid(validateMessage(text));
    return this.appendMessage(activityId, 'agent', this.ctx.records.agent(agentId).name, text);
  }

  /** The customer writes in a running chat (the simulator, or a test). */
  customerSays(activityId: Id, text: string): ChatMessage {
    const activity = this.ctx.records.activity(activityId);
    if (activity.media !== 'chat' || activity.endedAt !== undefined) {
      throw CareError.refused('invalid-state', 'This chat has ended.');
    }
    const customer = activity.customerId ? this.ctx.records.customers.get(activity.customerId) : undefined;
    const task = this.ctx.records.taskOf(activityId);
    // Customers are not refused: what they type too much is cut, as a chat widget would.
    return this.appendMessage(activityId, 'customer', displayName(customer ?? task?.contact), truncate(text, FIELD_MAX));
  }

  /** Adds a line to an activity's transcript (R15) and announces it. */
  appendMessage(activityId: Id, from: ChatSender, authorName: string, text: string): ChatMessage {
    const message: ChatMessage = { id: this.ctx.records.newId('msg'), activityId, from, authorName, text, at: this.ctx.now() };
    this.ctx.records.addMessage(message);
    this.ctx.emit({ type: 'chat-message', message });
    return message;
  }

  /** A tag changed: the activity and its open request count as changed (R18). */
  private changed(activity: Activity, agentId: Id): Activity {
    this.ctx.bump(activity, agentId);
    this.ctx.requests.touchOf(activity, agentId);
    this.ctx.emit({ type: 'activity', activity, changedBy: this.ctx.ref(agentId) });
    return activity;
  }
}
