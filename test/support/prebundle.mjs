// Serves packages published only for bundlers to the test browsers as ES
// modules, as Vite's dependency pre-bundling does for `npx vite examples/…`:
// React is CommonJS, and Vue's esm-bundler builds read `process.env` and
// compile-time flags. One esbuild pass bundles them all with code splitting,
// so react-dom and the JSX runtime share one copy of React.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const PREFIX = '/__prebundled__/';

const define = {
  'process.env.NODE_ENV': '"development"',
  __VUE_OPTIONS_API__: 'true',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
};

const fileOf = (specifier) => `${specifier.replace(/[^\w.-]/g, '_')}.js`;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The names CommonJS packages export, read in a child Node process: loading
 * React here would patch the test runner's own console.
 * @returns {Record<string, string[]>}
 */
function namesOf(specifiers, rootDir) {
  const script = `const r = require('node:module').createRequire(process.argv[1] + '/package.json');
process.stdout.write(JSON.stringify(Object.fromEntries(process.argv.slice(2).map((s) => [s, Object.keys(r(s))]))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, rootDir, ...specifiers], { encoding: 'utf8' }));
}

/**
 * @param {{ commonjs?: string[], esm?: string[] }} packages
 *   `commonjs`: imported by name (`import { useState } from 'react'`) and by
 *   default; the names are read in a child Node process (namesOf).
 *   `esm`: ES modules that still need bundling, re-exported as they are.
 */
export function prebundle({ commonjs = [], esm = [] }) {
  const specifiers = [...commonjs, ...esm];
  let rootDir = process.cwd();
  /** @type {Promise<Map<string, string>> | undefined} */
  let files;

  async function bundle() {
    const exported = namesOf(commonjs, rootDir);
    const entries = new Map(
      commonjs
        .map((spec) => {
          const names = exported[spec].filter((name) => name !== 'default' && IDENTIFIER.test(name));
          return [spec, `import m from '${spec}';\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`];
        })
        .concat(esm.map((spec) => [spec, `export * from '${spec}';\n`])),
    );
    const outdir = path.join(rootDir, PREFIX);
    const result = await build({
      entryPoints: specifiers.map((spec) => ({ in: `prebundle:${spec}`, out: fileOf(spec).slice(0, -3) })),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      define,
      outdir,
      write: false,
      logLevel: 'warning',
      plugins: [
        {
          name: 'prebundle-entries',
          setup(b) {
            b.onResolve({ filter: /^prebundle:/ }, (args) => ({ path: args.path.slice('prebundle:'.length), namespace: 'prebundle' }));
            b.onLoad({ filter: /.*/, namespace: 'prebundle' }, (args) => ({ contents: entries.get(args.path), resolveDir: rootDir, loader: 'js' }));
          },
        },
      ],
    });
    return new Map(result.outputFiles.map((file) => [PREFIX + path.relative(outdir, file.path).split(path.sep).join('/'), file.text]));
  }

  return {
    name: 'prebundle',
    serverStart({ config }) {
      rootDir = config.rootDir;
    },
    resolveImport({ source }) {
      if (specifiers.includes(source)) return PREFIX + fileOf(source);
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      files ??= bundle();
      const body = (await files).get(context.path);
      if (body !== undefined) return { body, type: 'js' };
    },
  };
}
