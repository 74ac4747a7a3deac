import {
  type CustomerInput,
  customerInputSchema,
  customerPatchSchema,
  identitiesInputSchema,
  STAGES,
  transitionInputSchema,
} from '@guanxi/core';
import { z } from 'zod';
import { actorOf, teamIdOf } from '../auth/team-access';
import { body, defineRoute, json } from '../openapi/define-route';
import { interactionSchema, orderSchema } from '../openapi/schemas/activity';
import { listOf } from '../openapi/schemas/common';
import {
  customerPageSchema,
  customerSchema,
  customerWithIdentitiesSchema,
  factsSchema,
  stageEventSchema,
} from '../openapi/schemas/customers';
import { routesApp } from '../validate';
import { customerParams, idParam, teamParams } from './params';
import { single } from './single';

const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  stage: z.enum(STAGES).optional(),
  kind: z.enum(['person', 'company']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: idParam.optional(),
});

const transitionBody = transitionInputSchema.omit({ actor: true });
const identityQuery = z
  .strictObject({
    email: z.string().optional(),
    domain: z.string().optional(),
    phone: z.string().optional(),
  })
  .refine((q) => [q.email, q.domain, q.phone].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of email, domain or phone',
  });
const limitQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(20) });

const conflict = { description: 'An e-mail, domain, phone or external ref is taken' };

const customerExample: CustomerInput = {
  kind: 'person',
  name: '王芳',
  emails: ['wang.fang@example.cn'],
  phones: ['+86 21 5555 0101'],
  externalRef: 'erp-10042',
  attributes: { city: { value: '上海', source: 'sales_rep' } },
};

export const customerDefinitions = {
  list: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/customers',
    operationId: 'listCustomers',
    summary: 'List or search customers',
    tags: ['Customers'],
    role: 'rep',
    request: { params: teamParams, query: listQuery },
    responses: { 200: json('A page of customers', customerPageSchema) },
  }),
  create: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/customers',
    operationId: 'createCustomer',
    summary: 'Create a customer',
    tags: ['Customers'],
    role: 'rep',
    request: { params: teamParams, body: body(customerInputSchema, customerExample) },
    responses: {
      201: json('The customer, with identities', customerWithIdentitiesSchema),
      409: conflict,
    },
  }),
  createMany: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/customers/batch',
    operationId: 'createCustomers',
    summary: 'Create up to 1,000 customers, all or nothing',
    tags: ['Customers'],
    role: 'rep',
    request: {
      params: teamParams,
      body: body(z.strictObject({ customers: z.array(customerInputSchema).min(1).max(1000) })),
    },
    responses: {
      201: json(
        'The customers, in the order sent',
        z.strictObject({ customers: listOf(customerWithIdentitiesSchema) }),
      ),
      409: conflict,
    },
  }),
  get: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/customers/{customerId}',
    operationId: 'getCustomer',
    summary: 'A customer with identities',
    tags: ['Customers'],
    role: 'rep',
    request: { params: customerParams },
    responses: { 200: json('The customer', customerWithIdentitiesSchema) },
  }),
  update: defineRoute({
    method: 'patch',
    path: '/teams/{teamId}/customers/{customerId}',
    operationId: 'updateCustomer',
    summary: 'Change a customer',
    tags: ['Customers'],
    role: 'rep',
    request: { params: customerParams, body: body(customerPatchSchema) },
    responses: { 200: json('The customer after the change', customerSchema), 409: conflict },
  }),
  addIdentities: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/customers/{customerId}/identities',
    operationId: 'addIdentities',
    summary: 'Add e-mails, domains or phones',
    tags: ['Customers'],
    role: 'rep',
    request: { params: customerParams, body: body(identitiesInputSchema) },
    responses: {
      200: json('The customer, with identities', customerWithIdentitiesSchema),
      409: conflict,
    },
  }),
  removeIdentity: defineRoute({
    method: 'delete',
    path: '/teams/{teamId}/identities',
    operationId: 'removeIdentity',
    summary: 'Remove an identity',
    tags: ['Customers'],
    role: 'rep',
    request: { params: teamParams, query: identityQuery },
    responses: { 204: { description: 'Removed' } },
  }),
  transition: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/customers/{customerId}/transitions',
    operationId: 'transitionCustomer',
    summary: 'Move a customer to another lifecycle stage',
    tags: ['Lifecycle'],
    role: 'rep',
    request: { params: customerParams, body: body(transitionBody) },
    responses: {
      201: json('The stage change', stageEventSchema),
      409: { description: 'Already in that stage, or a plugin vetoed the move (`reason`)' },
    },
  }),
  history: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/customers/{customerId}/history',
    operationId: 'customerHistory',
    summary: 'Every stage the customer has been in',
    tags: ['Lifecycle'],
    role: 'rep',
    request: { params: customerParams },
    responses: {
      200: json(
        'Stage changes, oldest first',
        z.strictObject({ events: listOf(stageEventSchema) }),
      ),
    },
  }),
  facts: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/customers/{customerId}/facts',
    operationId: 'customerFacts',
    summary: 'Order and contact aggregates',
    tags: ['Customers'],
    role: 'rep',
    request: { params: customerParams },
    responses: { 200: json('The aggregates', factsSchema) },
  }),
  orders: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/customers/{customerId}/orders',
    operationId: 'customerOrders',
    summary: 'Latest orders',
    tags: ['Orders'],
    role: 'rep',
    request: { params: customerParams, query: limitQuery },
    responses: {
      200: json('Orders, latest first', z.strictObject({ orders: listOf(orderSchema) })),
    },
  }),
  interactions: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/customers/{customerId}/interactions',
    operationId: 'customerInteractions',
    summary: 'Latest interactions',
    tags: ['Interactions'],
    role: 'rep',
    request: { params: customerParams, query: limitQuery },
    responses: {
      200: json(
        'Interactions, latest first',
        z.strictObject({ interactions: listOf(interactionSchema) }),
      ),
    },
  }),
};

