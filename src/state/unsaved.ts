/** Whether anything the agent typed is not saved or sent yet (X8, N1, N3): what a leave-page prompt asks about. */
import type { Id } from '../model/types.js';
import { effectiveEdits } from './drafts.js';
import { UNSENT_KINDS as UNSENT, type CareState, type Draft, type DraftKind } from './types.js';

const KINDS: readonly DraftKind[] = ['customer', 'request'];

/** Whether the agent has typed anything not saved or sent: edits that differ from the record, unsent text, a new-customer form. */
export function hasUnsaved(s: CareState): boolean {
  if (s.outbox.length) return true;
  if (UNSENT.some((kind) => Object.values(s.unsent[kind]).some((text) => text.trim() !== ''))) return true;
  const changed = Object.entries(s.newCustomers).some(([taskId, fields]) => {
    const contact = s.tasks.get(taskId)?.contact;
    return !contact || fields.name !== contact.name || fields.email !== contact.email || fields.phone !== contact.phone;
  });
  if (changed) return true;
  return KINDS.some((kind) =>
    Object.values(s.drafts[kind] as Record<Id, Draft>).some((draft) => {
      const saved = kind === 'customer' ? s.customers.get(draft.id) : s.requests.get(draft.id);
      return saved ? Object.keys(effectiveEdits(kind, saved as never, draft.values as never)).length > 0 : Object.keys(draft.values).length > 0;
    }),
  );
}

