import { css, unsafeCSS } from 'lit';

/**
 * The global design tokens. Each is read with its default as the one
 * fallback, and never declared on `:host`, so any ancestor (the page, a
 * wrapper, a theme class) can set them:
 *
 * ```css
 * care-desktop { --care-color-accent: #7a2bd1; --care-radius: 2px; }
 * ```
 */
export const TOKENS = {
  fontFamily: ['--care-font-family', 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans KR", sans-serif'],
  fontSize: ['--care-font-size', '0.9375rem'],
  fontSizeSmall: ['--care-font-size-small', '0.8125rem'],
  lineHeight: ['--care-line-height', '1.45'],
  colorText: ['--care-color-text', '#1c1f24'],
  colorMuted: ['--care-color-text-muted', '#5b6270'],
  colorSurface: ['--care-color-surface', '#ffffff'],
  colorSurfaceAlt: ['--care-color-surface-alt', '#f3f5f8'],
  colorBorder: ['--care-color-border', '#c9ced8'],
  colorAccent: ['--care-color-accent', '#2458d6'],
  colorOnAccent: ['--care-color-on-accent', '#ffffff'],
  colorSuccess: ['--care-color-success', '#1f7a45'],
  colorWarning: ['--care-color-warning', '#8a5a00'],
  colorWarningSurface: ['--care-color-warning-surface', '#fff4d6'],
  colorDanger: ['--care-color-danger', '#b42318'],
  colorDangerSurface: ['--care-color-danger-surface', '#fdecea'],
  focusRing: ['--care-focus-ring', '0 0 0 3px #2458d6aa'],
  radius: ['--care-radius', '6px'],
  space1: ['--care-space-1', '0.25rem'],
  space2: ['--care-space-2', '0.5rem'],
  space3: ['--care-space-3', '0.75rem'],
  space4: ['--care-space-4', '1rem'],
} as const;

export type TokenName = keyof typeof TOKENS;

/** `var(--care-x, default)` for a global token, for use inside `css` literals. */
export function token(name: TokenName) {
  const [property, fallback] = TOKENS[name];
  return unsafeCSS(`var(${property}, ${fallback})`);
}

/**
 * `var(--care-<element>-<hook>, var(--care-x, default))`: a per-element hook
 * that falls back to a global token. The hook is the only extra level.
 */
export function hook(property: string, name: TokenName) {
  const [global, fallback] = TOKENS[name];
  return unsafeCSS(`var(${property}, var(${global}, ${fallback}))`);
}

/** Shared by every care-* element: type, colour, buttons, fields, focus, motion, forced colours. */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    display: block;
    font-family: ${token('fontFamily')};
    font-size: ${token('fontSize')};
    line-height: ${token('lineHeight')};
    color: ${token('colorText')};
    /* X10: words wrap whole (Korean too: keep-all keeps a word's syllables together); only a word wider than
       its line is broken, so pasted text never overflows. Names that may be long end in an ellipsis instead. */
    overflow-wrap: break-word;
    word-break: keep-all;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3 {
    font-size: 1em;
    margin: 0 0 ${token('space2')};
  }
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button {
    font: inherit;
    color: ${token('colorText')};
    background: ${token('colorSurfaceAlt')};
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    padding: ${token('space1')} ${token('space3')};
    cursor: pointer;
    min-block-size: 2rem;
  }
  button.primary,
  button[aria-pressed='true'] {
    background: ${token('colorAccent')};
    border-color: ${token('colorAccent')};
    color: ${token('colorOnAccent')};
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  input,
  textarea {
    font: inherit;
    color: inherit;
    background: ${token('colorSurface')};
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    padding: ${token('space1')} ${token('space2')};
    inline-size: 100%;
  }
  :focus-visible {
    outline: 2px solid transparent;
    box-shadow: ${token('focusRing')};
  }
  .muted {
    color: ${token('colorMuted')};
    font-size: ${token('fontSizeSmall')};
  }
  .error {
    color: ${token('colorDanger')};
    background: ${token('colorDangerSurface')};
    border-radius: ${token('radius')};
    padding: ${token('space1')} ${token('space2')};
    margin: ${token('space1')} 0;
  }
  .warning {
    color: ${token('colorWarning')};
    background: ${token('colorWarningSurface')};
    border-radius: ${token('radius')};
    padding: ${token('space1')} ${token('space2')};
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
  /*
   * Forced colours drop backgrounds, tints and box-shadows (the focus ring),
   * so state is shown with system colours. A pressed or current button is
   * drawn as a selection, Highlight with HighlightText: that needs
   * forced-color-adjust: none, or the browser paints a Canvas backplate
   * behind its text and the label disappears; its descendants then take
   * HighlightText instead of their own (muted, accent) colours. !important
   * because elements decorate their selected rows with more specific rules.
   */
  @media (forced-colors: active) {
    button[aria-pressed='true'],
    button[aria-current='true'] {
      forced-color-adjust: none;
      background: Highlight !important;
      color: HighlightText !important;
      border: 2px solid Highlight !important;
      box-shadow: none !important;
    }
    button[aria-pressed='true'] *,
    button[aria-current='true'] * {
      color: inherit !important;
    }
    input[aria-invalid='true'],
    textarea[aria-invalid='true'] {
      border: 3px double CanvasText;
    }
    button.primary {
      border: 2px solid ButtonText;
    }
    button:disabled {
      color: GrayText;
      border-color: GrayText;
    }
    :focus-visible {
      outline: 2px solid Highlight;
      outline-offset: 2px;
    }
    .error,
    .warning {
      border: 1px solid CanvasText;
    }
  }
`;
