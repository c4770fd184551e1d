// End-to-end on the reference server, as the README tells a new user: two
// instances of `npm run server` on one private PostgreSQL cluster, two agents
// signed in through the sign-in screen in two browser contexts (two cookie
// jars: two browsers), one on each instance, working a conflict (R6) that
// crosses instances. Prints one line per step; exits non-zero on a failure.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createSteps, launchChromium } from './steps.mjs';

const shots = process.env.CARE_SERVER_SCREENSHOTS; // a folder, to look at the desk
const secret = 'e2e-inbound-secret';
const data = mkdtempSync(join(tmpdir(), 'care-e2e-'));
chmodSync(data, 0o755); // the postgres user makes its cluster inside
const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
const pgPort = await freePort();

/** Starts `npm run server`'s script on `port`; resolves with the process once it prints its URL. */
async function startServer(port) {
  const child = spawn(process.execPath, ['scripts/server.mjs'], {
    env: { ...process.env, CARE_DATA_DIR: data, PORT: String(port), PG_PORT: String(pgPort), CARE_INBOUND_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 90 s')), 90_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const found = /listening at (http:\S+?)\/?$/.exec(line);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, url };
}

const { step, report } = createSteps();

const servers = [];
const browser = await launchChromium();
try {
  await step('B7 two instances of npm run server start on one private cluster', async () => {
    servers.push(await startServer(await freePort()));
    servers.push(await startServer(await freePort()));
  });
  const errors = [];
  const desk = async (server, login, viewport) => {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`${login}: ${error.message}`));
    await page.goto(`${server.url}/`);
    await page.getByRole('textbox', { name: 'Login' }).fill(login);
    await page.getByLabel('Password').fill('care-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Ready', exact: true }).waitFor({ timeout: 15_000 });
    return page;
  };
  let alex;
  let sooah;
  await step('B6 agent-1 and agent-2 sign in through the sign-in screen, one on each instance', async () => {
    alex = await desk(servers[0], 'agent-1', { width: 1366, height: 768 });
    sooah = await desk(servers[1], 'agent-2', { width: 1024, height: 768 });
  });
  await step('B6 a wrong password is said where the agent is looking', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${servers[0].url}/`);
    await page.getByRole('textbox', { name: 'Login' }).fill('agent-3');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The login or the password is wrong.').waitFor({ timeout: 10_000 });
    await context.close();
  });
  await step('R12 R26 both go Ready and each is offered one of two chats from one customer', async () => {
    for (const page of [alex, sooah]) await page.getByRole('button', { name: 'Ready', exact: true }).click();
    for (let n = 0; n < 2; n++) {
      const res = await fetch(`${servers[n].url}/care-api/inbound/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ media: 'chat', contact: { name: 'Do-yoon Han', email: 'doyoon.han@example.com', phone: '' }, opening: `Hello ${n}?` }),
      });
      if (res.status !== 200) throw new Error(`inbound answered ${res.status}: ${await res.text()}`);
    }
    for (const page of [alex, sooah]) {
      await page.getByRole('button', { name: /^Accept: Chat from / }).first().click({ timeout: 10_000 });
      await page.getByRole('log').waitFor({ timeout: 10_000 });
    }
  });
  await step('R6 B4 a title saved on one instance warns the agent editing it on the other; Load brings it in', async () => {
    const mine = alex.getByRole('textbox', { name: 'Title' });
    await mine.fill('Alex’s title');
    const theirs = sooah.getByRole('textbox', { name: 'Title' });
    await theirs.fill('Soo-ah’s title');
    await sooah.getByRole('button', { name: /^Save/ }).first().click();
    await alex.getByText(/Soo-ah Park changed this request while you were editing it/).waitFor({ timeout: 10_000 });
    if (shots) {
      await alex.screenshot({ path: join(shots, 'server-conflict-1366x768.png') });
      await sooah.screenshot({ path: join(shots, 'server-desk-1024x768.png') });
    }
    await alex.getByRole('button', { name: 'Load their changes' }).click();
    if ((await mine.inputValue()) !== 'Soo-ah’s title') throw new Error(`Load gave “${await mine.inputValue()}”`);
  });
  await step('N2 a second tab of agent-1 shares the first tab’s session: no second event stream, the same chat; closing the first hands the link on', async () => {
    const context = alex.context();
    const streams = [];
    context.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/care-api/events')) streams.push(request.frame().page());
    });
    const second = await context.newPage();
    second.on('pageerror', (error) => errors.push(`agent-1, second tab: ${error.message}`));
    await second.goto(`${servers[0].url}/`);
    await second.getByRole('log').waitFor({ timeout: 15_000 });
    if (streams.length !== 0) throw new Error(`the second tab opened ${streams.length} event stream(s) of its own`);
    const line = 'Sent from the second tab';
    await second.getByRole('textbox', { name: /^Message/ }).fill(line);
    await second.getByRole('button', { name: 'Send' }).click();
    await alex.getByRole('log').getByText(line).waitFor({ timeout: 10_000 });
    await alex.close();
    // The status changed in the tab left takes the link on; the server says so back through its own stream.
    await second.getByRole('button', { name: 'Not Ready', exact: true }).click();
    await second.getByRole('button', { name: 'Not Ready', exact: true, pressed: true }).waitFor({ timeout: 10_000 });
    if (streams.length !== 1 || streams[0] !== second) throw new Error(`after the first tab closed: ${streams.length} stream(s) opened`);
    alex = second;
  });
  await step('N1 a reload of the desk keeps a comment typed but not added', async () => {
    const comment = alex.getByRole('textbox', { name: 'Add a comment' });
    await comment.fill('Typed on the reference server, not added');
    await alex.waitForTimeout(600); // drafts are written 0.15 s after the last key
    await alex.reload();
    const again = alex.getByRole('textbox', { name: 'Add a comment' });
    await again.waitFor({ timeout: 15_000 });
    for (let i = 0; i < 50 && (await again.inputValue()) !== 'Typed on the reference server, not added'; i++) await alex.waitForTimeout(100);
    if ((await again.inputValue()) !== 'Typed on the reference server, not added') throw new Error(`after the reload: “${await again.inputValue()}”`);
  });
  await step('no uncaught errors on either page', async () => {
    if (errors.length) throw new Error(errors.join('\n'));
  });
} catch {
  // reported by step()
} finally {
  await browser.close();
  for (const { child } of servers.reverse()) {
    child.kill('SIGINT');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
  }
  rmSync(data, { recursive: true, force: true });
  process.exit(report('server e2e'));
}
