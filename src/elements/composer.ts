/**
 * Pieces shared by the fields where agents write (chat messages, comments,
 * tags; their unsent text is the store's, X8): the character counter and over-limit note
 * (R23), and keys that must not act during an IME composition.
 */
import { css, html } from 'lit';
import { FIELD_MAX } from '../model/limits.js';
import { charCount } from '../model/validation.js';
import type { LocaleController } from '../i18n/localize.js';
import { token } from '../styles/tokens.js';

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
  /* Sent while offline: nothing is wrong, it waits in the outbox (N3). */
  [part~='queued'] {
    margin: 0;
    font-size: ${token('fontSizeSmall')};
  }
`;

/** Whether the outbox still holds something the agent sent from the composer of `activityId` (N3). */
export function waitsInOutbox(outbox: readonly { op: string; activityId?: string }[] | undefined, activityId: string): boolean {
  return (outbox ?? []).some((item) => (item.op === 'addComment' || item.op === 'sendChatMessage') && item.activityId === activityId);
}