const d = customerDefinitions;

/** Customers, their identities and their lifecycle, within one team. */
export function customerRoutes() {
  return routesApp()
    .openapi(d.list, async (c) => {
      const page = await c.var.core.customers.list(teamIdOf(c), c.req.valid('query'));
      return c.json(page, 200);
    })
    .openapi(d.create, async (c) => {
      const customer = await single('customers', () =>
        c.var.core.customers.create(teamIdOf(c), c.req.valid('json')),
      );
      return c.json(customer, 201);
    })
    .openapi(d.createMany, async (c) => {
      const { customers } = c.req.valid('json');
      const created = await c.var.core.customers.createMany(teamIdOf(c), customers);
      return c.json({ customers: created }, 201);
    })
    .openapi(d.get, async (c) => {
      return c.json(
        await c.var.core.customers.get(teamIdOf(c), c.req.valid('param').customerId),
        200,
      );
    })
    .openapi(d.update, async (c) => {
      const teamId = teamIdOf(c);
      const { customerId } = c.req.valid('param');
      const before = await c.var.core.customers.get(teamId, customerId);
      const after = await c.var.core.customers.update(teamId, customerId, c.req.valid('json'));
      await c.var.core.audit.record({
        teamId,
        actor: actorOf(c),
        action: 'customer.updated',
        entity: 'customer',
        entityId: customerId,
        before,
        after,
      });
      return c.json(after, 200);
    })
    .openapi(d.addIdentities, async (c) => {
      const { customerId } = c.req.valid('param');
      return c.json(
        await c.var.core.customers.addIdentities(teamIdOf(c), customerId, c.req.valid('json')),
        200,
      );
    })
    .openapi(d.removeIdentity, async (c) => {
      const { email, domain, phone } = c.req.valid('query');
      const lookup =
        email !== undefined
          ? { email }
          : domain !== undefined
            ? { domain }
            : { phone: phone ?? '' };
      await c.var.core.customers.removeIdentity(teamIdOf(c), lookup);
      return c.body(null, 204);
    })
    .openapi(d.transition, async (c) => {
      const { customerId } = c.req.valid('param');
      const event = await c.var.core.lifecycle.transition(teamIdOf(c), customerId, {
        ...c.req.valid('json'),
        actor: actorOf(c),
      });
      return c.json(event, 201);
    })
    .openapi(d.history, async (c) => {
      return c.json(
        {
          events: await c.var.core.lifecycle.history(teamIdOf(c), c.req.valid('param').customerId),
        },
        200,
      );
    })
    .openapi(d.facts, async (c) => {
      return c.json(await c.var.core.facts.get(teamIdOf(c), c.req.valid('param').customerId), 200);
    })
    .openapi(d.orders, async (c) => {
      const teamId = teamIdOf(c);
      const { customerId } = c.req.valid('param');
      await c.var.core.customers.get(teamId, customerId);
      const orders = await c.var.core.orders.forCustomer(
        teamId,
        customerId,
        c.req.valid('query').limit,
      );
      return c.json({ orders }, 200);
    })
    .openapi(d.interactions, async (c) => {
      const teamId = teamIdOf(c);
      const { customerId } = c.req.valid('param');
      await c.var.core.customers.get(teamId, customerId);
      const interactions = await c.var.core.interactions.forCustomer(
        teamId,
        customerId,
        c.req.valid('query').limit,
      );
      return c.json({ interactions }, 200);
    });
}
