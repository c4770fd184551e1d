/** Customers and requests: new-customer forms, drafts kept apart from saved records, saves and conflicts (R6, R10, R21, R27). */
import { CareError } from '../../model/errors.js';
import type { CareRequest, ContactFields, Customer, Id, RequestFields } from '../../model/types.js';
import { validateCustomerFields, validateNewRequest, validateRequestFields } from '../../model/validation.js';
import type { EntityChange } from '../../transport/port.js';
import { nfc, nfcFields } from '../../model/text.js';
import type { StoreParts } from '../parts.js';
import { queueable } from './activities.js';
import { waitsForLink } from '../outbox.js';
import { effectiveEdits } from '../drafts.js';
import { recordOf, withDraft, withEntity, withTask } from '../transitions.js';
import type { CareState, Draft, DraftFieldsByKind, DraftKind, DraftRecordByKind, Result } from '../types.js';

type Send<K extends DraftKind> = (version: number, patch: Partial<DraftFieldsByKind[K]>, signal: AbortSignal) => Promise<DraftRecordByKind[K]>;

function savedOf<K extends DraftKind>(s: CareState, kind: K, id: Id): DraftRecordByKind[K] | undefined {
  return recordOf(s, kind, id) as DraftRecordByKind[K] | undefined;
}

function draftOf<K extends DraftKind>(s: CareState, kind: K, id: Id): Draft<K> | undefined {
  return s.drafts[kind][id] as Draft<K> | undefined;
}

export function editNewCustomer(parts: StoreParts, taskId: Id, patch: Partial<ContactFields>): void {
  const task = parts.container.value.tasks.get(taskId);
  if (!task) return;
  parts.container.update((s) => ({
    ...s,
    newCustomers: { ...s.newCustomers, [taskId]: { ...(s.newCustomers[taskId] ?? task.contact), ...patch } },
  }));
}

export async function createCustomer(parts: StoreParts, taskId: Id): Promise<Result<Customer>> {
  const { container, caller, transport } = parts;
  const task = container.value.tasks.get(taskId);
  if (!task) return { ok: false, error: CareError.notFound('task', taskId) };
  const fields = nfcFields(container.value.newCustomers[taskId] ?? task.contact); // N5: the agent's text enters composed
  const issues = validateCustomerFields(fields);
  if (issues.length) return { ok: false, error: CareError.validation(issues) };
  // One customer per task: every retry of this task's Create is the same append (N3).
  const result = await parts.intents.once(`customer ${taskId}`, (key) =>
    caller.run('createCustomer', (signal) => transport.createCustomer(taskId, fields, signal, key)),
  );
  if (result.ok) {
    const customer = result.value;
    const env = parts.noticeEnv();
    container.update((s) => {
      const next = withEntity(s, env, { kind: 'customer', value: customer });
      const { [taskId]: _, ...newCustomers } = next.newCustomers;
      const t = next.tasks.get(taskId);
      return t ? withTask({ ...next, newCustomers }, { ...t, customerId: customer.id }) : { ...next, newCustomers };
    });
  }
  return result;
}

export function saveCustomer(parts: StoreParts, customerId: Id): Promise<Result<Customer>> {
  const { transport } = parts;
  return save(parts, 'customer', customerId, (version, patch, signal) => transport.updateCustomer(customerId, version, patch, signal));
}

export function saveRequest(parts: StoreParts, requestId: Id): Promise<Result<CareRequest>> {
  const { transport } = parts;
  return save(parts, 'request', requestId, (version, patch, signal) => transport.updateRequest(requestId, version, patch, signal));
}

/** Resolves a request (R28) or reopens a resolved one (X9). */
export async function setRequestStatus(parts: StoreParts, requestId: Id, status: 'resolved' | 'open'): Promise<Result<CareRequest>> {
  const { container, caller, transport } = parts;
  const saved = container.value.requests.get(requestId);
  if (!saved) return { ok: false, error: CareError.notFound('request', requestId) };
  const result = await caller.run('updateRequest', (signal) => transport.updateRequest(requestId, saved.version, { status }, signal));
  if (result.ok) parts.take({ kind: 'request', value: result.value });
  return result;
}

/** A new request needs a title (R21); the backend is asked only when the fields are valid. */
export async function createRequest(parts: StoreParts, customerId: Id, fields: RequestFields): Promise<Result<CareRequest>> {
  fields = nfcFields(fields); // N5
  const issues = validateNewRequest(fields);
  if (issues.length) return { ok: false, error: CareError.validation(issues) };
  const { caller, transport } = parts;
  const command = { op: 'createRequest', customerId, fields } as const;
  const result = await queueable(parts, `request ${customerId} ${fields.title}\u0000${fields.description}`, command, (key) =>
    caller.run('createRequest', (signal) => transport.createRequest(customerId, fields, signal, key)),
  );
  if (result.ok) parts.take({ kind: 'request', value: result.value });
  return result;
}

export function edit<K extends DraftKind>(parts: StoreParts, kind: K, id: Id, patch: Partial<DraftFieldsByKind[K]>): void {
  parts.container.update((s) => {
    const saved = savedOf(s, kind, id);
    if (!saved) return s;
    const draft: Draft<K> = draftOf(s, kind, id) ?? { kind, id, baseVersion: saved.version, values: {}, saving: false };
    const { error: _, ...rest } = draft;
    return withDraft(s, kind, id, { ...rest, values: { ...draft.values, ...patch } });
  });
}

