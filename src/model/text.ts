/** Cutting text to the rules' limits, the same in the engine and the reference server. */
import { FIELD_MAX } from './limits.js';

/** Cuts text to `max` characters (code points), marking the cut with an ellipsis; as the engine does. */
export function truncate(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** Text from outside held to FIELD_MAX characters (R23), so no record exceeds its schema. */
export function capped(text: string): string {
  return text.length > FIELD_MAX && [...text].length > FIELD_MAX ? truncate(text, FIELD_MAX) : text;
}
