import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import type { CareStore } from '../../src/state/store.js';
import { settle } from './session.js';

/** Mounts `content` inside a care-provider for `store` and returns the first element matching `selector`. */
export async function mount<T extends HTMLElement>(store: CareStore, content: TemplateResult, selector: string): Promise<T> {
  const provider = await fixture(html`<care-provider .store=${store}>${content}</care-provider>`);
  const el = provider.querySelector<T>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  await rendered(el);
  return el;
}

/** Waits until the store's async work settled and the element re-rendered. */
export async function rendered(el: HTMLElement): Promise<void> {
  await settle();
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
}

/** The element's shadow root, typed. */
export function shadow(el: HTMLElement): ShadowRoot {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
}

/** A button in the shadow root whose accessible text (aria-label or text) matches. */
export function button(el: HTMLElement, name: string | RegExp): HTMLButtonElement {
  const buttons = [...shadow(el).querySelectorAll('button')];
  const found = buttons.find((b) => {
    const label = (b.getAttribute('aria-label') ?? b.textContent ?? '').replace(/\s+/g, ' ').trim();
    return typeof name === 'string' ? label === name : name.test(label);
  });
  if (!found) throw new Error(`no button named ${String(name)} among: ${buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim()).join(' | ')}`);
  return found;
}

/** Text of the shadow part `name`, whitespace collapsed. */
export function partText(el: HTMLElement, name: string): string {
  return (shadow(el).querySelector(`[part~='${name}']`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The next `name` event from `target`, typed by GlobalEventHandlersEventMap. */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => target.addEventListener(name, (e) => resolve(e as GlobalEventHandlersEventMap[K]), { once: true }));
}
