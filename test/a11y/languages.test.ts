/**
 * The composed desktop in every shipped language, right to left, with long
 * unbroken words, and at 200% zoom: axe finds nothing, the strings are the
 * language's own, nothing overflows its pane.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { loadLanguage, translate } from '../../src/i18n/localize.js';
import type { StringKey } from '../../src/i18n/en.js';
import type { CareStore } from '../../src/state/store.js';
import { ANN, STRANGER, acceptPicked, chat, makeEngine } from '../support/fixtures.js';
import { button, rendered, shadow } from '../support/mount.js';
import { session, settle } from '../support/session.js';

const LANGS = ['en', 'ko', 'cs'] as const;

type Updating = HTMLElement & { updateComplete?: Promise<unknown> };

/** Every element in `root` and in the shadow roots below it. */
function deepAll(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepAll(element.shadowRoot));
  }
  return found;
}

function deep<T extends Element = HTMLElement>(el: HTMLElement, test: (e: Element) => boolean, what: string): T {
  const found = deepAll(shadow(el)).find(test);
  if (!found) throw new Error(`no ${what} in the desktop`);
  return found as T;
}

/** Lets the store settle and every care-* element render, a few rounds (children render after parents). */
async function settled(el: CareDesktop): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await rendered(el);
    for (const child of deepAll(shadow(el)).filter((e): e is Updating => e.localName.startsWith('care-'))) await child.updateComplete;
  }
  await settle();
}

