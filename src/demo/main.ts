/**
 * The demo page `npm start` serves: one agent session on the embedded engine,
 * with seeded customers and a simulator bringing in chats and calls. Until the
 * care-* elements land, it renders the store's state with lit-html directly.
 */
import { html, nothing, render } from 'lit';
import { Subscription } from 'rxjs';
import { SystemClock } from '../engine/clock.js';
import { CareEngine } from '../engine/engine.js';
import { createSeed } from '../engine/seed.js';
import { Simulator } from '../engine/simulator.js';
import { OFFER_TIMEOUT_MS } from '../model/limits.js';
import { autoCloseAt, displayName } from '../model/rules.js';
import type { Activity, CareRequest, Task } from '../model/types.js';
import { CareStore } from '../state/store.js';
import { MemoryTransport } from '../transport/memory.js';

const ME = 'agent-1';
const clock = new SystemClock();
const engine = new CareEngine({ clock, seed: createSeed({ now: clock.now() }) });
const simulator = new Simulator(engine, { people: [ME] });
const transport = new MemoryTransport(engine, { agentId: ME, latency: 80 });
const store = new CareStore(transport, { now: () => clock.now() });
const root = document.getElementById('app')!;

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat('en', { timeStyle: 'short' });
let message = '';
let focused: Subscription | undefined;
let focusedKey = '';
let lastError = '';

function countdown(task: Task): string {
  const left = Math.max(0, (task.offeredAt ?? task.receivedAt) + OFFER_TIMEOUT_MS - store.now());
  const m = Math.floor(left / 60000);
  const s = Math.floor((left % 60000) / 1000);
  return `${m}:${String(s).padStart(2, '0')}`;
}

function who(task: Task): string {
  const customer = task.customerId ? store.snapshot.customers[task.customerId] : undefined;
  return displayName(customer ?? task.contact);
}

async function act(run: () => Promise<{ ok: boolean; error?: { message: string } }>): Promise<void> {
  const result = await run();
  lastError = result.ok ? '' : (result.error?.message ?? 'Something went wrong.');
  draw();
}

async function closeTask(task: Task): Promise<void> {
  const check = store.closeCheck(task.id);
  let resolution: 'save' | 'discard' | undefined;
  if (check.customerNotCreated) {
    resolution = confirm(`Create the customer “${who(task)}” before closing?\nCancel closes without creating it.`) ? 'save' : 'discard';
  }
  await act(() => store.close(task.id, resolution));
}

/** Keeps the journey and transcript of the task in view loaded (the store loads on subscription). */
function follow(task: Task | null): void {
  const key = task ? `${task.customerId}|${task.activityId}` : '';
  if (key === focusedKey) return;
  focusedKey = key;
  focused?.unsubscribe();
  focused = new Subscription();
  if (!task) return;
  if (task.customerId) focused.add(store.journey$(task.customerId).subscribe());
  focused.add(store.transcript$(task.activityId).subscribe());
}

function taskRow(task: Task, actions: unknown) {
  return html`<li class="task">
    <span class="media" aria-label=${task.media}>${task.media === 'call' ? '☎' : '💬'}</span>
    <span class="who">${who(task)}</span>
    <span class="when">${time.format(task.receivedAt)}</span>
    ${actions}
  </li>`;
}

function requestView(request: CareRequest, activities: Activity[], allActivities: Activity[], current: Id) {
  const closes = autoCloseAt(request, allActivities);
  return html`<li class="request status-${request.status}">
    <div class="request-head">
      <strong>${request.title || '(untitled request)'}</strong>
      <span class="badge">${request.status}</span>
    </div>
    <div class="meta">
      Created ${dateTime.format(request.createdAt)}
      ${request.completedAt ? html` · completed ${dateTime.format(request.completedAt)}` : nothing}
      ${closes ? html` · closes automatically ${dateTime.format(closes)}` : nothing}
    </div>
    <ul class="activities">
      ${activities.map(
        (a) => html`<li class=${a.id === current ? 'current' : ''}>
          <span class="media">${a.media}</span> ${dateTime.format(a.startedAt)} — ${a.summary}
          ${a.tags.map((t) => html`<span class="tag">${t}</span>`)}
        </li>`,
      )}
    </ul>
  </li>`;
}

type Id = string;

function focusView(task: Task | null, editable: boolean) {
  if (!task) return html`<p class="empty">Select a task in the queue to preview it, or go Ready to receive offers.</p>`;
  const s = store.snapshot;
  const customer = task.customerId ? s.customers[task.customerId] : undefined;
  const activities = Object.values(s.activities).filter((a) => a.customerId === task.customerId && task.customerId);
  const requests = Object.values(s.requests)
    .filter((r) => r.customerId === task.customerId)
    .sort((a, b) => b.createdAt - a.createdAt);
  const loose = activities.filter((a) => a.requestId === null);
  const transcript = s.transcripts[task.activityId] ?? [];
  return html`
    <section class="customer" aria-label="Customer">
      <h2>${displayName(customer ?? task.contact)}</h2>
      <p>${(customer ?? task.contact).email || '—'} · ${(customer ?? task.contact).phone || '—'}</p>
      ${!customer
        ? html`<p class="new">New customer — not created yet.
            ${editable ? html`<button @click=${() => act(() => store.createCustomer(task.id))}>Create customer</button>` : nothing}</p>`
        : nothing}
    </section>
    ${task.media === 'chat'
      ? html`<section class="chat" aria-label="Chat">
          <ol class="transcript" aria-live="polite">
            ${transcript.map((m) => html`<li class="from-${m.from}"><b>${m.authorName}</b> ${m.text}</li>`)}
          </ol>
          ${editable
            ? html`<form
                @submit=${async (e: Event) => {
                  e.preventDefault();
                  const result = await store.sendMessage(task.activityId, message);
                  if (result.ok) message = '';
                  else lastError = result.error.message;
                  draw();
                }}
              >
                <label>Message <input .value=${message} @input=${(e: Event) => (message = (e.target as HTMLInputElement).value)} /></label>
                <button>Send</button>
              </form>`
            : nothing}
        </section>`
      : html`<section class="call" aria-label="Call"><p>Call from ${task.contact.phone || 'an unknown number'}</p></section>`}
    <section aria-label="Customer journey">
      <h3>Customer journey</h3>
      ${task.customerId && requests.length === 0 ? html`<p>Loading…</p>` : nothing}
      <ul class="journey">
        ${requests.map((r) =>
          requestView(r, activities.filter((a) => a.requestId === r.id).sort((a, b) => b.startedAt - a.startedAt), activities, task.activityId),
        )}
        ${loose.length
          ? html`<li class="request"><strong>Not in a request</strong>
              <ul class="activities">${loose.map((a) => html`<li><span class="media">${a.media}</span> ${a.summary}</li>`)}</ul></li>`
          : nothing}
      </ul>
    </section>`;
}

