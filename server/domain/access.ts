/**
 * Who may change what, checked inside the transaction that makes the change
 * (R6, R25, R28), with the same messages as the embedded engine's.
 */
import { CareError, type ConflictDetail } from '../../src/model/errors.js';
import { isReadOnly } from '../../src/model/rules.js';
import type { Activity, EntityKind, Id, Task, Versioned } from '../../src/model/types.js';
import type { ValidationIssue } from '../../src/model/validation.js';
import type { Tx } from '../db/pool.js';
import * as records from './records.js';

const NOT_IN_PROGRESS = 'Accept a task for this customer before changing their records.';

/** R25: customer data changes only while one of the agent's tasks for that customer is in progress. */
export async function customerInProgress(tx: Tx, agentId: Id, customerId: Id): Promise<void> {
  const row = await tx.one(
    "SELECT 1 FROM tasks WHERE state = 'accepted' AND accepted_by = $1 AND customer_id = $2 LIMIT 1",
    [agentId, customerId],
  );
  if (!row) throw CareError.refused('not-in-progress', NOT_IN_PROGRESS);
}

/** R25 for activities: the activity's customer is in progress, or it is the task's own activity. */
export async function activityInProgress(tx: Tx, agentId: Id, activity: Activity): Promise<void> {
  const row = await tx.one(
    `SELECT 1 FROM tasks WHERE state = 'accepted' AND accepted_by = $1
       AND (activity_id = $2 OR ($3::text IS NOT NULL AND customer_id = $3)) LIMIT 1`,
    [agentId, activity.id, activity.customerId],
  );
  if (!row) throw CareError.refused('not-in-progress', NOT_IN_PROGRESS);
}

/** R25 and R28: an activity in progress for the agent whose request (if any) is still open; locked. */
export async function editableActivity(tx: Tx, agentId: Id, activityId: Id): Promise<Activity> {
  const activity = await records.activity(tx, activityId, 'lock');
  await activityInProgress(tx, agentId, activity);
  await inOpenRequest(tx, activity);
  return activity;
}

/** R28: an activity of a resolved or closed request takes no change, comments included (X9). */
export async function inOpenRequest(tx: Tx, activity: Activity): Promise<void> {
  if (activity.requestId === null) return;
  const request = await records.request(tx, activity.requestId);
  if (isReadOnly(request)) {
    throw CareError.refused('read-only', `This activity belongs to a ${request.status} request and can no longer be changed.`);
  }
}

/** A task the agent has accepted and not yet closed; locked. */
export async function ownTask(tx: Tx, agentId: Id, taskId: Id): Promise<Task> {
  const task = await records.task(tx, taskId, 'lock');
  if (task.state !== 'accepted' || task.acceptedBy !== agentId) {
    throw CareError.refused('not-in-progress', 'This task is not in progress for you.');
  }
  return task;
}

/** R6 (B5): a change based on an older version is a conflict carrying the record as it is now and who changed it. */
export async function checkVersion(tx: Tx, kind: EntityKind, entity: Versioned, expectedVersion: number): Promise<void> {
  if (entity.version === expectedVersion) return;
  const changer = entity.updatedBy
    ? await tx.one<{ id: string; name: string }>('SELECT id, name FROM agents WHERE id = $1', [entity.updatedBy])
    : undefined;
  const conflict: ConflictDetail = { entity: kind, id: entity.id, expectedVersion, actualVersion: entity.version, current: entity };
  if (changer) conflict.changedBy = { id: changer.id, name: changer.name };
  throw new CareError({
    kind: 'conflict',
    conflict,
    message: changer ? `${changer.name} changed this ${kind} while you were editing it.` : `This ${kind} changed while you were editing it.`,
  });
}

/** Refuses input the model's validation found fault with. */
export function assertValid(issues: ValidationIssue[]): void {
  if (issues.length) throw CareError.validation(issues);
}
