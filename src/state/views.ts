import { Observable, distinctUntilChanged, finalize, map } from 'rxjs';
import type { Id } from '../model/types.js';
import type { StateContainer } from './container.js';
import { viewOf } from './drafts.js';
import type { Loader } from './loader.js';
import { shareLatest } from './share-latest.js';
import { recordOf } from './transitions.js';
import type { CareState, Draft, DraftKind, DraftRecordByKind, DraftView, Loadable, ResourceKey } from './types.js';

/** How many recent views keep their selectors (and so their last results) once nobody watches them. */
const KEPT_VIEWS = 20;

/**
 * The store's per-record streams, one shared Observable per record while
 * anyone listens, so a hundred elements showing one request cost one stream.
 */
export class Views {
  private readonly cache = new Map<string, Observable<unknown>>();
  /** Selectors kept after their stream ends, newest last, so a view that comes back finds its last result. */
  private readonly kept = new Map<string, unknown>();

  constructor(
    private readonly container: StateContainer,
    private readonly loader: Loader,
  ) {}

  /** Whether anyone listens to the view of `key` now (`customer:<id>`, `journey:<id>` …): eviction leaves it (N6). */
  watched(key: string): boolean {
    return this.cache.has(key);
  }

  /**
   * One shared Observable per key while anyone listens. It is filed under
   * its key when subscribed and taken out when the last subscriber leaves:
   * one asked for but never subscribed (an element that left before its
   * update ran, N6) must not stay filed for the rest of the session.
   */
  memo<T>(key: string, create: () => Observable<T>): Observable<T> {
    const known = this.cache.get(key) as Observable<T> | undefined;
    if (known) return known;
    const shared: Observable<T> = create().pipe(
      // A newer Observable may hold the key by now (an element resubscribed after this one emptied): leave it.
      finalize(() => {
        if (this.cache.get(key) === filed) this.cache.delete(key);
      }),
      shareLatest(),
    );
    const filed = new Observable<T>((subscriber) => {
      this.cache.set(key, filed);
      return shared.subscribe(subscriber);
    });
    return filed;
  }

  /** A resource loaded with its first subscriber (see {@link Loader.lazy}); `pick` is made only when the stream is. */
  lazy<T>(key: ResourceKey, pick: () => (s: CareState) => T | undefined): Observable<Loadable<T>> {
    return this.memo(`${key.kind}:${key.id}`, () => this.loader.lazy(key, pick()));
  }

  /**
   * The selector made by `make` for `key`, kept for the session's most
   * recent views (KEPT_VIEWS): an agent who returns to a customer's journey
   * gets the same Journey object back, and nothing is filtered or built again.
   */
  keep<T>(key: string, make: () => T): T {
    const known = this.kept.get(key) as T | undefined;
    this.kept.delete(key);
    const value = known ?? make();
    this.kept.set(key, value);
    if (this.kept.size > KEPT_VIEWS) this.kept.delete(this.kept.keys().next().value!);
    return value;
  }

  /** An editor's view of one record: re-computed only when that record or its draft changes. */
  draft<K extends DraftKind>(kind: K, id: Id): Observable<DraftView<K> | null> {
    return this.memo(`draft:${kind}:${id}`, () =>
      this.container.state$.pipe(
        map((s) => [recordOf(s, kind, id) as DraftRecordByKind[K] | undefined, s.drafts[kind][id] as Draft<K> | undefined] as const),
        distinctUntilChanged((a, b) => a[0] === b[0] && a[1] === b[1]),
        map(([saved, draft]) => (saved ? viewOf(kind, saved, draft) : null)),
      ),
    );
  }
}
