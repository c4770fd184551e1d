import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { en, type StringKey, type Translations } from './en.js';

const tables = new Map<string, Translations>([['en', en]]);

/**
 * Adds a language, or overrides some strings of one, without forking the kit.
 * Later calls merge over earlier ones. Every element on the page re-renders.
 */
export function registerTranslations(lang: string, table: Translations): void {
  tables.set(lang.toLowerCase(), { ...(tables.get(lang.toLowerCase()) ?? {}), ...table });
  // Elements already showing this language (in English, while its table loaded) re-render with it.
  for (const controller of controllers) controller.invalidate();
}

const loaders = new Map<string, () => Promise<Translations>>();
const loading = new Map<string, Promise<void>>();

/**
 * Tells the kit where to fetch a language's table when an element first
 * meets it (`lang="ko"`), so pages that never use a language never load it.
 * Until it arrives, elements keep their previous language (or, on their first
 * render, wait for it).
 */
export function registerLanguageLoader(lang: string, loader: () => Promise<Translations>): void {
  loaders.set(lang.toLowerCase(), loader);
}

/** Loads a language registered with {@link registerLanguageLoader}; resolves at once if it is there or unknown. */
export function loadLanguage(lang: string): Promise<void> {
  const key = loaderKey(lang);
  if (!key || tables.has(key)) return Promise.resolve();
  const known = loading.get(key);
  if (known) return known;
  const pending = loaders
    .get(key)!()
    .then((table) => registerTranslations(key, table))
    .catch(() => {
      // A failed fetch may be retried by the next element that meets the language.
      loading.delete(key);
    });
  loading.set(key, pending);
  return pending;
}

/** The languages with a table or a loader, English first. */
export function availableLanguages(): string[] {
  return [...new Set([...tables.keys(), ...loaders.keys()])];
}

function lookup(lang: string, key: string): string | undefined {
  const exact = tables.get(lang.toLowerCase()) as Record<string, string> | undefined;
  const base = tables.get(lang.toLowerCase().split('-')[0] ?? '') as Record<string, string> | undefined;
  return exact?.[key] ?? base?.[key];
}

/** Fills `{name}` parameters. Values are plain text; nothing here is ever parsed as HTML. */
function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * `text` between Unicode's first-strong isolate and its pop (U+2068, U+2069):
 * `<bdi>` for strings that cannot hold an element (an error sentence, a
 * live-region announcement), so a name cannot reorder the words around it (N5).
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A string in `lang`, falling back to its base language, then English, then the key itself. */
export function translate(lang: string, key: StringKey, params?: Record<string, string | number>): string {
  return fill(lookup(lang, key) ?? (en as Record<string, string>)[key] ?? key, params);
}

