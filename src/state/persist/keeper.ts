/**
 * N1: the agent's unsaved work survives a reload or a crash. Everything the
 * agent typed and has not saved (record drafts with the version they were
 * based on, new-customer forms, unsent chat lines, comments and tags) is
 * written to IndexedDB as it changes, one record per agent, and put back
 * when the same agent signs in again. A restored draft whose record moved on
 * meanwhile shows as an R6 conflict (see `viewOf`), never saved over it.
 * Loaded on demand, only by a store with the `persist` option.
 */
import type { ContactFields, Id } from '../../model/types.js';
import type { StateContainer } from '../container.js';
import type { OutboxCommand, OutboxItem } from '../outbox.js';
import type { StoreParts } from '../parts.js';
import { UNSENT_KINDS as UNSENT, unsentTables, type CareState, type Draft, type DraftKind, type UnsentKind } from '../types.js';

/** What is kept for one agent. */
export interface KeptWork {
  drafts: { [K in DraftKind]: Record<Id, { baseVersion: number; values: Record<string, string> }> };
  newCustomers: Record<Id, ContactFields>;
  /** Kinds an older kit did not know are missing. */
  unsent: Partial<Record<UnsentKind, Record<Id, string>>>;
  /** Commands waiting for the link (N3), without their passing state. */
  outbox?: (OutboxCommand & { key: string; at: number })[];
}

const KINDS: readonly DraftKind[] = ['customer', 'request'];
/** Nothing kept, as `keptOf` writes it. */
const NOTHING: KeptWork = { drafts: { customer: {}, request: {} }, newCustomers: {}, unsent: unsentTables(), outbox: [] };
/** Typing is written this long after the last key, so a burst of keys is one write. */
const WRITE_DELAY_MS = 150;

/** The agent's unsaved work in `s`, as kept. */
export function keptOf(s: CareState): KeptWork {
  const drafts: KeptWork['drafts'] = { customer: {}, request: {} };
  for (const kind of KINDS) {
    for (const [id, draft] of Object.entries(s.drafts[kind]) as [Id, Draft][]) {
      const values = Object.fromEntries(Object.entries(draft.values).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      if (Object.keys(values).length) drafts[kind][id] = { baseVersion: draft.baseVersion, values };
    }
  }
  const newCustomers: Record<Id, ContactFields> = {};
  for (const [taskId, fields] of Object.entries(s.newCustomers)) {
    const task = s.tasks.get(taskId);
    const contact = task?.contact;
    if (!contact || fields.name !== contact.name || fields.email !== contact.email || fields.phone !== contact.phone) newCustomers[taskId] = fields;
  }
  const outbox = s.outbox.map(({ state: _s, error: _e, scope: _k, ...command }) => command);
  return { drafts, newCustomers, unsent: unsentTables(s.unsent), outbox };
}

/** How many unsaved things `work` holds: what the leave-page prompt and the restore notice count. */
export function countKept(work: KeptWork): number {
  const count = (table: object) => Object.keys(table).length;
  const commands = work.outbox?.length ?? 0;
  return commands + count(work.drafts.customer) + count(work.drafts.request) + count(work.newCustomers) + UNSENT.reduce((n, kind) => n + count(work.unsent[kind] ?? {}), 0);
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 100_000;
const isTextTable = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isText);

function isCommand(c: Record<string, unknown>): boolean {
  if (typeof c !== 'object' || c === null || !isText(c.key) || typeof c.at !== 'number') return false;
  if (c.op === 'addComment' || c.op === 'sendChatMessage') return isText(c.activityId) && isText(c.text);
  if (c.op === 'addTag' || c.op === 'removeTag') return isText(c.activityId) && isText(c.tag);
  if (c.op === 'save') return (c.kind === 'customer' || c.kind === 'request') && isText(c.id) && isText(c.label);
  const fields = c.fields as Record<string, unknown> | undefined;
  return c.op === 'createRequest' && isText(c.customerId) && isTextTable(fields) && isText(fields.title) && isText(fields.description);
}

/** What was read back, if it is kept work: the database is shared with other versions of the kit and with devtools (N4). */
export function asKept(value: unknown): KeptWork | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<KeptWork>;
  const drafts = v.drafts as Record<string, unknown> | undefined;
  const draftsOk = !!drafts && KINDS.every((kind) => {
    const table = drafts[kind];
    return typeof table === 'object' && table !== null && Object.values(table).every((d: { baseVersion?: unknown; values?: unknown }) =>
      Number.isInteger(d?.baseVersion) && isTextTable(d.values));
  });
  const customersOk = typeof v.newCustomers === 'object' && v.newCustomers !== null &&
    Object.values(v.newCustomers).every((f) => isTextTable(f) && isText(f.name) && isText(f.email) && isText(f.phone));
  // A kind this record lacks (written by an older kit) is empty.
  const unsentOk = typeof v.unsent === 'object' && v.unsent !== null &&
    UNSENT.every((kind) => { const table = (v.unsent as Record<string, unknown>)[kind]; return table === undefined || isTextTable(table); });
  const outboxOk = v.outbox === undefined || (Array.isArray(v.outbox) && v.outbox.every(isCommand));
  return draftsOk && customersOk && unsentOk && outboxOk ? (value as KeptWork) : null;
}

