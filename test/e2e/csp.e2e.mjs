// End-to-end: the whole care-desktop on a page with the strictest policy a host
// may set, Trusted Types included, works a chat with zero violations. Trusted
// Types exist in Chromium only; Firefox ignores the directive, so Chromium runs it.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createSteps, launchChromium } from './steps.mjs';

const POLICY = process.env.CSP_POLICY ?? "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
const bundle = await build({
  entryPoints: ['test/e2e/csp/page.ts'],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  tsconfig: 'tsconfig.json',
  logLevel: 'error',
});
const files = {
  '/': ['text/html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict page</title><script src="/watch.js"></script><script type="module" src="/page.js"></script></head><body><care-desktop></care-desktop></body></html>'],
  '/watch.js': ['text/javascript', readFileSync('test/e2e/csp/watch.js')],
  '/page.js': ['text/javascript', bundle.outputFiles[0].contents],
};
const server = createServer((req, res) => {
  const file = files[req.url ?? '/'];
  if (req.url === '/favicon.ico') return void res.writeHead(204).end();
  if (!file) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': file[0], 'content-security-policy': POLICY }).end(file[1]);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const { step, report } = createSteps({ lines: 8 });
try {
  await step('the desktop works a chat under the strict policy with zero violations', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(url);
    await page.getByRole('button', { name: 'Ready', exact: true }).click();
    await page.evaluate(() => window.care.engine.receive({ media: 'chat', contact: { name: 'Ann Lee', email: 'ann@example.com', phone: '' }, opening: 'Hello', queueId: 'q-chat' }));
    await page.getByRole('button', { name: /^Accept: Chat from / }).first().click();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Hello <b>Ann</b>, how can I help?');
    await box.press('Enter');
    await page.getByRole('log').getByText('Hello <b>Ann</b>, how can I help?').waitFor({ timeout: 5000 });
    const violations = await page.evaluate(() => window.violations);
    const problems = [...violations, ...errors];
    console.log(`strict CSP + Trusted Types: ${violations.length} violations, ${errors.length} errors`);
    if (problems.length) throw new Error(problems.join('\n'));
  });
} catch {
  // reported by step()
} finally {
  await browser.close();
  server.close();
  process.exitCode = report('csp e2e');
}
