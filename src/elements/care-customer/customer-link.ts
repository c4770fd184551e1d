/**
 * X4: a new contact may belong to a customer the backend did not match
 * (another email, a phone typed differently). Before Create, the desk
 * suggests customers like it (by name, the email's name part, the phone's
 * last digits) and lets the agent search; Link files the task's activity
 * with that customer instead of creating a duplicate.
 */
import { html, nothing, type ReactiveController } from 'lit';
import type { CareError } from '../../model/errors.js';
import type { ContactFields, Customer, Task } from '../../model/types.js';
import type { CareStore } from '../../state/store.js';
import type { LocaleController } from '../../i18n/localize.js';
import type { CareElement } from '../care-element.js';

/** Suggestions shown at most. */
const SUGGESTED_MAX = 5;

/** The searches that find customers like `contact`, most telling first. */
export function likeQueries(contact: ContactFields): string[] {
  const local = contact.email.split('@')[0]?.trim() ?? '';
  const digits = contact.phone.replace(/\D/g, '');
  return [local.length >= 3 ? local : '', digits.length >= 5 ? digits.slice(-7) : '', contact.name.trim()].filter(Boolean);
}

export class CustomerLink implements ReactiveController {
  private taskId: string | null = null;
  private suggested: readonly Customer[] = [];
  private found: readonly Customer[] | null = null;
  private query = '';
  private error: CareError | null = null;
  private busy = false;

  constructor(
    private readonly host: CareElement,
    private readonly env: { i18n: LocaleController; store(): CareStore | undefined; errorText(error: CareError): string; linked(customer: Customer): void },
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.taskId = null;
  }

  /** The section for `task`; fetches its suggestions the first time it is shown. */
  render(task: Task) {
    if (task.id !== this.taskId) this.start(task);
    const i = this.env.i18n;
    return html`<section part="link" aria-labelledby="link-heading">
      <h3 id="link-heading">${i.t('customer.linkHeading')}</h3>
      <p class="muted">${i.t('customer.linkHint')}</p>
      ${this.suggested.length ? html`<p class="muted" id="matches-label">${i.t('customer.matches')}</p>${this.renderList(task, this.suggested, 'matches-label')}` : nothing}
      <form role="search" class="find" @submit=${(e: Event) => (e.preventDefault(), void this.search())}>
        <label for="link-search">${i.t('customer.findLabel')}</label>
        <input id="link-search" type="search" dir="auto" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
        <button type="submit" ?disabled=${this.busy}>${i.t('customer.find')}</button>
      </form>
      ${this.found ? (this.found.length ? this.renderList(task, this.found, 'link-search') : html`<p class="muted">${i.t('customer.noMatches', { query: this.query.trim() })}</p>`) : nothing}
      ${this.error ? html`<p class="error" role="alert">${i.t('customer.linkFailed')} ${this.env.errorText(this.error)}</p>` : nothing}
    </section>`;
  }

  private renderList(task: Task, customers: readonly Customer[], labelledBy: string) {
    const i = this.env.i18n;
    return html`<ul part="matches" aria-labelledby=${labelledBy}>
      ${customers.map(
        (c) => html`<li>
          <span class="who"><bdi>${c.name}</bdi><span class="muted"> · <bdi>${c.email || i.t('queue.none')}</bdi> · ${c.phone || i.t('queue.none')}</span></span>
          <button type="button" ?disabled=${this.busy} aria-label=${i.t('customer.linkLabel', { name: c.name })} @click=${() => this.link(task, c)}>${i.t('customer.link')}</button>
        </li>`,
      )}
    </ul>`;
  }

  private start(task: Task): void {
    this.taskId = task.id;
    this.suggested = [];
    this.found = null;
    this.query = '';
    this.error = null;
    const store = this.env.store();
    if (!store || task.state !== 'accepted') return;
    void Promise.all(likeQueries(task.contact).map((q) => store.searchCustomers(q))).then((results) => {
      if (this.taskId !== task.id) return;
      // Ranked by how many of the searches found a customer: one found by email and phone comes before one found by name.
      const hits = new Map<string, { customer: Customer; score: number }>();
      for (const result of results) {
        if (!result.ok) continue;
        for (const customer of result.value) hits.set(customer.id, { customer, score: (hits.get(customer.id)?.score ?? 0) + 1 });
      }
      this.suggested = [...hits.values()].sort((a, b) => b.score - a.score).slice(0, SUGGESTED_MAX).map((h) => h.customer);
      this.host.requestUpdate();
    });
  }

  private async search(): Promise<void> {
    const store = this.env.store();
    const query = this.query.trim();
    if (!store || !query) return;
    this.busy = true;
    this.host.requestUpdate();
    const result = await store.searchCustomers(query);
    this.busy = false;
    this.error = result.ok ? null : result.error;
    this.found = result.ok ? result.value : null;
    this.host.requestUpdate();
  }

  private async link(task: Task, customer: Customer): Promise<void> {
    const store = this.env.store();
    if (!store || this.busy) return;
    this.busy = true;
    this.host.requestUpdate();
    const result = await store.linkCustomer(task.id, customer.id);
    this.busy = false;
    this.error = result.ok ? null : result.error;
    this.host.requestUpdate();
    if (result.ok) this.env.linked(customer);
  }
}
