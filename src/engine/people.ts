/**
 * Made-up people for the demo world: names from three cultures, emails and
 * phones that never repeat, and the values topic templates fill in. Shared
 * by the seed (the history) and the traffic (who gets in touch now).
 */
import type { ContactFields } from '../model/types.js';
import * as P from './phrases.js';
import type { Random } from './random.js';

export type Culture = 'en' | 'ko' | 'cs';
export type ContactShape = 'full' | 'name-email' | 'name-phone' | 'email-only' | 'phone-only' | 'nothing';

export interface Person {
  culture: Culture;
  name: string;
  /** What an agent calls them in a greeting. */
  first: string;
  /** ASCII basis for an email address. */
  emailLocal: string;
}

/** Values the topic templates refer to. */
export type Fill = Record<string, string>;

/** Emails and phones already given out, so that matching a contact finds one customer. */
export interface Taken {
  emails: Set<string>;
  phones: Set<string>;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, '');
}

/** Puts `values` into a phrase's {placeholders}; an unknown one stays as it is. */
export function fill(template: string, values: Fill): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function digits(rng: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

/** A person from one of the three cultures the demo speaks to (English, Korean, Czech). */
export function makePerson(rng: Random): Person {
  const roll = rng.next();
  if (roll < 0.4) {
    const first = rng.pick(P.ENGLISH_FIRST);
    const last = rng.pick(P.ENGLISH_LAST);
    return { culture: 'en', name: `${first} ${last}`, first, emailLocal: fold(`${first}.${last}`) };
  }
  if (roll < 0.7) {
    const [familyHangul, family] = rng.pick(P.KOREAN_FAMILY);
    const [givenHangul, given] = rng.pick(P.KOREAN_GIVEN);
    const emailLocal = fold(`${given}.${family}`);
    // Half write their name in Hangul, family name first, as a Korean form would hold it.
    return rng.chance(0.5)
      ? { culture: 'ko', name: `${familyHangul}${givenHangul}`, first: givenHangul, emailLocal }
      : { culture: 'ko', name: `${given} ${family}`, first: given, emailLocal };
  }
  const female = rng.chance(0.5);
  const first = rng.pick(female ? P.CZECH_FEMALE_FIRST : P.CZECH_MALE_FIRST);
  const last = rng.pick(female ? P.CZECH_FEMALE_LAST : P.CZECH_MALE_LAST);
  return { culture: 'cs', name: `${first} ${last}`, first, emailLocal: fold(`${first}.${last}`) };
}

function makeEmail(rng: Random, person: Person, taken: Taken): string {
  for (let attempt = 0; ; attempt++) {
    const suffix = attempt === 0 && rng.chance(0.7) ? '' : String(rng.int(1, 99 + attempt * 100));
    const email = `${person.emailLocal}${suffix}@${rng.pick(P.EMAIL_DOMAINS)}`;
    if (!taken.emails.has(email)) {
      taken.emails.add(email);
      return email;
    }
  }
}

/** A phone number shaped like the culture's, never one given out before. */
export function makePhone(rng: Random, culture: Culture, taken: Taken): string {
  for (;;) {
    let phone: string;
    // 555-01xx is the fictional US range; the Czech and Korean numbers are shaped like mobiles.
    if (culture === 'en') phone = `+1 555 01${digits(rng, 2)} ${digits(rng, 3)}`;
    else if (culture === 'cs') phone = `+420 ${rng.pick(['601', '602', '604', '605', '608', '724', '731', '777'])} ${digits(rng, 3)} ${digits(rng, 3)}`;
    else phone = `+82 10 ${digits(rng, 4)} ${digits(rng, 4)}`;
    if (!taken.phones.has(phone)) {
      taken.phones.add(phone);
      return phone;
    }
  }
}

/** What the person tells us, by `shape`: some of name, email and phone (R24's fallbacks need all kinds). */
export function contactOf(rng: Random, person: Person, shape: ContactShape, taken: Taken): ContactFields {
  const hasName = shape === 'full' || shape === 'name-email' || shape === 'name-phone';
  const hasEmail = shape === 'full' || shape === 'name-email' || shape === 'email-only';
  const hasPhone = shape === 'full' || shape === 'name-phone' || shape === 'phone-only';
  return {
    name: hasName ? person.name : '',
    email: hasEmail ? makeEmail(rng, person, taken) : '',
    phone: hasPhone ? makePhone(rng, person.culture, taken) : '',
  };
}

/** How much a seeded customer told us: mostly everything, now and then nothing. */
export function randomShape(rng: Random): ContactShape {
  const roll = rng.next();
  if (roll < 0.76) return 'full';
  if (roll < 0.88) return 'name-email';
  if (roll < 0.95) return 'name-phone';
  if (roll < 0.97) return 'email-only';
  if (roll < 0.99) return 'phone-only';
  return 'nothing';
}

function amount(rng: Random, culture: Culture): string {
  if (culture === 'cs') return `${rng.int(99, 2499)} Kč`;
  // Grouped by hand: the first toLocaleString call builds an Intl formatter, which costs more than the whole seed.
  if (culture === 'ko') return `₩${rng.int(5, 150)},000`;
  return `$${rng.int(5, 120)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
}

/** The values a topic's phrases refer to: order, amount, month, device, plan, the customer's first name. */
export function requestFill(rng: Random, culture: Culture, createdAt: number, first: string): Fill {
  // The bill in question is the one before the month the customer got in touch.
  const month = P.MONTHS[(new Date(createdAt).getUTCMonth() + 11) % 12] ?? 'last month';
  return {
    order: `A-${rng.int(100000, 999999)}`,
    amount: amount(rng, culture),
    month,
    device: rng.pick(P.DEVICES),
    plan: rng.pick(P.PLANS),
    customer: first,
  };
}
