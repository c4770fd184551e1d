import { expect } from '@open-wc/testing';
import { VirtualClock } from '../../src/engine/clock.js';
import { CareEngine } from '../../src/engine/engine.js';
import { createSeed } from '../../src/engine/seed.js';
import { Simulator } from '../../src/engine/simulator.js';
import { MINUTE, START } from '../support/fixtures.js';

function world() {
  const clock = new VirtualClock(START);
  const engine = new CareEngine({ clock, seed: createSeed({ now: START }) });
  const simulator = new Simulator(engine);
  return { clock, engine, simulator };
}

describe('Simulator', () => {
  it('brings in chats and calls over time and colleagues take push offers (R12, R26)', () => {
    const { clock, engine, simulator } = world();
    simulator.start();
    clock.advance(20 * MINUTE);
    const tasks = engine.listTasks();
    const closedOrTaken = tasks.filter((t) => t.state === 'accepted');
    expect(tasks.length).to.be.greaterThan(3);
    expect(closedOrTaken.some((t) => t.acceptedBy !== 'agent-1')).to.equal(true);
    expect(engine.listAgents().filter((a) => a.id !== 'agent-1').every((a) => a.status === 'ready')).to.equal(true);
    expect(engine.getAgent('agent-1').status).to.equal('not-ready');
    simulator.stop();
  });

  it('R15 the customer keeps typing in a chat the person at the desk accepted', () => {
    const { clock, engine, simulator } = world();
    simulator.start();
    const taskId = simulator.arrive('chat', true);
    const task = engine.acceptTask('agent-1', taskId);
    const before = engine.getTranscript(task.activityId).length;
    clock.advance(3 * MINUTE);
    expect(engine.getTranscript(task.activityId).length).to.be.greaterThan(before);
    expect(engine.getTranscript(task.activityId).every((m) => m.from === 'customer')).to.equal(true);
    simulator.stop();
  });

  it('stop() leaves nothing scheduled but the engine’s own rule timers', () => {
    const { clock, engine, simulator } = world();
    const ruleTimers = clock.pending;
    simulator.start();
    clock.advance(5 * MINUTE);
    simulator.stop();
    const tasks = engine.listTasks().length;
    clock.advance(30 * MINUTE);
    expect(engine.listTasks().length).to.equal(tasks);
    expect(clock.pending).to.be.at.most(ruleTimers + tasks);
  });
});

describe('Simulator colleagues', () => {
  it('R6 R25 a colleague takes a contact from the same customer, then moves their request title on a stage, never appending', () => {
    const clock = new VirtualClock(START);
    const engine = new CareEngine({ clock, seed: createSeed({ now: START }) });
    const simulator = new Simulator(engine, { colleagueEditChance: 0 });
    const customer = engine.listCustomers().find((c) => c.email && engine.getJourney(c.id).requests.some((r) => r.status === 'open'))!;
    const open = () => engine.getJourney(customer.id).requests.filter((r) => r.status === 'open');
    const before = open();
    const activities = engine.getJourney(customer.id).activities.length;
    expect(simulator.colleagueEdit(customer.id, 'request')).to.be.a('string');
    const changed = open().find((r) => !before.some((b) => b.id === r.id && b.version === r.version))!;
    const original = before.find((b) => b.id === changed.id)!.title;
    expect(changed.title).to.equal(`${original} — escalated to second line`);
    expect(changed.updatedBy).to.not.equal(undefined);
    // Pressed again: the stage is replaced, and the colleague's contact is reused, adding no activity.
    simulator.colleagueEdit(customer.id, 'request');
    simulator.colleagueEdit(customer.id, 'request');
    expect(engine.getRequest(changed.id).title).to.equal(`${original} — replacement sent`);
    expect(engine.getJourney(customer.id).activities.length, 'one contact for all three edits').to.equal(activities + 1);
  });

  it('pickAtStart puts work in the pick queue at once; a push with a preferred agent is offered to them when Ready', () => {
    const clock = new VirtualClock(START);
    const engine = new CareEngine({ clock, seed: createSeed({ now: START }) });
    const simulator = new Simulator(engine, { pickAtStart: 3 });
    simulator.start();
    const picking = engine.listQueues().find((q) => q.routing === 'pick')!.id;
    expect(engine.listTasks().filter((t) => t.state === 'queued' && t.queueId === picking)).to.have.length(3);
    clock.advance(MINUTE);
    engine.setStatus('agent-1', 'ready');
    for (const agent of engine.listAgents()) if (agent.id !== 'agent-1') expect(agent.status, 'colleagues are Ready and idle longer').to.equal('ready');
    const id = simulator.arrive('chat', false, 'agent-1');
    expect(engine.getTask(id).offeredTo).to.equal('agent-1');
    simulator.stop();
  });

  it('R6 a colleague can change the customer’s phone', () => {
    const clock = new VirtualClock(START);
    const engine = new CareEngine({ clock, seed: createSeed({ now: START }) });
    const simulator = new Simulator(engine, { colleagueEditChance: 0 });
    const customer = engine.listCustomers().find((c) => c.email)!;
    expect(simulator.colleagueEdit(customer.id, 'customer')).to.be.a('string');
    const saved = engine.getCustomer(customer.id);
    expect(saved.version).to.equal(customer.version + 1);
    expect(saved.phone).to.not.equal(customer.phone);
  });
});
