// Runs the reference server's tests (test/server/**/*.test.ts) with node:test:
// bundled by esbuild (Node 20 runs no TypeScript), one file at a time since
// each starts its own PostgreSQL cluster. Adds its totals to
// $CARE_SUMMARY_FILE for .ci/run's closing line.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { bundleServer, cacheDir, root } from './server-bundle.mjs';

function find(dir, suffix) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return find(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

const only = process.argv.slice(2);
const sources = find(join(root, 'test/server'), '.test.ts')
  .map((file) => relative(root, file))
  .filter((file) => only.length === 0 || only.some((o) => file.includes(o)));
// Processes the tests start (an instance to kill) are bundled beside them.
const helpers = find(join(root, 'test/server'), '-process.ts').map((file) => relative(root, file));
const files = (await bundleServer([...sources, ...helpers], join(cacheDir, 'tests'))).filter((file) => file.endsWith('.test.js'));

let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 5 * 60_000 });
stream.on('test:pass', (data) => {
  if (data.details?.type !== 'suite' && !data.skip) passed++;
});
stream.on('test:fail', (data) => {
  if (data.details?.type !== 'suite') failed++;
});
stream.compose(spec).pipe(process.stdout);
await new Promise((resolve) => stream.on('end', resolve));

console.log(`server: ${passed} passed, ${failed} failed`);
const summary = process.env.CARE_SUMMARY_FILE;
if (summary) {
  const totals = existsSync(summary) ? JSON.parse(readFileSync(summary, 'utf8') || '{}') : {};
  writeFileSync(summary, JSON.stringify({ ...totals, passed: (totals.passed ?? 0) + passed, failed: (totals.failed ?? 0) + failed }));
}
process.exit(failed || files.length === 0 ? 1 : 0);
