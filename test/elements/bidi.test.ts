/** N5: names and tags inside sentences are isolated for bidi (`<bdi>`), and typed text takes its own direction (`dir=auto`). */
import { expect, html } from '@open-wc/testing';
import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import type { CareRequestElement } from '../../src/elements/care-request/care-request.js';
import { ANN, START, acceptPicked, chat, fixtureSeed } from '../support/fixtures.js';
import { mount, rendered, shadow } from '../support/mount.js';
import { session, settle, until } from '../support/session.js';

// A colleague whose name starts with RIGHT-TO-LEFT OVERRIDE: unisolated, it reverses everything after it.
const EVIL = '\u202EkraP ha-ooS';

function engineWithColleague(name: string): CareEngine {
  const seed = fixtureSeed();
  seed.agents = seed.agents.map((a) => (a.id === 'agent-2' ? { ...a, name } : a));
  return new CareEngine({ clock: new VirtualClock(START), seed });
}

/** The text of `root` outside any `<bdi>`: what the name could reorder if it were not isolated. */
function textOutsideBdi(root: Node): string {
  let out = '';
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent;
    else if (node instanceof Element && node.localName !== 'bdi') out += textOutsideBdi(node);
  }
  return out;
}

describe('N5 bidi isolation in the elements', () => {
  it('N5 R6 a colleague named with U+202E does not reverse the conflict warning: the name is a <bdi> of its own', async () => {
    const engine = engineWithColleague(EVIL);
    acceptPicked(engine, 'agent-1', chat(ANN));
    const { store } = await session(engine, 'agent-1');
    const el = await mount<CareRequestElement>(store, html`<care-request request-id="req-ann-newer"></care-request>`, 'care-request');
    await settle();
    await rendered(el);
    acceptPicked(engine, 'agent-2', chat(ANN));
    const other = await session(engine, 'agent-2');
    await until(other.store.journey$('cust-ann'), (j) => j.status === 'ready');
    const title = shadow(el).querySelector<HTMLInputElement>('#title')!;
    expect(title.getAttribute('dir')).to.equal('auto');
    title.value = 'My careful title';
    title.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await rendered(el);
    other.store.editRequest('req-ann-newer', { title: 'Their title' });
    await other.store.saveRequest('req-ann-newer');
    await rendered(el);
    const warning = shadow(el).querySelector('[part~=conflict]')!;
    const bdis = [...warning.querySelectorAll('bdi')];
    expect(bdis.map((b) => b.textContent)).to.deep.equal([EVIL]);
    const outside = textOutsideBdi(warning);
    expect(outside).to.contain('changed this request while you were editing it.');
    expect(outside).not.to.contain('\u202E');
    // The sentence after the name is laid out left to right, where it belongs: its first word starts right of the name.
    const range = document.createRange();
    const sentence = [...warning.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('changed'))!;
    range.selectNodeContents(sentence);
    expect(range.getBoundingClientRect().left).to.be.at.least(bdis[0]!.getBoundingClientRect().right - 1);
  });

  it('N5 R9 R20 comment authors and tags are isolated; comment and chat text take their own direction', async () => {
    const engine = engineWithColleague(EVIL);
    const task = acceptPicked(engine, 'agent-2', chat(ANN));
    engine.addComment('agent-2', task.activityId, 'שלום, checked the router');
    engine.addTag('agent-2', task.activityId, 'עדיפות');
    const { store } = await session(engine, 'agent-2');
    const provider = await mount<HTMLElement>(
      store,
      html`<care-comments activity-id=${task.activityId}></care-comments><care-activity activity-id=${task.activityId}></care-activity>`,
      'care-comments',
    );
    await settle();
    await rendered(provider);
    const comments = shadow(provider);
    expect(comments.querySelector('.author')?.localName).to.equal('bdi');
    expect(comments.querySelector('.author')?.textContent).to.equal(EVIL);
    expect(comments.querySelector('.text')?.getAttribute('dir')).to.equal('auto');
    expect(comments.querySelector('textarea')?.getAttribute('dir')).to.equal('auto');
    const activity = provider.parentElement!.querySelector('care-activity')!;
    await rendered(activity);
    // A tag chip is text of its own: dir=auto isolates it (the UA gives [dir] unicode-bidi: isolate).
    expect([...shadow(activity).querySelectorAll('[part~=tag] > span[dir=auto]')].map((b) => b.textContent)).to.deep.equal(['עדיפות']);
    const chip = shadow(activity).querySelector('[part~=tag] > span')!;
    expect(getComputedStyle(chip).unicodeBidi).to.equal('isolate');
    // R9 after normalisation: the same tag with a zero-width space is refused, the twin named in a <bdi>.
    const input = shadow(activity).querySelector<HTMLInputElement>('#tag-input')!;
    input.value = 'עדי\u200Bפות';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    shadow(activity).querySelector<HTMLFormElement>('[part~=field]')!.requestSubmit();
    await rendered(activity);
    expect(shadow(activity).querySelector('#tag-error bdi')?.textContent).to.equal('עדיפות');
    expect(store.snapshot.activities.get(task.activityId)?.tags).to.deep.equal(['עדיפות']);
  });
});
