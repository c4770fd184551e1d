import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import type { ColleagueEdit } from '../../src/engine/simulator.js';
import { DAY, MINUTE, SECOND, type Scenario } from './scenario.js';

const TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

type Backend = 'normal' | 'slow' | 'failing';

/**
 * The story's own controls for its scenario (not part of Care Kit): move
 * the virtual clock, bring in contacts, have a colleague edit, break the
 * backend. Collapsed by default, so a story opens looking the same each time.
 */
export class ScenarioBar extends LitElement {
  static override properties = { scene: { attribute: false }, note: { state: true }, running: { state: true } };
  static override styles = css`
    :host {
      display: block;
      margin-block-start: 1rem;
      font: 0.8125rem/1.4 system-ui, sans-serif;
    }
    summary {
      cursor: pointer;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375rem;
      margin-block-start: 0.375rem;
    }
    time {
      font-variant-numeric: tabular-nums;
    }
  `;

  declare scene: Scenario | undefined;
  declare note: string;
  declare running: boolean;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.note = '';
    this.running = false;
  }

  private async act(note: string, action: (scene: Scenario) => unknown): Promise<void> {
    if (!this.scene) return;
    try {
      await action(this.scene);
      this.note = note;
    } catch (error) {
      this.note = error instanceof Error ? error.message : String(error);
    }
    this.requestUpdate();
  }

  private advance(ms: number, label: string): void {
    void this.act(`${label} passed.`, (s) => s.advance(ms));
  }

  private colleague(what: ColleagueEdit): void {
    void this.act(`A colleague changed the ${what}.`, (s) => {
      const id = s.store.snapshot.activeTaskId;
      const customerId = id ? s.store.snapshot.tasks.get(id)?.customerId : null;
      if (!customerId) throw new Error('Accept a task of a known customer first.');
      return s.colleagueEdits(customerId, what);
    });
  }

  private backend(mode: Backend): void {
    void this.act(`Backend: ${mode}.`, (s) => {
      s.transport.latency = mode === 'slow' ? 3000 : 0;
      if (mode === 'failing') s.failing();
      else s.transport.failure = undefined;
    });
  }

  private toggleClock(run: boolean): void {
    this.running = run;
    clearInterval(this.timer);
    this.timer = run ? setInterval(() => void this.scene?.advance(SECOND).then(() => this.requestUpdate()), SECOND) : undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('scene')) this.toggleClock(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.toggleClock(false);
  }

  protected override render() {
    const s = this.scene;
    if (!s) return null;
    return html`<details>
      <summary>Scenario controls · virtual time <time>${TIME.format(s.clock.now())} UTC</time></summary>
      <div class="row">
        Time:
        <button type="button" @click=${() => this.advance(MINUTE, 'A minute')}>+1 minute</button>
        <button type="button" @click=${() => this.advance(15 * MINUTE, '15 minutes')}>+15 minutes</button>
        <button type="button" @click=${() => this.advance(5 * DAY, 'Five days')}>+5 days</button>
        <label><input type="checkbox" .checked=${this.running} @change=${(e: Event) => this.toggleClock((e.target as HTMLInputElement).checked)} /> runs</label>
      </div>
      <div class="row">
        Contacts:
        <button type="button" @click=${() => void this.act('A chat was pushed.', (x) => x.simulator.arrive('chat', false))}>Push a chat</button>
        <button type="button" @click=${() => void this.act('A call was pushed.', (x) => x.simulator.arrive('call', false))}>Push a call</button>
        <button type="button" @click=${() => void this.act('A chat waits in the queue.', (x) => x.simulator.arrive('chat', true))}>Queue a chat</button>
        <button type="button" @click=${() => this.colleague('request')}>A colleague edits the request</button>
        <button type="button" @click=${() => this.colleague('customer')}>A colleague edits the customer</button>
      </div>
      <div class="row">
        Backend:
        <button type="button" @click=${() => this.backend('normal')}>Normal</button>
        <button type="button" @click=${() => this.backend('slow')}>Slow (3 s)</button>
        <button type="button" @click=${() => this.backend('failing')}>Failing</button>
        <button type="button" @click=${() => void this.act('The link dropped.', (x) => x.transport.setOnline(false))}>Go offline</button>
        <button type="button" @click=${() => void this.act('The link is back.', (x) => x.transport.setOnline(true))}>Back online</button>
      </div>
      <p role="status">${this.note}</p>
    </details>`;
  }
}

/**
 * The bar for `scene`. Defines the element on first use: a bare side-effect
 * import would be dropped from the build, as package.json's `sideEffects`
 * does not list the stories.
 */
export function scenarioBar(scene: Scenario): TemplateResult {
  if (!customElements.get('scenario-bar')) customElements.define('scenario-bar', ScenarioBar);
  return html`<scenario-bar .scene=${scene}></scenario-bar>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'scenario-bar': ScenarioBar;
  }
}
