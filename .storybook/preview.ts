import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { withActions } from 'storybook/actions/decorator';
import manifest from '../custom-elements.json';
import '../src/define.js';
import { adoptCareThemes } from '../src/styles/themes.js';
import { Scenario } from '../stories/support/scenario.js';
import './preview.css';

/** The part of custom-elements.json read here; everything else passes through untouched. */
interface Manifest {
  modules: { declarations?: { members?: { privacy?: string }[]; events?: { name: string }[] }[] }[];
}

const cem = manifest as unknown as Manifest;

// Arg tables come from the JSDoc through the manifest. Storybook would list private and
// protected members too (the store bindings, render helpers): integrators get the public API only.
setCustomElementsManifest({
  ...cem,
  modules: cem.modules.map((module) => ({
    ...module,
    declarations: module.declarations?.map((d) => (d.members ? { ...d, members: d.members.filter((m) => !m.privacy || m.privacy === 'public') } : d)),
  })),
});
adoptCareThemes();

/** Every event any element documents: the Actions panel logs them as they bubble out of a story. */
const events = [...new Set(cem.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => d.events ?? []).map((e) => e.name))].sort();

/**
 * Of the rows the manifest adds, only attributes get a control (text: they are identity
 * strings). Properties are objects or mirror an attribute; events, slots, parts and custom
 * properties are documentation. A story that wants a control for one (care-desktop's
 * `brand` slot) says so in its own argTypes.
 */
function controlFor(category: unknown): false | { type: 'text' } {
  // Enhancers run after Storybook normalised the shorthand ('text'), so the object form it expects.
  return category === 'attributes' ? { type: 'text' } : false;
}

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    actions: { handles: events },
  },
  globalTypes: {
    careTheme: {
      description: 'Care Kit theme (src/styles/themes.ts)',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        dynamicTitle: true,
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'auto', title: 'Follow the system (auto)' },
        ],
      },
    },
    lang: {
      description: 'Language the elements follow (the closest [lang])',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        dynamicTitle: true,
        items: [
          { value: 'en', title: 'English' },
          { value: 'ko', title: '한국어' },
          { value: 'cs', title: 'Čeština' },
        ],
      },
    },
  },
  initialGlobals: { careTheme: 'light', lang: 'en' },
  argTypesEnhancers: [
    ({ argTypes }) =>
      Object.fromEntries(
        Object.entries(argTypes).map(([name, argType]) => [
          name,
          argType.control === undefined && argType.table?.category ? { ...argType, control: controlFor(argType.table.category) } : argType,
        ]),
      ),
  ],
  decorators: [
    withActions,
    (story, { globals, viewMode }) =>
      html`<div class="care-story ${viewMode === 'story' ? 'full' : ''}" data-care-theme=${globals['careTheme'] ?? 'light'} lang=${globals['lang'] ?? 'en'}>
        ${story()}
      </div>`,
  ],
  // A scenario's engine, store and timers go when its story does.
  beforeEach: ({ loaded }) => {
    const scene: unknown = loaded['scenario'];
    return scene instanceof Scenario ? () => scene.dispose() : undefined;
  },
};

export default preview;
