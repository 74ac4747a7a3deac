import { chunked, type Order, PreparedBatch, PreparedQuery } from '@guanxi/core';
import type { LevelConfig } from '../config';
import type { LoyaltyContext } from '../context';
import { type Account, openingLevel, readAccounts } from '../ledger/accounts';
import { type Added, creditNew } from '../ledger/credit';
import type { Earning } from '../ledger/earnings';
import { statementChunks } from '../ledger/statement-chunks';
import { rankOf, relevel } from '../levels/levels';
import { type LoyaltyTables, loyaltyDb } from '../tables';
import { pointsFor } from './points';
import { tierMultipliers } from './tiers';

export const FIRST_ORDER_REFERENCE = 'bonus:first-order';

interface OrderKey {
  team_id: number;
  order_id: number;
}

/** Which of these orders have earned: a read compiled once per number of orders. */
const earnedOrders = new PreparedBatch<OrderKey, { order_id: number | null }, LoyaltyTables>(
  ['team_id', 'order_id'],
  (db, rows) =>
    db
      .selectFrom('loyalty_ledger')
      .select('order_id')
      .where('team_id', '=', (rows[0] as OrderKey).team_id)
      .where('kind', '=', 'earn')
      .where(
        'order_id',
        'in',
        rows.map((row) => row.order_id),
      ),
);

const lastOrder = new PreparedQuery<{ teamId: number }, { last: number | null }, LoyaltyTables>(
  (db, param) =>
    db
      .selectFrom('loyalty_ledger')
      .select((eb) => eb.fn.max('order_id').as('last'))
      .where('team_id', '=', param('teamId'))
      .where('order_id', 'is not', null),
);

/** The highest order id with an entry in the team's ledger, or 0: one read of the order index. */
async function lastOrderInLedger(ctx: LoyaltyContext): Promise<number> {
  const row = await lastOrder.first(loyaltyDb(ctx), { teamId: ctx.teamId });
  return Number(row?.last ?? 0);
}

/**
 * The orders of these that are already in the ledger. None is when all are past the last order
 * in the ledger, as a fresh batch is (order ids only grow): only a replay needs the lookup.
 */
