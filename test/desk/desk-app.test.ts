/**
 * The desk page the reference server serves (server/desk/page): its sign-in
 * screen, by keyboard, in the browser's language; then care-desktop over
 * care-kit/http and Sign out. The sign-in routes are answered by a stand-in
 * fetch here (the server's own are proven in test/server); after sign-in the
 * desk talks to the example backend this test server runs under /care-api,
 * whose stand-in session is the agent id in the `care_session` cookie.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import '../../server/desk/page/desk-app.js';
import type { CareDeskApp } from '../../server/desk/page/desk-app.js';
import { pickLanguage } from '../../server/desk/page/strings.js';

const realFetch = window.fetch.bind(window);
const calls: string[] = [];
/** Who signs in with what: the stand-in for the server's /sign-in. */
const accounts: Record<string, { password: string; name: string; ended?: boolean }> = {
  'agent-1': { password: 'care-demo', name: 'Ann Agent' },
  // Signs in, but the session is over at once: the backend knows no agent-9, and /me says 401.
  'agent-9': { password: 'care-demo', name: 'Nobody Known', ended: true },
};
let signedIn: string | undefined;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const unauthorized = () => json(401, { error: { kind: 'auth', message: 'Sign in first.' } });

/** Answers /care-api/sign-in, /sign-out and /me; everything else goes to the test server. */
async function standIn(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
  const route = `${init?.method ?? 'GET'} ${url.pathname}`;
  calls.push(route);
  if (route === 'POST /care-api/sign-in') {
    const { login, password } = JSON.parse(String(init?.body)) as { login: string; password: string };
    const account = accounts[login];
    if (!account || account.password !== password) return json(401, { error: { kind: 'auth', message: 'Wrong login or password.' } });
    signedIn = login;
    document.cookie = `care_session=${login}; path=/care-api`;
    return json(200, { agent: { id: login, name: account.name }, token: login });
  }
  if (route === 'POST /care-api/sign-out') {
    signedIn = undefined;
    document.cookie = 'care_session=; path=/care-api; max-age=0';
    return new Response(null, { status: 204 });
  }
  if (route === 'GET /care-api/me') {
    const account = signedIn ? accounts[signedIn] : undefined;
    return account && !account.ended ? json(200, { agent: { id: signedIn, name: account.name } }) : unauthorized();
  }
  return realFetch(input, init);
}

async function mountDesk(): Promise<CareDeskApp> {
  const el = await fixture<CareDeskApp>(html`<care-desk-app></care-desk-app>`);
  await until(() => el.querySelector('#desk-login, care-desktop'), 'the first screen');
  return el;
}

