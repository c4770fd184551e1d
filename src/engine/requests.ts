import { CareError } from '../model/errors.js';
import { AUTO_CLOSE_MS, FIELD_MAX } from '../model/limits.js';
import { isReadOnly, lastTouched, mostRecentOpenRequest, readOnlyMessage } from '../model/rules.js';
import type { Activity, CareRequest, Id, RequestFields, RequestPatch } from '../model/types.js';
import { validateNewRequest, validateRequestFields } from '../model/validation.js';
import { nfcFields } from '../model/text.js';
import type { TimerHandle } from './clock.js';
import { truncate, type EngineContext } from './context.js';
import { assertValid } from './permissions.js';

/** Requests: adding, editing, resolving, and closing by themselves after 5 quiet days (R4, R18, R21, R28). */
export class Requests {
  private readonly closeTimers = new Map<Id, TimerHandle>();

  constructor(private readonly ctx: EngineContext) {}

  /**
   * Adds a request for a new problem; it needs a title (R21). With
   * `activityId`, that activity moves into it (R29's "to a new request").
   */
  create(agentId: Id, customerId: Id, fields: RequestFields, activityId?: Id): CareRequest {
    fields = nfcFields(fields); // N5: text is stored composed
    this.ctx.records.customer(customerId);
    this.ctx.permissions.customerInProgress(agentId, customerId);
    assertValid(validateNewRequest(fields));
    if (activityId !== undefined) {
      return this.ctx.activities.move(agentId, activityId, { newRequest: fields }).request;
    }
    const request = this.insert(customerId, fields, agentId);
    this.ctx.emit({ type: 'request', request, changedBy: this.ctx.ref(agentId) });
    return request;
  }

  /**
   * Saves a request's title or description, resolves it, or reopens a
   * resolved one (X9: its R18 countdown starts again). Refused when the
   * request is closed, or resolved and not being reopened (R28), when the
   * task is not in progress (R25), and as a conflict when `expectedVersion`
   * is stale (R6).
   */
  update(agentId: Id, requestId: Id, expectedVersion: number, patch: RequestPatch): CareRequest {
    patch = nfcFields(patch); // N5
    const request = this.ctx.records.request(requestId);
    this.ctx.permissions.customerInProgress(agentId, request.customerId);
    this.ctx.permissions.version('request', request, expectedVersion);
    const reopen = patch.status === 'open' && request.status === 'resolved';
    if (isReadOnly(request) && !reopen) throw CareError.refused('read-only', readOnlyMessage(request.status));
    assertValid(validateRequestFields(patch));
    if (patch.title !== undefined) request.title = patch.title;
    if (patch.description !== undefined) request.description = patch.description;
    if (reopen) {
      request.status = 'open';
      delete request.completedAt;
      this.touch(request, agentId);
    } else if (patch.status === 'resolved') {
      request.status = 'resolved';
      request.completedAt = this.ctx.now();
      this.cancelAutoClose(request.id);
      this.ctx.bump(request, agentId);
    } else {
      this.touch(request, agentId);
    }
    this.ctx.emit({ type: 'request', request, changedBy: this.ctx.ref(agentId) });
    return request;
  }

  /** Stores a new open request and starts its R18 countdown; the caller validates and announces it. */
  insert(customerId: Id, fields: RequestFields, agentId: Id): CareRequest {
    const now = this.ctx.now();
    const request: CareRequest = {
      id: this.ctx.records.newId('req'),
      version: 1,
      customerId,
      // A guard only: callers validate, but R4's title comes unchecked from an activity's summary.
      title: truncate(fields.title, FIELD_MAX),
      description: fields.description,
      status: 'open',
      createdAt: now,
      updatedAt: now,
      updatedBy: agentId,
    };
    this.ctx.records.requests.set(request.id, request);
    this.scheduleAutoClose(request, now);
    return request;
  }

  /** R4: the activity joins the customer's most recent open request, or a new request titled after it. */
  attach(activity: Activity, customerId: Id, agentId: Id): void {
    const open = mostRecentOpenRequest(this.ctx.records.requestsOf(customerId));
    const request = open ?? this.insert(customerId, { title: activity.summary, description: '' }, agentId);
    activity.requestId = request.id;
    activity.customerId = customerId;
    this.ctx.bump(activity, agentId);
    this.touch(request, agentId);
  }

  /** R18: (re)starts the 5-day countdown from the latest change of the request or its activities. */
  touch(request: CareRequest, agentId?: Id): void {
    this.ctx.bump(request, agentId);
    if (request.status === 'open') this.scheduleAutoClose(request, request.updatedAt);
  }

  /** An activity changed: its open request counts as changed too (R18), and says so. */
  touchOf(activity: Activity, agentId: Id): void {
    const request = activity.requestId === null ? undefined : this.ctx.records.requests.get(activity.requestId);
    if (request && request.status === 'open') {
      this.touch(request, agentId);
      this.ctx.emit({ type: 'request', request, changedBy: this.ctx.ref(agentId) });
    }
  }

  /** Starts the countdown of every open request, from when it or its activities last changed (after loading a seed). */
  scheduleAll(): void {
    const activities = [...this.ctx.records.activities.values()];
    for (const request of this.ctx.records.requests.values()) {
      if (request.status === 'open') this.scheduleAutoClose(request, lastTouched(request, activities));
    }
  }

  dispose(): void {
    for (const timer of this.closeTimers.values()) this.ctx.clock.clearTimeout(timer);
    this.closeTimers.clear();
  }

  private scheduleAutoClose(request: CareRequest, touchedAt: number): void {
    this.cancelAutoClose(request.id);
    const delay = touchedAt + AUTO_CLOSE_MS - this.ctx.now();
    this.closeTimers.set(
      request.id,
      this.ctx.clock.setTimeout(() => this.autoClose(request.id), delay),
    );
  }

  private cancelAutoClose(requestId: Id): void {
    const timer = this.closeTimers.get(requestId);
    if (timer !== undefined) this.ctx.clock.clearTimeout(timer);
    this.closeTimers.delete(requestId);
  }

  private autoClose(requestId: Id): void {
    this.closeTimers.delete(requestId);
    const request = this.ctx.records.requests.get(requestId);
    if (!request || request.status !== 'open') return;
    request.status = 'closed';
    request.completedAt = this.ctx.now();
    this.ctx.bump(request);
    // Nobody changed it: the clock did.
    delete request.updatedBy;
    this.ctx.emit({ type: 'request', request });
  }
}