/** `s` with kept work put back where the agent has nothing newer; returns how many things came back. */
export function withKept(s: CareState, work: KeptWork): { state: CareState; restored: number } {
  let restored = 0;
  const drafts = { customer: { ...s.drafts.customer }, request: { ...s.drafts.request } } as { [K in DraftKind]: Record<Id, Draft<K>> };
  for (const kind of KINDS) {
    for (const [id, kept] of Object.entries(work.drafts[kind])) {
      if (drafts[kind][id]) continue;
      (drafts[kind] as Record<Id, Draft>)[id] = { kind, id, baseVersion: kept.baseVersion, values: kept.values, saving: false };
      restored++;
    }
  }
  const newCustomers = { ...s.newCustomers };
  for (const [taskId, fields] of Object.entries(work.newCustomers)) {
    if (newCustomers[taskId]) continue;
    newCustomers[taskId] = fields;
    restored++;
  }
  const unsent = unsentTables(s.unsent);
  for (const kind of UNSENT) {
    for (const [id, text] of Object.entries(work.unsent[kind] ?? {})) {
      if (unsent[kind][id] || !text) continue;
      unsent[kind][id] = text;
      restored++;
    }
  }
  const known = new Set(s.outbox.map((i) => i.key));
  const waiting = (work.outbox ?? []).filter((c) => !known.has(c.key)).map((c) => ({ ...c, state: 'waiting' }) as OutboxItem);
  restored += waiting.length;
  const outbox = waiting.length ? [...s.outbox, ...waiting] : s.outbox;
  return { state: restored ? { ...s, drafts, newCustomers, unsent, outbox } : s, restored };
}

/**
 * `s` with another tab's kept work in place of its own drafts, forms and unsent text: the agent's tabs
 * share one set (N2). What this tab is saving, its conflicts and its outbox stay as they are.
 */
export function withMirrored(s: CareState, work: KeptWork): CareState {
  const drafts = { customer: {}, request: {} } as { [K in DraftKind]: Record<Id, Draft<K>> };
  for (const kind of KINDS) {
    const table = drafts[kind] as Record<Id, Draft>;
    for (const [id, draft] of Object.entries(s.drafts[kind]) as [Id, Draft][]) if (draft.saving) table[id] = draft;
    for (const [id, kept] of Object.entries(work.drafts[kind])) {
      const own = s.drafts[kind][id] as Draft | undefined;
      if (own?.saving) continue;
      table[id] = { ...own, kind, id, baseVersion: kept.baseVersion, values: kept.values, saving: false } as Draft;
    }
  }
  const unsent = unsentTables(work.unsent);
  return { ...s, drafts, newCustomers: { ...work.newCustomers }, unsent };
}

/**
 * Writes the agent's unsaved work as it changes and restores it once per
 * sign-in. The agent's other tabs hear of each change on a BroadcastChannel
 * and take the same set, so one tab never writes over another's work (N2). Storage is IndexedDB, loaded on demand; where it is refused (some
 * private windows) the work stays in memory only, as before.
 */
export class DraftKeeper {
  private agentId: Id | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: string | undefined;
  private stop: (() => void) | undefined;
  private channel: BroadcastChannel | undefined;
  private mirroring = false;

  constructor(
    private readonly container: StateContainer,
    private readonly parts: Pick<StoreParts, 'notify'>,
  ) {}

  /** Restores what `agentId` left unsaved (resolves with how many things), then keeps writing. */
  async start(agentId: Id): Promise<number> {
    if (this.agentId === agentId) return 0;
    this.dispose();
    this.agentId = agentId;
    let restored = 0;
    let held: KeptWork | null = null;
    try {
      const { database } = await import('./database.js');
      const kept = asKept(await (await database()).get('drafts', agentId));
      held = kept;
      if (kept && !this.container.disposed && this.agentId === agentId) {
        this.container.update((s) => {
          const next = withKept(s, kept);
          restored = next.restored;
          return next.state;
        });
      }
    } catch {
      // No IndexedDB here: nothing to restore, and writes below fail quietly the same way.
    }
    if (this.container.disposed || this.agentId !== agentId) return restored;
    if (restored) this.parts.notify('info', 'drafts-restored', `Restored ${restored} unsaved changes from before the page was reloaded.`);
    // Only what differs from what the database held is written and told to the other tabs, so a tab that
    // just opened never wipes another's set with its empty one; work typed before this point still is.
    this.last = JSON.stringify(held ?? NOTHING);
    const subscription = this.container.state$.subscribe((s) => this.schedule(s));
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`care-kit drafts ${agentId}`) : undefined;
    channel?.addEventListener('message', (event) => this.mirror(event.data));
    this.channel = channel;
    this.stop = () => {
      subscription.unsubscribe();
      channel?.close();
    };
    return restored;
  }

  dispose(): void {
    this.stop?.();
    this.stop = undefined;
    this.channel = undefined;
    clearTimeout(this.timer);
    this.agentId = null;
  }

  /** Another tab's work, checked like anything read back (N4); taken without echoing it back. */
  private mirror(data: unknown): void {
    const work = asKept(data);
    if (!work || this.container.disposed) return;
    this.mirroring = true;
    try {
      this.container.update((s) => withMirrored(s, work));
    } finally {
      this.mirroring = false;
    }
  }

  private schedule(s: CareState): void {
    const work = JSON.stringify(keptOf(s));
    if (this.mirroring) {
      this.last = work;
      clearTimeout(this.timer);
      return;
    }
    if (work === this.last) return;
    clearTimeout(this.timer);
    const agentId = this.agentId;
    this.timer = setTimeout(() => {
      this.last = work;
      if (!agentId) return;
      const kept = JSON.parse(work) as KeptWork;
      this.channel?.postMessage(kept);
      void this.write(agentId, kept);
    }, WRITE_DELAY_MS);
  }

  private async write(agentId: Id, work: KeptWork): Promise<void> {
    try {
      const { database } = await import('./database.js');
      const db = await database();
      if (countKept(work)) await db.put('drafts', work, agentId);
      else await db.delete('drafts', agentId);
    } catch {
      // Kept in memory only; the leave-page prompt still guards it.
    }
  }
}
