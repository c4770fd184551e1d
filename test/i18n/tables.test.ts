import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { cs } from '../../src/i18n/cs.js';
import { en, type StringKey } from '../../src/i18n/en.js';
import { LocaleController, availableLanguages, loadLanguage, registerLanguageLoader, registerTranslations, translate } from '../../src/i18n/index.js';
import { ko } from '../../src/i18n/ko.js';
import '../../src/define.js';

const english = en as Record<string, string>;
const translations: [string, Record<string, string>][] = [
  ['ko', ko],
  ['cs', cs],
];

/** The `{name}` parameters of a string, sorted, duplicates kept. */
function params(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** The English key a translated key answers to: itself, or `base.other` for a plural form English lacks. */
function englishKeyOf(key: string): string | undefined {
  if (key in english) return key;
  const plural = /^(.+)\.(zero|one|two|few|many|other)$/.exec(key);
  return plural && `${plural[1]}.other` in english ? `${plural[1]}.other` : undefined;
}

/** A bare element with a LocaleController, to test plural choice in a `[lang]` subtree. */
class LocaleProbe extends LitElement {
  readonly i18n = new LocaleController(this);
}
customElements.define('i18n-locale-probe', LocaleProbe);

async function probe(lang: string): Promise<LocaleProbe> {
  const wrapper = await fixture(html`<div lang=${lang}><i18n-locale-probe></i18n-locale-probe></div>`);
  const el = wrapper.querySelector<LocaleProbe>('i18n-locale-probe');
  if (!el) throw new Error('probe not mounted');
  await el.updateComplete;
  return el;
}

/** Registers a loader for `lang` that hands out `table` and counts how often it was asked. */
function countingLoader(lang: string, table: Record<string, string>): { loads: number } {
  const counter = { loads: 0 };
  registerLanguageLoader(lang, async () => {
    counter.loads++;
    return table;
  });
  return counter;
}

describe('translation tables', () => {
  // The tables are loaded on demand; load them before checking what they say.
  before(() => Promise.all([loadLanguage('ko'), loadLanguage('cs')]));

  it('registers ko and cs next to English', () => {
    expect(availableLanguages()).to.include.members(['en', 'ko', 'cs']);
  });

  for (const [lang, table] of translations) {
    describe(lang, () => {
      it('has every English key, non-empty', () => {
        const missing = Object.keys(english).filter((key) => !(key in table));
        const empty = Object.keys(english).filter((key) => key in table && !table[key]?.trim());
        expect(missing, 'missing keys').to.deep.equal([]);
        expect(empty, 'empty strings').to.deep.equal([]);
      });

      it('has no key English does not know (other than extra plural forms)', () => {
        expect(Object.keys(table).filter((key) => englishKeyOf(key) === undefined)).to.deep.equal([]);
      });

      it('keeps exactly the parameters of the English string', () => {
        const wrong = Object.entries(table)
          .filter(([key, text]) => {
            const source = englishKeyOf(key);
            return source !== undefined && params(text).join() !== params(english[source] ?? '').join();
          })
          .map(([key, text]) => `${key}: ${text}`);
        expect(wrong).to.deep.equal([]);
      });

      it('contains no markup', () => {
        expect(Object.entries(table).filter(([, text]) => /[<>]/.test(text))).to.deep.equal([]);
      });

      it('keeps the clock formats', () => {
        expect(table['time.minutes']).to.equal(en['time.minutes']);
        expect(table['time.hours']).to.equal(en['time.hours']);
      });
    });
  }

  it('gives every English plural base the Czech few and many forms', () => {
    const bases = Object.keys(english)
      .filter((key) => key.endsWith('.other'))
      .map((key) => key.slice(0, -'.other'.length));
    expect(bases).to.not.be.empty;
    for (const base of bases) {
      for (const form of ['one', 'few', 'many', 'other']) {
        expect(cs, `${base}.${form}`).to.have.property(`${base}.${form}`);
      }
    }
  });
});

describe('translate and plural', () => {
  it('translates into Korean', () => {
    expect(translate('ko', 'status.ready')).to.equal('준비');
    expect(translate('ko', 'comm.transcript', { name: 'Ann Lee' })).to.equal('Ann Lee님과의 채팅');
  });

  it('falls back from a region tag to its base language', () => {
    expect(translate('cs-CZ', 'status.notReady')).to.equal(cs['status.notReady']);
    expect(translate('KO-kr', 'status.ready')).to.equal(ko['status.ready']);
  });

  it('falls back to English for a key the language lacks', () => {
    registerTranslations('xx', { 'status.ready': 'XX ready' });
    expect(translate('xx', 'status.ready')).to.equal('XX ready');
    expect(translate('xx', 'status.notReady')).to.equal(en['status.notReady']);
    expect(translate('xx-YY', 'offers.timeLeft', { time: '1:00' })).to.equal('Time left to accept: 1:00');
  });

  it('a host overrides one string of a shipped language without forking, and mounted elements re-render with it', async () => {
    await loadLanguage('cs');
    const wrapper = await fixture(html`<div lang="cs"><care-queue></care-queue></div>`);
    const el = wrapper.querySelector('care-queue')!;
    await el.updateComplete;
    expect(el.shadowRoot?.textContent).to.contain(cs['common.noStore']);
    const original = cs['common.noStore'];
    try {
      registerTranslations('cs', { 'common.noStore': 'Chybí poskytovatel (přepsáno hostitelem).' });
      await el.updateComplete;
      expect(el.shadowRoot?.textContent).to.contain('Chybí poskytovatel (přepsáno hostitelem).');
      expect(translate('cs', 'status.ready'), 'the rest of the table stays').to.equal(cs['status.ready']);
    } finally {
      registerTranslations('cs', { 'common.noStore': original });
    }
  });

  it('picks the Czech one, few, many and other forms', async () => {
    const el = await probe('cs');
    expect(el.i18n.lang).to.equal('cs');
    expect(el.i18n.plural('queue.count', 1)).to.equal('1 úkol čeká');
    expect(el.i18n.plural('queue.count', 3)).to.equal('3 úkoly čekají');
    expect(el.i18n.plural('queue.count', 5)).to.equal('5 úkolů čeká');
    expect(el.i18n.plural('queue.count', 1.5)).to.equal('1,5 úkolu čeká');
  });

  it('picks the Czech forms for a region tag too', async () => {
    const el = await probe('cs-CZ');
    expect(el.i18n.plural('queue.count', 2)).to.equal('2 úkoly čekají');
  });

  it('uses the Korean text for one', async () => {
    const el = await probe('ko');
    expect(el.i18n.plural('queue.count', 1)).to.equal('대기 중인 작업 1개');
    expect(el.i18n.plural('queue.count', 7)).to.equal('대기 중인 작업 7개');
  });

  it('stays English where no language is set', async () => {
    const el = await probe('en');
    expect(el.i18n.plural('queue.count', 1)).to.equal('1 task waiting');
    expect(translate('en', 'status.ready' satisfies StringKey)).to.equal('Ready');
  });

  it('a language registered with a loader is fetched when an element first meets it, then re-renders', async () => {
    const loader = countingLoader('zz', { 'status.ready': 'ZZ ready' });
    const el = await probe('zz');
    await loadLanguage('zz');
    await el.updateComplete;
    expect(el.i18n.t('status.ready')).to.equal('ZZ ready');
    expect(el.i18n.t('status.notReady')).to.equal('Not Ready');
    await probe('zz');
    expect(loader.loads).to.equal(1);
  });
  /** A loader the test finishes by hand: `done(table)` or `fail()`. */
  function deferredLoader(lang: string) {
    let done!: (table: Record<string, string>) => void;
    let fail!: () => void;
    const table = new Promise<Record<string, string>>((resolve, reject) => ((done = resolve), (fail = () => reject(new Error('offline')))));
    registerLanguageLoader(lang, () => table);
    return { done, fail };
  }

  it('keeps the previous language, strings and formats together, while the next one loads', async () => {
    const load = deferredLoader('zy');
    const el = await probe('en');
    const wrapper = el.parentElement!;
    wrapper.setAttribute('lang', 'zy');
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(el.i18n.lang, 'not switched before its table is here').to.equal('en');
    expect(el.i18n.t('status.ready')).to.equal('Ready');
    load.done({ 'status.ready': 'ZY ready' });
    await loadLanguage('zy');
    await el.updateComplete;
    expect(el.i18n.lang).to.equal('zy');
    expect(el.i18n.t('status.ready')).to.equal('ZY ready');
  });

  it('an element first meeting a language that is loading waits for it instead of flashing English', async () => {
    const load = deferredLoader('zx');
    const wrapper = await fixture(html`<div lang="zx"><care-queue></care-queue></div>`);
    const el = wrapper.querySelector('care-queue')!;
    await new Promise((r) => setTimeout(r, 20));
    expect(el.shadowRoot?.textContent ?? '', 'nothing rendered yet').not.to.contain(en['common.noStore']);
    load.done({ 'common.noStore': 'ZX needs a provider' });
    await loadLanguage('zx');
    await el.updateComplete;
    expect(el.shadowRoot?.textContent).to.contain('ZX needs a provider');
    expect(el.shadowRoot?.textContent).not.to.contain(en['common.noStore']);
  });

  it('a loader for a regional variant runs even though its base language is there (en-GB over en)', async () => {
    const loader = countingLoader('en-GB', { 'status.ready': 'Ready (GB)' });
    const el = await probe('en-GB');
    // Only the element meeting the language fetches it; nothing here calls loadLanguage.
    await waitUntil(() => el.i18n.lang === 'en-GB', 'the en-GB table arrives', { timeout: 2000 });
    expect(loader.loads).to.equal(1);
    expect(el.i18n.t('status.ready')).to.equal('Ready (GB)');
    expect(el.i18n.t('status.notReady'), 'the rest from English').to.equal(en['status.notReady']);
  });

  it('a language whose table cannot be fetched shows English, never a blank', async () => {
    const load = deferredLoader('zw');
    const wrapper = await fixture(html`<div lang="zw"><care-queue></care-queue></div>`);
    const el = wrapper.querySelector('care-queue')!;
    load.fail();
    await loadLanguage('zw');
    await el.updateComplete;
    expect(el.shadowRoot?.textContent).to.contain(en['common.noStore']);
  });
});
