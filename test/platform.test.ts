import { expect } from '@open-wc/testing';

/**
 * R22: Care Kit supports current Chromium/Chrome/Edge and Firefox ESR; the
 * suite runs in both (web-test-runner.config.mjs). This checks the platform
 * features the elements rely on, so an engine that lacks one fails here
 * with its name rather than somewhere in an element.
 */
describe('platform (R22)', () => {
  it('R22 the browser is Chromium or Firefox and has what the kit uses', () => {
    expect(navigator.userAgent).to.match(/(Chrome|Firefox)\//);
    expect(typeof customElements.define, 'custom elements').to.equal('function');
    expect('adoptedStyleSheets' in Document.prototype, 'constructable style sheets').to.equal(true);
    expect(typeof HTMLDialogElement.prototype.showModal, 'dialog.showModal').to.equal('function');
    expect(typeof HTMLElement.prototype.showPopover, 'Popover API').to.equal('function');
    expect(typeof Intl.RelativeTimeFormat, 'Intl.RelativeTimeFormat').to.equal('function');
    expect(typeof Intl.PluralRules, 'Intl.PluralRules').to.equal('function');
    expect(CSS.supports('container-type', 'inline-size'), 'container queries').to.equal(true);
    expect(CSS.supports('margin-inline-start', '1px'), 'logical properties').to.equal(true);
    expect(typeof structuredClone, 'structuredClone').to.equal('function');
  });
});
