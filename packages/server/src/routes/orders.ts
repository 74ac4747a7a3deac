import { interactionInputSchema, orderInputSchema } from '@guanxi/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { actorOf, teamIdOf } from '../auth/team-access';
import type { AppEnv } from '../env';
import type { ApiDoc } from '../openapi/api-doc';
import { validate } from '../validate';
import { teamParams } from './params';
import { single } from './single';

const batchBody = z.strictObject({ orders: z.array(z.unknown()).min(1).max(5000) });
const interactionBody = interactionInputSchema.extend({
  actor: interactionInputSchema.shape.actor.optional(),
});

/** Orders (one or a batch, idempotent by external id) and interactions. */
export function orderRoutes(doc: ApiDoc) {
  doc.add({
    method: 'post',
    path: '/v1/teams/{teamId}/orders',
    summary: 'Record an order; an external id already recorded is not recorded again',
    tag: 'Orders',
    role: 'rep',
    body: orderInputSchema,
    status: 201,
  });
  doc.add({
    method: 'post',
    path: '/v1/teams/{teamId}/orders/batch',
    summary: 'Record up to 5,000 orders in one transaction, all or nothing',
    tag: 'Orders',
    role: 'rep',
    body: z.strictObject({ orders: z.array(orderInputSchema).min(1).max(5000) }),
    status: 201,
  });
  doc.add({
    method: 'post',
    path: '/v1/teams/{teamId}/interactions',
    summary: 'Log a contact with a customer',
    tag: 'Interactions',
    role: 'rep',
    body: interactionBody,
    status: 201,
  });

  return new Hono<AppEnv>()
    .post(
      '/teams/:teamId/orders',
      validate('param', teamParams),
      validate('json', orderInputSchema),
      async (c) => {
        const result = await single('orders', () =>
          c.var.core.orders.record(teamIdOf(c), [c.req.valid('json')], { actor: actorOf(c) }),
        );
        const [order] = result.recorded;
        return order === undefined
          ? c.json({ order: null, duplicate: true, transitions: [] }, 200)
          : c.json({ order, duplicate: false, transitions: result.transitions }, 201);
      },
    )
    .post(
      '/teams/:teamId/orders/batch',
      validate('param', teamParams),
      validate('json', batchBody),
      async (c) => {
        const { orders } = c.req.valid('json');
        const result = await c.var.core.orders.record(teamIdOf(c), orders as never, {
          actor: actorOf(c),
        });
        return c.json(result, 201);
      },
    )
    .post(
      '/teams/:teamId/interactions',
      validate('param', teamParams),
      validate('json', interactionBody),
      async (c) => {
        const input = c.req.valid('json');
        const [interaction] = await single('interactions', () =>
          c.var.core.interactions.log(teamIdOf(c), [
            { ...input, actor: input.actor ?? actorOf(c) },
          ]),
        );
        return c.json(interaction, 201);
      },
    );
}
