// npm run bench: renders journeys of 100, 1,000 and 10,000 activities in
// headless Chromium and prints the time to first render and the DOM nodes
// each made. Target: ≤ 100 ms at 10,000 and a node count that does not grow
// with the journey.
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
// Measure what hosts ship: a production build (Lit without its dev-mode checks), served statically.
const outDir = 'node_modules/.cache/care-bench';
await build({ logLevel: 'error', build: { outDir, emptyOutDir: true, rollupOptions: { input: 'bench/journey.html' } } });
const server = await preview({ preview: { port: 5190, strictPort: false }, build: { outDir }, logLevel: 'error' });
const base = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];
try {
  // One warm-up load so Vite's on-demand transforms are not timed.
  const warm = await browser.newPage();
  await warm.goto(`${base}bench/journey.html?n=10`);
  await warm.waitForFunction(() => 'benchResult' in window, null, { timeout: 60_000 });
  await warm.close();
  for (const n of sizes) {
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      if (process.env.BENCH_VERBOSE) page.on('console', (m) => console.log(`  [${n}] ${m.text()}`));
      await page.goto(`${base}bench/journey.html?n=${n}${process.env.BENCH_VERBOSE ? '&profile' : ''}`);
      await page.waitForFunction(() => 'benchResult' in window, null, { timeout: 60_000 });
      const result = await page.evaluate(() => window.benchResult);
      await page.close();
      if (result.error) throw new Error(result.error);
      samples.push(result);
    }
    results.push({
      activities: n,
      'first render ms (median)': median(samples.map((s) => s.firstRenderMs)),
      'first render ms (min)': Math.min(...samples.map((s) => s.firstRenderMs)),
      'rows in DOM': median(samples.map((s) => s.rows)),
      'DOM nodes': median(samples.map((s) => s.nodes)),
    });
  }
  console.table(results);
  const big = results.find((r) => r.activities === 10_000);
  if (big) {
    const small = results[0];
    console.log(`10,000 activities: first render ${big['first render ms (median)']} ms (target ≤ 100 ms); ` +
      `DOM nodes ${big['DOM nodes']} vs ${small['DOM nodes']} at ${small.activities} activities.`);
  }
} finally {
  await browser.close();
  await server.close();
}
