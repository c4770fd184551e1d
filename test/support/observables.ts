import { Observable } from 'rxjs';

/** Wraps `inner` in an Observable that counts its subscriptions: `live` now, `total` ever. */
export function counted<T>(inner: Observable<T>): { source: Observable<T>; stats: { live: number; total: number } } {
  const stats = { live: 0, total: 0 };
  const source = new Observable<T>((subscriber) => {
    stats.live++;
    stats.total++;
    const subscription = inner.subscribe(subscriber);
    return () => {
      stats.live--;
      subscription.unsubscribe();
    };
  });
  return { source, stats };
}
