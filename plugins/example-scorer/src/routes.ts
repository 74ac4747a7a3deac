import { type PluginRouteEnv, readJsonBody } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import { type DiscountInput, recordDiscounts } from './signals/discounts';
import { type PaymentInput, recordPayments } from './signals/payments';

type Env = { Bindings: PluginRouteEnv };

/** The body's list under `field`; the record functions check every item, naming its path. */
async function listIn<T>(c: Context<Env>, field: string): Promise<T[]> {
  const body = await readJsonBody(c.req.raw);
  return (typeof body === 'object' && body !== null ? Reflect.get(body, field) : undefined) as T[];
}

/**
 * Where the company's own systems send what the core does not keep, served at
 * /v1/teams/<team>/plugins/example-scorer/: invoices and their payments, and discounts.
 */
export const routes = new Hono<Env>()
  .post('/payments', async (c) => {
    const payments = await listIn<PaymentInput>(c, 'payments');
    return c.json({ recorded: await recordPayments(c.env.ctx, payments) }, 201);
  })
  .post('/discounts', async (c) => {
    const discounts = await listIn<DiscountInput>(c, 'discounts');
    return c.json({ recorded: await recordDiscounts(c.env.ctx, discounts) }, 201);
  })
  .onError((error) => {
    throw error;
  });
