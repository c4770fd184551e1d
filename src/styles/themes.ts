import { TOKENS, type TokenName } from './tokens.js';

/**
 * Themes are values for the global `--care-*` tokens. The elements read each
 * token with its light default as the fallback and never declare one on
 * `:host`, so a theme set on any ancestor (the page, a sidebar, a single
 * `care-provider`) restyles every element below it. Nothing changes until a
 * host opts in:
 *
 * ```ts
 * import { adoptCareThemes } from 'care-kit';
 * adoptCareThemes(); // once per document (or per shadow root that holds care-* elements)
 * ```
 * ```html
 * <body data-care-theme="dark">   <!-- or class="care-theme-dark" -->
 * <aside data-care-theme="light"> <!-- a light island inside a dark page -->
 * <main data-care-theme="auto">   <!-- follows prefers-color-scheme: only where asked -->
 * ```
 *
 * A brand theme is a few token values in the host's own CSS, or
 * {@link themeRule} for a ready-made rule:
 *
 * ```css
 * .acme { --care-color-accent: #6b2fb3; --care-radius: 2px; }
 * ```
 */
export type CareTheme = Partial<Record<TokenName, string>>;

/**
 * Dark surfaces with light text. Every text colour keeps at least 4.5:1
 * against the surfaces it is drawn on (7:1 for body text), and borders keep
 * 3:1 against the main surface.
 */
export const darkTheme: CareTheme = {
  colorText: '#e6e8ec',
  colorMuted: '#a7afbd',
  colorSurface: '#16181d',
  colorSurfaceAlt: '#22262e',
  colorBorder: '#5f6778',
  colorAccent: '#8cb0ff',
  colorOnAccent: '#0b1733',
  colorSuccess: '#5fd08f',
  colorWarning: '#f2c35b',
  colorWarningSurface: '#3a2d0c',
  colorDanger: '#ff9187',
  colorDangerSurface: '#401a17',
  focusRing: '0 0 0 3px #8cb0ffaa',
};

/**
 * The light defaults of the tokens the dark theme changes (colours and the
 * focus ring), spelled out so a light region can sit inside a dark one. Type,
 * spacing and radius are not themes' business: a brand's values for them
 * stay in force in either.
 */
export const lightTheme: CareTheme = Object.fromEntries(
  (Object.keys(darkTheme) as TokenName[]).map((name) => [name, TOKENS[name][1]]),
);

/** `--care-x: value;` for each token the theme sets, for a rule the host writes itself. */
export function themeDeclarations(theme: CareTheme): string {
  return (Object.keys(theme) as TokenName[])
    .filter((name) => theme[name] !== undefined)
    .map((name) => `${TOKENS[name][0]}: ${theme[name]};`)
    .join(' ');
}

/**
 * A rule that applies `theme` to `selector`. `colorScheme` also tells the
 * browser to draw native parts (scrollbars, the dialog backdrop, form
 * controls' own chrome) to match.
 */
export function themeRule(selector: string, theme: CareTheme, colorScheme?: 'light' | 'dark'): string {
  const scheme = colorScheme ? ` color-scheme: ${colorScheme};` : '';
  return `${selector} {${scheme} ${themeDeclarations(theme)} }`;
}

/**
 * The theme selectors as CSS text: `.care-theme-light` / `[data-care-theme="light"]`,
 * `.care-theme-dark` / `[data-care-theme="dark"]`, and `[data-care-theme="auto"]`,
 * which is light unless the user prefers dark. `prefers-color-scheme` is
 * honoured only there, so a host that never asks keeps the light look.
 */
export const careThemesCss = [
  themeRule(".care-theme-light, [data-care-theme='light']", lightTheme, 'light'),
  themeRule(".care-theme-dark, [data-care-theme='dark']", darkTheme, 'dark'),
  themeRule("[data-care-theme='auto']", lightTheme, 'light'),
  `@media (prefers-color-scheme: dark) { ${themeRule("[data-care-theme='auto']", darkTheme, 'dark')} }`,
].join('\n');

let sheet: CSSStyleSheet | undefined;

/**
 * Adds {@link careThemesCss} to a document or shadow root as one shared
 * constructable stylesheet; adopting it twice in the same root does nothing.
 * Returns the sheet.
 */
export function adoptCareThemes(root: Document | ShadowRoot = document): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(careThemesCss);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return sheet;
}
