import { createServer } from 'vite';
import { launchChromium } from './test/e2e/steps.mjs';
const server = await createServer({ server: { port: 5193, strictPort: false }, logLevel: 'error' });
await server.listen();
const url = `${server.resolvedUrls.local[0]}?speed=2`;
const browser = await launchChromium();
for (const [w, h] of [[1366, 768], [1024, 768]]) {
  const page = await (await browser.newContext({ viewport: { width: w, height: h } })).newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  const status = page.locator('care-agent-status');
  let name;
  for (let i = 0; i < 100 && !name; i++) {
    if (i % 20 === 0) await page.getByRole('button', { name: 'Push a call' }).click();
    for (const label of await status.getByRole('button', { name: /^Accept: / }).evaluateAll((b) => b.map((x) => x.getAttribute('aria-label')))) {
      if (label.startsWith('Accept: Call from ')) { name = label.slice(18); await status.getByRole('button', { name: label, exact: true }).click(); break; }
      await status.getByRole('button', { name: label.replace(/^Accept/, 'Decline'), exact: true }).click().catch(() => {});
    }
    await page.waitForTimeout(100);
  }
  await page.getByRole('button', { name: `Close the interaction with ${name}` }).click();
  await page.locator('care-desktop dialog[open]').waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/wrap-${w}-prompt.png` });
  await page.locator('care-desktop dialog[open]').getByRole('button', { name: 'Cancel' }).click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/wrap-${w}-bar.png` });
  // let it run out: 120 s at speed 2 = 60 s
  await page.waitForTimeout(61_000);
  await page.screenshot({ path: `/tmp/wrap-${w}-timeout.png` });
}
await browser.close();
await server.close();
