// The structure rules a reviewer would otherwise enforce by eye (docs: DESIGN's layering, issue 9 item 7).
//   node scripts/check-structure.mjs   (npm run structure; npm test runs it before the browser tests)
// Exit code 1 with one line per problem, naming the file:
//   (a) a file under src/elements/ imports from src/transport/ (a type import too);
//   (b) a file under src/engine/ imports from src/transport/, src/state/ or src/elements/, or uses
//       document, window, HTMLElement or another browser global (the engine is the embedded backend: no DOM, no store);
//   (c) a file under src/ is over 400 lines, except data: translation tables (src/i18n/<language tag>.ts,
//       e.g. en.ts, ko.ts, pt-BR.ts; not index.ts or localize.ts), seed data (src/engine/seed.ts) and
//       phrase lists (src/engine/phrases.ts);
//   (d) a file under src/ imports unsafeHTML (lit/directives/unsafe-html.js, or the name from anywhere);
//   (e) a file of the reference server (server/, except the browser page in server/desk/) is over 400 lines,
//       imports src/state/, src/elements/ or src/transport/ (but the contract's seed data), or uses a DOM global:
//       the server is the engine's sibling, sharing the model and never the DOM.
// Imports are read with TypeScript's own pre-processor, so `import type`, `export … from`, `import()`
// and type-position `import('…')` all count, whatever the relative path's spelling.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_LINES = 400;
/** Data, not code: long by nature. Translation tables are named by their language tag. */
const LONG_DATA = [/^src\/i18n\/[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\.ts$/, /^src\/engine\/seed\.ts$/, /^src\/engine\/phrases\.ts$/];
const DOM_GLOBALS = new Set(['document', 'window', 'HTMLElement', 'Element', 'navigator', 'location', 'localStorage', 'sessionStorage', 'customElements', 'requestAnimationFrame']);
const CODE = /\.(ts|tsx|js|mjs|cjs)$/;

/** Every file under dir, as a path relative to the project with forward slashes. */
function filesUnder(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .sort();
}

/** The project-relative target of a relative or root-relative specifier; bare specifiers stay as they are. */
function target(file, specifier) {
  if (specifier.startsWith('.')) return relative(root, resolve(root, dirname(file), specifier)).split(sep).join('/');
  if (specifier.startsWith('/')) return relative(root, resolve(root, `.${specifier}`)).split(sep).join('/');
  return specifier;
}

const under = (path, dir) => path === dir || path.startsWith(`${dir}/`);

/** Identifiers that read a DOM global: `document.x`, `window`, `extends HTMLElement`, `globalThis.document`; not `x.document` or `{ window: 1 }`. */
function domGlobalsIn(source) {
  const found = [];
  const visit = (node) => {
    if (ts.isIdentifier(node) && DOM_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node && !/^(globalThis|self)$/.test(parent.expression.getText(source))) ||
        ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent)) &&
          parent.name === node);
      if (!isMemberName) found.push(`${node.text} (line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether the file names unsafeHTML in an import or re-export. */
function importsUnsafeHtmlName(source) {
  let found = false;
  const visit = (node) => {
    if ((ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) && [node.name, node.propertyName].some((n) => n?.text === 'unsafeHTML')) {
      found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const problems = [];
for (const file of filesUnder('src')) {
  const text = readFileSync(join(root, file), 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES && !LONG_DATA.some((pattern) => pattern.test(file))) {
    problems.push(`${file}: ${lines} lines, over ${MAX_LINES} (split it: one concept per file)`);
  }
  if (!CODE.test(file)) continue;

  const imports = ts.preProcessFile(text, true, true).importedFiles.map((f) => ({ specifier: f.fileName, to: target(file, f.fileName) }));
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);

  if (under(file, 'src/elements')) {
    for (const { specifier, to } of imports) {
      if (under(to, 'src/transport')) problems.push(`${file}: imports '${specifier}'; elements import the store's public types (src/state/public-types.ts), never src/transport/`);
    }
  }
  if (under(file, 'src/engine')) {
    for (const { specifier, to } of imports) {
      const layer = ['src/transport', 'src/state', 'src/elements'].find((dir) => under(to, dir));
      if (layer) problems.push(`${file}: imports '${specifier}' from ${layer}/; the engine depends on the model only`);
    }
    for (const use of domGlobalsIn(source)) problems.push(`${file}: uses ${use}; the engine never touches the DOM`);
  }
  if (imports.some(({ specifier }) => /(^|\/)unsafe-html(\.js)?$/.test(specifier)) || importsUnsafeHtmlName(source)) {
    problems.push(`${file}: imports unsafeHTML; render text through Lit's escaping bindings instead`);
  }
}

for (const file of filesUnder('server')) {
  if (!CODE.test(file) || under(file, 'server/desk')) continue;
  const text = readFileSync(join(root, file), 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES) problems.push(`${file}: ${lines} lines, over ${MAX_LINES} (split it: one concept per file)`);
  for (const { specifier, to } of ts.preProcessFile(text, true, true).importedFiles.map((f) => ({ specifier: f.fileName, to: target(file, f.fileName) }))) {
    const layer = ['src/transport', 'src/state', 'src/elements'].find((dir) => under(to, dir));
    if (layer && to !== 'src/transport/contract-seed.js') problems.push(`${file}: imports '${specifier}' from ${layer}/; the server shares the model only`);
  }
  for (const use of domGlobalsIn(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true))) problems.push(`${file}: uses ${use}; the server never touches the DOM`);
}

if (problems.length) {
  for (const problem of problems) console.error(problem);
  console.error(`structure: ${problems.length} problem(s).`);
  process.exitCode = 1;
} else {
  console.log('structure: layering, file sizes and unsafeHTML are as agreed.');
}
