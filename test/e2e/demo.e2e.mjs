// End-to-end: serves the demo as `npm start` does and works a chat in Debian's
// Chromium, as a new user would: go Ready, accept the offer, chat, close.
// Prints one line per step; exits non-zero on the first failure.
import { createServer } from 'vite';
import { createSteps, launchChromium } from './steps.mjs';

const shot = process.env.CARE_DEMO_SCREENSHOT;
const server = await createServer({ server: { port: Number(process.env.DEMO_PORT ?? 5180), strictPort: false }, logLevel: 'error' });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await launchChromium(['--disable-quic', '--disable-component-update', '--disable-sync']);
const { step, report } = createSteps();

// The demo's host log keeps only its last few lines and the simulator keeps
// offering tasks, so each event is looked for right after the step that causes it: the host
// page hears care-status-changed, care-task-accepted and care-task-closed.
async function hear(page, name) {
  await page.locator('#log').getByText(name).first().waitFor({ timeout: 5000 });
}

try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  console.log(`demo at ${url}`);
  await page.goto(url);
  await step('the desktop renders with the agent Not Ready', async () => {
    const notReady = page.getByRole('button', { name: 'Not Ready' });
    await notReady.waitFor();
    // The demo reads its saved engine first (N1), so the desktop may draw a moment before it is signed in.
    for (let i = 0; i < 50 && (await notReady.getAttribute('aria-pressed')) !== 'true'; i++) await page.waitForTimeout(100);
    if ((await notReady.getAttribute('aria-pressed')) !== 'true') throw new Error('not Not Ready');
  });
  await step('R12 going Ready brings an offer with a countdown', async () => {
    await page.getByRole('button', { name: 'Ready', exact: true }).click();
    await hear(page, 'care-status-changed');
    await page.getByRole('button', { name: 'Push a chat' }).click();
    await page.getByRole('timer').first().waitFor({ timeout: 5000 });
  });
  await step('R3 accepting opens the chat in the communication pane', async () => {
    await page.getByRole('button', { name: /^Accept: Chat from / }).first().click();
    await page.getByRole('log').waitFor({ timeout: 5000 });
    await hear(page, 'care-task-accepted');
  });
  await step('R15 the agent writes in the chat and the line appears', async () => {
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Hello from the demo <b>test</b>');
    await box.press('Enter');
    await page.getByRole('log').getByText('Hello from the demo <b>test</b>').waitFor({ timeout: 5000 });
  });
  await step('R27 a new customer is created from what the chat knew (when the contact is new)', async () => {
    const create = page.getByRole('button', { name: 'Create', exact: true });
    if (await create.isVisible().catch(() => false)) {
      await create.click();
      await page.getByRole('button', { name: 'Create', exact: true }).waitFor({ state: 'detached', timeout: 5000 });
    }
  });
  await step('R16 R18 the customer journey and the request details show', async () => {
    await page.getByRole('heading', { name: 'Customer journey' }).waitFor({ timeout: 5000 });
    await page.getByRole('textbox', { name: 'Title' }).waitFor({ timeout: 5000 });
    await page.getByText(/Closes automatically on/).waitFor({ timeout: 5000 });
  });
  await step('R9 Enter turns the typed text into a tag', async () => {
    const field = page.getByRole('textbox', { name: 'Add a tag' });
    await field.fill('vip-e2e');
    await field.press('Enter');
    await page.getByRole('button', { name: 'Remove tag vip-e2e' }).waitFor({ timeout: 5000 });
    if (shot) await page.screenshot({ path: shot, fullPage: true });
  });
  await step('R6 a colleague’s change raises the warning; Load brings it in; my text comes back', async () => {
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.fill('My title from the e2e test');
    await page.getByRole('button', { name: 'a colleague edits this request' }).click();
    await page.getByText(/changed this request while you were editing it/).waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Load their changes' }).click();
    if ((await title.inputValue()).includes('My title')) throw new Error('Load did not bring their title in');
    await page.getByRole('button', { name: 'Restore my text' }).click();
    if ((await title.inputValue()) !== 'My title from the e2e test') throw new Error('my text was not restored');
    await page.getByRole('button', { name: 'Save request', exact: true }).click();
    await page.getByRole('button', { name: 'Save request', exact: true }).waitFor({ state: 'visible' });
  });
  await step('N1 a reload keeps the chat in progress, the saved title and a comment typed but not added', async () => {
    await page.getByRole('textbox', { name: 'Add a comment' }).fill('Half-typed note before the reload');
    await page.waitForTimeout(1200); // the demo saves its engine 0.5 s after a change; drafts 0.15 s after a key
    await page.reload();
    await page.getByRole('log').getByText('Hello from the demo <b>test</b>').waitFor({ timeout: 8000 });
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.waitFor({ timeout: 5000 });
    if ((await title.inputValue()) !== 'My title from the e2e test') throw new Error(`title after reload: ${await title.inputValue()}`);
    const comment = page.getByRole('textbox', { name: 'Add a comment' });
    await page.waitForFunction(() => true);
    for (let i = 0; i < 50 && (await comment.inputValue()) !== 'Half-typed note before the reload'; i++) await page.waitForTimeout(100);
    if ((await comment.inputValue()) !== 'Half-typed note before the reload') throw new Error(`comment after reload: ${await comment.inputValue()}`);
    await page.getByText(/unsaved changes from before the page was reloaded/).waitFor({ timeout: 5000 });
    await comment.fill('');
  });
  await step('N2 a second tab shares the session: the same chat, no engine of its own, and an offer rings in one tab only', async () => {
    const second = await page.context().newPage();
    second.on('pageerror', (error) => errors.push(`second tab: ${error.message}`));
    await second.goto(url);
    await second.getByRole('log').getByText('Hello from the demo <b>test</b>').waitFor({ timeout: 8000 });
    await second.getByText(/This tab shares your first demo tab/).waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Push a chat' }).click();
    await second.getByRole('button', { name: /^Accept: Chat from / }).first().waitFor({ timeout: 5000 });
    await hear(page, 'care-task-offered');
    const rungThere = await second.locator('#log').getByText('care-task-offered').count();
    if (rungThere !== 0) throw new Error(`the second tab rang ${rungThere} time(s) too`);
    await second.close();
  });
  await step('R11 Close ends the interaction (creating the customer if asked)', async () => {
    await page.getByRole('button', { name: /^Close the interaction with / }).click();
    const create = page.getByRole('button', { name: 'Create and close' });
    if (await create.isVisible().catch(() => false)) await create.click();
    await page.getByText('Nothing in progress.').waitFor({ timeout: 5000 });
    await hear(page, 'care-task-closed');
  });
  await step('in Czech the desktop switches live and a chat can still be accepted', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('cs');
    await page.getByRole('button', { name: 'Nepřipraveno' }).waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Push a chat' }).click();
    await page.getByRole('button', { name: /^Přijmout: / }).first().click();
    await page.getByRole('log').waitFor({ timeout: 5000 });
  });
  await step('in Korean likewise: the status reads 준비 and a chat can be accepted', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('button', { name: '준비', exact: true }).waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Push a chat' }).click();
    await page.getByRole('button', { name: /^수락/ }).first().click();
    await page.getByText('진행 중').first().waitFor({ timeout: 5000 });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('en');
  });
  await step('no uncaught errors on the page', async () => {
    if (errors.length) throw new Error(errors.join('\n'));
  });
} catch {
  // reported by step()
} finally {
  await browser.close();
  await server.close();
  // .ci/run totals the browser tests and these steps from one file.
  process.exit(report('demo'));
}
