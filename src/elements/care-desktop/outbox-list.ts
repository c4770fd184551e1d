import { html, nothing } from 'lit';
import type { LocaleController } from '../../i18n/localize.js';
import type { OutboxItem } from '../../state/outbox.js';

const KIND_KEYS = {
  addComment: 'outbox.comment',
  sendChatMessage: 'outbox.message',
  createRequest: 'outbox.request',
  addTag: 'outbox.addTag',
  removeTag: 'outbox.removeTag',
  customer: 'outbox.customerChanges',
  request: 'outbox.requestChanges',
} as const;
const STATE_KEYS = { waiting: 'outbox.waiting', sending: 'outbox.sending' } as const;

/** What the agent sent that has not reached the backend (N3): each item, how it stands, and what they can do. */
export function renderOutbox(
  items: readonly OutboxItem[],
  i: LocaleController,
  actions: { retry(key: string): void; discard(key: string): void; errorText(item: OutboxItem): string },
) {
  if (!items.length) return nothing;
  return html`<section part="outbox" class="outbox" aria-labelledby="outbox-heading">
    <h2 id="outbox-heading">${i.t('outbox.heading')}</h2>
    <ul>
      ${items.map((item) => {
        const what = i.t(KIND_KEYS[item.op === 'save' ? item.kind : item.op]);
        const text = item.op === 'createRequest' ? item.fields.title : item.op === 'save' ? item.label : 'tag' in item ? item.tag : item.text;
        const state = item.state === 'failed' ? i.t('outbox.failed', { reason: actions.errorText(item) }) : i.t(STATE_KEYS[item.state]);
        return html`<li part="outbox-item" class=${item.state}>
          <span><strong>${what}</strong> <bdi dir="auto" class="text">${text}</bdi></span>
          <span class="state">${state}</span>
          ${item.state === 'failed'
            ? html`<button type="button" aria-label=${`${i.t('outbox.retry')}: ${what}`} @click=${() => actions.retry(item.key)}>${i.t('outbox.retry')}</button>`
            : nothing}
          ${item.state !== 'sending'
            ? html`<button type="button" aria-label=${`${i.t('outbox.discard')}: ${what}`} @click=${() => actions.discard(item.key)}>${i.t('outbox.discard')}</button>`
            : nothing}
        </li>`;
      })}
    </ul>
  </section>`;
}
