// Bundles one server-side entry (server/main.ts, server/simulate.ts) with
// bundleServer and runs it in this process, so signals reach it directly.
// Each run bundles into a folder of its own: two instances starting at once
// never read each other's half-written bundle.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleServer, cacheDir } from './server-bundle.mjs';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Bundles `entry` (relative to the repo) and imports it. */
export async function runBundled(entry) {
  const runs = join(cacheDir, 'runs');
  // Folders of runs whose process is gone.
  for (const name of (() => { try { return readdirSync(runs); } catch { return []; } })()) {
    if (!alive(Number(name))) rmSync(join(runs, name), { recursive: true, force: true });
  }
  const outdir = join(runs, String(process.pid));
  process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
  const [file] = await bundleServer([entry], outdir);
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(file).href);
}