export function discard(parts: StoreParts, kind: DraftKind, id: Id): void {
  parts.container.update((s) => withDraft(s, kind, id, undefined));
}

/** Load (R6): shows the other agent's version; the agent's own text is put aside, not thrown away. */
export function loadTheirs(parts: StoreParts, kind: DraftKind, id: Id): void {
  updateDraft(parts, kind, id, (draft, saved) => {
    const mine = effectiveEdits(kind, saved, draft.values);
    const { conflict: _c, error: _e, ...rest } = draft;
    return { ...rest, baseVersion: saved.version, values: {}, stash: Object.keys(mine).length ? mine : draft.stash };
  });
}

export function restoreMine(parts: StoreParts, kind: DraftKind, id: Id): void {
  updateDraft(parts, kind, id, (draft, saved) => {
    const { stash, conflict: _c, error: _e, ...rest } = draft;
    return { ...rest, baseVersion: saved.version, values: { ...draft.values, ...(stash ?? {}) } };
  });
}

export function dismissStash(parts: StoreParts, kind: DraftKind, id: Id): void {
  updateDraft(parts, kind, id, (draft) => {
    const { stash: _, ...rest } = draft;
    return rest;
  });
}

/**
 * Sends the draft's effective edits on its base version. A conflict that
 * touched none of the edited fields rebases the draft and saves once more;
 * any other keeps the agent's text and records the conflict (R6).
 */
async function save<K extends DraftKind>(parts: StoreParts, kind: K, id: Id, send: Send<K>, attempt = 0): Promise<Result<DraftRecordByKind[K]>> {
  const { container, caller } = parts;
  const saved = savedOf(container.value, kind, id);
  const draft = draftOf(container.value, kind, id);
  if (!saved) return { ok: false, error: CareError.notFound(kind, id) };
  if (!draft) return { ok: true, value: saved };
  const edits = nfcFields(effectiveEdits(kind, saved, draft.values)); // N5: composed when sent, not while typed (an IME composes)
  const issues = kind === 'customer' ? validateCustomerFields(edits as Partial<ContactFields>) : validateRequestFields(edits);
  if (issues.length) return { ok: false, error: CareError.validation(issues) };
  if (!Object.keys(edits).length) {
    if (!draft.stash && !draft.conflict) discard(parts, kind, id);
    return { ok: true, value: saved };
  }
  updateDraft(parts, kind, id, (d) => ({ ...d, saving: true }));
  const operation = kind === 'customer' ? 'updateCustomer' : 'updateRequest';
  const result = (await caller.run(operation, (signal) => send(draft.baseVersion, edits, signal))) as Result<DraftRecordByKind[K]>;
  if (result.ok) {
    parts.take({ kind, value: result.value } as EntityChange);
    // Keep whatever the agent typed while the save was under way.
    updateDraft(parts, kind, id, (d) => {
      const sent = edits as Record<string, unknown>;
      const values = Object.fromEntries(Object.entries(d.values).filter(([field, value]) => sent[field] !== (typeof value === 'string' ? nfc(value) : value)));
      return { ...d, saving: false, baseVersion: result.value.version, values: values as Partial<DraftFieldsByKind[K]> };
    });
    const after = draftOf(container.value, kind, id);
    if (after && !Object.keys(after.values).length && !after.stash && !after.conflict) discard(parts, kind, id);
    return result;
  }
  if (waitsForLink(result.error, container.value) && !container.disposed) {
    // N3: the save waits in the outbox and is made with the draft as it is then, when the link is back.
    const values = draft.values as Partial<Record<string, string>>;
    const label = kind === 'customer' ? (values.name ?? (saved as Customer).name) : (values.title ?? (saved as CareRequest).title);
    const queued = parts.outbox.queue({ op: 'save', kind, id, label }, `save ${kind} ${id}`);
    updateDraft(parts, kind, id, (d) => ({ ...d, saving: false, error: queued }));
    return { ok: false, error: queued };
  }
  const error = result.error;
  const current = error.conflict?.current as DraftRecordByKind[K] | undefined;
  if (!current || error.conflict?.id !== id) {
    updateDraft(parts, kind, id, (d) => ({ ...d, saving: false, error }));
    return result;
  }
  updateDraft(parts, kind, id, (d) => ({ ...d, saving: false }));
  parts.take({ kind, value: current } as EntityChange, error.conflict.changedBy);
  const after = draftOf(container.value, kind, id);
  // The newer version changed none of the edited fields: the draft moved onto it, so save again once.
  if (after && !after.conflict && after.baseVersion === current.version && attempt === 0) return save(parts, kind, id, send, attempt + 1);
  updateDraft(parts, kind, id, (d) => {
    const conflict = error.conflict?.changedBy ? { current, changedBy: error.conflict.changedBy } : { current };
    return { ...d, conflict, error };
  });
  return result;
}

function updateDraft<K extends DraftKind>(parts: StoreParts, kind: K, id: Id, change: (draft: Draft<K>, saved: DraftRecordByKind[K]) => Draft<K>): void {
  parts.container.update((s) => {
    const draft = draftOf(s, kind, id);
    const saved = savedOf(s, kind, id);
    return draft && saved ? withDraft(s, kind, id, change(draft, saved)) : s;
  });
}
