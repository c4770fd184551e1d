import { expect } from '@open-wc/testing';
import { BehaviorSubject, Observable, Subject, firstValueFrom } from 'rxjs';
import { shareLatest } from '../../src/state/share-latest.js';
import { counted } from '../support/observables.js';

describe('shareLatest (the store’s shared selectors)', () => {
  it('subscribes to the source once however many subscribe, and replays the latest value to one who comes late', () => {
    const state = new BehaviorSubject(1);
    const { source, stats } = counted(state);
    const shared = source.pipe(shareLatest());
    const first: number[] = [];
    const late: number[] = [];
    const a = shared.subscribe((v) => first.push(v));
    state.next(2);
    const b = shared.subscribe((v) => late.push(v));
    state.next(3);
    expect(stats.total).to.equal(1);
    expect(first).to.deep.equal([1, 2, 3]);
    expect(late).to.deep.equal([2, 3]);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('the last subscriber leaving unsubscribes the source and forgets its value; the next one starts afresh', () => {
    const state = new BehaviorSubject('a');
    const { source, stats } = counted(state);
    const shared = source.pipe(shareLatest());
    const a = shared.subscribe();
    const b = shared.subscribe();
    a.unsubscribe();
    expect(stats.live, 'one subscriber still there').to.equal(1);
    b.unsubscribe();
    expect(stats.live).to.equal(0);
    state.next('b');
    const seen: string[] = [];
    const c = shared.subscribe((v) => seen.push(v));
    expect(seen, 'no stale value before the fresh one').to.deep.equal(['b']);
    expect(stats.total).to.equal(2);
    c.unsubscribe();
  });

  it('a subscriber that leaves at its first value (firstValueFrom) leaves no subscription behind', async () => {
    const state = new BehaviorSubject(7);
    const { source, stats } = counted(state);
    const shared = source.pipe(shareLatest());
    expect(await firstValueFrom(shared)).to.equal(7);
    expect(stats.live).to.equal(0);
    expect(await firstValueFrom(shared)).to.equal(7);
    expect(stats.live).to.equal(0);
  });

  it('an error reaches every subscriber, and the next subscriber subscribes to the source again', () => {
    const events = new Subject<number>();
    const { source, stats } = counted(events);
    const shared = source.pipe(shareLatest());
    const errors: unknown[] = [];
    shared.subscribe({ error: (e: unknown) => errors.push(e) });
    shared.subscribe({ error: (e: unknown) => errors.push(e) });
    events.error(new Error('backend down'));
    expect(errors).to.have.length(2);
    expect(stats.live).to.equal(0);
    // The errored subject errors whoever subscribes to it again: proof the source was subscribed anew.
    shared.subscribe({ error: (e: unknown) => errors.push(e) });
    expect(stats.total).to.equal(2);
    expect(errors).to.have.length(3);
  });

  it('a completed source stays completed: a late subscriber gets its last value and the completion, with no new subscription', () => {
    let subscribed = 0;
    const source = new Observable<number>((subscriber) => {
      subscribed++;
      subscriber.next(subscribed);
      subscriber.complete();
    });
    const shared = source.pipe(shareLatest());
    const seen: number[] = [];
    let completed = 0;
    shared.subscribe({ next: (v) => seen.push(v), complete: () => completed++ });
    shared.subscribe({ next: (v) => seen.push(v), complete: () => completed++ });
    expect(seen).to.deep.equal([1, 1]);
    expect(completed).to.equal(2);
    expect(subscribed).to.equal(1);
  });

  it('a subscriber that subscribes again from inside its first value shares the one source subscription', () => {
    const state = new BehaviorSubject(1);
    const { source, stats } = counted(state);
    const shared = source.pipe(shareLatest());
    const outer: number[] = [];
    const nested: number[] = [];
    let inner: { unsubscribe(): void } | undefined;
    const first = shared.subscribe((v) => {
      outer.push(v);
      inner ??= shared.subscribe((w) => nested.push(w));
    });
    state.next(2);
    expect(stats.total, 'one subscription to the source').to.equal(1);
    expect(outer).to.deep.equal([1, 2]);
    expect(nested).to.deep.equal([1, 2]);
    first.unsubscribe();
    inner?.unsubscribe();
    expect(stats.live, 'nothing left open').to.equal(0);
  });

  it('a late subscriber whose first value causes a change sees that change too', () => {
    const state = new BehaviorSubject(1);
    const shared = state.pipe(shareLatest());
    const keep = shared.subscribe();
    const late: number[] = [];
    const sub = shared.subscribe((v) => {
      late.push(v);
      if (v === 1) state.next(99);
    });
    expect(late).to.deep.equal([1, 99]);
    sub.unsubscribe();
    keep.unsubscribe();
  });
});
