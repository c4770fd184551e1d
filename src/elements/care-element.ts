import { consume } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { Observable } from 'rxjs';
import { LocaleController, isolate } from '../i18n/localize.js';
import { displayNameOrNull } from '../model/rules.js';
import { FIELD_MAX } from '../model/limits.js';
import { isQueued } from '../state/outbox.js';
import { CareError } from '../model/errors.js';
import type { CareRequest, ContactFields, MediaType, Task } from '../model/types.js';
import type { IssueCode, ValidationIssue } from '../model/validation.js';
import { en, type StringKey } from '../i18n/en.js';
import { MEDIA_LABELS } from './icons.js';
import { careStoreContext } from '../state/context.js';
import { ObserveController } from '../state/observe-controller.js';
import type { CareStore } from '../state/store.js';
import { baseStyles } from '../styles/tokens.js';

const STATUS_LABELS: Record<CareRequest['status'], StringKey> = {
  open: 'request.status.open',
  resolved: 'request.status.resolved',
  closed: 'request.status.closed',
};

/** Labels of the fields validation issues name. */
const FIELD_KEYS: Record<string, StringKey> = {
  name: 'error.field.name',
  email: 'error.field.email',
  phone: 'error.field.phone',
  title: 'error.field.title',
  description: 'error.field.description',
  text: 'error.field.text',
  tag: 'error.field.tag',
};

/** Issue codes whose text needs nothing but the field; `too-long` takes its limit too. */
const ISSUE_KEYS: Record<Exclude<IssueCode, 'too-long'>, StringKey> = {
  required: 'issue.required',
  invisible: 'issue.invisible',
  duplicate: 'issue.duplicate',
  'invalid-email': 'issue.invalid-email',
  'invalid-phone': 'issue.invalid-phone',
};

/** What `CareError.network()` says when the backend gave no detail of its own. */
const NETWORK_DEFAULT = CareError.network().message;

interface Binding {
  controller: ObserveController<unknown>;
  select: (store: CareStore) => Observable<unknown> | null | undefined;
}

/**
 * The base of every care-* element: finds the store of the closest provider
 * through context, follows the language of the closest `[lang]`, and binds
 * Observables of the store to the render.
 */
export class CareElement extends LitElement {
  static override styles = [baseStyles];

  /** The store of the closest provider above this element. */
  @consume({ context: careStoreContext, subscribe: true })
  @state()
  protected contextStore: CareStore | undefined;

  /** The store this element works with; undefined outside a provider. */
  protected get store(): CareStore | undefined {
    return this.contextStore;
  }

  /** Strings and formats in the element's language. */
  protected readonly i18n = new LocaleController(this);

  private readonly bindings: Binding[] = [];

  /**
   * Binds what `select` returns to the render. `select` runs before every
   * update, so it may read the element's properties (a `customer-id`); the
   * store hands out the same Observable for the same key, so nothing
   * resubscribes unless the key changed.
   */
  protected watch<T>(select: (store: CareStore) => Observable<T> | null | undefined): ObserveController<T> {
    const controller = new ObserveController<T>(this);
    this.bindings.push({ controller: controller as ObserveController<unknown>, select });
    return controller;
  }

  /** The first render waits for the element's language table, so it never flashes English. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return !this.hasUpdated && this.i18n.loading ? this.firstUpdateInItsLanguage() : super.scheduleUpdate();
  }

  private async firstUpdateInItsLanguage(): Promise<void> {
    // The language may change again while its table loads; each wait is capped (LocaleController).
    for (let loading = this.i18n.loading; !this.hasUpdated && loading; loading = this.i18n.loading) await loading;
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    for (const binding of this.bindings) {
      binding.controller.source = this.store ? (binding.select(this.store) ?? null) : null;
    }
  }

  /** The R24 display name in the element's language. */
  protected nameOf(contact: Partial<ContactFields> | null | undefined): string {
    return displayNameOrNull(contact) ?? this.i18n.t('common.unknownCustomer');
  }

  /** A task's customer by display name: the saved record if known, else what the contact said (R24). */
  protected nameOfTask(task: Task): string {
    const saved = task.customerId ? this.store?.snapshot.customers.get(task.customerId) : undefined;
    return this.nameOf(saved ?? task.contact);
  }

  /** A medium in the element's language. */
  protected mediaLabel(media: MediaType): string {
    return this.i18n.t(MEDIA_LABELS[media]);
  }

  /** A request status in the element's language. */
  protected statusLabel(status: CareRequest['status']): string {
    return this.i18n.t(STATUS_LABELS[status]);
  }

  /**
   * An error, or one validation issue, in the element's language: by `kind`,
   * refusal `reason` and issue `code`, never the English `message` of the
   * engine or backend. With `field`, a validation error speaks of the issue
   * on that field when there is one. A network error keeps a detail the
   * backend sent, since it may say what to do.
   */
  protected errorText(error: CareError | ValidationIssue, field?: string): string {
    const i = this.i18n;
    if (!(error instanceof CareError)) {
      const label = FIELD_KEYS[error.field] ? i.t(FIELD_KEYS[error.field]!) : error.field;
      if (error.code === 'too-long') return i.t('error.validation.too-long', { field: label, max: i.number(error.limit ?? FIELD_MAX) });
      return i.t(ISSUE_KEYS[error.code], { field: label });
    }
    switch (error.kind) {
      case 'validation': {
        const issue = error.issues.find((candidate) => candidate.field === field) ?? error.issues[0];
        return issue ? this.errorText(issue) : i.t('error.validation');
      }
      case 'refused': {
        // A reason this version of the kit does not know (from a newer backend) reads as the generic one.
        const key = `error.refused.${error.reason ?? 'invalid-state'}` as const;
        return i.t(key in en ? key : 'error.refused.invalid-state');
      }
      case 'conflict': {
        const name = error.conflict?.changedBy?.name;
        return name ? i.t('error.conflict', { name: isolate(name) }) : i.t('error.conflictSomeone');
      }
      case 'network': {
        if (isQueued(error)) return i.t('outbox.queued');
        const text = i.t('error.network');
        const detail = error.message.trim();
        return detail && detail !== NETWORK_DEFAULT ? i.t('error.detail', { text, detail }) : text;
      }
      case 'not-found':
        return i.t('error.not-found');
      case 'auth':
        return i.t('error.auth');
      case 'aborted':
        return i.t('error.aborted');
    }
  }

  /** Text for the element's polite live region. */
  @state() protected announcement = '';

  /**
   * Says `text` through the live region. Cleared first, so the same words
   * twice in a row ("Comment added.") are announced twice.
   */
  protected announce(text: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  /** What to render when there is no provider: say so, plainly. */
  protected renderNoStore() {
    return html`<p part="error" class="error" role="alert">${this.i18n.t('common.noStore')}</p>`;
  }
}
