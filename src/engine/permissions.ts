import { CareError, type ConflictDetail } from '../model/errors.js';
import { isReadOnly } from '../model/rules.js';
import type { Activity, EntityKind, Id, Task, Versioned } from '../model/types.js';
import type { ValidationIssue } from '../model/validation.js';
import type { EngineContext } from './context.js';
import { clone } from './records.js';

const NOT_IN_PROGRESS = 'Accept a task for this customer before changing their records.';

/** Who may change what, and whether the change was based on the latest version (R6, R25, R28). */
export class Permissions {
  constructor(private readonly ctx: EngineContext) {}

  /** R25: customer data changes only while one of the agent's tasks for that customer is in progress. */
  customerInProgress(agentId: Id, customerId: Id): void {
    this.ctx.records.agent(agentId);
    for (const task of this.ctx.records.tasks.values()) {
      if (task.state === 'accepted' && task.acceptedBy === agentId && task.customerId === customerId) return;
    }
    throw CareError.refused('not-in-progress', NOT_IN_PROGRESS);
  }

  /** R25 for activities: the activity's customer is in progress, or it is the task's own activity. */
  activityInProgress(agentId: Id, activity: Activity): void {
    this.ctx.records.agent(agentId);
    for (const task of this.ctx.records.tasks.values()) {
      if (task.state !== 'accepted' || task.acceptedBy !== agentId) continue;
      if (task.activityId === activity.id) return;
      if (activity.customerId !== null && task.customerId === activity.customerId) return;
    }
    throw CareError.refused('not-in-progress', NOT_IN_PROGRESS);
  }

  /** R25 and R28: an activity in progress for the agent whose request (if any) is still open. */
  editableActivity(agentId: Id, activityId: Id): Activity {
    const activity = this.ctx.records.activity(activityId);
    this.activityInProgress(agentId, activity);
    const request = activity.requestId === null ? undefined : this.ctx.records.requests.get(activity.requestId);
    if (request && isReadOnly(request)) {
      throw CareError.refused('read-only', `This activity belongs to a ${request.status} request and can no longer be changed.`);
    }
    return activity;
  }

  /** A task the agent has accepted and not yet closed. */
  ownTask(agentId: Id, taskId: Id): Task {
    this.ctx.records.agent(agentId);
    const task = this.ctx.records.task(taskId);
    if (task.state !== 'accepted' || task.acceptedBy !== agentId) {
      throw CareError.refused('not-in-progress', 'This task is not in progress for you.');
    }
    return task;
  }

  /** R6: a change based on an older version is a conflict carrying the record as it is now. */
  version(kind: EntityKind, entity: Versioned, expectedVersion: number): void {
    if (entity.version === expectedVersion) return;
    const changer = entity.updatedBy ? this.ctx.records.agents.get(entity.updatedBy) : undefined;
    const conflict: ConflictDetail = {
      entity: kind,
      id: entity.id,
      expectedVersion,
      actualVersion: entity.version,
      current: clone(entity),
    };
    if (changer) conflict.changedBy = { id: changer.id, name: changer.name };
    throw new CareError({
      kind: 'conflict',
      conflict,
      message: changer
        ? `${changer.name} changed this ${kind} while you were editing it.`
        : `This ${kind} changed while you were editing it.`,
    });
  }
}

/** Refuses input the model's validation found fault with, as a `validation` error with its issues. */
export function assertValid(issues: ValidationIssue[]): void {
  if (issues.length) throw CareError.validation(issues);
}
