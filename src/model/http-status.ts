import type { CareErrorKind } from './errors.js';

/**
 * The HTTP status of each error kind in the Care protocol (docs/adapters.md):
 * what the reference server and the example server answer, with
 * `{ error: CareErrorPayload }` as the body. Clients trust the body's kind.
 */
export const ERROR_STATUS: Record<CareErrorKind, number> = {
  validation: 422,
  conflict: 412,
  refused: 409,
  'not-found': 404,
  auth: 401,
  network: 503,
  aborted: 499,
};
