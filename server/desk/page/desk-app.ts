/**
 * The page the reference server serves: a sign-in screen, then care-desktop
 * over the HTTP adapter with the session cookie, and Sign out. Renders into
 * the light DOM so the page's stylesheet (desk.css) styles it; no inline
 * styles, so the strict Content-Security-Policy holds.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { Subscription } from 'rxjs';
import { CareError } from '../../../src/model/errors.js';
import { CareStore } from '../../../src/state/store.js';
import { HttpTransport, type SignedInAgent } from '../../../src/transport/http.js';
import { shareAcrossTabs, type TabSharedTransport } from '../../../src/transport/tabs.js';
import { LANGUAGES, stringsFor, type DeskLanguage, type DeskStrings } from './strings.js';

/** Where the protocol is served: the same origin as the page. */
export const API = '/care-api';

type View = 'checking' | 'signed-out' | 'signed-in';
type Problem = 'missing' | 'wrong' | 'unreachable' | 'sessionEnded' | '';

export class CareDeskApp extends LitElement {
  @state() private view: View = 'checking';
  @state() private agent: SignedInAgent | null = null;
  @state() private problem: Problem = '';
  @state() private busy = false;
  @state() private language: DeskLanguage = 'en';
  private store: CareStore | undefined;
  private transport: TabSharedTransport | undefined;
  private watching: Subscription | undefined;
  private polling: ReturnType<typeof setInterval> | undefined;

  /**
   * How often the desk asks whether its session still exists, in ms. A session
   * ended on the server (signed out in another tab, expired) may leave the
   * event stream open, so nothing else would tell.
   */
  sessionCheckMs = 60_000;

  /** Light DOM: the page's stylesheet applies, and the form is an ordinary form for password managers. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.language = (document.documentElement.lang || 'en') as DeskLanguage;
    void this.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.leaveDesk();
  }

  private get t(): DeskStrings {
    return stringsFor(this.language);
  }

  /** A session cookie from before (a reload) goes straight to the desk. */
  private async resume(): Promise<void> {
    try {
      const agent = await HttpTransport.currentAgent(API);
      if (agent) this.enterDesk(agent);
      else this.view = 'signed-out';
    } catch {
      this.view = 'signed-out';
      this.problem = 'unreachable';
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const login = (form.elements.namedItem('login') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    this.problem = '';
    if (!login || !password) {
      await this.updateComplete;
      this.problem = 'missing';
      this.querySelector<HTMLInputElement>(login ? '#desk-password' : '#desk-login')?.focus();
      return;
    }
    this.busy = true;
    try {
      const { agent } = await HttpTransport.signIn(API, login, password);
      this.enterDesk(agent);
    } catch (error) {
      this.problem = error instanceof CareError && error.kind === 'auth' ? 'wrong' : 'unreachable';
      await this.updateComplete;
      const field = this.querySelector<HTMLInputElement>('#desk-password');
      field?.focus();
      field?.select();
    } finally {
      this.busy = false;
    }
  }

  private enterDesk(agent: SignedInAgent): void {
    this.leaveDesk();
    // The agent's tabs in this browser share one session: one event stream, one ring (N2).
    this.transport = shareAcrossTabs(() => new HttpTransport({ baseUrl: API }), { name: `${API} ${agent.id}` });
    // What the agent types is kept across a reload (N1) and shared by the agent's tabs (N2).
    const store = new CareStore(this.transport, { now: () => Date.now(), persist: true });
    this.store = store;
    // A session that ends on the server (expired, signed out in another tab) brings the sign-in back. The
    // event stream cannot tell a 401 from a lost link (EventSource hides the status), so going offline asks /me.
    this.watching = store.state$.subscribe((s) => {
      if (s.connectionError?.kind === 'auth') this.sessionEnded();
      else if (s.connection === 'offline') void this.checkSession(store);
    });
    this.polling = setInterval(() => void this.checkSession(store), this.sessionCheckMs);
    document.addEventListener('visibilitychange', this.onVisible);
    this.agent = agent;
    this.problem = '';
    this.view = 'signed-in';
    void store.connect();
  }

  /** Whether the session still exists (while offline, now and then, on return to the tab); asked at most every few seconds. */
  private checking = false;
  private async checkSession(store: CareStore): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const agent = await HttpTransport.currentAgent(API);
      if (agent === undefined && this.store === store) this.sessionEnded();
    } catch {
      // The server is unreachable: the desk stays, showing it is offline, and the store reconnects.
    } finally {
      setTimeout(() => (this.checking = false), Math.min(5000, this.sessionCheckMs / 2));
    }
  }

