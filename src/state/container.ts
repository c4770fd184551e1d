import { BehaviorSubject, Observable, distinctUntilChanged, map } from 'rxjs';
import type { Task } from '../model/types.js';
import { shareLatest } from './share-latest.js';
import { Table } from './table.js';
import { NO_TASKS } from './task-lists.js';
import { unsentTables, type CareState } from './types.js';

/** The state of a session before it connects: new tables each time, so no two stores share one. */
export const initialState = (): CareState => ({
  connection: 'idle',
  connectionError: null,
  agent: null,
  queues: [],
  tasks: Table.of<Task>(),
  taskLists: NO_TASKS,
  selectedTaskId: null,
  activeTaskId: null,
  selectedActivityId: null,
  customers: new Map(),
  requests: new Map(),
  activities: new Map(),
  comments: {},
  transcripts: {},
  loads: { customer: {}, journey: {}, request: {}, activity: {}, comments: {}, transcript: {} },
  drafts: { customer: {}, request: {} },
  newCustomers: {},
  unsent: unsentTables(),
  notices: [],
  attention: {},
  looking: true,
  outbox: [],
  noticeSeq: 1,
});

/**
 * Holds one immutable {@link CareState} and tells subscribers when it is
 * replaced. Every change goes through {@link update}; a change that returns
 * the same object is no change, so nothing downstream runs.
 */
export class StateContainer {
  private readonly subject = new BehaviorSubject<CareState>(initialState());
  private closed = false;

  /**
   * Applies changes held back to be batched (events, see `inbox.ts`) before
   * anyone reads or changes the state, so a reader never sees it stale and
   * a command never overtakes an event that came before it.
   */
  drain: (() => void) | undefined;

  /** Every state, the current one first. */
  readonly state$: Observable<CareState> = new Observable<CareState>((subscriber) => {
    this.drain?.();
    return this.subject.subscribe(subscriber);
  });

  get value(): CareState {
    this.drain?.();
    return this.subject.value;
  }

  get disposed(): boolean {
    return this.closed;
  }

  update(change: (s: CareState) => CareState): void {
    if (this.closed) return;
    this.drain?.();
    const before = this.subject.value;
    const after = change(before);
    if (after !== before) this.subject.next(after);
  }

  patch(partial: Partial<CareState>): void {
    this.update((s) => ({ ...s, ...partial }));
  }

  /**
   * A shared stream of `project(state)` that emits only when the projection
   * changes (by `equal`, default identity). Make `project` cheap for states
   * it does not care about: see {@link memoOn}.
   */
  select<T>(project: (s: CareState) => T, equal?: (a: T, b: T) => boolean): Observable<T> {
    return this.state$.pipe(map(project), distinctUntilChanged(equal), shareLatest());
  }

  dispose(): void {
    this.closed = true;
    this.subject.complete();
  }
}
