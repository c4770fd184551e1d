/** Tags and moves in SQL (R9, R16, R21, R29; N6). Mirrors src/engine/activities.ts. */
import { CareError } from '../../src/model/errors.js';
import { isReadOnly, moveRefusal, type MoveRefusal } from '../../src/model/rules.js';
import type { Activity, CareRequest, Id, MoveTarget } from '../../src/model/types.js';
import { normaliseTag, tagKey, validateNewRequest, validateTag } from '../../src/model/validation.js';
import { TASK_COLUMNS, toTask } from '../db/rows.js';
import { activityInProgress, assertValid, checkVersion, editableActivity } from './access.js';
import type { Change } from './change.js';
import * as records from './records.js';
import { attachActivity, insertRequest, touchRequest, touchRequestOf } from './requests.js';

const MOVE_MESSAGES: Record<MoveRefusal, string> = {
  'source-closed': 'This activity belongs to a closed request and cannot be moved.',
  'target-closed': 'Activities cannot be moved into a closed or resolved request.',
  'same-request': 'The activity is already in this request.',
  'other-customer': 'That request belongs to another customer; use “Move to another customer”.',
};

/** Adds a tag (R9). The primary key on the normalised tag makes a duplicate impossible even between two agents at once. */
export async function addTag(c: Change, activityId: Id, text: string): Promise<Activity> {
  const activity = await editableActivity(c.tx, c.by!, activityId);
  assertValid(validateTag(text, activity.tags));
  const tag = normaliseTag(text);
  const added = await c.tx.rows(
    'INSERT INTO activity_tags (activity_id, tag, tag_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING tag',
    [activityId, tag, tagKey(tag)],
  );
  // Another agent added the same tag a moment ago: the same duplicate the model reports.
  if (!added.length) assertValid(validateTag(text, [...activity.tags, tag]));
  return changed(c, activity);
}

/** Removes a tag, matched regardless of case. */
export async function removeTag(c: Change, activityId: Id, tag: string): Promise<Activity> {
  const activity = await editableActivity(c.tx, c.by!, activityId);
  const gone = await c.tx.rows('DELETE FROM activity_tags WHERE activity_id = $1 AND tag_key = $2 RETURNING tag', [activityId, tagKey(tag)]);
  if (!gone.length) throw CareError.notFound('tag', tag);
  return changed(c, activity);
}

async function changed(c: Change, activity: Activity): Promise<Activity> {
  const updated = await records.setActivity(c, activity.id);
  await touchRequestOf(c, updated);
  c.entity({ kind: 'activity', value: updated });
  return updated;
}

/**
 * Moves an activity to another open request of its customer or to a new
 * one (R16, R21, R29). With `expectedVersion`, a move based on an older
 * version of the activity conflicts like an edit (N6).
 */
export async function moveActivity(
  c: Change,
  activityId: Id,
  target: MoveTarget,
  expectedVersion?: number,
): Promise<{ activity: Activity; request: CareRequest }> {
  const activity = await records.activity(c.tx, activityId, 'lock');
  await activityInProgress(c.tx, c.by!, activity);
  if (expectedVersion !== undefined) await checkVersion(c.tx, 'activity', activity, expectedVersion);
  if (activity.customerId === null) throw CareError.refused('customer-required', 'Create the customer before filing this activity in a request.');
  // Both requests are locked in id order, so two moves in opposite directions take turns instead of deadlocking.
  const ids = [activity.requestId, 'requestId' in target ? target.requestId : null].filter((x): x is Id => x !== null).sort();
  await c.tx.rows('SELECT id FROM requests WHERE id = ANY($1) ORDER BY id FOR UPDATE', [ids]);
  const source = activity.requestId === null ? undefined : await records.request(c.tx, activity.requestId);
  const existing = 'requestId' in target ? await records.request(c.tx, target.requestId) : undefined;
  const refusal = moveRefusal(activity, source, existing);
  if (refusal) throw CareError.refused(refusal, MOVE_MESSAGES[refusal]);
  let destination = existing;
  if (!destination && 'newRequest' in target) {
    assertValid(validateNewRequest(target.newRequest));
    destination = await insertRequest(c, activity.customerId, target.newRequest);
  }
  if (!destination) throw CareError.refused('invalid-state', 'Say where the activity should go.');
  const moved = await records.setActivity(c, activityId, { requestId: destination.id });
  const request = await touchRequest(c, destination.id);
  if (source) c.entity({ kind: 'request', value: await touchRequest(c, source.id) });
  c.entity({ kind: 'request', value: request });
  c.entity({ kind: 'activity', value: moved });
  return { activity: moved, request };
}

/** Moves an activity matched to the wrong customer (R29); its in-progress task follows it. */
export async function moveToCustomer(c: Change, activityId: Id, customerId: Id, expectedVersion?: number): Promise<Activity> {
  const activity = await records.activity(c.tx, activityId, 'lock');
  await activityInProgress(c.tx, c.by!, activity);
  if (expectedVersion !== undefined) await checkVersion(c.tx, 'activity', activity, expectedVersion);
  const target = await records.customer(c.tx, customerId);
  if (activity.customerId === customerId) throw CareError.refused('same-request', 'The activity already belongs to this customer.');
  const source = activity.requestId === null ? undefined : await records.request(c.tx, activity.requestId, 'lock');
  if (source && isReadOnly(source)) throw CareError.refused('source-closed', MOVE_MESSAGES['source-closed']);
  if (source) c.entity({ kind: 'request', value: await touchRequest(c, source.id) });
  const { activity: moved, request } = await attachActivity(c, activity, target.id);
  const tasks = await c.tx.rows(
    `SELECT ${TASK_COLUMNS} FROM tasks k WHERE k.activity_id = $1 AND k.state <> 'closed' FOR UPDATE OF k`,
    [activityId],
  );
  for (const row of tasks) {
    const before = toTask(row as Record<string, unknown>);
    const updated = await c.tx.one(
      `UPDATE tasks k SET customer_id = $2, version = version + 1, updated_at = $3, updated_by = $4 WHERE k.id = $1 RETURNING ${TASK_COLUMNS}`,
      [before.id, target.id, c.now, c.by],
    );
    c.task(toTask(updated as Record<string, unknown>), 'reassigned', before);
  }
  c.entity({ kind: 'request', value: request });
  c.entity({ kind: 'activity', value: moved });
  return moved;
}