/** Polls until `probe` gives something truthy (the desk waits on the network). */
async function until<T>(probe: () => T | null | undefined | false, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const field = (el: HTMLElement, id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
const problem = (el: HTMLElement) => el.querySelector('#desk-problem')?.textContent?.trim() ?? '';

describe('desk page (server/desk)', () => {
  beforeEach(async () => {
    await realFetch('/care-api/reset', { method: 'POST' });
    window.fetch = standIn;
    calls.length = 0;
    signedIn = undefined;
    document.cookie = 'care_session=; path=/care-api; max-age=0';
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    window.fetch = realFetch;
    document.cookie = 'care_session=; path=/care-api; max-age=0';
    document.documentElement.lang = 'en';
  });

  it('B6 the sign-in screen is accessible: labelled fields, the login focused, a live region for problems', async () => {
    const el = await mountDesk();
    await expect(el).to.be.accessible();
    expect(el.querySelector('label[for=desk-login]')?.textContent).to.equal('Login');
    expect(el.querySelector('label[for=desk-password]')?.textContent).to.equal('Password');
    expect(field(el, 'desk-password').type).to.equal('password');
    expect(field(el, 'desk-password').autocomplete).to.equal('current-password');
    expect(field(el, 'desk-login').autocomplete).to.equal('username');
    expect(el.querySelector('#desk-problem')?.getAttribute('role')).to.equal('alert');
    expect(document.activeElement).to.equal(field(el, 'desk-login'));
  });

  it('B6 by keyboard: empty fields and a wrong password are said in the live region, the password selected to retype', async () => {
    const el = await mountDesk();
    await sendKeys({ press: 'Enter' });
    await until(() => problem(el), 'the missing message');
    expect(problem(el)).to.equal('Enter your login and your password.');
    expect(calls).not.to.include('POST /care-api/sign-in');
    await sendKeys({ type: 'agent-1' });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(field(el, 'desk-password'));
    await sendKeys({ type: 'not-it' });
    await sendKeys({ press: 'Enter' });
    await until(() => problem(el) !== 'Enter your login and your password.' && problem(el), 'the refusal');
    expect(problem(el)).to.equal('The login or the password is wrong.');
    expect(field(el, 'desk-password').getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(field(el, 'desk-password'));
    const input = field(el, 'desk-password');
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, 'not-it'.length]);
    await expect(el).to.be.accessible();
  });

  it('B6 signing in shows care-desktop over the session; Sign out ends it and brings the sign-in back', async () => {
    const el = await mountDesk();
    field(el, 'desk-login').value = 'agent-1';
    field(el, 'desk-password').value = 'care-demo';
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const desktop = await until(() => el.querySelector('care-desktop'), 'the desktop');
    expect(el.querySelector('.bar .who')?.textContent).to.equal('Signed in as Ann Agent');
    // The desktop reached the backend as agent-1 (the contract seed's first agent) through the cookie.
    await until(() => desktop.store?.snapshot.agent?.id === 'agent-1', 'the session snapshot');
    expect(calls).to.include('GET /care-api/session');
    [...el.querySelectorAll<HTMLButtonElement>('.bar button')].find((b) => b.textContent === 'Sign out')!.click();
    await until(() => el.querySelector('#desk-login'), 'the sign-in screen');
    expect(calls).to.include('POST /care-api/sign-out');
    expect(document.activeElement).to.equal(field(el, 'desk-login'));
    expect(problem(el)).to.equal('');
  });

  it('B6 a session cookie from before (a reload) goes straight to the desk', async () => {
    signedIn = 'agent-1';
    document.cookie = 'care_session=agent-1; path=/care-api';
    const el = await mountDesk();
    expect(el.querySelector('care-desktop')).to.exist;
    expect(el.querySelector('#desk-login')).to.equal(null);
  });

  it('B6 a session the backend does not accept brings the sign-in back, saying the session ended', async () => {
    const el = await mountDesk();
    field(el, 'desk-login').value = 'agent-9';
    field(el, 'desk-password').value = 'care-demo';
    calls.length = 0;
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => el.querySelector('#desk-login') && problem(el), 'the sign-in screen again');
    expect(problem(el)).to.equal('Your session has ended. Sign in again.');
    expect(calls).to.include('GET /care-api/me', 'the desk asked whether the session still exists');
  });

  it('B6 a session ended on the server while the stream stays open (signed out in another tab) is noticed within sessionCheckMs', async () => {
    const el = await mountDesk();
    el.sessionCheckMs = 150;
    field(el, 'desk-login').value = 'agent-1';
    field(el, 'desk-password').value = 'care-demo';
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const desktop = await until(() => el.querySelector('care-desktop'), 'the desktop');
    await until(() => desktop.store?.snapshot.agent?.id === 'agent-1', 'the session snapshot');
    signedIn = undefined; // the server ends the session; the desk's event stream is still open
    await until(() => el.querySelector('#desk-login') && problem(el), 'the sign-in screen again');
    expect(problem(el)).to.equal('Your session has ended. Sign in again.');
  });

  it('speaks the browser\'s language (en, ko, cs), and the picker switches the page and the kit together', async () => {
    expect(pickLanguage(['de-DE', 'ko-KR', 'en'])).to.equal('ko');
    expect(pickLanguage(['cs'])).to.equal('cs');
    expect(pickLanguage(['fr'])).to.equal('en');
    document.documentElement.lang = 'cs';
    const el = await mountDesk();
    expect(el.querySelector('h1')?.textContent).to.equal('Přihlášení do pracoviště Care');
    expect(el.querySelector('label[for=desk-login]')?.textContent).to.equal('Přihlašovací jméno');
    const select = el.querySelector<HTMLSelectElement>('select')!;
    select.value = 'ko';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(document.documentElement.lang).to.equal('ko');
    expect(el.querySelector('h1')?.textContent).to.equal('Care 데스크 로그인');
    await expect(el).to.be.accessible();
  });
});
