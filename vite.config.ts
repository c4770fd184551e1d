import { defineConfig } from 'vite';

// `npm start` serves index.html: the demo desktop on the embedded engine.
export default defineConfig({
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  build: { target: 'es2022', outDir: 'dist-demo' },
  esbuild: { target: 'es2022' },
});
