const TABBABLE = 'button, input, textarea, select, a[href], [tabindex]';

/**
 * Keeps Tab inside a modal `<dialog>`: from its last control Tab wraps to the
 * first, Shift+Tab from the first to the last. Browsers let focus leave a
 * modal dialog for their own toolbar, which leaves keyboard users nowhere
 * on the page. Use as `@keydown=${keepTabInDialog}` on the dialog.
 */
export function keepTabInDialog(event: KeyboardEvent): void {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
  const dialog = event.currentTarget as HTMLDialogElement;
  const tabbable = [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (e) => e.tabIndex >= 0 && !e.matches(':disabled') && e.getClientRects().length > 0,
  );
  if (!tabbable.length) return;
  const root = dialog.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  const first = tabbable[0]!;
  const last = tabbable[tabbable.length - 1]!;
  if (event.shiftKey ? active === first || !dialog.contains(active) : active === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}
