/**
 * R11's and X8's Close questions: unsaved customer or request changes (Save
 * or Discard), a customer not created (Create or close without), text typed
 * and not sent (discarded only when the agent says so; Cancel is the default).
 */
import { html, nothing } from 'lit';
import type { StringKey } from '../../i18n/en.js';
import type { LocaleController } from '../../i18n/localize.js';
import type { CareError } from '../../model/errors.js';
import type { Task, WrapUpRule } from '../../model/types.js';
import type { CloseResolution } from '../../state/store.js';
import type { UnsentKind } from '../../state/types.js';
import { keepTabInDialog } from '../dialog-focus.js';

/** Which R11 question is open, the text not sent that closing would discard (X8), and the queue's wrap-up with the answer so far (X6). */
export type Prompt = {
  task: Task;
  kind: 'unsaved' | 'not-created' | 'unsent' | 'wrap-up';
  unsent: UnsentKind[];
  wrapUp?: { rule: WrapUpRule; code: string; note: string };
  error?: CareError;
};

/** How a prompt names text not sent: the Add request form's two fields are one request. */
const UNSENT_KEYS: Record<UnsentKind, StringKey> = {
  message: 'unsent.message',
  comment: 'unsent.comment',
  tag: 'unsent.tag',
  requestTitle: 'unsent.request',
  requestDescription: 'unsent.request',
};

/** What the prompt needs of the desktop. */
export interface PromptView {
  i18n: LocaleController;
  closing: boolean;
  /** The store's clock, for the wrap-up's time left (X6). */
  now: number;
  name: string;
  errorText(error: CareError): string;
  cancel(): void;
  /** Closes, settling R11 with `resolution` (none: nothing to settle but text not sent). */
  close(resolution?: CloseResolution): void;
  /** The agent changed the wrap-up's code or note. */
  wrapUp(change: { code?: string; note?: string }): void;
}

/** X6: the time left of a task's wrap-up, for the task bar; nothing where its queue sets no limit. */
export function renderWrapUpTime(task: Task, i: LocaleController, now: number) {
  if (task.wrapUpUntil === undefined) return nothing;
  return html`<span part="wrap-up-time" role="timer">${i.t('wrapUp.left', { time: i.duration(Math.max(0, task.wrapUpUntil - now)) })}</span>`;
}

/** X6: the queue's codes and a note, and the time left; Close waits for a code where the queue requires one. */
function renderWrapUp(prompt: Prompt, view: PromptView) {
  const w = prompt.wrapUp;
  if (!w) return nothing;
  const i = view.i18n;
  const until = prompt.task.wrapUpUntil;
  return html`<div class="wrap-up">
    ${until === undefined ? nothing : html`<p class="muted" role="timer">${i.t('wrapUp.limit', { time: i.duration(Math.max(0, until - view.now)) })}</p>`}
    <label for="wrap-code">${i.t(w.rule.required ? 'wrapUp.codeRequired' : 'wrapUp.code')}</label>
    <select id="wrap-code" .value=${w.code} @change=${(e: Event) => view.wrapUp({ code: (e.target as HTMLSelectElement).value })}>
      <option value="">${i.t('wrapUp.choose')}</option>
      ${w.rule.codes.map((code) => html`<option .value=${code} ?selected=${code === w.code}>${code}</option>`)}
    </select>
    <label for="wrap-note">${i.t('wrapUp.note')}</label>
    <textarea id="wrap-note" dir="auto" rows="2" .value=${w.note} @input=${(e: Event) => view.wrapUp({ note: (e.target as HTMLTextAreaElement).value })}></textarea>
  </div>`;
}

/** Whether Close can go: a required code is chosen. */
const wrapped = (prompt: Prompt) => !prompt.wrapUp?.rule.required || !!prompt.wrapUp.code;

export function renderClosePrompt(prompt: Prompt, view: PromptView) {
  const { i18n: i, name } = view;
  const notCreated = prompt.kind === 'not-created';
  const what = i.list([...new Set(prompt.unsent.map((kind) => i.t(UNSENT_KEYS[kind])))]);
  const error = prompt.error ? html`<p class="error" role="alert">${view.errorText(prompt.error)}</p>` : nothing;
  const ready = wrapped(prompt);
  if (prompt.kind === 'wrap-up') {
    return html`<dialog part="dialog" @keydown=${keepTabInDialog} aria-labelledby="prompt-title" aria-describedby="prompt-body" @cancel=${view.cancel}>
      <h2 id="prompt-title">${i.t('wrapUp.title', { name })}</h2>
      <p id="prompt-body">${i.t('wrapUp.body')}</p>
      ${renderWrapUp(prompt, view)}
      ${error}
      <div class="actions">
        <button type="button" @click=${view.cancel}>${i.t('common.cancel')}</button>
        <button type="button" class="primary" ?disabled=${view.closing || !ready} @click=${() => view.close()}>${i.t('wrapUp.close')}</button>
      </div>
    </dialog>`;
  }
  if (prompt.kind === 'unsent') {
    return html`<dialog part="dialog" @keydown=${keepTabInDialog} aria-labelledby="prompt-title" aria-describedby="prompt-body" @cancel=${view.cancel}>
      <h2 id="prompt-title">${i.t('desktop.unsentTitle')}</h2>
      <p id="prompt-body">${i.t('desktop.unsentBody', { name, what })}</p>
      ${renderWrapUp(prompt, view)}
      ${error}
      <div class="actions">
        <button type="button" autofocus @click=${view.cancel}>${i.t('common.cancel')}</button>
        <button type="button" ?disabled=${view.closing || !ready} @click=${() => view.close()}>${i.t('desktop.discard')}</button>
      </div>
    </dialog>`;
  }
  return html`<dialog part="dialog" @keydown=${keepTabInDialog} aria-labelledby="prompt-title" aria-describedby="prompt-body" @cancel=${view.cancel}>
    <h2 id="prompt-title">${i.t(notCreated ? 'desktop.notCreatedTitle' : 'desktop.unsavedTitle')}</h2>
    <div id="prompt-body">
      <p>${i.t(notCreated ? 'desktop.notCreatedBody' : 'desktop.unsavedBody', { name })}</p>
      ${prompt.unsent.length ? html`<p>${i.t('desktop.unsentAlso', { what })}</p>` : nothing}
    </div>
    ${renderWrapUp(prompt, view)}
    ${error}
    <div class="actions">
      <button type="button" @click=${view.cancel}>${i.t('common.cancel')}</button>
      <button type="button" ?disabled=${view.closing || !ready} @click=${() => view.close('discard')}>
        ${i.t(notCreated ? 'desktop.closeWithout' : 'desktop.discard')}
      </button>
      <button type="button" class="primary" autofocus ?disabled=${view.closing || !ready} @click=${() => view.close('save')}>
        ${i.t(notCreated ? 'desktop.create' : 'desktop.save')}
      </button>
    </div>
  </dialog>`;
}