async function alreadyEarned(ctx: LoyaltyContext, orders: readonly Order[]): Promise<Set<number>> {
  const earned = new Set<number>();
  const oldest = orders.reduce((min, order) => Math.min(min, order.id), Number.POSITIVE_INFINITY);
  if (oldest > (await lastOrderInLedger(ctx))) return earned;
  const rows = orders.map((order) => ({ team_id: ctx.teamId, order_id: order.id }));
  for (const chunk of statementChunks(rows)) {
    for (const row of await earnedOrders.execute(loyaltyDb(ctx), chunk)) {
      earned.add(Number(row.order_id));
    }
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

/**
 * Customers whose first order is in this batch: their facts count only the batch's orders.
 * An account with spend has earned on an order before, so only the others are looked up.
 */
async function firstBuyers(
  ctx: LoyaltyContext,
  orders: readonly Order[],
  accounts: ReadonlyMap<number, Account>,
): Promise<number[]> {
  const inBatch = new Map<number, number>();
  for (const order of orders) {
    if ((accounts.get(order.customerId)?.spend ?? 0) > 0) continue;
    inBatch.set(order.customerId, (inBatch.get(order.customerId) ?? 0) + 1);
  }
  if (inBatch.size === 0) return [];
  const facts = await ctx.core.facts.many(ctx.teamId, [...inBatch.keys()]);
  return facts
    .filter((f) => f.orderCount <= (inBatch.get(f.customerId) ?? 0))
    .map((f) => f.customerId);
}

/**
 * Whether a customer's level value could now reach the next level, from the account as the
 * batch left it: no period's value exceeds the whole history's, so below the next threshold
 * no re-level is needed.
 */
function couldRise(
  levels: readonly LevelConfig[],
  basis: 'points' | 'spend',
  account: Account,
): boolean {
  if (!levels.some((l) => l.id === account.level)) return true;
  const next = levels[rankOf(levels, account.level) + 1];
  if (next === undefined) return false;
  return (basis === 'points' ? account.earned : account.spend) >= next.threshold;
}

/** Each order's earning: by spend, times the customer's tier and level multipliers. */
function orderEarnings(
  ctx: LoyaltyContext,
  orders: readonly Order[],
  tiers: ReadonlyMap<number, number>,
  accounts: ReadonlyMap<number, Account>,
): Earning[] {
  const levels = ctx.config.levels.thresholds;
  const multipliers = new Map(levels.map((level) => [level.id, level.multiplier]));
  const levelMultiplier = (customerId: number) => {
    const level = accounts.get(customerId)?.level ?? '';
    return multipliers.get(level) ?? levels[0]?.multiplier ?? 1;
  };
  return orders.map((order) => ({
    customerId: order.customerId,
    kind: 'earn',
    orderId: order.id,
    amount: order.amount,
    points: pointsFor(
      order.amount,
      ctx.config.earning,
      tiers.get(order.customerId) ?? 1,
      levelMultiplier(order.customerId),
    ),
  }));
}

/**
 * The first-order bonus of customers whose first orders are these, unless already given (a
 * customer with no account has no entries, so only those with one are looked up).
 */
async function firstOrderBonuses(
  ctx: LoyaltyContext,
  orders: readonly Order[],
  accounts: ReadonlyMap<number, Account>,
): Promise<Earning[]> {
  const bonus = ctx.config.bonuses.firstOrder;
  if (bonus === 0) return [];
  const first = await firstBuyers(ctx, orders, accounts);
  const bonused = await bonusedAlready(
    ctx,
    first.filter((customerId) => accounts.has(customerId)),
  );
  return first
    .filter((customerId) => !bonused.has(customerId))
    .map((customerId) => ({
      customerId,
      kind: 'earn',
      points: bonus,
      orderId: null,
      amount: null,
    }));
}

/**
 * Of these customers, those whose level value could now reach a higher level, with their
 * accounts as the batch left them (`before` as read, plus what the batch added).
 */
function risers(
  ctx: LoyaltyContext,
  before: ReadonlyMap<number, Account>,
  added: ReadonlyMap<number, Added>,
): Map<number, Account> {
  const { thresholds, basis } = ctx.config.levels;
  const opening = openingLevel(ctx);
  const rising = new Map<number, Account>();
  for (const [customerId, sum] of added) {
    const account = before.get(customerId);
    const after = {
      customerId,
      level: account?.level ?? opening,
      balance: (account?.balance ?? 0) + sum.balance,
      earned: (account?.earned ?? 0) + sum.earned,
      spend: (account?.spend ?? 0) + sum.spend,
    };
    if (couldRise(thresholds, basis, after)) rising.set(customerId, after);
  }
  return rising;
}

/**
 * Earns points for a batch of orders: one entry per order (0 points still records the
 * spend), the first-order bonus for customers whose first orders are in the batch, then
 * upgrades those who could now reach a higher level. Reads accounts and tiers once for the
 * batch (re-levelling works from the accounts as read plus what the batch added), and facts
 * only for customers who may be buying for the first time; an order already in the ledger
 * earns nothing again. The core's order write has already refreshed these customers' cards.
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
  const [tiers, accounts] = await Promise.all([
    tierMultipliers(ctx, customerIds),
    readAccounts(ctx, customerIds),
  ]);
  const earnings = orderEarnings(ctx, fresh, tiers, accounts);
  const bonuses = await firstOrderBonuses(ctx, fresh, accounts);
  const added = await creditNew(
    ctx,
    [
      { earnings, reference: null, note: null },
      { earnings: bonuses, reference: FIRST_ORDER_REFERENCE, note: 'first order' },
    ],
    actor,
    accounts,
  );
  const credits = [...earnings, ...bonuses];
  const rising = risers(ctx, accounts, added);
  if (rising.size > 0) {
    await relevel(ctx, [...rising.keys()], { upgradeOnly: true, accounts: rising });
  }
  return {
    entries: credits.length,
    points: credits.reduce((sum, c) => sum + c.points, 0),
  };
}
