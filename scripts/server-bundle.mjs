// Bundles server-side TypeScript (the reference server, its tests, its bench)
// for Node with esbuild: Node 20 cannot run TypeScript itself. Packages stay
// external (pg, eventsource), SQL files come in as text.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = join(root, 'node_modules', '.cache', 'care-server');

/** Bundles each entry (paths relative to the repo) into `outdir`; resolves with the output paths. */
export async function bundleServer(entries, outdir = cacheDir) {
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    outbase: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    loader: { '.sql': 'text' },
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).map((file) => join(root, file));
}
