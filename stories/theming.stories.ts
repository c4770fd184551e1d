import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { TOKENS, type TokenName } from '../src/styles/tokens.js';
import { darkTheme, lightTheme, themeDeclarations, type CareTheme } from '../src/styles/themes.js';
import { chatInProgress, scenario, sceneOf, type Scenario } from './support/scenario.js';

/** A brand theme is a few token values; everything else keeps its default. */
const acme: CareTheme = {
  fontFamily: '"Trebuchet MS", "Segoe UI", system-ui, sans-serif',
  colorAccent: '#6b2fb3',
  colorOnAccent: '#ffffff',
  colorSurfaceAlt: '#f5f0fb',
  colorBorder: '#cdbfe3',
  focusRing: '0 0 0 3px #6b2fb366',
  radius: '12px',
};

type Theme = 'light' | 'dark' | 'auto' | 'brand';

const LABELS: Record<Theme, string> = {
  light: 'Light (data-care-theme="light")',
  dark: 'Dark (data-care-theme="dark")',
  auto: 'Auto: dark only if the system prefers it (data-care-theme="auto")',
  brand: 'Brand: light plus seven token overrides',
};

/** One desktop under a themed ancestor; the ancestor paints itself with the theme's surface and text. */
function themed(theme: Theme, scene: Scenario): TemplateResult {
  const style = `display: grid; gap: 0.5rem; padding: 1rem; min-inline-size: 0;
    background: var(--care-color-surface, #fff); color: var(--care-color-text, #1c1f24);
    ${theme === 'brand' ? themeDeclarations(acme) : ''}`;
  return html`<section data-care-theme=${theme === 'brand' ? 'light' : theme} style=${style}>
    <h2 style="margin: 0; font: 600 0.875rem system-ui, sans-serif">${LABELS[theme]}</h2>
    <care-desktop .store=${scene.store}><strong slot="brand">${theme === 'brand' ? 'Acme Care' : 'Care Desktop'}</strong></care-desktop>
  </section>`;
}

/**
 * Themes set the global `--care-*` tokens on any ancestor; nothing inside
 * the elements changes. `src/styles/themes.ts` has the dark theme and
 * `adoptCareThemes()`, which adds the `.care-theme-dark` /
 * `[data-care-theme="dark"]`, `light` and `auto` rules to a page. A brand
 * sets a few tokens in its own CSS.
 *
 * Forced colours (Windows High Contrast) replace every token. Focus, pressed
 * buttons, the selected queue and journey rows, invalid fields, error and
 * warning boxes and the status badges stay visible there through system
 * colours. `test/forced-colors/` checks this automatically in Chromium and
 * Firefox ESR; to look at it, use Chromium's DevTools, Rendering → "Emulate
 * CSS media feature forced-colors".
 */
const meta = {
  title: 'Foundation/Theming',
  parameters: { controls: { disable: true } },
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** The desktop stories' scenario: a returning customer's chat in progress. */
const desk = [scenario(chatInProgress)];

// One desktop per story: three desktops on one page would repeat every landmark (axe: landmark-unique).
export const Light: Story = { loaders: desk, render: (_args, context) => themed('light', sceneOf(context)) };

export const Dark: Story = { loaders: desk, render: (_args, context) => themed('dark', sceneOf(context)) };

export const Brand: Story = { loaders: desk, render: (_args, context) => themed('brand', sceneOf(context)) };

/** Light unless the operating system asks for dark: `prefers-color-scheme` is honoured only under `data-care-theme="auto"`. */
export const Auto: Story = { loaders: desk, render: (_args, context) => themed('auto', sceneOf(context)) };

/** Every global token with its light default and its dark value. */
export const Tokens: Story = {
  render: () => {
    const swatch = (value: string | undefined) =>
      value?.startsWith('#')
        ? html`<span style="display: inline-block; inline-size: 1.5em; block-size: 1em; vertical-align: middle; border: 1px solid #888; background: ${value}"></span> `
        : '';
    const names = Object.keys(TOKENS) as TokenName[];
    return html`<table style="border-collapse: collapse; font: 0.875rem/1.6 system-ui, sans-serif">
      <thead>
        <tr><th style="text-align: start; padding-inline-end: 2rem">Token</th><th style="text-align: start; padding-inline-end: 2rem">Light (default)</th><th style="text-align: start">Dark</th></tr>
      </thead>
      <tbody>
        ${names.map(
          (name) => html`<tr>
            <td style="padding-inline-end: 2rem"><code>${TOKENS[name][0]}</code></td>
            <td style="padding-inline-end: 2rem">${swatch(lightTheme[name] ?? TOKENS[name][1])}<code>${TOKENS[name][1]}</code></td>
            <td>${darkTheme[name] ? html`${swatch(darkTheme[name])}<code>${darkTheme[name]}</code>` : html`<span style="opacity: 0.7">same</span>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  },
};