  /** Coming back to the tab is a good moment to notice a session that ended meanwhile. */
  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible' && this.store) void this.checkSession(this.store);
  };

  private leaveDesk(): void {
    clearInterval(this.polling);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.watching?.unsubscribe();
    this.watching = undefined;
    this.store?.dispose();
    this.store = undefined;
    this.transport?.close();
    this.transport = undefined;
  }

  private sessionEnded(): void {
    this.leaveDesk();
    this.agent = null;
    this.view = 'signed-out';
    this.problem = 'sessionEnded';
  }

  private async leave(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await HttpTransport.signOut(API);
      this.leaveDesk();
      this.agent = null;
      this.problem = '';
      this.view = 'signed-out';
    } catch {
      this.problem = 'unreachable';
    } finally {
      this.busy = false;
    }
  }

  private chooseLanguage(event: Event): void {
    this.language = (event.target as HTMLSelectElement).value as DeskLanguage;
    // The kit's elements follow the page's lang.
    document.documentElement.lang = this.language;
  }

  protected override updated(changed: PropertyValues): void {
    document.title = this.view === 'signed-in' && this.agent ? `${this.agent.name} — Care` : this.t.title;
    // Focus the login field when the sign-in screen appears (first load, sign out, session end).
    if (changed.has('view') && this.view === 'signed-out') this.querySelector<HTMLInputElement>('#desk-login')?.focus();
  }

  private renderLanguage() {
    return html`<label class="language"
      >${this.t.language}
      <select @change=${this.chooseLanguage}>
        ${LANGUAGES.map(([code, name]) => html`<option value=${code} lang=${code} ?selected=${code === this.language}>${name}</option>`)}
      </select></label
    >`;
  }

  private renderSignIn() {
    const t = this.t;
    const message = this.problem ? t[this.problem] : '';
    const invalid = this.problem === 'missing' || this.problem === 'wrong';
    return html`<main class="sign-in">
      <form class="card" novalidate aria-labelledby="desk-title" @submit=${this.submit}>
        <h1 id="desk-title">${t.title}</h1>
        <p class="intro">${t.intro}</p>
        <label for="desk-login">${t.login}</label>
        <input id="desk-login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required
          aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="desk-problem" />
        <label for="desk-password">${t.password}</label>
        <input id="desk-password" name="password" type="password" autocomplete="current-password" required
          aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="desk-problem" />
        <p id="desk-problem" class="problem" role="alert">${message}</p>
        <button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? t.signingIn : t.signIn}</button>
      </form>
      ${this.renderLanguage()}
    </main>`;
  }

  private renderDesk() {
    const t = this.t;
    return html`<header class="bar">
        <span class="brand">Care</span>
        <span class="who">${t.signedInAs.replace('{name}', this.agent?.name ?? '')}</span>
        <span class="problem" role="status">${this.problem ? t[this.problem] : ''}</span>
        ${this.renderLanguage()}
        <button type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.leave}>${t.signOut}</button>
      </header>
      <main class="desk"><care-desktop .store=${this.store}></care-desktop></main>`;
  }

  protected override render() {
    if (this.view === 'checking') return html`<p class="checking" role="status">${this.t.checking}</p>`;
    return this.view === 'signed-in' ? this.renderDesk() : this.renderSignIn();
  }
}

customElements.define('care-desk-app', CareDeskApp);

declare global {
  interface HTMLElementTagNameMap {
    'care-desk-app': CareDeskApp;
  }
}
