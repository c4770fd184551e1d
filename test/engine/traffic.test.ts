import { expect } from '@open-wc/testing';
import { validateCustomerFields } from '../../src/model/validation.js';
import { TOPICS } from '../../src/engine/phrases.js';
import { Random } from '../../src/engine/random.js';
import { createSeed } from '../../src/engine/seed.js';
import { createInboundContact, customerFollowUp } from '../../src/engine/traffic.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

describe('createInboundContact', () => {
  const { customers } = createSeed({ now: NOW });

  it('sometimes brings a known customer and sometimes someone new', () => {
    const rng = new Random(7);
    let knownCount = 0;
    let fresh = 0;
    for (let i = 0; i < 50; i++) {
      const inbound = createInboundContact(rng, customers, i % 2 === 0 ? 'chat' : 'call');
      const match = customers.find(
        (c) => (c.email && c.email === inbound.contact.email) || (c.phone && c.phone === inbound.contact.phone),
      );
      if (match) {
        knownCount++;
        expect(inbound.contact).to.deep.equal({ name: match.name, email: match.email, phone: match.phone });
      } else {
        fresh++;
        expect(validateCustomerFields(inbound.contact)).to.deep.equal([]);
      }
      expect(inbound.opening.trim()).not.to.equal('');
      expect(inbound.opening).not.to.match(/[{}<>]/);
      expect(TOPICS.map((t) => t.key)).to.include(inbound.topic);
    }
    expect(knownCount).to.be.greaterThan(5);
    expect(fresh).to.be.greaterThan(5);
  });

  it('matches callers by phone', () => {
    const rng = new Random(3);
    for (let i = 0; i < 30; i++) {
      const inbound = createInboundContact(rng, customers, 'call');
      expect(inbound.media).to.equal('call');
      const known = customers.find((c) => c.email && c.email === inbound.contact.email);
      if (known) {
        expect(inbound.contact.phone).not.to.equal('');
        expect(inbound.contact.phone).to.equal(known.phone);
      }
    }
  });

  it('only makes new people when nobody is known', () => {
    const inbound = createInboundContact(new Random(1), [], 'chat');
    expect(inbound.media).to.equal('chat');
  });
});

describe('customerFollowUp', () => {
  it('walks the topic lines, then closes, then stops', () => {
    const rng = new Random(5);
    for (const topic of TOPICS) {
      const lines: string[] = [];
      for (let i = 1; ; i++) {
        const line = customerFollowUp(rng, topic.key, i);
        if (line === undefined) break;
        lines.push(line);
      }
      expect(lines.slice(0, -1)).to.deep.equal([...topic.followUps]);
      expect(lines.join(' ')).not.to.match(/[{}<>]/);
      expect(topic.followUps.length).to.be.within(3, 6);
    }
    expect(customerFollowUp(rng, 'no-such-topic', 1)).to.equal(undefined);
    const opening = customerFollowUp(rng, 'billing', 0);
    expect(opening).to.be.a('string');
    expect(opening).not.to.match(/[{}]/);
  });
});
