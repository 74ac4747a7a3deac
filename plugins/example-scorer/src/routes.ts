import { definePluginRoute } from '@guanxi/core';
import { z } from 'zod';
import type { ExampleScorerConfig } from './config';
import { discountInputSchema, recordDiscounts } from './signals/discounts';
import { paymentInputSchema, recordPayments } from './signals/payments';

const route = definePluginRoute<ExampleScorerConfig>();

const recorded = {
  201: {
    description: 'How many were recorded (new or updated)',
    schema: z.strictObject({ recorded: z.number().int() }),
  },
};

/**
 * Where the company's own systems send what the core does not keep, served at
 * /v1/teams/<team>/plugins/example-scorer/: invoices and their payments, and discounts.
 */
export const routes = [
  route({
    method: 'post',
    path: '/payments',
    operationId: 'recordPayments',
    summary: 'Record invoices and their payments; an invoice sent again is updated',
    role: 'rep',
    request: { body: z.strictObject({ payments: z.array(paymentInputSchema) }) },
    responses: recorded,
    handler: async ({ body }, { ctx }) => ({
      status: 201,
      body: { recorded: await recordPayments(ctx, body.payments) },
    }),
  }),
  route({
    method: 'post',
    path: '/discounts',
    operationId: 'recordDiscounts',
    summary: 'Record discounts granted on orders',
    role: 'rep',
    request: { body: z.strictObject({ discounts: z.array(discountInputSchema) }) },
    responses: recorded,
    handler: async ({ body }, { ctx }) => ({
      status: 201,
      body: { recorded: await recordDiscounts(ctx, body.discounts) },
    }),
  }),
];
