import { type CustomerFacts, chunked, type Order, type PluginContext } from '@guanxi/core';
import { tablesOf } from './tables';

type Ctx = Pick<PluginContext, 'teamId' | 'db' | 'core'>;

/** Orders read back for a customer whose history predates the plugin. */
const BACKFILL_LIMIT = 1_000;

/** Keeps each customer's distinct order days, so gaps never need a read of the orders. */
export async function recordOrderDays(ctx: Ctx, orders: readonly Order[]): Promise<void> {
  const rows = new Map<string, { team_id: number; customer_id: number; day: string }>();
  for (const order of orders) {
    const day = order.placedAt.slice(0, 10);
    rows.set(`${order.customerId}/${day}`, {
      team_id: ctx.teamId,
      customer_id: order.customerId,
      day,
    });
  }
  for (const chunk of chunked([...rows.values()], 500)) {
    await tablesOf(ctx)
      .insertInto('winback_order_days')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * Each customer's order days, oldest first. With `backfill`, a customer whose first order is
 * missing (the team had orders before turning the plugin on) has their history read once and kept.
 */
export async function orderDaysOf(
  ctx: Ctx,
  facts: readonly CustomerFacts[],
  backfill = true,
): Promise<Map<number, string[]>> {
  const days = await storedDays(
    ctx,
    facts.map((f) => f.customerId),
  );
  for (const f of backfill ? facts : []) {
    if (f.firstOrderAt === null) continue;
    const first = days.get(f.customerId)?.[0];
    if (first !== undefined && first <= f.firstOrderAt.slice(0, 10)) continue;
    const orders = await ctx.core.orders.forCustomer(ctx.teamId, f.customerId, BACKFILL_LIMIT);
    await recordOrderDays(ctx, orders);
    const all = new Set([
      ...(days.get(f.customerId) ?? []),
      ...orders.map((o) => o.placedAt.slice(0, 10)),
    ]);
    days.set(f.customerId, [...all].sort());
  }
  return days;
}

async function storedDays(
  ctx: Ctx,
  customerIds: readonly number[],
): Promise<Map<number, string[]>> {
  const days = new Map<number, string[]>();
  for (const ids of chunked(customerIds, 500)) {
    const rows = await tablesOf(ctx)
      .selectFrom('winback_order_days')
      .select(['customer_id', 'day'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', ids)
      .orderBy('customer_id')
      .orderBy('day')
      .execute();
    for (const row of rows) {
      const list = days.get(row.customer_id) ?? [];
      list.push(row.day);
      days.set(row.customer_id, list);
    }
  }
  return days;
}

const DAY_MS = 86_400_000;

/** The median of the gaps between consecutive order days, in days; null under two days. */
export function medianGapDays(days: readonly string[]): number | null {
  if (days.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < days.length; i += 1) {
    gaps.push((Date.parse(days[i] as string) - Date.parse(days[i - 1] as string)) / DAY_MS);
  }
  gaps.sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1
    ? (gaps[middle] as number)
    : ((gaps[middle - 1] as number) + (gaps[middle] as number)) / 2;
}

/** Whole days from `from` to `now`. */
export function daysBetween(from: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(from)) / DAY_MS);
}
