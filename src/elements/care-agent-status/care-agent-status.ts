import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CareStatusChangeEvent, CareStatusChangedEvent, CareTaskDeclinedEvent, CareTaskOfferedEvent } from '../../events.js';
import { OFFER_TIMEOUT_MS } from '../../model/limits.js';
import type { Agent, AgentStatus, Task } from '../../model/types.js';
import { acceptTask } from '../actions.js';
import type { CareError } from '../../model/errors.js';
import { CareElement } from '../care-element.js';
import { focusIsElsewhere } from '../focus-elsewhere.js';
import { listAttribute } from '../list-attribute.js';
import { TickController } from '../tick-controller.js';
import { styles } from './care-agent-status.styles.js';

/** Offers listed at most, oldest first; more say how many more (N4: a legal flood must not freeze the page). */
const SHOWN_MAX = 50;
/** New offers named one by one at most; more are announced as a count. */
const ANNOUNCED_MAX = 3;

/**
 * The agent's status (Ready / Not Ready, R12) with how long it has lasted,
 * Not Ready's reason picked from the host's list (X3; R13's change reads
 * "Missed offer"), and the tasks offered to them
 * by push routing, each with the customer's first words (X2) and a live
 * countdown to the 15-minute limit (R13). Accept takes an offer (focus then
 * goes to the conversation's composer); Decline passes it on to the next
 * agent at once while the agent stays Ready (X2).
 * When an offer runs out the backend turns the agent Not Ready; this element
 * says why. New offers and status changes are announced to screen readers.
 *
 * @summary Agent status and pushed offers.
 * @tag care-agent-status
 *
 * @fires care-status-change - Before the agent's status changes by their choice; cancelable. `event.status`.
 * @fires care-status-changed - After the status changed, by the agent or the backend (R13). `event.agent`.
 * @fires care-task-offered - A task was offered to the agent (in one tab only, when the agent's tabs share a session). `event.task`.
 * @fires care-task-accept - Before an offer is accepted; cancelable. `event.task`.
 * @fires care-task-accepted - After an offer was accepted. `event.task`.
 * @fires care-task-declined - After the agent declined an offer (X2); it goes on to the next agent. `event.task`.
 *
 * @csspart base - The wrapper.
 * @csspart status - The status switch and its label.
 * @csspart reason - Why the status is Not Ready, when the backend changed it (R13).
 * @csspart reason-picker - The Not Ready reason's label and list (X3).
 * @csspart timer - How long the current status has lasted (X3).
 * @csspart offers - The list of offers.
 * @csspart offer - One offer.
 * @csspart offer-preview - The first words of the customer on an offer (X2).
 * @csspart countdown - An offer's time left.
 * @csspart more - How many offers there are beyond the 50 listed.
 * @csspart empty - Shown when there is no offer.
 * @csspart error - An error from the last action.
 *
 * @cssprop --care-agent-status-gap - Space between the parts.
 * @cssprop --care-agent-status-offer-border - Border colour of an offer.
 */
export class CareAgentStatus extends CareElement {
  static override styles = [...CareElement.styles, styles];

  private readonly agent = this.watch((store) => store.agent$);
  private readonly offers = this.watch((store) => store.offers$);
  // Ticks while signed in: the status timer (X3) and offer countdowns (R13) follow the clock.
  protected readonly ticker = new TickController(this, () => !!this.agent.value);

  /**
   * X3: the Not Ready reasons the agent picks from ("Lunch", "Training" …),
   * in the host's words. Unset: the language's defaults; empty: no reasons.
   * As an attribute, separated by `|`.
   */
  @property({ attribute: 'not-ready-reasons', converter: listAttribute })
  notReadyReasons: string[] | undefined;

