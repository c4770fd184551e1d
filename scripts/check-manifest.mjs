// Fails when custom-elements.json no longer matches what the analyzer makes of src/.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The analyzer resolves --outdir against the working directory, so stay inside the project.
const dir = '.cem-check';
try {
  execFileSync('npx', ['--no-install', 'cem', 'analyze', '--litelement', '--outdir', dir], { stdio: 'pipe' });
  const fresh = JSON.stringify(JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')));
  const committed = JSON.stringify(JSON.parse(readFileSync('custom-elements.json', 'utf8')));
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json is up to date.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
