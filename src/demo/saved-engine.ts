/**
 * The demo's engine survives a reload (N1): its data is saved in the kit's
 * IndexedDB database as it changes and read back on the next visit, checked
 * against the model's schemas first (the database is the browser's, not
 * ours: another version of the demo, or devtools, may have written it).
 * "Reset demo data" clears it and starts from the seed again.
 */
import { clearDatabase, database } from '../state/persist/database.js';
import { array, optional, type Schema } from '../model/schema.js';
import {
  activitySchema,
  agentSchema,
  careRequestSchema,
  chatMessageSchema,
  commentSchema,
  customerSchema,
  queueSchema,
  taskSchema,
  cannedResponseSchema,
} from '../model/schemas.js';
import { DEFAULT_CANNED_RESPONSES } from '../engine/canned.js';
import type { CareEngine } from '../engine/engine.js';
import type { SeedData } from '../engine/seed.js';

const KEY = 'demo-engine';
const SAVE_DELAY_MS = 500;

const PARTS: Record<Exclude<keyof SeedData, 'nextId'>, Schema<unknown>> = {
  queues: array(queueSchema),
  agents: array(agentSchema),
  customers: array(customerSchema),
  requests: array(careRequestSchema),
  activities: array(activitySchema),
  comments: array(commentSchema),
  transcripts: array(chatMessageSchema),
  tasks: array(taskSchema),
  // Saved before canned responses existed: absent, and the defaults are used.
  cannedResponses: optional(array(cannedResponseSchema)),
};

/** The saved engine data, or null when there is none or it does not read as engine data. */
export async function loadSavedEngine(): Promise<SeedData | null> {
  try {
    const value = (await (await database()).get('values', KEY)) as Record<string, unknown> | undefined;
    if (!value || typeof value !== 'object') return null;
    for (const [part, schema] of Object.entries(PARTS)) if (schema(value[part])) return null;
    if (!Number.isInteger(value.nextId)) return null;
    const saved = value as unknown as SeedData;
    return saved.cannedResponses ? saved : { ...saved, cannedResponses: DEFAULT_CANNED_RESPONSES.map((c) => ({ ...c })) };
  } catch {
    return null;
  }
}

let resetting = false;

/** Saves the engine's data shortly after each change, and when the page is hidden or left. */
export function keepEngineSaved(engine: CareEngine): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (resetting) return;
    void database()
      .then((db) => db.put('values', engine.exportData(), KEY))
      .catch(() => undefined);
  };
  engine.subscribe(() => {
    timer ??= setTimeout(save, SAVE_DELAY_MS);
  });
  addEventListener('pagehide', save);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && save());
}

/** Forgets everything saved (the engine's data, drafts, the outbox) and starts the demo from the seed again. */
export async function resetDemoData(): Promise<void> {
  resetting = true;
  await clearDatabase().catch(() => undefined);
  location.reload();
}
