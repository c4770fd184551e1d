import { expect } from '@open-wc/testing';
import { FIELD_MAX, TAG_MAX } from '../../src/model/limits.js';
import { graphemeCount, isBlank, isInvisibleOnly, nfc, normaliseTag, tagKey, truncate } from '../../src/model/text.js';
import { charCount, validateComment, validateCustomerFields, validateMessage, validateNewRequest, validateRequestFields, validateTag } from '../../src/model/validation.js';

const FAMILY = '👨‍👩‍👧‍👦';
const INVISIBLES = ['\u200B', ' \u200B\t', '\u202E', '\u2066\u2069', '\uFE0F', '\u3164', '\u00AD', '\uFEFF', '\u2060', '\u{E0020}', '\u2800'];

describe('N5 text hygiene (src/model/text.ts)', () => {
  it('N5 8 family emoji count as 8 characters, not 56 code points nor 88 units; ASCII and Hangul count as seen', () => {
    const eight = FAMILY.repeat(8);
    console.log(`N5 8 family emoji: ${charCount(eight)} characters (code points ${[...eight].length}, UTF-16 units ${eight.length})`);
    expect(charCount(eight)).to.equal(8);
    expect(graphemeCount('hello')).to.equal(5);
    expect(graphemeCount('한국어'.normalize('NFD'))).to.equal(3);
    expect(graphemeCount('e\u0301')).to.equal(1);
    expect(graphemeCount('\r\n')).to.equal(1);
  });

  it('N5 R7 R9 R23 every limit counts grapheme clusters', () => {
    expect(validateComment(FAMILY.repeat(FIELD_MAX))).to.deep.equal([]);
    expect(validateComment(FAMILY.repeat(FIELD_MAX + 1))[0]?.code).to.equal('too-long');
    expect(validateRequestFields({ description: FAMILY.repeat(FIELD_MAX) })).to.deep.equal([]);
    expect(validateTag(FAMILY.repeat(TAG_MAX), [])).to.deep.equal([]);
    expect(validateTag(FAMILY.repeat(TAG_MAX + 1), [])[0]?.code).to.equal('too-long');
    // Endless combining marks on one letter are too long however few characters they show.
    expect(validateComment(`a${'\u0301'.repeat(40_000)}`)[0]?.code).to.equal('too-long');
  });

  it('N5 text is composed to NFC; a cut never splits a character', () => {
    expect(nfc('e\u0301')).to.equal('é');
    expect(nfc('한'.normalize('NFD'))).to.equal('한');
    expect(truncate(FAMILY.repeat(10), 5)).to.equal(`${FAMILY.repeat(4)}…`);
  });

  it('N5 text made only of invisible characters is refused with a clear message; blanks stay "required"', () => {
    for (const text of INVISIBLES) {
      expect(isBlank(text), JSON.stringify(text)).to.equal(true);
      expect(validateComment(text)[0]?.code, JSON.stringify(text)).to.be.oneOf(['invisible', 'required']);
      expect(validateTag(text, [])[0]?.code, JSON.stringify(text)).to.be.oneOf(['invisible', 'required']);
      expect(validateNewRequest({ title: text, description: '' })[0]?.code).to.be.oneOf(['invisible', 'required']);
    }
    expect(validateComment('\u200B')).to.deep.equal([{ field: 'text', code: 'invisible', message: 'Comment holds only invisible characters; type something that shows.' }]);
    expect(validateTag('\u200B\u200B', [])[0]?.code).to.equal('invisible');
    expect(validateMessage('\u2066\u2069')[0]?.code).to.equal('invisible');
    expect(validateNewRequest({ title: '\u3164', description: '' })[0]).to.include({ field: 'title', code: 'invisible' });
    expect(validateRequestFields({ description: '\u200B' })[0]?.code).to.equal('invisible');
    expect(validateCustomerFields({ name: '\u202E' })[0]?.code).to.equal('invisible');
    expect(validateComment('   ')[0]?.code).to.equal('required');
    // Visible text with invisible characters in it is fine: an emoji needs its joiners, a name its marks.
    expect(isInvisibleOnly(FAMILY)).to.equal(false);
    expect(validateComment(`ok\u200B`)).to.deep.equal([]);
  });

  it('N5 R9 tags compare after normalisation: vip, v\\u200Bip, VIP, "v i p" spacing and NFD are one tag', () => {
    expect(tagKey('v\u200Bip')).to.equal(tagKey('vip'));
    expect(tagKey('\u202Dvip\u202C')).to.equal(tagKey('VIP'));
    expect(tagKey('caf\u00E9')).to.equal(tagKey('cafe\u0301'));
    expect(normaliseTag('  v\u200Bip  ')).to.equal('vip');
    expect(normaliseTag('cafe\u0301')).to.equal('café');
    expect(validateTag('v\u200Bip', ['vip'])[0]?.code).to.equal('duplicate');
    expect(validateTag('CAFE\u0301', ['café'])[0]?.code).to.equal('duplicate');
    // Lower-cased without the runtime's locale, so a Turkish browser and an English server agree.
    expect(tagKey('I')).to.equal('i');
  });
});
