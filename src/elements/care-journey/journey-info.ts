import { html, nothing } from 'lit';
import type { LocaleController } from '../../i18n/localize.js';
import { truncate } from '../../model/text.js';
import type { CareRequest, MediaType } from '../../model/types.js';
import type { Row } from './journey-rows.js';

/** How the journey names what its rows show, in the element's language. */
export interface RowLabels {
  i18n: LocaleController;
  request: (request: CareRequest) => string;
  status: (status: CareRequest['status']) => string;
  media: (media: MediaType) => string;
}

/** R2: what a row is, in full: the content of the journey's hover / focus popover (`part="info"`). */
export function renderInfo(row: Row | null, labels: RowLabels) {
  const i = labels.i18n;
  let body: unknown = nothing;
  if (row?.kind === 'request') {
    const r = row.request;
    body = html`<strong dir="auto">${labels.request(r)}</strong>
      <dl>
        <dt>${i.t('request.status')}</dt><dd>${labels.status(r.status)}</dd>
        <dt>${i.t('request.created')}</dt><dd>${i.dateTime(r.createdAt)}</dd>
        ${r.completedAt !== undefined ? html`<dt>${i.t('request.completed')}</dt><dd>${i.dateTime(r.completedAt)}</dd>` : nothing}
      </dl>
      ${r.description ? html`<p dir="auto">${truncate(r.description, 280)}</p>` : nothing}`;
  } else if (row?.kind === 'activity') {
    const a = row.activity;
    body = html`<strong>${labels.media(a.media)} · ${i.dateTime(a.startedAt)}</strong>
      <p dir="auto">${a.summary}</p>
      <dl>
        <dt>${i.t('journey.tags')}</dt><dd>${a.tags.length ? a.tags.map((tag, k) => html`${k ? ', ' : ''}<bdi>${tag}</bdi>`) : i.t('journey.noTags')}</dd>
        ${row.request ? html`<dt>${i.t('request.heading')}</dt><dd dir="auto">${labels.request(row.request)}</dd>` : nothing}
        ${a.endedAt !== undefined ? html`<dt>${i.t('journey.ended')}</dt><dd>${i.dateTime(a.endedAt)}</dd>` : nothing}
      </dl>`;
  }
  return html`<div part="info" popover="manual" role="tooltip" id="info">${body}</div>`;
}
