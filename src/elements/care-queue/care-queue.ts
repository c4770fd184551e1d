import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { CareTaskSelectEvent } from '../../events.js';
import { mostRecentOpenRequest } from '../../model/rules.js';
import type { Task } from '../../model/types.js';
import { acceptTask } from '../actions.js';
import { mediaIcon } from '../icons.js';
import type { CareError } from '../../model/errors.js';
import { CareElement } from '../care-element.js';
import { focusIsElsewhere } from '../focus-elsewhere.js';
import { RovingFocusController } from '../roving-focus.js';
import { TickController } from '../tick-controller.js';
import { isVirtual, renderList, type VirtualListOptions } from '../virtual-list.js';
import { styles } from './care-queue.styles.js';

const NONE: readonly Task[] = [];
const taskKey = (task: Task): string => task.id;

/**
 * Lists up to 60 tasks render as plain lists; longer ones are virtualised
 * (the virtualizer fetched when a list first needs it), so the DOM does not
 * grow with the queue. Until it arrives, the first screenful shows.
 */
const LIST: Omit<VirtualListOptions, 'loaded'> = { from: 60, firstItems: 30 };

/**
 * The queue of tasks an agent may pick (R26) and the list of tasks in
 * progress (R14). Selecting a queued task previews its customer, the
 * request its activity will join and the activity itself, read-only
 * (R1, R4, R25). Accept moves it to in progress (R3); a refusal such as a
 * second call (R5) is shown right there. Each task in progress shows the
 * customer lines the agent has not seen and how long the customer has
 * waited for a reply, turning to the warning and alarm colours past
 * `wait-warning` and `wait-alarm` seconds (X1). Long names end in an
 * ellipsis, the full name in the tooltip and the accessible name (X10).
 *
 * Long lists are virtualised: only the rows in view are in the DOM, each
 * with `aria-setsize` and `aria-posinset`, and keyboard use is the same.
 *
 * Keyboard: each list is one tab stop. Up and Down (Home and End) move
 * between its tasks; Enter or Space selects (queue) or opens (in progress)
 * the task. In the queue, Tab goes from the current task to its own Accept
 * button (a plain button, announced as "Accept: Chat from …"), and Tab again
 * leaves the list; Up and Down work from Accept too. Accepting moves focus
 * to the accepted task in the in-progress list. While a long list's current
 * task is scrolled out, Tab stops on the list, which hands focus on to the
 * task, scrolled back in.
 *
 * @summary Pick queue with preview, and the in-progress list.
 * @tag care-queue
 *
 * @fires care-task-select - The agent selected a queued task to preview, or closed the preview (`task` null).
 * @fires care-task-accept - Before a task is accepted; cancelable. `event.task`.
 * @fires care-task-accepted - After a task was accepted. `event.task`.
 *
 * @csspart base - The wrapper.
 * @csspart list - A list of tasks (the queue, and the in-progress list).
 * @csspart item - One task in a list.
 * @csspart preview - The read-only preview of the selected task.
 * @csspart empty - Shown when a list is empty.
 * @csspart error - Why the last accept failed.
 * @csspart unread - An in-progress task's count of customer lines not seen yet (X1).
 * @csspart waiting - How long the customer has waited for a reply, with the class `warning` or `alarm` past the limits (X1).
 *
 * @cssprop --care-queue-gap - Space between the sections.
 * @cssprop --care-queue-item-gap - Space between items.
 * @cssprop --care-queue-item-background - Background of an item.
 * @cssprop --care-queue-height - Height of a long (virtualised, scrolling) list (default 24rem).
 */
export class CareQueue extends CareElement {
  static override styles = [...CareElement.styles, styles];

  private readonly queue = this.watch((store) => store.queue$);
  private readonly inProgress = this.watch((store) => store.inProgress$);
  private readonly selected = this.watch((store) => store.selectedTask$);
  private readonly active = this.watch((store) => store.activeTask$);
  private readonly attention = this.watch((store) => store.attention$);
  private readonly previewCustomer = this.watch((store) => {
    const id = this.selected.value?.customerId;
    return id ? store.customer$(id) : null;
  });
  private readonly previewJourney = this.watch((store) => {
    const id = this.selected.value?.customerId;
    return id ? store.journey$(id) : null;
  });
  private readonly previewActivity = this.watch((store) => {
    const id = this.selected.value?.activityId;
    return id ? store.activity$(id) : null;
  });
  protected readonly queueFocus = new RovingFocusController<Task>(this, {
    list: () => this.renderRoot.querySelector<HTMLElement>('ul[data-list=queue]'),
    items: () => this.queue.value ?? NONE,
    key: taskKey,
    initial: () => [this.selected.value?.id],
    virtual: () => isVirtual(this.queue.value?.length ?? 0, LIST),
  });
  protected readonly progressFocus = new RovingFocusController<Task>(this, {
    list: () => this.renderRoot.querySelector<HTMLElement>('ul[data-list=in-progress]'),
    items: () => this.inProgress.value ?? NONE,
    key: taskKey,
    initial: () => [this.selected.value ? null : this.active.value?.id],
    virtual: () => isVirtual(this.inProgress.value?.length ?? 0, LIST),
  });
  protected readonly ticker = new TickController(this, () => (this.queue.value?.length ?? 0) + (this.inProgress.value?.length ?? 0) > 0);

