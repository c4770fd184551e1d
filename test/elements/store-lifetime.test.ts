import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { CareDesktop } from '../../src/elements/care-desktop/care-desktop.js';
import { MemoryTransport } from '../../src/transport/memory.js';
import type { CareEventListener, CareTransport } from '../../src/transport/port.js';
import { makeEngine } from '../support/fixtures.js';

/** A memory transport that counts who listens to it: what a store that was never disposed leaks. */
class CountingTransport extends MemoryTransport {
  listening = 0;
  override subscribe(listener: CareEventListener): () => void {
    this.listening++;
    const stop = super.subscribe(listener);
    return () => {
      this.listening--;
      stop();
    };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function desktopOn(transport: CareTransport, grace: number): CareDesktop {
  const el = document.createElement('care-desktop');
  el.storeGrace = grace;
  el.transport = transport;
  return el;
}

describe('care-desktop: the store it makes (N6)', () => {
  it('N6 200 desktops mounted on a transport and removed leave 0 listeners behind', async () => {
    const { engine } = makeEngine();
    const transport = new CountingTransport(engine, { agentId: 'agent-1' });
    for (let i = 0; i < 200; i++) {
      const el = desktopOn(transport, 20);
      document.body.append(el);
      await el.updateComplete;
      el.remove();
    }
    expect(transport.listening, 'listeners while the grace periods run').to.be.greaterThan(0);
    await pause(100);
    console.log(`N6 transport listeners left after 200 mounts: ${transport.listening}`);
    expect(transport.listening).to.equal(0);
  });

  it('N6 a desktop moved within the grace period keeps its store and its link; one that comes back later gets a fresh one', async () => {
    const { engine } = makeEngine();
    const transport = new CountingTransport(engine, { agentId: 'agent-1' });
    const el = desktopOn(transport, 60);
    const first = document.createElement('div');
    const second = document.createElement('div');
    document.body.append(first, second);
    first.append(el);
    await el.updateComplete;
    const store = el.store;
    expect(store).to.not.equal(undefined);
    second.append(el); // a framework moving it: out and back in at once
    await pause(120);
    expect(el.store).to.equal(store);
    expect(transport.listening).to.equal(1);
    expect(store?.connection).to.equal('online');

    el.remove();
    await pause(120);
    expect(transport.listening).to.equal(0);
    second.append(el);
    await el.updateComplete;
    await pause(0);
    expect(el.store).to.not.equal(store);
    expect(transport.listening).to.equal(1);
    el.remove();
    first.remove();
    second.remove();
  });
});
