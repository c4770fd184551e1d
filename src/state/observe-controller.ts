import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/**
 * Binds an Observable to a Lit element: subscribes when the element
 * connects, unsubscribes when it disconnects, re-renders on each value.
 * Reconnecting never subscribes twice. Set {@link source} to switch to
 * another Observable (e.g. when the element's `customer-id` changes).
 */
export class ObserveController<T> implements ReactiveController {
  /** The latest value, or undefined until the first one arrives. */
  value: T | undefined;
  private current: Observable<T> | null = null;
  private subscription: Subscription | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    source: Observable<T> | null = null,
  ) {
    this.current = source;
    host.addController(this);
  }

  /** The Observable being watched. Setting the same one again does nothing. */
  get source(): Observable<T> | null {
    return this.current;
  }

  set source(next: Observable<T> | null) {
    if (next === this.current) return;
    this.current = next;
    this.value = undefined;
    if (this.connected) {
      this.stop();
      this.start();
    }
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.start();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  private start(): void {
    if (this.subscription || !this.current) return;
    this.subscription = this.current.subscribe((value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }

  private stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }
}
