import type { TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { VirtualizerHostElement, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { lazy } from './lazy.js';

type VirtualizeModule = typeof import('@lit-labs/virtualizer/virtualize.js');

/** The Virtualizer the `virtualize` directive runs on a list element. */
export type Virtualizer = NonNullable<VirtualizerHostElement[typeof virtualizerRef]>;

/**
 * @lit-labs/virtualizer, fetched the first time a list is long enough to
 * need it, so pages with short lists never load it. The layout is passed in:
 * by default the virtualizer would import it lazily, one more round trip.
 */
const virtualizer = lazy(() =>
  Promise.all([import('@lit-labs/virtualizer/virtualize.js'), import('@lit-labs/virtualizer/layouts/flow.js')]).then(([{ virtualize, virtualizerRef }, { flow }]) => ({
    virtualize,
    /** Where the directive leaves its Virtualizer on the list element. */
    ref: virtualizerRef as VirtualizeModule['virtualizerRef'],
    layout: flow(),
  })),
);

/** Fetches the virtualizer (once). */
export const loadVirtualizer = (): Promise<unknown> => virtualizer.load();

/** The Virtualizer running on `list`, once the module is here and the directive runs. */
export function virtualizerOf(list: HTMLElement): Virtualizer | undefined {
  const loaded = virtualizer.value;
  return loaded ? (list as VirtualizerHostElement)[loaded.ref] : undefined;
}

/** When a list virtualises, and what it shows while the virtualizer loads. */
export interface VirtualListOptions {
  /** Lists up to this many items render as a plain list. */
  from: number;
  /** Items shown as a plain list while the virtualizer loads: about a screenful. */
  firstItems: number;
  /** Called once the virtualizer arrived: the host re-renders. */
  loaded: () => void;
}

/** Whether a list of `count` items is (or will be, once loaded) virtualised. */
export const isVirtual = (count: number, options: Pick<VirtualListOptions, 'from'>): boolean => count > options.from;

/**
 * The rows of a list element (the virtualizer's scroller, with `data-key`
 * rows as its direct children): a keyed plain list when short, else the
 * virtualizer, and until it arrives the first screenful as a plain list.
 * Key the list element on {@link isVirtual} (lit's `keyed`): the virtualizer
 * leaves its styles and sizer behind, so a list that shrinks back needs a fresh element.
 */
export function renderList<T>(items: readonly T[], key: (item: T) => string, render: (item: T, index: number) => TemplateResult, options: VirtualListOptions) {
  if (!isVirtual(items.length, options)) return repeat(items, key, render);
  const loaded = virtualizer.value;
  if (loaded) return loaded.virtualize({ items: items as T[], renderItem: render, keyFunction: key, scroller: true, layout: loaded.layout });
  void loadVirtualizer().then(options.loaded);
  return repeat(items.slice(0, options.firstItems), key, render);
}
