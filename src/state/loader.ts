import { Observable, distinctUntilChanged, map } from 'rxjs';
import { CareError } from '../model/errors.js';
import type { Id } from '../model/types.js';
import { isJourney } from '../transport/guards.js';
import type { CareTransport } from '../transport/port.js';
import type { Caller } from './call.js';
import type { StateContainer } from './container.js';
import { shareLatest } from './share-latest.js';
import { withNewer } from './transitions.js';
import type { CareState, Loadable, LoadStatus, ResourceKey, ResourceKind } from './types.js';

const byTime =
  <T>(time: (item: T) => number) =>
  (a: T, b: T) =>
    time(a) - time(b);

/** How to fetch each kind of resource and fold it into the state. */
type Fetcher = (transport: CareTransport, id: Id, signal: AbortSignal) => Promise<(s: CareState) => CareState>;

const FETCHERS: { readonly [K in ResourceKind]: Fetcher } = {
  customer: async (t, id, signal) => {
    const customer = await t.getCustomer(id, signal);
    return (s) => withNewer(s, 'customers', [customer]);
  },
  journey: async (t, id, signal) => {
    const journey = await t.getJourney(id, signal);
    if (!t.validated && !isJourney(journey)) {
      throw CareError.network('The service sent a journey this version of Care Kit cannot read.');
    }
    return (s) => withNewer(withNewer(withNewer(s, 'customers', [journey.customer]), 'requests', journey.requests), 'activities', journey.activities);
  },
  request: async (t, id, signal) => {
    const request = await t.getRequest(id, signal);
    return (s) => withNewer(s, 'requests', [request]);
  },
  activity: async (t, id, signal) => {
    const activity = await t.getActivity(id, signal);
    return (s) => withNewer(s, 'activities', [activity]);
  },
  comments: async (t, id, signal) => {
    const comments = [...(await t.getComments(id, signal))].sort(byTime((c) => c.createdAt));
    return (s) => ({ ...s, comments: { ...s.comments, [id]: comments } });
  },
  transcript: async (t, id, signal) => {
    const messages = [...(await t.getTranscript(id, signal))].sort(byTime((m) => m.at));
    return (s) => ({ ...s, transcripts: { ...s.transcripts, [id]: messages } });
  },
};

/**
 * Loads data on demand, once per resource at a time, and exposes each as a
 * {@link Loadable} that starts its load with the first subscriber.
 */
export class Loader {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly container: StateContainer,
    private readonly caller: Caller,
    private readonly transport: CareTransport,
  ) {}

  /**
   * Loads a resource unless a load of it is under way. The data and its
   * "ready" status land in one state change, so selectors run once per load.
   */
  load(key: ResourceKey): Promise<void> {
    const name = `${key.kind}:${key.id}`;
    const running = this.running.get(name);
    if (running) return running;
    this.setStatus(key, { status: 'loading' });
    const promise = this.caller
      .run(key.kind, (signal) => FETCHERS[key.kind](this.transport, key.id, signal))
      .then((result) => {
        this.running.delete(name);
        if (!result.ok) return this.setStatus(key, { status: 'error', error: result.error });
        this.container.update((s) => {
          const next = result.value(s);
          return { ...next, loads: { ...next.loads, [key.kind]: { ...next.loads[key.kind], [key.id]: { status: 'ready' } } } };
        });
      });
    this.running.set(name, promise);
    return promise;
  }

  /** Data loaded on first subscription: loading until `pick` finds it, error if the load failed. */
  lazy<T>(key: ResourceKey, pick: (s: CareState) => T | undefined): Observable<Loadable<T>> {
    // rxjs's defer, minus its accept-any-input machinery (see shareLatest): the load starts with each first subscriber.
    return new Observable<Loadable<T>>((subscriber) => {
      const status = this.container.value.loads[key.kind][key.id];
      if (!status || status.status === 'error') void this.load(key);
      return this.container.state$
        .pipe(
          map((s): Loadable<T> => {
            const value = pick(s);
            if (value !== undefined) return { status: 'ready', value };
            const load = s.loads[key.kind][key.id];
            return load?.status === 'error' ? { status: 'error', error: load.error } : { status: 'loading' };
          }),
          distinctUntilChanged(sameLoadable),
        )
        .subscribe(subscriber);
    }).pipe(shareLatest());
  }

  private setStatus(key: ResourceKey, status: LoadStatus): void {
    this.container.update((s) => ({ ...s, loads: { ...s.loads, [key.kind]: { ...s.loads[key.kind], [key.id]: status } } }));
  }
}

function sameLoadable<T>(a: Loadable<T>, b: Loadable<T>): boolean {
  if (a.status !== b.status) return false;
  if (a.status === 'ready') return a.value === (b as typeof a).value;
  if (a.status === 'error') return a.error === (b as typeof a).error;
  return true;
}
