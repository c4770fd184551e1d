import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { ANN, BOB, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

/** Records what the desk asks of Web Audio: one oscillator per ring. */
class FakeAudio {
  static rings = 0;
  state = 'running';
  currentTime = 0;
  destination = {};
  createOscillator() {
    FakeAudio.rings++;
    const param = { setValueAtTime() {}, exponentialRampToValueAtTime() {} };
    return { frequency: param, connect: (node: unknown) => node, start() {}, stop() {} };
  }
  createGain() {
    const param = { setValueAtTime() {}, exponentialRampToValueAtTime() {} };
    return { gain: param, connect: (node: unknown) => node };
  }
  resume() {
    return Promise.resolve();
  }
  close() {
    return Promise.resolve();
  }
}

/** A browser's Notification, with the agent's answer and what was shown. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static shown: FakeNotification[] = [];
  static requestPermission() {
    FakeNotification.permission = 'granted';
    return Promise.resolve(FakeNotification.permission);
  }
  onclick: (() => void) | null = null;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {}
}

const saved = { audio: globalThis.AudioContext, notification: globalThis.Notification, hasFocus: document.hasFocus, title: document.title };

async function setup(alerts?: string) {
  // The desktop loads its alerts with its first connection; loaded here first, they are ready when it asks.
  await import('../../src/elements/care-desktop/alerts.js');
  const { engine } = makeEngine();
  const ann = acceptPicked(engine, 'agent-1', chat(ANN));
  const bob = acceptPicked(engine, 'agent-1', chat(BOB));
  const { store } = await session(engine, 'agent-1');
  store.activateTask(bob.id);
  const el = await fixture<CareDesktop>(
    alerts === undefined ? html`<care-desktop .store=${store}></care-desktop>` : html`<care-desktop .store=${store} alerts=${alerts}></care-desktop>`,
  );
  await settle();
  await rendered(el);
  return { engine, store, el, ann, bob };
}

describe('care-desktop alerts (X1)', () => {
  beforeEach(() => {
    FakeAudio.rings = 0;
    FakeNotification.permission = 'default';
    FakeNotification.shown = [];
    Object.assign(globalThis, { AudioContext: FakeAudio, Notification: FakeNotification });
    document.title = 'Desk';
  });
  afterEach(() => {
    Object.assign(globalThis, { AudioContext: saved.audio, Notification: saved.notification });
    document.hasFocus = saved.hasFocus;
    document.title = saved.title;
  });

  it('X1 the tab title counts lines not seen, and goes back once they are read', async () => {
    const { el, engine, store, ann } = await setup();
    engine.customerSays(ann.activityId, 'Hello?');
    engine.customerSays(ann.activityId, 'Anyone?');
    await settle();
    expect(document.title).to.equal('(2) Desk');
    store.activateTask(ann.id);
    await settle();
    expect(document.title).to.equal('Desk');
    el.remove();
  });

  it('X1 a line in a background chat rings once with Web Audio; the chat the agent looks at does not', async () => {
    const { engine, ann, bob } = await setup();
    engine.customerSays(bob.activityId, 'Thanks');
    await settle();
    expect(FakeAudio.rings).to.equal(0);
    engine.customerSays(ann.activityId, 'Hello?');
    await settle();
    expect(FakeAudio.rings).to.equal(1);
  });

  it('X1 the host switches alerts off: no sound, no title', async () => {
    const { engine, ann } = await setup('');
    engine.customerSays(ann.activityId, 'Hello?');
    await settle();
    expect(FakeAudio.rings).to.equal(0);
    expect(document.title).to.equal('Desk');
  });

  it('X1 desktop notifications are asked for on a click, never on load; then a line notifies while the page is unfocused', async () => {
    const { el, engine, store, ann } = await setup('notification');
    expect(FakeNotification.permission, 'not asked on load').to.equal('default');
    button(el, 'Turn on desktop notifications').click();
    await settle();
    await rendered(el);
    expect(FakeNotification.permission).to.equal('granted');
    expect(shadow(el).querySelector('[part=enable-notifications]'), 'the button goes once answered').to.equal(null);
    document.hasFocus = () => false;
    engine.customerSays(ann.activityId, 'My <b>parcel</b> is late');
    await settle();
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body])).to.deep.equal([['Ann Lee wrote', 'My <b>parcel</b> is late']]);
    FakeNotification.shown[0]!.onclick!();
    expect(store.snapshot.activeTaskId, 'clicking opens the chat').to.equal(ann.id);
  });
});
