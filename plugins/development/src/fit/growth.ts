import { addDays, dayOf } from '@guanxi/core';
import type { DevelopmentContext } from '../tables';

/** Order amounts (minor units) of the last window of days and of the window before it. */
export interface Growth {
  readonly recent: number;
  readonly prior: number;
}

/** Each customer's orders over the last `windowDays` of the team's days and the ones before. */
export async function growthOf(
  ctx: DevelopmentContext,
  customerIds: readonly number[],
): Promise<Map<number, Growth>> {
  const window = ctx.config.fit.potential.windowDays;
  const today = dayOf(ctx.clock.now(), ctx.timeZone);
  const recentFrom = addDays(today, 1 - window);
  const priorFrom = addDays(today, 1 - 2 * window);
  const growth = new Map<number, Growth>();
  const totals = await ctx.core.orders.dayTotals(ctx.teamId, customerIds);
  for (const [customerId, days] of totals) {
    let recent = 0;
    let prior = 0;
    for (const { day, amount } of days) {
      if (day >= recentFrom) recent += amount;
      else if (day >= priorFrom) prior += amount;
    }
    growth.set(customerId, { recent, prior });
  }
  return growth;
}
