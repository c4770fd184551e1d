/**
 * The desk's files, served by the reference server next to /care-api
 * (`startInstance({ assets })`). The browser entry (./page/main.ts) and its
 * stylesheet are bundled with esbuild into memory when the server starts;
 * the handler serves exactly those outputs, the page and an icon, from a
 * fixed map: a path that is not a key is not served, so no request can
 * reach the file system.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

/** What a browser may load on the desk page: only this origin, no inline script or style, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every desk answer carries. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

interface Asset {
  body: Buffer;
  type: string;
  cache: string;
  etag: string;
}

/** Files whose name carries their content's hash never change: browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4fa8"/><path d="M9 16a7 7 0 0 1 14 0v5h-3v-5a4 4 0 0 0-8 0v5H9z" fill="#fff"/></svg>`;

function asset(body: string | Uint8Array, type: string, cache: string): Asset {
  const buffer = Buffer.from(body);
  return { body: buffer, type, cache, etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 22)}"` };
}

function page(script: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Care</title>
<link rel="icon" href="/desk/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${style}">
<script type="module" src="${script}"></script>
</head>
<body>
<noscript>The Care desk needs JavaScript.</noscript>
</body>
</html>
`;
}

export interface DeskAssetsOptions {
  /** The repository's root, where server/desk and src live. */
  root: string;
}

/** The handler `startInstance` takes as `assets`. */
export type AssetsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Bundles the desk (platform browser, ESM, minified, split so each language loads when needed) and returns its handler. */
export async function createDeskAssets(options: DeskAssetsOptions): Promise<AssetsHandler> {
  const outdir = join(options.root, 'desk-out'); // never written: only names the outputs
  const result = await build({
    absWorkingDir: options.root,
    entryPoints: { desk: 'server/desk/page/main.ts', 'desk-style': 'server/desk/desk.css' },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    tsconfig: join(options.root, 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'warning',
  });
  const files = new Map<string, Asset>();
  let script = '';
  let style = '';
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    const isScript = name.endsWith('.js');
    files.set(`/desk/${name}`, asset(file.contents, isScript ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8', IMMUTABLE));
    if (name.startsWith('desk-style-') && name.endsWith('.css')) style = `/desk/${name}`;
    else if (name.startsWith('desk-') && isScript) script = `/desk/${name}`;
  }
  if (!script || !style) throw new Error('The desk bundle has no entry script or stylesheet.');
  const html = asset(page(script, style), 'text/html; charset=utf-8', 'no-cache');
  files.set('/', html);
  files.set('/index.html', html);
  files.set('/desk/icon.svg', asset(ICON, 'image/svg+xml', 'public, max-age=86400'));
  return (req, res) => Promise.resolve(serve(files, req, res));
}

function serve(files: ReadonlyMap<string, Asset>, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let path: string;
  try {
    path = new URL(req.url ?? '/', 'http://desk').pathname;
  } catch {
    return false;
  }
  const found = files.get(path);
  if (!found) return false;
  const headers = { ...SECURITY_HEADERS, 'content-type': found.type, 'cache-control': found.cache, etag: found.etag };
  if (req.headers['if-none-match'] === found.etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  res.writeHead(200, { ...headers, 'content-length': String(found.body.length) });
  res.end(req.method === 'HEAD' ? undefined : found.body);
  return true;
}
