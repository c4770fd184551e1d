/** Customers in SQL: creating one for a task, editing, and searching (R6, R10, R25, R27, R29). */
import { CareError } from '../../src/model/errors.js';
import { SEARCH_RESULTS_MAX } from '../../src/model/limits.js';
import type { ContactFields, Customer, Id } from '../../src/model/types.js';
import { validateCustomerFields } from '../../src/model/validation.js';
import { nfcFields } from '../../src/model/text.js';
import type { Tx } from '../db/pool.js';
import { CUSTOMER_COLUMNS, TASK_COLUMNS, toCustomer, toTask } from '../db/rows.js';
import { assertValid, checkVersion, customerInProgress, ownTask } from './access.js';
import type { Change } from './change.js';
import * as records from './records.js';
import { attachActivity } from './requests.js';

/** Creates the customer of an in-progress task that has none (R10, R27); its activity joins a new request (R4). */
export async function createCustomer(c: Change, taskId: Id, fields: ContactFields): Promise<Customer> {
  fields = nfcFields(fields); // N5: text is stored composed, as the engine stores it
  const before = await ownTask(c.tx, c.by!, taskId);
  if (before.customerId !== null) throw CareError.refused('customer-exists', 'This task already has a customer.');
  assertValid(validateCustomerFields(fields));
  const id = await records.newId(c.tx, 'cust');
  const row = await c.tx.one(
    `INSERT INTO customers AS c (id, name, email, phone, created_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $5, $6)
     RETURNING ${CUSTOMER_COLUMNS}`,
    [id, fields.name.trim(), fields.email.trim(), fields.phone.trim(), c.now, c.by],
  );
  const customer = toCustomer(row as Record<string, unknown>);
  const taskRow = await c.tx.one(
    `UPDATE tasks k SET customer_id = $2, version = version + 1, updated_at = $3, updated_by = $4 WHERE k.id = $1 RETURNING ${TASK_COLUMNS}`,
    [taskId, id, c.now, c.by],
  );
  const { activity, request } = await attachActivity(c, await records.activity(c.tx, before.activityId, 'lock'), id);
  c.entity({ kind: 'customer', value: customer });
  c.entity({ kind: 'request', value: request });
  c.entity({ kind: 'activity', value: activity });
  c.task(toTask(taskRow as Record<string, unknown>), 'accepted', before);
  return customer;
}

/** Saves customer fields; a stale `expectedVersion` is a conflict (R6, B5), checked again in the UPDATE itself. */
export async function updateCustomer(c: Change, customerId: Id, expectedVersion: number, patch: Partial<ContactFields>): Promise<Customer> {
  patch = nfcFields(patch); // N5
  const current = await records.customer(c.tx, customerId, 'lock');
  await customerInProgress(c.tx, c.by!, customerId);
  await checkVersion(c.tx, 'customer', current, expectedVersion);
  assertValid(validateCustomerFields(patch));
  const row = await c.tx.one(
    `UPDATE customers c SET name = coalesce($2, name), email = coalesce($3, email), phone = coalesce($4, phone),
       version = version + 1, updated_at = $5, updated_by = $6
     WHERE c.id = $1 AND c.version = $7 RETURNING ${CUSTOMER_COLUMNS}`,
    [customerId, patch.name?.trim() ?? null, patch.email?.trim() ?? null, patch.phone?.trim() ?? null, c.now, c.by, expectedVersion],
  );
  const customer = toCustomer(row as Record<string, unknown>);
  c.entity({ kind: 'customer', value: customer });
  return customer;
}

/** Customers whose name, email or phone contains the query (R29's "search for one"). */
export async function searchCustomers(tx: Tx, query: string): Promise<Customer[]> {
  const needle = query.trim().toLocaleLowerCase();
  const digits = query.replace(/\D/g, '');
  if (!needle) return [];
  const rows = await tx.rows(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers c
     WHERE strpos(lower(c.name), $1) > 0 OR strpos(lower(c.email), $1) > 0
        OR (length($2) >= 3 AND strpos(regexp_replace(c.phone, '\\D', '', 'g'), $2) > 0)
     ORDER BY c.created_at, c.id LIMIT $3`,
    [needle, digits, SEARCH_RESULTS_MAX],
  );
  return rows.map((r) => toCustomer(r as Record<string, unknown>));
}