function draw(): void {
  const s = store.snapshot;
  const agent = s.agent;
  const tasks = Object.values(s.tasks);
  const offers = tasks.filter((t) => t.state === 'offered');
  const queue = tasks.filter((t) => t.state === 'queued').sort((a, b) => a.receivedAt - b.receivedAt);
  const working = tasks.filter((t) => t.state === 'accepted');
  const selected = s.selectedTaskId ? s.tasks[s.selectedTaskId] ?? null : null;
  const active = s.activeTaskId ? s.tasks[s.activeTaskId] ?? null : null;
  const shown = selected ?? active;
  follow(shown);
  if (root.hasAttribute('aria-busy')) {
    root.removeAttribute('aria-busy');
    root.textContent = '';
  }
  render(
    html`
      <header>
        <h1>Care Kit <small>demo on the embedded engine</small></h1>
        <div class="me">
          <span>${agent?.name}</span>
          <span class="conn conn-${s.connection}">${s.connection}</span>
          <div role="group" aria-label="Status">
            <button aria-pressed=${agent?.status === 'ready'} @click=${() => act(() => store.setStatus('ready'))}>Ready</button>
            <button aria-pressed=${agent?.status === 'not-ready'} @click=${() => act(() => store.setStatus('not-ready'))}>Not Ready</button>
          </div>
        </div>
      </header>
      <div class="notices" role="status" aria-live="polite">
        ${lastError ? html`<p class="error">${lastError}</p>` : nothing}
        ${s.notices.slice(-3).map(
          (n) => html`<p class=${n.level}>${n.message} <button @click=${() => store.dismissNotice(n.id)} aria-label="Dismiss">×</button></p>`,
        )}
      </div>
      <div class="layout">
        <aside aria-label="Work">
          <h2>Offers</h2>
          <ul class="tasks">
            ${offers.length
              ? offers.map((t) =>
                  taskRow(t, html`<span class="countdown" title="Time left to accept (R13)">${countdown(t)}</span>
                    <button @click=${() => act(() => store.accept(t.id))}>Accept</button>`),
                )
              : html`<li class="empty">${agent?.status === 'ready' ? 'Waiting for an offer…' : 'Go Ready to receive offers.'}</li>`}
          </ul>
          <h2>Queue <small>(pick)</small></h2>
          <ul class="tasks">
            ${queue.length
              ? queue.map((t) =>
                  taskRow(t, html`<button aria-pressed=${s.selectedTaskId === t.id} @click=${() => store.selectTask(s.selectedTaskId === t.id ? null : t.id)}>Preview</button>
                    <button @click=${() => act(() => store.accept(t.id))}>Accept</button>`),
                )
              : html`<li class="empty">The queue is empty.</li>`}
          </ul>
          <h2>In progress</h2>
          <ul class="tasks">
            ${working.length
              ? working.map((t) =>
                  taskRow(t, html`<button aria-pressed=${s.activeTaskId === t.id && !selected} @click=${() => { store.selectTask(null); store.activateTask(t.id); }}>Open</button>
                    <button @click=${() => closeTask(t)}>Close</button>`),
                )
              : html`<li class="empty">Nothing in progress.</li>`}
          </ul>
        </aside>
        <section class="focus" aria-label=${selected ? 'Preview' : 'Current task'}>
          ${selected ? html`<p class="preview-note">Preview — accept the task to work on it.</p>` : nothing}
          ${focusView(shown, !selected && !!active)}
        </section>
        <aside aria-label="Team">
          <h2>Team</h2>
          <ul class="team">
            ${engine.listAgents().map(
              (a) => html`<li><span class="dot ${a.status}"></span>${a.name}
                <small>${a.status === 'ready' ? 'Ready' : 'Not Ready'} · ${engine.listTasks().filter((t) => t.acceptedBy === a.id && t.state === 'accepted').length} in progress</small></li>`,
            )}
          </ul>
          <p class="hint">Colleagues are simulated. New chats and calls arrive every half minute or so.</p>
          <button @click=${() => { simulator.arrive('chat', true); }}>Bring in a chat now</button>
          <button @click=${() => { simulator.arrive('call', true); }}>Bring in a call now</button>
        </aside>
      </div>
    `,
    root,
  );
}

let queued = false;
function schedule(): void {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    draw();
  });
}

store.state$.subscribe(schedule);
engine.subscribe(schedule);
setInterval(schedule, 1000);
simulator.start();
void store.connect();
