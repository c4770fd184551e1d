import { html, nothing } from 'lit';
import type { StringKey } from '../../i18n/en.js';
import type { LocaleController } from '../../i18n/localize.js';
import type { CareError } from '../../model/errors.js';
import type { OutboxItem } from '../../state/outbox.js';
import type { Notice } from '../../state/types.js';
import { renderOutbox } from './outbox-list.js';

/** Every notice code has its text here (tsc checks), so no English store message reaches the agent. */
const NOTICE_KEYS: Record<Notice['code'], StringKey> = {
  'offer-timeout': 'notice.offer-timeout',
  'offer-withdrawn': 'notice.offer-withdrawn',
  'wrap-up-timeout': 'notice.wrap-up-timeout',
  'connection-lost': 'notice.connection-lost',
  'connection-restored': 'notice.connection-restored',
  'drafts-restored': 'notice.drafts-restored',
  protocol: 'notice.protocol',
  conflict: 'notice.conflict',
};

/** What the notices region needs of the desktop. */
export interface NoticeActions {
  outbox: readonly OutboxItem[];
  retry(key: string): void;
  discard(key: string): void;
  dismiss(id: number): void;
  errorText(error: CareError): string;
}

/** The desktop's notices: offline, the outbox (N3), and the latest three notices from the store, each dismissable. */
export function renderNotices(i: LocaleController, offline: boolean, all: readonly Notice[], actions: NoticeActions) {
  const notices = all.slice(-3);
  return html`${offline ? html`<p part="notice" class="warning">${i.t('common.offline')}</p>` : nothing}
    ${renderOutbox(actions.outbox, i, {
      retry: actions.retry,
      discard: actions.discard,
      errorText: (item) => (item.error ? actions.errorText(item.error) : ''),
    })}
    ${notices.map((notice) => {
      const key = NOTICE_KEYS[notice.code];
      const name = notice.name ?? i.t('common.unknownCustomer');
      return html`<p part="notice" class=${notice.level === 'info' ? 'muted' : notice.level}>
        <span>${i.tb(key, { name })}</span>
        <button type="button" aria-label=${`${i.t('common.dismiss')}: ${i.t(key, { name })}`} @click=${() => actions.dismiss(notice.id)}>×</button>
      </p>`;
    })}`;
}
