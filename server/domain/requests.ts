/**
 * Requests in SQL: adding, editing, resolving, joining an activity to one
 * (R4), and R18's deadline, which every change moves and every instance
 * sweeps (B3). Mirrors src/engine/requests.ts rule for rule.
 */
import { CareError } from '../../src/model/errors.js';
import { AUTO_CLOSE_MS, FIELD_MAX } from '../../src/model/limits.js';
import { isReadOnly, readOnlyMessage } from '../../src/model/rules.js';
import type { Activity, CareRequest, Id, RequestFields, RequestPatch } from '../../src/model/types.js';
import { validateNewRequest, validateRequestFields } from '../../src/model/validation.js';
import { REQUEST_COLUMNS, toRequest } from '../db/rows.js';
import { assertValid, checkVersion, customerInProgress } from './access.js';
import type { Change } from './change.js';
import * as records from './records.js';
import { nfcFields, truncate } from '../../src/model/text.js';

/** Adds a request for a new problem; it needs a title (R21). */
export async function createRequest(c: Change, customerId: Id, fields: RequestFields): Promise<CareRequest> {
  await records.customer(c.tx, customerId);
  await customerInProgress(c.tx, c.by!, customerId);
  assertValid(validateNewRequest(fields));
  const request = await insertRequest(c, customerId, fields);
  c.entity({ kind: 'request', value: request });
  return request;
}

/** Saves a request's text, resolves it, or reopens a resolved one (R6, R7, R25, R28, X9: its R18 countdown starts again). */
export async function updateRequest(c: Change, requestId: Id, expectedVersion: number, patch: RequestPatch): Promise<CareRequest> {
  patch = nfcFields(patch); // N5
  const current = await records.request(c.tx, requestId, 'lock');
  await customerInProgress(c.tx, c.by!, current.customerId);
  await checkVersion(c.tx, 'request', current, expectedVersion);
  const reopen = patch.status === 'open' && current.status === 'resolved';
  if (isReadOnly(current) && !reopen) throw CareError.refused('read-only', readOnlyMessage(current.status));
  assertValid(validateRequestFields(patch));
  const resolve = patch.status === 'resolved';
  const row = await c.tx.one(
    `UPDATE requests r SET title = coalesce($2, title), description = coalesce($3, description),
       status = CASE WHEN $4 THEN 'resolved' WHEN $9 THEN 'open' ELSE status END,
       completed_at = CASE WHEN $4 THEN $5 WHEN $9 THEN NULL ELSE completed_at END,
       auto_close_at = CASE WHEN $4 THEN NULL ELSE $5 + $6::bigint END,
       version = version + 1, updated_at = $5, updated_by = $7
     WHERE r.id = $1 AND r.version = $8 RETURNING ${REQUEST_COLUMNS}`,
    [requestId, patch.title ?? null, patch.description ?? null, resolve, c.now, AUTO_CLOSE_MS, c.by, expectedVersion, reopen],
  );
  const request = toRequest(row as Record<string, unknown>);
  c.entity({ kind: 'request', value: request });
  return request;
}

/** Stores a new open request with its R18 deadline; the caller validates and announces it. */
export async function insertRequest(c: Change, customerId: Id, fields: RequestFields): Promise<CareRequest> {
  fields = nfcFields(fields); // N5: text is stored composed, as the engine stores it
  const id = await records.newId(c.tx, 'req');
  const row = await c.tx.one(
    `INSERT INTO requests AS r (id, customer_id, title, description, status, created_at, updated_at, updated_by, auto_close_at)
     VALUES ($1, $2, $3, $4, 'open', $5, $5, $6, $5 + $7::bigint) RETURNING ${REQUEST_COLUMNS}`,
    // A guard only: callers validate, but R4's title comes unchecked from an activity's summary.
    [id, customerId, truncate(fields.title, FIELD_MAX), fields.description, c.now, c.by, AUTO_CLOSE_MS],
  );
  return toRequest(row as Record<string, unknown>);
}

/** R18: a change to the request or its activities bumps it and restarts its 5-day countdown. */
export async function touchRequest(c: Change, requestId: Id): Promise<CareRequest> {
  const row = await c.tx.one(
    `UPDATE requests r SET version = version + 1, updated_at = $2, updated_by = $3,
       auto_close_at = CASE WHEN status = 'open' THEN $2 + $4::bigint ELSE NULL END
     WHERE r.id = $1 RETURNING ${REQUEST_COLUMNS}`,
    [requestId, c.now, c.by, AUTO_CLOSE_MS],
  );
  if (!row) throw CareError.notFound('request', requestId);
  return toRequest(row as Record<string, unknown>);
}

/** An activity changed: its open request counts as changed too (R18), and says so. */
export async function touchRequestOf(c: Change, activity: Activity): Promise<void> {
  if (activity.requestId === null) return;
  const request = await records.request(c.tx, activity.requestId, 'lock');
  if (request.status !== 'open') return;
  c.entity({ kind: 'request', value: await touchRequest(c, request.id) });
}

/**
 * R4: the activity joins the customer's most recent open request (latest
 * created, ties to the later update), or a new request titled after it.
 * Returns the request, touched; the caller announces both.
 */
export async function attachActivity(c: Change, activity: Activity, customerId: Id): Promise<{ activity: Activity; request: CareRequest }> {
  const open = await c.tx.one<{ id: string }>(
    `SELECT id FROM requests WHERE customer_id = $1 AND status = 'open'
     ORDER BY created_at DESC, updated_at DESC LIMIT 1 FOR UPDATE`,
    [customerId],
  );
  const request = open ? await touchRequest(c, open.id) : await insertRequest(c, customerId, { title: activity.summary, description: '' });
  const moved = await records.setActivity(c, activity.id, { requestId: request.id, customerId });
  return { activity: moved, request };
}

/** R18: closes every open request whose deadline has passed, a batch at a time; each instance takes different rows (B3). */
export async function closeExpiredRequests(c: Change, limit = 100): Promise<number> {
  const rows = await c.tx.rows(
    `UPDATE requests r SET status = 'closed', completed_at = $1, auto_close_at = NULL,
       version = version + 1, updated_at = $1, updated_by = NULL
     WHERE r.id IN (SELECT id FROM requests WHERE status = 'open' AND auto_close_at <= $1
                    ORDER BY auto_close_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING ${REQUEST_COLUMNS}`,
    [c.now, limit],
  );
  // Nobody changed it: the clock did.
  for (const row of rows) c.entity({ kind: 'request', value: toRequest(row as Record<string, unknown>) });
  return rows.length;
}
