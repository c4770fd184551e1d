import { expect } from '@open-wc/testing';
import { CareError, type CareErrorKind, type RefusalReason } from '../../src/model/errors.js';

/** Runs `fn` and returns the CareError it throws; fails if it throws nothing or something else. */
export function caught(fn: () => unknown): CareError {
  try {
    fn();
  } catch (error) {
    expect(error, 'a CareError').to.be.instanceOf(CareError);
    return error as CareError;
  }
  expect.fail('expected a CareError, nothing was thrown');
}

/** Same, for promises. */
export async function rejected(promise: Promise<unknown>): Promise<CareError> {
  try {
    await promise;
  } catch (error) {
    expect(error, 'a CareError').to.be.instanceOf(CareError);
    return error as CareError;
  }
  expect.fail('expected a CareError, the promise resolved');
}

export function expectRefused(fn: () => unknown, reason: RefusalReason): CareError {
  const error = caught(fn);
  expect(error.kind).to.equal('refused');
  expect(error.reason).to.equal(reason);
  return error;
}

export function expectKind(fn: () => unknown, kind: CareErrorKind): CareError {
  const error = caught(fn);
  expect(error.kind, error.message).to.equal(kind);
  return error;
}
