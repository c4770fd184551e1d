/**
 * Whether focus is somewhere on the page outside `host`: another element
 * (the desktop moved it to the composer after Accept) has it, so `host` must
 * not take it back. Focus on the body (its button just went away) is nowhere.
 */
export function focusIsElsewhere(host: HTMLElement): boolean {
  const active = document.activeElement;
  return !!active && active !== document.body && active !== host && !host.contains(active);
}
