import type { HookHandler } from '@guanxi/core';
import type { WinbackConfig } from '../config';
import { recordOrderDays } from '../order-days';

/** Keeps each customer's order days, for the median-gap rule. */
export const ordersRecorded: HookHandler<'orders:recorded', WinbackConfig> = async (event, ctx) => {
  await recordOrderDays(ctx, event.items);
};
