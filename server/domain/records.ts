/**
 * Reading one record inside a transaction, locked (`FOR UPDATE`) when the
 * caller will change it, or a `not-found` error. Row locks taken here are
 * what make two agents' changes to one record take turns.
 */
import { CareError } from '../../src/model/errors.js';
import type { Activity, Agent, CareRequest, Customer, Id, Task } from '../../src/model/types.js';
import type { Tx } from '../db/pool.js';
import type { Change } from './change.js';
import {
  ACTIVITY_COLUMNS, AGENT_COLUMNS, CUSTOMER_COLUMNS, REQUEST_COLUMNS, TASK_COLUMNS,
  toActivity, toAgent, toCustomer, toRequest, toTask,
} from '../db/rows.js';

type Lock = 'lock' | 'read';
const suffix = (lock: Lock) => (lock === 'lock' ? ' FOR UPDATE' : '');

async function found<T>(row: object | undefined, kind: string, id: Id, map: (r: Record<string, unknown>) => T): Promise<T> {
  if (!row) throw CareError.notFound(kind, id);
  return map(row as Record<string, unknown>);
}

export async function customer(tx: Tx, id: Id, lock: Lock = 'read'): Promise<Customer> {
  return found(await tx.one(`SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = $1${suffix(lock)}`, [id]), 'customer', id, toCustomer);
}

export async function request(tx: Tx, id: Id, lock: Lock = 'read'): Promise<CareRequest> {
  return found(await tx.one(`SELECT ${REQUEST_COLUMNS} FROM requests r WHERE r.id = $1${suffix(lock)}`, [id]), 'request', id, toRequest);
}

export async function activity(tx: Tx, id: Id, lock: Lock = 'read'): Promise<Activity> {
  const sql = `SELECT ${ACTIVITY_COLUMNS} FROM activities a WHERE a.id = $1${lock === 'lock' ? ' FOR UPDATE OF a' : ''}`;
  return found(await tx.one(sql, [id]), 'activity', id, toActivity);
}

export async function task(tx: Tx, id: Id, lock: Lock = 'read'): Promise<Task> {
  return found(await tx.one(`SELECT ${TASK_COLUMNS} FROM tasks k WHERE k.id = $1${lock === 'lock' ? ' FOR UPDATE OF k' : ''}`, [id]), 'task', id, toTask);
}

export async function agent(tx: Tx, id: Id, lock: Lock = 'read'): Promise<Agent> {
  return found(await tx.one(`SELECT ${AGENT_COLUMNS} FROM agents g WHERE g.id = $1${lock === 'lock' ? ' FOR UPDATE OF g' : ''}`, [id]), 'agent', id, toAgent);
}

/** The task that produced an activity, if any. */
export async function taskOf(tx: Tx, activityId: Id, lock: Lock = 'read'): Promise<Task | undefined> {
  const row = await tx.one(`SELECT ${TASK_COLUMNS} FROM tasks k WHERE k.activity_id = $1 ORDER BY k.received_at DESC LIMIT 1${lock === 'lock' ? ' FOR UPDATE OF k' : ''}`, [activityId]);
  return row ? toTask(row as Record<string, unknown>) : undefined;
}

/**
 * A fresh id for a new record, unique across every instance. The `s` keeps
 * it apart from seeded ids (`act-1`, `com-12`: decimal counters), as the
 * engine's `e1` infix does.
 */
export async function newId(tx: Tx, kind: string): Promise<Id> {
  const row = await tx.one<{ n: number }>("SELECT nextval('record_ids') AS n");
  return `${kind}-s${row!.n.toString(36)}`;
}

/** Fields of an activity other parts change; each change bumps its version (R6). */
export interface ActivityChanges {
  requestId?: Id;
  customerId?: Id;
  ended?: boolean;
  callConnected?: boolean;
}

/** Changes an activity (or only bumps it, with no changes) and returns it as it is now. */
export async function setActivity(c: Change, id: Id, changes: ActivityChanges = {}): Promise<Activity> {
  const row = await c.tx.one(
    `UPDATE activities a SET request_id = coalesce($2, request_id), customer_id = coalesce($3, customer_id),
       ended_at = CASE WHEN $4 THEN coalesce(ended_at, $6) ELSE ended_at END,
       call_ended_at = CASE WHEN $4 AND media = 'call' THEN coalesce(call_ended_at, $6) ELSE call_ended_at END,
       call_connected_at = CASE WHEN $5 AND media = 'call' THEN $6 ELSE call_connected_at END,
       version = version + 1, updated_at = $6, updated_by = $7
     WHERE a.id = $1 RETURNING ${ACTIVITY_COLUMNS}`,
    [id, changes.requestId ?? null, changes.customerId ?? null, changes.ended ?? false, changes.callConnected ?? false, c.now, c.by],
  );
  if (!row) throw CareError.notFound('activity', id);
  return toActivity(row as Record<string, unknown>);
}
