import { chunked, type Order } from '@guanxi/core';
import type { LoyaltyContext } from '../context';
import { readAccounts } from '../ledger/accounts';
import { type Credit, credit } from '../ledger/credit';
import { relevel } from '../levels/levels';
import { loyaltyDb } from '../tables';
import { pointsFor } from './points';
import { tierMultipliers } from './tiers';

export const FIRST_ORDER_REFERENCE = 'bonus:first-order';

/**
 * Earns points for a batch of orders: one entry per order (0 points still records the
 * spend), the first-order bonus for customers whose first orders are in the batch, then
 * upgrades. Reads tiers, facts and accounts once for the batch; an order already in the
 * ledger earns nothing again.
 */
export async function earnForOrders(
  ctx: LoyaltyContext,
  orders: readonly Order[],
  actor = 'system',
): Promise<{ entries: number; points: number }> {
  const db = loyaltyDb(ctx);
  const earned = new Set<number>();
  for (const ids of chunked(
    orders.map((order) => order.id),
    500,
  )) {
    const rows = await db
      .selectFrom('loyalty_ledger')
      .select('order_id')
      .where('team_id', '=', ctx.teamId)
      .where('kind', '=', 'earn')
      .where('order_id', 'in', ids)
      .execute();
    for (const row of rows) earned.add(Number(row.order_id));
  }
  const fresh = orders.filter((order) => !earned.has(order.id));
  if (fresh.length === 0) return { entries: 0, points: 0 };
  const customerIds = [...new Set(fresh.map((order) => order.customerId))];
  const facts = await ctx.core.facts.many(ctx.teamId, customerIds);
  const [tiers, accounts] = await Promise.all([
    tierMultipliers(ctx, facts),
    readAccounts(ctx, customerIds),
  ]);
  const levels = ctx.config.levels.thresholds;
  const levelMultiplier = (customerId: number) => {
    const level = accounts.get(customerId)?.level;
    return levels.find((l) => l.id === level)?.multiplier ?? levels[0]?.multiplier ?? 1;
  };
  const credits: Credit[] = fresh.map((order) => ({
    customerId: order.customerId,
    kind: 'earn',
    points: pointsFor(
      order.amount,
      ctx.config.earning,
      tiers.get(order.customerId) ?? 1,
      levelMultiplier(order.customerId),
    ),
    amount: order.amount,
    orderId: order.id,
  }));
  const inBatch = new Map<number, number>();
  for (const order of fresh)
    inBatch.set(order.customerId, (inBatch.get(order.customerId) ?? 0) + 1);
  const bonus = ctx.config.bonuses.firstOrder;
  for (const f of facts) {
    // Facts already count this batch: every order the customer has is in it.
    if (bonus > 0 && f.orderCount <= (inBatch.get(f.customerId) ?? 0)) {
      credits.push({
        customerId: f.customerId,
        kind: 'earn',
        points: bonus,
        reference: FIRST_ORDER_REFERENCE,
        note: 'first order',
      });
    }
  }
  const written = await credit(ctx, credits, actor);
  await relevel(ctx, customerIds, { upgradeOnly: true });
  await ctx.core.customers.touch(ctx.teamId, customerIds);
  return {
    entries: written.length,
    points: written.reduce((sum, entry) => sum + entry.points, 0),
  };
}
