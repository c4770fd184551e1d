import type { AgentRef, Id, Versioned } from '../model/types.js';
import { Activities } from './activities.js';
import type { Clock } from './clock.js';
import { Customers } from './customers.js';
import type { EngineEvent, EngineListener } from './events.js';
import { Permissions } from './permissions.js';
import { Records } from './records.js';
import { Requests } from './requests.js';
import { Routing } from './routing.js';
import { Tasks } from './tasks.js';
import { WrapUps } from './wrap-up.js';

/**
 * What the engine's parts share: the records, the clock, the event
 * listeners and each other. A part reaches another through this object,
 * never through the public facade, so the facade stays a thin shell.
 * Parts touch each other only when called, never while being built.
 */
export class EngineContext {
  readonly records = new Records();
  readonly permissions = new Permissions(this);
  readonly routing = new Routing(this);
  readonly tasks = new Tasks(this);
  readonly customers = new Customers(this);
  readonly requests = new Requests(this);
  readonly activities = new Activities(this);
  readonly wrapUps = new WrapUps(this);
  private readonly listeners = new Set<EngineListener>();

  constructor(readonly clock: Clock) {}

  now(): number {
    return this.clock.now();
  }

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener; each event is copied once, so a listener cannot change the records. */
  emit(event: EngineEvent): void {
    const copy = structuredClone(event);
    for (const listener of [...this.listeners]) listener(copy);
  }

  /** Every change bumps the version (R6) and records when and by whom. */
  bump(entity: Versioned, agentId?: Id): void {
    entity.version += 1;
    entity.updatedAt = this.now();
    if (agentId) entity.updatedBy = agentId;
  }

  /** Who made a change, as events name them (R6). */
  ref(agentId: Id): AgentRef {
    return { id: agentId, name: this.records.agent(agentId).name };
  }

  /** Stops every timer and forgets every listener. */
  dispose(): void {
    this.routing.dispose();
    this.requests.dispose();
    this.wrapUps.dispose();
    this.listeners.clear();
  }
}

export { truncate } from '../model/text.js';
