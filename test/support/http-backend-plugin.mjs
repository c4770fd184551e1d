// Serves the example HTTP server (examples/adapters/http, docs/adapters.md) from the
// test runner's own dev server, so browser tests can run the transport contract over a
// real network stack on the same origin. The engine and the handler are TypeScript:
// they are bundled with esbuild when the server starts and imported from memory.
// Its sign-in is a stand-in: the agent's id is the session (bearer token or cookie).
//
// Besides the protocol, three test-only routes drive the backend:
//   POST <path>/reset              a fresh engine on the contract's seed and a VirtualClock
//   POST <path>/receive  {inbound} a chat or call arrives; answers the task
//   POST <path>/advance  {ms}      moves the clock (R13 and friends)
// The backend is shared: it suits the runner's `concurrency: 1`.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

const entry = `
export { CareEngine } from './src/engine/engine.js';
export { VirtualClock } from './src/engine/clock.js';
export { CareError } from './src/model/errors.js';
export { CONTRACT_START, contractSeed } from './src/transport/contract-seed.js';
export { createCareHandler, ERROR_STATUS } from './examples/adapters/http/server.js';
`;

async function loadBackend() {
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'http-backend-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

async function readJson(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

function sendJson(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** A web-test-runner / @web/dev-server plugin serving the protocol under `path`. */
export function httpBackendPlugin({ path = '/care-api' } = {}) {
  let lib;
  let backend;

  const dispose = () => {
    backend?.handler.close();
    backend?.engine.dispose();
  };
  const reset = () => {
    dispose();
    const clock = new lib.VirtualClock(lib.CONTRACT_START);
    const engine = new lib.CareEngine({ clock, seed: lib.contractSeed(lib.CONTRACT_START) });
    backend = { clock, engine, handler: lib.createCareHandler(engine, { basePath: path }) };
  };
  const control = {
    'POST /reset': () => (reset(), { ok: true }),
    'POST /receive': (body) => backend.engine.receive(body),
    'POST /advance': (body) => (backend.clock.advance(Number(body.ms) || 0), { now: backend.clock.now() }),
  };

  return {
    name: 'care-http-backend',
    async serverStart() {
      lib = await loadBackend();
      reset();
    },
    // The dev server composes its middleware before plugins start, so the backend hooks in
    // through `serve`, which sees every request: it takes over the raw Node response
    // (`respond = false`, so the event stream can stay open) and serves nothing itself.
    async serve(ctx) {
      if (!ctx.path.startsWith(`${path}/`)) return undefined;
      ctx.respond = false;
      const run = control[`${ctx.method} ${ctx.path.slice(path.length)}`];
      if (!run) {
        await backend.handler(ctx.req, ctx.res);
        return undefined;
      }
      try {
        sendJson(ctx.res, 200, run(await readJson(ctx.req)));
      } catch (thrown) {
        const error = lib.CareError.from(thrown);
        sendJson(ctx.res, lib.ERROR_STATUS[error.kind], { error: error.toJSON() });
      }
      return undefined;
    },
    serverStop() {
      dispose();
    },
  };
}
