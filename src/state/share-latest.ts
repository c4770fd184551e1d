import { Observable, Subject, type MonoTypeOperatorFunction, type Subscription } from 'rxjs';

/**
 * `shareReplay({ bufferSize: 1, refCount: true })` for the store's streams:
 * every subscriber shares one subscription to the source; one who comes
 * late gets the latest value at once; when the last one leaves, the source
 * is unsubscribed and the value forgotten, so the next subscriber starts
 * afresh. An error or completion reaches the subscribers of the time and
 * resets it the same way.
 *
 * Written out because rxjs's `share` brings its accept-any-input machinery
 * (promises, iterables, async iterables, readable streams, with their
 * helpers), about 0.8 KB gzipped of the kit's 50 KB budget, for a store
 * whose sources are all Observables.
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return (source) => {
    let subject: Subject<T> | undefined;
    let connection: Subscription | undefined;
    let latest: { value: T } | undefined;
    let subscribers = 0;
    const reset = () => {
      const closing = connection;
      subject = connection = latest = undefined;
      closing?.unsubscribe();
    };
    const leave = (inner: Subscription) => {
      inner.unsubscribe();
      if (--subscribers === 0) reset();
    };
    return new Observable<T>((subscriber) => {
      subscribers++;
      if (latest) subscriber.next(latest.value);
      const shared = (subject ??= new Subject<T>());
      const inner = shared.subscribe(subscriber);
      if (connection) return () => leave(inner);
      const opened = source.subscribe({
        next: (value) => {
          latest = { value };
          shared.next(value);
        },
        error: (error: unknown) => {
          reset();
          shared.error(error);
        },
        complete: () => {
          reset();
          shared.complete();
        },
      });
      // Everything was reset while subscribing (the source ended, or the only subscriber left at its first value).
      if (subject === shared) connection = opened;
      else opened.unsubscribe();
      return () => leave(inner);
    });
  };
}
