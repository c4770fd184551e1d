import { expect } from '@open-wc/testing';
import { CareError } from '../../src/model/errors.js';
import { FIELD_MAX, TAG_MAX } from '../../src/model/limits.js';
import { charCount, validateComment, validateCustomerFields, validateNewRequest, validateRequestFields, validateTag } from '../../src/model/validation.js';

describe('validation', () => {
  it('R7 the description holds 2,000 characters; 2,001 is refused with a readable message', () => {
    expect(validateRequestFields({ description: 'x'.repeat(FIELD_MAX) })).to.deep.equal([]);
    const [issue] = validateRequestFields({ description: 'x'.repeat(FIELD_MAX + 1) });
    expect(issue).to.include({ field: 'description', code: 'too-long', limit: FIELD_MAX });
    expect(issue?.message).to.equal('Description is 2,001 characters; the limit is 2,000.');
  });

  it('R23 every text field has the same limit, counted in characters the agent sees', () => {
    const emoji = '😀'.repeat(FIELD_MAX);
    expect(charCount(emoji)).to.equal(FIELD_MAX);
    expect(validateRequestFields({ title: emoji })).to.deep.equal([]);
    expect(validateRequestFields({ title: `${emoji}😀` })[0]?.code).to.equal('too-long');
    expect(validateCustomerFields({ name: 'n'.repeat(FIELD_MAX + 1) })[0]?.field).to.equal('name');
    expect(validateComment('c'.repeat(FIELD_MAX + 1))[0]?.code).to.equal('too-long');
  });

  it('R21 R23 a new request needs a title and keeps every field within its limit', () => {
    expect(validateNewRequest({ title: 'Router keeps dropping', description: '' })).to.deep.equal([]);
    expect(validateNewRequest({ title: '   ', description: 'details' })[0]).to.include({ field: 'title', code: 'required' });
    expect(validateNewRequest({ title: 'Fine', description: 'x'.repeat(FIELD_MAX + 1) })[0]).to.include({ field: 'description', code: 'too-long' });
  });

  it('R9 a tag is at most 50 characters and unique regardless of case and spacing', () => {
    expect(validateTag('t'.repeat(TAG_MAX), [])).to.deep.equal([]);
    expect(validateTag('t'.repeat(TAG_MAX + 1), [])[0]?.code).to.equal('too-long');
    const dup = validateTag('  REFUND ', ['Refund']);
    expect(dup[0]?.code).to.equal('duplicate');
    expect(dup[0]?.message).to.contain('Refund');
    expect(validateTag('   ', [])[0]?.code).to.equal('required');
  });

  it('R10 email and phone are checked with clear messages; blanks are allowed', () => {
    expect(validateCustomerFields({ name: 'Ann', email: '', phone: '' })).to.deep.equal([]);
    expect(validateCustomerFields({ email: 'ann@example.com', phone: '+420 601 234 567' })).to.deep.equal([]);
    expect(validateCustomerFields({ email: 'ann@' })[0]?.code).to.equal('invalid-email');
    expect(validateCustomerFields({ phone: '12' })[0]?.code).to.equal('invalid-phone');
    expect(validateCustomerFields({ phone: '<script>' })[0]?.code).to.equal('invalid-phone');
  });

  it('a comment needs some text', () => {
    expect(validateComment('  ')[0]?.code).to.equal('required');
  });
});

describe('CareError', () => {
  it('survives a trip over a wire as JSON', () => {
    const error = CareError.validation(validateTag('x'.repeat(51), []));
    const revived = CareError.from(JSON.parse(JSON.stringify(error)));
    expect(revived.kind).to.equal('validation');
    expect(revived.issues[0]?.code).to.equal('too-long');
    expect(revived.message).to.equal(error.message);
  });

  it('N4 an error payload with malformed issues or conflict is not revived as that kind, so no element reads a broken one', () => {
    expect(CareError.from({ kind: 'validation', message: 'x', issues: 'oops' }).kind).to.equal('network');
    expect(CareError.from({ kind: 'validation', message: 'x', issues: [{ field: 'title' }] }).kind).to.equal('network');
    expect(CareError.from({ kind: 'refused', message: 'x', reason: 42 }).kind).to.equal('network');
    expect(CareError.from({ kind: 'conflict', message: 'x', conflict: { entity: 'request', id: 'r1', expectedVersion: 'one' } }).kind).to.equal('network');
    const good = { kind: 'conflict', message: 'x', conflict: { entity: 'request', id: 'r1', expectedVersion: 1, actualVersion: 2, current: {}, changedBy: { id: 'a', name: 'A' } } };
    expect(CareError.from(good).kind).to.equal('conflict');
  });

  it('turns unknown failures into network errors and aborts into aborted', () => {
    expect(CareError.from(new TypeError('Failed to fetch')).kind).to.equal('network');
    expect(CareError.from({ nonsense: true }).kind).to.equal('network');
    expect(CareError.from(new DOMException('x', 'AbortError')).kind).to.equal('aborted');
  });
});
