// custom-elements.json from the JSDoc of src/, with modules in path order: the analyzer
// lists them in whatever order its file walk finishes, which differs from run to run.
//   node scripts/manifest.mjs          writes custom-elements.json
//   node scripts/manifest.mjs --check  fails if the committed one is stale
// Either way it fails, writing nothing, when the analyzer's plugin reports an event the JSDoc does not
// name (custom-elements-manifest.config.mjs) or when the manifest breaks the community schema.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');
// The analyzer resolves --outdir against the working directory, so stay inside the project.
const dir = '.cem-out';

/**
 * Schema errors of the manifest against the custom-elements-manifest package's schema.json, as lines.
 * That package is 2.x: the analyzer still writes `schemaVersion: "1.0.0"` but already emits 2.x fields
 * (`readonly`, `cssStates`), and only 2.x's schema describes an element's events, attributes and slots
 * (1.0.0's CustomElementDeclaration lacks them); a 1.0.0 manifest is valid 2.x.
 */
function schemaErrors(manifest) {
  const schema = JSON.parse(readFileSync(require.resolve('custom-elements-manifest/schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(schema, 'cem');
  const errors = (validate, value, at = '') =>
    validate(value) ? [] : validate.errors.map((e) => `${at}${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  // A declaration may pass the schema's `anyOf` as a plain ClassDeclaration, which checks no events,
  // attributes or slots; so an element is also held to CustomElementDeclaration on its own.
  const element = ajv.getSchema('cem#/definitions/CustomElementDeclaration');
  return [
    ...errors(ajv.getSchema('cem'), manifest),
    ...manifest.modules.flatMap((module, m) =>
      (module.declarations ?? []).flatMap((declaration, d) =>
        declaration.customElement ? errors(element, declaration, `/modules/${m}/declarations/${d}`) : [],
      ),
    ),
  ];
}

try {
  try {
    execFileSync('npx', ['--no-install', 'cem', 'analyze', '--litelement', '--outdir', dir], { stdio: 'pipe' });
  } catch (error) {
    process.stderr.write(error.stderr ?? '');
    throw new Error('the analyzer failed (above); custom-elements.json left as it is.');
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
  manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
  const invalid = schemaErrors(manifest);
  if (invalid.length) {
    for (const line of invalid) console.error(`custom-elements.json: schema: ${line}`);
    throw new Error('the manifest does not validate against custom-elements-manifest/schema.json.');
  }
  const fresh = `${JSON.stringify(manifest, null, 2)}\n`;
  if (!check) {
    writeFileSync('custom-elements.json', fresh);
    console.log('custom-elements.json written.');
  } else if (fresh !== readFileSync('custom-elements.json', 'utf8')) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log('custom-elements.json is up to date and valid.');
  }
} catch (error) {
  console.error(`manifest: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