/** Finds the language that applies to `node`: its closest `lang`, through shadow roots, then the document's. */
export function langOf(node: Node): string {
  let current: Node | null = node;
  while (current) {
    if (current instanceof Element) {
      const found = current.closest('[lang]');
      const lang = found?.getAttribute('lang');
      if (lang) return lang;
    }
    const root: Node = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang || 'en';
}

const controllers = new Set<LocaleController>();
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.RelativeTimeFormat | Intl.ListFormat>();
let observer: MutationObserver | undefined;

function watchDocument(): void {
  if (observer) return;
  observer = new MutationObserver(() => {
    for (const controller of controllers) controller.refresh();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** How long an element waits for a language's table before it shows English in the meantime. */
const LOAD_WAIT_MS = 3000;

/** Where a loader for `lang` is registered: the exact tag (`en-gb`), else its base language (`en`). */
function loaderKey(lang: string): string | undefined {
  const exact = lang.toLowerCase();
  return [exact, exact.split('-')[0] ?? ''].find((key) => loaders.has(key));
}

/** True when `lang` needs nothing fetched: nobody can load it, or what its loader gives is here. */
function hasTable(lang: string): boolean {
  const key = loaderKey(lang);
  return !key || tables.has(key);
}

/**
 * Gives an element its strings and formats in the language of its closest
 * `[lang]` ancestor, and re-renders it when that language changes.
 *
 * A language whose table is still being fetched does not show half-done:
 * the element keeps its previous language (strings and formats together)
 * until the table is here, then switches in one render. An element meeting
 * such a language on its first render waits for it (see
 * {@link LocaleController.loading}); if the table fails or takes over three
 * seconds, English fills in and the real strings follow when they arrive.
 */
export class LocaleController implements ReactiveController {
  /** The language in effect, e.g. `en`, `ko`, `cs`. */
  lang = 'en';

  /** The language of the host's closest `[lang]`, which may still be loading. */
  private wanted: string | undefined;
  private pending: Promise<void> | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /**
   * Settles when the language the host asked for is in effect (or was given
   * up on); undefined when nothing is loading. Elements await it before their
   * first render so they never flash English.
   */
  get loading(): Promise<void> | undefined {
    return this.pending;
  }

  hostConnected(): void {
    controllers.add(this);
    watchDocument();
    this.refresh();
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  /** Re-reads the language; re-renders the host once it is ready to show. */
  refresh(): void {
    const wanted = langOf(this.host);
    if (wanted === this.wanted) return;
    this.wanted = wanted;
    if (hasTable(wanted)) {
      this.pending = undefined;
      this.apply(wanted);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOAD_WAIT_MS)));
    const pending: Promise<void> = Promise.race([loadLanguage(wanted), gaveUp]).then(() => {
      clearTimeout(timer);
      if (this.pending !== pending) return; // another language was asked for meanwhile
      this.pending = undefined;
      this.apply(wanted);
    });
    this.pending = pending;
  }

  /** Re-renders the host: its language's strings changed. */
  invalidate(): void {
    this.wanted = undefined;
    this.refresh();
    this.host.requestUpdate();
  }

  private apply(lang: string): void {
    if (lang === this.lang) return;
    this.lang = lang;
    this.host.requestUpdate();
  }

  /** The string for `key` with its parameters filled in. */
  t(key: StringKey, params?: Record<string, string | number>): string {
    return translate(this.lang, key, params);
  }

  /**
   * The string for `key` as nodes to render, each text parameter (a name, a
   * tag, a title) in its own `<bdi>`, so a colleague named in Hebrew or
   * with a stray U+202E cannot reorder the sentence around it (N5).
   */
  tb(key: StringKey, params: Record<string, string | number>): (string | TemplateResult)[] {
    const values = Object.values(params);
    const marks = Object.fromEntries(Object.keys(params).map((name, index) => [name, `\uE000${index}\uE000`]));
    return this.t(key, marks)
      .split('\uE000')
      .map((part, i) => (i % 2 ? html`<bdi>${values[+part]}</bdi>` : part));
  }

  /** Picks the plural form of `base` for `count` (`base.one`, `base.other` …). */
  plural(base: string, count: number, params: Record<string, string | number> = {}): string {
    const rules = this.format('plural', () => new Intl.PluralRules(this.lang)) as Intl.PluralRules;
    const form = rules.select(count);
    const candidate = `${base}.${form}`;
    const known = lookup(this.lang, candidate) ?? (en as Record<string, string>)[candidate];
    const key = (known !== undefined ? candidate : `${base}.other`) as StringKey;
    return this.t(key, { count: this.number(count), ...params });
  }

  /** A date and time, e.g. "23 Nov 2026, 09:00". */
  dateTime(time: number): string {
    return (this.format('dt', () => new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium', timeStyle: 'short' })) as Intl.DateTimeFormat).format(time);
  }

  /** A date, e.g. "23 Nov 2026". */
  date(time: number): string {
    return (this.format('d', () => new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium' })) as Intl.DateTimeFormat).format(time);
  }

  /** A time of day. */
  time(time: number): string {
    return (this.format('t', () => new Intl.DateTimeFormat(this.lang, { timeStyle: 'short' })) as Intl.DateTimeFormat).format(time);
  }

  /** Items joined as the language lists them ("a, b and c"). */
  list(items: readonly string[]): string {
    return (this.format('list', () => new Intl.ListFormat(this.lang, { type: 'conjunction' })) as Intl.ListFormat).format(items);
  }

  /** A number in the language's digits and separators. */
  number(value: number): string {
    return (this.format('n', () => new Intl.NumberFormat(this.lang)) as Intl.NumberFormat).format(value);
  }

  /** A duration as a clock (m:ss or h:mm:ss), e.g. a countdown or a call's length. */
  duration(ms: number): string {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const two = (n: number) => String(n).padStart(2, '0');
    return h > 0 ? this.t('time.hours', { h, mm: two(m), ss: two(s) }) : this.t('time.minutes', { m, ss: two(s) });
  }

  /** A relative time such as "in 3 days" or "5 minutes ago". */
  relative(ms: number): string {
    const rtf = this.format('rel', () => new Intl.RelativeTimeFormat(this.lang, { numeric: 'auto' })) as Intl.RelativeTimeFormat;
    const abs = Math.abs(ms);
    const units: [Intl.RelativeTimeFormatUnit, number][] = [
      ['day', 86_400_000],
      ['hour', 3_600_000],
      ['minute', 60_000],
    ];
    for (const [unit, size] of units) {
      if (abs >= size) return rtf.format(Math.round(ms / size), unit);
    }
    return rtf.format(Math.round(ms / 1000), 'second');
  }

  private format<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.RelativeTimeFormat | Intl.ListFormat>(key: string, make: () => T): T {
    // Formatters are costly to make (the first ones in a page take milliseconds each), so every element shares them.
    const shared = `${this.lang}|${key}`;
    let format = formatters.get(shared) as T | undefined;
    if (!format) {
      format = make();
      formatters.set(shared, format);
    }
    return format;
  }
}
