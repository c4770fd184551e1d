/**
 * The repository's root, found from wherever the bundled server runs
 * (node_modules/.cache/care-server/…): the first folder upwards with a
 * package.json that is not inside node_modules.
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && !dir.split(sep).includes('node_modules')) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}.`);
  }
}
