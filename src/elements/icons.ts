import { svg } from 'lit';
import type { StringKey } from '../i18n/en.js';
import type { MediaType } from '../model/types.js';

/**
 * Media icons as inline SVG: they draw in any font setup (emoji often do
 * not), take the text colour, and stay decorative (aria-hidden); the medium
 * is always also said in text.
 */
const PATHS: Record<MediaType, ReturnType<typeof svg>> = {
  chat: svg`<path d="M4 5h16v10H9l-5 4z" />`,
  call: svg`<path d="M6.5 3.5l3 3-2 2.5a12 12 0 0 0 7.5 7.5l2.5-2 3 3-2.5 3C10 20 4 14 3.5 6z" />`,
  email: svg`<path d="M3 6h18v12H3z M3 6l9 7 9-7" />`,
  sms: svg`<path d="M7 3h10v18H7z M10 18h4" />`,
};

export function mediaIcon(media: MediaType) {
  return svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round">${PATHS[media]}</svg>`;
}

/** The string that names each medium: the text that always goes with its icon. */
export const MEDIA_LABELS: Record<MediaType, StringKey> = { chat: 'media.chat', call: 'media.call', email: 'media.email', sms: 'media.sms' };
