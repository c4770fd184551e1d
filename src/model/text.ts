/**
 * Text hygiene (N5), the same in the store, the engine and the reference
 * server: Unicode normalised to NFC, invisible-only text told apart,
 * lengths counted as the agent sees them (grapheme clusters), tags keyed
 * for comparison, and text cut to the rules' limits.
 */
import { FIELD_MAX } from './limits.js';

// Plain ASCII without CR: already NFC, one character per unit, nothing invisible but spaces and controls.
const ASCII = /^[\x00-\x0C\x0E-\x7F]*$/;

/** Text in Unicode's composed form (NFC), so `e` + combining acute and `é` are one text. */
export function nfc(text: string): string {
  return ASCII.test(text) ? text : text.normalize('NFC');
}

// Whitespace, and code points the standard says are ignorable when shown (zero-width space and joiners,
// bidi controls, variation selectors, Hangul fillers, soft hyphen, BOM, tag characters …), and the braille blank.
const INVISIBLE = /^[\s\p{Default_Ignorable_Code_Point}\u2800]*$/u;
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
// Format characters that mean nothing in a tag and only make twins: zero-width space, word joiner, BOM,
// soft hyphen, bidi marks, embeddings, overrides and isolates. Joiners and variation selectors stay (emoji need them).
const MEANINGLESS = /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Whether `text` shows nothing: empty, or only whitespace and invisible characters (N5). */
export function isBlank(text: string): boolean {
  return INVISIBLE.test(text);
}

/** Whether `text` holds characters but none the agent can see (`\u200B`, bidi controls …): refused rather than stored (N5). */
export function isInvisibleOnly(text: string): boolean {
  return !!text.trim() && isBlank(text);
}

let segmenter: { segment(text: string): Iterable<{ segment: string }> } | null | undefined;

/** The characters of `text` as the agent sees them: grapheme clusters (code points where the platform cannot segment). */
function graphemes(text: string): Iterable<{ segment: string } | string> {
  segmenter ??= 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  return segmenter ? segmenter.segment(text) : text;
}

/**
 * Counts characters as the agent sees them: grapheme clusters (`Intl.Segmenter`),
 * so a family emoji of 7 code points is 1 and a Hangul syllable stored
 * decomposed is 1. Plain ASCII is counted by length; where the platform has
 * no segmenter, code points are counted.
 */
export function graphemeCount(text: string): number {
  if (ASCII.test(text)) return text.length;
  let n = 0;
  for (const _ of graphemes(text)) n++;
  return n;
}

/** Trims, collapses inner whitespace, composes (NFC) and drops meaningless format characters: the form in which a tag is stored (R9, N5). */
export function normaliseTag(text: string): string {
  return nfc(text).replace(MEANINGLESS, '').trim().replace(/\s+/g, ' ');
}

/**
 * What tags are compared by (R9: unique on the activity, regardless of case
 * and spacing; N5: after normalisation): the stored form with every
 * invisible character removed, lower-cased without regard to the runtime's
 * locale, so the browser, the engine and the server agree.
 */
export function tagKey(tag: string): string {
  return normaliseTag(tag).replace(IGNORABLE, '').toLowerCase();
}

/** Cuts text to `max` characters (grapheme clusters), marking the cut with an ellipsis; as the engine does. */
export function truncate(text: string, max: number): string {
  const trimmed = text.trim();
  if (graphemeCount(trimmed) <= max) return trimmed;
  const kept = Array.from(graphemes(trimmed), (g) => (typeof g === 'string' ? g : g.segment)).slice(0, max - 1);
  return `${kept.join('')}…`;
}

/** A short label from a host's list (a Not Ready reason, X3): one line, normalised like a tag, cut to `max` characters. */
export function label(text: string, max: number): string {
  return truncate(normaliseTag(text), max);
}

/** Text from outside held to FIELD_MAX characters (R23), so no record exceeds its schema. */
export function capped(text: string): string {
  return text.length > FIELD_MAX && graphemeCount(text) > FIELD_MAX ? truncate(text, FIELD_MAX) : text;
}

/** A record's text fields in NFC (N5), other values as they are: for patches and new records where text enters. */
export function nfcFields<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = typeof value === 'string' ? nfc(value) : value;
  return out as T;
}