async function mountIn(store: CareStore, lang: string, dir = 'ltr'): Promise<{ wrapper: HTMLDivElement; el: CareDesktop }> {
  await loadLanguage(lang);
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang} dir=${dir}><care-desktop .store=${store}></care-desktop></div>`);
  const el = wrapper.querySelector<CareDesktop>('care-desktop')!;
  await settled(el);
  return { wrapper, el };
}

function visibleText(el: HTMLElement): string {
  return deepAll(shadow(el))
    .filter((e) => e.shadowRoot === null && !e.closest('style'))
    .map((e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(' '))
    .join(' ')
    .replace(/\s+/g, ' ');
}

function expectStrings(el: HTMLElement, lang: string, keys: StringKey[]): void {
  const text = visibleText(el);
  for (const key of keys) {
    const wanted = translate(lang, key);
    if (lang !== 'en') expect(wanted, `${lang} has its own ${key}`).to.not.equal(translate('en', key));
    expect(text, `${lang}: ${key}`).to.contain(wanted);
  }
}

function heading(el: HTMLElement, key: StringKey, lang: string): HTMLElement {
  const wanted = translate(lang, key);
  return deep<HTMLElement>(el, (e) => /^H[1-3]$/.test(e.tagName) && e.textContent?.trim() === wanted, `heading ${wanted}`);
}

describe('languages: axe and strings in en, ko, cs', () => {
  before(async () => {
    await setViewport({ width: 1280, height: 900 });
  });

  for (const lang of LANGS) {
    describe(lang, () => {
      it('nothing open', async () => {
        const { engine } = makeEngine();
        const { store } = await session(engine, 'agent-1');
        const { el } = await mountIn(store, lang);
        expectStrings(el, lang, ['status.ready', 'desktop.noTask']);
        await expect(el).to.be.accessible();
      });

      it('a chat accepted, with the customer record showing', async () => {
        const { engine } = makeEngine();
        acceptPicked(engine, 'agent-1', chat(ANN));
        const { store } = await session(engine, 'agent-1');
        const { el } = await mountIn(store, lang);
        expectStrings(el, lang, ['status.ready', 'journey.heading', 'desktop.close', 'request.heading']);
        expect(heading(el, 'journey.heading', lang)).to.exist;
        for (const tag of ['care-customer', 'care-request', 'care-activity', 'care-comments', 'care-journey']) {
          expect(deep(el, (e) => e.localName === tag, tag)).to.exist;
        }
        await expect(el).to.be.accessible();
      });

      it('the Close prompt for a new customer', async () => {
        const { engine } = makeEngine();
        acceptPicked(engine, 'agent-1', chat(STRANGER));
        const { store } = await session(engine, 'agent-1');
        const { el } = await mountIn(store, lang);
        button(el, translate(lang, 'desktop.closeTask', { name: STRANGER.name })).click();
        await settled(el);
        const dialog = shadow(el).querySelector('dialog')!;
        expect(dialog.open).to.equal(true);
        expect(dialog.textContent).to.contain(translate(lang, 'common.cancel'));
        if (lang !== 'en') expect(dialog.textContent).to.not.contain(translate('en', 'common.cancel'));
        await expect(el).to.be.accessible();
      });

      it('a request with a 2,001-character description', async () => {
        const { engine } = makeEngine();
        const task = acceptPicked(engine, 'agent-1', chat(ANN));
        const { store } = await session(engine, 'agent-1');
        const { el } = await mountIn(store, lang);
        const requestId = engine.getActivity(task.activityId).requestId!;
        expect(requestId).to.be.a('string');
        store.editRequest(requestId, { description: 'x'.repeat(2001) });
        await settled(el);
        const request = deep<HTMLElement>(el, (e) => e.localName === 'care-request', 'care-request');
        const alert = shadow(request).querySelector('#description-issue[role=alert]');
        expect(alert?.textContent, 'the too-long message').to.contain(new Intl.NumberFormat(lang).format(2001));
        await expect(el).to.be.accessible();
      });

      it('a pushed offer counting down', async () => {
        const { engine, clock } = makeEngine();
        const { store } = await session(engine, 'agent-1');
        const { el } = await mountIn(store, lang);
        await store.setStatus('ready');
        engine.receive(chat(ANN));
        clock.advance(30_000);
        await settled(el);
        const timer = deep<HTMLElement>(el, (e) => e.getAttribute('part') === 'countdown', 'countdown');
        expect(timer.getAttribute('aria-label')).to.equal(translate(lang, 'offers.timeLeft', { time: '14:30' }));
        expectStrings(el, lang, ['offers.accept', 'status.ready']);
        await expect(el).to.be.accessible();
      });
    });
  }

  it('follows a change of lang on an ancestor without remounting (en → cs → ko)', async () => {
    await Promise.all([loadLanguage('cs'), loadLanguage('ko')]);
    const { engine } = makeEngine();
    acceptPicked(engine, 'agent-1', chat(ANN));
    const { store } = await session(engine, 'agent-1');
    const { wrapper, el } = await mountIn(store, 'en');
    const keys: StringKey[] = ['status.ready', 'journey.heading', 'desktop.close'];
    expectStrings(el, 'en', keys);
    for (const lang of ['cs', 'ko']) {
      wrapper.setAttribute('lang', lang);
      await settle();
      await settled(el);
      expect(wrapper.querySelector('care-desktop')).to.equal(el);
      expectStrings(el, lang, keys);
    }
  });
});

describe('right to left, long words, 200% zoom', () => {
  afterEach(async () => {
    await setViewport({ width: 1280, height: 900 });
  });

  async function chatting(name = ANN.name) {
    const { engine } = makeEngine();
    const task = acceptPicked(engine, 'agent-1', chat({ ...ANN, name }));
    const { store } = await session(engine, 'agent-1');
    return { engine, store, task };
  }

  it('mirrors the desktop under dir=rtl: queue on the right, the agent’s accent on the inline start', async () => {
    await setViewport({ width: 1024, height: 800 });
    const { store, task } = await chatting();
    const { el } = await mountIn(store, 'en', 'rtl');
    const sent = await store.sendMessage(task.activityId, 'On it');
    expect(sent.ok).to.equal(true);
    await settled(el);
    const work = shadow(el).querySelector<HTMLElement>("[part='work']")!.getBoundingClientRect();
    const main = shadow(el).querySelector<HTMLElement>("[part='main']")!.getBoundingClientRect();
    const details = shadow(el).querySelector<HTMLElement>("[part='details']")!.getBoundingClientRect();
    expect(work.left, 'queue column right of the communication pane').to.be.at.least(main.right);
    expect(main.left, 'communication pane right of the details').to.be.at.least(details.right);
    const message = deep<HTMLElement>(el, (e) => e.getAttribute('part') === 'message' && e.classList.contains('agent'), 'agent message');
    const style = getComputedStyle(message);
    expect(style.borderRightWidth).to.equal('3px');
    expect(style.borderLeftWidth).to.equal('0px');
    // The selected queue item's accent stripe is on the inline start too.
    const queue = deep<HTMLElement>(el, (e) => e.localName === 'care-queue', 'care-queue');
    const current = shadow(queue).querySelector<HTMLElement>("[part~='item'] > button[aria-current='true'], [part~='item'] > button[aria-pressed='true']");
    expect(current, 'the accepted task is current in the queue').to.exist;
    const stripe = getComputedStyle(current!);
    expect(stripe.borderRightWidth, 'queue accent stripe on the inline start (right)').to.equal('4px');
    expect(stripe.borderLeftWidth).to.equal('1px');
  });

  for (const [label, name, lang] of [
    ['a 120-character unbroken customer name', 'A'.repeat(120), 'en'],
    ['a very long Czech word', 'Nejneobhospodařovávatelnějšímu'.repeat(4), 'cs'],
  ] as const) {
    it(`${label} stays inside its pane at 1024px`, async () => {
      await setViewport({ width: 1024, height: 800 });
      const { store, task } = await chatting(name);
      const { el } = await mountIn(store, lang);
      await store.sendMessage(task.activityId, name);
      await settled(el);
      expect(visibleText(el)).to.contain(name);
      for (const part of ['work', 'main', 'details']) {
        const pane = shadow(el).querySelector<HTMLElement>(`[part='${part}']`)!;
        expect(pane.scrollWidth, `${part} scrollWidth`).to.be.at.most(pane.clientWidth);
        for (const inner of deepAll(pane).filter((e): e is HTMLElement => e instanceof HTMLElement && e.localName.startsWith('care-'))) {
          const box = inner.getBoundingClientRect();
          const paneBox = pane.getBoundingClientRect();
          expect(box.right, `${inner.localName} inside ${part}`).to.be.at.most(paneBox.right + 0.5);
          expect(box.left, `${inner.localName} inside ${part}`).to.be.at.least(paneBox.left - 0.5);
          for (const scroller of [...(inner.shadowRoot?.querySelectorAll<HTMLElement>('[part]') ?? [])]) {
            if (getComputedStyle(scroller).overflowX === 'visible' && scroller.offsetParent !== null) {
              expect(scroller.scrollWidth, `${inner.localName} [part=${scroller.getAttribute('part')}] overflows`).to.be.at.most(scroller.clientWidth + 1);
            }
          }
        }
      }
      const doc = document.scrollingElement!;
      expect(doc.scrollWidth).to.be.at.most(innerWidth);
    });
  }

  it('stacks into one column at 640×800 (1280px at 200%) with no horizontal scrolling', async () => {
    await setViewport({ width: 640, height: 800 });
    const { store } = await chatting();
    const { el } = await mountIn(store, 'cs');
    const parts = ['work', 'main', 'details'].map((p) => shadow(el).querySelector<HTMLElement>(`[part='${p}']`)!.getBoundingClientRect());
    const [work, main, details] = parts as [DOMRect, DOMRect, DOMRect];
    expect(main.top, 'communication below the queue').to.be.at.least(work.bottom);
    expect(details.top, 'record below the communication').to.be.at.least(main.bottom);
    expect(Math.abs(work.left - main.left)).to.be.below(1);
    expect(document.scrollingElement!.scrollWidth).to.be.at.most(innerWidth);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth);
  });
});
