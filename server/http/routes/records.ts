/** The data routes of docs/adapters.md: one per port method, the agent from the session (B1, B6). */
import {
  closeBody, createCustomerBody, createRequestBody, moveBody, moveToCustomerBody, setStatusBody, tagBody, textBody, transferBody,
  updateCustomerBody, updateRequestBody,
} from '../../../src/model/commands.js';
import type { RequestPatch } from '../../../src/model/types.js';
import type { Tx } from '../../db/pool.js';
import { act, actOnce } from '../../domain/act.js';
import * as activities from '../../domain/activities.js';
import * as customers from '../../domain/customers.js';
import * as messages from '../../domain/messages.js';
import * as reads from '../../domain/reads.js';
import * as records from '../../domain/records.js';
import * as requests from '../../domain/requests.js';
import * as routing from '../../domain/routing.js';
import * as tasks from '../../domain/tasks.js';
import * as transfers from '../../domain/transfers.js';
import { startWrapUp } from '../../domain/wrap-up.js';
import { readBody, readOptionalBody } from '../io.js';
import { path, type Route, type RouteContext } from '../route.js';

type Run = (ctx: RouteContext) => Promise<unknown>;
const route = (method: string, pattern: string, run: Run): Route => ({ method, path: path(pattern), access: 'agent', run });
/** A read in one snapshot of the database. */
const read = <T>(ctx: RouteContext, work: (tx: Tx) => Promise<T>) => ctx.db.tx(work, 'repeatable read');
const id = (ctx: RouteContext) => ctx.params[0]!;

export const recordRoutes: Route[] = [
  route('GET', '/session', (ctx) => read(ctx, (tx) => reads.snapshot(tx, ctx.agent.id))),
  route('PUT', '/agent/status', async (ctx) => {
    const { status, reason } = await readBody(ctx.req, setStatusBody);
    return act(ctx.db, ctx.agent, (c) => routing.setStatus(c, ctx.agent.id, status, reason));
  }),
  route('POST', '/tasks/:id/accept', (ctx) => act(ctx.db, ctx.agent, (c) => tasks.accept(c, id(ctx)))),
  route('GET', '/transfer-targets', (ctx) => read(ctx, (tx) => transfers.targets(tx, ctx.agent.id))),
  route('POST', '/tasks/:id/transfer', async (ctx) => {
    const { target, note } = await readBody(ctx.req, transferBody);
    return act(ctx.db, ctx.agent, (c) => transfers.transfer(c, id(ctx), target, note));
  }),
  route('POST', '/tasks/:id/decline', (ctx) => act(ctx.db, ctx.agent, (c) => routing.decline(c, id(ctx)))),
  route('POST', '/tasks/:id/wrap-up', (ctx) => act(ctx.db, ctx.agent, (c) => startWrapUp(c, id(ctx)))),
  route('POST', '/tasks/:id/close', async (ctx) => {
    const { wrapUp } = await readOptionalBody(ctx.req, closeBody, {});
    return act(ctx.db, ctx.agent, (c) => tasks.close(c, id(ctx), wrapUp));
  }),
  route('POST', '/tasks/:id/customer', async (ctx) => {
    const { fields, idempotencyKey } = await readBody(ctx.req, createCustomerBody);
    return actOnce(ctx.db, ctx.agent, idempotencyKey, `createCustomer ${id(ctx)}`, (c) => customers.createCustomer(c, id(ctx), fields));
  }),
  route('GET', '/canned-responses', (ctx) => read(ctx, (tx) => reads.cannedResponses(tx))),
  route('GET', '/customers', (ctx) => read(ctx, (tx) => customers.searchCustomers(tx, ctx.url.searchParams.get('q') ?? ''))),
  route('GET', '/customers/:id', (ctx) => read(ctx, (tx) => records.customer(tx, id(ctx)))),
  route('PATCH', '/customers/:id', async (ctx) => {
    const { expectedVersion, patch } = await readBody(ctx.req, updateCustomerBody);
    return act(ctx.db, ctx.agent, (c) => customers.updateCustomer(c, id(ctx), expectedVersion, patch));
  }),
  route('GET', '/customers/:id/journey', (ctx) => read(ctx, (tx) => reads.journey(tx, id(ctx)))),
  route('POST', '/customers/:id/requests', async (ctx) => {
    const { fields, idempotencyKey } = await readBody(ctx.req, createRequestBody);
    return actOnce(ctx.db, ctx.agent, idempotencyKey, `createRequest ${id(ctx)}`, (c) => requests.createRequest(c, id(ctx), fields));
  }),
  route('GET', '/requests/:id', (ctx) => read(ctx, (tx) => records.request(tx, id(ctx)))),
  route('PATCH', '/requests/:id', async (ctx) => {
    const { expectedVersion, patch } = await readBody(ctx.req, updateRequestBody);
    return act(ctx.db, ctx.agent, (c) => requests.updateRequest(c, id(ctx), expectedVersion, patch as RequestPatch));
  }),
  route('GET', '/activities/:id', (ctx) => read(ctx, (tx) => records.activity(tx, id(ctx)))),
  route('GET', '/activities/:id/comments', (ctx) => read(ctx, (tx) => reads.comments(tx, id(ctx)))),
  route('POST', '/activities/:id/comments', async (ctx) => {
    const { text, idempotencyKey } = await readBody(ctx.req, textBody);
    return actOnce(ctx.db, ctx.agent, idempotencyKey, `addComment ${id(ctx)}`, (c) => messages.addComment(c, id(ctx), text));
  }),
  route('GET', '/activities/:id/transcript', (ctx) => read(ctx, (tx) => reads.transcript(tx, id(ctx)))),
  route('POST', '/activities/:id/messages', async (ctx) => {
    const { text, idempotencyKey } = await readBody(ctx.req, textBody);
    return actOnce(ctx.db, ctx.agent, idempotencyKey, `sendChatMessage ${id(ctx)}`, (c) => messages.sendChatMessage(c, id(ctx), text));
  }),
  route('POST', '/activities/:id/tags', async (ctx) => {
    const { tag } = await readBody(ctx.req, tagBody);
    return act(ctx.db, ctx.agent, (c) => activities.addTag(c, id(ctx), tag));
  }),
  route('DELETE', '/activities/:id/tags/:tag', (ctx) => act(ctx.db, ctx.agent, (c) => activities.removeTag(c, id(ctx), ctx.params[1]!))),
  route('POST', '/activities/:id/move', async (ctx) => {
    const { target, expectedVersion, idempotencyKey } = await readBody(ctx.req, moveBody);
    return actOnce(ctx.db, ctx.agent, idempotencyKey, `moveActivity ${id(ctx)}`, (c) => activities.moveActivity(c, id(ctx), target, expectedVersion));
  }),
  route('POST', '/activities/:id/move-to-customer', async (ctx) => {
    const { customerId, expectedVersion } = await readBody(ctx.req, moveToCustomerBody);
    return act(ctx.db, ctx.agent, (c) => activities.moveToCustomer(c, id(ctx), customerId, expectedVersion));
  }),
];