  @state() private error: CareError | null = null;
  private seenOffers = new Set<string>();
  private lastAgent: Agent | undefined;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.store) this.noticeChanges(this.agent.value ?? null, this.offers.value ?? []);
  }

  /** Announces what arrived since the last render: new offers, a changed status. */
  private noticeChanges(agent: Agent | null, offers: readonly Task[]): void {
    const fresh = offers.filter((task) => !this.seenOffers.has(task.id));
    this.seenOffers = new Set(offers.map((task) => task.id));
    const messages: string[] = [];
    // One ring for the agent's tabs (N2): only the tab holding the link tells the host to ring.
    if (this.store?.ringsHere !== false) for (const task of fresh) this.dispatchEvent(new CareTaskOfferedEvent(task));
    // A flood of offers (a backlog replayed, N4) is one sentence, not thousands read out.
    if (fresh.length > ANNOUNCED_MAX) messages.push(this.i18n.t('offers.announceMany', { count: this.i18n.number(fresh.length) }));
    else for (const task of fresh) messages.push(this.i18n.t('offers.announce', { media: this.media(task), name: this.nameOfTask(task) }));
    // Only versions the backend confirmed count: the store shows a chosen status at once (same version)
    // and rolls it back if refused, and neither is a change to announce or report.
    const before = this.lastAgent;
    if (agent && agent.version !== before?.version) {
      this.lastAgent = agent;
      if (before && before.status !== agent.status) {
        this.dispatchEvent(new CareStatusChangedEvent(agent));
        messages.push(this.statusMessage(agent));
      }
    }
    if (messages.length) this.announce(messages.join(' '));
  }

  private statusMessage(agent: Agent): string {
    if (agent.status === 'ready') return this.i18n.t('status.nowReady');
    return agent.statusReason === 'offer-timeout' ? this.i18n.t('status.timedOut') : this.i18n.t('status.nowNotReady');
  }

  private media(task: Task): string {
    return this.mediaLabel(task.media);
  }


  private async setStatus(status: AgentStatus, reason?: string): Promise<void> {
    const agent = this.agent.value;
    if (!this.store || (agent?.status === status && (reason === undefined || (agent.notReadyReason ?? '') === reason))) return;
    if (!this.dispatchEvent(new CareStatusChangeEvent(status))) return;
    const result = await this.store.setStatus(status, reason || undefined);
    this.error = result.ok ? null : result.error;
  }

  private get reasons(): string[] {
    return this.notReadyReasons ?? this.i18n.t('status.reasons').split('|');
  }

  private async accept(task: Task): Promise<void> {
    if (!this.store) return;
    const result = await acceptTask(this, this.store, task);
    if (result) this.error = result.ok ? null : result.error;
    if (result?.ok) await this.keepFocus();
  }

  private async decline(task: Task): Promise<void> {
    if (!this.store) return;
    const result = await this.store.decline(task.id);
    this.error = result.ok ? null : result.error;
    if (!result.ok) return;
    this.dispatchEvent(new CareTaskDeclinedEvent(result.value));
    this.announce(this.i18n.t('offers.declined', { name: this.nameOfTask(task) }));
    await this.keepFocus();
  }

  /** The offer's buttons are gone: keep keyboard users here, on the next offer or the heading (unless focus went on, to the conversation). */
  private async keepFocus(): Promise<void> {
    await this.updateComplete;
    if (this.shadowRoot && !this.shadowRoot.activeElement && !focusIsElsewhere(this)) {
      this.renderRoot.querySelector<HTMLElement>('[part~=offer] button, #offers-heading')?.focus();
    }
  }

  protected override render() {
    if (!this.store) return this.renderNoStore();
    const agent = this.agent.value;
    const offers = this.offers.value ?? [];
    const i = this.i18n;
    const ready = agent?.status === 'ready';
    return html`
      <div part="base">
        <div part="status" role="group" aria-labelledby="status-label">
          <span id="status-label">${i.t('status.label')}</span>
          <button type="button" aria-pressed=${ready} ?disabled=${!agent} @click=${() => this.setStatus('ready')}>
            ${i.t('status.ready')}
          </button>
          <button type="button" aria-pressed=${!!agent && !ready} ?disabled=${!agent} @click=${() => this.setStatus('not-ready')}>
            ${i.t('status.notReady')}
          </button>
          ${agent ? this.renderTimer(agent) : nothing}
        </div>
        ${agent && !ready ? this.renderReasons(agent) : nothing}
        ${agent && !ready && agent.statusReason === 'offer-timeout'
          ? html`<p part="reason" class="warning">${i.t('status.timedOut')}</p>`
          : nothing}
        ${this.error ? html`<p part="error" class="error" role="alert">${this.errorText(this.error)}</p>` : nothing}
        <section aria-labelledby="offers-heading">
          <h2 id="offers-heading" tabindex="-1">${i.t('offers.heading')}</h2>
          ${offers.length
            ? html`<ul part="offers">${offers.slice(0, SHOWN_MAX).map((task) => this.renderOffer(task))}</ul>
                ${offers.length > SHOWN_MAX ? html`<p part="more" class="muted">${i.t('offers.more', { count: i.number(offers.length - SHOWN_MAX) })}</p>` : nothing}`
            : html`<p part="empty" class="muted">${i.t(ready ? 'offers.none' : 'offers.goReady')}</p>`}
        </section>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  private renderTimer(agent: Agent) {
    const i = this.i18n;
    const time = i.duration(this.store!.now() - agent.statusSince);
    const status = agent.status === 'ready' ? i.t('status.ready') : (this.reasonOf(agent) ?? i.t('status.notReady'));
    return html`<span part="timer" class="muted" role="timer" aria-label=${i.t('status.timer', { status, time })}>${i.t('status.for', { time })}</span>`;
  }

  /** The reason shown for a Not Ready agent: theirs, or R13's "Missed offer". */
  private reasonOf(agent: Agent): string | undefined {
    return agent.statusReason === 'offer-timeout' ? this.i18n.t('status.missedOffer') : agent.notReadyReason;
  }

  /** X3: a native list, so every platform's keyboard and screen reader know it. */
  private renderReasons(agent: Agent) {
    const i = this.i18n;
    const current = agent.statusReason === 'offer-timeout' ? '' : (agent.notReadyReason ?? '');
    const reasons = this.reasons;
    const listed = current && !reasons.includes(current) ? [current, ...reasons] : reasons;
    if (!listed.length && agent.statusReason !== 'offer-timeout') return nothing;
    return html`<label part="reason-picker">
      <span>${i.t('status.reason')}</span>
      <select @change=${(e: Event) => this.setStatus('not-ready', (e.target as HTMLSelectElement).value)}>
        ${agent.statusReason === 'offer-timeout' ? html`<option value="" disabled selected>${i.t('status.missedOffer')}</option>` : nothing}
        <option value="" ?selected=${agent.statusReason !== 'offer-timeout' && !current}>${i.t('status.noReason')}</option>
        ${listed.map((reason) => html`<option .value=${reason} ?selected=${reason === current}>${reason}</option>`)}
      </select>
    </label>`;
  }

  private renderOffer(task: Task) {
    const store = this.store!;
    const left = Math.max(0, (task.offeredAt ?? task.receivedAt) + OFFER_TIMEOUT_MS - store.now());
    const time = this.i18n.duration(left);
    const i = this.i18n;
    const label = i.t('offers.item', { media: this.media(task), name: this.nameOfTask(task) });
    return html`<li part="offer">
      <span class="what" title=${label}>${i.tb('offers.item', { media: this.media(task), name: this.nameOfTask(task) })}</span>
      <span part="countdown" class=${left < 60_000 ? 'urgent' : ''} role="timer" aria-label=${i.t('offers.timeLeft', { time })}>${time}</span>
      ${task.preview ? html`<q part="offer-preview" class="muted">${task.preview}</q>` : nothing}
      <span class="actions">
        <button type="button" class="primary" aria-label=${`${i.t('offers.accept')}: ${label}`} @click=${() => this.accept(task)}>
          ${i.t('offers.accept')}
        </button>
        <button type="button" aria-label=${`${i.t('offers.decline')}: ${label}`} @click=${() => this.decline(task)}>${i.t('offers.decline')}</button>
      </span>
    </li>`;
  }
}
