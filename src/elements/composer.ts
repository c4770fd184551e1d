/**
 * Pieces shared by the fields where agents write (chat messages, comments,
 * tags): text kept while unsent, the character counter and over-limit note
 * (R23), and keys that must not act during an IME composition.
 */
import { css, html } from 'lit';
import { FIELD_MAX } from '../model/limits.js';
import type { Id } from '../model/types.js';
import { charCount } from '../model/validation.js';
import type { LocaleController } from '../i18n/localize.js';
import type { CareStore } from '../state/store.js';
import { token } from '../styles/tokens.js';

/**
 * Unsent text per store and record. It lives outside the element so that
 * what the agent typed survives switching records and the element being
 * removed and added again (a desktop re-laying out its panes); keyed by the
 * store so two sessions on one page never see each other's text. Each field
 * kind keeps its own instance, so a tag and a comment of one activity never mix.
 */
export class UnsentTexts {
  private readonly texts = new WeakMap<CareStore, Map<Id, string>>();

  get(store: CareStore, id: Id): string {
    return this.texts.get(store)?.get(id) ?? '';
  }

  set(store: CareStore, id: Id, text: string): void {
    let texts = this.texts.get(store);
    if (!texts) this.texts.set(store, (texts = new Map()));
    if (text) texts.set(id, text);
    else texts.delete(id);
  }

  /**
   * Takes `sent` off the front of the kept text once the backend accepted it.
   * The field stays editable while a send is under way, so anything typed
   * after the sent text is kept.
   */
  consume(store: CareStore, id: Id, sent: string): void {
    const now = this.get(store, id);
    this.set(store, id, now.startsWith(sent) ? now.slice(sent.length) : now);
  }
}

/** How a text stands against its limit (R23). */
export interface TextLimit {
  count: number;
  max: number;
  over: boolean;
}

export function textLimit(text: string, max = FIELD_MAX): TextLimit {
  const count = charCount(text);
  return { count, max, over: count > max };
}

/** "1,234 of 2,000 characters", in the element's language; `id` is for the field's aria-describedby. */
export function renderCounter(i18n: LocaleController, limit: TextLimit, id = 'counter') {
  return html`<span id=${id} part="counter" class=${limit.over ? 'over' : ''}>
    ${i18n.t('field.counter', { count: i18n.number(limit.count), max: i18n.number(limit.max) })}
  </span>`;
}

/** Says the text is over its limit; `id` is for the field's aria-describedby. */
export function renderLimitNote(message: string, id = 'limit') {
  return html`<p id=${id} part="limit" class="error" role="alert">${message}</p>`;
}

/** An Enter that confirms an IME composition (Korean, Japanese …) is not a command. */
export function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

export const composerStyles = css`
  /* A composer form: label, textarea, counter and hint on one line, the button at the end. */
  [part='composer'] {
    display: grid;
    gap: ${token('space1')};
  }
  [part='composer'] label {
    font-weight: 600;
  }
  [part='composer'] textarea {
    resize: vertical;
    min-block-size: 4.5em;
  }
  [part='composer'] .meta {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: ${token('space2')};
  }
  [part='composer'] button {
    justify-self: end;
  }
  [part~='counter'] {
    font-variant-numeric: tabular-nums;
    font-size: ${token('fontSizeSmall')};
  }
  [part~='counter'].over {
    color: ${token('colorDanger')};
    font-weight: 600;
  }
  [aria-invalid='true'] {
    border-color: ${token('colorDanger')};
  }
`;
