/**
 * X7: canned responses in the chat composer. Typing `/` at the start of an
 * empty line opens a list of the contact centre's replies, narrowed by what
 * follows (`/refund`); Up and Down move through it, Enter or Tab puts the
 * reply in the composer with `{customer}` and `{agent}` filled in, Escape
 * closes it and keeps the text. The agent reads the reply before sending.
 * Loaded the first time `/` is typed.
 */
import { html, nothing } from 'lit';
import { fillPlaceholders } from '../../model/rules.js';
import type { CannedResponse } from '../../model/types.js';
import type { LocaleController } from '../../i18n/localize.js';
import type { CareStore } from '../../state/store.js';

/** Replies listed at most. */
const SHOWN_MAX = 8;

/** What the picker needs of its composer. */
export interface CannedHost {
  readonly i18n: LocaleController;
  store(): CareStore | undefined;
  /** The names the placeholders take. */
  names(): { customer: string; agent: string };
  /** Replaces the composer's text. */
  put(text: string): void;
  requestUpdate(): void;
}

/** The search after `/`, when the composer's text is one; null otherwise. */
export function cannedQuery(text: string): string | null {
  return /^\/[^\n]*$/.test(text) ? text.slice(1).trim().toLocaleLowerCase() : null;
}

export class CannedPicker {
  private all: readonly CannedResponse[] | null = null;
  private failed = false;
  private query: string | null = null;
  private active = 0;

  constructor(private readonly host: CannedHost) {}

  /** Whether the list is open (keys go to it). */
  get open(): boolean {
    return this.query !== null && !!this.matches().length;
  }

  /** Follows the composer's text: `/…` opens and narrows the list; anything else closes it. */
  follow(text: string): void {
    const query = cannedQuery(text);
    if (query !== this.query) this.active = 0;
    this.query = query;
    if (query !== null && !this.all && !this.failed) void this.load();
  }

  /** Handles a key while open; true when it was the picker's. */
  key(event: KeyboardEvent): boolean {
    if (!this.open) return false;
    const count = this.matches().length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      this.choose(this.matches()[this.active]!);
    } else if (event.key === 'Escape') {
      this.query = null;
    } else {
      return false;
    }
    event.preventDefault();
    this.host.requestUpdate();
    return true;
  }

  /** The textarea's attributes while the list is open. */
  activeId(): string | undefined {
    return this.open ? `canned-${this.active}` : undefined;
  }

  render() {
    if (this.query === null) return nothing;
    const i = this.host.i18n;
    const matches = this.matches();
    if (this.failed) return html`<p class="muted" role="status">${i.t('canned.failed')}</p>`;
    if (!this.all) return html`<p class="muted" role="status">${i.t('common.loading')}</p>`;
    if (!matches.length) return html`<p class="muted" role="status">${i.t('canned.none', { query: this.query })}</p>`;
    return html`<ul part="canned" id="canned-list" role="listbox" aria-label=${i.t('canned.label')}>
      ${matches.map(
        (reply, index) => html`<li id=${`canned-${index}`} role="option" aria-selected=${index === this.active ? 'true' : 'false'}
          @pointerdown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(reply)}>
          <strong>${reply.title}</strong> <span class="muted">${reply.text}</span>
        </li>`,
      )}
    </ul>`;
  }

  private matches(): readonly CannedResponse[] {
    const query = this.query;
    if (query === null || !this.all) return [];
    return this.all.filter((r) => !query || r.title.toLocaleLowerCase().includes(query) || r.text.toLocaleLowerCase().includes(query)).slice(0, SHOWN_MAX);
  }

  private choose(reply: CannedResponse): void {
    this.query = null;
    this.host.put(fillPlaceholders(reply.text, this.host.names()));
  }

  private async load(): Promise<void> {
    const result = await this.host.store()?.cannedResponses();
    if (!result) return;
    if (result.ok) this.all = result.value;
    else this.failed = true;
    this.host.requestUpdate();
  }
}
