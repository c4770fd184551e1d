/**
 * How care-customer shows a customer's contact fields: read-only details
 * (R17) and the customer information form (R10) with each field's issue
 * under it (R23). Plain render functions; what the form edits, and what
 * typing and submitting do, come in through a {@link FormModel}, while the
 * state (which form is open, drafts, saving) stays in the element.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { StringKey } from '../../i18n/en.js';
import type { LocaleController } from '../../i18n/localize.js';
import { FIELD_MAX } from '../../model/limits.js';
import type { ContactFields } from '../../model/types.js';
import type { IssueCode, ValidationIssue } from '../../model/validation.js';

export type Field = keyof ContactFields;

/** The form's fields, in display order. */
export const FIELDS: readonly Field[] = ['name', 'email', 'phone'];

const LABELS: Record<Field, StringKey> = { name: 'customer.name', email: 'customer.email', phone: 'customer.phone' };
const ISSUE_KEYS: Partial<Record<IssueCode, StringKey>> = {
  'too-long': 'customer.issue.too-long',
  'invalid-email': 'customer.issue.invalid-email',
  'invalid-phone': 'customer.issue.invalid-phone',
};
// type=email would trim the value under the agent's cursor (value sanitisation), so email stays text with an email keyboard.
const INPUT_TYPES: Record<Field, string> = { name: 'text', email: 'text', phone: 'tel' };
const INPUT_MODES: Record<Field, string> = { name: 'text', email: 'email', phone: 'tel' };

/** The element's words: its locale, and its generic text for an issue the form has no words of its own for. */
export interface FormText {
  readonly i18n: LocaleController;
  errorText(issue: ValidationIssue): string;
}

/** What the form edits and how: the fields, their issues, and what typing does. */
export interface FormModel {
  values: ContactFields;
  issues: readonly ValidationIssue[];
  editable: boolean;
  onInput: (field: Field, value: string) => void;
}

/** A field's label in the element's language. */
export function fieldLabel(text: FormText, field: Field): string {
  return text.i18n.t(LABELS[field]);
}

function issueText(text: FormText, issue: ValidationIssue): string {
  const key = ISSUE_KEYS[issue.code];
  const field = FIELDS.find((f) => f === issue.field);
  if (!key || !field) return text.errorText(issue);
  return text.i18n.t(key, { field: fieldLabel(text, field), max: text.i18n.number(issue.limit ?? FIELD_MAX) });
}

/** R17: name, email and phone, with an explicit word for what is missing. */
export function renderDetails(text: FormText, contact: ContactFields): TemplateResult {
  return html`<dl part="details">
    ${FIELDS.map(
      (field) => html`<div>
        <dt>${fieldLabel(text, field)}</dt>
        <dd>${contact[field].trim() || html`<span class="muted">${text.i18n.t('customer.notGiven')}</span>`}</dd>
      </div>`,
    )}
  </dl>`;
}

/** The form (R10): the fields, then `failure`, then `actions`; submitting calls `submit` while editable. */
export function renderForm(text: FormText, model: FormModel, actions: unknown, failure: unknown, submit: () => void): TemplateResult {
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (model.editable) submit();
  };
  return html`<form part="form" id="form" aria-label=${text.i18n.t('customer.formLabel')} novalidate @submit=${onSubmit}>
    ${FIELDS.map((field) => renderField(text, field, model))}
    ${failure}
    <div part="actions">${actions}</div>
  </form>`;
}

function renderField(text: FormText, field: Field, model: FormModel): TemplateResult {
  const issue = model.issues.find((i) => i.field === field);
  const issueId = `${field}-issue`;
  return html`<div part="field">
    <label for=${field}>${fieldLabel(text, field)}</label>
    <input dir="auto"
      id=${field}
      name=${field}
      type=${INPUT_TYPES[field]}
      inputmode=${INPUT_MODES[field]}
      autocomplete="off"
      spellcheck="false"
      .value=${live(model.values[field])}
      ?readonly=${!model.editable}
      aria-invalid=${issue ? 'true' : 'false'}
      aria-describedby=${issue ? issueId : nothing}
      @input=${(event: Event) => model.onInput(field, (event.target as HTMLInputElement).value)}
    />
    ${issue ? html`<p id=${issueId} part="issue" class="error" role="alert">${issueText(text, issue)}</p>` : nothing}
  </div>`;
}
