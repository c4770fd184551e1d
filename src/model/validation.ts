import { FIELD_MAX, TAG_MAX, UNITS_PER_CHAR_MAX } from './limits.js';
import { graphemeCount, isBlank, isInvisibleOnly, normaliseTag, tagKey } from './text.js';

export { normaliseTag, tagKey } from './text.js';
import type { ContactFields, RequestFields } from './types.js';

/** Machine-readable reason a value was refused. */
export type IssueCode = 'too-long' | 'required' | 'invisible' | 'duplicate' | 'invalid-email' | 'invalid-phone';

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

/** Counts characters as the agent sees them (grapheme clusters, N5), not UTF-16 units nor code points. */
export const charCount: (value: string) => number = graphemeCount;

function invisible(field: string): ValidationIssue {
  return { field, code: 'invisible', message: `${label(field)} holds only invisible characters; type something that shows.` };
}

function tooLong(field: string, value: string, limit: number): ValidationIssue | undefined {
  if (value.length <= limit) return undefined;
  // Past the bound in units it is too long whatever it shows (endless combining marks), so no schema refuses what this allows.
  const length = value.length > limit * UNITS_PER_CHAR_MAX ? Math.max(limit + 1, charCount(value)) : charCount(value);
  if (length <= limit) return undefined;
  return {
    field,
    code: 'too-long',
    limit,
    message: `${label(field)} is ${length.toLocaleString('en')} characters; the limit is ${limit.toLocaleString('en')}.`,
  };
}

/** A text field holds at most {@link FIELD_MAX} characters (R7, R23), and is not made only of invisible characters (N5). */
export function validateText(field: string, value: string): ValidationIssue[] {
  if (isInvisibleOnly(value)) return [invisible(field)];
  const issue = tooLong(field, value, FIELD_MAX);
  return issue ? [issue] : [];
}

/** Required text: something that shows (N5), within its limit. */
function validateRequired(field: string, value: string, required: string): ValidationIssue[] {
  if (!value.trim()) return [{ field, code: 'required', message: required }];
  return validateText(field, value);
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
  const title = validateRequired('title', fields.title, 'Give the request a title.');
  return title.length ? title : validateRequestFields(fields);
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

/** A new tag for an activity that already has `existing` tags (R9). */
export function validateTag(text: string, existing: readonly string[]): ValidationIssue[] {
  const tag = normaliseTag(text);
  if (!tag) return [text.trim() ? invisible('tag') : { field: 'tag', code: 'required', message: 'Type a tag first.' }];
  if (isBlank(tag)) return [invisible('tag')];
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
  return validateRequired('text', text, 'Write a comment first.');
}

/** A chat message the agent sends (R15, R23). */
export function validateMessage(text: string): ValidationIssue[] {
  return validateRequired('text', text, 'Write a message first.');
}
