/**
 * N6: a store that lives a whole shift keeps what the agent may still look
 * at, not everything it ever loaded. When a task leaves the agent's hands
 * the records of customers nothing needs any more are let go: their
 * journey, requests, activities, comments and chat transcripts, their load
 * status (so showing them again loads them again) and closed tasks. Kept are
 * the customers of every open task, the `keep` most recently shown, and
 * anything with a draft, unsent text or an outbox item, or that a view is
 * watching now. The rules (eviction-rules.ts) load with the first eviction:
 * a page that closes no task never fetches them, and one that cannot fetch
 * them simply keeps everything, as before.
 */
import type { Subscription } from 'rxjs';
import type { Id } from '../model/types.js';
import type { StateContainer } from './container.js';
import type { Watched } from './eviction-rules.js';
import { shownTask } from './selectors.js';

let loading: Promise<typeof import('./eviction-rules.js')> | undefined;

/** The rules, fetched once, on first use; a failed fetch is tried again next time. */
function lazyRules(): Promise<typeof import('./eviction-rules.js')> {
  loading ??= import('./eviction-rules.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** How many recently shown customers a store keeps by default (CareStoreOptions.keepCustomers). */
export const KEEP_CUSTOMERS = 20;

/**
 * Runs `withoutUnneeded` after the agent's in-progress list changes (a task
 * closed or went), at most once per task turn, and remembers which
 * customers were shown most recently.
 */
export class Evictor {
  private readonly recent = new Map<Id, true>();
  private readonly subscriptions: Subscription[] = [];
  private scheduled = false;

  constructor(
    private readonly container: StateContainer,
    private readonly watched: Watched,
    private readonly keep: number,
  ) {
    if (!(keep < Infinity)) return;
    this.subscriptions.push(
      container.select((s) => shownTask(s)?.customerId ?? null).subscribe((id) => id && this.touch(id)),
      container.select((s) => s.taskLists.accepted).subscribe(() => this.schedule()),
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  private touch(customerId: Id): void {
    this.recent.delete(customerId);
    this.recent.set(customerId, true);
    if (this.recent.size > this.keep) this.recent.delete(this.recent.keys().next().value!);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      void lazyRules().then(
        ({ withoutUnneeded }) => this.container.disposed || this.container.update((s) => withoutUnneeded(s, this.recent.keys(), this.watched)),
        () => undefined, // not fetched (offline, a new deployment): everything stays, as before N6
      );
    }, 0);
  }
}
