// custom-elements.json from the JSDoc of src/, with modules in path order: the analyzer
// lists them in whatever order its file walk finishes, which differs from run to run.
//   node scripts/manifest.mjs          writes custom-elements.json
//   node scripts/manifest.mjs --check  fails if the committed one is stale
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const check = process.argv.includes('--check');
// The analyzer resolves --outdir against the working directory, so stay inside the project.
const dir = '.cem-out';
try {
  execFileSync('npx', ['--no-install', 'cem', 'analyze', '--litelement', '--outdir', dir], { stdio: 'pipe' });
  const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
  manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
  const fresh = `${JSON.stringify(manifest, null, 2)}\n`;
  if (!check) {
    writeFileSync('custom-elements.json', fresh);
    console.log('custom-elements.json written.');
  } else if (fresh !== readFileSync('custom-elements.json', 'utf8')) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log('custom-elements.json is up to date.');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
