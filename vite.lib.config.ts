import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vite';

// The library build (`npm run build`): ES modules with one entry per element,
// the side-effect-free barrel, the define entry, the engine, the HTTP adapter
// (care-kit/http), tab sharing (care-kit/tabs) and the React wrappers. Dependencies stay external so a
// host dedupes lit and rxjs.
const elements = readdirSync('src/elements', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const entry: Record<string, string> = {
  index: 'src/index.ts',
  define: 'src/define.ts',
  'engine/index': 'src/engine/index.ts',
  'transport/http': 'src/transport/http.ts',
  'transport/tabs': 'src/transport/tabs.ts',
};
if (existsSync('src/react/index.ts')) entry['react/index'] = 'src/react/index.ts';
for (const tag of elements) entry[`elements/${tag}/${tag}`] = `src/elements/${tag}/${tag}.ts`;

const external = [/^lit($|\/)/, /^@lit\//, /^@lit-labs\//, /^rxjs($|\/)/, /^react($|\/)/, /^react-dom($|\/)/];

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    lib: { entry, formats: ['es'] },
    rollupOptions: {
      external,
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});
