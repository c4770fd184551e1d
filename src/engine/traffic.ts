/**
 * Traffic for the simulator: who gets in touch now and what they type next
 * in a running chat. Deterministic for a given Random, like the seed.
 */
import type { ContactFields, Customer } from '../model/types.js';
import { contactOf, fill, makePerson, requestFill, type ContactShape, type Taken } from './people.js';
import * as P from './phrases.js';
import type { TopicPhrases } from './phrases.js';
import type { Random } from './random.js';

/** An inbound contact for the simulator: either an existing customer's details (so the engine can match them) or a new person. */
export interface InboundContact {
  media: 'chat' | 'call';
  contact: ContactFields;
  /** A chat's first line, or what a call is about. */
  opening: string;
  /** Key of the topic in {@link P.TOPICS}; pass it to {@link customerFollowUp}. */
  topic: string;
}

function topicByKey(key: string): TopicPhrases | undefined {
  return P.TOPICS.find((t) => t.key === key);
}

/** A chat or call arriving now: half the time from a known customer, else from someone new. */
export function createInboundContact(rng: Random, known: readonly Customer[], media: 'chat' | 'call'): InboundContact {
  const topic = rng.pick(P.TOPICS);
  const person = makePerson(rng);
  const values = requestFill(rng, person.culture, 0, person.first);
  const opening = fill(rng.pick(media === 'chat' ? topic.openings : topic.callSummaries.slice(0, 1)), values);

  // A caller is matched by number; a chat by email or number.
  const matchable = known.filter((c) => (media === 'call' ? c.phone.trim() : c.email.trim() || c.phone.trim()));
  if (matchable.length > 0 && rng.chance(0.5)) {
    const customer = rng.pick(matchable);
    return { media, topic: topic.key, opening, contact: { name: customer.name, email: customer.email, phone: customer.phone } };
  }

  const taken: Taken = {
    emails: new Set(known.map((c) => c.email).filter(Boolean)),
    phones: new Set(known.map((c) => c.phone).filter(Boolean)),
  };
  const roll = rng.next();
  let shape: ContactShape;
  if (media === 'chat') shape = roll < 0.4 ? 'full' : roll < 0.8 ? 'name-email' : roll < 0.9 ? 'email-only' : 'nothing';
  else shape = roll < 0.5 ? 'phone-only' : roll < 0.8 ? 'name-phone' : 'full';
  return { media, topic: topic.key, opening, contact: contactOf(rng, person, shape, taken) };
}

/**
 * Next line a customer types in a running chat of the given topic (index = how many customer lines so far).
 * Index 0 gives an opening; after the topic's lines comes one closing line, then undefined.
 */
export function customerFollowUp(rng: Random, topic: string, index: number): string | undefined {
  const phrases = topicByKey(topic);
  if (!phrases || index < 0) return undefined;
  if (index === 0) {
    const person = makePerson(rng);
    return fill(rng.pick(phrases.openings), requestFill(rng, person.culture, 0, person.first));
  }
  const line = phrases.followUps[index - 1];
  if (line !== undefined) return line;
  return index === phrases.followUps.length + 1 ? rng.pick(P.CUSTOMER_CLOSINGS) : undefined;
}
