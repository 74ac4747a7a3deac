import {
  customerInputSchema,
  customerPatchSchema,
  identitiesInputSchema,
  STAGES,
  transitionInputSchema,
} from '@guanxi/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { actorOf, teamIdOf } from '../auth/team-access';
import type { AppEnv } from '../env';
import type { ApiDoc } from '../openapi/api-doc';
import { validate } from '../validate';
import { customerParams, idParam, teamParams } from './params';
import { single } from './single';

const listQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  stage: z.enum(STAGES).optional(),
  kind: z.enum(['person', 'company']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: idParam.optional(),
});

const batchBody = z.strictObject({ customers: z.array(z.unknown()).min(1).max(1000) });
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

/** Customers, their identities and their lifecycle, within one team. */
export function customerRoutes(doc: ApiDoc) {
  const base = '/v1/teams/{teamId}/customers';
  doc.add({
    method: 'get',
    path: base,
    summary: 'List or search customers',
    tag: 'Customers',
    role: 'rep',
    query: listQuery,
  });
  doc.add({
    method: 'post',
    path: base,
    summary: 'Create a customer',
    tag: 'Customers',
    role: 'rep',
    body: customerInputSchema,
    status: 201,
  });
  doc.add({
    method: 'post',
    path: `${base}/batch`,
    summary: 'Create up to 1,000 customers, all or nothing',
    tag: 'Customers',
    role: 'rep',
    body: z.strictObject({ customers: z.array(customerInputSchema).min(1).max(1000) }),
    status: 201,
  });
  doc.add({
    method: 'get',
    path: `${base}/{customerId}`,
    summary: 'A customer with identities',
    tag: 'Customers',
    role: 'rep',
  });
  doc.add({
    method: 'patch',
    path: `${base}/{customerId}`,
    summary: 'Change a customer',
    tag: 'Customers',
    role: 'rep',
    body: customerPatchSchema,
  });
  doc.add({
    method: 'post',
    path: `${base}/{customerId}/identities`,
    summary: 'Add e-mails, domains or phones',
    tag: 'Customers',
    role: 'rep',
    body: identitiesInputSchema,
  });
  doc.add({
    method: 'delete',
    path: '/v1/teams/{teamId}/identities',
    summary: 'Remove an identity',
    tag: 'Customers',
    role: 'rep',
    query: identityQuery,
    status: 204,
  });
  doc.add({
    method: 'post',
    path: `${base}/{customerId}/transitions`,
    summary: 'Move a customer to another lifecycle stage',
    tag: 'Lifecycle',
    role: 'rep',
    body: transitionBody,
    status: 201,
  });
  doc.add({
    method: 'get',
    path: `${base}/{customerId}/history`,
    summary: 'Every stage the customer has been in',
    tag: 'Lifecycle',
    role: 'rep',
  });
  doc.add({
    method: 'get',
    path: `${base}/{customerId}/facts`,
    summary: 'Order and contact aggregates',
    tag: 'Customers',
    role: 'rep',
  });
  doc.add({
    method: 'get',
    path: `${base}/{customerId}/orders`,
    summary: 'Latest orders',
    tag: 'Orders',
    role: 'rep',
    query: limitQuery,
  });
  doc.add({
    method: 'get',
    path: `${base}/{customerId}/interactions`,
    summary: 'Latest interactions',
    tag: 'Interactions',
    role: 'rep',
    query: limitQuery,
  });

  return new Hono<AppEnv>()
    .get(
      '/teams/:teamId/customers',
      validate('param', teamParams),
      validate('query', listQuery),
      async (c) => {
        const page = await c.var.core.customers.list(teamIdOf(c), c.req.valid('query'));
        return c.json(page);
      },
    )
    .post(
      '/teams/:teamId/customers',
      validate('param', teamParams),
      validate('json', customerInputSchema),
      async (c) => {
        const customer = await single('customers', () =>
          c.var.core.customers.create(teamIdOf(c), c.req.valid('json')),
        );
        return c.json(customer, 201);
      },
    )
    .post(
      '/teams/:teamId/customers/batch',
      validate('param', teamParams),
      validate('json', batchBody),
      async (c) => {
        const { customers } = c.req.valid('json');
        const created = await c.var.core.customers.createMany(teamIdOf(c), customers as never);
        return c.json({ customers: created }, 201);
      },
    )
    .get('/teams/:teamId/customers/:customerId', validate('param', customerParams), async (c) => {
      return c.json(await c.var.core.customers.get(teamIdOf(c), c.req.valid('param').customerId));
    })
    .patch(
      '/teams/:teamId/customers/:customerId',
      validate('param', customerParams),
      validate('json', customerPatchSchema),
      async (c) => {
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
        return c.json(after);
      },
    )
    .post(
      '/teams/:teamId/customers/:customerId/identities',
      validate('param', customerParams),
      validate('json', identitiesInputSchema),
      async (c) => {
        const { customerId } = c.req.valid('param');
        return c.json(
          await c.var.core.customers.addIdentities(teamIdOf(c), customerId, c.req.valid('json')),
        );
      },
    )
    .delete(
      '/teams/:teamId/identities',
      validate('param', teamParams),
      validate('query', identityQuery),
      async (c) => {
        const { email, domain, phone } = c.req.valid('query');
        const lookup =
          email !== undefined
            ? { email }
            : domain !== undefined
              ? { domain }
              : { phone: phone ?? '' };
        await c.var.core.customers.removeIdentity(teamIdOf(c), lookup);
        return c.body(null, 204);
      },
    )
    .post(
      '/teams/:teamId/customers/:customerId/transitions',
      validate('param', customerParams),
      validate('json', transitionBody),
      async (c) => {
        const { customerId } = c.req.valid('param');
        const event = await c.var.core.lifecycle.transition(teamIdOf(c), customerId, {
          ...c.req.valid('json'),
          actor: actorOf(c),
        });
        return c.json(event, 201);
      },
    )
    .get(
      '/teams/:teamId/customers/:customerId/history',
      validate('param', customerParams),
      async (c) => {
        return c.json({
          events: await c.var.core.lifecycle.history(teamIdOf(c), c.req.valid('param').customerId),
        });
      },
    )
    .get(
      '/teams/:teamId/customers/:customerId/facts',
      validate('param', customerParams),
      async (c) => {
        return c.json(await c.var.core.facts.get(teamIdOf(c), c.req.valid('param').customerId));
      },
    )
    .get(
      '/teams/:teamId/customers/:customerId/orders',
      validate('param', customerParams),
      validate('query', limitQuery),
      async (c) => {
        const teamId = teamIdOf(c);
        const { customerId } = c.req.valid('param');
        await c.var.core.customers.get(teamId, customerId);
        return c.json({
          orders: await c.var.core.orders.forCustomer(
            teamId,
            customerId,
            c.req.valid('query').limit,
          ),
        });
      },
    )
    .get(
      '/teams/:teamId/customers/:customerId/interactions',
      validate('param', customerParams),
      validate('query', limitQuery),
      async (c) => {
        const teamId = teamIdOf(c);
        const { customerId } = c.req.valid('param');
        await c.var.core.customers.get(teamId, customerId);
        return c.json({
          interactions: await c.var.core.interactions.forCustomer(
            teamId,
            customerId,
            c.req.valid('query').limit,
          ),
        });
      },
    );
}
