// npm run bench:server [-- --agents N --rate W --seconds S --chaos]: the reference
// server under load (issue 10). Bundles bench/server/*.ts with esbuild (Node 20
// runs no TypeScript) and runs it; the bench makes its own PostgreSQL cluster in
// a temporary folder and removes it at the end. See bench/server/run.ts.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleServer, cacheDir } from './server-bundle.mjs';

const entries = ['bench/server/run.ts', 'bench/server/instance-process.ts', 'bench/server/streams-worker.ts'];
const outputs = await bundleServer(entries, join(cacheDir, 'bench'));
const run = outputs.find((file) => file.endsWith('/run.js'));
await import(pathToFileURL(run).href);
