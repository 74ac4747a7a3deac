import { z } from 'zod';

/** Each team's settings, edited on the admin console's Modules tab. `{}` must parse. */
export const configSchema = z.strictObject({
  goodRevenue: z
    .int()
    .min(1, 'must be 1 or more')
    .default(100_000)
    .describe('Revenue, in minor units (fen, cents), that earns the revenue half in full'),
  goodOrders: z
    .int()
    .min(1, 'must be 1 or more')
    .default(10)
    .describe('Orders that earn the orders half in full'),
});

export type MyPluginConfig = z.output<typeof configSchema>;
