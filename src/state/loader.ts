import { Observable, distinctUntilChanged, map } from 'rxjs';
import type { ChatMessage, Comment, Id } from '../model/types.js';
import type { CareEvent, CareTransport } from '../transport/port.js';
import type { Caller } from './call.js';
import type { StateContainer } from './container.js';
import { byTime } from './selectors.js';
import { shareLatest } from './share-latest.js';
import { withNewer } from './transitions.js';
import type { CareState, Loadable, LoadStatus, ResourceKey, ResourceKind, Result } from './types.js';

type Run = Caller['run'];

/** Fetches each kind of resource and says how to fold it into the state. */
type Fetcher = (run: Run, t: CareTransport, id: Id) => Promise<Result<(s: CareState) => CareState>>;

function then<T>(result: Result<T>, merge: (value: T) => (s: CareState) => CareState): Result<(s: CareState) => CareState> {
  return result.ok ? { ok: true, value: merge(result.value) } : result;
}

const FETCHERS: { readonly [K in ResourceKind]: Fetcher } = {
  customer: async (run, t, id) =>
    then(await run('getCustomer', (signal) => t.getCustomer(id, signal)), (customer) => (s) => withNewer(s, 'customer', [customer])),
  journey: async (run, t, id) =>
    then(await run('getJourney', (signal) => t.getJourney(id, signal)), (journey) => (s) =>
      withNewer(withNewer(withNewer(s, 'customer', [journey.customer]), 'request', journey.requests), 'activity', journey.activities),
    ),
  request: async (run, t, id) =>
    then(await run('getRequest', (signal) => t.getRequest(id, signal)), (request) => (s) => withNewer(s, 'request', [request])),
  activity: async (run, t, id) =>
    then(await run('getActivity', (signal) => t.getActivity(id, signal)), (activity) => (s) => withNewer(s, 'activity', [activity])),
  comments: async (run, t, id) =>
    then(await run('getComments', (signal) => t.getComments(id, signal)), (list) => (s) => ({
      ...s,
      comments: { ...s.comments, [id]: union(s.comments[id], list, (c) => c.createdAt) },
    })),
  transcript: async (run, t, id) =>
    then(await run('getTranscript', (signal) => t.getTranscript(id, signal)), (list) => (s) => ({
      ...s,
      transcripts: { ...s.transcripts, [id]: union(s.transcripts[id], list, (m) => m.at) },
    })),
};

/**
 * A loaded list joined with what the store already holds (N3): lines pushed
 * while the load was under way, comments still pending, and, on a resync,
 * everything shown before. Comments and chat lines are never deleted, so
 * nothing is lost by keeping both; the loaded copy wins for an id in both.
 */
function union<T extends { id: Id }>(held: readonly T[] | undefined, loaded: readonly T[], time: (item: T) => number): T[] {
  const ids = new Set(loaded.map((item) => item.id));
  return [...loaded, ...(held ?? []).filter((item) => !ids.has(item.id))].sort(byTime(time));
}

type Early = (Comment | ChatMessage)[];

/** The state with early pushes in the list being loaded (starting it if the state has none yet). */
function withEarly(s: CareState, key: ResourceKey, early: Early): CareState {
  if (!early.length) return s;
  if (key.kind === 'comments') return { ...s, comments: { ...s.comments, [key.id]: union(s.comments[key.id], early as Comment[], (c) => c.createdAt) } };
  return { ...s, transcripts: { ...s.transcripts, [key.id]: union(s.transcripts[key.id], early as ChatMessage[], (m) => m.at) } };
}

/**
 * Loads data on demand, once per resource at a time, and exposes each as a
 * {@link Loadable} that starts its load with the first subscriber.
 */
export class Loader {
  private readonly running = new Map<string, Promise<void>>();
  private readonly early = new Map<string, Early>();

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
    const early: Early = [];
    if (key.kind === 'comments' || key.kind === 'transcript') this.early.set(name, early);
    const promise = FETCHERS[key.kind]((op, call) => this.caller.run(op, call), this.transport, key.id)
      .then((result) => {
        this.running.delete(name);
        this.early.delete(name);
        if (!result.ok) return this.setStatus(key, { status: 'error', error: result.error });
        this.container.update((s) => {
          // What was pushed while the answer was on its way joins it, so nothing falls between the two (N3).
          const next = result.value(withEarly(s, key, early));
          return { ...next, loads: { ...next.loads, [key.kind]: { ...next.loads[key.kind], [key.id]: { status: 'ready' } } } };
        });
      });
    this.running.set(name, promise);
    return promise;
  }

  /** Keeps chat lines and comments pushed while their list is loading, which the state could not take yet. */
  overhear(events: readonly CareEvent[]): void {
    if (!this.early.size) return;
    for (const event of events) {
      if (event.type === 'comment-added') this.early.get(`comments:${event.comment.activityId}`)?.push(event.comment);
      else if (event.type === 'chat-message') this.early.get(`transcript:${event.message.activityId}`)?.push(event.message);
    }
  }

  /** Loads again everything loaded so far (N3's resync after an outage, a wake from sleep, `online`). */
  reloadAll(): Promise<void> {
    const { loads } = this.container.value;
    const kinds = Object.keys(loads) as ResourceKind[];
    return Promise.all(kinds.flatMap((kind) => Object.keys(loads[kind]).map((id) => this.load({ kind, id })))).then(() => undefined);
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
