import { chromium } from 'playwright-core';
import fs from 'node:fs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
await ctx.routeWebSocket(/.*/, ws => { /* mocked: keep vite HMR from reloading mid-test */ });
const page = await ctx.newPage();
page.on('response', r => { if (r.status() >= 400) fs.appendFileSync('/tmp/qa/console.log', `${new Date().toISOString()} [http ${r.status()}] ${r.url()}\n`); });
const logf = '/tmp/qa/console.log';
fs.writeFileSync(logf, '');
page.on('console', m => fs.appendFileSync(logf, `${new Date().toISOString()} [${m.type()}] ${m.text()}\n`));
page.on('pageerror', e => fs.appendFileSync(logf, `${new Date().toISOString()} [pageerror] ${e.stack || e}\n`));
await page.goto('http://localhost:5181/');
const AsyncFunction = (async () => {}).constructor;
const g = { page, ctx, browser };
const dir = '/tmp/qa/cmds';
for (;;) {
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.js')).sort();
  for (const f of files) {
    const src = fs.readFileSync(`${dir}/${f}`, 'utf8');
    fs.renameSync(`${dir}/${f}`, `${dir}/${f}.done`);
    let out;
    try {
      const fn = new AsyncFunction('page', 'g', src);
      const r = await fn(page, g);
      out = typeof r === 'string' ? r : JSON.stringify(r, null, 1);
    } catch (e) { out = 'ERROR: ' + (e.stack || e); }
    fs.writeFileSync(`${dir}/${f}.out`, String(out ?? 'undefined'));
    if (src.includes('__QUIT__')) { await browser.close(); process.exit(0); }
  }
  await new Promise(r => setTimeout(r, 100));
}
