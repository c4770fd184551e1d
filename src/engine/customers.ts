import { CareError } from '../model/errors.js';
import type { ContactFields, Customer, Id } from '../model/types.js';
import { validateCustomerFields } from '../model/validation.js';
import { nfcFields } from '../model/text.js';
import type { EngineContext } from './context.js';
import { assertValid } from './permissions.js';

/** Customers: matching a contact, creating, editing and finding them (R10, R17, R25, R27, R29). */
export class Customers {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * Creates the customer of an in-progress task that has none (R10, R27);
   * the task's activity then joins a new request (R4).
   */
  create(agentId: Id, taskId: Id, fields: ContactFields): Customer {
    fields = nfcFields(fields); // N5: text is stored composed
    const task = this.ctx.permissions.ownTask(agentId, taskId);
    if (task.customerId !== null) throw CareError.refused('customer-exists', 'This task already has a customer.');
    assertValid(validateCustomerFields(fields));
    const now = this.ctx.now();
    const customer: Customer = {
      id: this.ctx.records.newId('cust'),
      version: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: agentId,
      name: fields.name.trim(),
      email: fields.email.trim(),
      phone: fields.phone.trim(),
    };
    this.ctx.records.customers.set(customer.id, customer);
    task.customerId = customer.id;
    this.ctx.bump(task, agentId);
    const activity = this.ctx.records.activity(task.activityId);
    this.ctx.requests.attach(activity, customer.id, agentId);
    this.ctx.emit({ type: 'customer', customer, changedBy: this.ctx.ref(agentId) });
    this.ctx.emit({ type: 'activity', activity, changedBy: this.ctx.ref(agentId) });
    this.ctx.emit({ type: 'task', task, cause: 'accepted' });
    return customer;
  }

  /** Saves customer fields; refused as a conflict if `expectedVersion` is stale (R6). */
  update(agentId: Id, customerId: Id, expectedVersion: number, patch: Partial<ContactFields>): Customer {
    patch = nfcFields(patch); // N5
    const customer = this.ctx.records.customer(customerId);
    this.ctx.permissions.customerInProgress(agentId, customerId);
    this.ctx.permissions.version('customer', customer, expectedVersion);
    assertValid(validateCustomerFields(patch));
    for (const key of ['name', 'email', 'phone'] as const) {
      const value = patch[key];
      if (value !== undefined) customer[key] = value.trim();
    }
    this.ctx.bump(customer, agentId);
    this.ctx.emit({ type: 'customer', customer, changedBy: this.ctx.ref(agentId) });
    return customer;
  }

  /** Adds a customer directly, without a task (tests and hosts that bring their own data). */
  add(fields: ContactFields): Customer {
    const now = this.ctx.now();
    const customer: Customer = { id: this.ctx.records.newId('cust'), version: 1, createdAt: now, updatedAt: now, ...fields };
    this.ctx.records.customers.set(customer.id, customer);
    this.ctx.emit({ type: 'customer', customer });
    return customer;
  }

  /** The known customer with this email or phone (R27: otherwise a new customer). */
  match(contact: ContactFields): Customer | undefined {
    const email = contact.email.trim().toLocaleLowerCase();
    const phone = contact.phone.replace(/\D/g, '');
    for (const customer of this.ctx.records.customers.values()) {
      if (email && customer.email.trim().toLocaleLowerCase() === email) return customer;
      // Fewer digits than this match too many numbers to be anyone's.
      if (phone.length >= 5 && customer.phone.replace(/\D/g, '') === phone) return customer;
    }
    return undefined;
  }

  /** Customers whose name, email or phone contains `query` (R29's "search for one"). */
  search(query: string, limit: number): Customer[] {
    const needle = query.trim().toLocaleLowerCase();
    const digits = query.replace(/\D/g, '');
    if (!needle) return [];
    const hits = [...this.ctx.records.customers.values()].filter(
      (c) =>
        c.name.toLocaleLowerCase().includes(needle) ||
        c.email.toLocaleLowerCase().includes(needle) ||
        (digits.length >= 3 && c.phone.replace(/\D/g, '').includes(digits)),
    );
    return hits.slice(0, limit);
  }
}
