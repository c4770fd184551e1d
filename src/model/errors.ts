import type { ValidationIssue } from './validation.js';
import type { EntityKind, Id } from './types.js';

/**
 * What went wrong, as a backend or transport reports it:
 * - `conflict`: someone else changed the entity since the version you based your change on (R6);
 * - `validation`: the input breaks a limit (R7, R9, R23); see `issues`;
 * - `not-found`: no such entity;
 * - `refused`: the rules forbid it now (R5 second call, R25 not in progress, R28 read-only, R29 …); see `reason`;
 * - `auth`: the agent may not do this at all;
 * - `network`: the backend could not be reached or answered nonsense;
 * - `aborted`: the caller cancelled through its AbortSignal.
 */
export type CareErrorKind = 'conflict' | 'validation' | 'not-found' | 'refused' | 'auth' | 'network' | 'aborted';

/** Machine-readable reasons for a `refused` error. */
export type RefusalReason =
  | 'call-in-progress'
  | 'not-in-progress'
  | 'read-only'
  | 'not-offered'
  | 'already-taken'
  | 'not-queued'
  | 'source-closed'
  | 'target-closed'
  | 'same-request'
  | 'other-customer'
  | 'customer-exists'
  | 'customer-required'
  | 'unsaved-changes'
  | 'agent-unavailable'
  | 'wrap-up-required'
  | 'invalid-state';

/** The latest state of an entity, carried by a conflict so the UI can offer Load (R6). */
export interface ConflictDetail {
  entity: EntityKind;
  id: Id;
  /** The version the caller based the change on. */
  expectedVersion: number;
  /** The version the backend holds now. */
  actualVersion: number;
  /** The entity as the backend holds it now (JSON data). */
  current: unknown;
  /** Who made the change the caller did not see. */
  changedBy?: { id: Id; name: string };
}

/** Serializable form of a {@link CareError}, for adapters that carry errors over a wire. */
export interface CareErrorPayload {
  kind: CareErrorKind;
  message: string;
  reason?: RefusalReason;
  issues?: ValidationIssue[];
  conflict?: ConflictDetail;
  /** For integrators, not agents: what exactly was wrong, e.g. where a payload broke its schema (N4). */
  detail?: string;
}

const KINDS: readonly CareErrorKind[] = ['conflict', 'validation', 'not-found', 'refused', 'auth', 'network', 'aborted'];

/** The one error type the engine, transports and store raise. Check `kind`. */
export class CareError extends Error {
  override readonly name = 'CareError';
  readonly kind: CareErrorKind;
  readonly reason?: RefusalReason;
  readonly issues: ValidationIssue[];
  readonly conflict?: ConflictDetail;
  /** For integrators, not agents: what exactly was wrong (N4). The message stays plain. */
  readonly detail?: string;

  constructor(payload: CareErrorPayload) {
    super(payload.message);
    this.kind = payload.kind;
    this.reason = payload.reason;
    this.issues = payload.issues ?? [];
    this.conflict = payload.conflict;
    this.detail = payload.detail;
  }

  /** A plain-data copy, for sending over a wire. */
  toJSON(): CareErrorPayload {
    const out: CareErrorPayload = { kind: this.kind, message: this.message };
    if (this.reason) out.reason = this.reason;
    if (this.issues.length) out.issues = this.issues;
    if (this.conflict) out.conflict = this.conflict;
    if (this.detail) out.detail = this.detail;
    return out;
  }

  static refused(reason: RefusalReason, message: string): CareError {
    return new CareError({ kind: 'refused', reason, message });
  }

  static notFound(entity: string, id: Id): CareError {
    return new CareError({ kind: 'not-found', message: `No ${entity} with id “${id}”.` });
  }

  static validation(issues: ValidationIssue[]): CareError {
    return new CareError({ kind: 'validation', issues, message: issues.map((i) => i.message).join(' ') });
  }

  static network(message = 'The service could not be reached.', detail?: string): CareError {
    return new CareError(detail ? { kind: 'network', message, detail } : { kind: 'network', message });
  }

  static aborted(): CareError {
    return new CareError({ kind: 'aborted', message: 'The request was cancelled.' });
  }

  /**
   * Turns anything thrown or received into a CareError: a CareError stays as
   * it is, a valid payload is revived, an AbortError becomes `aborted`, and
   * anything else becomes `network` (the backend answered something we cannot read).
   */
  static from(value: unknown): CareError {
    if (value instanceof CareError) return value;
    if (value instanceof DOMException && value.name === 'AbortError') return CareError.aborted();
    if (isCareErrorPayload(value)) return new CareError(value);
    const detail = value instanceof Error ? value.message : undefined;
    return CareError.network(detail ? `The service failed: ${detail}` : undefined);
  }
}

/**
 * Whether `value` has the shape of a {@link CareErrorPayload}, down to its
 * issues and conflict, so an element can read any revived error safely (N4).
 * The record inside a conflict is checked by the store against its schema.
 */
export function isCareErrorPayload(value: unknown): value is CareErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const optional = (x: unknown, test: (x: unknown) => boolean) => x === undefined || test(x);
  const text = (x: unknown) => typeof x === 'string';
  const record = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
  const issue = (x: unknown) => record(x) && text(x.field) && text(x.code) && text(x.message);
  const conflict = (x: unknown) =>
    record(x) && text(x.entity) && text(x.id) && Number.isFinite(x.expectedVersion) && Number.isFinite(x.actualVersion) &&
    optional(x.changedBy, (by) => record(by) && text(by.id) && text(by.name));
  return (
    text(v.message) &&
    KINDS.includes(v.kind as CareErrorKind) &&
    optional(v.reason, text) &&
    optional(v.detail, text) &&
    optional(v.issues, (x) => Array.isArray(x) && x.every(issue)) &&
    optional(v.conflict, conflict)
  );
}
