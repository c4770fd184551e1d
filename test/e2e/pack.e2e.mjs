// The package as a host gets it: build, npm pack, install the tarball into a
// scratch project, type-check a host module against the emitted types,
// bundle a page with Vite and check in Chromium that the elements render and
// work. Prints one line per step; exits non-zero on the first failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { createSteps, launchChromium } from './steps.mjs';

const root = resolve('.');
const scratch = mkdtempSync(join(tmpdir(), 'care-kit-host-'));
const { step, report } = createSteps({ lines: 12, describe: (error) => String((error?.stdout ?? '') + (error?.stderr ?? '') || error?.message || error) });
const run = (command, args, cwd = root) => execFileSync(command, args, { cwd, stdio: 'pipe', encoding: 'utf8' });

let tarball = '';
let server;
let browser;
try {
  await step('npm run build makes the library with types', () => {
    run('npm', ['run', 'build']);
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/define.js', 'dist/engine/index.js', 'dist/transport/http.js', 'dist/transport/http.d.ts', 'dist/transport/tabs.js', 'dist/elements/care-queue/care-queue.js']) {
      if (!existsSync(file)) throw new Error(`${file} is missing`);
    }
    // care-kit/http is its own entry: the barrel must not pull it in.
    if (/transport\/http/.test(readFileSync('dist/index.js', 'utf8'))) throw new Error('dist/index.js imports the HTTP adapter');
  });
  await step('npm pack yields a tarball', () => {
    const out = run('npm', ['pack', '--json', '--pack-destination', scratch]);
    tarball = join(scratch, JSON.parse(out)[0].filename);
    if (!existsSync(tarball)) throw new Error('no tarball');
  });
  await step('the tarball installs into a scratch project', () => {
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module', dependencies: { 'care-kit': `file:${tarball}` } }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], scratch);
    if (!existsSync(join(scratch, 'node_modules/care-kit/dist/define.js'))) throw new Error('care-kit not installed');
  });
  await step('a host module type-checks against the emitted types', () => {
    writeFileSync(
      join(scratch, 'host.ts'),
      `import type { CareTaskAcceptedEvent } from 'care-kit';
import { CareStore, MemoryTransport, FIELD_MAX } from 'care-kit';
import { CareEngine, createSeed } from 'care-kit/engine';
import type { CareQueue } from 'care-kit/elements/care-queue';
import { HttpTransport, type HttpTransportOptions, type SignInResult } from 'care-kit/http';
const engine = new CareEngine({ seed: createSeed({ now: Date.now() }) });
export const store: CareStore = new CareStore(new MemoryTransport(engine, { agentId: 'agent-1' }));
export const limit: 2000 = FIELD_MAX;
export function onAccepted(event: CareTaskAcceptedEvent): string { return event.task.id; }
export type Queue = CareQueue;
document.addEventListener('care-task-accepted', (event) => onAccepted(event));
const options: HttpTransportOptions = { baseUrl: '/care-api', credentials: 'same-origin' };
export const overHttp: CareStore = new CareStore(new HttpTransport(options));
export const signingIn: Promise<SignInResult> = HttpTransport.signIn('/care-api', 'agent-1', 'care-demo');
`,
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2023', 'DOM', 'DOM.Iterable'] }, files: ['host.ts'] }),
    );
    run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], scratch);
  });
  await step('care-kit/http imports in Node and sends the bearer token', () => {
    writeFileSync(
      join(scratch, 'http-check.mjs'),
      `import { HttpTransport } from 'care-kit/http';
const seen = [];
const fetch = async (url, init) => (seen.push([url, init.headers.authorization]), Response.json({ id: 'cust-ann' }));
const transport = new HttpTransport({ baseUrl: 'http://care.invalid/care-api', token: 'tok', fetch });
const customer = await transport.getCustomer('cust-ann', new AbortController().signal);
const ok = customer.id === 'cust-ann' && seen[0][0] === 'http://care.invalid/care-api/customers/cust-ann' && seen[0][1] === 'Bearer tok';
if (!ok || transport.validated !== false || typeof HttpTransport.signIn !== 'function') throw new Error('unexpected: ' + JSON.stringify(seen));
`,
    );
    run('node', ['http-check.mjs'], scratch);
  });
  await step('a page bundled from the package renders the desktop and works', async () => {
    mkdirSync(join(scratch, 'src'), { recursive: true });
    writeFileSync(join(scratch, 'index.html'), '<!doctype html><html lang="en"><body><care-desktop></care-desktop><p id="heard"></p><script type="module" src="./src/main.js"></script></body></html>');
    writeFileSync(
      join(scratch, 'src/main.js'),
      `import 'care-kit/define';
import { CareStore, MemoryTransport } from 'care-kit';
import { CareEngine, createSeed } from 'care-kit/engine';
const engine = new CareEngine({ seed: createSeed({ now: Date.now() }) });
const store = new CareStore(new MemoryTransport(engine, { agentId: 'agent-1' }));
document.querySelector('care-desktop').store = store;
document.addEventListener('care-task-accepted', (e) => { document.getElementById('heard').textContent = 'accepted ' + e.task.id; });
window.care = { engine, store };
store.connect();
`,
    );
    await build({ root: scratch, logLevel: 'error', build: { outDir: join(scratch, 'dist'), emptyOutDir: true } });
    server = await preview({ root: scratch, preview: { port: 5186, strictPort: false }, build: { outDir: join(scratch, 'dist') }, logLevel: 'error' });
    browser = await launchChromium(['--disable-quic', '--disable-component-update', '--disable-sync']);
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.resolvedUrls.local[0]);
    await page.getByRole('button', { name: 'Not Ready' }).waitFor({ timeout: 10_000 });
    const name = await page.evaluate(() => {
      const contact = window.care.engine.listCustomers()[0];
      window.care.engine.receive({ media: 'chat', contact: { name: contact.name, email: contact.email, phone: contact.phone }, opening: 'Hello', queueId: 'q-backlog' });
      return contact.name;
    });
    await page.getByRole('button', { name: `Accept: Chat from ${name}` }).click();
    await page.locator('#heard').getByText(/^accepted /).waitFor({ timeout: 10_000 });
    await page.getByRole('heading', { name: 'Customer journey' }).waitFor({ timeout: 10_000 });
    if (errors.length) throw new Error(errors.join('\n'));
  });
} catch {
  // reported by step()
} finally {
  await browser?.close();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
  process.exit(report('pack'));
}