  @state() private error: CareError | null = null;

  /** X1: seconds a customer may wait for a reply before the in-progress row turns to the warning colour. */
  @property({ type: Number, attribute: 'wait-warning' })
  waitWarning = 60;

  /** X1: seconds a customer may wait before the row turns to the alarm colour. */
  @property({ type: Number, attribute: 'wait-alarm' })
  waitAlarm = 180;

  private media(task: Task): string {
    return this.mediaLabel(task.media);
  }

  private select(task: Task): void {
    const next = this.selected.value?.id === task.id ? null : task;
    this.store?.selectTask(next?.id ?? null);
    this.dispatchEvent(new CareTaskSelectEvent(next));
  }

  private async accept(task: Task): Promise<void> {
    if (!this.store) return;
    const result = await acceptTask(this, this.store, task);
    if (!result) return;
    this.error = result.ok ? null : result.error;
    if (result.ok) this.announce(this.i18n.t('queue.accepted', { media: this.media(task), name: this.nameOfTask(task) }));
    if (result.ok) await this.focusWorking(task);
  }

  /** After an accept, focus follows the task to the in-progress list (R3) if it was in this element. */
  private async focusWorking(task: Task): Promise<void> {
    await this.updateComplete;
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (active ? !active.closest('ul[data-list=queue]') : focusIsElsewhere(this)) return;
    if (this.progressFocus.has(task.id)) await this.progressFocus.focus(task.id);
  }

  private open(task: Task): void {
    this.store?.selectTask(null);
    this.store?.activateTask(task.id);
  }

