import { type CustomerFacts, chunked, type Order } from '@guanxi/core';
import type { LevelConfig } from '../config';
import type { LoyaltyContext } from '../context';
import { type Account, readAccounts } from '../ledger/accounts';
import { type Credit, creditNew } from '../ledger/credit';
import { rankOf, relevel } from '../levels/levels';
import { loyaltyDb } from '../tables';
import { pointsFor } from './points';
import { tierMultipliers } from './tiers';

export const FIRST_ORDER_REFERENCE = 'bonus:first-order';

/** The orders of these that are already in the ledger. */
async function alreadyEarned(ctx: LoyaltyContext, orders: readonly Order[]): Promise<Set<number>> {
  const earned = new Set<number>();
  for (const ids of chunked(
    orders.map((order) => order.id),
    500,
  )) {
    const rows = await loyaltyDb(ctx)
      .selectFrom('loyalty_ledger')
      .select('order_id')
      .where('team_id', '=', ctx.teamId)
      .where('kind', '=', 'earn')
      .where('order_id', 'in', ids)
      .execute();
    for (const row of rows) earned.add(Number(row.order_id));
  }
  return earned;
}

/** Of these customers, those who have had the first-order bonus. */
async function bonusedAlready(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
): Promise<Set<number>> {
  const bonused = new Set<number>();
  for (const ids of chunked(customerIds, 500)) {
    const rows = await loyaltyDb(ctx)
      .selectFrom('loyalty_ledger')
      .select('customer_id')
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', ids)
      .where('reference', '=', FIRST_ORDER_REFERENCE)
      .execute();
    for (const row of rows) bonused.add(Number(row.customer_id));
  }
  return bonused;
}

/** Customers whose first order is in this batch: their facts count only the batch's orders. */
function firstBuyers(facts: readonly CustomerFacts[], orders: readonly Order[]): number[] {
  const inBatch = new Map<number, number>();
  for (const order of orders) {
    inBatch.set(order.customerId, (inBatch.get(order.customerId) ?? 0) + 1);
  }
  return facts
    .filter((f) => f.orderCount <= (inBatch.get(f.customerId) ?? 0))
    .map((f) => f.customerId);
}

/**
 * Whether a customer's level value could now reach the next level: it never exceeds the
 * lifetime points earned (or spend), so below the next threshold no re-level is needed.
 */
function couldRise(
  levels: readonly LevelConfig[],
  basis: 'points' | 'spend',
  account: Account | undefined,
  added: { points: number; spend: number },
): boolean {
  const level = account?.level ?? levels[0]?.id ?? '';
  if (!levels.some((l) => l.id === level)) return true;
  const next = levels[rankOf(levels, level) + 1];
  if (next === undefined) return false;
  const lifetime =
    basis === 'points'
      ? (account?.earned ?? 0) + added.points
      : (account?.spend ?? 0) + added.spend;
  return lifetime >= next.threshold;
}

/**
 * Earns points for a batch of orders: one entry per order (0 points still records the
 * spend), the first-order bonus for customers whose first orders are in the batch, then
 * upgrades those who could now reach a higher level. Reads tiers, facts and accounts once for
 * the batch; an order already in the ledger earns nothing again. The core's order write has
 * already refreshed these customers' cards.
 */
export async function earnForOrders(
  ctx: LoyaltyContext,
  orders: readonly Order[],
  actor = 'system',
): Promise<{ entries: number; points: number }> {
  const earned = await alreadyEarned(ctx, orders);
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
  const bonus = ctx.config.bonuses.firstOrder;
  const first = bonus > 0 ? firstBuyers(facts, fresh) : [];
  const bonused = await bonusedAlready(ctx, first);
  for (const customerId of first) {
    if (bonused.has(customerId)) continue;
    credits.push({
      customerId,
      kind: 'earn',
      points: bonus,
      reference: FIRST_ORDER_REFERENCE,
      note: 'first order',
    });
  }
  await creditNew(ctx, credits, actor);
  const added = new Map<number, { points: number; spend: number }>();
  for (const c of credits) {
    const sum = added.get(c.customerId) ?? { points: 0, spend: 0 };
    sum.points += c.points;
    sum.spend += c.amount ?? 0;
    added.set(c.customerId, sum);
  }
  const basis = ctx.config.levels.basis;
  const rising = customerIds.filter((id) =>
    couldRise(levels, basis, accounts.get(id), added.get(id) ?? { points: 0, spend: 0 }),
  );
  if (rising.length > 0) await relevel(ctx, rising, { upgradeOnly: true });
  return {
    entries: credits.length,
    points: credits.reduce((sum, c) => sum + c.points, 0),
  };
}
