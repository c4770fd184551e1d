/**
 * The one IndexedDB database the kit keeps in a browser (N1, N3): the
 * agent's unsaved work (drafts, unsent text and the outbox of commands
 * waiting for the link, one record per agent) and the demo's saved engine. Loaded on demand (a dynamic import), so a page that never
 * persists anything never loads `idb`.
 *
 * Every value read back is untrusted (another version of the kit, a user
 * with devtools, a half-written record after a crash): the module that owns
 * a store checks what it reads before using it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** The database's name; one per origin, shared by every tab. */
export const DATABASE_NAME = 'care-kit';

/** Bumped, with a step in `upgrade`, whenever a store or index is added. */
const VERSION = 1;

/** What the database holds. Values are `unknown` on purpose: each owner checks them (N4). */
export interface CareDatabase extends DBSchema {
  /** The agent's unsaved work, keyed by agent id (N1, N3; see state/persist/keeper.ts). */
  drafts: { key: string; value: unknown };
  /** Free-form values keyed by name (the demo's saved engine). */
  values: { key: string; value: unknown };
}

/** The names of the database's stores. */
export type CareStoreName = 'drafts' | 'values';

let opening: Promise<IDBPDatabase<CareDatabase>> | undefined;

/**
 * The open database, opened once per page. Rejects where IndexedDB is
 * missing or refused (a private window in some browsers): callers degrade
 * to keeping things in memory and say so.
 */
export function database(): Promise<IDBPDatabase<CareDatabase>> {
  opening ??= openDB<CareDatabase>(DATABASE_NAME, VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('drafts');
        db.createObjectStore('values');
      }
    },
    // Another tab opening a newer version of the kit: close so its upgrade can run, and reopen next time.
    blocking() {
      void opening?.then((db) => db.close());
      opening = undefined;
    },
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

/** Empties every store: "Reset demo data", and tests that must start clean. */
export async function clearDatabase(): Promise<void> {
  const db = await database();
  const tx = db.transaction(['drafts', 'values'], 'readwrite');
  await Promise.all([tx.objectStore('drafts').clear(), tx.objectStore('values').clear(), tx.done]);
}
