/**
 * X5: the desk's Transfer dialog. The agent picks a queue or an agent (Not
 * Ready agents are listed, not choosable) and may write a note for whoever
 * takes it next; Transfer hands the task on. A refusal is shown in the
 * dialog with the note kept. Loaded the first time Transfer is pressed.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { CareError } from '../../model/errors.js';
import { FIELD_MAX } from '../../model/limits.js';
import type { Task, TransferTarget, TransferTargets } from '../../model/types.js';
import type { LocaleController } from '../../i18n/localize.js';
import type { CareStore } from '../../state/store.js';

/** What the dialog needs of the desktop. */
export interface TransferHost {
  readonly i18n: LocaleController;
  store(): CareStore | undefined;
  errorText(error: CareError): string;
  nameOfTask(task: Task): string;
  keepTab(event: KeyboardEvent): void;
  /** The task went: announce it and put focus where the agent goes on. */
  done(task: Task, name: string, target: string): void;
  /** The dialog closed without a transfer: focus back to Transfer. */
  cancelled(): void;
}

export class TransferDialog {
  private task: Task | null = null;
  private targets: TransferTargets | null = null;
  private choice = '';
  private note = '';
  private error: CareError | null = null;
  private busy = false;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly env: TransferHost,
  ) {}

  /** Opens for `task` and fetches where it can go. */
  async open(task: Task): Promise<void> {
    Object.assign(this, { task, targets: null, choice: '', note: '', error: null });
    this.host.requestUpdate();
    const result = await this.env.store()?.transferTargets();
    if (!result || this.task !== task) return;
    if (result.ok) this.targets = result.value;
    else this.error = result.error;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[data-transfer]');
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('select')?.focus();
  }

  render() {
    const task = this.task;
    if (!task) return nothing;
    const i = this.env.i18n;
    const name = this.env.nameOfTask(task);
    const targets = this.targets;
    return html`<dialog part="dialog" data-transfer aria-labelledby="transfer-title" @keydown=${(e: KeyboardEvent) => this.env.keepTab(e)} @cancel=${() => this.close()}>
      <h2 id="transfer-title">${i.t('transfer.title', { name })}</h2>
      <form novalidate @submit=${(e: Event) => (e.preventDefault(), void this.submit(task, name))}>
        <label for="transfer-to">${i.t('transfer.to')}</label>
        <select id="transfer-to" .value=${this.choice} @change=${(e: Event) => ((this.choice = (e.target as HTMLSelectElement).value), this.host.requestUpdate())}>
          <option value="">${targets ? i.t('transfer.choose') : i.t('common.loading')}</option>
          ${targets
            ? html`<optgroup label=${i.t('transfer.queues')}>
                  ${targets.queues.filter((q) => q.media.includes(task.media)).map((q) => html`<option value=${`q:${q.id}`}>${q.name}</option>`)}
                </optgroup>
                <optgroup label=${i.t('transfer.agents')}>
                  ${targets.agents.map(
                    (a) => html`<option value=${`a:${a.id}`} ?disabled=${a.status !== 'ready'}>${a.status === 'ready' ? a.name : i.t('transfer.notReady', { name: a.name })}</option>`,
                  )}
                </optgroup>`
            : nothing}
        </select>
        <label for="transfer-note">${i.t('transfer.note')}</label>
        <textarea id="transfer-note" dir="auto" rows="3" maxlength=${FIELD_MAX} .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
        ${this.error ? html`<p class="error" role="alert">${this.env.errorText(this.error)}</p>` : nothing}
        <div class="actions">
          <button type="button" @click=${() => this.close()}>${i.t('common.cancel')}</button>
          <button type="submit" class="primary" ?disabled=${this.busy || !this.choice}>${i.t('transfer.submit')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private async submit(task: Task, name: string): Promise<void> {
    const store = this.env.store();
    const targets = this.targets;
    if (!store || !targets || !this.choice || this.busy) return;
    const [kind, id] = [this.choice.slice(0, 1), this.choice.slice(2)];
    const target: TransferTarget = kind === 'q' ? { queueId: id } : { agentId: id };
    const label = kind === 'q' ? targets.queues.find((q) => q.id === id)?.name : targets.agents.find((a) => a.id === id)?.name;
    this.busy = true;
    this.host.requestUpdate();
    const result = await store.transfer(task.id, target, this.note);
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      this.host.requestUpdate();
      return;
    }
    this.task = null;
    this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[data-transfer]')?.close();
    this.host.requestUpdate();
    this.env.done(result.value, name, label ?? id);
  }

  private close(): void {
    this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[data-transfer]')?.close();
    this.task = null;
    this.host.requestUpdate();
    this.env.cancelled();
  }
}
