/**
 * X1: the desk's alerts. A new offer, and a customer line in a task the
 * agent is not looking at, ring a short sound made with Web Audio (no file
 * to load), show a desktop notification while the page is hidden or
 * unfocused (permission asked only when the agent clicks), and count in the
 * tab title. The host picks which with the desktop's `alerts` attribute.
 * Only the tab that rings for the agent's session (N2) sounds and notifies;
 * every tab keeps its title.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import type { CareAlert } from '../../state/attention.js';
import type { CareStore } from '../../state/store.js';
import type { CareState } from '../../state/types.js';

/** The alerts a host can switch on and off. */
export type AlertKind = 'sound' | 'notification' | 'title';

/** What the controller needs of its desktop. */
export interface AlertHost extends ReactiveControllerHost {
  readonly store: CareStore | undefined;
  /** Which alerts are on. */
  alertKinds(): ReadonlySet<AlertKind>;
  /** The notification's title and text for an alert, in the agent's language. */
  alertText(alert: CareAlert): { title: string; body: string };
}

/** The tab title's prefix: "(3) " while three things wait for the agent. */
const COUNTED = /^\(\d+\) /;

/** Customer lines unseen plus offers waiting: what the title counts. */
export function waitingCount(s: CareState): number {
  let count = s.taskLists.offered.length;
  for (const task of s.taskLists.accepted) count += s.attention[task.id]?.unread ?? 0;
  return count;
}

export class AlertController implements ReactiveController {
  private store: CareStore | undefined;
  private subscriptions: Subscription[] = [];
  private audio: AudioContext | undefined;
  private counted = 0;

  constructor(private readonly host: AlertHost) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostUpdated(): void {
    if (this.host.store === this.store) return;
    this.stop();
    this.store = this.host.store;
    if (!this.store) return;
    this.onVisibility();
    this.subscriptions.push(
      this.store.alerts$.subscribe((alert) => this.alert(alert)),
      this.store.state$.subscribe((s) => this.title(waitingCount(s))),
    );
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
    this.store = undefined;
    void this.audio?.close().catch(() => undefined);
    this.audio = undefined;
  }

  /** Whether the browser can show desktop notifications and the agent has not answered yet: the desk offers a button to ask. */
  get canAsk(): boolean {
    return this.host.alertKinds().has('notification') && typeof Notification !== 'undefined' && Notification.permission === 'default';
  }

  /** Asks for notification permission; call from the agent's click only. */
  async ask(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    await Notification.requestPermission();
    this.host.requestUpdate();
  }

  private stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    this.title(0);
  }

  private readonly onVisibility = (): void => this.store?.setLooking(document.visibilityState === 'visible');

  private alert(alert: CareAlert): void {
    const kinds = this.host.alertKinds();
    if (this.store?.ringsHere === false) return;
    if (kinds.has('sound')) this.ring();
    if (kinds.has('notification')) this.notify(alert);
  }

  /** Two short tones, rising for an offer and falling for a line; quiet enough not to startle. */
  private ring(): void {
    const Context = globalThis.AudioContext;
    if (!Context) return;
    try {
      this.audio ??= new Context();
      // Browsers start audio only after the agent has used the page; until then the sound is skipped, never queued.
      if (this.audio.state === 'suspended') void this.audio.resume().catch(() => undefined);
      const at = this.audio.currentTime;
      const tone = this.audio.createOscillator();
      const gain = this.audio.createGain();
      tone.frequency.setValueAtTime(660, at);
      tone.frequency.setValueAtTime(880, at + 0.12);
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
      tone.connect(gain).connect(this.audio.destination);
      tone.start(at);
      tone.stop(at + 0.32);
    } catch {
      // No audio device: the other alerts still tell the agent.
    }
  }

  private notify(alert: CareAlert): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    const { title, body } = this.host.alertText(alert);
    try {
      const shown = new Notification(title, { body, tag: `care-${alert.task.id}` });
      shown.onclick = () => {
        window.focus();
        if (alert.kind === 'message') this.store?.activateTask(alert.task.id);
        shown.close();
      };
    } catch {
      // Some browsers allow notifications only from a service worker; the title and sound remain.
    }
  }

  private title(count: number): void {
    const on = count > 0 && this.host.alertKinds().has('title');
    const next = on ? count : 0;
    if (next === this.counted) return;
    this.counted = next;
    const base = document.title.replace(COUNTED, '');
    document.title = next ? `(${next}) ${base}` : base;
  }
}
