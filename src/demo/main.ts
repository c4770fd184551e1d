/**
 * The demo `npm start` serves: care-desktop on the embedded engine, with
 * seeded customers, a simulator bringing in chats and calls, and simulated
 * colleagues. The strip under the desktop is the demo's own, not the kit's:
 * it shows the team and lets you bring in a contact at once.
 */
import { html, render } from 'lit';
import '../define.js';
import { SystemClock } from '../engine/clock.js';
import { CareEngine } from '../engine/engine.js';
import { createSeed } from '../engine/seed.js';
import { Simulator, type ColleagueEdit } from '../engine/simulator.js';
import { CareStore } from '../state/store.js';
import { MemoryTransport } from '../transport/memory.js';
import { shareAcrossTabs } from '../transport/tabs.js';
import { keepEngineSaved, loadSavedEngine, resetDemoData } from './saved-engine.js';

const ME = 'agent-1';
/** `?speed=5` runs the demo's clock five times as fast (1 to 60): a shift's customers, colleagues and deadlines in minutes. */
const speed = Math.min(60, Math.max(1, Number(new URLSearchParams(location.search).get('speed')) || 1));
const clock = new SystemClock(speed);
/** The engine and its simulator run in one tab only: the one leading the agent's tabs (N2). */
let world: { engine: CareEngine; simulator: Simulator; link: MemoryTransport } | undefined;

const transport = shareAcrossTabs(
  async () => {
    // A reload carries on from where the demo was (N1); the first visit, or one after "Reset demo data", starts
    // from the seed. A tab taking over from a closed one reads what that one saved.
    const saved = await loadSavedEngine();
    const engine = new CareEngine({ clock, seed: saved ?? createSeed({ now: clock.now() }) });
    keepEngineSaved(engine);
    const simulator = new Simulator(engine, { people: [ME], pickAtStart: 3 });
    const link = new MemoryTransport(engine, { agentId: ME, latency: 60 });
    world = { engine, simulator, link };
    watchTeam(engine);
    simulator.start();
    return link;
  },
  { name: `care-kit demo ${ME}`, validated: true },
);
const store = new CareStore(transport, { now: () => clock.now(), persist: true });

const desktop = document.querySelector('care-desktop')!;
desktop.store = store;
const team = document.getElementById('team')!;
const log = document.getElementById('log')!;

let colleagueNote = '';

/** Has a simulated colleague change the customer (or request) of the task on screen. */
function colleagueEdits(what: ColleagueEdit): void {
  if (!world) return;
  const { simulator } = world;
  const id = store.snapshot.activeTaskId;
  const customerId = id ? store.snapshot.tasks.get(id)?.customerId : null;
  const name = customerId ? simulator.colleagueEdit(customerId, what) : null;
  colleagueNote = name ? `${name} changed the ${what}.` : 'Open a task with an existing customer first.';
  drawTeam();
}

function drawTeam(): void {
  if (!world) {
    render(
      html`<h2>Demo: the team on this engine</h2>
        <p>This tab shares your first demo tab's session (one agent, one session, N2): the engine, the team and these buttons are in that tab. Close it and this tab takes over.</p>`,
      team,
    );
    return;
  }
  const { engine, simulator } = world;
  const tasks = engine.listTasks();
  render(
    html`<h2>Demo: the team on this engine</h2>
      <ul>
        ${engine.listAgents().map(
          (agent) => html`<li>
            <span class="dot ${agent.status}" aria-hidden="true"></span>
            ${agent.name}${agent.id === ME ? ' (you)' : ''} —
            ${agent.status === 'ready' ? 'Ready' : 'Not Ready'},
            ${tasks.filter((t) => t.state === 'accepted' && t.acceptedBy === agent.id).length} in progress
          </li>`,
        )}
      </ul>
      <p>
        ${tasks.filter((t) => t.state === 'queued' || t.state === 'offered').length} waiting.
        <button type="button" @click=${() => simulator.arrive('chat', false, ME)}>Push a chat</button>
        <button type="button" @click=${() => simulator.arrive('call', false, ME)}>Push a call</button>
        <button type="button" @click=${() => simulator.arrive('chat', true)}>Queue a chat for picking</button>
      </p>
      <p>
        Your work is kept in this browser across reloads.
        <button type="button" @click=${resetOnConfirm}>Reset demo data</button>
      </p>
      <p>
        <label
          >Language
          <select @change=${(e: Event) => (document.documentElement.lang = (e.target as HTMLSelectElement).value)}>
            ${[['en', 'English'], ['ko', '한국어'], ['cs', 'Čeština']].map(
              ([code, name]) => html`<option value=${code} ?selected=${document.documentElement.lang === code}>${name}</option>`,
            )}
          </select></label
        >
      </p>
      <p>
        Try R6's conflict warning: start editing, then
        <button type="button" @click=${() => colleagueEdits('request')}>a colleague edits this request</button>
        <button type="button" @click=${() => colleagueEdits('customer')}>a colleague edits this customer</button>
        <span role="status">${colleagueNote}</span>
      </p>
      <p>
        Try N3: <button type="button" @click=${toggleLink}>${linkDown ? 'Bring the connection back' : 'Lose the connection'}</button>
        then comment or chat: what you send waits and goes by itself when the connection is back.
      </p>`,
    team,
  );
}

let linkDown = false;

/** Drops the embedded engine's link as a network would (pushes lost, calls failing), or brings it back. */
function toggleLink(): void {
  linkDown = !linkDown;
  world?.link.setOnline(!linkDown);
  drawTeam();
}

function resetOnConfirm(): void {
  if (confirm('Reset the demo? Every change, draft and task since the first visit is forgotten.')) void resetDemoData();
}

// What an integrator would do with the kit's events: here, a short log.
for (const name of ['care-task-offered', 'care-task-accepted', 'care-task-closed', 'care-status-changed'] as const) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${event.type}`;
    log.prepend(item);
    while (log.childElementCount > 6) log.lastElementChild?.remove();
  });
}

function watchTeam(engine: CareEngine): void {
  let queued = false;
  engine.subscribe(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      drawTeam();
    });
  });
  drawTeam();
}

drawTeam();
void store.connect();
