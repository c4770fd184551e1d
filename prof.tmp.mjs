import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
await build({ logLevel: 'error', build: { minify: false, outDir: 'node_modules/.cache/care-prof', emptyOutDir: true, rollupOptions: { input: 'bench/journey.html' } } });
const server = await preview({ preview: { port: 5193 }, build: { outDir: 'node_modules/.cache/care-prof' }, logLevel: 'error' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const n of [100, 10000]) {
const page = await browser.newPage();
await page.goto(`${server.resolvedUrls.local[0]}bench/journey.html?n=${n}&manual`);
await page.waitForFunction(() => 'startBench' in window);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
await page.evaluate(() => window.startBench());
await page.waitForFunction(() => 'benchResult' in window);
const { profile } = await cdp.send('Profiler.stop');
const total = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = profile.timeDeltas; let i = 0;
const name = (n) => `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
for (const id of profile.samples) { const ms = (dt[i++] ?? 0) / 1000; let n = byId.get(id); const seen = new Set(); while (n) { const k = name(n); if (!seen.has(k)) { total.set(k, (total.get(k) ?? 0) + ms); seen.add(k); } n = byId.get(parent.get(n.id)); } }
console.log(`n=${n} ` + await page.evaluate(() => JSON.stringify(window.benchResult)));
console.log([...total].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join(' | '));
await page.close();
}
await browser.close(); await server.close();
