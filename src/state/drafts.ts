/** Pure helpers for drafts (R6): the agent's unsaved edits kept apart from saved records. */
import type { AgentRef, Id } from '../model/types.js';
import { nfc } from '../model/text.js';
import { validateCustomerFields, validateRequestFields } from '../model/validation.js';
import type { Draft, DraftFieldsByKind, DraftKind, DraftRecordByKind, DraftView } from './types.js';

/** The fields each kind of draft edits, plus what else makes a save impossible (a request's status). */
const WATCHED: { [K in DraftKind]: readonly string[] } = {
  customer: ['name', 'email', 'phone'],
  request: ['title', 'description', 'status'],
};

const EDITABLE: { [K in DraftKind]: readonly (keyof DraftFieldsByKind[K])[] } = {
  customer: ['name', 'email', 'phone'],
  request: ['title', 'description'],
};

export function draftKey(kind: DraftKind, id: Id): string {
  return `${kind}:${id}`;
}

/** Whether two versions of a record differ in anything a draft of it cares about. */
export function watchedFieldsDiffer(kind: DraftKind, a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return WATCHED[kind].some((field) => x[field] !== y[field]);
}

/** Keeps only edits that differ from the saved record, so an edit typed back to the saved value is not "unsaved". */
export function effectiveEdits<K extends DraftKind>(
  kind: K,
  saved: DraftRecordByKind[K],
  values: Partial<DraftFieldsByKind[K]>,
): Partial<DraftFieldsByKind[K]> {
  const out: Partial<DraftFieldsByKind[K]> = {};
  for (const field of EDITABLE[kind] as (keyof DraftFieldsByKind[K])[]) {
    const value = values[field];
    // Text that differs only in composition (NFD against the saved NFC) is no edit (N5).
    if (value !== undefined && nfcOf(value) !== (saved as unknown as DraftFieldsByKind[K])[field]) out[field] = value;
  }
  return out;
}

/**
 * How a draft stands after its record changed remotely (R6). If the change
 * touched none of the fields the draft edits (a tag added elsewhere bumps a
 * request's version too), the draft quietly moves onto the new version;
 * otherwise it keeps the agent's text and records the conflict.
 */
export function rebaseOrConflict<K extends DraftKind>(
  draft: Draft<K>,
  before: DraftRecordByKind[K] | undefined,
  after: DraftRecordByKind[K],
  changedBy: AgentRef | undefined,
): Draft<K> {
  if (after.version <= draft.baseVersion) return draft;
  if (before && before.version >= draft.baseVersion && !watchedFieldsDiffer(draft.kind, before, after) && !draft.conflict) {
    return { ...draft, baseVersion: after.version };
  }
  const conflict: NonNullable<Draft<K>['conflict']> = changedBy ? { current: after, changedBy } : { current: after };
  return { ...draft, conflict };
}

/** The editor's view of a record and its draft. */
export function viewOf<K extends DraftKind>(kind: K, saved: DraftRecordByKind[K], draft: Draft<K> | undefined): DraftView<K> {
  const values = { ...pickFields(kind, saved), ...(draft?.values ?? {}) } as DraftFieldsByKind[K];
  const edits = draft ? effectiveEdits(kind, saved, draft.values) : {};
  const issues = kind === 'customer' ? validateCustomerFields(edits as Partial<DraftFieldsByKind['customer']>) : validateRequestFields(edits);
  const view: DraftView<K> = {
    kind,
    id: saved.id,
    saved,
    values,
    dirty: Object.keys(edits).length > 0,
    saving: draft?.saving ?? false,
    issues,
  };
  if (draft?.conflict) view.conflict = draft.conflict;
  // A draft based on an older version than the record now (restored after a reload, N1, or met on a resync)
  // conflicts like a live change would (R6): the agent chooses, nothing is saved over silently.
  else if (draft && view.dirty && saved.version > draft.baseVersion) view.conflict = { current: saved };
  if (draft?.stash) view.stash = draft.stash;
  if (draft?.error) view.error = draft.error;
  return view;
}

function pickFields<K extends DraftKind>(kind: K, saved: DraftRecordByKind[K]): DraftFieldsByKind[K] {
  const record = saved as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of EDITABLE[kind] as string[]) out[field] = record[field];
  return out as unknown as DraftFieldsByKind[K];
}

const nfcOf = (value: unknown): unknown => (typeof value === 'string' ? nfc(value) : value);
