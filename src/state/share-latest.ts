import { Observable, ReplaySubject, Subscription, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * `shareReplay({ bufferSize: 1, refCount: true })` for the store's streams,
 * with the same semantics: every subscriber shares one subscription to the
 * source, opened by the first (also when a subscriber subscribes again
 * from inside its first value); one who comes late gets the latest value,
 * then what follows; when the last one leaves, the source is unsubscribed
 * and the value forgotten, so the next subscriber starts afresh. An error
 * resets it the same way. A completed source stays completed: late
 * subscribers get its last value and the completion, and it is not
 * subscribed again.
 * Written out for size: see docs/architecture.md.
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return (source) => {
    let subject: ReplaySubject<T> | undefined;
    let connection: Subscription | undefined;
    let completed = false;
    let subscribers = 0;
    const reset = () => {
      const closing = connection;
      subject = connection = undefined;
      completed = false;
      closing?.unsubscribe();
    };
    return new Observable<T>((subscriber) => {
      subscribers++;
      const shared = (subject ??= new ReplaySubject<T>(1));
      // The ReplaySubject adds the subscriber before replaying, so nothing it causes in between is missed.
      const inner = shared.subscribe(subscriber);
      if (!connection) {
        // Set before subscribing: a subscriber that subscribes again from inside the first value shares it.
        const opening = (connection = new Subscription());
        opening.add(
          source.subscribe({
            next: (value) => shared.next(value),
            error: (error: unknown) => {
              if (subject === shared) reset();
              shared.error(error);
            },
            complete: () => {
              completed = true;
              shared.complete();
            },
          }),
        );
        // If everything was reset while subscribing (the only subscriber left at its first value),
        // `opening` is closed and add() has already unsubscribed from the source.
      }
      return () => {
        inner.unsubscribe();
        if (--subscribers === 0 && !completed) reset();
      };
    });
  };
}
