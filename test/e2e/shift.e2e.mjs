// End-to-end: a new agent works a shift in the demo (at ?speed=5, so the
// simulated customers write every few seconds) with two chats and a call,
// and misses no message: a line in the background chat counts as unread on
// its row and in the tab title, and opening it shows every line counted. The
// call closes through its wrap-up (X6), the chats through Close (R11).
// Prints one line per step; exits non-zero on the first failure.
import { createServer } from 'vite';
import { createSteps, launchChromium } from './steps.mjs';

const server = await createServer({ server: { port: Number(process.env.SHIFT_PORT ?? 5188), strictPort: false }, logLevel: 'error' });
await server.listen();
const url = `${server.resolvedUrls.local[0]}?speed=5`;
const browser = await launchChromium(['--disable-quic', '--disable-component-update', '--disable-sync']);
const { step, report } = createSteps({ lines: 8 });

/**
 * Accepts the offer (pushed to the agent, not a pick task) of `media` from
 * someone not in `taken`, declining any other offer in its way (X2: one
 * offer at a time, and the simulator offers too); returns the customer's name.
 */
async function acceptOffer(page, media, taken) {
  const status = page.locator('care-agent-status');
  for (let i = 0; i < 150; i++) {
    // A push goes to the agent only while no other offer waits for them: pushed again until one arrives.
    if (i % 20 === 0) await page.getByRole('button', { name: `Push a ${media.toLowerCase()}` }).click();
    for (const label of await status.getByRole('button', { name: /^Accept: / }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')))) {
      const [, kind, name] = /^Accept: (\w+) from (.*)$/.exec(label) ?? [];
      if (kind !== media || taken.includes(name)) {
        await status.getByRole('button', { name: label.replace(/^Accept/, 'Decline'), exact: true }).click().catch(() => undefined);
        continue;
      }
      await status.getByRole('button', { name: label, exact: true }).click();
      await page.getByRole('button', { name: `Close the interaction with ${name}` }).waitFor({ timeout: 5000 });
      return name;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no ${media} offer came`);
}

/** Closes the open task, answering R11's and X6's questions as an agent would: create the customer, pick a code. */
async function closeTask(page, name) {
  await page.getByRole('button', { name: `Close the interaction with ${name}` }).click();
  const dialog = page.locator('care-desktop dialog[open]');
  if (await dialog.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
    const code = dialog.getByRole('combobox', { name: /^Wrap-up code/ });
    if (await code.count()) await code.selectOption('Resolved');
    await dialog.getByRole('button', { name: /^(Create and close|Save and close|Close with wrap-up|Discard and close)$/ }).first().click();
  }
  await page.getByRole('button', { name: `Close the interaction with ${name}` }).waitFor({ state: 'detached', timeout: 5000 });
}

const customerLines = (page) => page.getByRole('log').locator('li.customer').count();
const row = (page, name) => page.locator('care-queue [data-task]').filter({ hasText: name });

try {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  console.log(`shift at ${url}`);
  await page.goto(url);
  const names = [];
  await step('R12 the agent goes Ready and takes a chat', async () => {
    await page.getByRole('button', { name: 'Ready', exact: true }).click();
    names.push(await acceptOffer(page, 'Chat', names));
  });
  let before = 0;
  await step('R3 a second chat: the first goes to the background', async () => {
    await page.getByRole('log').locator('li').first().waitFor({ timeout: 5000 });
    before = await customerLines(page);
    names.push(await acceptOffer(page, 'Chat', names));
  });
  let unread = 0;
  await step('X1 a line in the background chat counts on its row and in the tab title', async () => {
    const badge = row(page, names[0]).locator('[part=unread] [aria-hidden=true]');
    await badge.waitFor({ timeout: 30_000 });
    unread = Number(await badge.textContent());
    if (!(unread >= 1)) throw new Error(`unread: ${unread}`);
    const title = await page.title();
    if (!/^\(\d+\) /.test(title)) throw new Error(`the tab title does not count: ${title}`);
  });
  await step('X1 opening the background chat shows every line counted, and the count clears', async () => {
    await row(page, names[0]).click();
    await page.getByRole('button', { name: `Close the interaction with ${names[0]}` }).waitFor({ timeout: 5000 });
    for (let i = 0; i < 50 && (await customerLines(page)) < before + unread; i++) await page.waitForTimeout(100);
    const shown = await customerLines(page);
    if (shown < before + unread) throw new Error(`${before} lines before, ${unread} unread, ${shown} shown`);
    await row(page, names[0]).locator('[part=unread]').waitFor({ state: 'detached', timeout: 5000 });
  });
  let caller = '';
  await step('R5 a call joins the two chats and connects', async () => {
    caller = await acceptOffer(page, 'Call', names);
    await page.getByText(`Call with ${caller}`).first().waitFor({ timeout: 5000 });
  });
  await step('X6 Close hangs the call up and asks for a wrap-up code with its time left; Close with wrap-up ends it', async () => {
    await page.getByRole('button', { name: `Close the interaction with ${caller}` }).click();
    const dialog = page.locator('care-desktop dialog[open]');
    await dialog.getByRole('timer').getByText(/left; then the task closes by itself/).waitFor({ timeout: 5000 });
    await page.getByText('This call has ended.').first().waitFor({ timeout: 5000 });
    await dialog.getByRole('combobox', { name: /^Wrap-up code/ }).selectOption('Follow-up needed');
    await dialog.getByRole('button', { name: /^(Create and close|Save and close|Close with wrap-up)$/ }).first().click();
    await page.getByRole('button', { name: `Close the interaction with ${caller}` }).waitFor({ state: 'detached', timeout: 5000 });
  });
  await step('X3 Not Ready for lunch, then both chats close', async () => {
    await page.getByRole('button', { name: 'Not Ready' }).click();
    await page.getByRole('combobox', { name: 'Reason' }).selectOption('Lunch');
    await page.getByRole('timer', { name: /^Lunch/ }).waitFor({ timeout: 5000 });
    for (const name of names) {
      await row(page, name).click();
      await closeTask(page, name);
    }
    await page.getByText('Nothing in progress.').waitFor({ timeout: 5000 });
  });
  await step('no uncaught errors on the page', async () => {
    if (errors.length) throw new Error(errors.join('\n'));
  });
} catch {
  // reported by step()
} finally {
  await browser.close();
  await server.close();
  process.exit(report('shift'));
}
