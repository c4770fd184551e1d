import { FIELD_MAX, TAG_MAX } from './limits.js';
import type { ContactFields, RequestFields } from './types.js';

/** Machine-readable reason a value was refused. */
export type IssueCode = 'too-long' | 'required' | 'duplicate' | 'invalid-email' | 'invalid-phone';

/**
 * One thing wrong with an input. `code` and `limit` let a UI say it in the
 * agent's language; `message` is the English fallback.
 */
export interface ValidationIssue {
  field: string;
  code: IssueCode;
  message: string;
  /** The limit that was passed, for `too-long`. */
  limit?: number;
}

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  title: 'Title',
  description: 'Description',
  text: 'Comment',
  tag: 'Tag',
};

function label(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** Counts characters as the agent sees them (code points), not UTF-16 units. */
export function charCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

function tooLong(field: string, value: string, limit: number): ValidationIssue | undefined {
  const length = charCount(value);
  if (length <= limit) return undefined;
  return {
    field,
    code: 'too-long',
    limit,
    message: `${label(field)} is ${length.toLocaleString('en')} characters; the limit is ${limit.toLocaleString('en')}.`,
  };
}

/** A text field holds at most {@link FIELD_MAX} characters (R7, R23). */
export function validateText(field: string, value: string): ValidationIssue[] {
  const issue = tooLong(field, value, FIELD_MAX);
  return issue ? [issue] : [];
}

/** Request title and description (R6, R7, R23). */
export function validateRequestFields(fields: Partial<RequestFields>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of ['title', 'description'] as const) {
    const value = fields[key];
    if (value !== undefined) issues.push(...validateText(key, value));
  }
  return issues;
}

/** A new request (R21): a title to know the problem by, and every field within its limit. */
export function validateNewRequest(fields: RequestFields): ValidationIssue[] {
  if (!fields.title.trim()) return [{ field: 'title', code: 'required', message: 'Give the request a title.' }];
  return validateRequestFields(fields);
}

// Deliberately permissive: one @, something on each side, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits with the usual separators, optional leading +, 5 to 20 digits in all.
const PHONE_CHARS = /^\+?[\d\s().-]+$/;

/** Customer fields (R17, R23, R27): limits, a plausible email and phone, something to name them by. */
export function validateCustomerFields(fields: Partial<ContactFields>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of ['name', 'email', 'phone'] as const) {
    const value = fields[key];
    if (value !== undefined) issues.push(...validateText(key, value));
  }
  const email = fields.email?.trim();
  if (email && !issues.some((i) => i.field === 'email') && !EMAIL.test(email)) {
    issues.push({ field: 'email', code: 'invalid-email', message: 'Email must look like name@example.com.' });
  }
  const phone = fields.phone?.trim();
  if (phone && !issues.some((i) => i.field === 'phone')) {
    const digits = phone.replace(/\D/g, '').length;
    if (!PHONE_CHARS.test(phone) || digits < 5 || digits > 20) {
      issues.push({
        field: 'phone',
        code: 'invalid-phone',
        message: 'Phone may hold digits, spaces, ( ) - . and a leading +, 5 to 20 digits.',
      });
    }
  }
  return issues;
}

/** Trims and collapses inner whitespace; the form in which a tag is stored. */
export function normaliseTag(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Tags compare without regard to case (R9: unique on its activity). */
export function tagKey(tag: string): string {
  return normaliseTag(tag).toLocaleLowerCase();
}

/** A new tag for an activity that already has `existing` tags (R9). */
export function validateTag(text: string, existing: readonly string[]): ValidationIssue[] {
  const tag = normaliseTag(text);
  if (!tag) return [{ field: 'tag', code: 'required', message: 'Type a tag first.' }];
  const long = tooLong('tag', tag, TAG_MAX);
  if (long) return [long];
  const key = tagKey(tag);
  const twin = existing.find((t) => tagKey(t) === key);
  if (twin !== undefined) {
    return [{ field: 'tag', code: 'duplicate', message: `This activity already has the tag “${twin}”.` }];
  }
  return [];
}

/** A comment's text (R20, R23). */
export function validateComment(text: string): ValidationIssue[] {
  if (!text.trim()) return [{ field: 'text', code: 'required', message: 'Write a comment first.' }];
  return validateText('text', text);
}

/** A chat message the agent sends (R15, R23). */
export function validateMessage(text: string): ValidationIssue[] {
  if (!text.trim()) return [{ field: 'text', code: 'required', message: 'Write a message first.' }];
  return validateText('text', text);
}
