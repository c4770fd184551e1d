// `npm run analyze` writes custom-elements.json from the JSDoc of src/.
import { documentedEventsPlugin } from './scripts/cem-documented-events.mjs';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/demo/**', 'src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // package.json points at the committed manifest; analyses into other folders must not rewrite it.
  packagejson: false,
  // Events are the `@fires` of each element's JSDoc, never the analyzer's guesses from dispatchEvent.
  plugins: [documentedEventsPlugin()],
};
