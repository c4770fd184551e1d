/**
 * What play functions need to reach fields inside the elements' shadow
 * roots, and to type there as a person would (the input event the element
 * listens to, then the form's own submit).
 */

function queryDeep(root: ParentNode, selector: string): Element | null {
  const hit = root.querySelector(selector);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot ? queryDeep(el.shadowRoot, selector) : null;
    if (inner) return inner;
  }
  return null;
}

/**
 * The first element matching `selector` inside `host` (a care-* tag found
 * anywhere under `root`, shadow roots included). Waits for both to render:
 * the elements load their data asynchronously.
 */
export async function findIn<T extends Element>(root: ParentNode, host: string, selector: string, ms = 5000): Promise<T> {
  const until = performance.now() + ms;
  for (;;) {
    const shadow = queryDeep(root, host)?.shadowRoot;
    const found = shadow ? queryDeep(shadow, selector) : null;
    if (found) return found as T;
    if (performance.now() > until) throw new Error(`${host} has no ${selector}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Types `text` into the field `selector` of `host`; `submit` then submits its form (the Add button, or Enter). */
export async function typeInto(root: ParentNode, host: string, selector: string, text: string, submit = false): Promise<void> {
  const field = await findIn<HTMLInputElement | HTMLTextAreaElement>(root, host, selector);
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  if (submit) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    field.form?.requestSubmit();
  }
}

/** Clicks the element `selector` of `host` once it has rendered. */
export async function clickIn(root: ParentNode, host: string, selector: string): Promise<void> {
  (await findIn<HTMLElement>(root, host, selector)).click();
}
