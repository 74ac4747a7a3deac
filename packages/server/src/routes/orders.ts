import { interactionInputSchema, type OrderInput, orderInputSchema } from '@guanxi/core';
import { z } from 'zod';
import { actorOf, teamIdOf } from '../auth/team-access';
import { body, defineRoute, json } from '../openapi/define-route';
import {
  interactionSchema,
  orderSchema,
  recordOrdersResultSchema,
} from '../openapi/schemas/activity';
import { listOf } from '../openapi/schemas/common';
import { stageEventSchema } from '../openapi/schemas/customers';
import { routesApp } from '../validate';
import { teamParams } from './params';
import { single } from './single';

const interactionBody = interactionInputSchema.extend({
  actor: interactionInputSchema.shape.actor.optional(),
});

const orderExample: OrderInput = {
  customerId: 42,
  amount: 128_000,
  cost: 90_000,
  currency: 'CNY',
  placedAt: '2025-03-08T10:30:00+08:00',
  externalId: 'erp-order-7781',
};

const recorded = (duplicate: boolean) =>
  z.strictObject({
    order: duplicate ? z.null() : orderSchema,
    duplicate: z.literal(duplicate),
    transitions: listOf(stageEventSchema),
  });

export const orderDefinitions = {
  record: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/orders',
    operationId: 'recordOrder',
    summary: 'Record an order; an external id already recorded is not recorded again',
    tags: ['Orders'],
    role: 'rep',
    request: { params: teamParams, body: body(orderInputSchema, orderExample) },
    responses: {
      200: json('The external id was recorded before: nothing is recorded', recorded(true)),
      201: json('The order, and the stage changes it caused', recorded(false)),
    },
  }),
  recordMany: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/orders/batch',
    operationId: 'recordOrders',
    summary: 'Record up to 5,000 orders in one transaction, all or nothing',
    tags: ['Orders'],
    role: 'rep',
    request: {
      params: teamParams,
      body: body(z.strictObject({ orders: z.array(orderInputSchema).min(1).max(5000) })),
    },
    responses: { 201: json('What was recorded, and what was not', recordOrdersResultSchema) },
  }),
  logInteraction: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/interactions',
    operationId: 'logInteraction',
    summary: 'Log a contact with a customer',
    tags: ['Interactions'],
    role: 'rep',
    request: { params: teamParams, body: body(interactionBody) },
    responses: { 201: json('The interaction', interactionSchema) },
  }),
};

const d = orderDefinitions;

/** Orders (one or a batch, idempotent by external id) and interactions. */
export function orderRoutes() {
  return routesApp()
    .openapi(d.record, async (c) => {
      const result = await single('orders', () =>
        c.var.core.orders.record(teamIdOf(c), [c.req.valid('json')], { actor: actorOf(c) }),
      );
      const [order] = result.recorded;
      return order === undefined
        ? c.json({ order: null, duplicate: true as const, transitions: [] }, 200)
        : c.json({ order, duplicate: false as const, transitions: result.transitions }, 201);
    })
    .openapi(d.recordMany, async (c) => {
      const { orders } = c.req.valid('json');
      const result = await c.var.core.orders.record(teamIdOf(c), orders, { actor: actorOf(c) });
      return c.json(result, 201);
    })
    .openapi(d.logInteraction, async (c) => {
      const input = c.req.valid('json');
      const [interaction] = await single('interactions', () =>
        c.var.core.interactions.log(teamIdOf(c), [{ ...input, actor: input.actor ?? actorOf(c) }]),
      );
      return c.json(interaction, 201);
    });
}