  protected override render() {
    if (!this.store) return this.renderNoStore();
    const i = this.i18n;
    const queue = this.queue.value ?? [];
    const working = this.inProgress.value ?? [];
    return html`
      <div part="base">
        <section aria-labelledby="queue-heading">
          <h2 id="queue-heading">
            ${i.t('queue.heading')} <span class="muted">${i.plural('queue.count', queue.length)}</span>
          </h2>
          ${this.error ? html`<p part="error" class="error" role="alert">${this.errorText(this.error)}</p>` : nothing}
          ${queue.length
            ? keyed(isVirtual(queue.length, LIST), html`<ul part="list" data-list="queue" class=${isVirtual(queue.length, LIST) ? 'virtual' : ''} tabindex="-1" aria-labelledby="queue-heading">
                ${renderList(queue, taskKey, (task, index) => this.renderQueued(task, index, queue.length), this.listOptions)}
              </ul>`)
            : html`<p part="empty" class="muted">${i.t('queue.empty')}</p>`}
          ${this.renderPreview()}
        </section>
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading">${i.t('progress.heading')}</h2>
          ${working.length
            ? keyed(isVirtual(working.length, LIST), html`<ul part="list in-progress" data-list="in-progress" class=${isVirtual(working.length, LIST) ? 'virtual' : ''} tabindex="-1" aria-labelledby="progress-heading">
                ${renderList(working, taskKey, (task, index) => this.renderWorking(task, index, working.length), this.listOptions)}
              </ul>`)
            : html`<p part="empty" class="muted">${i.t('progress.empty')}</p>`}
        </section>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  private readonly listOptions: VirtualListOptions = { ...LIST, loaded: () => this.requestUpdate() };

  /** A virtualised list has only some of its rows in the DOM: each says where it is in the whole (setsize, posinset). */
  private renderQueued(task: Task, index: number, count: number) {
    const i = this.i18n;
    const selected = this.selected.value?.id === task.id;
    const name = this.nameOfTask(task);
    const waited = i.duration(this.store!.now() - task.receivedAt);
    const tabindex = this.queueFocus.tabindex(task.id);
    return html`<li part="item" data-key=${task.id} aria-setsize=${count} aria-posinset=${index + 1}>
      <button type="button" data-task=${task.id} tabindex=${tabindex} aria-pressed=${selected} aria-controls=${selected ? 'preview' : nothing} @click=${() => this.select(task)}>
        ${mediaIcon(task.media)}
        <span class="name" title=${name}><span class="visually-hidden">${this.media(task)}: </span><bdi class="who">${name}</bdi></span>
        <span class="meta"><span class="when muted">${i.t('queue.waiting', { time: waited })}</span></span>
      </button>
      <button type="button" class="primary" data-accept tabindex=${tabindex} aria-label=${i.t('queue.acceptLabel', { media: this.media(task), name })} @click=${() => this.accept(task)}>
        ${i.t('queue.accept')}
      </button>
    </li>`;
  }

  private renderWorking(task: Task, index: number, count: number) {
    const i = this.i18n;
    const now = this.store!.now();
    const since = i.duration(now - (task.acceptedAt ?? task.receivedAt));
    const current = this.active.value?.id === task.id && !this.selected.value;
    const attention = this.attention.value?.[task.id];
    const name = this.nameOfTask(task);
    return html`<li part="item" data-key=${task.id} aria-setsize=${count} aria-posinset=${index + 1}>
      <button type="button" data-task=${task.id} tabindex=${this.progressFocus.tabindex(task.id)} aria-current=${current ? 'true' : 'false'} @click=${() => this.open(task)}>
        ${mediaIcon(task.media)}
        <span class="name" title=${name}><span class="visually-hidden">${this.media(task)}: </span><bdi class="who">${name}</bdi></span>
        <span class="meta">
          ${attention?.unread ? html`<span part="unread" class="unread"><span aria-hidden="true">${i.number(attention.unread)}</span><span class="visually-hidden">${i.plural('progress.unread', attention.unread)}</span></span>` : nothing}
          <span class="when muted">${task.wrapUpUntil === undefined ? i.t('progress.since', { time: since }) : i.t('wrapUp.left', { time: i.duration(Math.max(0, task.wrapUpUntil - now)) })}</span>
          ${attention?.waitingSince != null ? this.renderWaiting(now - attention.waitingSince) : nothing}
        </span>
      </button>
    </li>`;
  }

  /** X1: how long the customer has waited for a reply, in the warning colours past the host's limits. */
  private renderWaiting(waited: number) {
    const level = waited >= this.waitAlarm * 1000 ? 'alarm' : waited >= this.waitWarning * 1000 ? 'warning' : '';
    return html`<span part="waiting" class=${`waiting ${level}`}>${this.i18n.t('progress.waiting', { time: this.i18n.duration(waited) })}</span>`;
  }

  /** R1: what the agent sees before accepting; R4: the request the activity will join; R25: read-only. */
  private renderPreview() {
    const task = this.selected.value;
    if (!task || task.state === 'accepted') return nothing;
    const i = this.i18n;
    const customer = this.previewCustomer.value;
    const journey = this.previewJourney.value;
    const activity = this.previewActivity.value;
    const contact = customer?.status === 'ready' ? customer.value : task.contact;
    const open = journey?.status === 'ready' ? mostRecentOpenRequest(journey.value.requests) : undefined;
    const request = !task.customerId
      ? i.t('queue.newRequest')
      : journey?.status !== 'ready'
        ? i.t('common.loading')
        : open
          ? i.tb('queue.joinsRequest', { title: open.title })
          : i.t('queue.newRequest');
    return html`<div part="preview" id="preview" role="region" aria-label=${i.t('queue.previewHeading')}>
      <dl>
        <dt>${i.t('queue.customer')}</dt>
        <dd><bdi>${this.nameOf(contact)}</bdi>${task.customerId ? nothing : html` <span class="muted">(${i.t('queue.newCustomer')})</span>`}</dd>
        <dt>${i.t('queue.email')}</dt>
        <dd><bdi>${contact.email || i.t('queue.none')}</bdi></dd>
        <dt>${i.t('queue.phone')}</dt>
        <dd>${contact.phone || i.t('queue.none')}</dd>
        <dt>${i.t('queue.request')}</dt>
        <dd>${request}</dd>
        <dt>${i.t('queue.activity')}</dt>
        <dd>
          ${this.media(task)} · ${i.t('queue.received', { time: i.time(task.receivedAt) })}
          ${activity?.status === 'ready' && activity.value.summary ? html`<br />${i.t('common.quoted', { text: activity.value.summary })}` : nothing}
        </dd>
      </dl>
      <p class="muted">${i.t('queue.previewOnly')}</p>
    </div>`;
  }
}
