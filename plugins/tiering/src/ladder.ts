import { type RawBuilder, sql } from 'kysely';
import type { LadderConfig } from './config';
import type { LadderLevel } from './tiers';

/** What the ladder reads of a customer's facts. */
export interface LadderFacts {
  readonly orderCount: number;
  readonly firstOrderAt: string | null;
  readonly lastOrderAt: string | null;
}

const DAY_MS = 86_400_000;

/** The ladder's day thresholds as ISO times before `now`; ISO-8601 UTC text compares as time. */
function cutoffs(now: Date, config: LadderConfig) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return {
    newAfter: ago(config.newDays),
    oldBy: ago(config.oldDays),
    loyalBy: ago(config.loyalDays),
    recentFrom: ago(config.loyalRecentDays),
  };
}

/** The customer's rung on the loyalty ladder at `now` (rules in config.ts, `ladderSchema`). */
export function ladderLevel(facts: LadderFacts, now: Date, config: LadderConfig): LadderLevel {
  const c = cutoffs(now, config);
  const first = facts.firstOrderAt;
  const last = facts.lastOrderAt;
  if (facts.orderCount === 0) return 'potential';
  if (facts.orderCount === 1 || (first !== null && first > c.newAfter)) return 'new';
  if (
    facts.orderCount >= config.loyalOrders &&
    first !== null &&
    first <= c.loyalBy &&
    last !== null &&
    last >= c.recentFrom
  ) {
    return 'loyal';
  }
  if (facts.orderCount >= config.regularOrders && first !== null && first <= c.oldBy) return 'old';
  return facts.orderCount >= config.regularOrders ? 'regular' : 'new';
}

/** `ladderLevel` as SQL over tiering_values' copies of the facts, for the recompute job. */
export function ladderSql(now: Date, config: LadderConfig): RawBuilder<LadderLevel> {
  const c = cutoffs(now, config);
  return sql<LadderLevel>`case
    when order_count = 0 then 'potential'
    when order_count = 1 or first_order_at > ${c.newAfter} then 'new'
    when order_count >= ${config.loyalOrders} and first_order_at <= ${c.loyalBy}
      and last_order_at >= ${c.recentFrom} then 'loyal'
    when order_count >= ${config.regularOrders} and first_order_at <= ${c.oldBy} then 'old'
    when order_count >= ${config.regularOrders} then 'regular'
    else 'new' end`;
}
